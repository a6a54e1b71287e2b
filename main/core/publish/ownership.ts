/**
 * Whose site a target holds, read from its kiln-manifest.json: nothing (an empty folder or
 * bucket), this station's site (a manifest signed by one of this station's keys, for this
 * issuer and station, and one this station wrote: the same bytes as its stored copy), or
 * anything else — another issuer's or another station's site, or files that are no Kiln site
 * at all — which Kiln refuses to overwrite.
 */
import { existsSync, readFileSync } from 'node:fs'
import { z } from 'zod'
import type { Station } from '../station/station.js'
import { storedManifestPath } from '../bundle/export-bundle.js'
import { base58 } from '@scure/base'
import canonicalize from 'canonicalize'
import { decodePublicKeyMultibase } from '../keys/multikey.js'
import { verifyEd25519 } from '../keys/ed25519.js'
import { sha256Hex } from './site-source.js'

const manifestHead = z.looseObject({
  format: z.string(),
  seq: z.number().int().min(0),
  issuer: z.string(),
  stationId: z.string(),
  siteUrl: z.string(),
  signature: z.looseObject({ verificationMethod: z.string(), signatureValue: z.string() })
})

export type Holding =
  | Readonly<{ holds: 'empty' }>
  | Readonly<{ holds: 'this-station'; seq: number; manifestHash: string }>
  | Readonly<{ holds: 'foreign'; message: string }>

/**
 * The manifest's detached signature (bundle/manifest.ts: Ed25519 over the JCS form of the
 * manifest without `signature`, key named by the verificationMethod's fragment), checked on
 * the JSON as read, whatever further fields a newer manifest format carries.
 */
function signedByOneOf(manifest: z.infer<typeof manifestHead>, keys: ReadonlySet<string>): boolean {
  const { signature, ...body } = manifest
  const multibase = signature.verificationMethod.split('#')[1] ?? ''
  if (!keys.has(multibase) || !signature.signatureValue.startsWith('z')) return false
  try {
    const text = canonicalize(body)
    if (text === undefined) return false
    return verifyEd25519(
      decodePublicKeyMultibase(multibase),
      Buffer.from(text, 'utf8'),
      base58.decode(signature.signatureValue.slice(1))
    )
  } catch {
    return false
  }
}

export function judgeManifest(station: Station, bytes: Buffer): Holding {
  const catalog = station.catalog
  let raw: unknown
  try {
    raw = JSON.parse(bytes.toString('utf8'))
  } catch {
    raw = undefined
  }
  const head = manifestHead.safeParse(raw)
  if (!head.success) {
    return {
      holds: 'foreign',
      message: 'It has a kiln-manifest.json that is not a Kiln manifest.'
    }
  }
  const m = head.data
  if (m.issuer !== catalog.issuer.id) {
    return {
      holds: 'foreign',
      message: `It holds the badge site of another issuer (${m.issuer.slice(0, 200)}).`
    }
  }
  if (m.stationId !== catalog.stationId) {
    return {
      holds: 'foreign',
      message: `It holds the site of another station of this issuer (${m.stationId.slice(0, 80)}); publish from that station, or merge this station into it.`
    }
  }
  // The signature must be by one of this station's keys.
  const ours = new Set(catalog.keys.map((k) => k.publicKeyMultibase))
  if (!signedByOneOf(m, ours)) {
    return {
      holds: 'foreign',
      message: 'Its kiln-manifest.json names this station but is not signed by this station’s key.'
    }
  }
  const hash = sha256Hex(bytes)
  const stored = storedManifestPath(station.paths.dataDir, m.seq)
  if (!existsSync(stored) || sha256Hex(readFileSync(stored)) !== hash) {
    return {
      holds: 'foreign',
      message: `It holds bundle ${m.seq} of this station, which this copy of the station never wrote (a station restored from an older backup, or another copy of it).`
    }
  }
  return { holds: 'this-station', seq: m.seq, manifestHash: hash }
}
