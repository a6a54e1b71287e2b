/**
 * The figures that used to be stopwatches inside tests (issue 13 item 16): they are measured
 * here, with the machine's load printed beside them, and recorded in BENCHMARKS.md.
 *
 * - a 6,000-award batch: the longest gap between progress events, the longest event-loop
 *   stall (a 20 ms timer), and the slowest `station:status` call made every 50 ms meanwhile;
 * - `analytics:summary` over 50,000 awards (a range, and all time);
 * - refusing a 20000×20000 PNG decompression bomb from its header;
 * - filtering a catalog of 1,000 badges as one types (the renderer's pure filter).
 *
 *   node --import tsx bench/responsiveness.ts
 */
import os from 'node:os'
import { deflateSync } from 'node:zlib'
import { pathToFileURL } from 'node:url'
import type { Badge } from '../shared/types.js'
import { AwardLedger, type AwardRecord } from '../main/core/awards/ledger.js'
import { JournalIndex } from '../main/core/analytics/journal-index.js'
import { summarise } from '../main/core/analytics/summary.js'
import { csvBase64, freshKit, peopleCsv } from '../main/core/awards/test-support/station-kit.js'
import { cleanUpload } from '../main/core/badges/images.js'
import type { BadgeRecord } from '../main/core/station/catalog-model.js'
import type { JournalEntry, NewEvent } from '../main/core/journal/registry.js'
import {
  INITIAL_FILTERS,
  filterBadges,
  indexBadges
} from '../renderer/src/screens/badges/catalog-filter.js'

export type ResponsivenessBenchResult = {
  load: string
  batch: { awards: number; maxProgressGapMs: number; maxStallMs: number; maxStatusCallMs: number }
  analyticsSummary50k: { rangeMs: number; allTimeMs: number }
  pngBombRefusalMs: number
  catalogFilter1000: { perKeystrokeMs: number }
}

const round = (ms: number): number => Math.round(ms * 10) / 10

async function batchFigures(): Promise<ResponsivenessBenchResult['batch']> {
  const awards = 6000
  const kit = await freshKit()
  try {
    const progressAt: number[] = []
    kit.core.bus.subscribe((event) => {
      if (event.name === 'job:progress') progressAt.push(performance.now())
    })
    const preview = await kit.call('awards:batchPreview', {
      badgeId: kit.badgeId,
      source: { csvBase64: csvBase64(peopleCsv(awards)) }
    })
    const ticks: number[] = []
    const ticker = setInterval(() => ticks.push(performance.now()), 20)
    const calls: number[] = []
    let polling = true
    const poll = (async () => {
      while (polling) {
        const t = performance.now()
        await kit.call('station:status', {})
        calls.push(performance.now() - t)
        await new Promise((r) => setTimeout(r, 50))
      }
    })()
    const start = performance.now()
    const { jobId } = await kit.call('awards:batchStart', { previewId: preview.previewId })
    progressAt.unshift(start)
    const final = await kit.core.station.jobs.wait(jobId)
    progressAt.push(performance.now())
    polling = false
    await poll
    clearInterval(ticker)
    if (final.state !== 'done') throw new Error(`the batch ended ${final.state}`)
    const gaps = (xs: number[]): number[] => xs.slice(1).map((t, i) => t - (xs[i] as number))
    return {
      awards,
      maxProgressGapMs: round(Math.max(...gaps(progressAt))),
      maxStallMs: round(Math.max(0, ...gaps(ticks).map((g) => g - 20))),
      maxStatusCallMs: round(Math.max(...calls))
    }
  } finally {
    await kit.close()
  }
}

function badgeRecord(i: number): BadgeRecord {
  const content = {
    name: `Badge ${i}`,
    description: 'd',
    criteria: { narrative: 'c' },
    tags: [`tag-${i % 6}`],
    achievementType: 'Badge',
    alignments: [],
    expiry: { kind: 'never' as const }
  }
  return {
    id: `b${i}`,
    status: 'published',
    createdAt: '2025-01-01T00:00:00Z',
    updatedAt: '2025-01-01T00:00:00Z',
    content,
    versions: [{ version: 1, publishedAt: '2025-01-02T00:00:00Z', content }]
  }
}

