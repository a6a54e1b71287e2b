/**
 * Entry of the `kiln serve` core worker (bundled to out/workers/core.js): the station runs in
 * this worker thread, so a long export or a big PDF never holds up the HTTP host's thread. It
 * speaks the same relay as Electron's utility process (main/relay/core-server.ts).
 */
import { parentPort } from 'node:worker_threads'
import { serveCore } from '../relay/core-server.js'
import { nodePort } from '../relay/port.js'

if (!parentPort) throw new Error('out/workers/core.js runs only as a worker thread of kiln serve.')
await serveCore(nodePort(parentPort))
