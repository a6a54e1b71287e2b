/**
 * A folder target (a mounted share, a synced folder, a USB stick). The folder must exist: a
 * missing one usually means the drive is not connected, and Kiln must not create the site on
 * the local disk instead. Each file is written to a temporary name and renamed into place.
 */
import { existsSync, statSync } from 'node:fs'
import fsp from 'node:fs/promises'
import path from 'node:path'
import { randomBytes } from 'node:crypto'
import { fail } from '../../failure.js'
import { assertSitePath } from '../site-paths.js'
import type { Transport } from './transport.js'

export function openFolder(root: string): Transport {
  const base = path.resolve(root)
  if (!existsSync(base) || !statSync(base).isDirectory()) {
    fail(
      'TARGET_UNREACHABLE',
      `The folder ${base} does not exist (is the drive or share connected?). Kiln does not create it.`
    )
  }
  const made = new Set<string>([base])
  const fileOf = (p: string): string => {
    const file = path.join(base, ...assertSitePath(p).split('/'))
    if (!file.startsWith(base + path.sep)) fail('INTERNAL', `Refusing to write outside ${base}.`)
    return file
  }
  return {
    concurrency: 16,
    async read(p) {
      try {
        return await fsp.readFile(fileOf(p))
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined
        throw error
      }
    },
    async put(p, data) {
      const file = fileOf(p)
      const dir = path.dirname(file)
      if (!made.has(dir)) {
        await fsp.mkdir(dir, { recursive: true })
        made.add(dir)
      }
      const temp = path.join(dir, `.${path.basename(file)}.kiln-${randomBytes(6).toString('hex')}`)
      try {
        await fsp.writeFile(temp, data)
        await fsp.rename(temp, file)
      } catch (error) {
        await fsp.rm(temp, { force: true })
        throw error
      }
    },
    async remove(p) {
      const file = fileOf(p)
      await fsp.rm(file, { force: true })
      // Remove folders the deletion emptied (never the target's own folder).
      for (let dir = path.dirname(file); dir.startsWith(base + path.sep); dir = path.dirname(dir)) {
        try {
          await fsp.rmdir(dir)
          made.delete(dir)
        } catch {
          break
        }
      }
    },
    async isEmpty() {
      return (await fsp.readdir(base)).length === 0
    },
    async close() {}
  }
}
