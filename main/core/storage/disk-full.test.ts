/**
 * A real full disk: the station lives on a small tmpfs mounted for this test (the tests run as
 * root here and in CI). A batch that fills it stops with DISK_FULL and lists the awards made
 * durable before it; every other write says DISK_FULL too, and nothing half-written is kept.
 */
import { execFileSync } from 'node:child_process'
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createCore } from '../create-core.js'
import { verifyJournal } from './verify-journal.js'
import {
  KIT_PASSPHRASE,
  csvBase64,
  freshKit,
  jobResult,
  peopleCsv,
  type Kit
} from '../awards/test-support/station-kit.js'

let mount = ''
let kit: Kit | undefined
let opened: { close(): Promise<void> } | undefined

beforeAll(() => {
  mount = fs.mkdtempSync(path.join(os.tmpdir(), 'kiln-full-'))
  execFileSync('mount', ['-t', 'tmpfs', '-o', 'size=600k', 'tmpfs', mount])
})
afterAll(async () => {
  await kit?.core.close().catch(() => undefined)
  await opened?.close().catch(() => undefined)
  execFileSync('umount', [mount])
  fs.rmdirSync(mount)
})

/** Writes a filler file until the file system refuses more (ENOSPC). */
function fillUp(dir: string): void {
  const fd = fs.openSync(path.join(dir, 'filler'), 'w')
  const block = Buffer.alloc(4096, 1)
  try {
    for (;;) fs.writeSync(fd, block)
  } catch (error) {
    expect((error as NodeJS.ErrnoException).code).toBe('ENOSPC')
  } finally {
    fs.closeSync(fd)
  }
}

describe('a full disk', () => {
  it('stops a batch with DISK_FULL naming the awards made durable, and refuses other writes the same way', async () => {
    const dir = path.join(mount, 'station')
    kit = await freshKit({}, dir)
    const preview = await kit.call('awards:batchPreview', {
      badgeId: kit.badgeId,
      source: { csvBase64: csvBase64(peopleCsv(2000)) }
    })
    const { jobId } = await kit.call('awards:batchStart', { previewId: preview.previewId })
    const job = await jobResult(kit.core, jobId, 'awards:batch')
    expect(job.state).toBe('failed')
    expect(job.error?.code).toBe('DISK_FULL')
    const durable = job.error?.details?.durable
    const ids = job.error?.details?.awardIds
    expect(typeof durable).toBe('number')
    expect(durable).toBeGreaterThan(0)
    expect(durable).toBeLessThan(2000)
    expect(job.error?.message).toMatch(
      new RegExp(
        `^The disk filled up during the batch: ${String(durable)} awards were made durable`
      )
    )
    expect(ids).toEqual(job.result?.issued.map((i) => i.id))
    expect(kit.core.station.awards.size).toBe(durable)

    // Nothing half-written: the journal verifies and holds exactly those awards after a reopen.
    await kit.core.close()
    expect(verifyJournal(path.join(dir, 'journal.ndjson')).ok).toBe(true)
    const core = await createCore({ dataDir: dir, host: 'cli' })
    opened = core
    expect(core.station.awards.ids()).toEqual(ids)
    await core.dispatch('station:unlock', { passphrase: KIT_PASSPHRASE }, { host: 'cli' })

    // Other writes on a disk with no room left at all.
    fillUp(mount)
    const created = await core.dispatch(
      'badges:create',
      { name: 'No Room', description: 'Too late.', criteriaNarrative: 'None.' },
      { host: 'cli' }
    )
    expect(created).toMatchObject({ ok: false, error: { code: 'DISK_FULL' } })
    expect(core.station.catalog.badges).toHaveLength(1)
    // The journal's last page may still hold one line: a second award cannot fit.
    const singles = []
    for (const name of ['Late', 'Later']) {
      singles.push(
        await core.dispatch(
          'awards:issue',
          { badgeId: kit.badgeId, email: `${name.toLowerCase()}@example.org`, name },
          { host: 'cli' }
        )
      )
    }
    const refused = singles.filter((r) => !r.ok)
    expect(refused.length).toBeGreaterThan(0)
    expect(refused[0]).toMatchObject({ ok: false, error: { code: 'DISK_FULL' } })
    expect(core.station.awards.size).toBe(Number(durable) + singles.length - refused.length)
    await core.close()
    fs.rmSync(path.join(mount, 'filler'))
    expect(verifyJournal(path.join(dir, 'journal.ndjson')).ok).toBe(true)
    kit = undefined
  })
})
