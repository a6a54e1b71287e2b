/**
 * Where the tests' reference files live: test/vendor/ (official vectors, OB 3.0 schemas,
 * sample CSVs and images, copied into the repository with their provenance in
 * test/vendor/README.md), so a clone with nothing beside it runs every test.
 */
import path from 'node:path'
import { fileURLToPath } from 'node:url'

export const REPO_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..')
export const VENDOR_DIR = path.join(REPO_ROOT, 'test', 'vendor')

export function vendorFile(...parts: string[]): string {
  return path.join(VENDOR_DIR, ...parts)
}
