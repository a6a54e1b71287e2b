/**
 * `kiln bundle verify DIR`: checks a site folder (bundles copied in order, one --full bundle, or
 * a download of a published site) against its manifests. The newest numbered manifest
 * (kiln-manifests/<seq>.json) is the state of the site; kiln-manifest.json must be it (else an
 * older bundle was copied over a newer site: reported, and the numbered manifests still say
 * what is right). Checked: every manifest's signature, the chain of `previous` hashes, every
 * segment's and every listed file's SHA-256 (private files are listed by the hash of their
 * path, manifest.ts), that the signing keys are in the site's did.json, and that EVERY file in
 * the folder is listed by a manifest present (a planted page or credential is reported by its
 * path). Then every credential file in the folder — listed or not — is verified offline, the
 * issuer's did.json and status lists read from the folder.
 */
import type { BundleVerifySummary } from '../../../shared/methods/bundle.js'
import { existsSync, readdirSync, readFileSync } from 'node:fs'
import path from 'node:path'
import { fail } from '../failure.js'
import { verifyCredential } from '../credentials/verify.js'
import { didWebToUrl } from '../keys/did.js'
import {
  MANIFEST_FILE,
  SEGMENT_FORMAT_1,
  manifestEntry,
  parseManifest,
  parseSegment,
  sha256Hex,
  verifyManifestSignature,
  type Manifest
} from './manifest.js'

export type BundleVerifyReport = BundleVerifySummary

const MAX_PROBLEMS = 50
const NUMBERED = /^kiln-manifests\/(\d+)\.json$/
const SEGMENT = /^kiln-manifests\/segments\/([0-9a-f]{64})\.json$/
const CREDENTIAL = /^credentials\/[^/]+\.json$/

function readJson(file: string): unknown {
  return JSON.parse(readFileSync(file, 'utf8'))
}

/** Every file under `root` as a site path ('a/b.json'); symbolic links are not followed. */
function walk(root: string): string[] {
  const out: string[] = []
  const visit = (dir: string, prefix: string): void => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      const rel = prefix + entry.name
      if (entry.isDirectory()) visit(path.join(dir, entry.name), `${rel}/`)
      else out.push(rel)
    }
  }
  visit(root, '')
  return out.sort()
}

/** The entries a manifest's segments list: keys (public path or path hash) → file SHA-256. */
type Listing = {
  entries: Map<string, string>
  /** The keys of `entries` that are path hashes (private files). */
  hashed: Set<string>
  segments: Set<string>
  plainSegments: string[]
}

