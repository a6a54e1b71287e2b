import fs from 'node:fs'
import path from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import { createCore, type Core } from '../create-core.js'
import { CheckpointFile, readCounts, writeCheckpoint } from '../journal/checkpoint-file.js'
import {
  decodeLedgerHeader,
  encodeLedgerColumns,
  LEDGER_NUMBER_COLUMNS
} from '../awards/ledger-columns.js'
import { NumberColumn, StringColumn } from '../awards/ledger-store.js'
import { SavedBook } from '../recipients/book-columns.js'
import { bookRow } from '../recipients/book-snapshot.js'
import { logger } from '../logger.js'
import { KIT_PASSPHRASE, freshKit, type Kit } from '../awards/test-support/station-kit.js'
import { spawnBundled } from '../../../test/support/spawn-bundled.js'

let kits: Kit[] = []
let cores: Core[] = []
afterEach(async () => {
  for (const core of cores) await core.close()
  cores = []
  for (const kit of kits) await kit.close()
  kits = []
})

const ctx = { host: 'cli' } as const

async function open(dir: string): Promise<Core> {
  const core = await createCore({ dataDir: dir, host: 'cli' })
  cores.push(core)
  return core
}

async function closeAll(): Promise<void> {
  for (const core of cores) await core.close()
  cores = []
}

/** A station with awards, a revocation, a reissue and a recipient added by hand. */
async function busyStation(): Promise<Kit> {
  const kit = await freshKit()
  kits.push(kit)
  for (const name of ['Ana Pérez', 'Bo', 'Cy', 'Dee', 'Émile Zola']) {
    await kit.call('awards:issue', {
      badgeId: kit.badgeId,
      email: `${name.split(' ')[0]?.toLowerCase()}@example.org`,
      name
    })
  }
  const { awards } = await kit.call('awards:list', {})
  const bo = awards.find((a) => a.recipientName === 'Bo')
  if (!bo) throw new Error('no award for Bo')
  await kit.call('awards:revoke', { id: bo.id, reason: 'Issued by mistake' })
  await kit.call('recipients:create', { name: 'Fay', email: 'fay@example.org' })
  return kit
}

/** Every projection's state as text, plus what people see: the lists, search, analytics, audit. */
async function everything(core: Core): Promise<unknown> {
  const s = core.station
  const call = async (method: Parameters<Core['dispatch']>[0], input: unknown) => {
    const r = await core.dispatch(method, input as never, ctx)
    if (!r.ok) throw new Error(`${method}: ${r.error.message}`)
    return r.value
  }
  return {
    snapshots: {
      awards: s.awards.snapshot(),
      recipients: s.recipients.snapshot(),
      checkins: s.checkins.snapshot(),
      journalIndex: s.journalIndex.snapshot(),
      outbox: s.outbox.snapshot(),
      importedBadges: s.importedBadges.snapshot(),
      catalogHashes: s.catalogHashes.snapshot()
    },
    status: s.status().counts,
    list: await call('awards:list', {}),
    search: await call('awards:list', { query: 'emile' }),
    recipients: await call('recipients:list', {}),
    analytics: withoutClock(await call('analytics:summary', { bucket: 'month' })),
    audit: await call('audit:list', { offset: 0, limit: 100 })
  }
}

/** The summary says when it was made and up to when it counts (now): not part of the state. */
function withoutClock(value: unknown): unknown {
  return JSON.parse(JSON.stringify(value), (key, v: unknown) =>
    key === 'generatedAt' || key === 'to' ? undefined : v
  )
}

/** The same data directory read with no checkpoint at all: the whole journal replayed. */
async function fullReplay(dir: string): Promise<unknown> {
  await closeAll()
  const saved = path.join(dir, 'journal.checkpoint.saved')
  fs.renameSync(path.join(dir, 'journal.checkpoint'), saved)
  const core = await open(dir)
  expect(core.station.journal.verification.resumedAt).toBe(0)
  const state = await everything(core)
  await closeAll()
  fs.renameSync(saved, path.join(dir, 'journal.checkpoint'))
  return state
}

async function checkpointed(kit: Kit): Promise<number> {
  kit.core.station.checkpoint({ force: true })
  const seq = kit.core.station.journal.count
  await kit.core.close()
  return seq
}

