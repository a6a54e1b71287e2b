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
 * addressed): a path keeps the segment it was first listed in, new paths go to the last
 * segment until it holds SEGMENT_SIZE paths. So an incremental bundle carries only the
 * segments that changed, not a list of the whole site.
 */
import { createHash } from 'node:crypto'
import { base58 } from '@scure/base'
import canonicalize from 'canonicalize'
import { decodePublicKeyMultibase } from '../keys/multikey.js'
import { verifyEd25519 } from '../keys/ed25519.js'

export const MANIFEST_FORMAT = 'kiln-manifest/1'
export const SEGMENT_FORMAT = 'kiln-manifest-segment/1'
export const MANIFEST_FILE = 'kiln-manifest.json'
export const SEGMENT_SIZE = 1024

export type FileMap = Map<string, string>

export type SegmentRef = Readonly<{ path: string; sha256: string; files: number }>

export type ManifestSignature = Readonly<{
  type: 'Ed25519Signature2020-JCS'
  verificationMethod: string
  signatureValue: string
}>

export type Manifest = Readonly<{
  format: typeof MANIFEST_FORMAT
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
  files: Readonly<Record<string, string>>
}>

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
  const segment: Segment = {
    format: SEGMENT_FORMAT,
    files: sortedRecord(paths.map((p) => [p, files.get(p) ?? ''] as const))
  }
  return jsonBytes(segment)
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
