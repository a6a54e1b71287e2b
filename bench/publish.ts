/**
 * Publishing (issue 12 targets, 2-core machine): a full publish of 10,000 awards to a local
 * S3-compatible server (s3rver, its own process) and to a local OpenSSH sshd ≤ 60 s; 100 new
 * awards on top ≤ 3 s and proportional to the 100. The station is built through the
 * batch-award path; each publish includes its bundle export and the read-back check. Each
 * figure comes with its phases, the CPU time of the station and of the server, and the load.
 * Last, the upload alone of synthetic files shaped like today's site and like the lighter one
 * (same number of files, an eighth of the bytes), to show what the lighter site changes.
 *
 *   node --import tsx bench/publish.ts [AWARDS]
 */
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { pathToFileURL } from 'node:url'
import type { Core } from '../main/core/create-core.js'
import type { PublishSummary } from '../shared/methods/publish.js'
import { contentHeadersFor } from '../main/core/publish/content-types.js'
import { runPool } from '../main/core/publish/pool.js'
import { sha256Hex } from '../main/core/publish/site-source.js'
import { openS3 } from '../main/core/publish/transports/s3.js'
import { openSftp } from '../main/core/publish/transports/sftp.js'
import type { Transport } from '../main/core/publish/transports/transport.js'
import { verifierScript } from '../main/core/site/verifier-bundle.js'
import { S3_ACCESS_KEY_ID, startS3 } from '../test/support/servers/children.js'
import { startSshd } from '../test/support/servers/sshd.js'
import { removeBundles } from '../test/support/spawn-bundled.js'
import { batchAward, benchStation, call } from './support/station.js'

/** CPU seconds (user + system) of a process and of its children that ended, from /proc. */
function cpuOf(pid: number): number {
  try {
    const stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8')
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ')
    // utime, stime, cutime, cstime are fields 14-17 (index 11-14 after the name).
    const ticks = [11, 12, 13, 14].reduce((sum, i) => sum + Number(fields[i] ?? 0), 0)
    return ticks / 100
  } catch {
    return 0
  }
}

/**
 * Waits (at most 3 s) until the server has reaped the processes of the last session: sshd
 * forks per connection, and their CPU time reaches its children's total only then.
 */
async function sessionsEnded(pid: number): Promise<void> {
  for (let waited = 0; waited < 3000; waited += 20) {
    let children = ''
    try {
      children = fs.readFileSync(`/proc/${pid}/task/${pid}/children`, 'utf8').trim()
    } catch {
      return
    }
    if (children === '') return
    await new Promise((resolve) => setTimeout(resolve, 20))
  }
}

type Timed = {
  ms: number
  r: PublishSummary
  /** Wall time of each phase (preparing = bundle export and diff; uploading; deleting; verifying). */
  phases: Record<string, number>
  /** CPU seconds of the station's process and of the server during the publish. */
  cpu: { station: number; server: number }
}

async function publish(core: Core, target: string, serverPid: () => number): Promise<Timed> {
  const phases: Record<string, number> = {}
  let phase = ''
  let since = performance.now()
  const off = core.bus.subscribe((event) => {
    if (event.name !== 'job:progress' || !event.payload.phase) return
    const now = performance.now()
    if (event.payload.phase !== phase) {
      if (phase) phases[phase] = (phases[phase] ?? 0) + Math.round(now - since)
      phase = event.payload.phase
      since = now
    }
  })
  const serverBefore = cpuOf(serverPid())
  const cpuBefore = process.cpuUsage()
  const t = performance.now()
  const { jobId } = await call(core, 'publish:start', { target })
  const state = await core.station.jobs.wait(jobId)
  const ms = Math.round(performance.now() - t)
  off()
  await sessionsEnded(serverPid())
  const cpu = process.cpuUsage(cpuBefore)
  if (state.state !== 'done' || state.kind !== 'publish:site' || !state.result) {
    throw new Error(`publish to ${target}: ${state.error?.code} ${state.error?.message}`)
  }
  return {
    ms,
    r: state.result,
    phases,
    cpu: {
      station: Math.round((cpu.user + cpu.system) / 1e4) / 100,
      server: Math.round((cpuOf(serverPid()) - serverBefore) * 100) / 100
    }
  }
}

function describe(t: Timed): string {
  const phases = Object.entries(t.phases)
    .map(([p, ms]) => `${p.replace('publish:', '')} ${ms} ms`)
    .join(', ')
  return `${phases}; CPU: station ${t.cpu.station} s, server ${t.cpu.server} s`
}

export type PublishBenchResult = Record<string, number>

/**
 * Bytes of the four files per award, today (credential JSON, baked PNG, page, OB 2.0
 * assertion) and in the lighter site (credential JSON, page, assertion, personal page; sizes
 * measured on the site branch, 7,882 bytes per award).
 */
const SHAPES = {
  today: [2_400, 55_000, 2_500, 600],
  lighter: [2_009, 3_456, 569, 1_416]
} as const

/**
 * The upload alone (no export, no read-back) of `awards` × 4 synthetic files of a shape, through
 * the same transport and pool as a publish: what the lighter site changes is the bytes, not the
 * number of files.
 */
