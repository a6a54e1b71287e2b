import type { StationStatus } from '../../../shared/types.js'

/** What the shell hands every section's screen. */
export type SectionProps = Readonly<{
  status: StationStatus
  /** Adopt a new station status (after a lock, a profile change, a key rotation). */
  onStatus: (status: StationStatus) => void
}>
