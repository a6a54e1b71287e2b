/**
 * The design with an undo history. Quick repeated changes of one control (dragging a colour or
 * the border slider, typing a text line) merge into one step, so Undo goes back a whole gesture.
 */
import { useCallback, useState } from 'react'
import type { BadgeDesign } from './design-source.js'

const MERGE_WINDOW_MS = 1000
const MAX_STEPS = 200

type History = Readonly<{
  past: readonly BadgeDesign[]
  present: BadgeDesign
  lastControl: string | null
  lastAt: number
}>

export type DesignHistory = Readonly<{
  design: BadgeDesign
  canUndo: boolean
  /** `control` names what changed; changes of the same control in quick succession merge. */
  change: (update: (design: BadgeDesign) => BadgeDesign, control: string) => void
  undo: () => void
}>

export function useDesignHistory(initial: BadgeDesign): DesignHistory {
  const [history, setHistory] = useState<History>({
    past: [],
    present: initial,
    lastControl: null,
    lastAt: 0
  })

  const change = useCallback((update: (design: BadgeDesign) => BadgeDesign, control: string) => {
    const now = Date.now()
    setHistory((h) => {
      const next = update(h.present)
      if (JSON.stringify(next) === JSON.stringify(h.present)) return h
      const merge = h.lastControl === control && now - h.lastAt < MERGE_WINDOW_MS
      return {
        past: merge ? h.past : [...h.past, h.present].slice(-MAX_STEPS),
        present: next,
        lastControl: control,
        lastAt: now
      }
    })
  }, [])

  const undo = useCallback(() => {
    setHistory((h) => {
      const previous = h.past.at(-1)
      if (!previous) return h
      return { past: h.past.slice(0, -1), present: previous, lastControl: null, lastAt: 0 }
    })
  }, [])

  return { design: history.present, canUndo: history.past.length > 0, change, undo }
}
