/**
 * Revocation through a W3C Bitstring Status List (OPEN-BADGES.md §4): the credential's
 * BitstringStatusListEntry points at a signed BitstringStatusListCredential; the list is
 * trusted only if its proof verifies with the same offline key rules as the credential
 * and its issuer is the credential's issuer. Then the bit at statusListIndex decides.
 */
import type { VerificationCheck } from '../../../shared/types.js'
import { StatusBitstring } from '../status/bitstring.js'
import { checkProof, isJsonObject, issuerIdOf } from './proof-check.js'

/** Returns the status list credential published at `url`, or undefined if it is not at hand. */
export type StatusListResolver = (url: string) => Promise<unknown>

export type StatusListVerification =
  { ok: true; encodedList: string; statusPurposes: string[] } | { ok: false; reason: string }

function typesOf(value: unknown): string[] {
  if (typeof value === 'string') return [value]
  return Array.isArray(value) ? value.filter((t): t is string => typeof t === 'string') : []
}

/**
 * Checks that `list` is a BitstringStatusListCredential issued and signed by `issuerId`,
 * currently valid, and returns its encodedList and purposes. Never throws.
 */
export async function verifyStatusListCredential(
  list: unknown,
  issuerId: string,
  options: { now?: Date } = {}
): Promise<StatusListVerification> {
  if (!isJsonObject(list)) return { ok: false, reason: 'the status list is not a JSON object' }
  if (!typesOf(list.type).includes('BitstringStatusListCredential')) {
    return { ok: false, reason: 'the status list is not a BitstringStatusListCredential' }
  }
  const listIssuer = issuerIdOf(list.issuer)
  if (listIssuer !== issuerId) {
    return {
      ok: false,
      reason: `the status list is issued by ${listIssuer ?? 'nobody'}, not ${issuerId}`
    }
  }
  const subject = list.credentialSubject
  if (!isJsonObject(subject) || !typesOf(subject.type).includes('BitstringStatusList')) {
    return { ok: false, reason: 'the status list has no BitstringStatusList subject' }
  }
  if (typeof subject.encodedList !== 'string') {
    return { ok: false, reason: 'the status list has no encodedList' }
  }
  const now = (options.now ?? new Date()).getTime()
  if (typeof list.validFrom === 'string' && Date.parse(list.validFrom) > now) {
    return { ok: false, reason: `the status list is not valid before ${list.validFrom}` }
  }
  if (typeof list.validUntil === 'string' && Date.parse(list.validUntil) < now) {
    return { ok: false, reason: `the status list expired on ${list.validUntil}` }
  }
  const proof = await checkProof(list)
  if (!proof.ok) return { ok: false, reason: `its proof does not verify (${proof.reason})` }
  if (proof.controller !== issuerId) {
    return {
      ok: false,
      reason: `it is signed by ${proof.controller}, not by the issuer ${issuerId}`
    }
  }
  return {
    ok: true,
    encodedList: subject.encodedList,
    statusPurposes: typesOf(subject.statusPurpose)
  }
}

const check = (status: VerificationCheck['status'], message: string): VerificationCheck => ({
  id: 'status',
  status,
  message
})

async function checkEntry(
  entry: Record<string, unknown>,
  issuerId: string,
  resolver: StatusListResolver,
  now: Date | undefined
): Promise<VerificationCheck> {
  const { statusListCredential: url, statusListIndex, statusPurpose } = entry
  if (
    typeof url !== 'string' ||
    typeof statusListIndex !== 'string' ||
    !/^\d+$/.test(statusListIndex)
  ) {
    return check(
      'failed',
      'The status entry is malformed (statusListCredential / statusListIndex).'
    )
  }
  const purpose = typeof statusPurpose === 'string' ? statusPurpose : 'revocation'
  let list: unknown
  try {
    list = await resolver(url)
  } catch {
    list = undefined
  }
  if (list === undefined || list === null) {
    return check(
      'warning',
      `Revocation could not be checked: the status list ${url} is not available.`
    )
  }
  const verified = await verifyStatusListCredential(list, issuerId, now ? { now } : {})
  if (!verified.ok) {
    return check('failed', `The status list ${url} cannot be trusted: ${verified.reason}.`)
  }
  if (!verified.statusPurposes.includes(purpose)) {
    return check('failed', `The status list ${url} is not a ${purpose} list.`)
  }
  let set: boolean
  try {
    set = StatusBitstring.decode(verified.encodedList).get(Number(statusListIndex))
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error)
    return check('failed', `The status list ${url} cannot be read: ${reason}.`)
  }
  if (!set) {
    return check(
      'passed',
      `Not ${purpose === 'suspension' ? 'suspended' : 'revoked'} (status list ${url}).`
    )
  }
  if (purpose === 'revocation') {
    return check('failed', 'The credential has been revoked by its issuer.')
  }
  if (purpose === 'suspension') return check('failed', 'The credential is suspended by its issuer.')
  return check('warning', `The issuer has set the "${purpose}" status of this credential.`)
}

/** The 'status' check of a credential. Never throws. */
export async function checkCredentialStatus(
  credential: Record<string, unknown>,
  options: { statusListResolver?: StatusListResolver; now?: Date } = {}
): Promise<VerificationCheck> {
  const raw = credential.credentialStatus
  if (raw === undefined) return check('skipped', 'The credential has no status entry.')
  const entries = (Array.isArray(raw) ? raw : [raw]).filter(isJsonObject)
  const bitstring = entries.filter((e) => e.type === 'BitstringStatusListEntry')
  if (bitstring.length === 0) {
    const types = entries.map((e) => String(e.type)).join(', ') || 'unknown'
    return check('skipped', `Status type ${types} is not checked.`)
  }
  const resolver = options.statusListResolver
  if (!resolver) return check('skipped', 'No status list available offline.')
  const issuerId = issuerIdOf(credential.issuer)
  if (issuerId === undefined) {
    return check('failed', 'The credential has no issuer to check its status list against.')
  }
  const results: VerificationCheck[] = []
  for (const entry of bitstring) {
    results.push(await checkEntry(entry, issuerId, resolver, options.now))
  }
  return (
    results.find((r) => r.status === 'failed') ??
    results.find((r) => r.status === 'warning') ??
    results[0] ??
    check('skipped', 'No status entry was checked.')
  )
}
