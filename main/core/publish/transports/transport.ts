/**
 * A publish target seen as a flat store of site paths. Every path is a checked relative site
 * path (site-paths.ts); a transport joins it under its own folder or prefix and never touches
 * anything else.
 */
import type { ContentHeaders } from '../content-types.js'
import type { Pin } from '../target-store.js'

export interface Transport {
  /** How many operations may run at once on this connection. */
  readonly concurrency: number
  /** The bytes at `p`, or undefined when there is no such file. */
  read(p: string): Promise<Buffer | undefined>
  /**
   * Writes `data` at `p` (creating folders as needed), replacing what was there. `sha256` is
   * the data's SHA-256 (hex), which S3 signs instead of hashing the body again.
   */
  put(p: string, data: Buffer, headers: ContentHeaders, sha256: string): Promise<void>
  /** Deletes `p`; a missing file is not an error. */
  remove(p: string): Promise<void>
  /** Whether the target's folder or prefix holds nothing at all. */
  isEmpty(): Promise<boolean>
  close(): Promise<void>
}

/** The identity a server showed: pinned on first use, checked on every later connection. */
export type SeenIdentity = Readonly<{ pin: Pin; new: boolean }>

export type OpenedTransport = Readonly<{ transport: Transport; identity?: SeenIdentity }>
