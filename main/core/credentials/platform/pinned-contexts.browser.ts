/**
 * The pinned JSON-LD contexts in the browser: embedded into the bundle at build time by the
 * verifier bundle's `kiln:contexts` module (generated from pinned-contexts.ts in Node, so
 * both builds hold the same documents).
 */
import contexts from 'kiln:contexts'

export function pinnedContext(_pkg: string, url: string): object {
  const doc = contexts[url]
  if (doc === undefined) throw new Error(`the verifier was built without the context ${url}`)
  return doc
}
