/**
 * Run in a fresh process by bench/million.ts: opens a station with the library (as every host
 * does), then times one contract call. Prints one JSON line: open and call times, CPU, RSS (MiB).
 * (There is no CLI command for analytics; the desk's Analytics screen makes this call.)
 *
 *   node --import tsx bench/support/station-child.ts DATA_DIR METHOD INPUT_JSON
 */
import { createCore } from '../../main/core/create-core.js'

const [dataDir, method, inputJson] = process.argv.slice(2)
if (!dataDir || !method) throw new Error('usage: station-child.ts DATA_DIR METHOD [INPUT_JSON]')
const input: unknown = JSON.parse(inputJson ?? '{}')

const t0 = performance.now()
const core = await createCore({ dataDir, host: 'cli' })
const openMs = performance.now() - t0
const t1 = performance.now()
const result = await core.dispatch(method, input, { host: 'cli' })
const callMs = performance.now() - t1
if (!result.ok) throw new Error(`${method}: ${result.error.code} ${result.error.message}`)
const rssMb = process.memoryUsage().rss / 2 ** 20
await core.close()
const usage = process.resourceUsage()
process.stdout.write(
  JSON.stringify({
    openMs: Math.round(openMs),
    callMs: Math.round(callMs),
    rssAfterMb: Math.round(rssMb),
    maxRssMb: Math.round(usage.maxRSS / 1024),
    cpuMs: Math.round((usage.userCPUTime + usage.systemCPUTime) / 1000)
  }) + '\n'
)
