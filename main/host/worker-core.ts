/**
 * `kiln serve` runs the core in a worker thread and relays the contract to it
 * (main/relay): the same relay Electron uses with its utility process, tested end to end here.
 */
import { existsSync } from 'node:fs'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import { Worker } from 'node:worker_threads'
import { logger } from '../core/logger.js'
import { connectCore, type CoreLink, type RelayedCore } from '../relay/core-client.js'
import type { HostServices } from '../core/host-services.js'

/** out/workers/core.js, found from the CLI bundle (out/cli) or from source (main/host). */
export function coreWorkerEntry(): string {
  let dir = path.dirname(fileURLToPath(import.meta.url))
  for (;;) {
    for (const candidate of [
      path.join(dir, 'workers', 'core.js'),
      path.join(dir, 'out', 'workers', 'core.js')
    ]) {
      if (existsSync(candidate)) return candidate
    }
    const parent = path.dirname(dir)
    if (parent === dir) throw new Error('out/workers/core.js is missing: run `npm run build`.')
    dir = parent
  }
}

export type WorkerCore = RelayedCore & Readonly<{ worker: Worker }>

export async function startWorkerCore(
  options: Readonly<{
    dataDir: string
    services?: HostServices
    /** Default: out/workers/core.js. */
    entry?: string
    closeTimeoutMs?: number
  }>
): Promise<WorkerCore> {
  const worker = new Worker(options.entry ?? coreWorkerEntry(), { name: 'kiln-core' })
  worker.on('error', (error) => logger.error('the station worker failed', error))
  const link: CoreLink = {
    port: {
      post: (message) => worker.postMessage(message),
      listen: (listener) => worker.on('message', (message: unknown) => listener(message)),
      close: () => undefined
    },
    onExit: (listener) => worker.once('exit', (code) => listener({ code })),
    kill: () => {
      void worker.terminate()
    }
  }
  const core = await connectCore(link, {
    dataDir: options.dataDir,
    host: 'web',
    ...(options.services ? { services: options.services } : {}),
    ...(options.closeTimeoutMs ? { closeTimeoutMs: options.closeTimeoutMs } : {})
  })
  return { ...core, worker }
}
