/**
 * `npm run bench`: every benchmark the issues ask for, in one run, with the machine it
 * ran on. Each module exports a run function and prints its own figures; the summary at
 * the end is what BENCHMARKS.md records.
 */
import os from 'node:os'
import { removeCollected } from './support/remove-at-end.js'

type BenchModule = { name: string; run: () => Promise<Record<string, unknown>> }

const modules: BenchModule[] = [
  {
    name: 'credentials',
    run: async () => (await import('./credentials.js')).runCredentialBench()
  }
]

async function loadOptional(name: string, file: string, exportName: string): Promise<void> {
  try {
    const mod = (await import(file)) as Record<string, unknown>
    const fn = mod[exportName]
    if (typeof fn === 'function') {
      modules.push({
        name,
        run: async () => await (fn as () => Promise<Record<string, unknown>>)()
      })
    }
  } catch (error) {
    console.error(`bench: ${name} not available: ${(error as Error).message}`)
  }
}

await loadOptional('awarding', './awarding.js', 'runAwardingBench')
await loadOptional('certificates', './certificates.js', 'runCertificatesBench')
await loadOptional('bundle', './bundle.js', 'runBundleBench')
await loadOptional('publish', './publish.js', 'runPublishBench')
await loadOptional('responsiveness', './responsiveness.js', 'runResponsivenessBench')
await loadOptional('delivery', './delivery.js', 'runDeliveryBench')
await loadOptional('cli', './cli.js', 'runCliBench')
await loadOptional('host', './host-latency.js', 'runHostLatencyBench')

// The lifetime station (bench/million.ts) takes many minutes and gigabytes the first time: it
// runs only when asked, alone: `npm run bench -- --million [--awards N]` or `npm run bench:million`.
const args = process.argv.slice(2)
if (args.includes('--million')) {
  const { runMillionBench, targetFromArgs } = await import('./million.js')
  const target = targetFromArgs(args)
  modules.splice(0, modules.length, {
    name: 'million',
    run: async () => await runMillionBench(console.log, target)
  })
}
const only = args.filter((a, i) => !a.startsWith('--') && args[i - 1] !== '--awards')
const machine = `${os.cpus().length} × ${os.cpus()[0]?.model ?? 'cpu'}, ${Math.round(os.totalmem() / 2 ** 30)} GiB, Node ${process.version}, ${os.platform()} ${os.release()}`
console.log(`Kiln benchmarks on ${machine}`)
const summary: Record<string, unknown> = {}
let failed = false
for (const mod of modules) {
  if (only.length > 0 && !only.includes(mod.name)) continue
  console.log(`\n== ${mod.name} ==`)
  try {
    summary[mod.name] = await mod.run()
  } catch (error) {
    failed = true
    console.error(`bench ${mod.name} FAILED: ${(error as Error).stack ?? String(error)}`)
  }
}
removeCollected()
console.log('\n== summary ==')
console.log(JSON.stringify({ machine, date: new Date().toISOString(), ...summary }, null, 2))
if (failed) process.exitCode = 1