function sectionStart(file: string, key: string): number {
  const bytes = fs.readFileSync(file)
  const headerEnd = bytes.indexOf(10)
  const header: unknown = JSON.parse(bytes.subarray(0, headerEnd).toString('utf8'))
  const sections = (header as { sections: { key: string; bytes: number }[] }).sections
  let at = headerEnd + 1
  for (const s of sections) {
    if (s.key === key) return at
    at += s.bytes + 1
  }
  throw new Error(`no section ${key}`)
}

describe('checkpoints', () => {
  it('an open after a checkpoint equals a full replay, also after more entries', async () => {
    const kit = await busyStation()
    const seq = await checkpointed(kit)
    const file = path.join(kit.dir, 'journal.checkpoint')
    expect(CheckpointFile.read(file)?.point.seq).toBe(seq)

    let core = await open(kit.dir)
    expect(core.station.journal.verification.resumedAt).toBe(seq)
    // Status reads the saved counts; nothing of the awards is parsed for it.
    expect(core.station.status().counts).toMatchObject({ awards: 5, recipients: 6 })
    const resumed = await everything(core)
    expect(resumed).toEqual(await fullReplay(kit.dir))

    // More entries after the checkpoint: the tail is replayed on top of the restored state.
    core = await open(kit.dir)
    await core.dispatch('station:unlock', { passphrase: KIT_PASSPHRASE }, ctx)
    const more = await core.dispatch(
      'awards:issue',
      { badgeId: kit.badgeId, email: 'gus@example.org', name: 'Gus' },
      ctx
    )
    expect(more.ok).toBe(true)
    // The book changes after its checkpoint too: an e-mail changed, two people merged.
    const ids = new Map(
      ['Cy', 'Dee', 'Fay'].map((name) => [
        name,
        core.station.recipients.idForEmail(`${name.toLowerCase()}@example.org`) ?? ''
      ])
    )
    const idOf = (name: string) => ids.get(name) ?? ''
    const changed = await core.dispatch(
      'recipients:update',
      { id: idOf('Cy'), email: 'cy.new@example.org' },
      ctx
    )
    expect(changed.ok).toBe(true)
    const merged = await core.dispatch(
      'recipients:merge',
      { keepId: idOf('Dee'), mergeIds: [idOf('Fay')] },
      ctx
    )
    expect(merged.ok).toBe(true)
    await closeAll()
    core = await open(kit.dir)
    expect(core.station.journal.verification.resumedAt).toBe(seq)
    // Looked up one at a time from the saved book (the e-mails changed after it are followed).
    expect(core.station.recipients.idForEmail('cy@example.org')).toBeUndefined()
    expect(core.station.recipients.idForEmail('cy.new@example.org')).toBe(idOf('Cy'))
    expect(core.station.recipients.idForEmail('fay@example.org')).toBe(idOf('Dee'))
    expect(core.station.recipients.emailsOf(idOf('Dee'))).toEqual([
      'dee@example.org',
      'fay@example.org'
    ])
    expect(core.station.journal.count).toBeGreaterThan(seq)
    const afterMore = await everything(core)
    expect(afterMore).toMatchObject({ status: { awards: 6 } })
    expect(afterMore).toEqual(await fullReplay(kit.dir))
  })

  it('after a small change, the counts at the head spare status the restore', async () => {
    const kit = await busyStation()
    const seq = await checkpointed(kit)
    let core = await open(kit.dir)
    await core.dispatch('station:unlock', { passphrase: KIT_PASSPHRASE }, ctx)
    const more = await core.dispatch(
      'awards:issue',
      { badgeId: kit.badgeId, email: 'kim@example.org', name: 'Kim' },
      ctx
    )
    expect(more.ok).toBe(true)
    const head = core.station.journal.head
    await closeAll()
    // No new checkpoint (far fewer than CHECKPOINT_EVERY entries), but the counts at the head.
    expect(CheckpointFile.read(path.join(kit.dir, 'journal.checkpoint'))?.point.seq).toBe(seq)
    expect(readCounts(path.join(kit.dir, 'journal.counts'))).toMatchObject({
      seq: head.seq,
      head: head.hash,
      counts: { awards: { awards: 6 }, recipients: { active: 7 } }
    })
    core = await open(kit.dir)
    expect(core.station.status().counts).toMatchObject({ awards: 6, recipients: 7 })
    const counts = core.station.status().counts
    await closeAll()
    // An edited counts file is not believed (the ledger is restored instead).
    const countsFile = path.join(kit.dir, 'journal.counts')
    fs.writeFileSync(
      countsFile,
      fs.readFileSync(countsFile, 'utf8').replace('"awards":6', '"awards":9')
    )
    core = await open(kit.dir)
    expect(core.station.status().counts).toEqual(counts)
    await closeAll()
    // Counts of another head are not used: a full replay agrees with what status said.
    const replayed = (await fullReplay(kit.dir)) as { status: unknown }
    expect(replayed.status).toEqual(counts)
  })

  it('a checkpoint whose header was edited is ignored: the whole journal is replayed', async () => {
    const kit = await busyStation()
    await checkpointed(kit)
    const file = path.join(kit.dir, 'journal.checkpoint')
    const expected = await fullReplay(kit.dir)
    const text = fs.readFileSync(file, 'utf8')
    fs.writeFileSync(
      file,
      text.replace(/"seq":(\d+)/, (_m, n: string) => `"seq":${Number(n) - 1}`)
    )
    const core = await open(kit.dir)
    expect(core.station.journal.verification.resumedAt).toBe(0)
    expect(await everything(core)).toEqual(expected)
  })

  it('an edited or cut section is refused on first use and rebuilt from the journal', async () => {
    const kit = await busyStation()
    await checkpointed(kit)
    const file = path.join(kit.dir, 'journal.checkpoint')
    const expected = await fullReplay(kit.dir)
    const original = fs.readFileSync(file)

    // One name changed inside the awards section (binary: the names joined, "…BoCyDee…"; the
    // header and its hashes left alone).
    const edited = Buffer.from(original)
    const at = edited.indexOf('BoCyDee', sectionStart(file, 'awards'))
    expect(at).toBeGreaterThan(0)
    expect(at).toBeLessThan(sectionStart(file, 'recipients'))
    edited[at + 3] = 'Y'.charCodeAt(0)
    fs.writeFileSync(file, edited)
    const warnings: string[] = []
    const restore = logger.setSink((line) => warnings.push(line))
    try {
      const core = await open(kit.dir)
      expect(core.station.journal.verification.resumedAt).toBeGreaterThan(0)
      const state = await everything(core)
      expect(state).toEqual(expected)
      expect(JSON.stringify(state)).not.toContain('"CY"')
      expect(warnings.join('\n')).toMatch(/saved awards were not used/)
      await closeAll()
      // Closing wrote a sound checkpoint again.
      expect(CheckpointFile.read(file)?.section('awards')).toBeDefined()
    } finally {
      restore()
    }

    // The file cut in the middle of a section: the same.
    fs.writeFileSync(file, original.subarray(0, sectionStart(file, 'awards') + 10))
    const core = await open(kit.dir)
    expect(await everything(core)).toEqual(expected)
  })

  it('a column changed behind the header is refused when first read, even mid-tail', async () => {
    const kit = await busyStation()
    await checkpointed(kit)
    const file = path.join(kit.dir, 'journal.checkpoint')
    // A revocation after the checkpoint: applying it reads the id column.
    let core = await open(kit.dir)
    await core.dispatch('station:unlock', { passphrase: KIT_PASSPHRASE }, ctx)
    const { awards } = core.station.awards.query({ query: 'ana' })
    const revoked = await core.dispatch(
      'awards:revoke',
      { id: awards[0]?.id ?? '', reason: 'Wrong session' },
      ctx
    )
    expect(revoked.ok).toBe(true)
    await closeAll()
    const expected = await fullReplay(kit.dir)
    const original = fs.readFileSync(file)
    for (const [key, from, to] of [
      ['awards.ids', '-', '+'],
      ['awards.emails', 'dee@', 'dEe@']
    ] as const) {
      const edited = Buffer.from(original)
      const at = edited.indexOf(from, sectionStart(file, key))
      edited.write(to, at)
      fs.writeFileSync(file, edited)
      const warnings: string[] = []
      const restore = logger.setSink((line) => warnings.push(line))
      try {
        core = await open(kit.dir)
        expect(core.station.journal.verification.resumedAt).toBeGreaterThan(0)
        expect(await everything(core)).toEqual(expected)
        expect(warnings.join('\n')).toMatch(
          new RegExp(`saved awards were not used \\(its ${key.slice(7)} column`)
        )
        await closeAll()
      } finally {
        restore()
      }
      fs.writeFileSync(file, original)
    }
  })

  it('one more award finds a duplicate from the saved e-mail index, and not from another badge', async () => {
    const kit = await busyStation()
    await checkpointed(kit)
    const core = await open(kit.dir)
    await core.dispatch('station:unlock', { passphrase: KIT_PASSPHRASE }, ctx)
    const again = await core.dispatch(
      'awards:issue',
      { badgeId: kit.badgeId, email: ' DEE@example.org ', name: 'Dee' },
      ctx
    )
    expect(again).toMatchObject({ ok: false, error: { code: 'CONFLICT' } })
    const dee = core.station.awards.query({ query: 'dee@example.org' }).awards[0]
    expect(again.ok ? undefined : again.error.details).toMatchObject({ existingAwardId: dee?.id })
    // Bo's award was revoked: Bo may have the badge again; so may someone new.
    for (const email of ['bo@example.org', 'new.person@example.org']) {
      const r = await core.dispatch('awards:issue', { badgeId: kit.badgeId, email, name: 'X' }, ctx)
      expect(r.ok).toBe(true)
    }
    expect(core.station.awards.recipientCount()).toBe(6)
  })

  it('a checkpoint of the formats before (one ledger section, JSON book) is read, then rewritten', async () => {
    const kit = await busyStation()
    await checkpointed(kit)
    const file = path.join(kit.dir, 'journal.checkpoint')
    const expected = await fullReplay(kit.dir)
    const found = CheckpointFile.read(file)
    if (!found) throw new Error('no checkpoint')
    const section = (key: string): Buffer => {
      const bytes = found.sectionBytes(key)
      if (!bytes) throw new Error(`no section ${key}`)
      return bytes
    }
    const header = decodeLedgerHeader(section('awards'))
    if (!header) throw new Error('no ledger header')
    const strings = (key: string) => {
      const column = new StringColumn(header.n)
      expect(column.load(section(`awards.${key}`))).toBe(true)
      return [...column.all()]
    }
    const numbers = (key: string, kind: 'u32' | 'f64') => {
      const column = new NumberColumn(kind, header.n)
      expect(column.load(section(`awards.${key}`))).toBe(true)
      return Array.from({ length: header.n }, (_, row) => column.at(row))
    }
    const n = Object.fromEntries(
      LEDGER_NUMBER_COLUMNS.map(([key, kind]) => [key, numbers(key, kind)])
    )
    const format2 = encodeLedgerColumns({
      badges: header.badges,
      stations: header.stations,
      slots: header.slots,
      validUntil: header.validUntil,
      replaces: header.replaces,
      replacedBy: header.replacedBy,
      revoked: header.revoked,
      ids: strings('ids'),
      names: strings('names'),
      emails: strings('emails'),
      awarded: strings('awarded'),
      badge: n.badge ?? [],
      badgeVersion: n.badgeVersion ?? [],
      station: n.station ?? [],
      statusIndex: n.statusIndex ?? [],
      statusList: n.statusList ?? [],
      seq: n.seq ?? [],
      start: n.start ?? [],
      length: n.length ?? []
    })
    if (!format2) throw new Error('not encoded')
    // The search text of format 1: the same lines, no starts.
    const search = section('awards.search')
    const nl = search.indexOf(10)
    const rows = header.n
    const text = search.subarray(((nl + 1 + 7) & ~7) + (rows + 1) * 4)
    const book = SavedBook.read(section('recipients'))
    if (!book) throw new Error('no saved book')
    const bookJson = JSON.stringify({
      v: 1,
      rows: Array.from({ length: book.n }, (_, at) => bookRow(book.row(at)))
    })
    const bytes = fs.readFileSync(file)
    const keys = (
      JSON.parse(bytes.subarray(0, bytes.indexOf(10)).toString('utf8')) as {
        sections: { key: string }[]
      }
    ).sections.map((s) => s.key)
    writeCheckpoint(
      file,
      found.point,
      keys
        .filter((key) => !key.startsWith('awards.') || key === 'awards.search')
        .map((key) => ({
          key,
          text:
            key === 'awards'
              ? format2
              : key === 'awards.search'
                ? Buffer.concat([Buffer.from(`kiln-search/1 ${rows}\n`), text])
                : key === 'recipients'
                  ? bookJson
                  : section(key)
        }))
    )
    expect(CheckpointFile.read(file)?.has('awards.ids')).toBe(false)
    const core = await open(kit.dir)
    expect(core.station.journal.verification.resumedAt).toBeGreaterThan(0)
    expect(await everything(core)).toEqual(expected)
    await closeAll()
    // Written again in today's formats at the close.
    const now = CheckpointFile.read(file)
    expect(now?.sectionBytes('awards')?.toString('latin1', 0, 4)).toBe('KLC3')
    expect(now?.sectionBytes('recipients')?.toString('latin1', 0, 4)).toBe('KRB1')
    expect(now?.has('awards.byEmail')).toBe(true)
  })

  it('search reads the folded text saved beside the ledger, unless it was changed', async () => {
    const kit = await busyStation()
    await checkpointed(kit)
    const file = path.join(kit.dir, 'journal.checkpoint')
    const expected = await fullReplay(kit.dir)
    const found = CheckpointFile.read(file)
    const saved = found?.sectionBytes('awards.search')
    expect(saved?.toString('latin1')).toMatch(/^kiln-search\/2 5\n/)
    expect(saved?.toString('utf8')).toContain('emile zola\temile@example.org')
    const bytes = fs.readFileSync(file)
    const header: unknown = JSON.parse(bytes.subarray(0, bytes.indexOf(10)).toString('utf8'))
    const keys = (header as { sections: { key: string }[] }).sections.map((s) => s.key)
    const sectionsWith = (search: Buffer) =>
      keys.map((key) => ({
        key,
        text: key === 'awards.search' ? search : (found?.sectionBytes(key) ?? Buffer.alloc(0))
      }))
    if (!found || saved === undefined) throw new Error('no saved search text')
    const replaced = Buffer.from(saved)
    replaced.write('emile zqzq', saved.indexOf('emile zola'))

    // Rewritten with sound hashes, a word only the saved text holds is found: it is what is read.
    writeCheckpoint(file, found.point, sectionsWith(replaced))
    let core = await open(kit.dir)
    let hits = await core.dispatch('awards:list', { query: 'zqzq' }, ctx)
    expect(hits).toMatchObject({
      ok: true,
      value: { total: 1, awards: [{ recipientName: 'Émile Zola' }] }
    })
    await closeAll()

    // Changed behind the header's back: refused, the names folded again; search stays right.
    writeCheckpoint(file, found.point, sectionsWith(saved))
    const edited = fs.readFileSync(file)
    const at = edited.indexOf('emile zola', sectionStart(file, 'awards.search'))
    edited.write('emile zqzq', at)
    fs.writeFileSync(file, edited)
    core = await open(kit.dir)
    hits = await core.dispatch('awards:list', { query: 'zqzq' }, ctx)
    expect(hits).toMatchObject({ ok: true, value: { total: 0 } })
    expect(await everything(core)).toEqual(expected)
  })

  it('a checkpoint of another journal or beyond this one is ignored', async () => {
    const a = await busyStation()
    await checkpointed(a)
    const b = await busyStation()
    await checkpointed(b)
    const expected = await fullReplay(b.dir)
    fs.copyFileSync(path.join(a.dir, 'journal.checkpoint'), path.join(b.dir, 'journal.checkpoint'))
    const core = await open(b.dir)
    expect(core.station.journal.verification.resumedAt).toBe(0)
    expect(await everything(core)).toEqual(expected)
  })

  it('a crash between journal appends and the next checkpoint loses nothing', async () => {
    const kit = await busyStation()
    const seq = await checkpointed(kit)
    const child = spawnBundled(
      path.join(import.meta.dirname, 'test-support', 'award-then-die.ts'),
      [kit.dir, kit.badgeId, KIT_PASSPHRASE],
      { KILN_SCRYPT_N: '16384' }
    )
    await child.waitFor((line) => line === 'awarded')
    const exit = await child.exited
    expect(exit.signal).toBe('SIGKILL')
    // The child's awards are in the journal, not in the checkpoint (still the one at `seq`).
    expect(CheckpointFile.read(path.join(kit.dir, 'journal.checkpoint'))?.point.seq).toBe(seq)
    const core = await open(kit.dir)
    expect(core.station.journal.verification.resumedAt).toBe(seq)
    const state = await everything(core)
    expect(state).toMatchObject({ status: { awards: 8 } })
    expect(state).toEqual(await fullReplay(kit.dir))
  })
})
