/**
 * Badge definitions: draft → published → archived. Publishing freezes a version; editing a
 * published badge freezes a new version at once; awards pin the version they were issued
 * under, so their credentials (and the version's image, stored by hash) never change.
 */
import type { MethodParsedInput } from '../../../shared/contract.js'
import type { Badge, BadgeContent } from '../../../shared/types.js'
import { fail } from '../failure.js'
import type { Station } from '../station/station.js'
import type { BadgeRecord } from '../station/catalog-model.js'
import { newBadgeId } from '../station/ids.js'
import { hasImageChoice, resolveBadgeImage } from './badge-image.js'

export type BadgeCreateInput = MethodParsedInput<'badges:create'>
export type BadgeUpdateInput = MethodParsedInput<'badges:update'>

export function toBadge(station: Station, record: BadgeRecord): Badge {
  const stats = station.awards.badgeStats(record.id)
  return {
    ...record,
    awardCount: stats.count,
    ...(stats.last ? { lastAwardedAt: stats.last } : {})
  }
}

export function findBadge(station: Station, id: string): BadgeRecord {
  const record = station.catalog.badges.find((b) => b.id === id)
  if (!record) fail('NOT_FOUND', `There is no badge with id "${id}".`, { field: 'id' })
  return record
}

export function listBadges(station: Station): Badge[] {
  return station.catalog.badges.map((b) => toBadge(station, b))
}

/** Optional fields: a value sets, null removes, undefined keeps. */
function pick<T>(next: T | null | undefined, current: T | undefined): T | undefined {
  if (next === null) return undefined
  return next === undefined ? current : next
}

function buildContent(
  base: BadgeContent | undefined,
  input: Partial<BadgeUpdateInput>,
  image: { imageSha256?: string | undefined; design?: BadgeContent['design'] }
): BadgeContent {
  const narrative = pick(input.criteriaNarrative, base?.criteria.narrative)
  const url = pick(input.criteriaUrl, base?.criteria.url)
  if (narrative === undefined && url === undefined) {
    fail('INVALID_INPUT', 'criteriaNarrative: give criteria as text or a URL', {
      field: 'criteriaNarrative'
    })
  }
  const credits = pick(input.creditsAvailable, base?.creditsAvailable)
  const fieldOfStudy = pick(input.fieldOfStudy, base?.fieldOfStudy)
  const humanCode = pick(input.humanCode, base?.humanCode)
  const evidencePrompt = pick(input.evidencePrompt, base?.evidencePrompt)
  return {
    name: input.name ?? base?.name ?? '',
    description: input.description ?? base?.description ?? '',
    criteria: { ...(narrative ? { narrative } : {}), ...(url ? { url } : {}) },
    tags: [...new Set(input.tags ?? base?.tags ?? [])],
    achievementType: input.achievementType ?? base?.achievementType ?? 'Badge',
    ...(credits !== undefined ? { creditsAvailable: credits } : {}),
    ...(fieldOfStudy ? { fieldOfStudy } : {}),
    ...(humanCode ? { humanCode } : {}),
    alignments: input.alignments ?? base?.alignments ?? [],
    expiry: input.expiry ?? base?.expiry ?? { kind: 'never' },
    ...(evidencePrompt ? { evidencePrompt } : {}),
    ...(image.imageSha256 ? { imageSha256: image.imageSha256 } : {}),
    ...(image.design ? { design: image.design } : {})
  }
}

export async function createBadge(station: Station, input: BadgeCreateInput): Promise<Badge> {
  const catalog = station.catalog
  const image = await resolveBadgeImage(station.paths.images, input, input.name)
  const content = buildContent(undefined, input, image)
  const now = new Date().toISOString()
  let id = newBadgeId(input.name)
  while (catalog.badges.some((b) => b.id === id)) id = newBadgeId(input.name)
  const record: BadgeRecord = {
    id,
    status: 'draft',
    createdAt: now,
    updatedAt: now,
    content,
    versions: [],
    ...(input.public ? { public: true } : {})
  }
  catalog.badges.push(record)
  await saveOrRollback(station, () => {
    catalog.badges = catalog.badges.filter((b) => b !== record)
  })
  station.bus.emit('data:changed', { domain: 'badges' })
  return toBadge(station, record)
}

