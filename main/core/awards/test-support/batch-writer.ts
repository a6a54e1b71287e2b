/**
 * Child process for the batch kill test: opens a station, runs a batch award of a CSV file
 * through the contract, and after every durable chunk prints "done N" (the first N rows of
 * the file are settled: awarded now or already holding the badge), "started" once the job
 * runs. The parent SIGKILLs it when it reports the progress the round wants.
 */
import fs from 'node:fs'
import type { Result } from '../../../../shared/result.js'
import { createCore } from '../../create-core.js'

const [dataDir, csvFile, passphrase] = process.argv.slice(2)
if (!dataDir || !csvFile || !passphrase) {
  throw new Error('usage: batch-writer <dataDir> <csv> <passphrase>')
}

function must<T>(result: Result<unknown>): T {
  if (!result.ok) throw new Error(result.error.message)
  return result.value as T
}

const core = await createCore({ dataDir, host: 'cli' })
const ctx = { host: 'cli' } as const
must(await core.dispatch('station:unlock', { passphrase }, ctx))
const badgeId = core.station.catalog.badges[0]?.id ?? ''
const csvBase64 = fs.readFileSync(csvFile).toString('base64')
const preview = must<{ previewId: string; counts: { toAward: number } }>(
  await core.dispatch('awards:batchPreview', { badgeId, source: { csvBase64 } }, ctx)
)
let jobId = ''
core.bus.subscribe((event) => {
  if (event.name === 'data:changed' && event.payload.domain === 'awards' && jobId !== '') {
    // Emitted synchronously right after a chunk's fsynced commit.
    fs.writeSync(1, `done ${core.station.jobs.get(jobId).done}\n`)
  }
})
fs.writeSync(1, `ready ${preview.counts.toAward}\n`)
jobId = must<{ jobId: string }>(
  await core.dispatch('awards:batchStart', { previewId: preview.previewId }, ctx)
).jobId
fs.writeSync(1, `started ${jobId}\n`)
const final = await core.station.jobs.wait(jobId)
fs.writeSync(1, `finished ${final.state} ${final.done}\n`)
await core.close()
