/// <reference lib="dom" />
/**
 * The in-browser verifier of the static site (verify/verifier.js, bundled by esbuild with
 * the station's own credential engine, credentials/, in its browser build): checks a
 * credential's eddsa-rdfc-2022 proof exactly as `kiln verify` does, that
 * the issuer publishes the key (did.json of THIS site, fetched relative to the page, not from
 * the did:web domain), its status in the newest signed status list, and its dates. No server,
 * no eval, no inline script: it runs from any static host under a strict CSP.
 * Browser code: no node:* imports. The page around it (forms, files, results) is
 * verifier-page.ts, the entry point of verify/verifier.js.
 */
import { sha256 } from '@noble/hashes/sha2.js'
import { base64urlnopad } from '@scure/base'
import { gunzipSync, inflateSync } from 'fflate'
import { checkProof, resolveKeyOffline } from '../../credentials/proof-check.js'
// The reference canonicaliser (for credentials Kiln did not sign) loads lazily in Node; in the
// browser it is evaluated with this script, before the page changes anything, so its
// setImmediate polyfill picks the browser's own mechanism once, as it always did.
import 'jsonld'
import 'rdf-canonize'

type Json = Record<string, unknown>
export type Outcome = 'verified' | 'revoked' | 'expired' | 'invalid'
export type Check = { name: string; ok: boolean | null; message: string }
export type Report = { outcome: Outcome; checks: Check[]; credential?: Json }

const isObj = (v: unknown): v is Json => v !== null && typeof v === 'object' && !Array.isArray(v)

export function meta(name: string): string {
  const el = document.querySelector(`meta[name="${name}"]`)
  return el?.getAttribute('content') ?? ''
}

/** The site's root as an absolute URL (works from file:// and any static host). */
export function siteRoot(): URL {
  return new URL(meta('kiln-site-root') || './', document.baseURI)
}

function decodeMultikey(value: string): Uint8Array | null {
  const key = resolveKeyOffline(`did:key:${value}`)
  return key.ok ? key.publicKey : null
}

/**
 * eddsa-rdfc-2022 through the shared engine (credentials/proof-check.ts, the same code as
 * the station and the CLI): verifies the proof; returns its verificationMethod and key.
 */
async function verifyProof(doc: Json): Promise<{ vm: string; key: Uint8Array } | string> {
  const proof = await checkProof(doc)
  if (!proof.ok) return proof.reason
  const key = resolveKeyOffline(proof.verificationMethod)
  if (!key.ok) return key.reason
  return { vm: proof.verificationMethod, key: key.publicKey }
}

export async function fetchJson(url: URL): Promise<unknown> {
  const res = await fetch(url.href, { cache: 'no-store' })
  if (!res.ok) throw new Error(`${url.pathname}: HTTP ${res.status}`)
  return res.json()
}

async function fetchBytes(url: URL): Promise<Uint8Array> {
  const res = await fetch(url.href, { cache: 'no-store' })
  if (!res.ok) throw new Error(`${url.pathname}: HTTP ${res.status}`)
  return new Uint8Array(await res.arrayBuffer())
}

const issuerIdOf = (v: unknown): string | undefined =>
  typeof v === 'string' ? v : isObj(v) && typeof v.id === 'string' ? v.id : undefined

/** Maps a URL under the site's public address to the same file on the site being viewed. */
function local(url: string): URL {
  const site = meta('kiln-site-url')
  return site && url.startsWith(site) ? new URL(url.slice(site.length), siteRoot()) : new URL(url)
}

let didDoc: Promise<Json | null> | undefined
function siteDidDocument(): Promise<Json | null> {
  didDoc ??= fetchJson(new URL(meta('kiln-did-path') || '.well-known/did.json', siteRoot()))
    .then((d) => (isObj(d) ? d : null))
    .catch(() => null)
  return didDoc
}

