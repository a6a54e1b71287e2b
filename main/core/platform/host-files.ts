/**
 * Files and folders as the UI meets them: whether a typed folder exists and Kiln can write to it
 * (sync destination, backup folder, a publish folder), a file the station wrote handed to the
 * browser as a download (`kiln serve` has no file manager of its own), and a fresh path in the
 * station's exports/ folder for an export the browser will download.
 */
import { accessSync, constants, existsSync, mkdirSync, statSync } from 'node:fs'
import { readFile } from 'node:fs/promises'
import path from 'node:path'
import type { ExportedFile } from '../../../shared/types.js'
import type { FolderCheck } from '../../../shared/methods/station.js'
import { fail } from '../failure.js'
import type { Station } from '../station/station.js'

/** Larger files stay where they were written (a browser holds the whole download as text). */
export const MAX_DOWNLOAD_BYTES = 256 * 1024 * 1024

function writable(dir: string): boolean {
  try {
    accessSync(dir, constants.W_OK | constants.X_OK)
    return true
  } catch {
    return false
  }
}

function isDirectory(p: string): boolean {
  try {
    return statSync(p).isDirectory()
  } catch {
    return false
  }
}

/** The nearest folder above `p` that exists (the one a new folder would be made in). */
function nearestExisting(p: string): string | undefined {
  let current = path.dirname(p)
  for (;;) {
    if (existsSync(current)) return isDirectory(current) ? current : undefined
    const parent = path.dirname(current)
    if (parent === current) return undefined
    current = parent
  }
}

/**
 * Whether `target` is a folder Kiln can write to. `forFile`: the target names a file to write
 * (a .zip), so its folder is checked and an existing file is said.
 */
export function checkFolder(target: string, forFile = false): FolderCheck {
  const typed = target.trim()
  if (!path.isAbsolute(typed)) {
    return {
      exists: false,
      writable: false,
      message: `Type the full path, starting at the top of the disk (for example ${process.platform === 'win32' ? 'C:\\Users\\ana\\Badges' : '/home/ana/badges'}).`
    }
  }
  const resolved = path.resolve(typed)
  if (forFile) {
    if (isDirectory(resolved)) {
      return { exists: true, writable: false, message: 'This is a folder; give a file name.' }
    }
    const folder = path.dirname(resolved)
    const inner = checkFolder(folder)
    if (!inner.exists) return { ...inner, exists: false }
    const taken = existsSync(resolved)
    return {
      exists: true,
      writable: inner.writable && !taken,
      message: taken
        ? 'A file with this name exists already; choose another name.'
        : inner.writable
          ? 'The folder exists and Kiln can write the file there.'
          : inner.message
    }
  }
  if (existsSync(resolved)) {
    if (!isDirectory(resolved)) {
      return { exists: false, writable: false, message: 'This is a file, not a folder.' }
    }
    return writable(resolved)
      ? { exists: true, writable: true, message: 'The folder exists and Kiln can write to it.' }
      : {
          exists: true,
          writable: false,
          message: 'The folder exists, but this user account may not write to it.'
        }
  }
  const parent = nearestExisting(resolved)
  return parent && writable(parent)
    ? {
        exists: false,
        writable: true,
        message: `The folder does not exist yet; Kiln will create it (in ${parent}).`
      }
    : {
        exists: false,
        writable: false,
        message: parent
          ? `The folder does not exist, and Kiln may not create it in ${parent}.`
          : 'The folder does not exist, and nothing above it does either.'
      }
}

const MEDIA_TYPES: Readonly<Record<string, string>> = {
  '.pdf': 'application/pdf',
  '.zip': 'application/zip',
  '.csv': 'text/csv',
  '.json': 'application/json',
  '.kbak': 'application/octet-stream'
}

/** A file this process wrote for people (station.outputs), as a download; nothing else. */
export async function readOutput(station: Station, file: string): Promise<ExportedFile> {
  if (!path.isAbsolute(file)) {
    fail('INVALID_INPUT', 'Give the full path of the file.', { field: 'path' })
  }
  const target = path.resolve(file)
  if (!station.outputs.wrote(target)) {
    fail('FORBIDDEN', 'Kiln only hands over files it wrote itself.', { field: 'path' })
  }
  let size: number
  try {
    const stat = statSync(target)
    if (!stat.isFile()) throw new Error('not a file')
    size = stat.size
  } catch {
    fail('NOT_FOUND', `${target} no longer exists.`, { field: 'path' })
  }
  if (size > MAX_DOWNLOAD_BYTES) {
    fail(
      'INVALID_INPUT',
      `The file is ${Math.round(size / (1024 * 1024))} MB, too large to download through the browser; it is saved at ${target}.`,
      { field: 'path' }
    )
  }
  const bytes = await readFile(target)
  const extension = path.extname(target).toLowerCase()
  return {
    filename: path.basename(target),
    mediaType: MEDIA_TYPES[extension] ?? 'application/octet-stream',
    base64: bytes.toString('base64')
  }
}

/** A path in <dataDir>/exports/ for `fileName` that no file has yet ("name (2).zip"…). */
export function exportPath(station: Station, fileName: string): string {
  const folder = path.join(station.paths.dataDir, 'exports')
  mkdirSync(folder, { recursive: true, mode: 0o700 })
  const extension = path.extname(fileName)
  const stem = fileName.slice(0, fileName.length - extension.length)
  for (let n = 1; ; n++) {
    const candidate = path.join(folder, n === 1 ? fileName : `${stem} (${n})${extension}`)
    if (!existsSync(candidate)) return candidate
  }
}
