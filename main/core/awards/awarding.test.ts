import fs from 'node:fs'
import { afterEach, describe, expect, it, vi } from 'vitest'
import { vendorFile } from '../../../test/vendor-paths.js'
import { verifyCredential } from '../credentials/verify.js'
import type { KilnEvent } from '../../../shared/events.js'
import { csvBase64, freshKit, jobResult, peopleCsv, type Kit } from './test-support/station-kit.js'

let kit: Kit | undefined
afterEach(async () => {
  await kit?.close()
  kit = undefined
})

const fixture64 = (name: string): string =>
  fs.readFileSync(vendorFile('fixtures', name)).toString('base64')

describe('single awards', () => {
  it('awards by recipient id or e-mail, records the operator, and asks before a duplicate', async () => {
    kit = await freshKit()
    const ana = await kit.call('recipients:create', { name: 'Ana Silva', email: 'ana@example.org' })
    const first = await kit.call('awards:issue', {
      badgeId: kit.badgeId,
      recipientId: ana.id,
      operator: 'desk-1'
    })
    expect(first).toMatchObject({
      recipientName: 'Ana Silva',
      recipientEmail: 'ana@example.org',
      operator: 'desk-1',
      recipientId: ana.id
    })
    const dup = await kit.fails('awards:issue', {
      badgeId: kit.badgeId,
      email: ' ANA@example.org',
      name: 'Ana'
    })
    expect(dup.code).toBe('CONFLICT')
    expect(dup.details?.existingAwardId).toBe(first.id)
    const second = await kit.call('awards:issue', {
      badgeId: kit.badgeId,
      recipientId: ana.id,
      allowDuplicate: true
    })
    expect(second.operator).toEqual(expect.any(String))
    // An e-mail not in the book joins it, in the same commit as the award.
    const bo = await kit.call('awards:issue', {
      badgeId: kit.badgeId,
      email: 'bo@example.org',
      name: 'Bo Lee'
    })
    const book = await kit.call('recipients:list', { query: 'bo@example.org' })
    expect(book.recipients[0]?.id).toBe(bo.recipientId)
    const { credential } = await kit.call('credentials:get', { id: first.id })
    const report = await verifyCredential(credential, { email: 'ana@example.org' })
    expect(report.checks.filter((c) => c.status === 'failed')).toEqual([])
    expect(
      (await kit.fails('awards:issue', { badgeId: kit.badgeId, recipientId: 'r-none' })).code
    ).toBe('NOT_FOUND')
    expect((await kit.fails('awards:issue', { badgeId: kit.badgeId, name: 'No Mail' })).code).toBe(
      'INVALID_INPUT'
    )
  })
})

