/**
 * Finds the shipped resources/ folder (schemas, fonts, icons) from source, from the
 * out/ bundles and from a packaged app alike: $KILN_RESOURCES_DIR, else the first
 * ancestor of this module that has a resources/ folder.
 */
import { existsSync } from 'node:fs'
import path from 'node:path'
import { fileURLToPath } from 'node:url'

let cached: string | undefined

export function resourcesDir(): string {
  if (cached) return cached
  const fromEnv = process.env.KILN_RESOURCES_DIR
  if (fromEnv && existsSync(fromEnv)) return (cached = fromEnv)
  let dir = path.dirname(fileURLToPath(import.meta.url))
  for (;;) {
    const candidate = path.join(dir, 'resources')
    if (existsSync(path.join(candidate, 'schemas'))) return (cached = candidate)
    const parent = path.dirname(dir)
    if (parent === dir) break
    dir = parent
  }
  throw new Error('Kiln cannot find its resources/ folder; set KILN_RESOURCES_DIR')
}

export function resourcePath(...parts: string[]): string {
  return path.join(resourcesDir(), ...parts)
}
