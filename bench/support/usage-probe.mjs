// Preloaded (`node --import`) into a measured CLI process: at exit it writes the process's own
// peak resident memory and CPU time (getrusage: what `/usr/bin/time -v` reports as "Maximum
// resident set size") to $KILN_BENCH_USAGE, so benchmarks need no system tool.
import { writeFileSync } from 'node:fs'

const file = process.env.KILN_BENCH_USAGE
if (file) {
  process.on('exit', () => {
    const usage = process.resourceUsage()
    writeFileSync(
      file,
      JSON.stringify({
        maxRssKb: usage.maxRSS,
        userMs: usage.userCPUTime / 1000,
        systemMs: usage.systemCPUTime / 1000
      })
    )
  })
}
