// Preloaded (`node --import`) into a measured CLI process: at exit it writes the process's own
// peak resident memory and CPU time (getrusage: what `/usr/bin/time -v` reports as "Maximum
// resident set size") to $KILN_BENCH_USAGE, so benchmarks need no system tool.
// On Linux the peak is read from /proc/self/status (VmHWM, this process's own memory): getrusage
// keeps, across the exec that started node, the resident size the parent had when it forked, so a
// bench parent of 300 MB made every child report at least 300 MB.
import { readFileSync, writeFileSync } from 'node:fs'

/** VmHWM in kB, or undefined where /proc is not there. */
function ownPeakKb() {
  try {
    const line = readFileSync('/proc/self/status', 'utf8')
      .split('\n')
      .find((l) => l.startsWith('VmHWM:'))
    const kb = line ? Number.parseInt(line.slice(6), 10) : NaN
    return Number.isFinite(kb) ? kb : undefined
  } catch {
    return undefined
  }
}

const file = process.env.KILN_BENCH_USAGE
if (file) {
  process.on('exit', () => {
    const usage = process.resourceUsage()
    writeFileSync(
      file,
      JSON.stringify({
        maxRssKb: ownPeakKb() ?? usage.maxRSS,
        userMs: usage.userCPUTime / 1000,
        systemMs: usage.systemCPUTime / 1000
      })
    )
  })
}
