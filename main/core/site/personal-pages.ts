/**
 * Personal badge pages (issue 11, item 6): each recipient has a page p/<key>.html on the site with
 * their active badges from this issuer, in the order and with the visibility staff set for them
 * (their "showcase"). The address is unguessable and stable: <key> is the first 160 bits of
 * HMAC-SHA256(station page key, recipient id), lower-case base32 (32 characters), where the
 * station page key is 256 random bits kept in station.json (personalPages.key). No page links a
 * personal page, no listing names it (manifests list it by the hash of its path), and it is
 * noindex. A recipient merged into another keeps a page at their old address (the same page).
 *
 * For the "deliver" side: personalPageUrl(station, recipientId).
 */
import { createHmac } from 'node:crypto'
import { base32nopad } from '@scure/base'
import type { Showcase } from '../../../shared/methods/site.js'
import { fail } from '../failure.js'
import type { Station } from '../station/station.js'
import {
  personalPagesSchema,
  type PersonalPages,
  type StoredShowcase
} from './personal-pages-schema.js'

/** The page key and showcases (made at setup, or by catalog migration 3 for older stations). */
function pagesOf(station: Station): PersonalPages {
  return station.catalog.personalPages
}

/** The <key> of a recipient's page address: 160 bits of HMAC-SHA256, lower-case base32. */
export function personalPageKey(pageKey: string, recipientId: string): string {
  const mac = createHmac('sha256', Buffer.from(pageKey, 'hex'))
    .update(`kiln-personal-page/1\n${recipientId}`, 'utf8')
    .digest()
  return base32nopad.encode(mac.subarray(0, 20)).toLowerCase()
}

/** The page's path in the site: one file, no folder per person (a 10,000-person site exports faster). */
export const personalPagePath = (key: string): string => `p/${key}.html`

function resolveRecipient(station: Station, recipientId: string): string {
  const id = station.recipients.resolveId(recipientId)
  if (!id) {
    fail('NOT_FOUND', `There is no recipient with id "${recipientId}".`, { field: 'recipientId' })
  }
  return id
}

/**
 * The address of a recipient's personal badge page (an id merged into another gives the kept
 * recipient's address). The page itself appears with the next bundle export.
 */
export async function personalPageUrl(station: Station, recipientId: string): Promise<string> {
  station.requireInitialized()
  const id = resolveRecipient(station, recipientId)
  const stored = pagesOf(station)
  return station.catalog.siteUrl + personalPagePath(personalPageKey(stored.key, id))
}

export type PersonalPagePlan = Readonly<{
  /** Resolved recipient id. */
  recipientId: string
  name: string
  /**
   * The ids whose addresses the page is served at (the recipient's and merged-away ids'; each
   * address is personalPagePath(personalPageKey(page key, id)), computed when it is written).
   */
  addressIds: readonly string[]
  /** Active awards in page order, hidden ones left out: indexes into the awards planned from. */
  awards: readonly number[]
}>

/** An award as planning the pages needs it (the export's own list of every award, in order). */
export type PlanAward = Readonly<{
  id: string
  recipientEmail: string
  awardedDate: string
  validUntil?: string
  revokedAt?: string
}>

/** The active awards of a recipient (revoked and expired ones are left out), newest first. */
function activeAwardsByRecipient(station: Station, at: string): Map<string, string[]> {
  const byRecipient = new Map<string, string[]>()
  const ids = station.awards.ids()
  for (let i = ids.length - 1; i >= 0; i--) {
    const awardId = ids[i]
    if (awardId === undefined) continue
    const record = station.awards.brief(awardId)
    if (!record || station.awards.isRevoked(awardId)) continue
    if (record.validUntil !== undefined && record.validUntil <= at) continue
    const recipient = station.recipients.idForEmail(record.recipientEmail)
    if (!recipient) continue
    const list = byRecipient.get(recipient)
    if (list) list.push(awardId)
    else byRecipient.set(recipient, [awardId])
  }
  for (const list of byRecipient.values()) {
    list.sort((a, b) => {
      const da = station.awards.brief(a)?.awardedDate ?? ''
      const db = station.awards.brief(b)?.awardedDate ?? ''
      return da < db ? 1 : da > db ? -1 : 0
    })
  }
  return byRecipient
}

function ordered(active: readonly string[], showcase: StoredShowcase | undefined): string[] {
  if (!showcase) return [...active]
  const set = new Set(active)
  const hidden = new Set(showcase.hidden)
  const first = showcase.order.filter((id) => set.has(id))
  const named = new Set(first)
  return [...first, ...active.filter((id) => !named.has(id))].filter((id) => !hidden.has(id))
}

/**
 * The personal pages of the site: one per recipient who has ever had an award from this
 * station's book (a page whose badges were all revoked stays, with none), in the order of their
 * first award. `awards` are every award in journal order; each e-mail address is looked up once
 * (a million awards, a quarter of a million people).
 */
export async function planPersonalPages(
  station: Station,
  at: string,
  awards: readonly PlanAward[],
  /** Gives the event loop back now and then (an export passes its job's yieldIfDue). */
  yieldIfDue: () => Promise<void> = async () => undefined
): Promise<PersonalPagePlan[]> {
  return (await planPersonalPagesByRow(station, at, awards, yieldIfDue)).plans
}

/**
 * The same plans, and which plan each award's recipient has (-1: none), so an incremental export
 * can find the page an award is on without planning them all again.
 */
