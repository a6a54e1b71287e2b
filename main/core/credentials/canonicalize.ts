/**
 * RDF Dataset Canonicalization (RDFC-1.0) of JSON-LD credentials.
 * `canonizeFull` is the reference path (jsonld → rdf-canonize, safe mode). `canonize` first
 * tries the fast path (fast-rdf.ts + fast-rdfc.ts: cached contexts, first-degree labelling)
 * and falls back to the full path whenever the document is outside the fast path's subset
 * or two blank nodes share a first-degree hash. Both produce byte-identical output; the
 * tests compare them on thousands of generated credentials and on a fuzzed corpus
 * (canonicaliser.test.ts). Platform-neutral: the same module runs in the browser verifier.
 */
import type { canonize as RdfCanonize } from 'rdf-canonize'
import {
  ContextNotAllowedError,
  documentLoader as defaultLoader,
  lookupOf,
  type DocumentLoader
} from './contexts.js'
import { Unsupported } from './fast-context.js'
import { documentToRdf } from './fast-rdf.js'
import { canonicalNQuads, plainNQuads } from './fast-rdfc.js'

type CanonizeOptions = {
  algorithm: string
  format: string
  safe: boolean
  documentLoader: DocumentLoader
}
type Canonize = (input: object, options: CanonizeOptions) => Promise<string>

// jsonld (and its HTTP client) loads only when the full path runs: issuing takes the fast path.
// Dynamic imports, not require: this module is also bundled into the browser verifier.
async function jsonldCanonize(input: object, options: CanonizeOptions): Promise<string> {
  const jsonld = (await import('jsonld')).default
  return (jsonld as unknown as { canonize: Canonize }).canonize(input, options)
}
// rdf-canonize (the RDFC-1.0 implementation jsonld itself uses; types in rdf-canonize.d.ts)
// loads on the first collision of first-degree hashes.
async function rdfcCanonize(
  ...args: Parameters<typeof RdfCanonize>
): ReturnType<typeof RdfCanonize> {
  return (await import('rdf-canonize')).canonize(...args)
}

/** RDFC-1.0 N-Quads through the full jsonld algorithm (safe mode: undefined terms fail). */
export async function canonizeFull(
  doc: object,
  loader: DocumentLoader = defaultLoader
): Promise<string> {
  return jsonldCanonize(doc, {
    algorithm: 'RDFC-1.0',
    format: 'application/n-quads',
    safe: true,
    documentLoader: loader
  })
}

export type FastResult =
  | { kind: 'canonical'; nquads: string }
  | { kind: 'collision'; nquads: string }
  | { kind: 'unsupported' }

/**
 * The fast path alone (synchronous, never fetches): canonical N-Quads when first-degree
 * hashes decide every blank node label; on a collision, the document's (non-canonical)
 * N-Quads, for the full RDFC-1.0 algorithm; 'unsupported' when the document is outside the
 * fast converter's JSON-LD subset.
 */
export function canonizeFastResult(
  doc: object,
  loader: DocumentLoader = defaultLoader
): FastResult {
  const lookup = lookupOf(loader)
  if (lookup === null) return { kind: 'unsupported' }
  try {
    const { quads, blankNodes } = documentToRdf(doc, lookup)
    const canonical = canonicalNQuads(quads, blankNodes)
    if (canonical !== null) return { kind: 'canonical', nquads: canonical }
    return { kind: 'collision', nquads: plainNQuads(quads) }
  } catch (e) {
    if (e instanceof Unsupported) return { kind: 'unsupported' }
    throw e
  }
}

/** Canonical N-Quads from the fast path alone, or null when it cannot decide. */
export function canonizeFast(doc: object, loader: DocumentLoader = defaultLoader): string | null {
  const r = canonizeFastResult(doc, loader)
  return r.kind === 'canonical' ? r.nquads : null
}

/**
 * Fast-or-full RDFC-1.0 canonical N-Quads (identical output either way): labels from
 * first-degree hashes when they are unique; the fast converter's quads through rdf-canonize
 * when two collide; the whole jsonld path for anything else.
 */
export async function canonize(
  doc: object,
  loader: DocumentLoader = defaultLoader
): Promise<string> {
  const r = canonizeFastResult(doc, loader)
  if (r.kind === 'canonical') return r.nquads
  if (r.kind === 'collision') {
    return rdfcCanonize(r.nquads, {
      algorithm: 'RDFC-1.0',
      inputFormat: 'application/n-quads',
      format: 'application/n-quads'
    })
  }
  return canonizeFull(doc, loader)
}

type JsonLdErrorShape = {
  message?: unknown
  details?: {
    cause?: unknown
    event?: { message?: unknown; details?: Record<string, unknown> }
  }
}

/**
 * A sentence for a canonicalization failure: the refused context URL, or jsonld's safe-mode
 * finding with the property/value it concerns, instead of jsonld's generic messages.
 */
export function describeCanonizeError(e: unknown): string {
  let current: unknown = e
  for (let depth = 0; depth < 5 && current !== null && typeof current === 'object'; depth++) {
    if (current instanceof ContextNotAllowedError) return current.message
    current = (current as JsonLdErrorShape).details?.cause
  }
  const shape = (e ?? {}) as JsonLdErrorShape
  const event = shape.details?.event
  if (event !== undefined && typeof event.message === 'string') {
    const d = event.details ?? {}
    const subject = d.property ?? d.id ?? d.type ?? d.value
    return subject === undefined
      ? event.message
      : `${event.message.replace(/\.$/, '')}: ${JSON.stringify(subject)}`
  }
  return e instanceof Error ? e.message : String(e)
}
