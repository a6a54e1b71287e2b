/**
 * Writing a bundle folder on a second thread: most of a 10,000-award export is creating ~40,000
 * files (system time), so one worker thread creates them with plain mkdirSync/writeFileSync while
 * the main thread renders and hashes the next units. Files are packed into one buffer per batch
 * as they are queued (a page's text is encoded once, straight into it) and the buffer is handed
 * to the worker by transfer, not copied; at most a few batches are ahead (memory stays flat).
 * The first failure is reported by drain()/close(). The worker's code is a few lines of plain
 * CommonJS, evaluated in place, so it needs no separate build step in any host or test runner.
 */
import { mkdirSync, writeFileSync } from 'node:fs'
import path from 'node:path'
import { Worker } from 'node:worker_threads'

/** One batch: the packed bytes and, per file, [absolute path, end offset] in order. */
type Batch = Readonly<{ buffer: ArrayBuffer; files: string[]; ends: number[] }>

const WORKER_SOURCE = `
const { parentPort } = require('node:worker_threads')
const fs = require('node:fs')
const path = require('node:path')
const made = new Set()
parentPort.on('message', ({ buffer, files, ends }) => {
  try {
    let start = 0
    for (let i = 0; i < files.length; i++) {
      const file = files[i]
      const dir = path.dirname(file)
      if (!made.has(dir)) {
        fs.mkdirSync(dir, { recursive: true })
        made.add(dir)
      }
      fs.writeFileSync(file, new Uint8Array(buffer, start, ends[i] - start))
      start = ends[i]
    }
    parentPort.postMessage({ ok: true })
  } catch (error) {
    parentPort.postMessage({ ok: false, message: String(error && error.message || error), code: error && error.code })
  }
})
`

/**
 * A batch is sent once it holds BATCH_BYTES; its buffer has SLACK more, so the file that crosses
 * the mark still fits (a larger one makes a bigger buffer). At most AHEAD batches in flight.
 */
const BATCH_BYTES = 1 << 20
const SLACK = 1 << 18
const AHEAD = 4
/** A batch's memory: its own ArrayBuffer (transferred whole) and a Buffer over it. */
type Memory = Readonly<{ arrayBuffer: ArrayBuffer; buffer: Buffer }>
const newMemory = (size = BATCH_BYTES + SLACK): Memory => {
  const arrayBuffer = new ArrayBuffer(size)
  return { arrayBuffer, buffer: Buffer.from(arrayBuffer) }
}

export class FolderWriter {
  private worker: Worker | undefined
  private memory = newMemory()
  private used = 0
  private files: string[] = []
  private ends: number[] = []
  private inFlight = 0
  private failure: Error | undefined
  private waiters: (() => void)[] = []
  /** Folders this thread made (the worker keeps its own list). */
  private readonly made = new Set<string>()

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

  /** Room for `bytes` more in the current batch's buffer (a bigger one, copied, if needed). */
  private reserve(bytes: number): void {
    const { buffer } = this.memory
    if (this.used + bytes <= buffer.length) return
    const bigger = newMemory(Math.max(buffer.length * 2, this.used + bytes))
    buffer.copy(bigger.buffer, 0, 0, this.used)
    this.memory = bigger
  }

  private async flush(): Promise<void> {
    if (this.files.length === 0) return
    const batch: Batch = {
      buffer: this.memory.arrayBuffer,
      files: this.files,
      ends: this.ends
    }
    this.memory = newMemory()
    this.used = 0
    this.files = []
    this.ends = []
    while (this.inFlight >= AHEAD && !this.failure) await this.wait()
    this.check()
    this.inFlight++
    this.start().postMessage(batch, [batch.buffer])
  }

  /**
   * Queues one file and returns its bytes as queued (a view that is valid until the next
   * write, drain or close: hash it right away if needed). Text is written as UTF-8.
   */
  put(file: string, data: Uint8Array | string): Uint8Array {
    this.check()
    const start = this.used
    if (typeof data === 'string') {
      this.reserve(data.length * 3)
      this.used += this.memory.buffer.write(data, start, 'utf8')
    } else {
      this.reserve(data.length)
      this.memory.buffer.set(data, start)
      this.used += data.length
    }
    this.files.push(file)
    this.ends.push(this.used)
    return this.memory.buffer.subarray(start, this.used)
  }

  /** Whether the batch is full (flushIfFull would send it). */
  get full(): boolean {
    return this.used >= BATCH_BYTES
  }

  /** Sends the batch when it is full; waits only when several batches are already on their way. */
  async flushIfFull(): Promise<void> {
    if (this.used >= BATCH_BYTES) await this.flush()
  }

  /** Queues one file (put, then flushIfFull). */
  async write(file: string, data: Uint8Array | string): Promise<void> {
    this.put(file, data)
    await this.flushIfFull()
  }

  /**
   * Every file queued so far is on disk (or the first failure is thrown). The batch not sent yet
   * is written here, on this thread, while the worker writes those it has: the end of an export
   * waits for the slower of the two, not for both in turn (and an export of a few files, all in
   * one batch, starts no thread at all).
   */
  async drain(): Promise<void> {
    this.check()
    if (this.files.length > 0) this.writeHere()
    while (this.inFlight > 0 && !this.failure) await this.wait()
    this.check()
  }

  /** Writes the current batch on this thread (what the worker does with a batch). */
  private writeHere(): void {
    const { buffer } = this.memory
    let start = 0
    for (let i = 0; i < this.files.length; i++) {
      const file = this.files[i] as string
      const end = this.ends[i] as number
      const dir = path.dirname(file)
      if (!this.made.has(dir)) {
        mkdirSync(dir, { recursive: true })
        this.made.add(dir)
      }
      writeFileSync(file, buffer.subarray(start, end))
      start = end
    }
    this.used = 0
    this.files = []
    this.ends = []
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
