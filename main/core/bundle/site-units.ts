/**
 * The static site as a list of units (static assets, the issuer pages, one per status list, one
 * per badge, one per award, one per personal page). Each unit has a digest of everything its
 * files depend on, so an incremental export renders only the units whose digest changed.
 * Rendering is pure: times come from the data (the award, the revocation, the journal), never
 * from the clock. No baked file is stored per award: the credential page bakes PNG and SVG in
 * the browser from the badge version's image (one per version) and the credential JSON.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs'
import path from 'node:path'
import type { Station } from '../station/station.js'
import type { BadgeRecord, StationKeyRecord } from '../station/catalog-model.js'
import { readImage } from '../badges/images.js'
import { badgeImageUrl, credentialPageUrl } from '../awards/urls.js'
import {
  buildOpenBadgeCredential,
  OB_CREDENTIAL_CONTEXTS
} from '../credentials/build-credential.js'
import { didDocumentPathForSite, verificationMethodFor } from '../keys/did.js'
import { decodePublicKeyMultibase } from '../keys/multikey.js'
import {
  ob2AssertionJson,
  ob2BadgeClassJson,
  ob2IssuerJson,
  ob2RevokedAssertionJson
} from '../ob2/hosted.js'
import { MULTIKEY_V1, DID_V1 } from '../credentials/contexts.js'
import { linkedInAddToProfileUrl } from '../site/linkedin.js'
import {
  badgePage,
  credentialPage,
  emptyFolderPage,
  issuerPage,
  personalPage,
  verifyPage,
  type ImportedBadgeCard,
  type SiteMeta
} from '../site/templates.js'
import { siteCss } from '../site/site-css.js'
import { htaccess, netlifyHeaders } from '../site/content-types.js'
import { readSiteSettings } from '../site/site-settings.js'
import {
  personalPageKey,
  personalPagePath,
  planPersonalPagesByRow,
  type PersonalPagePlan
} from '../site/personal-pages.js'
import { jsonBytes, sha256Hex } from './manifest.js'
import { mergedStatusLists, type MergedStation } from './merged-stations.js'
import { ownStatusListsInputs, signOwnStatusList } from './own-status-list.js'
import { PeoplePages } from './people-file.js'

/** Bump when a template or file layout changes: every unit re-renders once. */
export const SITE_TEMPLATE_VERSION = 2

/** A file's content: bytes, or text (written as UTF-8; pages stay text until they are written). */
export type FileData = Uint8Array | string

export type Files = Map<string, FileData>

/** The site's scripts (verifier-bundle.ts). */
export type SiteScripts = Readonly<{ verifierJs: string; siteJs: string }>

/**
 * Units are recorded in blocks (export-bundle.ts): the site-wide units in one, awards in ledger
 * order AWARDS_PER_BLOCK at a time, personal pages in the order of their first award. Both orders
 * only grow at the end, so new awards touch the last blocks and an unchanged block is skipped whole.
 */
export const AWARDS_PER_BLOCK = 256
export const PEOPLE_PER_BLOCK = 512

export type SiteUnit = Readonly<{
  key: string
  /** The block the unit is recorded in (see AWARDS_PER_BLOCK). */
  block: string
  /**
   * What the unit's files depend on beyond SiteSnapshot.shared, as text: a block's digest hashes
   * these (one hash per block, not per unit), and `digest` is SHA-256 of shared + inputs,
   * computed only when a unit's block is read.
   */
  inputs: string
  digest: string
  render: () => Promise<Files>
}>

export type SiteSnapshot = Readonly<{
  units: SiteUnit[]
  /** What every unit depends on (the site's metadata and page key), hashed. */
  shared: string
  /** Status list paths (relative) → the station that signs them. */
  statusListPaths: readonly string[]
  /** Awards of merged stations left out because that station's status list is missing. */
  heldBack: number
  /** What the next export needs to find what changed since this snapshot (a full one only). */
  since: SnapshotPoint | undefined
}>

/**
 * What an incremental snapshot builds units for (export-bundle.ts decides from the journal since
 * the last export): the award rows of the award blocks that changed (whole blocks, ascending),
 * each row's award, the state time, the badges with awards, and the personal pages to build
 * ([page index, plan], page indexes being the order of first award).
 */
