/**
 * Long jobs give the event loop back while they run: a call that arrives from the event loop
 * (as an HTTP request or an IPC message does) is answered while a bundle export or a certificate
 * export is still running, not after it. (How fast is measured in `npm run bench`, not here.)
 */
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { JobKind } from '../../../shared/methods/jobs.js'
import {
  csvBase64,
  freshKit,
  jobResult,
  peopleCsv,
  type Kit
} from '../awards/test-support/station-kit.js'

let kit: Kit
let out = ''
beforeAll(async () => {
  kit = await freshKit()
  out = fs.mkdtempSync(path.join(os.tmpdir(), 'kiln-yield-'))
  const preview = await kit.call('awards:batchPreview', {
    badgeId: kit.badgeId,
    source: { csvBase64: csvBase64(peopleCsv(300)) }
  })
  const { jobId } = await kit.call('awards:batchStart', { previewId: preview.previewId })
  expect((await jobResult(kit.core, jobId, 'awards:batch')).state).toBe('done')
}, 120_000)
afterAll(async () => {
  await kit.close()
  fs.rmSync(out, { recursive: true, force: true })
})

/**
 * Starts a job; at its first progress, asks for station:status from a macrotask (as a host's
 * I/O would) and records whether the job was still running when the answer came.
 */
async function answeredWhileRunning(kind: JobKind, start: () => Promise<string>): Promise<boolean> {
  let jobId = ''
  let answer: Promise<boolean> | undefined
  const off = kit.core.bus.subscribe((event) => {
    if (answer || event.name !== 'job:progress' || event.payload.jobId !== jobId) return
    if (event.payload.done === 0) return
    answer = new Promise<boolean>((resolve) =>
      setImmediate(() => {
        void kit.core.dispatch('station:status', {}, { host: 'web' }).then((status) => {
          resolve(status.ok && kit.core.station.jobs.get(jobId).state === 'running')
        })
      })
    )
  })
  jobId = await start()
  const final = await jobResult(kit.core, jobId, kind)
  off()
  expect(final.state).toBe('done')
  return (await answer) ?? false
}

describe('long jobs yield to the event loop', () => {
  it('a bundle export (folder and zip)', async () => {
    for (const target of ['site', 'site.zip']) {
      const running = await answeredWhileRunning('bundle:export', async () => {
        const { jobId } = await kit.call('bundle:export', {
          out: path.join(out, target),
          full: true
        })
        return jobId
      })
      expect(running).toBe(true)
    }
  })

  it('a certificate export', async () => {
    const running = await answeredWhileRunning('certificates:export', async () => {
      const { jobId } = await kit.call('certificates:export', {
        badgeId: kit.badgeId,
        outFile: path.join(out, 'certificates.pdf')
      })
      return jobId
    })
    expect(running).toBe(true)
  })
})
