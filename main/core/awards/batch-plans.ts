/** Accepted batch previews, kept (for an hour) until awards:batchStart takes one. */
import type { BatchPreview } from '../../../shared/types.js'
import type { AwardOptions, Person } from './issue-award.js'

export type Planned = Person & { row: number }

export type Plan = Readonly<{
  preview: BatchPreview
  people: readonly Planned[]
  options: AwardOptions
  /** recipient id → a name kept from the file, written to the book with their award. */
  renames?: ReadonlyMap<string, string>
}>

export const PREVIEW_TTL_MS = 60 * 60 * 1000

export class BatchPlans {
  readonly #plans = new Map<string, Plan>()

  put(plan: Plan, now = Date.now()): void {
    for (const [id, p] of this.#plans) {
      if (Date.parse(p.preview.expiresAt) < now) this.#plans.delete(id)
    }
    this.#plans.set(plan.preview.previewId, plan)
  }

  /** The plan if it is still valid (it stays until taken). */
  get(previewId: string, now = Date.now()): Plan | undefined {
    const plan = this.#plans.get(previewId)
    return plan && Date.parse(plan.preview.expiresAt) >= now ? plan : undefined
  }

  take(previewId: string): void {
    this.#plans.delete(previewId)
  }
}
