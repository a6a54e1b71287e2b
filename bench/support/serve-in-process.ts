/**
 * The "before" layout for bench/host-latency.ts: the same loopback web host as `kiln serve`,
 * with the core in the host's own thread (as it was before the worker split). Prints the
 * host's URL on stdout; stops on SIGTERM.
 *
 *   node --import tsx bench/support/serve-in-process.ts DATA_DIR
 */
import { createCore } from '../../main/core/create-core.js'
import { startWebHost } from '../../main/host/server.js'
import { rendererDir } from '../../main/cli/commands/serve.js'

const dataDir = process.argv[2]
if (!dataDir) throw new Error('usage: serve-in-process.ts DATA_DIR')
const core = await createCore({ dataDir, host: 'web' })
const host = await startWebHost({
  dispatch: core.dispatch,
  bus: core.bus,
  staticDir: rendererDir()
})
process.stdout.write(`Kiln is running at ${host.url}\n`)
process.once('SIGTERM', () => {
  void host
    .close()
    .then(() => core.close())
    .then(() => process.exit(0))
})
