/**
 * What Enter picks at the desk. A badge scanner types a whole e-mail or member id and presses
 * Enter at once, faster than the search answers: an exact identifier must win over the first
 * fuzzy match, and is looked up on that Enter rather than after the search's pause.
 */
import type { Recipient } from '../../../../shared/types.js'

/** True when the text is a whole e-mail address (what a scanner sends), not a part of one. */
export function looksLikeEmail(text: string): boolean {
  return /^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(text.trim())
}

/** The recipient whose e-mail (any of them, after merges) or member id is exactly `text`. */
export function exactRecipient(text: string, people: readonly Recipient[]): Recipient | null {
  const needle = text.trim()
  if (!needle) return null
  const email = needle.toLowerCase()
  return (
    people.find((p) => p.email === email || p.emails.includes(email)) ??
    people.find((p) => p.memberId !== undefined && p.memberId === needle) ??
    null
  )
}

export type EnterChoice =
  | Readonly<{ kind: 'pick'; recipient: Recipient }>
  | Readonly<{ kind: 'new' }>
  | Readonly<{ kind: 'none' }>

/** Enter with `text` typed and `people` found for exactly that text. */
export function chooseOnEnter(text: string, people: readonly Recipient[]): EnterChoice {
  if (!text.trim()) return { kind: 'none' }
  const exact = exactRecipient(text, people)
  if (exact) return { kind: 'pick', recipient: exact }
  const first = people[0]
  // An e-mail that nobody has is a new person, even if a fuzzy match came back.
  if (looksLikeEmail(text) || !first) return { kind: 'new' }
  return { kind: 'pick', recipient: first }
}
