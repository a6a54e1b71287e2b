/**
 * "Open the folder where it was written": shows a file the station wrote in the system's
 * file manager. Electron passes its own (shell.showItemInFolder); the web host runs on the
 * same computer, so it uses the platform's opener. Only files the station itself wrote in
 * this session, or anything inside its data folder, may be shown.
 */
import { spawn } from 'node:child_process'
import { existsSync, statSync } from 'node:fs'
import path from 'node:path'
import { fail } from '../failure.js'

export type Reveal = (file: string) => Promise<void>

export const systemReveal: Reveal = async (file) => {
  const isDir = statSync(file).isDirectory()
  const [command, args] =
    process.platform === 'darwin'
      ? ['open', isDir ? [file] : ['-R', file]]
      : process.platform === 'win32'
        ? ['explorer', isDir ? [file] : [`/select,${file}`]]
        : ['xdg-open', [isDir ? file : path.dirname(file)]]
  await new Promise<void>((resolve, reject) => {
    const child = spawn(command, args, { detached: true, stdio: 'ignore' })
    child.once('error', (error) =>
      reject(new Error(`no file manager could be started (${(error as Error).message})`))
    )
    child.once('spawn', () => {
      child.unref()
      resolve()
    })
  })
}

/** Paths the station wrote in this process (exports, backups), which the UI may ask to show. */
export class OutputRegistry {
  private readonly paths = new Set<string>()

  remember(file: string): void {
    this.paths.add(path.resolve(file))
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
