/**
 * Maps a request path to a file of the renderer build, without ever leaving the
 * build folder: percent-decoding happens once, `..` is clamped at the root, the
 * result must stay inside the root (also after resolving symlinks), dotfiles are
 * never served, and directories are never listed. Used by the web host and by the
 * Electron `app://` protocol.
 */
import { promises as fs } from 'node:fs'
import path from 'node:path'

const MIME_TYPES: Readonly<Record<string, string>> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
  '.txt': 'text/plain; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.jpeg': 'image/jpeg',
  '.gif': 'image/gif',
  '.webp': 'image/webp',
  '.avif': 'image/avif',
  '.ico': 'image/x-icon',
  '.woff': 'font/woff',
  '.woff2': 'font/woff2',
  '.ttf': 'font/ttf',
  '.otf': 'font/otf',
  '.wasm': 'application/wasm',
  '.webmanifest': 'application/manifest+json'
}

export function mimeTypeFor(file: string): string {
  return MIME_TYPES[path.extname(file).toLowerCase()] ?? 'application/octet-stream'
}

export type StaticTarget =
  | Readonly<{ kind: 'file'; file: string; size: number; contentType: string }>
  | Readonly<{ kind: 'not-found' }>
  | Readonly<{ kind: 'bad-request' }>

function isInside(root: string, candidate: string): boolean {
  return candidate === root || candidate.startsWith(root + path.sep)
}

async function fileAt(root: string, candidate: string): Promise<StaticTarget | undefined> {
  try {
    const real = await fs.realpath(candidate)
    if (!isInside(root, real)) return { kind: 'not-found' }
    const stat = await fs.stat(real)
    if (!stat.isFile()) return undefined
    return { kind: 'file', file: real, size: stat.size, contentType: mimeTypeFor(real) }
  } catch {
    return undefined
  }
}

/**
 * Resolve `rawPathname` (still percent-encoded, no query) against `root`, which must
 * be an absolute, real (symlink-free) path; see `realRoot`. Unknown paths without a
 * file extension get `index.html` (the renderer is a single-page app); unknown
 * paths with one (a missing asset) are not found.
 */
export async function resolveStaticFile(root: string, rawPathname: string): Promise<StaticTarget> {
  let decoded: string
  try {
    decoded = decodeURIComponent(rawPathname)
  } catch {
    return { kind: 'bad-request' }
  }
  if (decoded.includes('\0')) return { kind: 'bad-request' }
  const normalized = path.posix.normalize('/' + decoded.replace(/\\/g, '/'))
  const segments = normalized.split('/').filter((s) => s.length > 0)
  if (segments.some((s) => s.startsWith('.'))) return { kind: 'not-found' }
  const candidate = path.resolve(root, ...segments)
  if (!isInside(root, candidate)) return { kind: 'not-found' }

  const found = await fileAt(root, candidate)
  if (found) return found
  const last = segments.at(-1) ?? ''
  if (path.extname(last) !== '') return { kind: 'not-found' }
  return (await fileAt(root, path.join(root, 'index.html'))) ?? { kind: 'not-found' }
}

/** The real path of the build folder (resolve symlinks once, at start). */
export async function realRoot(dir: string): Promise<string> {
  return fs.realpath(path.resolve(dir))
}
