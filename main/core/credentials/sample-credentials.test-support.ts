/**
 * Deterministic generator of varied OpenBadgeCredentials in the shape Kiln emits (and of
 * status list credentials), for the fast-vs-full canonicalization test and the bench.
 * Test/bench support only: not imported by production code.
 */
import { OB_CREDENTIAL_CONTEXT, VC_V2 } from './contexts.js'

/** mulberry32: small, fast, deterministic. */
export function prng(seed: number): () => number {
  let a = seed >>> 0
  return () => {
    a = (a + 0x6d2b79f5) >>> 0
    let t = a
    t = Math.imul(t ^ (t >>> 15), t | 1)
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
}

const NAMES = [
  'Ada Lovelace',
  '李小龍',
  '田中 花子',
  'محمد الأحمد',
  'Zoë "Zed" O\'Brien',
  'Back\\slash Person',
  'Line\nBreak\tTab',
  'Émile Zola 🎓',
  '👩🏽‍🔬 Dr. Ngozi',
  'Ωμέγα Δέλτα',
  'Иван Петров',
  'control\u0001char\u007f',
  ' leading and trailing ',
  'quote "in" <angle> & amp'
]
const WORDS = ['Safety', '安全', 'Welding', 'السلامة', 'Rust 🦀', 'Data "Q"', 'a\\b', 'First Aid']

export type Pick = <T>(xs: readonly T[]) => T

function picker(rand: () => number): Pick {
  return <T>(xs: readonly T[]): T => xs[Math.floor(rand() * xs.length) % xs.length] as T
}

function isoDate(rand: () => number, baseYear: number): string {
  const ms = Date.UTC(baseYear, 0, 1) + Math.floor(rand() * 365 * 86400) * 1000
  return new Date(ms).toISOString().replace('.000Z', 'Z')
}

export type SampleOptions = {
  /** Add two identical alignments (equal first-degree hashes); otherwise about 1 in 10 has them. */
  forceCollision?: boolean
  /** Never add the identical alignments. */
  noCollision?: boolean
  /** Issuer DID (default did:web:badges<i mod 7>.example.edu). */
  issuerId?: string
}

/** The index-th sample credential (unsigned), deterministic in (seed, index). */
export function sampleCredential(index: number, seed = 1, opts: SampleOptions = {}): object {
  const rand = prng(seed * 1_000_003 + index)
  const pick = picker(rand)
  const maybe = (p: number): boolean => rand() < p
  const site = `https://badges${index % 7}.example.edu`
  const did = opts.issuerId ?? `did:web:badges${index % 7}.example.edu`
  const name = pick(NAMES)
  const alignmentCount = Math.floor(rand() * 4)
  const alignment: object[] = []
  for (let i = 0; i < alignmentCount; i++) {
    const a: Record<string, unknown> = {
      type: ['Alignment'],
      targetName: `${pick(WORDS)} ${i}`,
      targetUrl: `${site}/frameworks/${i}?q=${index}`
    }
    if (maybe(0.5)) a.targetFramework = pick(WORDS)
    if (maybe(0.5)) a.targetCode = `C-${i}`
    alignment.push(a)
  }
  if (opts.forceCollision === true || (maybe(0.1) && opts.noCollision !== true)) {
    const twin = { type: ['Alignment'], targetName: 'Twin', targetUrl: `${site}/twin` }
    alignment.push(twin, { ...twin })
  }
  const achievement: Record<string, unknown> = {
    id: `${site}/achievements/${index % 50}`,
    type: ['Achievement'],
    name: `${pick(WORDS)} ${pick(NAMES)}`,
    description: `Awarded for ${pick(WORDS)}.\nSecond line with "quotes" and \\ backslash.`,
    criteria: maybe(0.7)
      ? { narrative: `Complete ${pick(WORDS)}` }
      : { id: `${site}/criteria/${index % 9}` }
  }
  if (maybe(0.6)) achievement.image = { id: `${site}/images/${index % 20}.png`, type: 'Image' }
  if (maybe(0.6)) achievement.tag = Array.from({ length: 1 + (index % 3) }, () => pick(WORDS))
  if (alignment.length > 0) achievement.alignment = alignment
  if (maybe(0.5)) achievement.achievementType = pick(['Badge', 'Certificate', 'Competency'])
  if (maybe(0.5)) {
    achievement.creditsAvailable = pick([1, 3, 2.5, 0.25, 10, 1e-7, 123456789, 0, 7.0, 1.1])
  }
  if (maybe(0.3)) achievement.fieldOfStudy = pick(WORDS)
  if (maybe(0.3)) achievement.humanCode = `HC-${index}`
  if (maybe(0.3)) achievement.version = `1.${index % 4}`
  const subject: Record<string, unknown> = {
    type: ['AchievementSubject'],
    name,
    identifier: [
      {
        type: 'IdentityObject',
        identityHash: `sha256$${(index * 2654435761).toString(16).padStart(64, '0').slice(0, 64)}`,
        identityType: 'emailAddress',
        hashed: true,
        salt: `salt-${Math.floor(rand() * 1e9)}`
      }
    ],
    achievement
  }
  if (maybe(0.5)) subject.narrative = `Narrative for ${name}: ${pick(WORDS)}`
  const issuer: Record<string, unknown> = {
    id: did,
    type: ['Profile'],
    name: `${pick(WORDS)} Institute`,
    url: site
  }
  if (maybe(0.5)) issuer.email = `badges@badges${index % 7}.example.edu`
  const cred: Record<string, unknown> = {
    '@context': [...OB_CREDENTIAL_CONTEXT],
    id: `${site}/credentials/${index}-${Math.floor(rand() * 1e9)}`,
    type: ['VerifiableCredential', 'OpenBadgeCredential'],
    issuer,
    validFrom: isoDate(rand, 2024),
    awardedDate: isoDate(rand, 2024),
    name: `${achievement.name as string}`,
    credentialSubject: subject
  }
  if (maybe(0.4)) cred.validUntil = isoDate(rand, 2030)
  if (maybe(0.4)) {
    cred.evidence = [
      maybe(0.5)
        ? { type: ['Evidence'], id: `${site}/evidence/${index}`, narrative: pick(WORDS) }
        : { type: ['Evidence'], id: `${site}/evidence/${index}` }
    ]
  }
  if (maybe(0.85)) {
    cred.credentialStatus = {
      id: `${site}/status/1#${index}`,
      type: 'BitstringStatusListEntry',
      statusPurpose: 'revocation',
      statusListIndex: String(index),
      statusListCredential: `${site}/status/1`
    }
  }
  if (maybe(0.85)) {
    cred.credentialSchema = [
      {
        id: 'https://purl.imsglobal.org/spec/ob/v3p0/schema/json/ob_v3p0_achievementcredential_schema.json',
        type: '1EdTechJsonSchemaValidator2019'
      }
    ]
  }
  return cred
}

/** A BitstringStatusListCredential in the shape Kiln publishes. */
export function sampleStatusListCredential(index: number): object {
  const site = `https://badges${index % 7}.example.edu`
  return {
    '@context': [VC_V2],
    id: `${site}/status/${index}`,
    type: ['VerifiableCredential', 'BitstringStatusListCredential'],
    issuer: `did:web:badges${index % 7}.example.edu`,
    validFrom: '2025-01-01T00:00:00Z',
    credentialSubject: {
      id: `${site}/status/${index}#list`,
      type: 'BitstringStatusList',
      statusPurpose: 'revocation',
      encodedList: `uH4sIAAAAAAAAA-3BMQEAAADCoPVPbQwfoAAAAAAAAAAAAAAAAAAAAIC3AYbSVKsAQAAA${index}`
    }
  }
}
