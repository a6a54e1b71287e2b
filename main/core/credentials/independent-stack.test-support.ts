/**
 * Digital Bazaar's Data Integrity stack (@digitalbazaar/vc + data-integrity +
 * eddsa-rdfc-2022-cryptosuite + ed25519-multikey) as an independent issuer/verifier, fully
 * offline: contexts from the pinned packages, the verification method and its controller
 * document served from memory. Test and bench support only (dev dependencies).
 */
import { encodePublicKeyMultibase, encodeSecretKeyMultibase } from '../keys/multikey.js'
import { createContextLookup } from './contexts.js'

/* The DB packages ship no type declarations; a non-literal specifier keeps tsc from looking. */
type Loose = Record<string, (...args: never[]) => unknown>
async function load(name: string): Promise<Loose> {
  return (await import(name)) as Loose
}

type DbLoaderResult = { contextUrl: null; documentUrl: string; document: object }
type VerifyResult = { verified: boolean; error?: unknown; results?: unknown }

export type IndependentStack = {
  /** Verifies with DB's verifyCredential; returns verified + a printable error. */
  verify(credential: object): Promise<{ verified: boolean; error: string | null }>
  /** Issues with DB's issue() (proof as an object, as DB writes it). */
  issue(credential: object): Promise<object>
  documentLoader: (url: string) => Promise<DbLoaderResult>
}

export type IndependentStackOptions = {
  seed: Uint8Array
  publicKey: Uint8Array
  /** DID (or URL) that controls the key, e.g. did:web:badges.example.edu */
  controller: string
  verificationMethod: string
  created: string
  extraContexts?: Record<string, object>
}

export async function createIndependentStack(
  o: IndependentStackOptions
): Promise<IndependentStack> {
  const vc = await load('@digitalbazaar/vc')
  const di = await load('@digitalbazaar/data-integrity')
  const suiteMod = await load('@digitalbazaar/eddsa-rdfc-2022-cryptosuite')
  const multikey = await load('@digitalbazaar/ed25519-multikey')
  const cryptosuite = (suiteMod as unknown as { cryptosuite: object }).cryptosuite
  const DataIntegrityProof = (di as unknown as { DataIntegrityProof: new (a: object) => object })
    .DataIntegrityProof

  const publicKeyMultibase = encodePublicKeyMultibase(o.publicKey)
  const keyDoc = {
    '@context': 'https://w3id.org/security/multikey/v1',
    id: o.verificationMethod,
    type: 'Multikey',
    controller: o.controller,
    publicKeyMultibase
  }
  const controllerDoc = {
    '@context': ['https://www.w3.org/ns/did/v1', 'https://w3id.org/security/multikey/v1'],
    id: o.controller,
    verificationMethod: [keyDoc],
    assertionMethod: [o.verificationMethod]
  }
  const lookup = createContextLookup(o.extraContexts ?? {})
  const documentLoader = async (url: string): Promise<DbLoaderResult> => {
    const base = url.split('#')[0]
    const document =
      url === o.verificationMethod ? keyDoc : base === o.controller ? controllerDoc : lookup(url)
    if (document === null) throw new Error(`independent stack: refusing to load ${url}`)
    return { contextUrl: null, documentUrl: url, document: structuredClone(document) }
  }

  const from = multikey.from as unknown as (k: object) => Promise<{ signer(): object }>
  const keyPair = await from({
    ...keyDoc,
    secretKeyMultibase: encodeSecretKeyMultibase(o.seed)
  })
  const verifyKey = await from(keyDoc)
  const verifySuite = new DataIntegrityProof({ cryptosuite, verifier: verifyKey })
  const issue = vc.issue as unknown as (a: object) => Promise<object>
  const verifyCredential = vc.verifyCredential as unknown as (a: object) => Promise<VerifyResult>
  const checkStatus = async (): Promise<{ verified: true }> => ({ verified: true })

  return {
    documentLoader,
    async issue(credential) {
      const suite = new DataIntegrityProof({
        signer: keyPair.signer(),
        date: o.created,
        cryptosuite
      })
      return issue({ credential: structuredClone(credential), suite, documentLoader })
    },
    async verify(credential) {
      const result = await verifyCredential({
        credential,
        suite: verifySuite,
        documentLoader,
        checkStatus
      })
      if (result.verified) return { verified: true, error: null }
      const error = describe(result)
      return { verified: false, error }
    }
  }
}

/** The distinct error messages inside DB's (nested) verification result. */
function describe(result: unknown): string {
  const messages = new Set<string>()
  const walk = (v: unknown, depth: number): void => {
    if (depth > 8 || v === null || typeof v !== 'object') return
    if (v instanceof Error && v.message !== 'Verification error(s).') messages.add(v.message)
    for (const child of Object.values(v)) walk(child, depth + 1)
    if (v instanceof Error && 'errors' in v) walk((v as { errors: unknown }).errors, depth + 1)
  }
  walk(result, 0)
  return messages.size > 0 ? [...messages].join('; ') : 'verification failed (no message)'
}
