/** kiln serve: the UI on 127.0.0.1 with a per-launch token. Holds the station until stopped. */
import { spawn } from 'node:child_process'
import { existsSync } from 'node:fs'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import type { Command } from 'commander'
import { err } from '../../../shared/result.js'
import { createCore } from '../../core/create-core.js'
import { KilnFailure } from '../../core/failure.js'
import { startWebHost } from '../../host/server.js'
import { webHostServices } from '../../host/host-services.js'
import { dataDirOf, type GlobalOptions } from '../context.js'
import { printError, printLine } from '../output.js'

/** out/renderer, found from the CLI bundle (out/cli) or from source (main/cli/commands). */
export function rendererDir(): string {
  if (process.env.KILN_RENDERER_DIR) return process.env.KILN_RENDERER_DIR
  let dir = path.dirname(fileURLToPath(import.meta.url))
  for (;;) {
    for (const candidate of [path.join(dir, 'renderer'), path.join(dir, 'out', 'renderer')]) {
      if (existsSync(path.join(candidate, 'index.html'))) return candidate
    }
    const parent = path.dirname(dir)
    if (parent === dir) return path.resolve('out', 'renderer')
    dir = parent
  }
}

function openBrowser(url: string): void {
  const command =
    process.platform === 'darwin' ? 'open' : process.platform === 'win32' ? 'explorer' : 'xdg-open'
  try {
    const child = spawn(command, [url], { detached: true, stdio: 'ignore' })
    child.on('error', () => undefined)
    child.unref()
  } catch {
    // No browser opener: the printed URL is enough.
  }
}

export function registerServeCommand(program: Command, globals: () => GlobalOptions): void {
  program
    .command('serve')
    .description(
      'run the station UI on 127.0.0.1 (random port) and print its URL with the access token'
    )
    .option('--port <n>', 'a fixed port instead of a random one')
    .option('--no-open', 'do not open a browser')
    .action(async (options: { port?: string; open: boolean }) => {
      const g = globals()
      const port = options.port === undefined ? 0 : Number(options.port)
      if (!Number.isInteger(port) || port < 0 || port > 65535) {
        printError(
          err('INVALID_INPUT', '--port must be a whole number from 0 to 65535.', {
            field: '--port'
          }).error,
          false
        )
      }
      let core
      try {
        core = await createCore({
          dataDir: dataDirOf(g),
          host: 'web',
          hostServices: webHostServices
        })
      } catch (error) {
        if (error instanceof KilnFailure) printError(error.toError(), false)
        throw error
      }
      const host = await startWebHost({
        dispatch: core.dispatch,
        bus: core.bus,
        staticDir: rendererDir(),
        port
      })
      printLine(`Kiln is running at ${host.url}`)
      printLine('Open that address in a browser on this computer. Press Ctrl+C to stop.')
      if (options.open) openBrowser(host.url)
      const stop = async (): Promise<void> => {
        await host.close()
        await core.close()
        process.exit(0)
      }
      process.once('SIGINT', () => void stop())
      process.once('SIGTERM', () => void stop())
      await new Promise(() => undefined)
    })
}
