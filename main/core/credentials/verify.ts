/**
 * Verifying an OB 3.0 credential offline (OPEN-BADGES.md §1.10, §1.11): parse, JSON
 * schema, eddsa-rdfc-2022 proof with a key found without the network, key controller =
 * issuer, validity dates, revocation through a status list if one is at hand, and the
 * recipient's e-mail if one is given. Each check reports passed/failed/skipped/warning
 * with a sentence; the credential is valid when no check failed. Never throws.
 */
import type { VerificationCheck, VerificationReport } from '../../../shared/types.js'
import { emailMatches } from './identity-hash.js'
import { checkIssuerKeyBinding, type IssuerDocumentResolver } from './issuer-key.js'
import { checkProof, isJsonObject, issuerIdOf, type ProofCheck } from './proof-check.js'
import { validateAchievementCredential, withCompactedValuesAsArrays } from './schema.js'
import { checkCredentialStatus, type StatusListResolver } from './status-check.js'

export { verifyStatusListCredential } from './status-check.js'
export type { StatusListResolver } from './status-check.js'
export type { IssuerDocumentResolver } from './issuer-key.js'

export type VerifyOptions = Readonly<{
  now?: Date
  /** Compare the recipient's hashed identifier with this address. */
  email?: string
  statusListResolver?: StatusListResolver
  /** Fetches the issuer's did.json / profile (e.g. from a bundle) to confirm it publishes the key. */
  issuerDocumentResolver?: IssuerDocumentResolver
}>

type Credential = Record<string, unknown>
type Status = VerificationCheck['status']

const OB_CONTEXT = /^https:\/\/purl\.imsglobal\.org\/spec\/ob\/v3p0\/context(-3\.\d\.\d)*\.json$/
const VC_V2_CONTEXT = 'https://www.w3.org/ns/credentials/v2'

function result(id: VerificationCheck['id'], status: Status, message: string): VerificationCheck {
  return { id, status, message }
}

function parseCheck(input: unknown): { check: VerificationCheck; credential?: Credential } {
  let doc = input
  if (typeof input === 'string') {
    try {
      doc = JSON.parse(input)
    } catch {
      return { check: result('parse', 'failed', 'The file is not JSON.') }
    }
  }
  if (!isJsonObject(doc)) {
    return { check: result('parse', 'failed', 'This is not a credential (not a JSON object).') }
  }
  const types = Array.isArray(doc.type) ? doc.type : [doc.type]
  const isOb = types.includes('OpenBadgeCredential') || types.includes('AchievementCredential')
  if (!types.includes('VerifiableCredential') || !isOb) {
    return { check: result('parse', 'failed', 'This is not an Open Badges 3.0 credential (type).') }
  }
  const contexts = Array.isArray(doc['@context']) ? doc['@context'] : []
  const [first, second] = contexts
  if (first !== VC_V2_CONTEXT || typeof second !== 'string' || !OB_CONTEXT.test(second)) {
    return {
      check: result('parse', 'failed', 'This is not an Open Badges 3.0 credential (@context).')
    }
  }
  return { check: result('parse', 'passed', 'An Open Badges 3.0 credential.'), credential: doc }
}

function schemaCheck(credential: Credential): VerificationCheck {
  const strict = validateAchievementCredential(credential)
  if (strict.valid) {
    return result('schema', 'passed', 'Matches the OB 3.0 AchievementCredential schema.')
  }
  const arrays = withCompactedValuesAsArrays(credential)
  if (arrays && validateAchievementCredential(arrays).valid) {
    return result(
      'schema',
      'warning',
      'Matches the OB 3.0 schema only with single values read as arrays (JSON-LD compacted form): ' +
        strict.errors.join('; ')
    )
  }
  return result('schema', 'failed', `Does not match the OB 3.0 schema: ${strict.errors.join('; ')}`)
}

function proofMessage(proof: ProofCheck): VerificationCheck {
  if (proof.ok) {
    return result('proof', 'passed', `The signature is valid (key ${proof.verificationMethod}).`)
  }
  return result('proof', 'failed', `The signature does not verify: ${proof.reason}.`)
}