export async function planPersonalPagesByRow(
  station: Station,
  at: string,
  awards: readonly PlanAward[],
  yieldIfDue: () => Promise<void> = async () => undefined
): Promise<{ plans: PersonalPagePlan[]; planOfRow: Int32Array }> {
  const recipientOf = new Map<string, string | undefined>()
  const recipients: (string | undefined)[] = []
  const everAwarded = new Set<string>()
  for (let i = 0; i < awards.length; i++) {
    const email = awards[i]?.recipientEmail ?? ''
    let recipient = recipientOf.get(email)
    if (recipient === undefined && !recipientOf.has(email)) {
      recipient = station.recipients.idForEmail(email)
      recipientOf.set(email, recipient)
    }
    recipients.push(recipient)
    if (recipient) everAwarded.add(recipient)
    if (i % 4096 === 4095) await yieldIfDue()
  }
  // Active awards (not revoked, not expired) per recipient, newest first: journal order
  // backwards, then a stable sort by date (as activeAwardsByRecipient orders them).
  const active = new Map<string, number[]>()
  for (let i = awards.length - 1; i >= 0; i--) {
    const award = awards[i]
    const recipient = recipients[i]
    if (!award || !recipient || award.revokedAt !== undefined) continue
    if (award.validUntil !== undefined && award.validUntil <= at) continue
    const list = active.get(recipient)
    if (list) list.push(i)
    else active.set(recipient, [i])
  }
  const dateOf = (i: number): string => awards[i]?.awardedDate ?? ''
  for (const list of active.values()) newestFirst(list, dateOf)
  await yieldIfDue()
  const plans: PersonalPagePlan[] = []
  const planOf = new Map<string, number>()
  // In the order of each recipient's first award: new recipients come last (export blocks).
  for (const recipientId of everAwarded) {
    if (plans.length % 256 === 0) await yieldIfDue()
    const plan = planOne(station, recipientId, active.get(recipientId) ?? [], (i) => awards[i]?.id)
    if (!plan) continue
    planOf.set(recipientId, plans.length)
    plans.push(plan)
  }
  const planOfRow = new Int32Array(awards.length)
  for (let i = 0; i < awards.length; i++) {
    const recipient = recipients[i]
    planOfRow[i] = recipient === undefined ? -1 : (planOf.get(recipient) ?? -1)
  }
  return { plans, planOfRow }
}

/**
 * One recipient's page (undefined: no such recipient): `active` are the indexes of their active
 * awards, newest first (by date, ties in journal order backwards); `idOf` gives an award's id.
 */
export function planOne(
  station: Station,
  recipientId: string,
  active: readonly number[],
  idOf: (i: number) => string | undefined
): PersonalPagePlan | undefined {
  const row = station.recipients.record(recipientId)
  if (!row) return undefined
  const showcase = pagesOf(station).showcases[recipientId]
  let shown: readonly number[] = active
  if (showcase) {
    const indexOf = new Map(active.map((i) => [idOf(i) ?? '', i] as const))
    shown = ordered(
      active.map((i) => idOf(i) ?? ''),
      showcase
    ).flatMap((id) => {
      const i = indexOf.get(id)
      return i === undefined ? [] : [i]
    })
  }
  return { recipientId, name: row.name, addressIds: [recipientId, ...row.mergedIds], awards: shown }
}

/** Sorts award indexes newest first by date, stably (give them in journal order backwards). */
export function newestFirst(list: number[], dateOf: (i: number) => string): void {
  if (list.length < 2) return
  list.sort((a, b) => {
    const da = dateOf(a)
    const db = dateOf(b)
    return da < db ? 1 : da > db ? -1 : 0
  })
}

/** What staff see and set for one recipient. */
export async function showcaseOf(station: Station, recipientId: string): Promise<Showcase> {
  station.requireInitialized()
  const id = resolveRecipient(station, recipientId)
  const stored = pagesOf(station)
  const showcase = stored.showcases[id]
  const now = new Date().toISOString()
  const active = activeAwardsByRecipient(station, now).get(id) ?? []
  const hidden = new Set(showcase?.hidden ?? [])
  const shown = ordered(active, showcase ? { ...showcase, hidden: [] } : undefined)
  const row = station.recipients.record(id)
  return {
    recipientId: id,
    name: row?.name ?? '',
    pageUrl: station.catalog.siteUrl + personalPagePath(personalPageKey(stored.key, id)),
    badges: shown.map((awardId) => {
      const record = station.awards.brief(awardId)
      const badge = station.catalog.badges.find((b) => b.id === record?.badgeId)
      const version = badge?.versions.find((v) => v.version === record?.badgeVersion)
      return {
        awardId,
        badgeName: version?.content.name ?? badge?.content.name ?? '',
        issuedAt: record?.awardedDate ?? '',
        hidden: hidden.has(awardId)
      }
    })
  }
}

export async function setShowcase(
  station: Station,
  input: { recipientId: string; order: readonly string[]; hidden: readonly string[] }
): Promise<Showcase> {
  station.requireInitialized()
  const id = resolveRecipient(station, input.recipientId)
  const emails = new Set(station.recipients.emailsOf(id))
  for (const field of ['order', 'hidden'] as const) {
    input[field].forEach((awardId, index) => {
      const record = station.awards.brief(awardId)
      if (!record || !emails.has(record.recipientEmail)) {
        fail('INVALID_INPUT', `Award "${awardId}" is not one of this recipient's awards.`, {
          field: `${field}.${index}`
        })
      }
    })
  }
  const stored = pagesOf(station)
  const showcases = {
    ...stored.showcases,
    [id]: { order: [...new Set(input.order)], hidden: [...new Set(input.hidden)] }
  }
  station.catalog.personalPages = personalPagesSchema.parse({ ...stored, showcases })
  await station.saveCatalog()
  station.bus.emit('data:changed', { domain: 'recipients' })
  return showcaseOf(station, id)
}
