import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { monitorEventLoopDelay } from 'node:perf_hooks'
import { createCore } from './main/core/create-core.js'
process.env.KILN_SCRYPT_N = '16384'
const n = Number(process.argv[2] ?? 10000)
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'kiln-stall-'))
const out = fs.mkdtempSync(path.join(os.tmpdir(), 'kiln-stall-out-'))
const core = await createCore({ dataDir: dir, host: 'web' })
const call = async (m: any, i: unknown): Promise<any> => {
  const r = await core.dispatch(m, i, { host: 'web' })
  if (!r.ok) throw new Error(JSON.stringify(r.error))
  return r.value
}
await call('station:init', { issuerName: 'S', issuerUrl: 'https://s.example.org/', siteUrl: 'https://b.s.example.org/', passphrase: 'stall passphrase' })
const badge = await call('badges:create', { name: 'S', description: 'd', criteriaNarrative: 'c' })
await call('badges:publish', { id: badge.id })
const lines = ['name,email']; for (let i = 0; i < n; i++) lines.push(`P ${i},p${i}@example.com`)
async function measure(label: string, start: () => Promise<string>) {
  const h = monitorEventLoopDelay({ resolution: 1 }); h.enable()
  const lat: number[] = []
  let stop = false
  const tick = () => { if (stop) return; const t = performance.now(); void core.dispatch('station:status', {}, { host: 'web' }).then(() => { lat.push(performance.now() - t) }); setTimeout(tick, 50) }
  // latency measured from when the timer was due: use scheduled time
  let due = performance.now() + 50
  const sched: number[] = []
  const tick2 = () => { if (stop) return; const now = performance.now(); void core.dispatch('station:status', {}, { host: 'web' }).then(() => sched.push(performance.now() - due)); due = now + 50; setTimeout(tick2, 50) }
  setTimeout(tick2, 50)
  const t0 = performance.now()
  const jobId = await start()
  const st = await core.station.jobs.wait(jobId)
  stop = true
  h.disable()
  sched.sort((a, b) => a - b)
  console.log(label, st.state, Math.round(performance.now() - t0), 'ms; loop delay max', Math.round(h.max / 1e6), 'ms p99', Math.round(h.percentile(99) / 1e6), '; status calls', sched.length, 'worst', Math.round(sched.at(-1) ?? 0), 'ms')
}
await measure(`batch ${n}`, async () => { const p = await call('awards:batchPreview', { badgeId: badge.id, source: { csvBase64: Buffer.from(lines.join('\n')).toString('base64') } }); return (await call('awards:batchStart', { previewId: p.previewId })).jobId })
await measure('bundle folder', async () => (await call('bundle:export', { out: path.join(out, 'site') })).jobId)
await measure('bundle zip full', async () => (await call('bundle:export', { out: path.join(out, 'site.zip'), full: true })).jobId)
const ids = core.station.awards.ids().slice(0, 1000)
await measure('pdf 1000', async () => (await call('certificates:export', { awardIds: [...ids], outFile: path.join(out, 'c.pdf') })).jobId)
await core.close()
fs.rmSync(dir, { recursive: true, force: true }); fs.rmSync(out, { recursive: true, force: true })
