/**
 * The pinned JSON-LD contexts in Node: read from their npm packages (OPEN-BADGES.md §6). The
 * browser build uses pinned-contexts.browser.ts (the same documents, embedded at build time).
 */
import { createRequire } from 'node:module'

const require = createRequire(import.meta.url)

type ContextPackage = { contexts?: unknown }

/** The context document for `url` from npm package `pkg` (throws when it has none). */
export function pinnedContext(pkg: string, url: string): object {
  const mod = require(pkg) as ContextPackage
  if (!(mod.contexts instanceof Map)) throw new Error(`${pkg} does not export a contexts Map`)
  const doc: unknown = (mod.contexts as Map<string, unknown>).get(url)
  if (doc === null || typeof doc !== 'object') throw new Error(`${pkg} has no context for ${url}`)
  return doc
}
