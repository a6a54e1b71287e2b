/**
 * Verifying a member's OB 2.0 hosted badge before it is imported (OB 2.0 "hosted verification"):
 * the assertion is fetched from its own URL (a baked copy or a file proves nothing by itself),
 * must be an Assertion that is not revoked (revoked: true, or HTTP 410) nor expired, whose id is
 * within the issuer's allowed origins (by default the issuer's own host), whose BadgeClass and
 * Issuer can be fetched, and whose recipient identity matches one of the member's e-mails.
 * Signed (JWS) OB 2.0 badges are refused with that reason.
 */
import type { VerificationCheck } from '../../../../shared/types.js'
import { isJsonObject } from '../../credentials/proof-check.js'
import { emailMatches } from '../../credentials/identity-hash.js'
import type { JsonFetcher } from './fetch-json.js'
import type { ImportVerdict } from './verify-ob3.js'

const OB2_CONTEXT = 'https://w3id.org/openbadges/v2'

function str(value: unknown): string | undefined {
  return typeof value === 'string' && value.trim() !== '' ? value : undefined
}

function typesOf(value: unknown): string[] {
  if (typeof value === 'string') return [value]
  return Array.isArray(value) ? value.filter((t): t is string => typeof t === 'string') : []
}

function hasOb2Context(doc: Record<string, unknown>): boolean {
  const ctx = doc['@context']
  return ctx === OB2_CONTEXT || (Array.isArray(ctx) && ctx.includes(OB2_CONTEXT))
}

type Doc = Record<string, unknown>

/** A linked object: embedded, or fetched by its URL. */
async function linked(
  value: unknown,
  fetcher: JsonFetcher,
  what: string
): Promise<{ doc: Doc } | { reason: string }> {
  if (isJsonObject(value)) return { doc: value }
  const url = str(value)
  if (!url) return { reason: `The assertion names no ${what}.` }
  const got = await fetcher(url)
  if (got.status !== 200 || !isJsonObject(got.json)) {
    return { reason: `The ${what} at ${url} could not be read (HTTP ${got.status}).` }
  }
  return { doc: got.json }
}

function allowedHosts(issuer: Doc): string[] {
  const verification = isJsonObject(issuer.verification) ? issuer.verification : {}
  const origins = verification.allowedOrigins
  const listed = typeof origins === 'string' ? [origins] : Array.isArray(origins) ? origins : []
  const hosts = listed.filter((o): o is string => typeof o === 'string').map((o) => o.toLowerCase())
  if (hosts.length > 0) return hosts
  try {
    return [new URL(str(issuer.id) ?? '').host.toLowerCase()]
  } catch {
    return []
  }
}

