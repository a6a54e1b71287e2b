import { describe, expect, it } from 'vitest'
import {
  achievementUrl,
  buildOpenBadgeCredential,
  computeValidUntil,
  credentialUrl,
  replacesDescription
} from './build-credential.js'
import { hashEmail } from './identity-hash.js'
import { validateAchievementCredential } from './schema.js'
import { baseInput, LIST_URL, newIssuer, SITE } from './test-kit.js'
import { variants } from './variants.js'

const issuer = newIssuer('web')

describe('computeValidUntil', () => {
  it('never → undefined', () => {
    expect(computeValidUntil({ kind: 'never' }, '2025-01-01T00:00:00Z')).toBeUndefined()
  })

  it('adds months on the same day and UTC time', () => {
    expect(computeValidUntil({ kind: 'months', months: 1 }, '2025-03-15T10:20:30Z')).toBe(
      '2025-04-15T10:20:30Z'
    )
    expect(computeValidUntil({ kind: 'months', months: 12 }, '2025-06-15T00:00:00Z')).toBe(
      '2026-06-15T00:00:00Z'
    )
    expect(computeValidUntil({ kind: 'months', months: 14 }, '2025-11-30T23:00:00Z')).toBe(
      '2027-01-30T23:00:00Z'
    )
    expect(computeValidUntil({ kind: 'months', months: 1200 }, '2025-06-15T00:00:00.250Z')).toBe(
      '2125-06-15T00:00:00.250Z'
    )
  })

  it('clamps to the end of shorter months (leap years included)', () => {
    expect(computeValidUntil({ kind: 'months', months: 1 }, '2024-01-31T12:00:00Z')).toBe(
      '2024-02-29T12:00:00Z'
    )
    expect(computeValidUntil({ kind: 'months', months: 1 }, '2025-01-31T12:00:00Z')).toBe(
      '2025-02-28T12:00:00Z'
    )
    expect(computeValidUntil({ kind: 'months', months: 3 }, '2025-01-31T12:00:00Z')).toBe(
      '2025-04-30T12:00:00Z'
    )
    expect(computeValidUntil({ kind: 'months', months: 12 }, '2024-02-29T00:00:00Z')).toBe(
      '2025-02-28T00:00:00Z'
    )
  })

  it('works in UTC whatever the offset of validFrom', () => {
    // 2025-01-31T23:30-02:00 is 2025-02-01T01:30Z → one month later is 2025-03-01T01:30Z
    expect(computeValidUntil({ kind: 'months', months: 1 }, '2025-01-31T23:30:00-02:00')).toBe(
      '2025-03-01T01:30:00Z'
    )
  })

  it('returns a fixed date as UTC', () => {
    expect(
      computeValidUntil({ kind: 'date', date: '2030-12-31T23:59:59+02:00' }, '2025-01-01T00:00:00Z')
    ).toBe('2030-12-31T21:59:59Z')
  })

  it('rejects a validFrom that is not a date', () => {
    expect(() => computeValidUntil({ kind: 'months', months: 1 }, 'yesterday')).toThrow(RangeError)
  })
})

