/**
 * fast-check arbitraries of documents in Kiln's own shape (kiln-shape.ts): every optional
 * field present or not, strings in all scripts and with controls, quotes and bidi characters,
 * odd numbers, and mostly valid IRIs (a few that the fast path hands to the reference).
 * Tests only.
 */
import fc from 'fast-check'
import { OB_CREDENTIAL_CONTEXT, VC_V2 } from './contexts.js'

const SCRIPTS = [
  'Ada Lovelace',
  'فاطمة الزهراء',
  'לאה כץ',
  '王秀英',
  '山田 さくら',
  '김민준',
  'Αλέξανδρος',
  'Дмитрий Ёжиков',
  'मीनाक्षी',
  'ผู้ได้รับ',
  '👩🏽‍🔬 Dr. Ngozi',
  'Zoë "Zed" O\'Brien \\ <b>&amp;</b>',
  'line\nbreak\ttab\r',
  'control\u0000\u0001\u007f\u0085',
  'bidi \u202e\u2066override\u2069',
  ' spaced ',
  ''
]

const text = fc.oneof(
  fc.constantFrom(...SCRIPTS),
  fc.string({ unit: 'grapheme', maxLength: 24 }),
  fc.string({ unit: 'binary', maxLength: 24 }),
  fc
    .tuple(fc.constantFrom(...SCRIPTS), fc.string({ unit: 'grapheme', maxLength: 8 }))
    .map(([a, b]) => a + b)
)
const iri = fc.oneof(
  { weight: 40, arbitrary: fc.webUrl() },
  { weight: 8, arbitrary: fc.webUrl({ withQueryParameters: true, withFragments: true }) },
  {
    weight: 12,
    arbitrary: fc.constantFrom(
      'did:web:badges.example.org',
      'did:key:z6MkhaXgBZDvotDkL5257faiztiGiC2QtKLGpbnnEGta2doK',
      'urn:uuid:8a5b1a4e-0d6f-4b8e-9a37-2f2d8d1c1b22',
      'https://badges.example.org/é/名前',
      'mailto:ana@example.org'
    )
  },
  // Not IRIs the fast path writes: it hands them to the reference (or both refuse them).
  {
    weight: 1,
    arbitrary: fc.constantFrom(
      'https://badges.example.org/with space',
      'https://badges.example.org/"quote"',
      'relative/path'
    )
  }
)
const number = fc.oneof(
  fc.double({ noNaN: true, noDefaultInfinity: true }),
  fc.integer(),
  fc.constantFrom(0, -0, 1, 2.5, 1e21, 1e-7, 123456789, 10000)
)
const date = fc.oneof(
  fc
    .date({ min: new Date('1900-01-01'), max: new Date('2200-01-01'), noInvalidDate: true })
    .map((d) => d.toISOString().replace('.000Z', 'Z')),
  text
)
const typeList = (t: string) => fc.constant([t])

const alignment = fc.record(
  {
    type: typeList('Alignment'),
    targetName: text,
    targetUrl: iri,
    targetFramework: text,
    targetCode: text,
    targetDescription: text
  },
  { requiredKeys: ['type', 'targetName', 'targetUrl'] }
)

const achievement = fc.record(
  {
    id: iri,
    type: typeList('Achievement'),
    name: text,
    description: text,
    criteria: fc.record({ id: iri, narrative: text }, { requiredKeys: [] }),
    image: fc.record({ id: iri, type: fc.constant('Image') }),
    tag: fc.array(text, { minLength: 1, maxLength: 4 }),
    alignment: fc.array(alignment, { minLength: 1, maxLength: 3 }),
    achievementType: fc.oneof(
      {
        weight: 6,
        arbitrary: fc.constantFrom('Badge', 'Certificate', 'ext:Custom', 'MicroCredential')
      },
      { weight: 1, arbitrary: text }
    ),
    creditsAvailable: number,
    fieldOfStudy: text,
    humanCode: text,
    version: text
  },
  { requiredKeys: ['id', 'type', 'name', 'description', 'criteria'] }
)

const identifier = fc.record({
  type: fc.constant('IdentityObject'),
  identityHash: text,
  identityType: fc.constant('emailAddress'),
  hashed: fc.constant(true),
  salt: text
})

const openBadgeCredential = fc.record(
  {
    '@context': fc.constant([...OB_CREDENTIAL_CONTEXT]),
    id: iri,
    type: fc.constant(['VerifiableCredential', 'OpenBadgeCredential']),
    issuer: fc.record(
      { id: iri, type: typeList('Profile'), name: text, url: iri, email: text },
      { requiredKeys: ['id', 'type', 'name', 'url'] }
    ),
    validFrom: date,
    validUntil: date,
    awardedDate: date,
    name: text,
    description: text,
    credentialSubject: fc.record(
      {
        type: typeList('AchievementSubject'),
        name: text,
        identifier: fc.array(identifier, { minLength: 1, maxLength: 2 }),
        narrative: text,
        achievement
      },
      { requiredKeys: ['type', 'name', 'identifier', 'achievement'] }
    ),
    evidence: fc.array(
      fc.record(
        { type: typeList('Evidence'), id: iri, narrative: text },
        { requiredKeys: ['type', 'id'] }
      ),
      { minLength: 1, maxLength: 2 }
    ),
    credentialStatus: fc.record({
      id: iri,
      type: fc.constant('BitstringStatusListEntry'),
      statusPurpose: fc.oneof(fc.constant('revocation'), text),
      statusListIndex: fc.oneof(fc.nat().map(String), text),
      statusListCredential: iri
    }),
    credentialSchema: fc.array(
      fc.record({ id: iri, type: fc.constant('1EdTechJsonSchemaValidator2019') }),
      { minLength: 1, maxLength: 2 }
    )
  },
  {
    requiredKeys: [
      '@context',
      'id',
      'type',
      'issuer',
      'validFrom',
      'awardedDate',
      'name',
      'credentialSubject'
    ]
  }
)

const statusListCredential = fc.record(
  {
    '@context': fc.constant([VC_V2]),
    id: iri,
    type: fc.constant(['VerifiableCredential', 'BitstringStatusListCredential']),
    issuer: iri,
    validFrom: date,
    validUntil: date,
    credentialSubject: fc.record({
      id: iri,
      type: fc.constant('BitstringStatusList'),
      statusPurpose: text,
      encodedList: text
    })
  },
  { requiredKeys: ['@context', 'id', 'type', 'issuer', 'validFrom', 'credentialSubject'] }
)

export const kilnShaped = fc.oneof(
  { weight: 4, arbitrary: openBadgeCredential },
  { weight: 1, arbitrary: statusListCredential }
)