describe('revocation and reissue', () => {
  it('revokes once with who and why, sets the status bit, and exports the revoked OB 2.0 assertion', async () => {
    kit = await freshKit()
    const award = await kit.call('awards:issue', {
      badgeId: kit.badgeId,
      email: 'cy@example.org',
      name: 'Cy'
    })
    const revoked = await kit.call('awards:revoke', {
      id: award.id,
      reason: 'issued by mistake',
      operator: 'alice'
    })
    expect(revoked).toMatchObject({
      status: 'revoked',
      revocationReason: 'issued by mistake',
      revokedBy: 'alice'
    })
    const again = await kit.fails('awards:revoke', { id: award.id, reason: 'twice' })
    expect(again.code).toBe('CONFLICT')
    const station = kit.core.station
    const index = station.awards.record(award.id)?.statusIndex
    expect(index).toEqual(expect.any(Number))
    expect(station.awards.statusSlots.revokedIndexes(1)).toEqual([index])
    const ob2 = await kit.call('credentials:export', { id: award.id, format: 'ob2' })
    const assertion = JSON.parse(Buffer.from(ob2.base64, 'base64').toString('utf8')) as Record<
      string,
      unknown
    >
    expect(assertion).toMatchObject({
      type: 'Assertion',
      revoked: true,
      revocationReason: 'issued by mistake'
    })
    // Revoked, it may be awarded again without asking.
    await kit.call('awards:issue', { badgeId: kit.badgeId, email: 'cy@example.org', name: 'Cy' })
    await kit.reopen()
    expect(kit.core.station.awards.statusSlots.revokedIndexes(1)).toEqual([index])
    expect((await kit.call('awards:list', { status: 'revoked' })).awards.map((a) => a.id)).toEqual([
      award.id
    ])
  })

  it('reissues after a correction: old revoked, new one keeps awardedDate and names the one it replaces, one commit', async () => {
    // An injected clock: the correction happens a day after the award, without waiting.
    let now = new Date('2026-03-01T09:30:00Z')
    kit = await freshKit({}, undefined, () => now)
    const old = await kit.call('awards:issue', {
      badgeId: kit.badgeId,
      email: 'dana@exmaple.org',
      name: 'Dnaa Roe'
    })
    const headBefore = kit.core.station.journal.head.seq
    const appendMany = vi.spyOn(kit.core.station.journal, 'appendMany')
    expect(old.awardedDate).toBe('2026-03-01T09:30:00Z')
    now = new Date('2026-03-02T14:00:00Z')
    const { revoked, issued } = await kit.call('awards:reissue', {
      id: old.id,
      name: 'Dana Roe',
      email: 'dana@example.org'
    })
    expect(revoked.status).toBe('revoked')
    expect(revoked.revokedAt).toBe('2026-03-02T14:00:00Z')
    expect(revoked.revocationReason).toMatch(
      /^reissued: name "Dnaa Roe" → "Dana Roe", e-mail dana@exmaple.org → dana@example.org/
    )
    expect(revoked.replacedByAwardId).toBe(issued.id)
    expect(issued).toMatchObject({
      recipientName: 'Dana Roe',
      recipientEmail: 'dana@example.org',
      awardedDate: old.awardedDate,
      replacesAwardId: old.id
    })
    // The revocation, the book correction and the new award went in as ONE group commit.
    const entries = [...kit.core.station.journal.entries()].slice(headBefore)
    expect(entries.map((e) => e.type)).toEqual([
      'award.revoked',
      'recipient.updated',
      'award.issued'
    ])
    expect(appendMany).toHaveBeenCalledTimes(1)
    expect(appendMany.mock.calls[0]?.[0]).toHaveLength(3)
    appendMany.mockRestore()
    const { credential } = await kit.call('credentials:get', { id: issued.id })
    expect(String(credential.description)).toContain(old.credentialId)
    expect(credential.awardedDate).toBe(old.awardedDate)
    const report = await verifyCredential(credential, { email: 'dana@example.org' })
    expect(report.checks.filter((c) => c.status === 'failed')).toEqual([])
    const person = await kit.call('recipients:get', { id: issued.recipientId ?? '' })
    expect(person.recipient).toMatchObject({ name: 'Dana Roe', email: 'dana@example.org' })
    expect((await kit.fails('awards:reissue', { id: old.id })).code).toBe('CONFLICT')
  })
})

