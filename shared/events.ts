/** Events pushed from the core to every host (IPC in Electron, SSE in the web host). */
import type { KilnError } from './result.js'

/** The data domains a `data:changed` event names (the relay checks events against this list). */
export const DATA_DOMAINS = [
  'station',
  'badges',
  'awards',
  'recipients',
  'rules',
  'checkins',
  'bundles',
  'outbox'
] as const

export type DataDomain = (typeof DATA_DOMAINS)[number]

export type EventMap = {
  /** A long job moved forward. */
  'job:progress': Readonly<{ jobId: string; done: number; total: number; phase?: string }>
  /** A long job ended (done, failed or cancelled). */
  'job:finished': Readonly<{ jobId: string; ok: boolean; error?: KilnError }>
  /** Data of a domain changed; screens showing it refresh. */
  'data:changed': Readonly<{ domain: DataDomain }>
  /** The station was locked or unlocked. */
  'station:lock-changed': Readonly<{ locked: boolean }>
}

export type EventName = keyof EventMap

export const EVENT_NAMES: readonly EventName[] = [
  'job:progress',
  'job:finished',
  'data:changed',
  'station:lock-changed'
]

export type KilnEvent = { [E in EventName]: Readonly<{ name: E; payload: EventMap[E] }> }[EventName]
