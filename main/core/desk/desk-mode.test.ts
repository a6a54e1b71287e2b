import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import type { MethodInput, MethodName, MethodResults } from '../../../shared/contract.js'
import { createCore, type Core } from '../create-core.js'
import { DESK_ACCESS } from './desk-access.js'
import { wrongTryDelay } from './desk-mode.js'

process.env.KILN_SCRYPT_N = '16384'
const PASSPHRASE = 'correct horse battery staple'
const OPERATORS = ['Ada Volunteer', 'Bo Helper']

let dir = ''
let core: Core

async function call<M extends MethodName>(
  method: M,
  input: MethodInput<M>
): Promise<MethodResults[M]> {
  const result = await core.dispatch(method, input, { host: 'web' })
  if (!result.ok) throw new Error(`${method}: ${result.error.code} ${result.error.message}`)
  return result.value as MethodResults[M]
}

async function refusal(method: string, input: unknown): Promise<string> {
  const result = await core.dispatch(method, input, { host: 'web' })
  if (result.ok) throw new Error(`${method} unexpectedly succeeded`)
  return result.error.code
}

async function publishedBadge(): Promise<string> {
  const created = await call('badges:create', {
    name: 'Workshop',
    description: 'Took part in the workshop.',
    criteriaNarrative: 'Attend.'
  })
  await call('badges:publish', { id: created.id })
  return created.id
}

const journalTypes = (): string[] =>
  fs
    .readFileSync(path.join(dir, 'journal.ndjson'), 'utf8')
    .trim()
    .split('\n')
    .map((line) => (JSON.parse(line) as { type: string }).type)

const csv = (lines: string[]): string =>
  Buffer.from(lines.join('\n') + '\n', 'utf8').toString('base64')

beforeEach(async () => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'kiln-desk-'))
  core = await createCore({ dataDir: dir, host: 'web' })
  await call('station:init', {
    issuerName: 'Example Guild',
    issuerUrl: 'https://example.org/',
    siteUrl: 'https://badges.example.org/',
    passphrase: PASSPHRASE
  })
})
afterEach(async () => {
  await core.close()
  fs.rmSync(dir, { recursive: true, force: true })
})

