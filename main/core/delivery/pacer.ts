/**
 * The rate per minute of the settings, kept as an even pace: one message handed to the mail
 * server every 60 000 / rate ms at most, never a burst. (nodemailer's own limiter counts the
 * messages of a time window and then releases every waiting connection at once, so with three
 * connections it lets bursts of three through; a provider that counts per minute on a sliding
 * window may then refuse.) The next free slot lives in the station's delivery runtime, so a run
 * that follows another keeps the pace.
 */
export type PaceClock = { nextSlotAt: number }

export class Pacer {
  readonly intervalMs: number

  constructor(
    ratePerMinute: number,
    private readonly clock: PaceClock
  ) {
    this.intervalMs = 60_000 / ratePerMinute
  }

  /** How long until the next message may be handed over (0: now). */
  waitMs(now = Date.now()): number {
    return Math.max(0, this.clock.nextSlotAt - now)
  }

  /** Takes the slot of a message handed over now; the next one is one interval later. */
  take(now = Date.now()): void {
    this.clock.nextSlotAt = Math.max(this.clock.nextSlotAt, now) + this.intervalMs
  }
}
