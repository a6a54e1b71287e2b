/**
 * Verifying a member's OB 3.0 credential before it is imported: Kiln's verifier (schema,
 * eddsa-rdfc-2022 proof, dates) with the issuer's published key document and the status list
 * fetched from the web, then stricter rules than a display check: the key must be the issuer's
 * (did:key, or listed in the issuer's did.json/profile), the status must have been checked (a
 * credential without a status entry cannot be revoked), and one of the member's e-mails must
 * match. Anything less is refused with the reason.
 */
import type { VerificationCheck } from '../../../../shared/types.js'
import type { ImportedBadge } from '../../../../shared/methods/delivery.js'
import { verifyCredential } from '../../credentials/verify.js'
import { checkIssuerKeyBinding } from '../../credentials/issuer-key.js'
import { checkProof, isJsonObject, issuerIdOf } from '../../credentials/proof-check.js'
import { emailMatches } from '../../credentials/identity-hash.js'
import type { JsonFetcher } from './fetch-json.js'

/** What the checks establish about a badge: the part of an ImportedBadge they vouch for. */
export type VerifiedImport = Pick<
  ImportedBadge,
  'issuer' | 'achievement' | 'credentialId' | 'issuedOn' | 'expires' | 'email' | 'checks'
>

export type ImportVerdict = Readonly<
  | { ok: true; badge: VerifiedImport }
  | { ok: false; reason: string; checks: readonly VerificationCheck[] }
>

function str(value: unknown): string | undefined {
  return typeof value === 'string' && value.trim() !== '' ? value : undefined
}

function check(
  id: VerificationCheck['id'],
  status: VerificationCheck['status'],
  message: string
): VerificationCheck {
  return { id, status, message }
}

export async function verifyOb3Import(
  text: string,
  emails: readonly string[],
  fetcher: JsonFetcher
): Promise<ImportVerdict> {
  const resolve = async (url: string): Promise<unknown> => {
    const got = await fetcher(url)
    return got.status === 200 ? got.json : undefined
  }
  const report = await verifyCredential(text, {
    statusListResolver: resolve,
    issuerDocumentResolver: resolve
  })
  const checks = [...report.checks]
  const refuse = (reason: string): ImportVerdict => ({ ok: false, reason, checks })
  const failed = checks.find((c) => c.status === 'failed')
  if (failed) return refuse(failed.message)
  let credential: Record<string, unknown>
  try {
    const parsed: unknown = JSON.parse(text)
    if (!isJsonObject(parsed)) return refuse('This is not a credential.')
    credential = parsed
  } catch {
    return refuse('The file is not JSON.')
  }
  // The key must demonstrably be the issuer's, not only named for it.
  const proof = await checkProof(credential)
  if (!proof.ok) return refuse(`The signature does not verify: ${proof.reason}.`)
  const binding = await checkIssuerKeyBinding(proof.verificationMethod, proof.controller, resolve)
  if (binding.state === 'unchecked') {
    return refuse(
      `The issuer’s key could not be confirmed: ${binding.url ?? proof.controller} does not publish a key document Kiln can read.`
    )
  }
  if (binding.state === 'not-published') {
    return refuse(`The issuer does not publish this key in ${binding.url}: ${binding.reason}.`)
  }
  const status = checks.find((c) => c.id === 'status')
  const noStatus = credential.credentialStatus === undefined
  if (!noStatus && status?.status !== 'passed') {
    return refuse(`Its revocation status could not be checked: ${status?.message ?? 'unknown'}`)
  }
  const subject = isJsonObject(credential.credentialSubject) ? credential.credentialSubject : {}
  const identifiers = Array.isArray(subject.identifier) ? subject.identifier : []
  const email = emails.find((e) => identifiers.some((i) => emailMatches(i, e)))
  if (!email) {
    checks.push(
      check('recipient', 'failed', 'Not issued to any of this person’s e-mail addresses.')
    )
    return refuse('It was not issued to any of this person’s e-mail addresses.')
  }
  checks.push(check('recipient', 'passed', `Issued to ${email}.`))
  const achievement = isJsonObject(subject.achievement) ? subject.achievement : {}
  const issuerId = issuerIdOf(credential.issuer) ?? ''
  const issuer = isJsonObject(credential.issuer) ? credential.issuer : {}
  const credits = achievement.creditsAvailable
  const name = str(achievement.name) ?? str(credential.name) ?? 'Badge'
  return {
    ok: true,
    badge: {
      issuer: {
        id: issuerId,
        name: str(issuer.name) ?? issuerId,
        ...(str(issuer.url) ? { url: str(issuer.url) } : {})
      },
      achievement: {
        id: str(achievement.id) ?? `${str(credential.id) ?? ''}#achievement`,
        name,
        ...(str(achievement.description) ? { description: str(achievement.description) } : {}),
        ...(typeof credits === 'number' && credits >= 0 ? { credits } : {})
      },
      credentialId: str(credential.id) ?? '',
      ...(str(credential.validFrom) ? { issuedOn: str(credential.validFrom) } : {}),
      ...(str(credential.validUntil) ? { expires: str(credential.validUntil) } : {}),
      email,
      checks
    }
  }
}
