/**
 * The bundle manifest (kiln-manifest.json): every file of the FULL site with its SHA-256,
 * the bundle's sequence number and the SHA-256 of the previous manifest's bytes, signed by
 * the station key.
 *
 * Signature: a detached Ed25519 signature over the UTF-8 bytes of the JCS (RFC 8785)
 * canonical JSON of the manifest without its `signature` member; `signatureValue` is "z" +
 * base58btc(64 bytes); `verificationMethod` is the signing key's DID URL (its fragment is the
 * key's publicKeyMultibase). A plain JCS signature rather than a Data Integrity proof: the
 * manifest is not a JSON-LD document (its file map has no vocabulary), and JCS needs no
 * context to check.
 *
 * The file list is split into segments (kiln-manifests/segments/<sha256>.json, content
 * addressed): one per block of the export's record (export-bundle.ts: the site-wide files, 256
 * awards, 512 personal pages). So an incremental bundle carries only the segments of the blocks
 * that changed, not a list of the whole site.
 *
 * Published segments never name a file that identifies a recipient (isPrivatePath: credentials,
 * their pages, OB 2.0 assertions, personal pages): those are listed under `hashed` by
 * pathKey(path), the first 128 bits of SHA-256 of the path, in hex. Their names hold random ids
 * (122 bits or more), so the hash cannot be turned back into a path, and a site cannot be
 * enumerated from its manifests; whoever holds the file (or its URL) can still check it. The
 * station's own record (bundles/state.json in the data dir) keeps the plain paths.
 */
import { createHash } from 'node:crypto'
import { base58 } from '@scure/base'
import canonicalize from 'canonicalize'
import { z } from 'zod'
import { decodePublicKeyMultibase } from '../keys/multikey.js'
import { verifyEd25519 } from '../keys/ed25519.js'

export const MANIFEST_FORMAT = 'kiln-manifest/2'
export const SEGMENT_FORMAT = 'kiln-manifest-segment/2'
/** Segments written before paths were hashed (read, never written). */
export const SEGMENT_FORMAT_1 = 'kiln-manifest-segment/1'
export const MANIFEST_FILE = 'kiln-manifest.json'

export type FileMap = Map<string, string>

export type SegmentRef = Readonly<{ path: string; sha256: string; files: number }>

export type ManifestSignature = Readonly<{
  type: 'Ed25519Signature2020-JCS'
  verificationMethod: string
  signatureValue: string
}>

export type Manifest = Readonly<{
  /** kiln-manifest/1 manifests (segments with plain paths) are still read. */
  format: typeof MANIFEST_FORMAT | 'kiln-manifest/1'
  seq: number
  previous: string | null
  issuer: string
  stationId: string
  siteUrl: string
  files: number
  statusLists: Readonly<Record<string, string>>
  segments: readonly SegmentRef[]
  signature: ManifestSignature
}>

export type Segment = Readonly<{
  format: typeof SEGMENT_FORMAT
  /** Public paths → SHA-256 of the file. */
  files: Readonly<Record<string, string>>
  /** pathKey(path) of private paths → SHA-256 of the file. */
  hashed: Readonly<Record<string, string>>
}>

/** The folders whose files name a recipient (their index.html pages list nothing and are public). */
const PRIVATE_PREFIXES = ['credentials/', 'ob2/assertions/', 'p/'] as const

/** Whether a site path is listed by hash in published manifests (see the module comment). */
export function isPrivatePath(p: string): boolean {
  return PRIVATE_PREFIXES.some((prefix) => p.startsWith(prefix) && p !== `${prefix}index.html`)
}

/** The key a private path is listed under: hex of the first 128 bits of SHA-256(UTF-8 path). */
export function pathKey(p: string): string {
  return sha256Hex(p).slice(0, 32)
}

/** How a path appears in a published segment: itself, or its pathKey under `hashed`. */
export function manifestEntry(p: string): { hashed: boolean; key: string } {
  return isPrivatePath(p) ? { hashed: true, key: pathKey(p) } : { hashed: false, key: p }
}

export function sha256Hex(bytes: Uint8Array | string): string {
  return createHash('sha256').update(bytes).digest('hex')
}

const jcs = (value: unknown): string => {
  const text = (canonicalize as unknown as (v: unknown) => string | undefined)(value)
  if (text === undefined) throw new Error('cannot canonicalize')
  return text
}

const sortedRecord = (entries: Iterable<readonly [string, string]>): Record<string, string> =>
  Object.fromEntries([...entries].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)))

/** Pretty JSON with a final newline (all site JSON is written this way). */
export function jsonBytes(value: unknown): Buffer {
  return Buffer.from(JSON.stringify(value, null, 2) + '\n', 'utf8')
}

export function segmentBytes(paths: readonly string[], files: FileMap): Buffer {
  const plain: [string, string][] = []
  const hashed: [string, string][] = []
  for (const p of paths) addSegmentEntry(p, files, plain, hashed)
  return segmentFromEntries(plain, hashed)
}

