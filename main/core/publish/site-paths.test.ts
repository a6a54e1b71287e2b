/**
 * Site paths: only safe relative paths reach a transport, and the upload order never lets a
 * page point at something not yet uploaded, the manifest coming last.
 */
import { describe, expect, it } from 'vitest'
import { KilnFailure } from '../failure.js'
import {
  assertSitePath,
  isManifestHistory,
  MANIFEST_PATH,
  PHASES,
  publishPhase
} from './site-paths.js'

function refusal(p: string): KilnFailure | undefined {
  try {
    assertSitePath(p)
    return undefined
  } catch (error) {
    if (error instanceof KilnFailure) return error
    throw error
  }
}

describe('assertSitePath', () => {
  it('passes relative site paths through unchanged', () => {
    for (const p of [
      'index.html',
      'credentials/urn-uuid-1.json',
      'credentials/urn-uuid-1/index.html',
      '.well-known/did.json',
      'kiln-manifests/segments/ab12.json',
      'ob2/badges/b1-v2.json',
      'naïve name with spaces.html'
    ]) {
      expect(assertSitePath(p)).toBe(p)
    }
  })

  it('refuses anything that could reach outside the site folder or prefix', () => {
    for (const p of [
      '',
      '/etc/passwd',
      '../outside.txt',
      'credentials/../../outside',
      './index.html',
      'credentials/./x.json',
      'credentials//x.json',
      'credentials/',
      'a\\..\\b',
      'credentials\\x.json',
      'nul\0byte',
      `${'a/'.repeat(512)}b`
    ]) {
      const failure = refusal(p)
      expect(failure?.code, JSON.stringify(p.slice(0, 40))).toBe('INTERNAL')
      expect(failure?.message).toMatch(/unsafe site path/)
    }
  })

  it('quotes a refused path shortened, never whole', () => {
    const long = `../${'x'.repeat(5000)}`
    expect(refusal(long)?.message.length).toBeLessThan(300)
  })
})

describe('publishPhase', () => {
  const site = [
    MANIFEST_PATH,
    'kiln-manifests/7.json',
    'kiln-manifests/segments/aa.json',
    'index.html',
    'verify/index.html',
    'badges/b1/index.html',
    'credentials/c1/index.html',
    'credentials/c1.json',
    'credentials/c1.png',
    'achievements/b1.json',
    'achievements/b1-v1.png',
    'ob2/assertions/c1.json',
    'verify/verifier.js',
    'issuer.json',
    'ob2/issuer.json',
    'did.json',
    '.well-known/did.json',
    'status/st-1-1.json',
    'status/st-1/0f.json',
    // a station whose list 1 rolled over publishes list 2 beside it, in the same phase
    'status/st-1-2.json',
    'status/st-1-2/1e.json'
  ]

  it('puts what credentials refer to first, then what pages link to, pages, and the manifest last', () => {
    expect(Object.fromEntries(site.map((p) => [p, publishPhase(p)] as [string, number]))).toEqual({
      'status/st-1-1.json': 0,
      'status/st-1/0f.json': 0,
      'status/st-1-2.json': 0,
      'status/st-1-2/1e.json': 0,
      'did.json': 0,
      '.well-known/did.json': 0,
      'issuer.json': 0,
      'ob2/issuer.json': 0,
      'credentials/c1.json': 1,
      'credentials/c1.png': 1,
      'achievements/b1.json': 1,
      'achievements/b1-v1.png': 1,
      'ob2/assertions/c1.json': 1,
      'verify/verifier.js': 1,
      'credentials/c1/index.html': 2,
      'badges/b1/index.html': 2,
      'index.html': 3,
      'verify/index.html': 3,
      'kiln-manifests/segments/aa.json': 4,
      'kiln-manifests/7.json': 5,
      [MANIFEST_PATH]: 6
    })
  })

  it('orders a whole site so that every file comes after everything of an earlier phase', () => {
    const ordered = [...site].sort((a, b) => publishPhase(a) - publishPhase(b))
    const phases = ordered.map(publishPhase)
    expect(phases).toEqual([...phases].sort((a, b) => a - b))
    expect(ordered.at(-1)).toBe(MANIFEST_PATH)
    // A credential page comes after its credential, its status list and the issuer's DID.
    const at = (p: string): number => ordered.indexOf(p)
    for (const needed of [
      'credentials/c1.json',
      'status/st-1-1.json',
      'status/st-1-2.json',
      '.well-known/did.json'
    ]) {
      expect(at(needed)).toBeLessThan(at('credentials/c1/index.html'))
    }
    // The top page (which links to badge pages) after the badge pages.
    expect(at('badges/b1/index.html')).toBeLessThan(at('index.html'))
    // Segments before the manifests that list them.
    expect(at('kiln-manifests/segments/aa.json')).toBeLessThan(at('kiln-manifests/7.json'))
    expect(Math.max(...phases)).toBe(PHASES - 1)
  })
})

describe('isManifestHistory', () => {
  it('marks the manifest chain (never deleted) and nothing else', () => {
    expect(isManifestHistory('kiln-manifests/3.json')).toBe(true)
    expect(isManifestHistory('kiln-manifests/segments/ab.json')).toBe(true)
    expect(isManifestHistory(MANIFEST_PATH)).toBe(false)
    expect(isManifestHistory('credentials/kiln-manifests/x.json')).toBe(false)
  })
})