/** `text` is the baked/uploaded assertion JSON, or the assertion URL a PNG carried. */
export async function verifyOb2Import(
  text: string,
  emails: readonly string[],
  fetcher: JsonFetcher,
  now: Date = new Date()
): Promise<ImportVerdict> {
  const checks: VerificationCheck[] = []
  const refuse = (id: VerificationCheck['id'], reason: string): ImportVerdict => {
    checks.push({ id, status: 'failed', message: reason })
    return { ok: false, reason, checks }
  }
  let url: string | undefined
  let given: Doc | undefined
  if (/^https?:\/\//i.test(text.trim())) url = text.trim()
  else {
    let parsed: unknown
    try {
      parsed = JSON.parse(text)
    } catch {
      return refuse('parse', 'The badge is neither JSON nor an assertion URL.')
    }
    if (!isJsonObject(parsed)) return refuse('parse', 'The badge is not a JSON object.')
    given = parsed
    const verification = isJsonObject(parsed.verification) ? parsed.verification : {}
    const kind = str(verification.type)?.toLowerCase()
    if (kind === 'signed' || kind === 'signedbadge') {
      return refuse(
        'proof',
        'Signed (JWS) Open Badges 2.0 assertions cannot be checked by Kiln yet.'
      )
    }
    url = str(parsed.id)
    if (!url) return refuse('parse', 'The assertion has no id (its hosted URL).')
  }
  const got = await fetcher(url)
  if (got.status === 410) return refuse('status', 'The issuer has revoked this badge (HTTP 410).')
  if (got.status !== 200 || !isJsonObject(got.json)) {
    return refuse('proof', `The issuer does not serve this badge at ${url} (HTTP ${got.status}).`)
  }
  const assertion = got.json
  if (!hasOb2Context(assertion) || !typesOf(assertion.type).includes('Assertion')) {
    return refuse('parse', `${url} is not an Open Badges 2.0 Assertion.`)
  }
  if (str(assertion.id) !== url) {
    return refuse(
      'proof',
      `The assertion served at ${url} names another id (${String(assertion.id)}).`
    )
  }
  if (assertion.revoked === true) {
    const why = str(assertion.revocationReason)
    return refuse('status', `The issuer has revoked this badge${why ? `: ${why}` : ''}.`)
  }
  if (given) {
    const same =
      JSON.stringify(given.recipient) === JSON.stringify(assertion.recipient) &&
      JSON.stringify(given.badge) === JSON.stringify(assertion.badge)
    if (!same) return refuse('proof', 'The file differs from the assertion the issuer serves.')
  }
  checks.push({ id: 'parse', status: 'passed', message: 'An Open Badges 2.0 assertion.' })
  checks.push({ id: 'status', status: 'passed', message: 'Not revoked by the issuer.' })
  const expires = str(assertion.expires)
  if (expires && Date.parse(expires) < now.getTime()) {
    return refuse('dates', `Expired on ${expires}.`)
  }
  checks.push({
    id: 'dates',
    status: 'passed',
    message: expires ? `Valid until ${expires}.` : 'No expiry.'
  })
  const badge = await linked(assertion.badge, fetcher, 'BadgeClass')
  if ('reason' in badge) return refuse('issuer', badge.reason)
  const issuer = await linked(badge.doc.issuer, fetcher, 'issuer profile')
  if ('reason' in issuer) return refuse('issuer', issuer.reason)
  const host = new URL(url).host.toLowerCase()
  if (!allowedHosts(issuer.doc).includes(host)) {
    return refuse(
      'proof',
      `The assertion is hosted at ${host}, outside the issuer’s own domain (${allowedHosts(issuer.doc).join(', ') || 'none'}).`
    )
  }
  checks.push({
    id: 'proof',
    status: 'passed',
    message: `Hosted verification: the issuer serves this assertion at ${url}.`
  })
  const issuerName = str(issuer.doc.name) ?? str(issuer.doc.id) ?? host
  checks.push({ id: 'issuer', status: 'passed', message: `Issued by ${issuerName}.` })
  const recipient = isJsonObject(assertion.recipient) ? assertion.recipient : {}
  const identity = {
    identityType: recipient.type === 'email' ? 'emailAddress' : String(recipient.type),
    identityHash: recipient.identity,
    hashed: recipient.hashed === true,
    ...(typeof recipient.salt === 'string' ? { salt: recipient.salt } : {})
  }
  const email = emails.find((e) => emailMatches(identity, e))
  if (!email) {
    return refuse('recipient', 'It was not issued to any of this person’s e-mail addresses.')
  }
  checks.push({ id: 'recipient', status: 'passed', message: `Issued to ${email}.` })
  return {
    ok: true,
    badge: {
      issuer: {
        id: str(issuer.doc.id) ?? '',
        name: issuerName,
        ...(str(issuer.doc.url) ? { url: str(issuer.doc.url) } : {})
      },
      achievement: {
        id: str(badge.doc.id) ?? `${url}#badge`,
        name: str(badge.doc.name) ?? 'Badge',
        ...(str(badge.doc.description) ? { description: str(badge.doc.description) } : {})
      },
      credentialId: url,
      ...(str(assertion.issuedOn) ? { issuedOn: str(assertion.issuedOn) } : {}),
      ...(expires ? { expires } : {}),
      email,
      checks
    }
  }
}
