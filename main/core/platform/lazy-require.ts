/**
 * A CommonJS library loaded the first time a synchronous function needs it, not when its
 * module is imported: opening a station (and every CLI command) must not pay for resvg, pngjs
 * or ajv when it never draws, decodes or validates (issue 16). Asynchronous code uses
 * `await import()` at the use site instead. Only for CommonJS packages: the instance is the
 * one an `import` of the package would give, so nothing is loaded twice.
 */
import { createRequire } from 'node:module'

const require = createRequire(import.meta.url)

export function lazyRequire<T>(id: string): () => T {
  let loaded: { module: T } | undefined
  return () => {
    // The type is the package's own declarations (typeof import('id')), chosen by the caller.
    loaded ??= { module: require(id) as T }
    return loaded.module
  }
}
