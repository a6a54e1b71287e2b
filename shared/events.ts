/** Events pushed from the core to every host (IPC in Electron, SSE in the web host). */
import type { KilnError } from './result.js'
import type { JobKind } from './methods/jobs.js'

/**
 * The data domains screens refresh by: the one list (the relay's event schema checks
 * 'data:changed' against it, main/relay/messages.ts).
 */
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
  'job:progress': Readonly<{
    jobId: string
    kind: JobKind
    done: number
    total: number
    phase?: string
  }>
  /** A long job ended (done, failed or cancelled); jobs:get has its result. */
  'job:finished': Readonly<{ jobId: string; kind: JobKind; ok: boolean; error?: KilnError }>
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
