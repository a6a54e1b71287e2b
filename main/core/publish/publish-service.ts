/**
 * Publishing's part of a station (Station.publisher, built with the other services): publish
 * jobs (kind 'publish:site' in the station's job system, one at a time), what is waiting to be
 * published, and the automatic publisher (started in opened() by hosts that stay open; the CLI
 * publishes when told).
 */
import os from 'node:os'
import type { PublishStatus } from '../../../shared/methods/publish.js'
import type { JobState } from '../../../shared/methods/jobs.js'
import type { Station } from '../station/station.js'
import type { StationService } from '../station/service.js'
import { fail } from '../failure.js'
import { logger } from '../logger.js'
import { forgetTarget, readRecord } from './publish-record.js'
import { publishSite } from './publish-site.js'
import { chooseTarget, readSection, settingsView, type PublishTarget } from './target-store.js'

export type AutoPublishTiming = Readonly<{
  /** Wait after the last award before publishing (awards come in bursts at a desk). */
  debounceMs: number
  /** First retry after a failure; doubles up to maxBackoffMs. */
  backoffMs: number
  maxBackoffMs: number
}>

const DEFAULT_TIMING: AutoPublishTiming = {
  debounceMs: 5_000,
  backoffMs: 30_000,
  maxBackoffMs: 30 * 60_000
}

const LOOPBACK = /^(localhost|127\.\d+\.\d+\.\d+|::1|\[::1\])$/i

/** Whether the computer has a network that could reach the target. */
export function networkFor(target: PublishTarget): boolean {
  if (target.kind === 'folder') return true
  const host = target.kind === 's3' ? new URL(target.endpoint).hostname : target.host
  if (LOOPBACK.test(host)) return true
  return Object.values(os.networkInterfaces()).some((list) => (list ?? []).some((i) => !i.internal))
}

export class PublishService implements StationService {
  private timer: NodeJS.Timeout | undefined
  private failures = 0
  private retry: { at: string; error: string } | undefined
  private auto = false
  private unsubscribe: (() => void) | undefined
  /** The target of each publish job this process started (for the CONFLICT sentence). */
  private readonly targets = new Map<string, string>()

  constructor(
    private readonly station: Station,
    private readonly timing: AutoPublishTiming = DEFAULT_TIMING
  ) {}

  /** Hosts that stay open publish automatically when the setting is on. */
  opened(): void {
    if (this.station.longLived) this.startAuto()
  }

  /** No automatic publish starts once the station closes (a running one is cancelled by the jobs). */
  async settle(): Promise<void> {
    this.stopAuto()
  }

  close(): void {
    this.stopAuto()
  }

  /** The publish job in progress, if any. */
  running(): JobState | undefined {
    return this.station.jobs.list({ kind: 'publish:site', state: 'running' })[0]
  }

  /** Starts a publish job to the named (or default) target. */
  start(targetName: string | undefined, full: boolean): { jobId: string; target: string } {
    const station = this.station
    station.requireInitialized()
    void station.signer
    const target = chooseTarget(station, targetName)
    const busy = this.running()
    if (busy) {
      fail(
        'CONFLICT',
        `A publish to "${this.targets.get(busy.jobId) ?? 'a target'}" is already running.`,
        { jobId: busy.jobId }
      )
    }
    const jobId = station.jobs.start(
      'publish:site',
      { total: 0, phase: 'preparing', exclusive: true },
      (control) =>
        publishSite(station, target, {
          ...(full ? { full } : {}),
          control: {
            signal: control.signal,
            cancelled: control.cancelled,
            mutate: control.mutate,
            yieldIfDue: control.yieldIfDue,
            progress: (phase, done, total) => control.progress(done, total, undefined, phase)
          }
        })
    )
    this.targets.set(jobId, target.name)
    void station.jobs.wait(jobId).finally(() => this.targets.delete(jobId))
    return { jobId, target: target.name }
  }