/** Is `vm` (with key `key`) an assertionMethod the issuer publishes? */
async function keyPublished(issuerId: string, vm: string, key: Uint8Array): Promise<Check> {
  const name = 'Issuer key'
  if (vm.split('#')[0] !== issuerId) {
    return {
      name,
      ok: false,
      message: `Signed by ${vm.split('#')[0]}, not by the issuer ${issuerId}.`
    }
  }
  if (issuerId.startsWith('did:key:')) {
    const own = decodeMultikey(issuerId.slice('did:key:'.length))
    const same = own !== null && own.every((b, i) => b === key[i])
    return {
      name,
      ok: same,
      message: same
        ? 'Signed by the issuer’s did:key.'
        : 'The did:key does not match the signing key.'
    }
  }
  if (issuerId !== meta('kiln-issuer')) {
    return {
      name,
      ok: null,
      message: `The key of ${issuerId} was not looked up (not this site’s issuer).`
    }
  }
  const doc = await siteDidDocument()
  if (!doc) return { name, ok: false, message: 'This site’s did.json could not be read.' }
  const methods = Array.isArray(doc.verificationMethod) ? doc.verificationMethod.filter(isObj) : []
  const method = methods.find((m) => m.id === vm)
  const asserted = Array.isArray(doc.assertionMethod) && doc.assertionMethod.includes(vm)
  const multibase = vm.split('#')[1]
  if (!method || method.publicKeyMultibase !== multibase || !asserted) {
    return { name, ok: false, message: 'The issuer’s did.json does not list this signing key.' }
  }
  return { name, ok: true, message: 'The issuer publishes this signing key in its did.json.' }
}

const hex = (bytes: Uint8Array): string =>
  Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('')

/**
 * The newest signed manifest: kiln-manifest.json, then kiln-manifests/<seq+1>.json … until one
 * is missing. An older bundle copied over a newer site overwrites kiln-manifest.json but never
 * the numbered manifests, so the newest state is still found.
 */
async function newestManifest(): Promise<Json | null> {
  let current: Json | null = null
  try {
    const m = await fetchJson(new URL('kiln-manifest.json', siteRoot()))
    current = isObj(m) ? m : null
  } catch {
    return null
  }
  for (let i = 0; i < 1000 && current && typeof current.seq === 'number'; i++) {
    try {
      const next = await fetchJson(new URL(`kiln-manifests/${current.seq + 1}.json`, siteRoot()))
      if (!isObj(next) || typeof next.seq !== 'number' || next.seq !== current.seq + 1) break
      current = next
    } catch {
      break
    }
  }
  return current
}

/** The status list: the content-addressed copy the newest manifest names, else the stable file. */
async function loadStatusList(listUrl: string): Promise<Json> {
  const stable = local(listUrl)
  const manifest = await newestManifest()
  const lists = manifest && isObj(manifest.statusLists) ? manifest.statusLists : {}
  const rel = stable.href.startsWith(siteRoot().href)
    ? stable.href.slice(siteRoot().href.length)
    : ''
  const wanted = typeof lists[rel] === 'string' ? (lists[rel] as string) : undefined
  if (wanted) {
    const pinned = new URL(rel.replace(/\.json$/, `/${wanted}.json`), siteRoot())
    try {
      const bytes = await fetchBytes(pinned)
      if (hex(sha256(bytes)) === wanted) return JSON.parse(new TextDecoder().decode(bytes)) as Json
    } catch {
      /* fall back to the stable file */
    }
  }
  const doc = await fetchJson(stable)
  if (!isObj(doc)) throw new Error('the status list is not JSON')
  return doc
}

