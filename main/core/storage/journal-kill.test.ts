import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import { Journal, verifyJournal } from './journal.js'
import { removeBundles, spawnScript } from './test-support/child.js'

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'kiln-'))
afterAll(() => {
  fs.rmSync(dir, { recursive: true, force: true })
  removeBundles()
})

const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms))

describe('journal durability under SIGKILL', () => {
  it('keeps every confirmed entry exactly once and continues the chain after each kill', async () => {
    const file = path.join(dir, 'journal.ndjson')
    const stationId = 'st-kill'
    const rounds = 24
    let repaired = 0
    let confirmedTotal = 0
    for (let round = 0; round < rounds; round++) {
      // Every third round aims at a 16 MB group commit (a write a kill can tear); the others
      // kill 0 ms to ~250 ms after the writer is ready.
      const big = round % 3 === 1
      const child = spawnScript(
        'journal-writer.ts',
        big ? [file, stationId, 'big'] : [file, stationId]
      )
      await child.waitFor((l) => (big ? l === 'big' : l.startsWith('ready')))
      if (!big) {
        await sleep(Math.floor(((round * 37) % 250) * Math.random()) + (round % 4 === 0 ? 0 : 5))
      }
      child.process.kill('SIGKILL')
      const exit = await child.exited
      expect(exit.signal).toBe('SIGKILL')
      const confirmed = child
        .lines()
        .filter((l) => /^\d+$/.test(l))
        .map(Number)
      confirmedTotal += confirmed.length

      const warnings: string[] = []
      const journal = Journal.open(file, { stationId, onWarning: (m) => warnings.push(m) })
      if (warnings.length > 0) repaired++
      const entries = journal.entries()
      for (const seq of confirmed) {
        const entry = entries[seq - 1]
        expect(entry?.seq).toBe(seq)
        if (entry?.type.startsWith('test.')) {
          expect((entry.data as { expectSeq: number }).expectSeq).toBe(seq)
        }
      }
      // Seqs are 1..count with no gap or repeat (Journal.open checks continuity and links).
      expect(new Set(entries.map((e) => e.seq)).size).toBe(entries.length)
      expect(entries.at(-1)?.seq ?? 0).toBe(entries.length)
      const before = journal.head
      const next = journal.append('parent.check', { round })
      expect(next.seq).toBe(before.seq + 1)
      expect(next.prev).toBe(before.hash)
      journal.close()
    }
    const report = verifyJournal(file)
    expect(report.ok).toBe(true)
    expect(confirmedTotal).toBeGreaterThan(rounds) // the writer did get work confirmed between kills
    console.log(
      `kill test: ${rounds} kills, ${confirmedTotal} confirmed entries, ${report.entries} lines, ${repaired} torn tails repaired`
    )
  }, 180_000)
})
