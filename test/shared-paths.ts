/** Where the read-only shared/ folder (vectors, schemas, fixtures) sits: beside the checkout. */
import path from 'node:path'
import { fileURLToPath } from 'node:url'

export const REPO_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..')
export const SHARED_DIR = process.env.KILN_SHARED_DIR ?? path.resolve(REPO_ROOT, '..', 'shared')
export const VECTORS_DIR = path.join(SHARED_DIR, 'vectors')
export const SCHEMAS_DIR = path.join(SHARED_DIR, 'schemas')
export const FIXTURES_DIR = path.join(SHARED_DIR, 'fixtures')

export function sharedFile(...parts: string[]): string {
  return path.join(SHARED_DIR, ...parts)
}
