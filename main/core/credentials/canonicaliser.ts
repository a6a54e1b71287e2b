/**
 * Which RDFC-1.0 implementation canonicalises a document: a plug-in, so that signing and
 * every verifier (the station, the CLI, the site's in-browser verifier, which are built from
 * this same engine) choose the same way and can never disagree.
 *
 * - `fastCanonicaliser`: Kiln's fast path (canonicalize.ts `canonize`: pinned contexts
 *   resolved once, first-degree labelling, with its own fall backs to the full algorithm).
 * - `referenceCanonicaliser`: jsonld + rdf-canonize, the reference implementation.
 * - `byOrigin` (the default): the fast path for documents in Kiln's own shape, on which a
 *   property test proves it identical to the reference (kiln-shape.ts, canonicaliser.test.ts);
 *   the reference for everything else (credentials Kiln did not sign).
 */
import { canonize, canonizeFull } from './canonicalize.js'
import type { DocumentLoader } from './contexts.js'
import { isKilnShaped } from './kiln-shape.js'

export type Canonicaliser = Readonly<{
  name: 'fast' | 'reference'
  canonize(doc: object, loader: DocumentLoader): Promise<string>
}>

/** Picks the canonicaliser for one document (the document without its proof, or a proof config). */
export type CanonicaliserChoice = (doc: object) => Canonicaliser

export const fastCanonicaliser: Canonicaliser = { name: 'fast', canonize }

export const referenceCanonicaliser: Canonicaliser = { name: 'reference', canonize: canonizeFull }

export const byOrigin: CanonicaliserChoice = (doc) =>
  isKilnShaped(doc) ? fastCanonicaliser : referenceCanonicaliser

/** Always the same one (tests, benchmarks, and signing Kiln's own documents). */
export const always =
  (canonicaliser: Canonicaliser): CanonicaliserChoice =>
  () =>
    canonicaliser
