/**
 * Issuer identifiers. did:web of the site URL (where bundles are uploaded) binds the
 * key to the association's domain; did:key needs no hosting. The verification
 * method's fragment is the public key itself, so validators can verify offline
 * (OPEN-BADGES.md §1.10).
 */
import { encodePublicKeyMultibase } from './multikey.js'

/** https://badges.example.org/ → did:web:badges.example.org; …/org/badges → did:web:example.org:org:badges */
export function didWebFromSiteUrl(siteUrl: string): string {
  const url = new URL(siteUrl)
  const host = url.port ? `${url.hostname}%3A${url.port}` : url.hostname
  const segments = url.pathname
    .split('/')
    .filter((s) => s.length > 0)
    .map((s) => encodeURIComponent(decodeURIComponent(s)))
  return ['did:web', host, ...segments].join(':')
}

/** Where a did:web document lives (DID Web §3.2), relative to the site root. */
export function didDocumentPathForSite(siteUrl: string): string {
  const url = new URL(siteUrl)
  return url.pathname.replace(/\/+$/, '') === '' ? '.well-known/did.json' : 'did.json'
}

/** The https URL a resolver fetches for a did:web. */
export function didWebToUrl(did: string): string {
  if (!did.startsWith('did:web:')) throw new Error('not a did:web')
  const parts = did.slice('did:web:'.length).split(':')
  const host = decodeURIComponent(parts[0] ?? '')
  const path = parts.slice(1).map(decodeURIComponent)
  return path.length === 0
    ? `https://${host}/.well-known/did.json`
    : `https://${host}/${path.join('/')}/did.json`
}

export function didKeyFromPublicKey(publicKey: Uint8Array): string {
  return `did:key:${encodePublicKeyMultibase(publicKey)}`
}

export function verificationMethodFor(issuerId: string, publicKey: Uint8Array): string {
  return `${issuerId}#${encodePublicKeyMultibase(publicKey)}`
}
