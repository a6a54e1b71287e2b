import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import {
  isAtomicTempName,
  tempPathFor,
  writeFileAtomic,
  writeFileAtomicSync
} from './atomic-write.js'

let dir: string
beforeEach(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'kiln-'))
})
afterEach(() => fs.rmSync(dir, { recursive: true, force: true }))

describe('writeFileAtomic', () => {
  it('replaces the content, with mode 0600 and no temp file left', async () => {
    const file = path.join(dir, 'station.json')
    fs.writeFileSync(file, 'old')
    await writeFileAtomic(file, 'new ✓')
    expect(fs.readFileSync(file, 'utf8')).toBe('new ✓')
    writeFileAtomicSync(file, Uint8Array.of(1, 2, 3))
    expect([...fs.readFileSync(file)]).toEqual([1, 2, 3])
    if (process.platform !== 'win32') expect(fs.statSync(file).mode & 0o777).toBe(0o600)
    expect(fs.readdirSync(dir)).toEqual(['station.json'])
  })

  it('leaves the old content and no temp file when the write fails before the rename', async () => {
    const file = path.join(dir, 'station.json')
    fs.writeFileSync(file, 'old content')
    let seenTemp = ''
    const boom = (temp: string): void => {
      seenTemp = temp
      expect(fs.readFileSync(temp, 'utf8')).toBe('new content') // the temp file was complete
      throw new Error('simulated crash before rename')
    }
    await expect(writeFileAtomic(file, 'new content', { beforeRename: boom })).rejects.toThrow(
      'simulated'
    )
    expect(() => writeFileAtomicSync(file, 'new content', { beforeRename: boom })).toThrow(
      'simulated'
    )
    expect(fs.readFileSync(file, 'utf8')).toBe('old content')
    expect(isAtomicTempName(path.basename(seenTemp))).toBe(true)
    expect(fs.readdirSync(dir)).toEqual(['station.json'])
  })

  it('cleans up its temp file when the rename itself fails (target is a directory)', async () => {
    const target = path.join(dir, 'images')
    fs.mkdirSync(target)
    fs.writeFileSync(path.join(target, 'keep.png'), 'png')
    await expect(writeFileAtomic(target, 'x')).rejects.toThrow()
    expect(fs.readdirSync(dir)).toEqual(['images'])
    expect(fs.readFileSync(path.join(target, 'keep.png'), 'utf8')).toBe('png')
  })

  it('fails without creating anything when the directory does not exist', async () => {
    await expect(writeFileAtomic(path.join(dir, 'missing', 'a.json'), 'x')).rejects.toThrow(
      /ENOENT/
    )
    expect(fs.readdirSync(dir)).toEqual([])
  })

  it('names temp files in the same directory, dot-prefixed and recognisable', () => {
    const temp = tempPathFor(path.join(dir, 'journal.ndjson'))
    expect(path.dirname(temp)).toBe(dir)
    expect(isAtomicTempName(path.basename(temp))).toBe(true)
    expect(isAtomicTempName('station.json')).toBe(false)
  })
})
