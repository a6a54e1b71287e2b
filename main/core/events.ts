/** A typed event bus from the core to the hosts (IPC / SSE / CLI progress). */
import type { EventMap, EventName, KilnEvent } from '../../shared/events.js'

export type EventListener = (event: KilnEvent) => void

export class EventBus {
  private readonly listeners = new Set<EventListener>()

  emit<E extends EventName>(name: E, payload: EventMap[E]): void {
    const event = { name, payload } as KilnEvent
    for (const listener of this.listeners) {
      try {
        listener(event)
      } catch {
        // A broken listener (a closed SSE stream) must not stop the others.
      }
    }
  }

  subscribe(listener: EventListener): () => void {
    this.listeners.add(listener)
    return () => this.listeners.delete(listener)
  }
}
