/**
 * Badge definitions: draft → published → archived. Publishing freezes a version;
 * awards pin the version they were issued under, so their credentials never change.
 */
import type { MethodParsedInput } from '../../../shared/contract.js'
import type { Badge, BadgeContent } from '../../../shared/types.js'
import { fail } from '../failure.js'
import type { Station } from '../station/station.js'
import type { BadgeRecord } from '../station/catalog-model.js'
import { newBadgeId } from '../station/ids.js'
import { defaultBadgeSvg, storePng, storeUploadedImage, svgToPng } from './images.js'

export type BadgeCreateInput = MethodParsedInput<'badges:create'>

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

export async function createBadge(station: Station, input: BadgeCreateInput): Promise<Badge> {
  const catalog = station.catalog
  const imageSha256 = input.imageBase64
    ? await storeUploadedImage(station.paths.images, Buffer.from(input.imageBase64, 'base64'))
    : await storePng(station.paths.images, svgToPng(defaultBadgeSvg(input.name)))
  const content: BadgeContent = {
    name: input.name,
    description: input.description,
    criteria: {
      ...(input.criteriaNarrative ? { narrative: input.criteriaNarrative } : {}),
      ...(input.criteriaUrl ? { url: input.criteriaUrl } : {})
    },
    tags: [...new Set(input.tags)],
    achievementType: input.achievementType,
    ...(input.creditsAvailable !== undefined ? { creditsAvailable: input.creditsAvailable } : {}),
    ...(input.fieldOfStudy ? { fieldOfStudy: input.fieldOfStudy } : {}),
    ...(input.humanCode ? { humanCode: input.humanCode } : {}),
    alignments: input.alignments,
    expiry: input.expiry,
    imageSha256
  }
  const now = new Date().toISOString()
  let id = newBadgeId(input.name)
  while (catalog.badges.some((b) => b.id === id)) id = newBadgeId(input.name)
  const record: BadgeRecord = { id, status: 'draft', createdAt: now, updatedAt: now, content, versions: [] }
  catalog.badges.push(record)
  await saveOrRollback(station, () => {
    catalog.badges = catalog.badges.filter((b) => b !== record)
  })
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
  const before = { status: record.status, updatedAt: record.updatedAt }
  record.status = 'archived'
  record.updatedAt = new Date().toISOString()
  await saveOrRollback(station, () => Object.assign(record, before))
  station.bus.emit('data:changed', { domain: 'badges' })
  return toBadge(station, record)
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
