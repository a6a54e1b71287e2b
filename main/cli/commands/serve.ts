/**
 * kiln serve: the UI on 127.0.0.1 with a per-launch token. Holds the station until stopped.
 * The core runs in a worker thread (main/host/worker-core.ts) behind the relay that Electron
 * uses with its utility process, so a long job never holds up the HTTP thread.
 */
import { spawn } from 'node:child_process'
import { existsSync } from 'node:fs'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import type { Command } from 'commander'
import { err } from '../../../shared/result.js'
import { KilnFailure } from '../../core/failure.js'
import { logger } from '../../core/logger.js'
import type { WorkerCore } from '../../host/worker-core.js'
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
      const { webHostServices } = await import('../../host/host-services.js')
      const { startWorkerCore } = await import('../../host/worker-core.js')
      const { startWebHost } = await import('../../host/server.js')
      let core: WorkerCore
      try {
        core = await startWorkerCore({ dataDir: dataDirOf(g), services: webHostServices })
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
      logger.info(`kiln serve: listening on 127.0.0.1:${host.port} (the core in a worker thread)`)
      printLine(`Kiln is running at ${host.url}`)
      printLine('Open that address in a browser on this computer. Press Ctrl+C to stop.')
      // The opener's command line is readable by every local user: it gets a one-time code,
      // never the session token (that is only printed, to this terminal).
      if (options.open) openBrowser(host.openUrl())
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
