/**
 * Child process for the journal kill test: appends entries in a loop (single appends and
 * group commits, 10 bytes to 4 MB each) and prints every seq on stdout only after
 * append returned, i.e. after the entry was fsynced. The parent SIGKILLs it at random.
 */
import fs from 'node:fs'
import { Journal } from '../journal.js'

const [file, stationId, mode] = process.argv.slice(2)
if (!file || !stationId) throw new Error('usage: journal-writer <file> <stationId> [big]')

const journal = Journal.open(file, { stationId, onWarning: (m) => fs.writeSync(2, `${m}\n`) })
fs.writeSync(1, `ready ${journal.head.seq}\n`)

// Mostly small lines, some large ones: a multi-megabyte write is what a kill can tear.
const size = (): number => {
  const r = Math.random()
  if (r < 0.04) return 2_000_000 + Math.floor(Math.random() * 2_000_000)
  if (r < 0.2) return 100_000 + Math.floor(Math.random() * 200_000)
  return 10 + Math.floor(Math.random() * 3000)
}
if (mode === 'big') {
  // Announce one 16 MB group commit, so the parent can kill while the write is under way.
  const first = journal.append('test.single', { expectSeq: journal.head.seq + 1, pad: 'before' })
  fs.writeSync(1, `${first.seq}\nbig\n`)
  const next = journal.head.seq + 1
  const items = Array.from({ length: 4 }, (_, k) => ({
    type: 'test.batch',
    data: { expectSeq: next + k, pad: 'B'.repeat(4_000_000) }
  }))
  fs.writeSync(
    1,
    journal
      .appendMany(items)
      .map((e) => e.seq)
      .join('\n') + '\n'
  )
}
for (let n = 0; ; n++) {
  const next = journal.head.seq + 1
  if (n % 3 === 2) {
    const items = Array.from({ length: 1 + (n % 6) }, (_, k) => ({
      type: 'test.batch',
      data: { expectSeq: next + k, pad: 'b'.repeat(size()) }
    }))
    const done = journal.appendMany(items)
    fs.writeSync(1, done.map((e) => e.seq).join('\n') + '\n')
  } else {
    const entry = journal.append('test.single', { expectSeq: next, pad: 's'.repeat(size()) })
    fs.writeSync(1, `${entry.seq}\n`)
  }
}
