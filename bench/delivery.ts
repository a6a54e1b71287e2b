/**
 * Delivery at scale (issue 11 targets, 2-core machine): 1,000 award messages, each with the badge
 * image inline and the baked PNG attached, to a real SMTP server (smtp-server, AUTH, 127.0.0.1)
 * ≤ 20 s; the station's memory stays flat while sending (sampled every 50 ms).
 *
 *   node --import tsx bench/delivery.ts
 */
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { fileURLToPath, pathToFileURL } from 'node:url'
import { deliver } from '../main/core/delivery/sender.js'
import { spawn } from 'node:child_process'
import { SINK_PASSWORD, SINK_USER } from '../main/core/delivery/test-support/smtp-sink.js'
import { benchStation, batchAward, call } from './support/station.js'

export type DeliveryBenchResult = {
  messages: number
  sendMs: number
  sendCpuMs: number
  messagesPerSecond: number
  averageMessageKb: number
  journalEntriesPerMessage: number
  heapMb: { before: number; peak: number; after: number }
  /** Heap used after 250, 500, 750 and 1,000 messages: flat means it does not grow with the queue. */
  heapAtQuartersMb: number[]
  rssMb: { before: number; peak: number; after: number }
  loadAverage: number
}

const MESSAGES = 1000

const mb = (bytes: number): number => Math.round((bytes / 2 ** 20) * 10) / 10

type ChildSink = {
  port: number
  received: () => number
  bytes: () => number
  close(): Promise<void>
}

/** The SMTP server in a child process (bench/smtp-sink-child.ts). */
async function childSink(): Promise<ChildSink> {
  const file = fileURLToPath(new URL('./smtp-sink-child.ts', import.meta.url))
  const child = spawn(process.execPath, ['--import', 'tsx', file], {
    stdio: ['ignore', 'pipe', 'inherit']
  })
  let received = 0
  let bytes = 0
  let buffer = ''
  const port = await new Promise<number>((resolve, reject) => {
    child.once('exit', () => reject(new Error('the SMTP server process ended')))
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => {
      buffer += chunk
      const lines = buffer.split('\n')
      buffer = lines.pop() ?? ''
      for (const line of lines) {
        const [kind, a, b] = line.split(' ')
        if (kind === 'port') resolve(Number(a))
        if (kind === 'rx') {
          received++
          bytes += Number(b)
        }
      }
    })
  })
  return {
    port,
    received: () => received,
    bytes: () => bytes,
    close: () =>
      new Promise<void>((resolve) => {
        child.once('exit', () => resolve())
        child.kill('SIGTERM')
      })
  }
}

const settle = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms))

export async function runDeliveryBench(): Promise<DeliveryBenchResult> {
  process.env.KILN_SCRYPT_N ??= '16384'
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'kiln-bench-delivery-'))
  const sink = await childSink()
  const { core, badgeId } = await benchStation(dir, {
    name: 'Bench Summit',
    description: 'Attended the bench summit.',
    criteriaNarrative: 'Attend.'
  })
  try {
    await call(core, 'mail:setup', {
      host: '127.0.0.1',
      port: sink.port,
      security: 'none',
      user: SINK_USER,
      password: SINK_PASSWORD,
      from: 'badges@bench.example.org'
    })
    await batchAward(core, badgeId, MESSAGES, 0)

    global.gc?.()
    const before = process.memoryUsage()
    let peakHeap = before.heapUsed
    let peakRss = before.rss
    const sampler = setInterval(() => {
      const m = process.memoryUsage()
      peakHeap = Math.max(peakHeap, m.heapUsed)
      peakRss = Math.max(peakRss, m.rss)
    }, 50)
    const journalBefore = core.station.journal.count
    const cpu = process.cpuUsage()
    const start = performance.now()
    const quarters: number[] = []
    const outcome = await deliver(core.station, {
      now: true,
      onProgress: (done) => {
        if (done % (MESSAGES / 4) !== 0) return
        // With --expose-gc the figure is what is still referenced, not garbage waiting.
        global.gc?.()
        quarters.push(mb(process.memoryUsage().heapUsed))
      }
    })
    const sendMs = performance.now() - start
    const cpuUsed = process.cpuUsage(cpu)
    clearInterval(sampler)
    const after = process.memoryUsage()
    for (let i = 0; i < 100 && sink.received() < MESSAGES; i++) await settle(50)
    if (outcome.report.sent.length !== MESSAGES || sink.received() !== MESSAGES) {
      throw new Error(
        `sent ${outcome.report.sent.length}, received ${sink.received()} of ${MESSAGES}`
      )
    }
    const bytes = sink.bytes()
    const result: DeliveryBenchResult = {
      messages: MESSAGES,
      sendMs: Math.round(sendMs),
      sendCpuMs: Math.round((cpuUsed.user + cpuUsed.system) / 1000),
      messagesPerSecond: Math.round((MESSAGES / sendMs) * 1000),
      averageMessageKb: Math.round(bytes / MESSAGES / 102.4) / 10,
      journalEntriesPerMessage:
        Math.round(((core.station.journal.count - journalBefore) / MESSAGES) * 100) / 100,
      heapMb: { before: mb(before.heapUsed), peak: mb(peakHeap), after: mb(after.heapUsed) },
      heapAtQuartersMb: quarters,
      rssMb: { before: mb(before.rss), peak: mb(peakRss), after: mb(after.rss) },
      loadAverage: Math.round((os.loadavg()[0] ?? 0) * 100) / 100
    }
    console.log(
      `${MESSAGES} messages (${result.averageMessageKb} KB each) in ${result.sendMs} ms (${result.messagesPerSecond}/s, ${result.sendCpuMs} ms CPU); ` +
        `heap ${result.heapMb.before} → peak ${result.heapMb.peak} → ${result.heapMb.after} MB (at each quarter: ${quarters.join(', ')}), rss peak ${result.rssMb.peak} MB`
    )
    return result
  } finally {
    await core.close()
    await sink.close()
    fs.rmSync(dir, { recursive: true, force: true })
  }
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  console.log(JSON.stringify(await runDeliveryBench(), null, 2))
}
