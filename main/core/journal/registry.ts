/**
 * Every journal event Kiln knows, from one list per domain (events/<domain>.ts). The types below
 * are derived from it: JournalEvent is the discriminated union readers switch on, and writers can
 * only append an event whose data matches its type.
 */
import type { Envelope, EventDef, TypedEvent } from './define.js'
import { awardEvents } from './events/awards.js'
import { checkinEvents } from './events/checkins.js'
import { deliveryEvents } from './events/delivery.js'
import { deskEvents } from './events/desk.js'
import { exchangeEvents } from './events/exchange.js'
import { publishEvents } from './events/publish.js'
import { recipientEvents } from './events/recipients.js'
import { ruleEvents } from './events/rules.js'
import { stationEvents } from './events/station.js'

export const EVENT_DEFS = [
  ...stationEvents,
  ...awardEvents,
  ...recipientEvents,
  ...checkinEvents,
  ...ruleEvents,
  ...exchangeEvents,
  ...publishEvents,
  ...deliveryEvents,
  ...deskEvents
] as const

type Defs = (typeof EVENT_DEFS)[number]

export type JournalEvent = Defs extends infer D
  ? D extends EventDef<infer T, infer Data>
    ? TypedEvent<T, Data>
    : never
  : never

export type EventType = JournalEvent['type']
export type EventData<T extends EventType> = Extract<JournalEvent, { type: T }>['data']

/** A journal entry as readers get it: the envelope and one typed event. */
export type JournalEntry = JournalEvent & Envelope

/** What a writer appends (the journal adds seq, station, v and the link). */
export type NewEvent = JournalEvent & Readonly<{ ts?: string }>

const BY_TYPE: ReadonlyMap<string, Defs> = new Map(EVENT_DEFS.map((d) => [d.type, d]))

export function eventDef(type: string): Defs | undefined {
  return BY_TYPE.get(type)
}
