/**
 * Replace a file so that a crash leaves either the old or the new content, never a mix:
 * write a temp file in the same directory, fsync it, rename it over the target, then
 * fsync the directory so the rename itself is durable.
 */
import fs from 'node:fs'
import fsp from 'node:fs/promises'
import path from 'node:path'
import { randomBytes } from 'node:crypto'

export type AtomicWriteOptions = Readonly<{
  /** File mode of the new file (default 0o600: station files are private). */
  mode?: number
  /** Called after the temp file is written and synced, before the rename (tests inject faults here). */
  beforeRename?: (tempFile: string) => void
}>

/** The temp file a write of `file` uses; dot-prefixed so backups and listings can skip it. */
export function tempPathFor(file: string): string {
  const dir = path.dirname(file)
  return path.join(
    dir,
    `.${path.basename(file)}.${process.pid}.${randomBytes(6).toString('hex')}.tmp`
  )
}

export function isAtomicTempName(name: string): boolean {
  return /^\..+\.\d+\.[0-9a-f]{12}\.tmp$/.test(name)
}

function bytesOf(data: string | Uint8Array): Uint8Array {
  return typeof data === 'string' ? Buffer.from(data, 'utf8') : data
}

/** Directory fsync: not possible on Windows (EISDIR/EPERM) and some filesystems; best effort there. */
export function fsyncDirSync(dir: string): void {
  let fd: number | undefined
  try {
    fd = fs.openSync(dir, 'r')
    fs.fsyncSync(fd)
  } catch (e) {
    if (!isIgnorableDirSyncError(e)) throw e
  } finally {
    if (fd !== undefined) fs.closeSync(fd)
  }
}

export async function fsyncDir(dir: string): Promise<void> {
  let handle: fsp.FileHandle | undefined
  try {
    handle = await fsp.open(dir, 'r')
    await handle.sync()
  } catch (e) {
    if (!isIgnorableDirSyncError(e)) throw e
  } finally {
    await handle?.close()
  }
}

function isIgnorableDirSyncError(e: unknown): boolean {
  const code = (e as NodeJS.ErrnoException | null)?.code
  return (
    code === 'EISDIR' ||
    code === 'EPERM' ||
    code === 'EACCES' ||
    code === 'EINVAL' ||
    code === 'ENOTSUP'
  )
}

// Windows refuses to replace a file that a virus scanner or indexer holds open for a moment.
const RETRYABLE_RENAME = new Set(['EPERM', 'EACCES', 'EBUSY'])
const RENAME_ATTEMPTS = process.platform === 'win32' ? 10 : 1

export async function renameWithRetry(from: string, to: string): Promise<void> {
  for (let attempt = 1; ; attempt++) {
    try {
      await fsp.rename(from, to)
      return
    } catch (e) {
      const code = (e as NodeJS.ErrnoException).code ?? ''
      if (attempt >= RENAME_ATTEMPTS || !RETRYABLE_RENAME.has(code)) throw e
      await new Promise((resolve) => setTimeout(resolve, 20 * attempt))
    }
  }
}

function renameWithRetrySync(from: string, to: string): void {
  for (let attempt = 1; ; attempt++) {
    try {
      fs.renameSync(from, to)
      return
    } catch (e) {
      const code = (e as NodeJS.ErrnoException).code ?? ''
      if (attempt >= RENAME_ATTEMPTS || !RETRYABLE_RENAME.has(code)) throw e
      Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 20 * attempt)
    }
  }
}

export async function writeFileAtomic(
  file: string,
  data: string | Uint8Array,
  options: AtomicWriteOptions = {}
): Promise<void> {
  const temp = tempPathFor(file)
  let handle: fsp.FileHandle | undefined
  try {
    handle = await fsp.open(temp, 'wx', options.mode ?? 0o600)
    await handle.writeFile(bytesOf(data))
    await handle.sync()
    await handle.close()
    handle = undefined
    options.beforeRename?.(temp)
    await renameWithRetry(temp, file)
  } catch (e) {
    await handle?.close().catch(() => undefined)
    await fsp.rm(temp, { force: true }).catch(() => undefined)
    throw e
  }
  await fsyncDir(path.dirname(file))
}

export function writeFileAtomicSync(
  file: string,
  data: string | Uint8Array,
  options: AtomicWriteOptions = {}
): void {
  const temp = tempPathFor(file)
  let fd: number | undefined
  try {
    fd = fs.openSync(temp, 'wx', options.mode ?? 0o600)
    fs.writeFileSync(fd, bytesOf(data))
    fs.fsyncSync(fd)
    fs.closeSync(fd)
    fd = undefined
    options.beforeRename?.(temp)
    renameWithRetrySync(temp, file)
  } catch (e) {
    if (fd !== undefined) fs.closeSync(fd)
    fs.rmSync(temp, { force: true })
    throw e
  }
  fsyncDirSync(path.dirname(file))
}
