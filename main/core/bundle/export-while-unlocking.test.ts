/**
 * An export may start while the station's key is still being derived (station:unlock runs
 * outside the mutation queue; Station.signerSoon): it plans meanwhile, writes nothing until the
 * key is there, and signs with it. A wrong passphrase or a lock in the meantime leaves no files
 * and no record.
 */
import { existsSync, readdirSync } from 'node:fs'
import path from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { callCore, exportAndWait, newKit, PASS, type Kit } from './site-test-kit.test-support.js'

let kit: Kit
beforeAll(async () => {
  kit = await newKit()
  const badge = await kit.badge('Speaker')
  await kit.award(badge, 'ada@example.org', 'Ada Lovelace')
  await kit.award(badge, 'alan@example.org', 'Alan Turing')
})
afterAll(async () => {
  await kit.close()
})

const filesIn = (dir: string): string[] => (existsSync(dir) ? readdirSync(dir) : [])

describe('an export started while the passphrase is checked', () => {
  it('is refused at once when the station is locked and no unlock is under way', async () => {
    await kit.call('station:lock', {})
    const out = path.join(kit.work, 'locked')
    await expect(kit.call('bundle:export', { out })).rejects.toMatchObject({ code: 'LOCKED' })
    expect(filesIn(out)).toEqual([])
  })

  it('plans while the key is derived, then writes a bundle signed with it that verifies', async () => {
    await kit.call('station:lock', {})
    const before = await kit.call('bundle:status', {})
    const unlocking = kit.call('station:unlock', { passphrase: PASS })
    // The derivation is under way, not done: the export is accepted all the same.
    expect(kit.core.station.locked).toBe(true)
    const out = path.join(kit.work, 'while-unlocking')
    const summary = await exportAndWait(kit.core, { out })
    expect((await unlocking).locked).toBe(false)
    expect(summary.seq).toBe(before.lastSeq + 1)
    expect((await kit.call('bundle:status', {})).lastSeq).toBe(summary.seq)
    const report = await kit.call('bundle:verify', { dir: out })
    expect(report.problems).toEqual([])
    expect(report.ok).toBe(true)
    expect(report.credentials.valid).toBe(2)
  })

  it('with a wrong passphrase: the unlock says so, the export fails LOCKED, no file, no record', async () => {
    await kit.call('station:lock', {})
    const before = await kit.call('bundle:status', {})
    const unlocking = kit.core.dispatch('station:unlock', { passphrase: 'not it' }, { host: 'cli' })
    const out = path.join(kit.work, 'wrong-passphrase')
    const { jobId } = await callCore(kit.core, 'bundle:export', { out })
    const job = await kit.core.station.jobs.wait(jobId)
    const unlocked = await unlocking
    expect(unlocked.ok ? 'unlocked' : unlocked.error.code).toBe('WRONG_PASSPHRASE')
    expect(job.state).toBe('failed')
    expect(job.error?.code).toBe('LOCKED')
    expect(filesIn(out)).toEqual([])
    const after = await kit.call('bundle:status', {})
    expect(before.lastSeq).toBeGreaterThan(0)
    expect(after.lastSeq).toBe(before.lastSeq)
    expect(after.history.length).toBe(before.history.length)
  })

  it('a lock while the key is derived wins: the station stays locked', async () => {
    await kit.call('station:lock', {})
    const unlocking = kit.call('station:unlock', { passphrase: PASS })
    await kit.call('station:lock', {})
    expect((await unlocking).locked).toBe(true)
    expect(kit.core.station.locked).toBe(true)
    await expect(
      kit.call('bundle:export', { out: path.join(kit.work, 'after-lock') })
    ).rejects.toMatchObject({
      code: 'LOCKED'
    })
  })
})