describe('expiry and the awards list', () => {
  it('computes active / expiring / expired / revoked and filters and searches', async () => {
    const soon = new Date(Date.now() + 10 * 86_400_000).toISOString()
    kit = await freshKit({ name: 'Short Course', expiry: { kind: 'date', date: soon } })
    const lasting = await kit.call('badges:create', {
      name: 'Lifetime Member',
      description: 'd',
      criteriaNarrative: 'c'
    })
    await kit.call('badges:publish', { id: lasting.id })
    const expiring = await kit.call('awards:issue', {
      badgeId: kit.badgeId,
      email: 'eve@example.org',
      name: 'Ève Noël'
    })
    expect(Date.parse(expiring.validUntil ?? '')).toBe(Date.parse(soon))
    const active = await kit.call('awards:issue', {
      badgeId: lasting.id,
      email: 'fay@example.org',
      name: 'Fay'
    })
    const gone = await kit.call('awards:issue', {
      badgeId: lasting.id,
      email: 'gil@example.org',
      name: 'Gil'
    })
    await kit.call('awards:revoke', { id: gone.id, reason: 'left' })
    const ids = async (input: Parameters<Kit['call']>[1]): Promise<string[]> =>
      (await kit!.call('awards:list', input as never)).awards.map((a) => a.id)
    expect(await ids({ status: 'expiring' })).toEqual([expiring.id])
    expect(await ids({ status: 'active' })).toEqual([active.id])
    expect(await ids({ status: 'revoked' })).toEqual([gone.id])
    expect(await ids({ query: 'eve noel' })).toEqual([expiring.id])
    expect(await ids({ query: 'lifetime' })).toEqual([gone.id, active.id])
    expect(await ids({ badgeId: lasting.id, limit: 1 })).toEqual([gone.id])
    const later = new Date(Date.now() + 20 * 86_400_000)
    expect(
      kit.core.station.awards.query({ status: 'expired', now: later }).awards.map((a) => a.id)
    ).toEqual([expiring.id])
    expect((await kit.call('awards:list', {})).total).toBe(3)
  })
})

async function runJob(kit: Kit, previewId: string, awardValidRows?: boolean) {
  const { jobId } = await kit.call('awards:batchStart', {
    previewId,
    ...(awardValidRows ? { awardValidRows } : {})
  })
  return jobResult(kit.core, jobId, 'awards:batch')
}