export type PartialSource = Readonly<{
  awardRows: readonly number[]
  award: (row: number) => SiteAward | undefined
  at: string
  awardedBadges: ReadonlySet<string>
  plans: readonly (readonly [number, PersonalPagePlan])[]
}>

/**
 * Where a snapshot stands: the journal's head and size when the awards were read, the ledger's
 * rows, the state time, a digest of every input that is not an award (badges, keys, settings,
 * page key and showcases, merged stations, PDFs, scripts), and each personal page's recipient
 * with the page of each award's recipient (-1: none).
 */
export type SnapshotPoint = Readonly<{
  seq: number
  hash: string
  bytes: number
  rows: number
  at: string
  globals: string
  people: PeoplePages
  planOfRow: Int32Array
}>

/** A SnapshotPoint as the export record keeps it (`people`: SHA-256 of its people file). */
export type RecordedPoint = Readonly<
  Omit<SnapshotPoint, 'people' | 'planOfRow'> & { people: string }
>

/** A unit whose digest (SHA-256 of shared + inputs) is computed on first use. */
class LazyUnit implements SiteUnit {
  readonly key: string
  readonly block: string
  readonly inputs: string
  readonly render: () => Promise<Files>
  #digest: string | undefined
  constructor(
    private readonly shared: string,
    unit: Omit<SiteUnit, 'digest'>
  ) {
    this.key = unit.key
    this.block = unit.block
    this.inputs = unit.inputs
    this.render = unit.render
  }
  get digest(): string {
    this.#digest ??= sha256Hex(this.shared + this.inputs)
    return this.#digest
  }
}

const text = (s: string): string => s
/** Per-award JSON files are written compact (they are read by programs; downloads are pretty). */
const compactBytes = (value: unknown): string => JSON.stringify(value) + '\n'
const digestOf = (value: unknown): string => sha256Hex(JSON.stringify(value))
const isPublic = (b: BadgeRecord | undefined): boolean => b?.public === true

/** The path of a site URL relative to the site root ('' if outside the site). */
export function sitePath(siteUrl: string, url: string): string {
  return url.startsWith(siteUrl) ? decodeURIComponent(url.slice(siteUrl.length)) : ''
}

/**
 * The time of the site's state, from the data (never the clock): the newest award,
 * revocation, badge change or key. Static pages compute "expired" against it.
 */
export function stateTime(station: Station, awards: readonly SiteAward[]): string {
  const catalog = station.catalog
  let at = catalog.createdAt
  const later = (t: string | undefined): void => {
    if (t !== undefined && t > at) at = t
  }
  for (const a of awards) {
    later(a.awardedDate)
    later(a.revokedAt)
  }
  for (const b of catalog.badges) later(b.updatedAt)
  for (const k of catalog.keys) later(k.createdAt)
  return at
}

function didDocument(issuerId: string, keys: readonly StationKeyRecord[]): Record<string, unknown> {
  const methods = keys.map((k) =>
    verificationMethodFor(issuerId, decodePublicKeyMultibase(k.publicKeyMultibase))
  )
  return {
    '@context': [DID_V1, MULTIKEY_V1],
    id: issuerId,
    verificationMethod: keys.map((k, i) => ({
      id: methods[i],
      type: 'Multikey',
      controller: issuerId,
      publicKeyMultibase: k.publicKeyMultibase
    })),
    assertionMethod: methods
  }
}

/** Every key of the issuer: this station's (all of them, rotated ones too) and merged stations'. */
export function allIssuerKeys(
  station: Station,
  merged: readonly MergedStation[]
): StationKeyRecord[] {
  const seen = new Set<string>()
  const out: StationKeyRecord[] = []
  for (const k of [...station.catalog.keys, ...merged.flatMap((m) => m.keys)]) {
    if (seen.has(k.publicKeyMultibase)) continue
    seen.add(k.publicKeyMultibase)
    out.push(k)
  }
  return out
}

/**
 * The Achievement of a badge's newest version: the very object a credential issued now embeds
 * (built by the same function, buildOpenBadgeCredential, from placeholder award and recipient
 * data that the achievement does not use), with the @context a stand-alone JSON-LD document needs.
 */
