/**
 * `kiln bundle verify DIR`: checks a site folder (bundles copied in order, or one --full
 * bundle) against its manifests: the newest numbered manifest (kiln-manifests/<seq>.json) is
 * the state of the site; kiln-manifest.json must be it (else an older bundle was copied over
 * a newer site: reported, and the numbered manifests still say what is right); every
 * manifest's signature, the chain of `previous` hashes, every segment's and every file's
 * SHA-256; the signing keys are in the site's did.json; then every credential of the site is
 * verified offline, the issuer's did.json and status lists read from the folder.
 */
import type { BundleVerifySummary } from '../../../shared/methods/bundle.js'
import { existsSync, readdirSync, readFileSync } from 'node:fs'
import path from 'node:path'
import { fail } from '../failure.js'
import { verifyCredential } from '../credentials/verify.js'
import { didWebToUrl } from '../keys/did.js'
import {
  MANIFEST_FILE,
  sha256Hex,
  verifyManifestSignature,
  type Manifest,
  type Segment
} from './manifest.js'

export type BundleVerifyReport = BundleVerifySummary

const MAX_PROBLEMS = 50

function readJson(file: string): unknown {
  return JSON.parse(readFileSync(file, 'utf8'))
}

export async function verifyBundleDir(
  dir: string,
  options: { now?: Date } = {}
): Promise<BundleVerifyReport> {
  const root = path.resolve(dir)
  const problems: string[] = []
  const problem = (p: string): void => {
    if (problems.length < MAX_PROBLEMS) problems.push(p)
  }
  const topFile = path.join(root, MANIFEST_FILE)
  if (!existsSync(topFile)) {
    fail('NOT_FOUND', `${dir} has no ${MANIFEST_FILE}: it is not a Kiln site or bundle.`, {
      field: 'dir'
    })
  }
  const numberedDir = path.join(root, 'kiln-manifests')
  const numbered = existsSync(numberedDir)
    ? readdirSync(numberedDir)
        .filter((f) => /^\d+\.json$/.test(f))
        .map((f) => Number(f.slice(0, -5)))
        .sort((a, b) => a - b)
    : []
  const bytesOf = (seq: number): Buffer => readFileSync(path.join(numberedDir, `${seq}.json`))
  const top = readFileSync(topFile)
  const topManifest = JSON.parse(top.toString('utf8')) as Manifest
  const newestSeq = Math.max(topManifest.seq, ...numbered)
  let manifest = topManifest
  if (newestSeq > topManifest.seq) {
    problem(
      `kiln-manifest.json is bundle ${topManifest.seq} but bundle ${newestSeq} is present: an older bundle was copied over a newer site. Copy bundle ${newestSeq} again (or a --full export); the checks below use bundle ${newestSeq}.`
    )
    manifest = JSON.parse(bytesOf(newestSeq).toString('utf8')) as Manifest
  } else if (numbered.includes(topManifest.seq) && !bytesOf(topManifest.seq).equals(top)) {
    problem(`kiln-manifest.json differs from kiln-manifests/${topManifest.seq}.json.`)
  }

  // Signatures and the chain.
  const keys = new Set<string>()
  for (const seq of numbered) {
    const m = JSON.parse(bytesOf(seq).toString('utf8')) as Manifest
    const sig = verifyManifestSignature(m)
    if (!sig.ok) problem(`kiln-manifests/${seq}.json: ${sig.reason}.`)
    else keys.add(sig.publicKeyMultibase)
    if (m.seq !== seq) problem(`kiln-manifests/${seq}.json says it is bundle ${m.seq}.`)
    if (numbered.includes(seq - 1) && m.previous !== sha256Hex(bytesOf(seq - 1))) {
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

  // The full site's file list, from the segments.
  const files = new Map<string, string>()
  for (const ref of manifest.segments) {
    const file = path.join(root, ...ref.path.split('/'))
    if (!existsSync(file)) {
      problem(`${ref.path} (a manifest segment) is missing.`)
      continue
    }
    const bytes = readFileSync(file)
    if (sha256Hex(bytes) !== ref.sha256) problem(`${ref.path} does not match its hash.`)
    const seg = JSON.parse(bytes.toString('utf8')) as Segment
    for (const [p, h] of Object.entries(seg.files)) files.set(p, h)
  }
  if (files.size !== manifest.files) {
    problem(`The manifest lists ${manifest.files} files but its segments ${files.size}.`)
  }
  let missing = 0
  let changed = 0
  for (const [p, h] of files) {
    const file = path.join(root, ...p.split('/'))
    if (!existsSync(file)) {
      if (missing++ < 10) problem(`${p} is missing.`)
    } else if (sha256Hex(readFileSync(file)) !== h) {
      if (changed++ < 10) problem(`${p} differs from the manifest (stale or altered).`)
    }
  }
  if (missing > 10) problem(`…and ${missing - 10} more files are missing.`)
  if (changed > 10) problem(`…and ${changed - 10} more files differ.`)

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
    const did = (await issuerDocumentResolver(didWebToUrl(manifest.issuer))) as
      { verificationMethod?: { publicKeyMultibase?: string }[] } | undefined
    const published = new Set((did?.verificationMethod ?? []).map((m) => m.publicKeyMultibase))
    for (const k of keys) {
      if (!published.has(k)) problem(`The manifest signing key ${k} is not in the site's did.json.`)
    }
  }

  const counts = { checked: 0, valid: 0, revoked: 0, expired: 0, invalid: 0 }
  const now = options.now ?? new Date()
  for (const p of [...files.keys()].sort()) {
    if (!/^credentials\/[^/]+\.json$/.test(p)) continue
    const file = path.join(root, ...p.split('/'))
    if (!existsSync(file)) continue
    counts.checked++
    const report = await verifyCredential(readJson(file), {
      now,
      issuerDocumentResolver,
      statusListResolver
    })
    const failed = report.checks.filter((c) => c.status === 'failed')
    if (failed.length === 0) counts.valid++
    else if (failed.every((c) => c.id === 'status' && /revoked/i.test(c.message))) counts.revoked++
    else if (failed.every((c) => c.id === 'dates' && /expired/i.test(c.message))) counts.expired++
    else {
      counts.invalid++
      problem(`${p}: ${failed.map((c) => c.message).join(' ')}`)
    }
  }
  return {
    ok: problems.length === 0,
    seq: manifest.seq,
    siteFiles: files.size,
    problems,
    credentials: counts
  }
}