/**
 * A draft is edited in place; a published badge gets a new frozen version at once (older
 * versions, their images and every award pinned to them stay as they were).
 */
export async function updateBadge(station: Station, input: BadgeUpdateInput): Promise<Badge> {
  const record = findBadge(station, input.id)
  if (record.status === 'archived') {
    fail(
      'BADGE_ARCHIVED',
      `"${record.content.name}" is archived; archived badges cannot be edited.`
    )
  }
  const image = hasImageChoice(input)
    ? await resolveBadgeImage(station.paths.images, input, input.name ?? record.content.name)
    : { imageSha256: record.content.imageSha256, design: record.content.design }
  const content = buildContent(record.content, input, image)
  // Visibility is not part of the credential: changing it never makes a new version.
  const visibilityChanged = input.public !== undefined && input.public !== (record.public === true)
  const contentChanged = JSON.stringify(content) !== JSON.stringify(record.content)
  if (!contentChanged && !visibilityChanged) return toBadge(station, record)
  const before = {
    content: record.content,
    versions: record.versions,
    updatedAt: record.updatedAt,
    public: record.public
  }
  if (visibilityChanged) record.public = input.public === true
  if (!contentChanged) {
    record.updatedAt = new Date().toISOString()
    await saveOrRollback(station, () => Object.assign(record, before))
    station.bus.emit('data:changed', { domain: 'badges' })
    return toBadge(station, record)
  }
  const now = new Date().toISOString()
  record.content = content
  record.updatedAt = now
  if (record.status === 'published') {
    const last = record.versions.at(-1)
    record.versions = [
      ...record.versions,
      { version: (last?.version ?? 0) + 1, publishedAt: now, content }
    ]
  }
  await saveOrRollback(station, () => Object.assign(record, before))
  station.bus.emit('data:changed', { domain: 'badges' })
  return toBadge(station, record)
}

export async function publishBadge(station: Station, id: string): Promise<Badge> {
  const record = findBadge(station, id)
  if (record.status === 'archived') fail('BADGE_ARCHIVED', `"${record.content.name}" is archived.`)
  const last = record.versions.at(-1)
  const changed = !last || JSON.stringify(last.content) !== JSON.stringify(record.content)
  const before = { status: record.status, versions: record.versions, updatedAt: record.updatedAt }
  const now = new Date().toISOString()
  if (changed) {
    record.versions = [
      ...record.versions,
      { version: (last?.version ?? 0) + 1, publishedAt: now, content: record.content }
    ]
  }
  record.status = 'published'
  record.updatedAt = now
  await saveOrRollback(station, () => Object.assign(record, before))
  station.bus.emit('data:changed', { domain: 'badges' })
  return toBadge(station, record)
}

export async function archiveBadge(station: Station, id: string): Promise<Badge> {
  const record = findBadge(station, id)
  if (record.status === 'archived') return toBadge(station, record)
  const before = { status: record.status, updatedAt: record.updatedAt }
  record.status = 'archived'
  record.updatedAt = new Date().toISOString()
  await saveOrRollback(station, () => Object.assign(record, before))
  station.bus.emit('data:changed', { domain: 'badges' })
  return toBadge(station, record)
}

/** The image hash of a badge's working copy, or of one frozen version. */
export function badgeImageSha(station: Station, id: string, version?: number): string {
  const record = findBadge(station, id)
  const content =
    version === undefined
      ? record.content
      : record.versions.find((v) => v.version === version)?.content
  if (!content) fail('NOT_FOUND', `Badge "${id}" has no version ${version}.`, { field: 'version' })
  if (!content.imageSha256) fail('NOT_FOUND', `Badge "${id}" has no image.`)
  return content.imageSha256
}

/** Writes the catalog; if the write fails, the in-memory change is undone so memory matches disk. */
async function saveOrRollback(station: Station, undo: () => void): Promise<void> {
  try {
    await station.saveCatalog()
  } catch (error) {
    undo()
    throw error
  }
}