function achievementJson(station: Station, badge: BadgeRecord): Record<string, unknown> {
  const catalog = station.catalog
  const latest = badge.versions.at(-1)
  const version = latest?.version ?? 1
  const content = latest?.content ?? badge.content
  const placeholder = buildOpenBadgeCredential({
    siteUrl: catalog.siteUrl,
    issuer: catalog.issuer,
    badge: {
      id: badge.id,
      version,
      content,
      imageUrl: badgeImageUrl(catalog.siteUrl, badge.id, version)
    },
    award: { id: 'achievement', awardedDate: catalog.createdAt, validFrom: catalog.createdAt },
    recipient: { name: 'achievement', email: 'achievement@example.org', salt: 'achievement' },
    status: { listUrl: catalog.statusList.url, index: 0 }
  })
  return { '@context': [...OB_CREDENTIAL_CONTEXTS], ...placeholder.credentialSubject.achievement }
}

export type SiteAward = {
  readonly id: string
  readonly badgeId: string
  readonly badgeVersion: number
  readonly stationId: string
  readonly recipientEmail: string
  readonly awardedDate: string
  readonly validUntil?: string
  readonly revokedAt?: string
  readonly revocationReason?: string
  replacedBy?: string
}

/**
 * One award as the site needs it, from the ledger's row (an incremental export's look-up). The
 * e-mail is the caller's (from the award's journal line): the ledger's e-mail column is not read.
 */
export function siteAwardAt(
  station: Station,
  row: number,
  recipientEmail = ''
): SiteAward | undefined {
  const r = station.awards.siteRowAt(row)
  if (!r) return undefined
  const revocation = station.awards.revocationAt(row)
  const replacedBy = station.awards.replacedByAt(row)
  return {
    id: r.id,
    badgeId: r.badgeId,
    badgeVersion: r.badgeVersion,
    stationId: r.stationId,
    recipientEmail,
    awardedDate: r.awardedDate,
    ...(r.validUntil ? { validUntil: r.validUntil } : {}),
    ...(revocation ? { revokedAt: revocation.revokedAt, revocationReason: revocation.reason } : {}),
    ...(replacedBy ? { replacedBy } : {})
  }
}

/**
 * The awards as the site needs them, straight from the ledger (journal order): one look-up of
 * each award's brief and revocation (at a million awards every look-up by id counts).
 */
function siteAwards(station: Station): SiteAward[] {
  const ids = station.awards.ids()
  const out: SiteAward[] = []
  const replacedBy = new Map<string, string>()
  for (const id of ids) {
    const r = station.awards.brief(id)
    if (!r) continue
    if (r.replacesAwardId) replacedBy.set(r.replacesAwardId, id)
    const revocation = station.awards.revocation(id)
    const award: SiteAward = {
      id,
      badgeId: r.badgeId,
      badgeVersion: r.badgeVersion,
      stationId: r.stationId,
      recipientEmail: r.recipientEmail,
      awardedDate: r.awardedDate,
      ...(r.validUntil ? { validUntil: r.validUntil } : {}),
      ...(revocation
        ? { revokedAt: revocation.revokedAt, revocationReason: revocation.reason }
        : {})
    }
    out.push(award)
  }
  if (replacedBy.size > 0) {
    for (const award of out) {
      const replacement = replacedBy.get(award.id)
      if (replacement) award.replacedBy = replacement
    }
  }
  return out
}

function staticStatus(award: SiteAward, at: string): 'active' | 'expired' | 'revoked' {
  if (award.revokedAt) return 'revoked'
  return award.validUntil !== undefined && award.validUntil <= at ? 'expired' : 'active'
}

/** The site path of the issuer's logo (content-addressed, so it is cached for long). */
export const logoPath = (sha: string): string => `assets/logo-${sha.slice(0, 16)}.png`

/**
 * Badges members imported from other issuers, per recipient, for their personal page. Empty
 * until the "deliver" side (issue 11, item 7) stores verified imports; it plugs them in here
 * (and returns the image files to write with them).
 */
export function importedBadgesFor(
  _station: Station,
  _recipientId: string
): { cards: ImportedBadgeCard[]; files: Files } {
  return { cards: [], files: new Map() }
}

