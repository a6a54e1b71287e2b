/**
 * One writer per data directory: kiln.lock is created with O_EXCL and names its owner
 * (pid, host, start time). A lock whose process is gone (same host) is taken over; a live
 * one is a clear STATION_IN_USE error. Release removes the file only if it is still ours.
 */
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { randomBytes } from 'node:crypto'
import { KilnFailure } from '../failure.js'
import { logger } from '../logger.js'
import { diskFull, isDiskFull } from './disk-full.js'

export const LOCK_FILE = 'kiln.lock'

export type LockOwner = Readonly<{
  pid: number
  hostname: string
  startedAt: string
  token?: string
}>

export type StationLock = Readonly<{ file: string; owner: LockOwner; release(): void }>

/** A lock file still being written by its creator looks empty for a moment; give it this long. */
const UNREADABLE_GRACE_MS = 5_000

export function readLockOwner(file: string): LockOwner | undefined {
  try {
    const value: unknown = JSON.parse(fs.readFileSync(file, 'utf8'))
    if (typeof value !== 'object' || value === null) return undefined
    const v = value as Record<string, unknown>
    if (typeof v.pid !== 'number' || !Number.isInteger(v.pid) || v.pid <= 0) return undefined
    if (typeof v.hostname !== 'string' || typeof v.startedAt !== 'string') return undefined
    return {
      pid: v.pid,
      hostname: v.hostname,
      startedAt: v.startedAt,
      ...(typeof v.token === 'string' ? { token: v.token } : {})
    }
  } catch {
    return undefined
  }
}

export function isProcessAlive(pid: number): boolean {
  try {
    process.kill(pid, 0)
    return true
  } catch (e) {
    // EPERM: it exists but belongs to someone else.
    return (e as NodeJS.ErrnoException).code === 'EPERM'
  }
}

function sameOwner(a: LockOwner | undefined, b: LockOwner): boolean {
  return (
    !!a &&
    a.pid === b.pid &&
    a.hostname === b.hostname &&
    a.startedAt === b.startedAt &&
    a.token === b.token
  )
}

function inUse(dataDir: string, file: string, owner: LockOwner | undefined): KilnFailure {
  const who = owner
    ? `pid ${owner.pid}${owner.hostname === os.hostname() ? '' : ` on ${owner.hostname}`}, started ${owner.startedAt}`
    : 'starting up'
  const hint =
    owner && owner.hostname !== os.hostname()
      ? ` If Kiln is no longer running on ${owner.hostname}, delete ${file}.`
      : ''
  return new KilnFailure(
    'STATION_IN_USE',
    `Another Kiln (${who}) is using this station: ${dataDir}.${hint}`,
    {
      path: dataDir
    }
  )
}

export function acquireLock(dataDir: string): StationLock {
  const file = path.join(dataDir, LOCK_FILE)
  const owner: LockOwner = {
    pid: process.pid,
    hostname: os.hostname(),
    startedAt: new Date().toISOString(),
    token: randomBytes(8).toString('hex')
  }
  for (let attempt = 0; ; attempt++) {
    if (tryCreate(file, owner)) break
    const existing = readLockOwner(file)
    if (attempt >= 3 || !isStale(file, existing)) throw inUse(dataDir, file, existing)
    setAsideStale(file, existing)
  }

  let released = false
  const release = (): void => {
    if (released) return
    released = true
    process.removeListener('exit', release)
    try {
      if (sameOwner(readLockOwner(file), owner)) fs.rmSync(file, { force: true })
    } catch (e) {
      logger.warn(`could not remove ${file}`, e)
    }
  }
  process.on('exit', release)
  return { file, owner, release }
}

function tryCreate(file: string, owner: LockOwner): boolean {
  let fd: number
  try {
    fd = fs.openSync(file, 'wx', 0o600)
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'EEXIST') return false
    throw e
  }
  try {
    fs.writeSync(fd, JSON.stringify(owner) + '\n')
    fs.fsyncSync(fd)
  } catch (e) {
    // A lock that could not be written is not left behind (it would look like a crashed Kiln).
    fs.closeSync(fd)
    fs.rmSync(file, { force: true })
    if (isDiskFull(e)) throw diskFull('the lock file', 'the station was not opened.')
    throw e
  }
  fs.closeSync(fd)
  return true
}

function isStale(file: string, owner: LockOwner | undefined): boolean {
  if (!owner) {
    // Unreadable: a creator mid-write (young file) or a crash right after creating it (old file).
    try {
      return Date.now() - fs.statSync(file).mtimeMs > UNREADABLE_GRACE_MS
    } catch {
      return true // gone meanwhile: just retry
    }
  }
  if (owner.hostname !== os.hostname()) return false // cannot check a pid on another computer
  if (owner.pid === process.pid) return false // this very process holds it
  return !isProcessAlive(owner.pid)
}

/**
 * Moves the stale lock aside (rename is atomic, so two starters cannot both take it over),
 * then checks that what was moved is the stale lock that was judged, not a fresh one.
 */
function setAsideStale(file: string, judged: LockOwner | undefined): void {
  const aside = `${file}.stale-${process.pid}-${randomBytes(4).toString('hex')}`
  try {
    fs.renameSync(file, aside)
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT') return // someone else moved it; retry
    throw e
  }
  const moved = readLockOwner(aside)
  if (judged && !sameOwner(moved, judged)) {
    // A fresh lock appeared between the check and the rename: put it back, report in use.
    try {
      fs.linkSync(aside, file)
      fs.rmSync(aside, { force: true })
    } catch {
      // leave it aside; it names its owner
    }
    throw inUse(path.dirname(file), file, moved)
  }
  fs.rmSync(aside, { force: true })
  const who = judged ? `pid ${judged.pid}, started ${judged.startedAt}` : 'unreadable'
  logger.warn(`took over a stale lock on ${path.dirname(file)} (${who}; that process is gone)`)
}