async function statusCheck(cred: Json, issuerId: string): Promise<Check & { revoked?: boolean }> {
  const name = 'Status'
  const entry = cred.credentialStatus
  if (entry === undefined) {
    return { name, ok: true, message: 'The credential has no status list entry.' }
  }
  if (
    !isObj(entry) ||
    entry.type !== 'BitstringStatusListEntry' ||
    typeof entry.statusListCredential !== 'string'
  ) {
    return { name, ok: false, message: 'The status entry is not a BitstringStatusListEntry.' }
  }
  const index = Number(entry.statusListIndex)
  let list: Json
  try {
    list = await loadStatusList(entry.statusListCredential)
  } catch (e) {
    return {
      name,
      ok: null,
      message: `The status list could not be read (${e instanceof Error ? e.message : String(e)}).`
    }
  }
  if (issuerIdOf(list.issuer) !== issuerId) {
    return { name, ok: false, message: 'The status list is not from this issuer.' }
  }
  const proof = await verifyProof(list)
  if (typeof proof === 'string') {
    return { name, ok: false, message: `The status list’s signature does not verify: ${proof}.` }
  }
  const key = await keyPublished(issuerId, proof.vm, proof.key)
  if (key.ok === false) return { name, ok: false, message: `The status list: ${key.message}` }
  const subject = list.credentialSubject
  if (
    !isObj(subject) ||
    typeof subject.encodedList !== 'string' ||
    !subject.encodedList.startsWith('u')
  ) {
    return { name, ok: false, message: 'The status list has no encodedList.' }
  }
  const bits = gunzipSync(base64urlnopad.decode(subject.encodedList.slice(1)))
  if (!Number.isSafeInteger(index) || index < 0 || index >= bits.length * 8) {
    return { name, ok: false, message: 'The status index is outside the list.' }
  }
  const revoked = ((bits[index >> 3] ?? 0) & (0x80 >> (index & 7))) !== 0
  return revoked
    ? { name, ok: false, revoked: true, message: 'The issuer has revoked this credential.' }
    : { name, ok: true, message: 'Not revoked (signed status list checked).' }
}

export async function verifyCredentialInBrowser(input: unknown, now = new Date()): Promise<Report> {
  const checks: Check[] = []
  if (!isObj(input)) {
    return {
      outcome: 'invalid',
      checks: [
        { name: 'Format', ok: false, message: 'This is not a credential (not a JSON object).' }
      ]
    }
  }
  const cred = input
  const issuerId = issuerIdOf(cred.issuer) ?? ''
  const proof = await verifyProof(cred)
  if (typeof proof === 'string') {
    checks.push({
      name: 'Signature',
      ok: false,
      message: `The signature does not verify: ${proof}.`
    })
  } else {
    checks.push({ name: 'Signature', ok: true, message: 'The signature is valid.' })
    checks.push(await keyPublished(issuerId, proof.vm, proof.key))
  }
  const from = Date.parse(String(cred.validFrom))
  const until = cred.validUntil === undefined ? undefined : Date.parse(String(cred.validUntil))
  const expired = until !== undefined && !(now.getTime() <= until)
  if (Number.isNaN(from) || now.getTime() < from) {
    checks.push({ name: 'Dates', ok: false, message: 'Not valid yet.' })
  } else if (expired) {
    checks.push({ name: 'Dates', ok: false, message: `Expired on ${String(cred.validUntil)}.` })
  } else checks.push({ name: 'Dates', ok: true, message: 'Within its validity dates.' })
  const status = await statusCheck(cred, issuerId)
  checks.push(status)
  const broken = checks.some((c) => c.ok === false && c.name !== 'Dates' && c.name !== 'Status')
  const outcome: Outcome = broken
    ? 'invalid'
    : status.revoked
      ? 'revoked'
      : status.ok === false
        ? 'invalid'
        : expired
          ? 'expired'
          : checks.some((c) => c.ok === false)
            ? 'invalid'
            : 'verified'
  return { outcome, checks, credential: cred }
}

/** The credential baked into a PNG (iTXt or tEXt "openbadgecredential"). */
export function unbake(png: Uint8Array): string | undefined {
  const sig = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]
  if (!sig.every((b, i) => png[i] === b)) return undefined
  const view = new DataView(png.buffer, png.byteOffset, png.byteLength)
  const text = new TextDecoder()
  for (let at = 8; at + 12 <= png.length;) {
    const length = view.getUint32(at)
    const type = text.decode(png.subarray(at + 4, at + 8))
    const data = png.subarray(at + 8, at + 8 + length)
    at += 12 + length
    if (type !== 'iTXt' && type !== 'tEXt') continue
    const k = data.indexOf(0)
    if (text.decode(data.subarray(0, k)) !== 'openbadgecredential') continue
    if (type === 'tEXt') return text.decode(data.subarray(k + 1))
    const compressed = data[k + 1] === 1
    const lang = data.indexOf(0, k + 3)
    const trans = data.indexOf(0, lang + 1)
    const body = data.subarray(trans + 1)
    return text.decode(compressed ? inflateSync(body) : body)
  }
  return undefined
}
