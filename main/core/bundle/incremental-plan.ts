/**
 * What an incremental export builds, found from what changed since the last export instead of
 * walking every award: the journal's lines after the recorded head (their hash chain checked from
 * the recorded hash), new awards (ledger rows from the recorded count on, in ledger order: the
 * last award blocks), revocations and reissues in those lines, awards whose expiry fell between
 * the two state times (the ledger's expiry map), and the personal pages of those awards'
 * recipients (the recorded plan: which page each award's recipient has). Anything else in the
 * journal, a change of a global input (badges, keys, settings, page key or showcases, merged
 * stations, PDFs, scripts: one digest), or a record that does not fit gives undefined: the export
 * then walks every award, as a full one does.
 */
import { closeSync, existsSync, openSync, readdirSync, readFileSync, readSync } from 'node:fs'
import path from 'node:path'
import { normaliseEmail } from '../../../shared/email.js'
import type { Station } from '../station/station.js'
import { checkLine, sha256Hex } from '../storage/journal-lines.js'
import { parseEntry } from '../journal/parse.js'
import { newestFirst, planOne, type PersonalPagePlan } from '../site/personal-pages.js'
import type { MergedStation } from './merged-stations.js'
import {
  AWARDS_PER_BLOCK,
  globalsDigest,
  PEOPLE_PER_BLOCK,
  siteAwardAt,
  siteMeta,
  type PartialSource,
  type RecordedPoint,
  type SiteAward,
  type SiteScripts,
  type SnapshotPoint
} from './site-units.js'
import { PeoplePages } from './people-file.js'

export type IncrementalPlan = Readonly<{
  partial: PartialSource
  /** Every block of the site, in order (those not built keep their recorded state). */
  order: readonly string[]
  since: SnapshotPoint
}>

/** Journal events that change nothing on the site. */
const NEUTRAL = new Set([
  'bundle.exported',
  'site.published',
  'station.exported',
  'backup.created',
  'key.exported',
  'desk.entered',
  'desk.left',
  'desk.refused',
  'delivery.queued',
  'delivery.sending',
  'delivery.sent',
  'delivery.deferred',
  'delivery.failed',
  'delivery.cancelled',
  'delivery.retried',
  'rule.run',
  // The catalog's parts the site reads are in the globals digest.
  'catalog.written'
])

/** The journal's bytes from `from` to `to` (the lines after the recorded head). */
function readTail(file: string, from: number, to: number): Buffer {
  const out = Buffer.alloc(to - from)
  const fd = openSync(file, 'r')
  try {
    let done = 0
    while (done < out.length) {
      const n = readSync(fd, out, done, out.length - done, from + done)
      if (n === 0) break
      done += n
    }
    return done === out.length ? out : out.subarray(0, done)
  } finally {
    closeSync(fd)
  }
}

/**
 * The plan, or undefined when the export must walk everything. `recorded`: the last export's
 * blocks (name → present); `lastDelta`: the blocks its bundle carried ('full': every one).
 */
