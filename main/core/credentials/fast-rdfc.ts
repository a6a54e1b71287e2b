/**
 * RDFC-1.0 for the common case: every blank node's first-degree hash (RDFC-1.0 §4.6) is
 * unique, so canonical labels follow from sorting those hashes (§4.4 step 5) and the
 * N-degree algorithm never runs. Returns null when any two hashes collide (or the quads
 * hold a duplicate, which the full algorithm's input parser merges); the caller then runs
 * the full algorithm (rdf-canonize).
 */
import { sha256Hex } from './platform/crypto.js'
import type { Quad } from './fast-rdf.js'

function serialize(q: Quad, label: (b: number) => string): string {
  const s = typeof q.s === 'number' ? label(q.s) : q.s
  const o = typeof q.o === 'number' ? label(q.o) : q.o
  return `${s} ${q.p} ${o} .\n`
}

/** Which quads mention each blank node (index = blank node number). */
function mentionsOf(quads: readonly Quad[], blankNodes: number): Quad[][] {
  const mentions: Quad[][] = Array.from({ length: blankNodes }, () => [])
  for (const q of quads) {
    if (typeof q.s === 'number') mentions[q.s]?.push(q)
    if (typeof q.o === 'number' && q.o !== q.s) mentions[q.o]?.push(q)
  }
  return mentions
}

/** Hex SHA-256 first-degree hash of each blank node (index = blank node number). */
export function firstDegreeHashes(quads: readonly Quad[], blankNodes: number): string[] {
  return mentionsOf(quads, blankNodes).map((list, id) => {
    const lines = list.map((q) => serialize(q, (b) => (b === id ? '_:a' : '_:z')))
    lines.sort()
    return sha256Hex(lines.join(''))
  })
}

/** The quads as N-Quads with arbitrary blank node labels (input for the full RDFC-1.0). */
export function plainNQuads(quads: readonly Quad[]): string {
  return quads.map((q) => serialize(q, (b) => `_:b${b}`)).join('')
}

/** Canonical N-Quads, or null when first-degree hashes do not decide every label. */
export function canonicalNQuads(quads: readonly Quad[], blankNodes: number): string | null {
  const hashes = firstDegreeHashes(quads, blankNodes)
  const order = hashes.map((h, i) => [h, i] as const)
  order.sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0))
  const labels: string[] = new Array<string>(blankNodes)
  for (let k = 0; k < order.length; k++) {
    const entry = order[k]
    if (entry === undefined) return null
    if (k > 0 && order[k - 1]?.[0] === entry[0]) return null
    labels[entry[1]] = `_:c14n${k}`
  }
  const lines = quads.map((q) => serialize(q, (b) => labels[b] ?? '_:?'))
  lines.sort()
  // A repeated line is a repeated quad: datasets are sets, and the hashes above counted it
  // twice, so let the full algorithm (whose parser merges duplicates) decide.
  for (let i = 1; i < lines.length; i++) if (lines[i] === lines[i - 1]) return null
  return lines.join('')
}
