/**
 * Writing a bundle folder on a second thread: most of a 10,000-award export is creating ~40,000
 * files (system time), so one worker thread creates them with plain mkdirSync/writeFileSync while
 * the main thread renders and hashes the next units. Files go over in batches (copied, so the
 * main thread's buffers stay its own), at most a few batches ahead (memory stays flat); the first
 * failure is reported by drain()/close(). The worker's code is a few lines of plain CommonJS,
 * evaluated in place, so it needs no separate build step in any host or test runner.
 */
import { Worker } from 'node:worker_threads'

/** [absolute file path, bytes] */
type Entry = [string, Uint8Array]

const WORKER_SOURCE = `
const { parentPort } = require('node:worker_threads')
const fs = require('node:fs')
const path = require('node:path')
const made = new Set()
parentPort.on('message', (batch) => {
  try {
    for (const [file, data] of batch) {
      const dir = path.dirname(file)
      if (!made.has(dir)) {
        fs.mkdirSync(dir, { recursive: true })
        made.add(dir)
      }
      fs.writeFileSync(file, data)
    }
    parentPort.postMessage({ ok: true })
  } catch (error) {
    parentPort.postMessage({ ok: false, message: String(error && error.message || error), code: error && error.code })
  }
})
`

/** Files per message and batches in flight (about 1 MB of a typical site per batch). */
const BATCH = 256
const AHEAD = 4

export class FolderWriter {
  private worker: Worker | undefined
  private batch: Entry[] = []
  private inFlight = 0
  private failure: Error | undefined
  private waiters: (() => void)[] = []

  private start(): Worker {
    if (this.worker) return this.worker
    const worker = new Worker(WORKER_SOURCE, { eval: true })
    worker.on('message', (reply: unknown) => {
      this.inFlight--
      if (reply !== null && typeof reply === 'object' && 'ok' in reply && reply.ok === false) {
        const message = 'message' in reply ? String(reply.message) : 'a file could not be written'
        this.failure ??= Object.assign(new Error(message), {
          code: 'code' in reply ? reply.code : undefined
        })
      }
      this.wake()
    })
    worker.on('error', (error) => {
      this.failure ??= error
      this.inFlight = 0
      this.wake()
    })
    this.worker = worker
    return worker
  }

  private wake(): void {
    for (const w of this.waiters.splice(0)) w()
  }

  private wait(): Promise<void> {
    return new Promise((resolve) => this.waiters.push(resolve))
  }

  private check(): void {
    if (this.failure) throw this.failure
  }

  private async flush(): Promise<void> {
    if (this.batch.length === 0) return
    const batch = this.batch
    this.batch = []
    while (this.inFlight >= AHEAD && !this.failure) await this.wait()
    this.check()
    this.inFlight++
    this.start().postMessage(batch)
  }

  /** Queues one file; waits only when several batches are already on their way. */
  async write(file: string, data: Uint8Array): Promise<void> {
    this.check()
    this.batch.push([file, data])
    if (this.batch.length >= BATCH) await this.flush()
  }

  /** Every file queued so far is on disk (or the first failure is thrown). */
  async drain(): Promise<void> {
    await this.flush()
    while (this.inFlight > 0 && !this.failure) await this.wait()
    this.check()
  }

  /** Drains, then stops the worker. */
  async close(): Promise<void> {
    try {
      await this.drain()
    } finally {
      await this.worker?.terminate()
      this.worker = undefined
    }
  }
}