export async function verifyBundleDir(
  dir: string,
  options: { now?: Date } = {}
): Promise<BundleVerifyReport> {
  const root = path.resolve(dir)
  const problems: string[] = []
  let dropped = 0
  const problem = (p: string): void => {
    if (problems.length < MAX_PROBLEMS) problems.push(p)
    else dropped++
  }
  const topFile = path.join(root, MANIFEST_FILE)
  if (!existsSync(topFile)) {
    fail('NOT_FOUND', `${dir} has no ${MANIFEST_FILE}: it is not a Kiln site or bundle.`, {
      field: 'dir'
    })
  }
  const present = walk(root)
  const numbered = present
    .map((p) => NUMBERED.exec(p)?.[1])
    .filter((s): s is string => s !== undefined)
    .map(Number)
    .sort((a, b) => a - b)
  const bytesOf = (seq: number): Buffer =>
    readFileSync(path.join(root, 'kiln-manifests', `${seq}.json`))
  const top = readFileSync(topFile)
  const topManifest = parseManifest(top)
  if (!topManifest) {
    fail('UNREADABLE_INPUT', `${dir}: ${MANIFEST_FILE} is not a Kiln manifest.`, { field: 'dir' })
  }
  const manifests = new Map<number, Manifest>()
  for (const seq of numbered) {
    const m = parseManifest(bytesOf(seq))
    if (m) manifests.set(seq, m)
    else problem(`kiln-manifests/${seq}.json is not a Kiln manifest.`)
  }
  const newestSeq = Math.max(topManifest.seq, ...manifests.keys())
  let manifest = topManifest
  if (newestSeq > topManifest.seq) {
    problem(
      `kiln-manifest.json is bundle ${topManifest.seq} but bundle ${newestSeq} is present: an older bundle was copied over a newer site. Copy bundle ${newestSeq} again (or a --full export); the checks below use bundle ${newestSeq}.`
    )
    manifest = manifests.get(newestSeq) ?? topManifest
  } else if (numbered.includes(topManifest.seq) && !bytesOf(topManifest.seq).equals(top)) {
    problem(`kiln-manifest.json differs from kiln-manifests/${topManifest.seq}.json.`)
  }

  // Signatures and the chain.
  const keys = new Set<string>()
  for (const [seq, m] of manifests) {
    const sig = verifyManifestSignature(m)
    if (!sig.ok) problem(`kiln-manifests/${seq}.json: ${sig.reason}.`)
    else keys.add(sig.publicKeyMultibase)
    if (m.seq !== seq) problem(`kiln-manifests/${seq}.json says it is bundle ${m.seq}.`)
    if (manifests.has(seq - 1) && m.previous !== sha256Hex(bytesOf(seq - 1))) {
      problem(
        `kiln-manifests/${seq}.json does not follow bundle ${seq - 1} (previous hash differs).`
      )
    }
    if (m.issuer !== manifest.issuer || m.siteUrl !== manifest.siteUrl) {
      problem(`kiln-manifests/${seq}.json is for another issuer or site.`)
    }
  }
  const topSig = verifyManifestSignature(manifest)
  if (!topSig.ok) problem(`The manifest of bundle ${manifest.seq}: ${topSig.reason}.`)
  else keys.add(topSig.publicKeyMultibase)

  const presentSet = new Set(present)
  const listingOf = (m: Manifest, report: boolean): Listing => {
    const listing: Listing = {
      entries: new Map(),
      hashed: new Set(),
      segments: new Set(),
      plainSegments: []
    }
    for (const ref of m.segments) {
      listing.segments.add(ref.path)
      if (!presentSet.has(ref.path)) {
        if (report) problem(`${ref.path} (a manifest segment) is missing.`)
        continue
      }
      const bytes = readFileSync(path.join(root, ...ref.path.split('/')))
      if (sha256Hex(bytes) !== ref.sha256) {
        if (report) problem(`${ref.path} does not match its hash.`)
        continue
      }
      const seg = parseSegment(bytes)
      if (!seg) {
        if (report) problem(`${ref.path} is not a manifest segment.`)
        continue
      }
      if (seg.format === SEGMENT_FORMAT_1) listing.plainSegments.push(ref.path)
      for (const [p, h] of Object.entries(seg.files)) listing.entries.set(p, h)
      for (const [k, h] of Object.entries(seg.hashed)) {
        listing.entries.set(k, h)
        listing.hashed.add(k)
      }
    }
    return listing
  }

  // The full site's file list, from the newest manifest's segments.
  const current = listingOf(manifest, true)
  if (current.entries.size !== manifest.files) {
    problem(`The manifest lists ${manifest.files} files but its segments ${current.entries.size}.`)
  }
  // Files listed only by older manifests are what copying bundles in order leaves behind
  // (earlier status list copies, pages the site no longer has): not strangers.
  const older = new Set<string>()
  const referencedSegments = new Set(current.segments)
  for (const [seq, m] of manifests) {
    if (seq === manifest.seq) continue
    const listing = listingOf(m, false)
    for (const k of listing.entries.keys()) older.add(k)
    for (const s of listing.segments) referencedSegments.add(s)
  }
  for (const s of current.plainSegments) {
    problem(
      `${s} lists the site's private files by name (written by an older Kiln): export with --full and publish it, or delete the old segments.`
    )
  }

  // Every file in the folder: listed (and unchanged), or reported by its path.
  const seen = new Set<string>()
  let changed = 0
  let strangers = 0
  for (const p of present) {
    if (p === MANIFEST_FILE || NUMBERED.test(p)) continue
    const segment = SEGMENT.exec(p)
    if (segment) {
      if (referencedSegments.has(p)) continue
    } else {
      const { key } = manifestEntry(p)
      const want = current.entries.get(key)
      if (want !== undefined) {
        seen.add(key)
        if (sha256Hex(readFileSync(path.join(root, ...p.split('/')))) !== want) {
          if (changed++ < 10) problem(`${p} differs from the manifest (stale or altered).`)
        }
        continue
      }
      if (older.has(key)) continue
    }
    if (strangers++ < 20) {
      problem(`${p} is not in the site's signed manifest: it was not published by the issuer.`)
    }
  }
  if (changed > 10) problem(`…and ${changed - 10} more files differ.`)
  if (strangers > 20) problem(`…and ${strangers - 20} more files are not in the manifest.`)
  let missing = 0
  let missingPrivate = 0
  for (const key of current.entries.keys()) {
    if (seen.has(key)) continue
    if (current.hashed.has(key)) missingPrivate++
    else if (++missing <= 10) problem(`${key} is missing.`)
  }
  if (missing > 10) problem(`…and ${missing - 10} more files are missing.`)
  if (missingPrivate > 0) {
    problem(
      `${missingPrivate} private ${missingPrivate === 1 ? 'file' : 'files'} (credentials, their pages, assertions or personal pages, listed by the hash of their path) ${missingPrivate === 1 ? 'is' : 'are'} missing.`
    )
  }

  // The site's URLs read from the folder; status lists: the copy the manifest pins.
  const siteUrl = manifest.siteUrl
  const local = (url: string): string | undefined => {
    if (!url.startsWith(siteUrl)) return undefined
    const rel = decodeURIComponent(url.slice(siteUrl.length).split('#')[0] ?? '')
    return rel && !rel.split('/').includes('..') ? rel : undefined
  }
  const readLocal = (rel: string | undefined): unknown => {
    if (rel === undefined) return undefined
    const file = path.join(root, ...rel.split('/'))
    return existsSync(file) ? readJson(file) : undefined
  }
  const issuerDocumentResolver = async (url: string): Promise<unknown> => readLocal(local(url))
  const statusListResolver = async (url: string): Promise<unknown> => {
    const rel = local(url)
    const pinned = rel ? manifest.statusLists[rel] : undefined
    if (rel && pinned) {
      const copy = readLocal(rel.replace(/\.json$/, `/${pinned}.json`))
      if (copy !== undefined) return copy
    }
    return readLocal(rel)
  }

  // The keys that signed the manifests must be published in did.json (did:web issuers).
  if (manifest.issuer.startsWith('did:web:')) {
    const did = await issuerDocumentResolver(didWebToUrl(manifest.issuer))
    const methods =
      did !== null && typeof did === 'object' && 'verificationMethod' in did
        ? did.verificationMethod
        : undefined
    const published = new Set(
      (Array.isArray(methods) ? methods : []).map((m: unknown) =>
        m !== null && typeof m === 'object' && 'publicKeyMultibase' in m
          ? m.publicKeyMultibase
          : undefined
      )
    )
    for (const k of keys) {
      if (!published.has(k)) problem(`The manifest signing key ${k} is not in the site's did.json.`)
    }
  }

  // Every credential file in the folder, listed or not.
  const counts = { checked: 0, valid: 0, revoked: 0, expired: 0, invalid: 0 }
  const now = options.now ?? new Date()
  for (const p of present) {
    if (!CREDENTIAL.test(p)) continue
    counts.checked++
    let doc: unknown
    try {
      doc = readJson(path.join(root, ...p.split('/')))
    } catch {
      counts.invalid++
      problem(`${p}: not JSON.`)
      continue
    }
    const report = await verifyCredential(doc, { now, issuerDocumentResolver, statusListResolver })
    const failed = report.checks.filter((c) => c.status === 'failed')
    if (failed.length === 0) counts.valid++
    else if (failed.every((c) => c.id === 'status' && /revoked/i.test(c.message))) counts.revoked++
    else if (failed.every((c) => c.id === 'dates' && /expired/i.test(c.message))) counts.expired++
    else {
      counts.invalid++
      problem(`${p}: ${failed.map((c) => c.message).join(' ')}`)
    }
  }
  if (dropped > 0) problems.push(`…and ${dropped} more problems.`)
  return {
    ok: problems.length === 0,
    seq: manifest.seq,
    siteFiles: current.entries.size,
    problems,
    credentials: counts
  }
}
