/**
 * "Open the folder where it was written": only files the station itself wrote in this session
 * (exports, backups), or anything inside its data folder, may be shown. The host shows them
 * (HostServices.revealPath); this registry decides which ones may be.
 */
import { existsSync } from 'node:fs'
import path from 'node:path'
import { fail } from '../failure.js'

/** Paths the station wrote in this process (exports, backups), which the UI may ask to show. */
export class OutputRegistry {
  private readonly paths = new Set<string>()

  remember(file: string): void {
    this.paths.add(path.resolve(file))
  }

  /**
   * Forgets every file written so far: desk mode starts with none, so a volunteer cannot show or
   * download what the passphrase holder exported earlier (a key backup, a mail merge).
   */
  forgetAll(): void {
    this.paths.clear()
  }

  /** Whether this process wrote exactly this file (the data folder does not count). */
  wrote(file: string): boolean {
    return this.paths.has(path.resolve(file))
  }

  /** The absolute path if it may be shown; otherwise a clear error and nothing is opened. */
  check(file: string, dataDir: string): string {
    const target = path.resolve(file)
    const inside = (root: string): boolean => {
      const rel = path.relative(path.resolve(root), target)
      return rel === '' || (!rel.startsWith('..') && !path.isAbsolute(rel))
    }
    if (!path.isAbsolute(file)) {
      fail('INVALID_INPUT', 'Give the full path of the file.', { field: 'path' })
    }
    if (!this.paths.has(target) && !inside(dataDir)) {
      fail('FORBIDDEN', 'Kiln only opens folders of files it wrote itself.', { field: 'path' })
    }
    if (!existsSync(target)) fail('NOT_FOUND', `${target} no longer exists.`, { field: 'path' })
    return target
  }
}
