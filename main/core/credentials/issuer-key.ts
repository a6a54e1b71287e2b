/**
 * Is the signing key really the issuer's? Offline, Kiln (like the 1EdTech validator) takes
 * the key from the verification method and checks its controller = issuer.id. For did:key
 * that settles it (the key is the identifier). For did:web and https issuers anyone could
 * name their own key in the fragment, so when the issuer's published document is at hand
 * (did.json of a did:web, or the profile JSON at an https issuer id; e.g. from a bundle or
 * the web) the key must be listed there as an assertionMethod with the same Multikey.
 */
import { didWebToUrl } from '../keys/did.js'
import { encodePublicKeyMultibase } from '../keys/multikey.js'
import { isJsonObject, resolveKeyOffline } from './proof-check.js'

/** Returns the JSON published at `url` (a did.json or an issuer profile), or undefined. */
export type IssuerDocumentResolver = (url: string) => Promise<unknown>

export type KeyBinding =
  | { state: 'self-certifying' }
  | { state: 'published'; url: string }
  | { state: 'not-published'; url: string; reason: string }
  | { state: 'unchecked'; url?: string }

/** Where the document that lists the issuer's keys lives, if it can be fetched. */
export function issuerDocumentUrl(issuerId: string): string | undefined {
  if (issuerId.startsWith('did:web:')) {
    try {
      return didWebToUrl(issuerId)
    } catch {
      return undefined
    }
  }
  return /^https?:\/\//i.test(issuerId) ? issuerId : undefined
}

function idOf(entry: unknown): string | undefined {
  if (typeof entry === 'string') return entry
  return isJsonObject(entry) && typeof entry.id === 'string' ? entry.id : undefined
}

/** `#frag` and relative ids in a controller document are relative to its id. */
function absolute(id: string, base: string): string {
  return id.startsWith('#') ? `${base}${id}` : id
}

function listsKey(
  doc: Record<string, unknown>,
  vm: string,
  controller: string
): string | undefined {
  if (typeof doc.id === 'string' && doc.id !== controller) return `it is the document of ${doc.id}`
  const key = resolveKeyOffline(vm)
  if (!key.ok) return key.reason
  const multibase = encodePublicKeyMultibase(key.publicKey)
  const methods = Array.isArray(doc.verificationMethod) ? doc.verificationMethod : []
  const method = methods.filter(isJsonObject).find((m) => {
    const id = idOf(m)
    return id !== undefined && absolute(id, controller) === vm
  })
  if (!method) return `${vm} is not among its verification methods`
  if (method.publicKeyMultibase !== multibase) return `it lists ${vm} with a different key`
  const assertion = Array.isArray(doc.assertionMethod) ? doc.assertionMethod : []
  const asserted = assertion
    .map(idOf)
    .some((id) => id !== undefined && absolute(id, controller) === vm)
  if (!asserted) return `${vm} is not an assertionMethod`
  return undefined
}

/** Never throws. `controller` is the verification method's URI before '#'. */
export async function checkIssuerKeyBinding(
  vm: string,
  controller: string,
  resolver: IssuerDocumentResolver | undefined
): Promise<KeyBinding> {
  if (controller.startsWith('did:key:')) return { state: 'self-certifying' }
  const url = issuerDocumentUrl(controller)
  if (!resolver || url === undefined) {
    return url === undefined ? { state: 'unchecked' } : { state: 'unchecked', url }
  }
  let doc: unknown
  try {
    doc = await resolver(url)
  } catch {
    doc = undefined
  }
  if (doc === undefined || doc === null) return { state: 'unchecked', url }
  if (!isJsonObject(doc)) return { state: 'not-published', url, reason: 'it is not a JSON object' }
  const reason = listsKey(doc, vm, controller)
  return reason === undefined
    ? { state: 'published', url }
    : { state: 'not-published', url, reason }
}
