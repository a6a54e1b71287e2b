import fs from 'node:fs'
import path from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import { verifyJournal } from '../storage/journal.js'
import { KIT_PASSPHRASE, freshKit, openKit, peopleCsv } from './test-support/station-kit.js'
import { removeBundle, spawnBundled } from './test-support/spawn-bundled.js'

afterAll(() => removeBundle())

const PEOPLE = 8000

describe('batch awards under SIGKILL', () => {
  it('keeps every confirmed award exactly once, and a rerun completes the rest without duplicates', async () => {
    const kit = await freshKit()
    const dir = kit.dir
    const badgeId = kit.badgeId
    await kit.core.close()
    const csvFile = path.join(dir, 'people.csv')
    fs.writeFileSync(csvFile, peopleCsv(PEOPLE))
    const emails = Array.from({ length: PEOPLE }, (_, i) => `person.${i}@example.com`)

    const rounds = 15
    // Rows are settled in file order, one fsynced chunk at a time, and each run's preview skips
    // whoever already holds the badge: after a round, the first (held before + confirmed) rows
    // of the file must hold it.
    let heldBefore = 0
    let confirmedTotal = 0
    let kills = 0
    let midBatch = 0
    let lateRounds = 0
    for (let round = 0; round < rounds; round++) {
      const child = spawnBundled('batch-writer.ts', [dir, csvFile, KIT_PASSPHRASE])
      // No sleeps: the kill follows what the child reports. Every third round kills as the job
      // starts; the others right after the first or the second durable chunk, while the next
      // chunk is being signed and written.
      const early = round % 3 === 0
      if (!early) lateRounds++
      const isFinished = (l: string): boolean => l.startsWith('finished')
      if (early) {
        await child.waitFor((l) => l.startsWith('started') || isFinished(l), 60_000)
      } else {
        const first = await child.waitFor((l) => l.startsWith('done ') || isFinished(l), 60_000)
        if (round % 2 === 0 && !isFinished(first)) {
          const n = Number(first.slice(5))
          await child.waitFor(
            (l) => (l.startsWith('done ') && Number(l.slice(5)) > n) || isFinished(l),
            60_000
          )
        }
      }
      child.process.kill('SIGKILL')
      const exit = await child.exited
      const finishedFirst = child.lines().some(isFinished)
      if (exit.signal === 'SIGKILL') kills++
      else expect(finishedFirst, `round ${round} ended without the kill or finishing`).toBe(true)
      const done = child
        .lines()
        .filter((l) => l.startsWith('done '))
        .map((l) => Number(l.slice(5)))
      const confirmed = Math.max(0, ...done)
      if (exit.signal === 'SIGKILL' && !early && !finishedFirst) {
        // Killed after at least one chunk was confirmed, before the batch ended.
        expect(confirmed).toBeGreaterThan(0)
        midBatch++
      }
      confirmedTotal += confirmed
      const settled = heldBefore + confirmed

      const { core } = await openKit(dir)
      const ledger = core.station.awards
      // Every row confirmed in any round so far holds the badge exactly once.
      for (const email of emails.slice(0, settled)) {
        expect(ledger.heldBy(badgeId, email), `${email} after round ${round}`).toBeDefined()
      }
      const perEmail = new Map<string, number>()
      for (const award of ledger.list()) {
        perEmail.set(award.recipientEmail, (perEmail.get(award.recipientEmail) ?? 0) + 1)
      }
      expect([...perEmail.values()].every((n) => n === 1)).toBe(true)
      // The recipient book has no duplicate either.
      expect(core.station.recipients.size).toBe(perEmail.size)
      // Holders are exactly a prefix of the file: nothing half-done after the last confirmation.
      expect(ledger.size).toBeGreaterThanOrEqual(settled)
      for (const email of emails.slice(0, ledger.size)) expect(perEmail.get(email)).toBe(1)
      heldBefore = ledger.size
      await core.close()
    }
    // Every late round that was killed was killed mid-batch (checked in the loop); a round takes
    // one to two chunks (at most ~1,000 rows) plus the one in flight, so the first seven rounds
    // cannot settle 8,000 rows and at least their late rounds (four) are kills mid-batch.
    expect(midBatch).toBeGreaterThanOrEqual(4)
    expect(midBatch).toBeLessThanOrEqual(lateRounds)
    expect(kills).toBeGreaterThanOrEqual(midBatch)
    expect(verifyJournal(path.join(dir, 'journal.ndjson')).ok).toBe(true)

    // A last run without a kill completes the rest.
    const last = spawnBundled('batch-writer.ts', [dir, csvFile, KIT_PASSPHRASE])
    const finished = await last.waitFor((l) => l.startsWith('finished'), 120_000)
    expect(finished).toBe(`finished done ${Number(last.lines()[0]?.split(' ')[1])}`)
    await last.exited
    const { core } = await openKit(dir)
    const all = core.station.awards.list()
    expect(all).toHaveLength(PEOPLE)
    expect(new Set(all.map((a) => a.recipientEmail)).size).toBe(PEOPLE)
    await core.close()
    fs.rmSync(dir, { recursive: true, force: true })
    console.log(
      `batch kill test: ${rounds} rounds, ${kills} killed (${midBatch} after awards were confirmed), ${confirmedTotal} awards confirmed, ${heldBefore} held before the last run`
    )
  }, 300_000)
})
