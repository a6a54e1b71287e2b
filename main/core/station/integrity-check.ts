/**
 * The full check of the journal's chain after a fast (sealed) open, in long-lived hosts (the app,
 * `kiln serve`): the whole file as it was at open is walked in the background, yielding to the
 * event loop. If any line no longer hashes into the chain Kiln sealed (a disk error, a change that
 * kept the file's timestamps), the station refuses every change from then on, with an error that
 * names the line; station:status carries it so the UI can say so.
 */
import { KilnFailure } from '../failure.js'
import { logger } from '../logger.js'
import { verifyJournalAsync } from '../storage/verify-journal.js'
import type { AuditReport } from '../../../shared/types.js'
import type { StationService } from './service.js'
import type { Station } from './station.js'

export type IntegrityState = 'not-needed' | 'checking' | 'passed' | 'failed'

export class IntegrityCheck implements StationService {
  readonly #station: Station
  readonly #abort = new AbortController()
  #state: IntegrityState = 'not-needed'
  #done: Promise<void> = Promise.resolve()

  constructor(station: Station) {
    this.#station = station
  }

  get state(): IntegrityState {
    return this.#state
  }

  /** Resolves when the background check (if any) has finished. */
  finished(): Promise<void> {
    return this.#done
  }

  opened(): void {
    const station = this.#station
    if (!station.longLived || !station.initialized) return
    const journal = station.journal
    if (journal.verification.mode !== 'sealed') return
    const { size, head } = journal.verification
    this.#state = 'checking'
    this.#done = station.queue.detach(async () => {
      try {
        const report = await verifyJournalAsync(journal.file, {
          upTo: size,
          expectHead: head.hash,
          signal: this.#abort.signal
        })
        if (this.#abort.signal.aborted) return
        if (report.ok) {
          this.#state = 'passed'
          return
        }
        this.#state = 'failed'
        station.refuseWrites(damage(journal.file, report))
      } catch (error) {
        logger.warn('the background check of the journal could not run', error)
      }
    })
  }

  close(): void {
    this.#abort.abort()
  }
}

function damage(file: string, report: AuditReport): KilnFailure {
  const broken = report.firstBroken
  const line = broken?.line ?? 0
  return new KilnFailure(
    'JOURNAL_CORRUPT',
    `journal.ndjson line ${line}: ${broken?.reason ?? 'the chain does not verify'}. The station refuses changes; restore a backup (kiln audit verify shows the damage).`,
    { path: file, row: line }
  )
}