/** One path's entry of a segment (a long export adds them a few at a time, then writes it). */
export function addSegmentEntry(
  p: string,
  files: FileMap,
  plain: [string, string][],
  hashed: [string, string][]
): void {
  const entry = manifestEntry(p)
  ;(entry.hashed ? hashed : plain).push([entry.key, files.get(p) ?? ''])
}

/**
 * An object's members sorted by key, as `JSON.stringify(object, null, 2)` writes them one level
 * in (written by hand: the same bytes in a fraction of the time for 1,024 members).
 */
function sortedMembers(entries: Iterable<readonly [string, string]>): string {
  const sorted = [...entries].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
  if (sorted.length === 0) return '{}'
  let out = '{'
  for (let i = 0; i < sorted.length; i++) {
    const [key, value] = sorted[i] ?? ['', '']
    out += `${i === 0 ? '' : ','}\n    ${JSON.stringify(key)}: ${JSON.stringify(value)}`
  }
  return out + '\n  }'
}

/** The segment's bytes from its entries (see segmentBytes): the bytes of jsonBytes(Segment). */
export function segmentFromEntries(
  plain: Iterable<readonly [string, string]>,
  hashed: Iterable<readonly [string, string]>
): Buffer {
  const text =
    `{\n  "format": ${JSON.stringify(SEGMENT_FORMAT)},\n  "files": ${sortedMembers(plain)},\n` +
    `  "hashed": ${sortedMembers(hashed)}\n}\n`
  return Buffer.from(text, 'utf8')
}

export const segmentPath = (sha: string): string => `kiln-manifests/segments/${sha}.json`

export function signManifest(
  unsigned: Omit<Manifest, 'signature'>,
  signer: { sign(d: Uint8Array): Uint8Array },
  verificationMethod: string
): Manifest {
  const body = { ...unsigned, statusLists: sortedRecord(Object.entries(unsigned.statusLists)) }
  const signature = signer.sign(Buffer.from(jcs(body), 'utf8'))
  return {
    ...body,
    signature: {
      type: 'Ed25519Signature2020-JCS',
      verificationMethod,
      signatureValue: 'z' + base58.encode(signature)
    }
  }
}

/** Checks the detached signature with the key named in the verificationMethod's fragment. */
export function verifyManifestSignature(
  manifest: Manifest
): { ok: true; publicKeyMultibase: string } | { ok: false; reason: string } {
  const { signature, ...body } = manifest
  if (!signature || typeof signature.verificationMethod !== 'string') {
    return { ok: false, reason: 'the manifest is not signed' }
  }
  const multibase = signature.verificationMethod.split('#')[1] ?? ''
  let key: Uint8Array
  let sig: Uint8Array
  try {
    key = decodePublicKeyMultibase(multibase)
    sig = base58.decode(String(signature.signatureValue).slice(1))
  } catch {
    return { ok: false, reason: 'the manifest signature or key is not readable' }
  }
  return verifyEd25519(key, Buffer.from(jcs(body), 'utf8'), sig)
    ? { ok: true, publicKeyMultibase: multibase }
    : { ok: false, reason: 'the manifest signature does not match' }
}

const hex64 = z.string().regex(/^[0-9a-f]{64}$/)

const manifestSchema = z.object({
  format: z.union([z.literal(MANIFEST_FORMAT), z.literal('kiln-manifest/1')]),
  seq: z.number().int().min(1),
  previous: z.string().nullable(),
  issuer: z.string(),
  stationId: z.string(),
  siteUrl: z.string(),
  files: z.number().int().min(0),
  statusLists: z.record(z.string(), z.string()),
  segments: z.array(z.object({ path: z.string(), sha256: hex64, files: z.number().int().min(0) })),
  signature: z.object({
    type: z.literal('Ed25519Signature2020-JCS'),
    verificationMethod: z.string(),
    signatureValue: z.string()
  })
})

const segmentSchema = z.object({
  format: z.union([z.literal(SEGMENT_FORMAT), z.literal(SEGMENT_FORMAT_1)]),
  files: z.record(z.string(), z.string()),
  hashed: z.record(z.string(), z.string()).optional()
})

/**
 * A manifest read from a site (any field the signature covers is kept, so the signature still
 * checks); undefined when it is not JSON or not a manifest. Members it does not know are kept.
 */
export function parseManifest(bytes: Uint8Array): Manifest | undefined {
  let value: unknown
  try {
    value = JSON.parse(Buffer.from(bytes).toString('utf8'))
  } catch {
    return undefined
  }
  const parsed = manifestSchema.loose().safeParse(value)
  return parsed.success ? parsed.data : undefined
}

export type ParsedSegment = Readonly<{
  format: typeof SEGMENT_FORMAT | typeof SEGMENT_FORMAT_1
  files: Readonly<Record<string, string>>
  hashed: Readonly<Record<string, string>>
}>

export function parseSegment(bytes: Uint8Array): ParsedSegment | undefined {
  let value: unknown
  try {
    value = JSON.parse(Buffer.from(bytes).toString('utf8'))
  } catch {
    return undefined
  }
  const parsed = segmentSchema.safeParse(value)
  return parsed.success ? { ...parsed.data, hashed: parsed.data.hashed ?? {} } : undefined
}