async function issuerCheck(
  credential: Credential,
  proof: ProofCheck,
  resolver: IssuerDocumentResolver | undefined
): Promise<VerificationCheck> {
  const issuerId = issuerIdOf(credential.issuer)
  if (issuerId === undefined) return result('issuer', 'failed', 'The credential names no issuer.')
  const { controller, verificationMethod } = proof
  if (controller === undefined || verificationMethod === undefined) {
    return result('issuer', 'skipped', 'No signing key to compare with the issuer.')
  }
  if (controller !== issuerId) {
    return result(
      'issuer',
      'failed',
      `Signed by ${controller}, which is not the issuer ${issuerId}.`
    )
  }
  const binding = await checkIssuerKeyBinding(verificationMethod, controller, resolver)
  switch (binding.state) {
    case 'self-certifying':
      return result('issuer', 'passed', `Signed by the issuer ${issuerId} (did:key).`)
    case 'published':
      return result('issuer', 'passed', `Signed with a key the issuer publishes in ${binding.url}.`)
    case 'not-published':
      return result(
        'issuer',
        'failed',
        `The issuer does not publish this key in ${binding.url}: ${binding.reason}.`
      )
    case 'unchecked':
      return result(
        'issuer',
        'passed',
        `Signed with a key named for the issuer ${issuerId}` +
          (binding.url ? ` (not looked up in ${binding.url}).` : '.')
      )
  }
}

function datesCheck(credential: Credential, now: Date): VerificationCheck {
  const { validFrom, validUntil } = credential
  const from = typeof validFrom === 'string' ? Date.parse(validFrom) : NaN
  if (Number.isNaN(from)) {
    return result('dates', 'failed', 'The credential has no valid validFrom date.')
  }
  if (now.getTime() < from) {
    return result('dates', 'failed', `Not yet valid: valid from ${String(validFrom)}.`)
  }
  if (validUntil === undefined) {
    return result('dates', 'passed', `Valid since ${String(validFrom)}, no expiry.`)
  }
  const until = typeof validUntil === 'string' ? Date.parse(validUntil) : NaN
  if (Number.isNaN(until)) return result('dates', 'failed', 'The validUntil date is not a date.')
  if (now.getTime() > until) return result('dates', 'failed', `Expired on ${String(validUntil)}.`)
  return result('dates', 'passed', `Valid from ${String(validFrom)} until ${String(validUntil)}.`)
}

function recipientCheck(credential: Credential, email: string): VerificationCheck {
  const subject = credential.credentialSubject
  const identifiers =
    isJsonObject(subject) && Array.isArray(subject.identifier) ? subject.identifier : []
  const emails = identifiers.filter((i) => isJsonObject(i) && i.identityType === 'emailAddress')
  if (emails.length === 0) {
    return result('recipient', 'failed', 'The credential names no e-mail address.')
  }
  if (emails.some((i) => emailMatches(i, email))) {
    return result('recipient', 'passed', 'Issued to this e-mail address.')
  }
  return result('recipient', 'failed', 'Not issued to this e-mail address.')
}

function summary(
  credential: Credential | undefined,
  checks: VerificationCheck[]
): VerificationReport {
  const valid = checks.every((c) => c.status !== 'failed')
  if (!credential) return { valid, checks }
  const issuerId = issuerIdOf(credential.issuer)
  return {
    valid,
    checks,
    ...(typeof credential.id === 'string' ? { credentialId: credential.id } : {}),
    ...(issuerId !== undefined ? { issuerId } : {}),
    ...(typeof credential.name === 'string' ? { name: credential.name } : {})
  }
}

export async function verifyCredential(
  input: unknown,
  options: VerifyOptions = {}
): Promise<VerificationReport> {
  const parsed = parseCheck(input)
  const credential = parsed.credential
  if (!credential) {
    const notChecked = (['schema', 'proof', 'issuer', 'dates', 'status'] as const).map((id) =>
      result(id, 'skipped', 'Not checked: the document is not a credential.')
    )
    return summary(undefined, [parsed.check, ...notChecked])
  }
  const now = options.now ?? new Date()
  const checks: VerificationCheck[] = [parsed.check]
  try {
    checks.push(schemaCheck(credential))
  } catch (error) {
    checks.push(result('schema', 'warning', `The schema check could not run: ${String(error)}`))
  }
  const proof = await checkProof(credential)
  checks.push(proofMessage(proof))
  checks.push(await issuerCheck(credential, proof, options.issuerDocumentResolver))
  checks.push(datesCheck(credential, now))
  checks.push(
    await checkCredentialStatus(credential, {
      now,
      ...(options.statusListResolver ? { statusListResolver: options.statusListResolver } : {})
    })
  )
  if (options.email !== undefined) checks.push(recipientCheck(credential, options.email))
  return summary(credential, checks)
}