function analyticsFigures(): ResponsivenessBenchResult['analyticsSummary50k'] {
  const ledger = new AwardLedger()
  const index = new JournalIndex()
  let seq = 0
  const push = (event: NewEvent, ts: string): void => {
    const entry: JournalEntry = { ...event, seq: ++seq, ts, station: 'st', v: 1, prev: '' }
    ledger.apply(entry, { start: 0, length: 0 })
    index.apply(entry, { start: 0, length: 0 })
  }
  const start = Date.parse('2024-06-01T00:00:00Z')
  for (let i = 0; i < 50_000; i++) {
    const awardedDate = new Date(start + (i % 365) * 86_400_000 + (i % 1000) * 1000).toISOString()
    const award: AwardRecord = {
      id: `a${i}`,
      badgeId: `b${Math.floor(Math.sqrt(i % 1600))}`,
      badgeVersion: 1,
      recipientName: `p${i % 20_000}`,
      recipientEmail: `p${i % 20_000}@example.org`,
      salt: 's',
      credentialId: `urn:uuid:a${i}`,
      awardedDate,
      validFrom: awardedDate,
      statusIndex: i,
      stationId: 'st'
    }
    push({ type: 'award.issued', data: { award, credentialJson: '{}' } }, awardedDate)
    if (i % 50 === 0) {
      push(
        {
          type: 'award.revoked',
          data: { awardId: `a${i}`, reason: 'Duplicate', revokedAt: awardedDate }
        },
        awardedDate
      )
    }
  }
  const badges = Array.from({ length: 40 }, (_, i) => badgeRecord(i))
  const sources = {
    ledger,
    badges,
    automaticAwardIds: index.automaticAwardIds,
    ruleRuns: index.ruleRuns,
    now: new Date('2025-06-20T12:00:00Z')
  }
  const best = (fn: () => unknown): number => {
    let min = Infinity
    for (let r = 0; r < 5; r++) {
      const t = performance.now()
      fn()
      min = Math.min(min, performance.now() - t)
    }
    return round(min)
  }
  return {
    rangeMs: best(() =>
      summarise({ bucket: 'day', from: '2025-01-01', to: '2025-06-30' }, sources)
    ),
    allTimeMs: best(() => summarise({ bucket: 'day' }, sources))
  }
}

function chunk(type: string, data: Buffer): Buffer {
  const head = Buffer.alloc(8)
  head.writeUInt32BE(data.length, 0)
  head.write(type, 4, 'latin1')
  return Buffer.concat([head, data, Buffer.alloc(4)])
}

function pngBombFigure(): number {
  const ihdr = Buffer.alloc(13)
  ihdr.writeUInt32BE(20000, 0)
  ihdr.writeUInt32BE(20000, 4)
  ihdr.set([8, 6, 0, 0, 0], 8)
  const png = Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', ihdr),
    chunk('IDAT', deflateSync(Buffer.alloc(1024))),
    chunk('IEND', Buffer.alloc(0))
  ])
  let min = Infinity
  for (let r = 0; r < 20; r++) {
    const t = performance.now()
    try {
      cleanUpload(png)
    } catch {
      /* refused, as it must be */
    }
    min = Math.min(min, performance.now() - t)
  }
  return round(min)
}

function catalogFigure(): ResponsivenessBenchResult['catalogFilter1000'] {
  const badges = Array.from({ length: 1000 }, (_, i): Badge => {
    const n = String(i).padStart(4, '0')
    const record = badgeRecord(i)
    return {
      ...record,
      content: { ...record.content, name: `Workshop ${n}`, tags: [`track-${i % 7}`] },
      awardCount: i % 13
    } as unknown as Badge
  })
  const index = indexBadges(badges)
  const typed = 'workshop 0777'
  const t = performance.now()
  let runs = 0
  for (let r = 0; r < 20; r++) {
    for (let k = 1; k <= typed.length; k++) {
      filterBadges(index, { ...INITIAL_FILTERS, query: typed.slice(0, k) })
      runs++
    }
  }
  return { perKeystrokeMs: round((performance.now() - t) / runs) }
}

export async function runResponsivenessBench(): Promise<ResponsivenessBenchResult> {
  const load = os
    .loadavg()
    .map((l) => l.toFixed(1))
    .join(' / ')
  const result: ResponsivenessBenchResult = {
    load,
    batch: await batchFigures(),
    analyticsSummary50k: analyticsFigures(),
    pngBombRefusalMs: pngBombFigure(),
    catalogFilter1000: catalogFigure()
  }
  console.log(JSON.stringify(result, null, 2))
  return result
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  await runResponsivenessBench()
}
