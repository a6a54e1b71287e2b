/** A real station in a temp folder for bundle and site tests (in process, through the dispatcher). */
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { expect } from 'vitest'
import type { MethodInput, MethodName, MethodResults } from '../../../shared/contract.js'
import type { BundleExportSummary } from '../../../shared/methods/bundle.js'
import { createCore, type Core } from '../create-core.js'
import type { Clock } from '../clock.js'

export const PASS = 'bundle site test passphrase'
export const SITE = 'https://badges.example.org/'

export type Kit = {
  core: Core
  work: string
  call<M extends MethodName>(method: M, input: MethodInput<M>): Promise<MethodResults[M]>
  badge(name?: string): Promise<string>
  award(badgeId: string, email: string, name: string): Promise<string>
  /** bundle:export, waited for (the export is a job): what it wrote. */
  exportSite(input: MethodInput<'bundle:export'>): Promise<BundleExportSummary>
  close(): Promise<void>
}

/** Starts a bundle export and waits for its job; throws unless it finished. */
export async function exportAndWait(
  core: Core,
  input: MethodInput<'bundle:export'>
): Promise<BundleExportSummary> {
  const { jobId } = await callCore(core, 'bundle:export', input)
  const job = await core.station.jobs.wait(jobId)
  if (job.kind !== 'bundle:export' || job.state !== 'done' || !job.result) {
    throw new Error(`bundle export ended ${job.state}: ${job.error?.message ?? ''}`)
  }
  return job.result
}

export async function callCore<M extends MethodName>(
  core: Core,
  method: M,
  input: MethodInput<M>
): Promise<MethodResults[M]> {
  const r = await core.dispatch(method, input, { host: 'cli' })
  if (!r.ok) throw Object.assign(new Error(r.error.message), { code: r.error.code })
  return r.value as MethodResults[M]
}

export async function newKit(
  options: { site?: string; did?: 'web' | 'key'; clock?: Clock } = {}
): Promise<Kit> {
  process.env.KILN_SCRYPT_N = '16384'
  const work = mkdtempSync(path.join(os.tmpdir(), 'kiln-site-test-'))
  const core = await createCore({
    dataDir: path.join(work, 'data'),
    host: 'cli',
    ...(options.clock ? { clock: options.clock } : {})
  })
  const call = <M extends MethodName>(
    method: M,
    input: MethodInput<M>
  ): Promise<MethodResults[M]> => callCore(core, method, input)
  await call('station:init', {
    issuerName: 'Example Association',
    issuerUrl: 'https://example.org/',
    siteUrl: options.site ?? SITE,
    did: options.did ?? 'web',
    passphrase: PASS
  })
  return {
    core,
    work,
    call,
    async badge(name = 'Speaker') {
      const b = await call('badges:create', {
        name,
        description: 'Gave a talk at the conference',
        criteriaNarrative: 'Give a talk'
      })
      await call('badges:publish', { id: b.id })
      return b.id
    },
    async award(badgeId, email, name) {
      const r = await call('awards:issue', { badgeId, email, name })
      return r.id
    },
    exportSite: (input) => exportAndWait(core, input),
    async close() {
      await core.close()
      rmSync(work, { recursive: true, force: true })
    }
  }
}

/** Every file under `dir`, as site paths ('a/b.json'), sorted. */
export function siteFiles(dir: string, base = dir): string[] {
  const out: string[] = []
  for (const name of readdirSync(dir)) {
    const full = path.join(dir, name)
    if (statSync(full).isDirectory()) out.push(...siteFiles(full, base))
    else out.push(path.relative(base, full).split(path.sep).join('/'))
  }
  return out.sort()
}

/** Every file of `full` is in `site` with the same bytes (bundles applied hold the full site). */
export function expectHolds(site: string, full: string): void {
  const applied = new Set(siteFiles(site))
  for (const p of siteFiles(full)) {
    expect(applied.has(p), p).toBe(true)
    expect(readFileSync(path.join(site, p)).equals(readFileSync(path.join(full, p))), p).toBe(true)
  }
}

/** The two folders hold the same files, byte for byte. */
export function expectSameFiles(a: string, b: string): void {
  expect(siteFiles(b)).toEqual(siteFiles(a))
  for (const p of siteFiles(a)) {
    expect(readFileSync(path.join(b, p)).equals(readFileSync(path.join(a, p))), p).toBe(true)
  }
}
