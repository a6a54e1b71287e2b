import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { afterAll, afterEach, beforeEach, describe, expect, it } from 'vitest'
import { KilnFailure } from '../failure.js'
import { logger } from '../logger.js'
import { LOCK_FILE, acquireLock, readLockOwner } from './lock.js'
import { removeBundles, spawnScript } from './test-support/child.js'

let dir: string
beforeEach(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'kiln-'))
})
afterEach(() => fs.rmSync(dir, { recursive: true, force: true }))
afterAll(removeBundles)

function failureOf(fn: () => unknown): KilnFailure {
  try {
    fn()
  } catch (e) {
    if (e instanceof KilnFailure) return e
    throw e
  }
  throw new Error('expected a KilnFailure')
}

describe('acquireLock', () => {
  it('creates kiln.lock naming this process, refuses a second acquire, and releases', () => {
    const lock = acquireLock(dir)
    const file = path.join(dir, LOCK_FILE)
    expect(readLockOwner(file)).toMatchObject({ pid: process.pid, hostname: os.hostname() })
    const failure = failureOf(() => acquireLock(dir))
    expect(failure.code).toBe('STATION_IN_USE')
    expect(failure.message).toMatch(
      new RegExp(`^Another Kiln \\(pid ${process.pid}, started .+\\) is using this station: `)
    )
    const { release } = lock // detached, as a caller may keep only the function
    release()
    expect(fs.existsSync(file)).toBe(false)
    release() // idempotent
    acquireLock(dir).release()
  })

  it('does not remove a lock that is no longer its own', () => {
    const lock = acquireLock(dir)
    const file = path.join(dir, LOCK_FILE)
    const other = JSON.stringify({
      pid: process.pid,
      hostname: os.hostname(),
      startedAt: 'later',
      token: 'x'
    })
    fs.writeFileSync(file, other)
    lock.release()
    expect(fs.readFileSync(file, 'utf8')).toBe(other)
  })

  it('is refused while another process holds it, and taken over once that process is killed', async () => {
    const holder = spawnScript('lock-holder.ts', [dir])
    const line = await holder.waitFor((l) => l.startsWith('locked') || l.startsWith('failed'))
    expect(line).toBe(`locked ${holder.process.pid}`)

    const failure = failureOf(() => acquireLock(dir))
    expect(failure.code).toBe('STATION_IN_USE')
    expect(failure.message).toContain(`pid ${holder.process.pid}`)
    // A third process is refused too.
    const third = spawnScript('lock-holder.ts', [dir])
    expect(await third.waitFor((l) => l.startsWith('failed'))).toMatch(
      new RegExp(`^failed STATION_IN_USE: Another Kiln \\(pid ${holder.process.pid}, started`)
    )

    holder.process.kill('SIGKILL') // no exit handler runs: the lock file stays behind
    await holder.exited
    expect(readLockOwner(path.join(dir, LOCK_FILE))?.pid).toBe(holder.process.pid)

    const logged: string[] = []
    const restore = logger.setSink((l) => logged.push(l))
    try {
      const lock = acquireLock(dir)
      expect(readLockOwner(lock.file)?.pid).toBe(process.pid)
      lock.release()
    } finally {
      restore()
    }
    expect(logged.join('\n')).toMatch(
      new RegExp(`took over a stale lock .*pid ${holder.process.pid}`)
    )
    expect(fs.readdirSync(dir)).toEqual([])
  })

  it('is released by the exit handler when its process ends normally', async () => {
    const holder = spawnScript('lock-holder.ts', [dir, 'exit'])
    expect(await holder.waitFor((l) => l.startsWith('locked'))).toBe(`locked ${holder.process.pid}`)
    expect(await holder.exited).toEqual({ code: 0, signal: null })
    expect(fs.readdirSync(dir)).toEqual([])
  })

  it('takes over an old unreadable lock file but not a fresh one (its creator may be writing it)', () => {
    const file = path.join(dir, LOCK_FILE)
    fs.writeFileSync(file, '')
    expect(failureOf(() => acquireLock(dir)).code).toBe('STATION_IN_USE')
    const old = new Date(Date.now() - 60_000)
    fs.utimesSync(file, old, old)
    const lock = acquireLock(dir)
    expect(readLockOwner(file)?.pid).toBe(process.pid)
    lock.release()
  })

  it('never takes over a lock from another host', () => {
    const file = path.join(dir, LOCK_FILE)
    fs.writeFileSync(
      file,
      JSON.stringify({ pid: 999_999_999, hostname: 'desk-2', startedAt: '2026-01-01T00:00:00Z' })
    )
    const failure = failureOf(() => acquireLock(dir))
    expect(failure.code).toBe('STATION_IN_USE')
    expect(failure.message).toContain('pid 999999999 on desk-2')
    expect(failure.message).toContain(`delete ${file}`)
  })

  it('takes over a lock left by a dead pid on this host', () => {
    const file = path.join(dir, LOCK_FILE)
    fs.writeFileSync(
      file,
      JSON.stringify({
        pid: 999_999_999,
        hostname: os.hostname(),
        startedAt: '2026-01-01T00:00:00Z'
      })
    )
    const restore = logger.setSink(() => undefined)
    try {
      const lock = acquireLock(dir)
      expect(readLockOwner(file)?.pid).toBe(process.pid)
      lock.release()
    } finally {
      restore()
    }
  })
})
