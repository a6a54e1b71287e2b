/**
 * What the web host (`kiln serve`) does for the core. It runs on the person's own computer, so
 * showing a file and opening a web page use the platform's opener (open / explorer / xdg-open);
 * a native folder dialog needs the desktop app (the page asks for a typed path instead).
 */
import { spawn } from 'node:child_process'
import { statSync } from 'node:fs'
import path from 'node:path'
import { err, ok } from '../../shared/result.js'
import type { HostServices } from '../core/host-services.js'
import { noHostServices } from '../core/host-services.js'

function opener(): string {
  return process.platform === 'darwin'
    ? 'open'
    : process.platform === 'win32'
      ? 'explorer'
      : 'xdg-open'
}

function launch(command: string, args: readonly string[]): Promise<void> {
  return new Promise<void>((resolve, reject) => {
    const child = spawn(command, [...args], { detached: true, stdio: 'ignore' })
    child.once('error', (error) =>
      reject(new Error(`${command} could not be started (${error.message})`))
    )
    child.once('spawn', () => {
      child.unref()
      resolve()
    })
  })
}

/** The arguments that show `file` selected in its folder (or the folder itself). */
export function revealArgs(file: string, isDir: boolean): [string, string[]] {
  if (process.platform === 'darwin') return ['open', isDir ? [file] : ['-R', file]]
  if (process.platform === 'win32') return ['explorer', isDir ? [file] : [`/select,${file}`]]
  return ['xdg-open', [isDir ? file : path.dirname(file)]]
}

export const webHostServices: HostServices = {
  revealPath: async (file) => {
    const [command, args] = revealArgs(file, statSync(file).isDirectory())
    try {
      await launch(command, args)
      return ok({ shown: file })
    } catch (error) {
      return err('INTERNAL', `The folder could not be opened: ${(error as Error).message}.`)
    }
  },
  pickFolder: noHostServices.pickFolder,
  openUrl: async (url) => {
    try {
      await launch(opener(), [url])
      return ok({ opened: url })
    } catch (error) {
      return err('INTERNAL', `The page could not be opened: ${(error as Error).message}.`)
    }
  }
}