async function uploadShape(
  transport: Transport,
  awards: number,
  sizes: readonly number[],
  serverPid: number,
  close: () => Promise<void>
): Promise<{ ms: number; mb: number; cpu: { station: number; server: number } }> {
  const paths = Array.from({ length: awards }, (_, i) => [
    `credentials/a${i}.json`,
    `credentials/a${i}.png`,
    `credentials/a${i}/index.html`,
    `ob2/assertions/a${i}.json`
  ]).flat()
  const body = (i: number): Buffer => {
    const size = sizes[i % 4] ?? 1000
    const data = Buffer.alloc(size, i % 251)
    data.writeUInt32BE(i, 0)
    return data
  }
  let bytes = 0
  const serverBefore = cpuOf(serverPid)
  const cpuBefore = process.cpuUsage()
  const t = performance.now()
  await runPool(
    paths.map((p, i) => [p, i] as const),
    transport.concurrency,
    async ([p, i]) => {
      const data = body(i)
      bytes += data.length
      await transport.put(p, data, contentHeadersFor(p), sha256Hex(data))
    }
  )
  const ms = Math.round(performance.now() - t)
  await close()
  await sessionsEnded(serverPid)
  const cpu = process.cpuUsage(cpuBefore)
  return {
    ms,
    mb: Math.round(bytes / 1e5) / 10,
    cpu: {
      station: Math.round((cpu.user + cpu.system) / 1e4) / 100,
      server: Math.round((cpuOf(serverPid) - serverBefore) * 100) / 100
    }
  }
}

export async function runPublishBench(
  awards = 10_000,
  log: (line: string) => void = console.log
): Promise<PublishBenchResult> {
  process.env.KILN_SCRYPT_N ??= '16384'
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'kiln-bench-publish-'))
  const secret = 'bench-secret-key'
  const s3 = await startS3(secret)
  const sshd = await startSshd()
  try {
    const { core, badgeId } = await benchStation(dir)
    await batchAward(core, badgeId, awards, 0)
    await verifierScript()
    log(`station with ${core.station.awards.size} awards ready`)
    await call(core, 'publish:saveTarget', {
      kind: 's3',
      name: 's3',
      endpoint: `http://127.0.0.1:${s3.port}`,
      bucket: 'site',
      pathStyle: true,
      accessKeyId: S3_ACCESS_KEY_ID,
      secret
    })
    await call(core, 'publish:saveTarget', {
      kind: 'sftp',
      name: 'sftp',
      host: sshd.host,
      port: sshd.port,
      user: sshd.user,
      path: path.join(sshd.root, 'site'),
      privateKey: fs.readFileSync(sshd.clientKey, 'utf8')
    })
    const result: PublishBenchResult = {}
    const serverOf: Record<string, () => number> = { s3: () => s3.pid, sftp: () => sshd.pid() }
    log(
      `load average before publishing: ${os
        .loadavg()
        .map((l) => l.toFixed(2))
        .join(' / ')}`
    )
    for (const target of ['s3', 'sftp']) {
      const full = await publish(core, target, serverOf[target] ?? (() => 0))
      log(
        `${target}: full publish of ${awards} awards: ${full.r.uploaded} files, ${(full.r.bytes / 1e6).toFixed(1)} MB in ${full.ms} ms (${describe(full)})`
      )
      result[`${target}Full${awards}Ms`] = full.ms
      result[`${target}FullFiles`] = full.r.uploaded
      result[`${target}FullStationCpuS`] = full.cpu.station
      result[`${target}FullServerCpuS`] = full.cpu.server
    }
    await batchAward(core, badgeId, 100, awards)
    for (const target of ['s3', 'sftp']) {
      const incr = await publish(core, target, serverOf[target] ?? (() => 0))
      log(
        `${target}: 100 new awards on top: ${incr.r.uploaded} files, ${(incr.r.bytes / 1e3).toFixed(0)} kB in ${incr.ms} ms (${describe(incr)})`
      )
      result[`${target}Incremental100Ms`] = incr.ms
      result[`${target}Incremental100Files`] = incr.r.uploaded
    }
    const again = await publish(core, 's3', () => s3.pid)
    log(`s3: nothing changed: ${again.r.uploaded} files in ${again.ms} ms`)
    result.s3UnchangedMs = again.ms
    // The upload alone, today's bytes per award against the lighter site's.
    const keys = { accessKeyId: S3_ACCESS_KEY_ID, secretAccessKey: secret }
    for (const [shape, sizes] of Object.entries(SHAPES)) {
      const s3Target = await openS3({
        endpoint: `http://127.0.0.1:${s3.port}`,
        region: 'us-east-1',
        bucket: 'site',
        prefix: `shape-${shape}`,
        pathStyle: true,
        ...keys
      })
      const sftpTarget = await openSftp({
        host: sshd.host,
        port: sshd.port,
        user: sshd.user,
        path: path.join(sshd.root, `shape-${shape}`),
        secret: { privateKey: fs.readFileSync(sshd.clientKey, 'utf8') },
        pinned: undefined
      })
      for (const [target, opened, pid] of [
        ['s3', s3Target, s3.pid],
        ['sftp', sftpTarget, sshd.pid()]
      ] as const) {
        const up = await uploadShape(opened.transport, awards, sizes, pid, () =>
          opened.transport.close()
        )
        log(
          `${target}: upload alone, ${shape} site shape: ${awards * 4} files, ${up.mb} MB in ${up.ms} ms (CPU: station ${up.cpu.station} s, server ${up.cpu.server} s)`
        )
        result[`${target}Upload${shape === 'today' ? 'Today' : 'Lighter'}Ms`] = up.ms
      }
    }
    log(
      `load average after publishing: ${os
        .loadavg()
        .map((l) => l.toFixed(2))
        .join(' / ')}`
    )
    await core.close()
    return result
  } finally {
    await s3.stop()
    await sshd.stop()
    removeBundles()
    fs.rmSync(dir, { recursive: true, force: true })
  }
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const n = Number(process.argv[2] ?? 10_000)
  console.log(JSON.stringify(await runPublishBench(n), null, 2))
}
