/**
 * Site paths: every path a publish writes or deletes is relative to the site's root, checked
 * here (no absolute path, no "." or ".." segment, no backslash, no NUL), so a transport can
 * only ever touch its own folder or prefix. And the order of upload that never leaves a
 * dangling link: what pages point to goes up before the pages, the manifest last.
 */
import { fail } from '../failure.js'

const SEGMENT = /^[^/\\\0]+$/

/** The path itself when it is a safe relative site path; otherwise INTERNAL (a bug upstream). */
export function assertSitePath(p: string): string {
  const segments = p.split('/')
  if (
    p.length === 0 ||
    p.length > 1024 ||
    segments.some((s) => !SEGMENT.test(s) || s === '.' || s === '..')
  ) {
    fail('INTERNAL', `Refusing to publish an unsafe site path: ${JSON.stringify(p.slice(0, 120))}`)
  }
  return p
}

export const MANIFEST_PATH = 'kiln-manifest.json'
export const MANIFESTS_DIR = 'kiln-manifests/'

/** Numbered manifests and segments are never deleted from a target (the chain stays readable). */
export const isManifestHistory = (p: string): boolean => p.startsWith(MANIFESTS_DIR)

/**
 * Upload phases, in order; each phase finishes before the next starts:
 * 0 what credentials refer to (status lists, DID documents, issuer profiles),
 * 1 every other file pages link to (credentials, images, badge JSON, OB 2.0 files, scripts),
 * 2 pages below the root (credential and badge pages), 3 the site's top pages,
 * 4 manifest segments, 5 numbered manifests, 6 kiln-manifest.json.
 */
export function publishPhase(p: string): number {
  if (p === MANIFEST_PATH) return 6
  if (p.startsWith(MANIFESTS_DIR)) return p.startsWith(`${MANIFESTS_DIR}segments/`) ? 4 : 5
  if (
    p.startsWith('status/') ||
    p.endsWith('did.json') ||
    p === 'issuer.json' ||
    p === 'ob2/issuer.json'
  ) {
    return 0
  }
  if (p.endsWith('.html')) return p.split('/').length > 2 ? 2 : 3
  return 1
}

export const PHASES = 7
