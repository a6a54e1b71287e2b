/**
 * Publishing (issue 12 targets, 2-core machine): a full publish of 10,000 awards to a local
 * S3-compatible server (s3rver, its own process) and to a local OpenSSH sshd ≤ 60 s; 100 new
 * awards on top ≤ 3 s and proportional to the 100. The station is built through the
 * batch-award path; each publish includes its bundle export and the read-back check.
 *
 *   node --import tsx bench/publish.ts [AWARDS]
 */
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { pathToFileURL } from 'node:url'
import { createCore, type Core } from '../main/core/create-core.js'
import type { MethodInput, MethodName, MethodResults } from '../shared/contract.js'
import type { PublishSummary } from '../shared/methods/publish.js'
import { verifierScript } from '../main/core/site/verifier-bundle.js'
import { S3_ACCESS_KEY_ID, startS3 } from '../test/support/servers/children.js'
import { startSshd } from '../test/support/servers/sshd.js'
import { removeBundles } from '../test/support/spawn-bundled.js'

async function call<M extends MethodName>(
  core: Core,
  method: M,
  input: MethodInput<M>
): Promise<MethodResults[M]> {
  const result = await core.dispatch(method, input, { host: 'cli' })
  if (!result.ok) throw new Error(`${method}: ${result.error.code} ${result.error.message}`)
  return result.value as MethodResults[M]
}

async function batch(core: Core, badgeId: string, rows: number, offset: number): Promise<void> {
  const lines = ['name,email']
  for (let i = 0; i < rows; i++) lines.push(`Person ${offset + i},person.${offset + i}@example.com`)
  const preview = await call(core, 'awards:batchPreview', {
    badgeId,
    source: { csvBase64: Buffer.from(lines.join('\n') + '\n').toString('base64') }
  })
  const { jobId } = await call(core, 'awards:batchStart', { previewId: preview.previewId })
  const state = await core.station.jobs.wait(jobId)
  if (state.state !== 'done') throw new Error(`batch ended ${state.state}`)
}

async function publish(core: Core, target: string): Promise<{ ms: number; r: PublishSummary }> {
  const t = performance.now()
  const { jobId } = await call(core, 'publish:start', { target })
  const state = await core.station.jobs.wait(jobId)
  if (state.state !== 'done' || state.kind !== 'publish:site' || !state.result) {
    throw new Error(`publish to ${target}: ${state.error?.code} ${state.error?.message}`)
  }
  return { ms: Math.round(performance.now() - t), r: state.result }
}

export type PublishBenchResult = Record<string, number>

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
    const core = await createCore({ dataDir: dir, host: 'cli' })
    await call(core, 'station:init', {
      issuerName: 'Bench Association',
      issuerUrl: 'https://bench.example.org/',
      siteUrl: 'https://badges.bench.example.org/',
      passphrase: 'bench passphrase 1'
    })
    const badge = await call(core, 'badges:create', {
      name: 'Bench Attendance',
      description: 'Attended the bench conference.',
      criteriaNarrative: 'Attend at least one session.'
    })
    await call(core, 'badges:publish', { id: badge.id })
    await batch(core, badge.id, awards, 0)
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
    for (const target of ['s3', 'sftp']) {
      const full = await publish(core, target)
      log(
        `${target}: full publish of ${awards} awards: ${full.r.uploaded} files, ${(full.r.bytes / 1e6).toFixed(1)} MB in ${full.ms} ms`
      )
      result[`${target}Full${awards}Ms`] = full.ms
      result[`${target}FullFiles`] = full.r.uploaded
    }
    await batch(core, badge.id, 100, awards)
    for (const target of ['s3', 'sftp']) {
      const incr = await publish(core, target)
      log(
        `${target}: 100 new awards on top: ${incr.r.uploaded} files, ${(incr.r.bytes / 1e3).toFixed(0)} kB in ${incr.ms} ms`
      )
      result[`${target}Incremental100Ms`] = incr.ms
      result[`${target}Incremental100Files`] = incr.r.uploaded
    }
    const again = await publish(core, 's3')
    log(`s3: nothing changed: ${again.r.uploaded} files in ${again.ms} ms`)
    result.s3UnchangedMs = again.ms
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
