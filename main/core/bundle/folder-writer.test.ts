import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import { FolderWriter } from './folder-writer.js'

const dirs: string[] = []
afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true })
})

function temp(): string {
  const d = mkdtempSync(path.join(os.tmpdir(), 'kiln-folder-writer-'))
  dirs.push(d)
  return d
}

describe('FolderWriter', () => {
  it('writes every queued file, folders included, on its thread', async () => {
    const dir = temp()
    const writer = new FolderWriter()
    for (let i = 0; i < 1000; i++) {
      await writer.write(path.join(dir, 'a', String(i % 7), `${i}.txt`), Buffer.from(`file ${i}`))
    }
    await writer.close()
    expect(readFileSync(path.join(dir, 'a', '3', '10.txt'), 'utf8')).toBe('file 10')
    expect(readFileSync(path.join(dir, 'a', '5', '999.txt'), 'utf8')).toBe('file 999')
  })

  it('writes text as UTF-8 and files larger than a batch, across batches, byte for byte', async () => {
    const dir = temp()
    const writer = new FolderWriter()
    const big = Buffer.alloc(3 << 20, 7)
    const page = 'Zoë Nguyễn — 証明書 '.repeat(200)
    const bytes = writer.put(path.join(dir, 'page.html'), page)
    expect(Buffer.from(bytes).toString('utf8')).toBe(page)
    for (let i = 0; i < 600; i++) await writer.write(path.join(dir, 'p', `${i}.html`), page + i)
    await writer.write(path.join(dir, 'big.bin'), big)
    await writer.write(path.join(dir, 'last.txt'), 'last')
    await writer.close()
    expect(readFileSync(path.join(dir, 'page.html'), 'utf8')).toBe(page)
    expect(readFileSync(path.join(dir, 'p', '599.html'), 'utf8')).toBe(page + 599)
    expect(readFileSync(path.join(dir, 'big.bin')).equals(big)).toBe(true)
    expect(readFileSync(path.join(dir, 'last.txt'), 'utf8')).toBe('last')
  })

  it('reports the first failure and still stops its thread', async () => {
    const dir = temp()
    writeFileSync(path.join(dir, 'blocker'), 'a file, not a folder')
    const writer = new FolderWriter()
    await writer.write(path.join(dir, 'blocker', 'x.txt'), Buffer.from('x'))
    await expect(writer.drain()).rejects.toMatchObject({ code: 'EEXIST' })
    await expect(writer.close()).rejects.toMatchObject({ code: 'EEXIST' })
  })
})