export function planIncremental(
  station: Station,
  merged: readonly MergedStation[],
  scripts: SiteScripts,
  since: RecordedPoint,
  peopleFile: string,
  recordedBlocks: ReadonlySet<string>,
  lastDelta: readonly string[] | 'full'
): IncrementalPlan | undefined {
  const catalog = station.catalog
  const ledger = station.awards
  if (merged.length > 0) return undefined
  if (ledger.stationIds().some((s) => s !== catalog.stationId)) return undefined
  const certificatesDir = path.join(station.paths.dataDir, 'certificates')
  const pdfs = existsSync(certificatesDir) ? readdirSync(certificatesDir) : []
  const { shared } = siteMeta(station)
  if (globalsDigest(station, merged, scripts, shared, pdfs) !== since.globals) return undefined

  // The journal after the recorded head: every line checked against the chain.
  const journal = station.journal
  const head = journal.head
  const size = journal.size
  if (size < since.bytes || head.seq < since.seq) return undefined
  const tail = readTail(journal.file, since.bytes, size)
  let seq = since.seq
  let prev = since.hash
  /** The new awards' ids and e-mails, in journal order (the ledger's new rows). */
  const issued: { id: string; email: string }[] = []
  const revokedIds: string[] = []
  const replacedIds: string[] = []
  const addedEmails: string[] = []
  let start = 0
  while (start < tail.length) {
    const end = tail.indexOf(0x0a, start)
    if (end < 0) return undefined
    const bytes = tail.subarray(start, end)
    const check = checkLine(bytes, seq + 1, prev, journal.stationId)
    if ('reason' in check) return undefined
    seq++
    prev = sha256Hex(bytes)
    start = end + 1
    const entry = parseEntry(check.entry, journal.file, seq)
    if (entry.type === 'award.issued') {
      issued.push({ id: entry.data.award.id, email: entry.data.award.recipientEmail })
      const replaces = entry.data.award.replacesAwardId
      if (replaces) replacedIds.push(replaces)
    } else if (entry.type === 'award.revoked') revokedIds.push(entry.data.awardId)
    else if (entry.type === 'recipient.added') addedEmails.push(entry.data.recipient.email)
    else if (!NEUTRAL.has(entry.type)) return undefined
  }
  if (seq !== head.seq || prev !== head.hash) return undefined

  // The people file of the record.
  const peopleBytes = existsSync(peopleFile) ? readFileSync(peopleFile) : undefined
  if (!peopleBytes || sha256Hex(peopleBytes) !== since.people) return undefined
  const plan = PeoplePages.read(peopleBytes)
  if (!plan || plan.planOfRow.length !== since.rows) return undefined

  const rows = ledger.size
  if (rows - since.rows !== issued.length) return undefined
  const cache = new Map<number, SiteAward | undefined>()
  const award = (row: number): SiteAward | undefined => {
    if (!cache.has(row)) {
      cache.set(row, siteAwardAt(station, row, issued[row - since.rows]?.email ?? ''))
    }
    return cache.get(row)
  }

  // The state time moves with the new awards and revocations only (the rest is global).
  let at = since.at
  const later = (t: string | undefined): void => {
    if (t !== undefined && t > at) at = t
  }
  const changed = new Set<number>()
  for (let row = since.rows; row < rows; row++) {
    const a = award(row)
    if (!a || a.id !== issued[row - since.rows]?.id) return undefined
    later(a.awardedDate)
    later(a.revokedAt)
    changed.add(row)
  }
  for (const id of [...revokedIds, ...replacedIds]) {
    const row = ledger.rowOf(id)
    if (row === undefined) return undefined
    later(award(row)?.revokedAt)
    changed.add(row)
  }
  for (const row of ledger.rowsExpiringIn(since.at, at)) changed.add(row)

  // A recipient added with an e-mail that already had awards would now get a page for them
  // (only possible when some award had no recipient).
  const orphans = plan.planOfRow.includes(-1)
  for (const email of orphans ? addedEmails : []) {
    let fresh = 0
    const normal = normaliseEmail(email)
    for (let row = since.rows; row < rows; row++) {
      if (normaliseEmail(award(row)?.recipientEmail ?? '') === normal) fresh++
    }
    if (ledger.awardCountFor([email]) !== fresh) return undefined
  }

  // The pages of the new awards' recipients (new recipients come last, in order of first award).
  const planOfRow = new Int32Array(rows)
  planOfRow.set(plan.planOfRow)
  const recipientOf = new Map<string, string | undefined>()
  for (const { email } of issued) {
    if (!recipientOf.has(email)) recipientOf.set(email, station.recipients.idForEmail(email))
  }
  const pageOf = new Map<string, number>()
  const added: string[] = []
  for (let row = since.rows; row < rows; row++) {
    const recipient = recipientOf.get(issued[row - since.rows]?.email ?? '')
    let page = -1
    if (recipient !== undefined) {
      page = pageOf.get(recipient) ?? plan.people.pageOf(recipient)
      if (page < 0 && station.recipients.record(recipient)) {
        page = plan.people.size + added.length
        added.push(recipient)
      }
      pageOf.set(recipient, page)
    }
    planOfRow[row] = page
  }
  const people = plan.people.withAdded(added)

  const awardBlocks = new Set<number>()
  const peopleBlocks = new Set<number>()
  for (const row of changed) {
    awardBlocks.add(Math.floor(row / AWARDS_PER_BLOCK))
    const page = planOfRow[row] ?? -1
    if (page >= 0) peopleBlocks.add(Math.floor(page / PEOPLE_PER_BLOCK))
  }
  if (changed.size === 0) {
    // Nothing changed: the bundle is written again, from the blocks it carried.
    if (lastDelta === 'full') return undefined
    for (const name of lastDelta) {
      const [kind, n] = name.split('.')
      if (kind === 'awards') awardBlocks.add(Number(n))
      if (kind === 'people') peopleBlocks.add(Number(n))
    }
  }

  // Every block in order; those not built must be in the record.
  const order = ['site']
  const awardBlockCount = Math.ceil(rows / AWARDS_PER_BLOCK)
  const peopleBlockCount = Math.ceil(people.size / PEOPLE_PER_BLOCK)
  for (let b = 0; b < awardBlockCount; b++) order.push(`awards.${b}`)
  for (let b = 0; b < peopleBlockCount; b++) order.push(`people.${b}`)
  for (const [i, name] of order.entries()) {
    if (i === 0) continue
    const [kind, n] = name.split('.')
    const built = kind === 'awards' ? awardBlocks : peopleBlocks
    if (!built.has(Number(n)) && !recordedBlocks.has(name)) return undefined
  }

  const awardRows: number[] = []
  for (const b of [...awardBlocks].sort((x, y) => x - y)) {
    const end = Math.min(rows, (b + 1) * AWARDS_PER_BLOCK)
    for (let row = b * AWARDS_PER_BLOCK; row < end; row++) {
      if (!award(row)) return undefined
      awardRows.push(row)
    }
  }

  // The pages of the changed people blocks: each person's awards (one pass over the plan).
  const rowsOfPage = new Map<number, number[]>()
  const pageBuilt = new Uint8Array(people.size)
  for (const b of peopleBlocks) {
    const end = Math.min(people.size, (b + 1) * PEOPLE_PER_BLOCK)
    for (let p = b * PEOPLE_PER_BLOCK; p < end; p++) {
      rowsOfPage.set(p, [])
      pageBuilt[p] = 1
    }
  }
  for (let row = 0; row < rows; row++) {
    const page = planOfRow[row] ?? -1
    if (page >= 0 && pageBuilt[page] === 1) rowsOfPage.get(page)?.push(row)
  }
  const plans: [number, PersonalPagePlan][] = []
  for (const [page, list] of [...rowsOfPage].sort((x, y) => x[0] - y[0])) {
    const recipientId = people.idAt(page)
    if (recipientId === undefined) return undefined
    const active: number[] = []
    for (let i = list.length - 1; i >= 0; i--) {
      const row = list[i] ?? -1
      const a = award(row)
      if (!a || a.revokedAt !== undefined) continue
      if (a.validUntil !== undefined && a.validUntil <= at) continue
      active.push(row)
    }
    newestFirst(active, (row) => award(row)?.awardedDate ?? '')
    const one = planOne(station, recipientId, active, (row) => award(row)?.id)
    if (!one) return undefined
    plans.push([page, one])
  }

  const awardedBadges = new Set(
    catalog.badges.filter((b) => ledger.badgeStats(b.id).count > 0).map((b) => b.id)
  )
  return {
    partial: { awardRows, award: (row) => cache.get(row), at, awardedBadges, plans },
    order,
    since: {
      seq: head.seq,
      hash: head.hash,
      bytes: size,
      rows,
      at,
      globals: since.globals,
      people,
      planOfRow
    }
  }
}