/** The site's metadata, its digest, and what every unit shares (that and the page key's hash). */
export function siteMeta(station: Station): Readonly<{
  settings: ReturnType<typeof readSiteSettings>
  didPath: string
  meta: SiteMeta
  metaDigest: string
  shared: string
}> {
  const catalog = station.catalog
  const siteUrl = catalog.siteUrl
  const issuer = catalog.issuer
  const settings = readSiteSettings(catalog)
  const didPath = catalog.didMethod === 'web' ? didDocumentPathForSite(siteUrl) : ''
  const meta: SiteMeta = {
    siteUrl,
    issuerId: issuer.id,
    issuerName: issuer.name,
    issuerUrl: issuer.url,
    didPath,
    language: settings.language,
    ...(settings.logoSha256 ? { logo: logoPath(settings.logoSha256) } : {})
  }
  const metaDigest = digestOf([SITE_TEMPLATE_VERSION, meta, settings.linkedInOrganizationId])
  // Personal page addresses follow from the page key: its hash is part of what all units share.
  const shared = digestOf([metaDigest, sha256Hex(station.catalog.personalPages.key)])
  return { settings, didPath, meta, metaDigest, shared }
}

export async function collectSiteUnits(
  station: Station,
  merged: readonly MergedStation[],
  scripts: SiteScripts,
  /** Gives the event loop back now and then (a job passes its JobControl.yieldIfDue). */
  yieldIfDue: () => Promise<void> = async () => undefined,
  /** Only these awards and pages (an incremental export); every one when absent. */
  partial?: PartialSource
): Promise<SiteSnapshot> {
  const catalog = station.catalog
  const siteUrl = catalog.siteUrl
  const issuer = catalog.issuer
  const { settings, didPath, meta, metaDigest, shared } = siteMeta(station)
  const push = (unit: Omit<SiteUnit, 'inputs'>): void => {
    units.push({ ...unit, inputs: unit.digest })
  }
  /** A unit whose digest is computed only if its block is read (awards, personal pages). */
  const pushLazy = (unit: Omit<SiteUnit, 'digest'>): void => {
    units.push(new LazyUnit(shared, unit))
  }
  const units: SiteUnit[] = []
  const badges = new Map(catalog.badges.map((b) => [b.id, b]))
  const image = (sha: string): Buffer => readImage(station.paths.images, sha)

  // Static assets, the verifier, host configuration, and index pages of folders that list nothing.
  const colors = {
    ...(settings.brandColor ? { brand: settings.brandColor } : {}),
    ...(settings.accentColor ? { accent: settings.accentColor } : {})
  }
  push({
    key: 'static',
    block: 'site',
    digest: digestOf([
      metaDigest,
      colors,
      sha256Hex(scripts.verifierJs),
      sha256Hex(scripts.siteJs)
    ]),
    render: async () => {
      const files: Files = new Map<string, FileData>([
        ['assets/site.css', text(siteCss(colors))],
        ['assets/site.js', text(scripts.siteJs)],
        ['verify/index.html', text(verifyPage(meta))],
        ['verify/verifier.js', text(scripts.verifierJs)],
        ['.htaccess', text(htaccess())],
        ['_headers', text(netlifyHeaders(siteUrl, didPath))],
        ['credentials/index.html', text(emptyFolderPage(meta, '../'))],
        ['ob2/assertions/index.html', text(emptyFolderPage(meta, '../../'))],
        ['p/index.html', text(emptyFolderPage(meta, '../'))]
      ])
      if (settings.logoSha256) files.set(logoPath(settings.logoSha256), image(settings.logoSha256))
      return files
    }
  })

  // Issuer: index page, profiles, DID document.
  const published = catalog.badges.filter((b) => b.status === 'published' && b.versions.length > 0)
  const cards = published.map((b) => {
    const v = b.versions.at(-1)
    const c = v?.content ?? b.content
    return {
      id: b.id,
      name: c.name,
      description: c.description,
      ...(v && c.imageSha256
        ? { image: `achievements/${encodeURIComponent(b.id)}-v${v.version}.png` }
        : {})
    }
  })
  const keys = allIssuerKeys(station, merged)
  push({
    key: 'issuer',
    block: 'site',
    digest: digestOf([metaDigest, issuer, cards, keys, catalog.didMethod]),
    render: async () => {
      const files: Files = new Map()
      files.set('index.html', text(issuerPage(meta, cards)))
      files.set('issuer.json', jsonBytes({ '@context': [...OB_CREDENTIAL_CONTEXTS], ...issuer }))
      files.set(
        'ob2/issuer.json',
        jsonBytes(
          ob2IssuerJson({
            siteUrl,
            name: issuer.name,
            url: issuer.url,
            ...(issuer.email ? { email: issuer.email } : {})
          })
        )
      )
      if (didPath) files.set(didPath, jsonBytes(didDocument(issuer.id, keys)))
      return files
    }
  })

  // Status lists: this station's, signed now with its current key; merged stations' verbatim.
  // The awards and the status list's inputs are read in one slice (a revocation cannot land
  // between them); the event loop gets its turn after.
  const head = station.journal.head
  const journalBytes = station.journal.size
  const awards = partial ? [] : siteAwards(station)
  const at = partial ? partial.at : stateTime(station, awards)
  const awardAt = partial ? partial.award : (row: number): SiteAward | undefined => awards[row]
  // Every list of this station (list 1 keeps its unit key; lists it rolled over to follow).
  const ownLists = ownStatusListsInputs(station)
  await yieldIfDue()
  const statusListPaths: string[] = []
  const withPinned = (listPath: string, bytes: Uint8Array): Files =>
    new Map([
      [listPath, bytes],
      [listPath.replace(/\.json$/, `/${sha256Hex(bytes)}.json`), bytes]
    ])
  for (const inputs of ownLists) {
    const listPath = sitePath(siteUrl, inputs.url)
    statusListPaths.push(listPath)
    const { list, ...signed } = inputs
    push({
      key: list === 1 ? `status:${catalog.stationId}` : `status:${catalog.stationId}-${list}`,
      block: 'site',
      // list 1's digest has the shape it had before lists rolled over (no re-render on upgrade)
      digest: digestOf([
        SITE_TEMPLATE_VERSION,
        list === 1
          ? {
              indexes: signed.indexes,
              validFrom: signed.validFrom,
              keyMultibase: signed.keyMultibase
            }
          : signed,
        catalog.statusList
      ]),
      render: async () => withPinned(listPath, jsonBytes(await signOwnStatusList(station, inputs)))
    })
  }
  const mergedWithList = new Set<string>()
  for (const m of merged) {
    if (m.issuerId !== issuer.id) continue
    for (const [i, { url, statusList }] of mergedStatusLists(m).entries()) {
      const listPath = sitePath(siteUrl, url)
      if (!listPath) continue
      mergedWithList.add(m.stationId)
      statusListPaths.push(listPath)
      const bytes = jsonBytes(statusList)
      push({
        key: i === 0 ? `status:${m.stationId}` : `status:${m.stationId}-${i + 1}`,
        block: 'site',
        digest: sha256Hex(bytes),
        render: async () => withPinned(listPath, bytes)
      })
    }
  }

  // Badges referenced by the site: published ones and any badge with an award.
  const awarded = partial ? partial.awardedBadges : new Set(awards.map((a) => a.badgeId))
  for (const b of catalog.badges) {
    if (!(b.status === 'published' && b.versions.length > 0) && !awarded.has(b.id)) continue
    const latest = b.versions.at(-1)
    const content = latest?.content ?? b.content
    const versions = b.versions.map((v) => ({ version: v.version, sha: v.content.imageSha256 }))
    push({
      key: `badge:${b.id}`,
      block: 'site',
      digest: digestOf([metaDigest, b.id, b.status, content, versions, issuer]),
      render: async () => {
        const files: Files = new Map()
        const id = encodeURIComponent(b.id)
        for (const v of versions) {
          if (v.sha) files.set(`achievements/${id}-v${v.version}.png`, image(v.sha))
        }
        files.set(`achievements/${id}.json`, jsonBytes(achievementJson(station, b)))
        const hasImage = latest !== undefined && content.imageSha256 !== undefined
        files.set(
          `achievements/${id}/index.html`,
          text(
            badgePage(meta, {
              id: b.id,
              name: content.name,
              description: content.description,
              ...(content.criteria.narrative ? { criteria: content.criteria.narrative } : {}),
              ...(content.criteria.url ? { criteriaUrl: content.criteria.url } : {}),
              tags: content.tags,
              ...(hasImage
                ? {
                    image: `../${id}-v${latest.version}.png`,
                    imageUrl: badgeImageUrl(siteUrl, b.id, latest.version)
                  }
                : {}),
              pageUrl: `${siteUrl}achievements/${id}/`
            })
          )
        )
        files.set(
          `ob2/badges/${id}.json`,
          jsonBytes(
            ob2BadgeClassJson({
              siteUrl,
              badgeId: b.id,
              content,
              imageUrl: badgeImageUrl(siteUrl, b.id, latest?.version ?? 1)
            })
          )
        )
        return files
      }
    })
  }

  // Awards: credential JSON, human page, OB 2.0 assertion (and a PDF if one exists).
  let heldBack = 0
  const onSite = new Uint8Array(awards.length)
  const certificatesDir = path.join(station.paths.dataDir, 'certificates')
  const pdfs = new Set(existsSync(certificatesDir) ? readdirSync(certificatesDir) : [])
  // Per badge version, looked up once (not per award).
  type Version = BadgeRecord['versions'][number]
  const versions = new Map<string, (Version | undefined)[]>()
  const versionOf = (badgeId: string, n: number): Version | undefined => {
    let list = versions.get(badgeId)
    if (!list) {
      list = []
      versions.set(badgeId, list)
    }
    if (!(n in list)) list[n] = badges.get(badgeId)?.versions.find((v) => v.version === n)
    return list[n]
  }
  const isOnSite = (row: number): boolean => {
    const award = awardAt(row)
    return (
      award !== undefined && (partial ? award.stationId === catalog.stationId : onSite[row] === 1)
    )
  }
  let block = ''
  for (const index of partial ? partial.awardRows : awards.keys()) {
    const award = awardAt(index)
    if (!award) continue
    if (index % AWARDS_PER_BLOCK === 0 || block === '') {
      block = `awards.${Math.floor(index / AWARDS_PER_BLOCK)}`
      await yieldIfDue()
    }
    if (award.stationId !== catalog.stationId && !mergedWithList.has(award.stationId)) {
      heldBack++
      continue
    }
    onSite[index] = 1
    const badge = badges.get(award.badgeId)
    const version = versionOf(award.badgeId, award.badgeVersion)
    const imageSha = version?.content.imageSha256
    const status = staticStatus(award, at)
    const hasPdf = pdfs.size > 0 && pdfs.has(`${award.id}.pdf`)
    const pub = isPublic(badge)
    pushLazy({
      key: `award:${award.id}`,
      block,
      inputs: JSON.stringify([
        award.id,
        status,
        award.revokedAt,
        award.revocationReason,
        award.replacedBy,
        imageSha,
        version?.content.name,
        pub,
        hasPdf
      ]),
      render: async () => {
        const files: Files = new Map()
        // One read of the award's journal line gives both (the ledger keeps neither in memory),
        // only for a unit that is rendered: an incremental export reads no other award's line.
        const issued = station.awards.issued(award.id)
        if (!issued) return files
        const { record, credentialJson } = issued
        const id = encodeURIComponent(award.id)
        // The signed credential exactly as journaled (compact JSON).
        files.set(`credentials/${id}.json`, text(credentialJson + '\n'))
        if (hasPdf) {
          files.set(
            `credentials/${id}.pdf`,
            readFileSync(path.join(certificatesDir, `${award.id}.pdf`))
          )
        }
        const badgeName = version?.content.name ?? badge?.content.name ?? ''
        const pageUrl = credentialPageUrl(siteUrl, award.id)
        const badgeRef = encodeURIComponent(award.badgeId)
        files.set(
          `credentials/${id}/index.html`,
          text(
            credentialPage(meta, {
              awardId: award.id,
              recipientName: record.recipientName,
              badgeName,
              badgeId: award.badgeId,
              ...(imageSha
                ? {
                    badgeImage: `../../achievements/${badgeRef}-v${award.badgeVersion}.png`,
                    badgeImageUrl: badgeImageUrl(siteUrl, award.badgeId, award.badgeVersion)
                  }
                : {}),
              issuedAt: award.awardedDate,
              ...(award.validUntil ? { validUntil: award.validUntil } : {}),
              status,
              ...(award.revokedAt ? { revokedAt: award.revokedAt } : {}),
              ...(award.revocationReason ? { revocationReason: award.revocationReason } : {}),
              ...(award.replacedBy ? { replacedBy: award.replacedBy } : {}),
              public: pub,
              hasPdf,
              pageUrl,
              linkedInUrl: linkedInAddToProfileUrl({
                badgeName,
                organizationName: issuer.name,
                ...(settings.linkedInOrganizationId
                  ? { organizationId: settings.linkedInOrganizationId }
                  : {}),
                issuedAt: award.awardedDate,
                ...(award.validUntil ? { expiresAt: award.validUntil } : {}),
                certUrl: pageUrl,
                certId: award.id
              })
            })
          )
        )
        files.set(
          `ob2/assertions/${id}.json`,
          compactBytes(
            award.revokedAt
              ? ob2RevokedAssertionJson({
                  siteUrl,
                  awardId: award.id,
                  reason: award.revocationReason ?? 'Revoked by the issuer.'
                })
              : ob2AssertionJson({
                  siteUrl,
                  awardId: award.id,
                  badgeId: award.badgeId,
                  email: record.recipientEmail,
                  salt: record.salt,
                  issuedOn: award.awardedDate,
                  ...(award.validUntil ? { expires: award.validUntil } : {}),
                  ...(record.narrative ? { narrative: record.narrative } : {}),
                  ...(record.evidenceUrl ? { evidenceUrl: record.evidenceUrl } : {}),
                  // The badge version's image (the site holds no baked file per award).
                  imageUrl: badgeImageUrl(siteUrl, award.badgeId, award.badgeVersion)
                })
          )
        )
        return files
      }
    })
  }

  // Personal pages: one per recipient, at every address they were given (merged ids too).
  const planned = partial
    ? undefined
    : await planPersonalPagesByRow(station, at, awards, yieldIfDue)
  const toBuild: Iterable<readonly [number, PersonalPagePlan]> = partial
    ? partial.plans
    : (planned?.plans.entries() ?? [])
  let built = 0
  for (const [planIndex, plan] of toBuild) {
    if (built++ % 256 === 0) await yieldIfDue()
    const items = plan.awards
      .filter((i) => isOnSite(i))
      .map((i) => {
        const record = awardAt(i)
        const badge = record ? badges.get(record.badgeId) : undefined
        const version = record ? versionOf(record.badgeId, record.badgeVersion) : undefined
        return {
          awardId: record?.id ?? '',
          badgeName: version?.content.name ?? badge?.content.name ?? '',
          issuedAt: record?.awardedDate ?? '',
          ...(record && version?.content.imageSha256
            ? {
                image: `achievements/${encodeURIComponent(record.badgeId)}-v${record.badgeVersion}.png`
              }
            : {})
        }
      })
    const imported = importedBadgesFor(station, plan.recipientId)
    pushLazy({
      key: `personal:${plan.recipientId}`,
      block: `people.${Math.floor(planIndex / PEOPLE_PER_BLOCK)}`,
      inputs: JSON.stringify([
        plan.addressIds,
        plan.name,
        items,
        imported.cards,
        [...imported.files].map(([p, b]) => [p, sha256Hex(b)])
      ]),
      render: async () => {
        const files: Files = new Map(imported.files)
        for (const id of plan.addressIds) {
          files.set(
            personalPagePath(personalPageKey(catalog.personalPages.key, id)),
            text(
              personalPage(meta, {
                recipientName: plan.name,
                badges: items,
                imported: imported.cards
              })
            )
          )
        }
        return files
      }
    })
  }
  if (!planned) return { units, shared, statusListPaths, heldBack, since: undefined }
  const { plans, planOfRow } = planned
  const since: SnapshotPoint = {
    seq: head.seq,
    hash: head.hash,
    bytes: journalBytes,
    rows: awards.length,
    at,
    globals: globalsDigest(station, merged, scripts, shared, [...pdfs]),
    people: PeoplePages.fromList(plans.map((p) => p.recipientId)),
    planOfRow
  }
  return { units, shared, statusListPaths, heldBack, since }
}

/**
 * A digest of every input of the site that is not an award or a recipient: when it differs from
 * the last export's, the next export walks every award (an incremental one only what changed).
 */
export function globalsDigest(
  station: Station,
  merged: readonly MergedStation[],
  scripts: SiteScripts,
  shared: string,
  pdfs: readonly string[]
): string {
  const c = station.catalog
  return digestOf([
    SITE_TEMPLATE_VERSION,
    shared,
    c.stationId,
    c.siteUrl,
    c.issuer,
    c.didMethod,
    c.statusList,
    c.badges,
    c.keys,
    readSiteSettings(c),
    c.personalPages,
    merged,
    [...pdfs].sort(),
    sha256Hex(scripts.verifierJs),
    sha256Hex(scripts.siteJs)
  ])
}
