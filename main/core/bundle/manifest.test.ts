import { createHash } from 'node:crypto'
import { describe, expect, it } from 'vitest'
import { signerFromSeed } from '../keys/ed25519.js'
import { encodePublicKeyMultibase } from '../keys/multikey.js'
import {
  MANIFEST_FORMAT,
  isPrivatePath,
  pathKey,
  jsonBytes,
  segmentBytes,
  segmentFromEntries,
  signManifest,
  verifyManifestSignature,
  type Manifest
} from './manifest.js'

const seed = Uint8Array.from({ length: 32 }, (_, i) => i + 1)
const signer = signerFromSeed(seed)
const vm = `did:web:badges.example.org#${encodePublicKeyMultibase(signer.publicKey)}`

function manifest(): Manifest {
  return signManifest(
    {
      format: MANIFEST_FORMAT,
      seq: 3,
      previous: 'ab'.repeat(32),
      issuer: 'did:web:badges.example.org',
      stationId: 'st1',
      siteUrl: 'https://badges.example.org/',
      files: 2,
      statusLists: { 'status/st1-1.json': 'cd'.repeat(32) },
      segments: [{ path: 'kiln-manifests/segments/x.json', sha256: 'ef'.repeat(32), files: 2 }]
    },
    signer,
    vm
  )
}

describe('bundle manifest', () => {
  it('signs over the JCS form: verifies, survives re-serialisation, is deterministic', () => {
    const m = manifest()
    expect(m.signature.verificationMethod).toBe(vm)
    expect(verifyManifestSignature(m)).toEqual({
      ok: true,
      publicKeyMultibase: encodePublicKeyMultibase(signer.publicKey)
    })
    const { signature, ...rest } = m
    const reversed = Object.fromEntries(Object.entries(rest).reverse())
    const reordered = JSON.parse(JSON.stringify({ signature, ...reversed })) as Manifest
    expect(verifyManifestSignature(reordered).ok).toBe(true)
    expect(JSON.stringify(manifest())).toBe(JSON.stringify(m))
  })

  it('rejects any change to the sequence, chain, files or signing key', () => {
    const m = manifest()
    expect(verifyManifestSignature({ ...m, seq: 4 }).ok).toBe(false)
    expect(verifyManifestSignature({ ...m, previous: null }).ok).toBe(false)
    expect(
      verifyManifestSignature({ ...m, statusLists: { 'status/st1-1.json': '00'.repeat(32) } }).ok
    ).toBe(false)
    const other = signerFromSeed(new Uint8Array(32).fill(9))
    const swapped = {
      ...m,
      signature: {
        ...m.signature,
        verificationMethod: `did:web:badges.example.org#${encodePublicKeyMultibase(other.publicKey)}`
      }
    }
    expect(verifyManifestSignature(swapped).ok).toBe(false)
  })

  it('writes segments with sorted keys; private paths only by the hash of the path', () => {
    const files = new Map([
      ['b', '2'],
      ['a', '1'],
      ['credentials/0f1e.json', '3'],
      ['ob2/assertions/0f1e.json', '4'],
      ['p/k3y/index.html', '5'],
      ['credentials/index.html', '6']
    ])
    const segment = JSON.parse(segmentBytes([...files.keys()], files).toString('utf8')) as {
      format: string
      files: Record<string, string>
      hashed: Record<string, string>
    }
    expect(segment.format).toBe('kiln-manifest-segment/2')
    expect(segment.files).toEqual({ a: '1', b: '2', 'credentials/index.html': '6' })
    expect(Object.keys(segment.files)).toEqual(['a', 'b', 'credentials/index.html'])
    expect(segment.hashed).toEqual({
      [pathKey('credentials/0f1e.json')]: '3',
      [pathKey('ob2/assertions/0f1e.json')]: '4',
      [pathKey('p/k3y/index.html')]: '5'
    })
    expect(pathKey('credentials/0f1e.json')).toBe(
      createHash('sha256').update('credentials/0f1e.json').digest('hex').slice(0, 32)
    )
    expect(isPrivatePath('credentials/0f1e/index.html')).toBe(true)
    expect(isPrivatePath('achievements/x.json')).toBe(false)
  })

  it('writes a segment as the very bytes of its pretty JSON (written by hand for speed)', () => {
    const plain: [string, string][] = [
      ['z/ü "quoted" \\ path.json', 'ab'.repeat(32)],
      ['a.json', 'cd'.repeat(32)],
      ['m/\u2028.html', 'ef'.repeat(32)]
    ]
    const hashed: [string, string][] = [
      [pathKey('credentials/x.json'), '01'.repeat(32)],
      [pathKey('credentials/y.json'), '02'.repeat(32)]
    ]
    const sorted = (entries: [string, string][]): Record<string, string> =>
      Object.fromEntries([...entries].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)))
    const expected = (p: [string, string][], h: [string, string][]): Buffer =>
      jsonBytes({ format: 'kiln-manifest-segment/2', files: sorted(p), hashed: sorted(h) })
    expect(segmentFromEntries(plain, hashed).equals(expected(plain, hashed))).toBe(true)
    expect(segmentFromEntries([], hashed).equals(expected([], hashed))).toBe(true)
    expect(segmentFromEntries(plain, []).equals(expected(plain, []))).toBe(true)
    expect(segmentFromEntries([], []).equals(expected([], []))).toBe(true)
  })
})
