/**
 * Digital Bazaar's stack (@digitalbazaar/vc + data-integrity + eddsa-rdfc-2022-cryptosuite +
 * ed25519-multikey) as an independent verifier of a bundle's credentials: contexts from the
 * pinned packages, and did:web resolved from the bundle folder's own did.json (the document a
 * did:web resolver would fetch from the site). Test support only (dev dependencies).
 */
import { existsSync, readFileSync } from 'node:fs'
import path from 'node:path'
import { createContextLookup } from '../credentials/contexts.js'

type Loose = Record<string, unknown>
async function load(name: string): Promise<Loose> {
  return (await import(name)) as Loose
}

export type BundleDbVerifier = (
  credential: object
) => Promise<{ verified: boolean; error: string | null }>

/** `siteUrl` is where the bundle is published; `dir` the folder holding the site. */
export async function createBundleDbVerifier(
  dir: string,
  siteUrl: string
): Promise<BundleDbVerifier> {
  const vc = await load('@digitalbazaar/vc')
  const di = await load('@digitalbazaar/data-integrity')
  const suiteMod = await load('@digitalbazaar/eddsa-rdfc-2022-cryptosuite')
  const DataIntegrityProof = di.DataIntegrityProof as new (a: object) => object
  const lookup = createContextLookup()
  const didDocFor = (did: string): Loose => {
    const parts = did.slice('did:web:'.length).split(':').map(decodeURIComponent)
    const url =
      parts.length === 1
        ? `https://${parts[0]}/.well-known/did.json`
        : `https://${parts[0]}/${parts.slice(1).join('/')}/did.json`
    if (!url.startsWith(siteUrl)) throw new Error(`${did} is not published by this bundle`)
    const file = path.join(dir, ...url.slice(siteUrl.length).split('/'))
    if (!existsSync(file)) throw new Error(`the bundle has no ${url.slice(siteUrl.length)}`)
    return JSON.parse(readFileSync(file, 'utf8')) as Loose
  }
  const documentLoader = async (
    url: string
  ): Promise<{ contextUrl: null; documentUrl: string; document: object }> => {
    let document: object | null = null
    if (url.startsWith('did:web:')) {
      const [did, fragment] = url.split('#')
      const doc = didDocFor(did ?? '')
      if (fragment === undefined) document = doc
      else {
        const methods = (doc.verificationMethod as Loose[] | undefined) ?? []
        const method = methods.find((m) => m.id === url)
        if (!method) throw new Error(`${url} is not in the bundle's did.json`)
        document = { '@context': 'https://w3id.org/security/multikey/v1', ...method }
      }
    } else document = lookup(url)
    if (document === null) throw new Error(`refusing to load ${url}`)
    return { contextUrl: null, documentUrl: url, document: structuredClone(document) }
  }
  const suite = new DataIntegrityProof({ cryptosuite: suiteMod.cryptosuite })
  const verifyCredential = vc.verifyCredential as (
    a: object
  ) => Promise<{ verified: boolean; error?: unknown; results?: unknown }>
  return async (credential) => {
    const result = await verifyCredential({
      credential,
      suite,
      documentLoader,
      checkStatus: async () => ({ verified: true })
    })
    return {
      verified: result.verified,
      error: result.verified
        ? null
        : JSON.stringify(result, (_k, v: unknown) => (v instanceof Error ? v.message : v)).slice(
            0,
            800
          )
    }
  }
}