  /** Awards (and revocations) not yet on the target. */
  waiting(target: PublishTarget): number {
    const record = readRecord(this.station.paths.dataDir, target.name)
    const published = new Set(record?.awards ?? [])
    const revoked = new Set(record?.revoked ?? [])
    let n = 0
    for (const id of this.station.awards.ids()) {
      if (!published.has(id)) n++
      else if (this.station.awards.isRevoked(id) && !revoked.has(id)) n++
    }
    return n
  }

  status(): PublishStatus {
    const settings = settingsView(this.station)
    const section = readSection(this.station)
    const name =
      settings.defaultTarget ??
      (section.targets.length === 1 ? section.targets[0]?.name : undefined)
    const target = name !== undefined ? section.targets.find((t) => t.name === name) : undefined
    const running = this.running()?.jobId
    if (!target) return { settings, waiting: 0, ...(running ? { running } : {}) }
    const record = readRecord(this.station.paths.dataDir, target.name)
    return {
      settings,
      target: target.name,
      waiting: this.waiting(target),
      ...(record ? { lastPublishedAt: record.publishedAt } : {}),
      ...(running ? { running } : {}),
      ...(this.retry ? { retry: this.retry } : {})
    }
  }

  lastPublished(
    target: PublishTarget
  ): { at: string; seq: number; manifestHash: string } | undefined {
    const record = readRecord(this.station.paths.dataDir, target.name)
    return record
      ? { at: record.publishedAt, seq: record.seq, manifestHash: record.manifestHash }
      : undefined
  }

  forget(name: string): void {
    forgetTarget(this.station.paths.dataDir, name)
  }

  /** Publishes automatically after awards while the setting is on (long-lived hosts only). */
  startAuto(): void {
    if (this.auto) return
    this.auto = true
    this.unsubscribe = this.station.bus.subscribe((event) => {
      if (event.name === 'data:changed' && event.payload.domain === 'awards') {
        this.failures = 0
        this.schedule(this.timing.debounceMs)
      } else if (event.name === 'station:lock-changed' && !event.payload.locked) {
        this.schedule(this.timing.debounceMs)
      }
    })
    this.schedule(this.timing.debounceMs)
  }

  stopAuto(): void {
    this.auto = false
    this.unsubscribe?.()
    this.unsubscribe = undefined
    if (this.timer) clearTimeout(this.timer)
    this.timer = undefined
  }

  private schedule(delayMs: number): void {
    if (!this.auto) return
    if (this.timer) clearTimeout(this.timer)
    // Outside any queued task: the job the timer starts queues on its own.
    this.timer = this.station.queue.detach(() =>
      setTimeout(() => {
        this.timer = undefined
        void this.autoRun()
      }, delayMs)
    )
    this.timer.unref?.()
  }

  private backOff(error: string): void {
    const delay = Math.min(this.timing.maxBackoffMs, this.timing.backoffMs * 2 ** this.failures)
    this.failures++
    this.retry = { at: new Date(Date.now() + delay).toISOString(), error }
    this.schedule(delay)
  }

  private async autoRun(): Promise<void> {
    const station = this.station
    try {
      if (!station.initialized || station.locked) return
      const section = readSection(station)
      if (!section.auto) return
      if (this.running()) {
        this.schedule(this.timing.debounceMs)
        return
      }
      const target = chooseTarget(station, undefined)
      if (this.waiting(target) === 0) return
      if (!networkFor(target)) {
        this.backOff('The computer is offline.')
        return
      }
      const { jobId } = this.start(target.name, false)
      const end = await station.jobs.wait(jobId)
      if (end.state === 'done') {
        this.failures = 0
        this.retry = undefined
        if (this.waiting(target) > 0) this.schedule(this.timing.debounceMs)
      } else if (end.state === 'failed') {
        this.backOff(end.error?.message ?? 'Publishing failed.')
      }
    } catch (error) {
      logger.warn('automatic publishing did not start', error)
      this.backOff(error instanceof Error ? error.message : 'Publishing failed.')
    } finally {
      station.bus.emit('data:changed', { domain: 'bundles' })
    }
  }
}
