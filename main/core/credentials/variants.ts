/** A spread of build inputs covering every optional field and expiry policy. Tests only. */
import type { BadgeContent, ExpiryPolicy, IssuerProfile } from '../../../shared/types.js'
import { computeValidUntil, type CredentialBuildInput } from './build-credential.js'
import { BASE_CONTENT, baseInput } from './test-kit.js'

export const FULL_CONTENT: BadgeContent = {
  name: 'Ünïcödé Leadership — “quoted” & <tagged>',
  description: 'Leads **teams**.\n\n- plans\n- delivers 🚀',
  criteria: { narrative: 'Led a project for 6 months.', url: 'https://example.org/criteria/lead' },
  tags: ['leadership', 'führung', '领导'],
  achievementType: 'ext:Kiln-Leadership_1.0',
  creditsAvailable: 2.5,
  fieldOfStudy: 'Management',
  humanCode: 'LEAD-101',
  alignments: [
    {
      targetName: 'ESCO: lead a team',
      targetUrl: 'https://data.europa.eu/esco/skill/lead-a-team',
      targetFramework: 'ESCO',
      targetCode: 'S4.8.1',
      targetDescription: 'Direct and motivate a group.'
    },
    { targetName: 'Minimal alignment', targetUrl: 'https://example.org/framework/1' }
  ],
  expiry: { kind: 'months', months: 24 }
}

export type Variant = Readonly<{ label: string; input: CredentialBuildInput }>

function withExpiry(
  issuer: IssuerProfile,
  label: string,
  expiry: ExpiryPolicy,
  validFrom: string
): Variant {
  const validUntil = computeValidUntil(expiry, validFrom)
  const base = baseInput(issuer)
  return {
    label,
    input: {
      ...base,
      badge: { ...base.badge, content: { ...BASE_CONTENT, expiry } },
      award: {
        ...base.award,
        validFrom,
        awardedDate: validFrom,
        ...(validUntil ? { validUntil } : {})
      }
    }
  }
}

export function variants(issuer: IssuerProfile): Variant[] {
  const base = baseInput(issuer)
  return [
    { label: 'minimal', input: base },
    {
      label: 'everything',
      input: {
        ...base,
        issuer: { ...issuer, email: 'office@example.org' },
        badge: {
          id: 'bdg_lead',
          version: 7,
          content: FULL_CONTENT,
          imageUrl: 'https://badges.example.org/achievements/bdg_lead-v7.png'
        },
        award: {
          id: 'awd_full',
          awardedDate: '2024-02-29T23:59:59Z',
          validFrom: '2025-01-31T08:30:00Z',
          validUntil: '2027-01-31T08:30:00Z',
          narrative: 'Ran the spring fair — 300 visitors. ✨',
          evidenceUrl: 'https://example.org/evidence/fair-2025',
          replaces: 'https://badges.example.org/credentials/awd_old'
        },
        recipient: {
          name: 'Zoë Ñúñez-李 👩‍🔬',
          email: '  Zoe.Nunez@Example.ORG ',
          salt: 'ab'.repeat(16)
        }
      }
    },
    {
      label: 'unicode names, criteria URL only',
      input: {
        ...base,
        issuer: { ...issuer, name: 'جمعية المتطوعين' },
        badge: {
          ...base.badge,
          content: {
            ...BASE_CONTENT,
            name: 'Ж 🎖️',
            criteria: { url: 'https://example.org/c' },
            tags: ['  ']
          }
        },
        recipient: { name: 'Œdipe Ÿ’Hôpital', email: 'œ@exämple.org', salt: newSaltLike(1) }
      }
    },
    {
      label: 'site without trailing slash, unusual ids',
      input: {
        ...base,
        siteUrl: 'https://example.org/clubs/chess',
        badge: { ...base.badge, id: 'bdg a/b', version: 12 },
        award: { ...base.award, id: 'awd-ä 1' },
        status: { listUrl: 'https://example.org/clubs/chess/status/s-2.json', index: 0 }
      }
    },
    {
      label: 'empty optional strings are omitted',
      input: {
        ...base,
        badge: {
          ...base.badge,
          imageUrl: '',
          content: {
            ...BASE_CONTENT,
            fieldOfStudy: '',
            humanCode: ' ',
            criteria: { narrative: 'x', url: '' }
          }
        },
        award: { ...base.award, narrative: '', evidenceUrl: '', replaces: '', validUntil: '' }
      }
    },
    withExpiry(issuer, 'expiry never', { kind: 'never' }, '2025-05-05T05:05:05Z'),
    withExpiry(
      issuer,
      'expiry 1 month from 31 Jan (clamped)',
      { kind: 'months', months: 1 },
      '2024-01-31T12:00:00Z'
    ),
    withExpiry(issuer, 'expiry 12 months', { kind: 'months', months: 12 }, '2025-06-15T00:00:00Z'),
    withExpiry(
      issuer,
      'expiry 1200 months',
      { kind: 'months', months: 1200 },
      '2025-06-15T00:00:00.250Z'
    ),
    withExpiry(
      issuer,
      'expiry date',
      { kind: 'date', date: '2030-12-31T23:59:59+02:00' },
      '2025-06-15T00:00:00Z'
    )
  ]
}

function newSaltLike(n: number): string {
  return n.toString(16).padStart(32, '0')
}