describe('batch awards', () => {
  it('previews without issuing, issues the accepted preview, and is idempotent', async () => {
    kit = await freshKit()
    const preview = await kit.call('awards:batchPreview', {
      badgeId: kit.badgeId,
      source: { csvBase64: fixture64('attendees-50.csv') }
    })
    expect(preview.counts).toEqual({ toAward: 50, alreadyHold: 0, rejected: 0 })
    expect(kit.core.station.awards.size).toBe(0)
    const done = await runJob(kit, preview.previewId)
    expect(done.state).toBe('done')
    expect(done.result?.issued).toHaveLength(50)
    expect(kit.core.station.awards.size).toBe(50)
    expect((await kit.fails('awards:batchStart', { previewId: preview.previewId })).code).toBe(
      'NOT_FOUND'
    )
    const again = await kit.call('awards:batchPreview', {
      badgeId: kit.badgeId,
      source: { csvBase64: fixture64('attendees-50.csv') }
    })
    expect(again.counts).toEqual({ toAward: 0, alreadyHold: 50, rejected: 0 })
    expect(again.skipped[0]?.reason).toMatch(/already holds this badge/)
    // Someone awarded between preview and start is skipped by the job too.
    const overlap = await kit.call('awards:batchPreview', {
      badgeId: kit.badgeId,
      source: { csvBase64: csvBase64(peopleCsv(3)) }
    })
    await kit.call('awards:issue', {
      badgeId: kit.badgeId,
      email: 'person.1@example.com',
      name: 'Person 1'
    })
    const second = await runJob(kit, overlap.previewId)
    expect(second.result?.issued.map((i) => i.email)).toEqual([
      'person.0@example.com',
      'person.2@example.com'
    ])
    expect(second.result?.skipped).toEqual([
      { row: 3, email: 'person.1@example.com', reason: expect.stringMatching(/already holds/) }
    ])
    expect(kit.core.station.awards.size).toBe(53)
  })

  it('refuses a preview with rejected rows unless asked to award the valid rows', async () => {
    kit = await freshKit()
    const preview = await kit.call('awards:batchPreview', {
      badgeId: kit.badgeId,
      source: { csvBase64: fixture64('attendees-with-errors.csv') }
    })
    expect(preview.rejected.map((r) => [r.row, r.field])).toEqual([
      [4, 'email'],
      [6, 'name'],
      [8, 'email']
    ])
    expect(preview.counts).toEqual({ toAward: 5, alreadyHold: 0, rejected: 3 })
    const refused = await kit.fails('awards:batchStart', { previewId: preview.previewId })
    expect(refused.code).toBe('CSV_INVALID')
    expect(kit.core.station.awards.size).toBe(0)
    const done = await runJob(kit, preview.previewId, true)
    expect(done.result?.issued).toHaveLength(5)
    expect(done.result?.rejected).toHaveLength(3)
  })

  it('awards a selection of recipients', async () => {
    kit = await freshKit()
    const a = await kit.call('recipients:create', { name: 'A', email: 'a@example.org' })
    const b = await kit.call('recipients:create', { name: 'B', email: 'b@example.org' })
    const preview = await kit.call('awards:batchPreview', {
      badgeId: kit.badgeId,
      source: { recipientIds: [a.id, b.id, a.id, 'r-missing'] }
    })
    expect(preview.counts).toEqual({ toAward: 2, alreadyHold: 1, rejected: 1 })
    const done = await runJob(kit, preview.previewId, true)
    expect(done.result?.issued.map((i) => i.email)).toEqual(['a@example.org', 'b@example.org'])
  })

  it('reports progress chunk by chunk, answers calls mid-job, and cancels cleanly', async () => {
    kit = await freshKit()
    const events: Array<{ event: KilnEvent }> = []
    kit.core.bus.subscribe((event) => events.push({ event }))
    const preview = await kit.call('awards:batchPreview', {
      badgeId: kit.badgeId,
      source: { csvBase64: csvBase64(peopleCsv(6000)) }
    })
    // Cancel once 1,500 awards are durable (a fixed delay would race a fast or a slow machine).
    const firstChunk = new Promise<void>((resolve) => {
      kit?.core.bus.subscribe((event) => {
        if (event.name === 'job:progress' && event.payload.done >= 1500) resolve()
      })
    })
    const { jobId } = await kit.call('awards:batchStart', { previewId: preview.previewId })
    // The host keeps answering while the job runs: a call made after a chunk, mid-job, returns
    // while the job is still running (how fast is measured in bench/responsiveness.ts).
    await firstChunk
    const status = await kit.call('station:status', {})
    expect(status.initialized).toBe(true)
    expect(kit.core.station.jobs.get(jobId).state).toBe('running')
    const cancelled = await kit.call('jobs:cancel', { jobId })
    expect(cancelled.state).toBe('running')
    const final = await jobResult(kit.core, jobId, 'awards:batch')
    expect(final.state).toBe('cancelled')
    const issued = final.result?.issued.length ?? 0
    expect(issued).toBeGreaterThan(0)
    expect(issued).toBeLessThan(6000)
    expect(kit.core.station.awards.size).toBe(issued)
    const progress = events.filter((e) => e.event.name === 'job:progress')
    expect(progress.length).toBeGreaterThan(1)
    const finished = events.find((e) => e.event.name === 'job:finished')
    expect(finished?.event.payload).toMatchObject({
      jobId,
      ok: false,
      error: { code: 'CANCELLED' }
    })
    // Nothing half: after reopening, exactly the confirmed awards are there; a rerun completes the rest.
    await kit.reopen()
    expect(kit.core.station.awards.size).toBe(issued)
    const rerun = await kit.call('awards:batchPreview', {
      badgeId: kit.badgeId,
      source: { csvBase64: csvBase64(peopleCsv(6000)) }
    })
    expect(rerun.counts).toEqual({ toAward: 6000 - issued, alreadyHold: issued, rejected: 0 })
    const rest = await runJob(kit, rerun.previewId)
    expect(rest.state).toBe('done')
    expect(kit.core.station.awards.size).toBe(6000)
  })

  it('refuses to start when the station is locked', async () => {
    kit = await freshKit()
    const preview = await kit.call('awards:batchPreview', {
      badgeId: kit.badgeId,
      source: { csvBase64: csvBase64(peopleCsv(2)) }
    })
    await kit.call('station:lock', {})
    expect((await kit.fails('awards:batchStart', { previewId: preview.previewId })).code).toBe(
      'LOCKED'
    )
  })
})