describe('buildOpenBadgeCredential', () => {
  it('builds exactly the documented shape for a minimal award', () => {
    const input = baseInput(issuer.profile)
    expect(buildOpenBadgeCredential(input)).toEqual({
      '@context': [
        'https://www.w3.org/ns/credentials/v2',
        'https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json',
        'https://purl.imsglobal.org/spec/ob/v3p0/extensions.json'
      ],
      id: `${SITE}credentials/awd_0001`,
      type: ['VerifiableCredential', 'OpenBadgeCredential'],
      issuer: {
        id: 'did:web:badges.example.org',
        type: ['Profile'],
        name: 'Kiln Test Association',
        url: 'https://example.org/'
      },
      validFrom: '2025-03-01T10:00:00Z',
      awardedDate: '2025-03-01T10:00:00Z',
      name: 'Teamwork',
      credentialSubject: {
        type: ['AchievementSubject'],
        name: 'Ada Lovelace',
        identifier: [
          {
            type: 'IdentityObject',
            identityHash: hashEmail('ada@example.org', input.recipient.salt),
            identityType: 'emailAddress',
            hashed: true,
            salt: input.recipient.salt
          }
        ],
        achievement: {
          id: `${SITE}achievements/bdg_teamwork`,
          type: ['Achievement'],
          name: 'Teamwork',
          description: 'Works well with others.',
          criteria: { narrative: 'Nominated by peers.' },
          achievementType: 'Badge',
          version: '1'
        }
      },
      credentialStatus: {
        id: `${LIST_URL}#4242`,
        type: 'BitstringStatusListEntry',
        statusPurpose: 'revocation',
        statusListIndex: '4242',
        statusListCredential: LIST_URL
      },
      credentialSchema: [
        {
          id: 'https://purl.imsglobal.org/spec/ob/v3p0/schema/json/ob_v3p0_achievementcredential_schema.json',
          type: '1EdTechJsonSchemaValidator2019'
        }
      ]
    })
  })

  it('fills every optional field when given', () => {
    const everything = variants(issuer.profile).find((v) => v.label === 'everything')
    if (!everything) throw new Error('variant missing')
    const vc = buildOpenBadgeCredential(everything.input)
    expect(vc.issuer.email).toBe('office@example.org')
    expect(vc.validUntil).toBe('2027-01-31T08:30:00Z')
    expect(vc.awardedDate).toBe('2024-02-29T23:59:59Z')
    expect(vc.description).toBe(
      replacesDescription('https://badges.example.org/credentials/awd_old')
    )
    expect(vc.credentialSubject.narrative).toBe('Ran the spring fair — 300 visitors. ✨')
    expect(vc.credentialSubject.identifier[0]?.identityHash).toBe(
      hashEmail('zoe.nunez@example.org', 'ab'.repeat(16))
    )
    expect(vc.evidence).toEqual([
      { type: ['Evidence'], id: 'https://example.org/evidence/fair-2025' }
    ])
    const a = vc.credentialSubject.achievement
    expect(a.criteria).toEqual({
      id: 'https://example.org/criteria/lead',
      narrative: 'Led a project for 6 months.'
    })
    expect(a.image).toEqual({
      id: 'https://badges.example.org/achievements/bdg_lead-v7.png',
      type: 'Image'
    })
    expect(a.tag).toEqual(['leadership', 'führung', '领导'])
    expect(a.alignment).toEqual([
      {
        type: ['Alignment'],
        targetName: 'ESCO: lead a team',
        targetUrl: 'https://data.europa.eu/esco/skill/lead-a-team',
        targetFramework: 'ESCO',
        targetCode: 'S4.8.1',
        targetDescription: 'Direct and motivate a group.'
      },
      {
        type: ['Alignment'],
        targetName: 'Minimal alignment',
        targetUrl: 'https://example.org/framework/1'
      }
    ])
    expect(a.achievementType).toBe('ext:Kiln-Leadership_1.0')
    expect(a.creditsAvailable).toBe(2.5)
    expect(a.fieldOfStudy).toBe('Management')
    expect(a.humanCode).toBe('LEAD-101')
    expect(a.version).toBe('7')
  })

  it('omits empty and absent optional values (no null, no empty arrays)', () => {
    const empty = variants(issuer.profile).find(
      (v) => v.label === 'empty optional strings are omitted'
    )
    if (!empty) throw new Error('variant missing')
    const vc = buildOpenBadgeCredential(empty.input)
    const json = JSON.stringify(vc)
    for (const key of [
      'validUntil',
      'evidence',
      'image',
      'fieldOfStudy',
      'humanCode',
      'tag',
      'alignment'
    ]) {
      expect(json).not.toContain(`"${key}"`)
    }
    expect(vc.credentialSubject).not.toHaveProperty('narrative')
    expect(vc).not.toHaveProperty('description')
    expect(json).not.toContain('null')
    expect(json).not.toContain('[]')
    expect(vc.credentialSubject.achievement.criteria).toEqual({ narrative: 'x' })
  })

  it('builds URLs under the site, with or without a trailing slash, escaping ids', () => {
    expect(credentialUrl('https://a.org/x', 'awd 1')).toBe('https://a.org/x/credentials/awd%201')
    expect(credentialUrl('https://a.org/x/', 'awd_1')).toBe('https://a.org/x/credentials/awd_1')
    expect(achievementUrl('https://a.org/', 'b/1')).toBe('https://a.org/achievements/b%2F1')
  })

  it('is deterministic and does not alias its input', () => {
    for (const { input } of variants(issuer.profile)) {
      const a = buildOpenBadgeCredential(input)
      const b = buildOpenBadgeCredential(input)
      expect(JSON.stringify(a)).toBe(JSON.stringify(b))
      a.credentialSubject.achievement.tag?.push('mutated')
      a['@context'].push('x')
      expect(JSON.stringify(buildOpenBadgeCredential(input))).toBe(JSON.stringify(b))
    }
  })

  it('validates every variant against the OB 3.0 AchievementCredential schema', () => {
    for (const kind of ['web', 'key'] as const) {
      for (const { label, input } of variants(newIssuer(kind).profile)) {
        const result = validateAchievementCredential(buildOpenBadgeCredential(input))
        expect(result, `${kind} / ${label}`).toEqual({ valid: true })
      }
    }
  })
})