describe('desk mode', () => {
  it('is switched on by the passphrase holder only: the station must be unlocked', async () => {
    await call('station:lock', {})
    expect(await refusal('desk:enter', { operators: OPERATORS })).toBe('LOCKED')
    expect((await call('station:status', {})).desk).toBeUndefined()

    await call('station:unlock', { passphrase: PASSPHRASE })
    const status = await call('desk:enter', { operators: OPERATORS })
    expect(status.desk?.operators).toEqual(OPERATORS)
    expect(journalTypes()).toContain('desk.entered')
  })

  it('refuses a bad operator list and changes nothing', async () => {
    expect(await refusal('desk:enter', { operators: [] })).toBe('INVALID_INPUT')
    expect(await refusal('desk:enter', { operators: ['Ada', ' ada '] })).toBe('INVALID_INPUT')
    const many = Array.from({ length: 51 }, (_, i) => `Volunteer ${i + 1}`)
    expect(await refusal('desk:enter', { operators: many })).toBe('INVALID_INPUT')
    expect(await refusal('desk:enter', { operators: ['Ada\u202e'] })).toBe('INVALID_INPUT')
    expect((await call('station:status', {})).desk).toBeUndefined()
    expect(journalTypes()).not.toContain('desk.entered')
  })

  it('refuses every closed method with DESK_MODE, whatever its input', async () => {
    await call('desk:enter', { operators: OPERATORS })
    const closed = Object.entries(DESK_ACCESS).filter(([, access]) => access === 'closed')
    expect(closed.map(([method]) => method)).toEqual(
      expect.arrayContaining([
        'awards:revoke',
        'awards:reissue',
        'station:updateProfile',
        'station:exportKey',
        'keys:rotate',
        'backup:create',
        'bundle:export',
        'stations:export',
        'publish:start',
        'mail:setup',
        'rules:create',
        'site:settings',
        'desk:enter'
      ])
    )
    for (const [method] of closed) {
      expect({ method, code: await refusal(method, {}) }).toEqual({ method, code: 'DESK_MODE' })
    }
  })

  it('keeps what the desk needs open, and every award names an operator from the list', async () => {
    const badgeId = await publishedBadge()
    // What the holder exported before desk mode is not the desk's to download.
    const early = await call('awards:issue', { badgeId, email: 'lee@example.org', name: 'Lee Ho' })
    const earlyExport = await call('certificates:export', { awardIds: [early.id] })
    const earlyJob = await core.station.jobs.wait(earlyExport.jobId)
    const earlyFile = earlyJob.kind === 'certificates:export' ? (earlyJob.result?.file ?? '') : ''
    expect((await call('host:readOutput', { path: earlyFile })).filename).toMatch(/\.pdf$/)
    await call('desk:enter', { operators: OPERATORS })
    expect(await refusal('host:readOutput', { path: earlyFile })).toBe('FORBIDDEN')
    const before = core.station.awards.size

    expect(
      await refusal('awards:issue', { badgeId, email: 'kim@example.org', name: 'Kim Park' })
    ).toBe('DESK_MODE')
    expect(
      await refusal('awards:issue', {
        badgeId,
        email: 'kim@example.org',
        name: 'Kim Park',
        operator: 'Mallory'
      })
    ).toBe('DESK_MODE')
    expect(core.station.awards.size).toBe(before)

    const award = await call('awards:issue', {
      badgeId,
      email: 'kim@example.org',
      name: 'Kim Park',
      operator: ' Bo Helper '
    })
    expect(award.operator).toBe('Bo Helper')
    const journal = fs.readFileSync(path.join(dir, 'journal.ndjson'), 'utf8')
    expect(journal).toContain('"operator":"Bo Helper"')

    // The reads of the desk.
    expect((await call('badges:list', {})).badges).toHaveLength(1)
    expect((await call('awards:list', {})).total).toBe(2)
    expect((await call('recipients:list', { query: 'kim' })).total).toBe(1)
    expect((await call('credentials:get', { id: award.id })).award.id).toBe(award.id)
    const pdf = await call('certificates:preview', { awardId: award.id })
    expect(Buffer.from(pdf.pdfBase64, 'base64').subarray(0, 5).toString()).toBe('%PDF-')

    // Certificates go to the station's exports folder under a fresh name, never over a file.
    const outFile = path.join(dir, 'station.json')
    expect(
      await refusal('certificates:export', { awardIds: [award.id], outFile, overwrite: true })
    ).toBe('DESK_MODE')
    expect(await refusal('certificates:export', { awardIds: [award.id], overwrite: true })).toBe(
      'DESK_MODE'
    )
    const exported = await call('certificates:export', { awardIds: [award.id] })
    const job = await core.station.jobs.wait(exported.jobId)
    expect(job.state).toBe('done')
    const file = job.kind === 'certificates:export' ? job.result?.file : undefined
    expect(file && path.dirname(file)).toBe(path.join(dir, 'exports'))
    expect(
      fs
        .readFileSync(file ?? '')
        .subarray(0, 5)
        .toString()
    ).toBe('%PDF-')
    expect((await call('host:readOutput', { path: file ?? '' })).filename).toMatch(/\.pdf$/)

    // Revoking is the passphrase holder's.
    expect(await refusal('awards:revoke', { id: award.id, reason: 'Mistake' })).toBe('DESK_MODE')
    expect((await call('credentials:get', { id: award.id })).award.status).toBe('active')
  })

  it('runs a batch with an operator from the list and follows only the desk’s jobs', async () => {
    const badgeId = await publishedBadge()
    await call('desk:enter', { operators: OPERATORS })
    const preview = await call('awards:batchPreview', {
      badgeId,
      source: {
        csvBase64: csv(['name,email', 'Ann Lee,ann@example.org', 'Ben Ode,ben@example.org'])
      }
    })
    expect(await refusal('awards:batchStart', { previewId: preview.previewId })).toBe('DESK_MODE')
    expect(
      await refusal('awards:batchStart', { previewId: preview.previewId, operator: 'Eve' })
    ).toBe('DESK_MODE')
    const { jobId } = await call('awards:batchStart', {
      previewId: preview.previewId,
      operator: 'Ada Volunteer'
    })
    await core.station.jobs.wait(jobId)
    const job = await call('jobs:get', { jobId })
    expect(job.state).toBe('done')
    const awards = (await call('awards:list', {})).awards
    expect(awards.map((a) => a.operator)).toEqual(['Ada Volunteer', 'Ada Volunteer'])

    expect(await refusal('jobs:list', {})).toBe('DESK_MODE')
    expect(await refusal('jobs:list', { kind: 'bundle:export' })).toBe('DESK_MODE')
    expect((await call('jobs:list', { kind: 'awards:batch' })).jobs).toHaveLength(1)
  })

  it('stays on after a wrong passphrase and leaves with the right one', async () => {
    await call('desk:enter', { operators: OPERATORS })
    expect(await refusal('desk:leave', { passphrase: 'not the passphrase' })).toBe(
      'WRONG_PASSPHRASE'
    )
    expect((await call('station:status', {})).desk?.operators).toEqual(OPERATORS)
    expect(await refusal('backup:list', {})).toBe('DESK_MODE')

    const status = await call('desk:leave', { passphrase: PASSPHRASE })
    expect(status.desk).toBeUndefined()
    expect(status.locked).toBe(false)
    expect((await call('backup:list', {})).files).toEqual([])
    const audit = await call('audit:list', { type: 'desk' })
    expect(audit.entries.map((e) => e.summary)).toEqual([
      'Desk mode was switched off with the passphrase',
      'A wrong passphrase was given to leave desk mode (1 wrong try in a row)',
      'Desk mode was switched on (only awarding, the awards list and printing open)'
    ])
    expect(journalTypes().slice(-6)).toEqual([
      'catalog.written',
      'desk.entered',
      'catalog.written',
      'desk.refused',
      'catalog.written',
      'desk.left'
    ])
  })

  it('survives closing and reopening the station, locked or not', async () => {
    await call('desk:enter', { operators: OPERATORS })
    await core.close()
    core = await createCore({ dataDir: dir, host: 'web' })
    const status = await call('station:status', {})
    expect(status.locked).toBe(true)
    expect(status.desk?.operators).toEqual(OPERATORS)
    expect(await refusal('station:exportKey', { passphrase: PASSPHRASE })).toBe('DESK_MODE')
    expect(await refusal('backup:create', {})).toBe('DESK_MODE')

    // The passphrase holder unlocks the desk after a restart; desk mode stays on.
    await call('station:unlock', { passphrase: PASSPHRASE })
    expect((await call('station:status', {})).desk).toBeDefined()
    expect(await refusal('keys:rotate', { passphrase: PASSPHRASE })).toBe('DESK_MODE')
  })

  it('offers no passphrase check through unlocking while desk mode is on', async () => {
    await call('desk:enter', { operators: OPERATORS })
    // Unlocked: answered without looking at the passphrase (nothing to guess against).
    expect((await call('station:unlock', { passphrase: 'a guess' })).locked).toBe(false)
    await call('station:lock', {})
    expect(await refusal('station:unlock', { passphrase: 'a guess' })).toBe('WRONG_PASSPHRASE')
    const status = await call('station:unlock', { passphrase: PASSPHRASE })
    expect(status.locked).toBe(false)
    expect(status.desk?.operators).toEqual(OPERATORS)
  })

  it('counts wrong passphrases across processes: a new process waits for the earlier tries first', async () => {
    // Record the waits the desk asks for (≥ 500 ms) and run them at once; others pass through.
    const realSetTimeout = globalThis.setTimeout
    const waits: number[] = []
    const spy = vi.spyOn(globalThis, 'setTimeout').mockImplementation(((
      fn: () => void,
      ms?: number
    ) => {
      if (ms !== undefined && ms >= 500) {
        waits.push(ms)
        return realSetTimeout(fn, 0)
      }
      return realSetTimeout(fn, ms)
    }) as typeof setTimeout)
    try {
      await call('desk:enter', { operators: OPERATORS })
      for (let i = 0; i < 2; i++) {
        expect(await refusal('desk:leave', { passphrase: `guess ${i}` })).toBe('WRONG_PASSPHRASE')
      }
      expect(waits).toEqual([500, 1000])
      expect(core.station.catalog.desk?.wrongTries).toBe(2)

      // A new process (as `kiln desk off` run again is): the count comes back from station.json.
      await core.close()
      core = await createCore({ dataDir: dir, host: 'cli' })
      waits.length = 0
      expect(await refusal('desk:leave', { passphrase: 'guess 2' })).toBe('WRONG_PASSPHRASE')
      expect(waits).toEqual([1000, 2000]) // the two earlier tries' wait, then the third's
      // Unlocking (locked after the restart) shares the count and, right, starts it again.
      waits.length = 0
      expect(await refusal('station:unlock', { passphrase: 'guess 3' })).toBe('WRONG_PASSPHRASE')
      expect(waits).toEqual([4000])
      expect(core.station.catalog.desk?.wrongTries).toBe(4)
      await call('station:unlock', { passphrase: PASSPHRASE })
      expect(core.station.catalog.desk?.wrongTries).toBeUndefined()
      expect((await call('station:status', {})).desk?.operators).toEqual(OPERATORS)

      const status = await call('desk:leave', { passphrase: PASSPHRASE })
      expect(status.desk).toBeUndefined()
      expect(waits).toEqual([4000]) // a right passphrase after a count of 0 waits for nothing
      const audit = await call('audit:list', { type: 'desk' })
      expect(audit.entries.map((e) => e.summary).slice(0, 3)).toEqual([
        'Desk mode was switched off with the passphrase',
        'A wrong passphrase was given to leave desk mode (4 wrong tries in a row)',
        'A wrong passphrase was given to leave desk mode (3 wrong tries in a row)'
      ])
    } finally {
      spy.mockRestore()
    }
  })

  it('waits longer after each wrong passphrase in a row, up to 8 s', () => {
    expect([0, 1, 2, 3, 4, 5, 6, 10].map(wrongTryDelay)).toEqual([
      0, 500, 1000, 2000, 4000, 8000, 8000, 8000
    ])
  })
})
