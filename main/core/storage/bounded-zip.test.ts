/**
 * Zip bombs against kiln-backup/1 restore (issue 13, item 9): nothing is inflated before its
 * size is checked against the manifest, a ratio limit and a total cap; a refused archive is
 * BACKUP_INVALID with a sentence, and memory stays bounded (measured in a child process).
 */
import { createHash } from 'node:crypto'
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { removeBundles, spawnBundled } from '../../../test/support/spawn-bundled.js'
import { MANIFEST_NAME, restoreBackup } from './backup.js'
import { readBoundedZip } from './bounded-zip.js'
import { deflated, rawZip, zerosBomb, zerosCrc, type RawEntry } from './test-support/zip-bomb.js'

const here = path.dirname(fileURLToPath(import.meta.url))
const BOMB_MIB = 1024 // 1 GiB of zeros from about 1 MB
let root: string
let bomb: Uint8Array
let bombCrc: number

beforeAll(() => {
  root = fs.mkdtempSync(path.join(os.tmpdir(), 'kiln-bomb-'))
  bomb = zerosBomb(BOMB_MIB)
  bombCrc = zerosCrc(BOMB_MIB)
})
afterAll(() => {
  fs.rmSync(root, { recursive: true, force: true })
  removeBundles()
})

const GIB = BOMB_MIB * 1024 * 1024
const sha256 = (b: Uint8Array | string): string => createHash('sha256').update(b).digest('hex')

function manifestEntry(files: Array<{ path: string; sha256: string; bytes: number }>): RawEntry {
  const text = Buffer.from(
    JSON.stringify({ format: 'kiln-backup/1', createdAt: '', stationId: null, files })
  )
  return { name: MANIFEST_NAME, data: deflated(text), method: 8, declaredSize: text.length }
}

/** Three ways to hide 1 GiB in 1 MB. */
function variants(): Array<[label: string, zip: Buffer, reason: RegExp]> {
  const journal = { path: 'journal.ndjson', sha256: sha256('x'), bytes: 10 }
  return [
    [
      'the archive declares more than the manifest',
      rawZip([
        manifestEntry([journal]),
        { name: 'journal.ndjson', data: bomb, method: 8, declaredSize: GIB, crc: bombCrc }
      ]),
      /journal\.ndjson would inflate to 1024\.0 MiB, but the manifest says 10 bytes/
    ],
    [
      'manifest and archive agree on 1 GiB from 1 MB',
      rawZip([
        manifestEntry([{ ...journal, bytes: GIB }]),
        { name: 'journal.ndjson', data: bomb, method: 8, declaredSize: GIB, crc: bombCrc }
      ]),
      /journal\.ndjson would inflate from 1\.0 MiB to 1024\.0 MiB \(\d+:1, more than the 100:1 any Kiln backup needs\): this looks like a zip bomb/
    ],
    [
      'the headers lie small',
      rawZip([
        manifestEntry([journal]),
        { name: 'journal.ndjson', data: bomb, method: 8, declaredSize: 10, crc: bombCrc }
      ]),
      /journal\.ndjson in the archive does not inflate to the size it declares, 10 bytes/
    ]
  ]
}

describe('restoring a zip bomb', () => {
  it('refuses each with BACKUP_INVALID and a sentence, and writes nothing', async () => {
    for (const [label, zip, reason] of variants()) {
      const file = path.join(root, 'bomb.zip')
      fs.writeFileSync(file, zip)
      const target = path.join(root, 'restored')
      const error = await restoreBackup(file, target).then(
        () => undefined,
        (e: unknown) => e as { code?: string; message?: string }
      )
      expect(error?.code, label).toBe('BACKUP_INVALID')
      expect(error?.message, label).toMatch(reason)
      expect(error?.message, label).toMatch(/^The backup cannot be restored: /)
      expect(fs.existsSync(target), label).toBe(false)
    }
  })

  it('keeps the memory bounded while refusing them (peak RSS of a child process)', async () => {
    for (const [label, zip, reason] of variants()) {
      const file = path.join(root, `bomb-${label.replace(/\W+/g, '-')}.zip`)
      fs.writeFileSync(file, zip)
      const child = spawnBundled(path.join(here, 'test-support', 'check-archive-child.ts'), [file])
      const line = await child.waitFor((l) => l.startsWith('{'), 120_000)
      await child.exited
      const { verdict, maxRssKiB } = JSON.parse(line) as { verdict: string; maxRssKiB: number }
      // Inflating the bomb would take over 1,048,576 KiB; refusing it takes a Node process.
      expect(maxRssKiB, label).toBeLessThan(300 * 1024)
      expect(verdict, label).toMatch(reason)
    }
  }, 240_000)

  it('caps the total inflated from one archive', async () => {
    const a = Buffer.alloc(600, 'a')
    const zip = rawZip([
      manifestEntry([
        { path: 'a', sha256: sha256(a), bytes: a.length },
        { path: 'b', sha256: sha256(a), bytes: a.length }
      ]),
      { name: 'a', data: a, method: 0, declaredSize: a.length },
      { name: 'b', data: a, method: 0, declaredSize: a.length }
    ])
    const read = readBoundedZip(zip, {
      indexName: MANIFEST_NAME,
      expectedSizes: () =>
        new Map([
          ['a', 600],
          ['b', 600]
        ]),
      invalid: (reason) => new Error(reason),
      limits: { maxTotal: 1000 }
    })
    await expect(read).rejects.toThrow(/more than 1000 bytes in all/)
  })

  it('refuses an entry that is in the archive twice, before inflating either', async () => {
    const text = Buffer.from('x')
    const zip = rawZip([
      manifestEntry([{ path: 'a', sha256: sha256(text), bytes: 1 }]),
      { name: 'a', data: text, method: 0, declaredSize: 1 },
      { name: 'a', data: bomb, method: 8, declaredSize: GIB, crc: bombCrc }
    ])
    const file = path.join(root, 'twice.zip')
    fs.writeFileSync(file, zip)
    await expect(restoreBackup(file, path.join(root, 't'))).rejects.toMatchObject({
      code: 'BACKUP_INVALID',
      message: expect.stringMatching(/"a" is in the archive twice/)
    })
  })
})
