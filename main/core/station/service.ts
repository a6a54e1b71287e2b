/**
 * The lifecycle a station service may take part in. A service is built once, in the Station's
 * constructor (station.ts, "Services"), and the station calls these hooks in order; every hook is
 * optional. A projection (derived from the journal) implements journal/projection.ts instead.
 * Constructors must not use the station yet: it is still being assembled.
 */
export interface StationService {
  /** The station is open and initialised (after open, or after setup); long-lived hosts start timers here. */
  opened?(): void
  /** The passphrase was just verified (unlock or setup); never keep it. */
  unlocked?(passphrase: string): void
  locked?(): void
  /** Closing, first step: finish or stop pending work (awaited, in service order). */
  settle?(): Promise<void>
  /** Closing, last step: stop timers, forget secrets. */
  close?(): void
}
