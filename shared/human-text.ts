/**
 * Text people type and other people read (names, badge texts, narratives, the operator, the
 * issuer's name) must not carry characters that cannot be seen: control characters (NUL, …)
 * and the Unicode bidi embeddings, overrides and isolates (U+202A–U+202E, U+2066–U+2069),
 * which make a name display differently from what it says ("Trojan Source"). They would be
 * signed into credentials and written into pages and certificates, so every entry point
 * refuses them: the contract's schemas (`humanText`, `humanParagraph` in schemas.ts) and the
 * CSV readers (`hiddenCharacterProblem`), with one sentence from here.
 *
 * Left alone on purpose: LRM/RLM/ALM marks (U+200E, U+200F, U+061C) and ZWJ/ZWNJ, which
 * mixed-script names legitimately need and which cannot reorder text on their own.
 */

export type HiddenCharacter = Readonly<{
  /** The code point (for an unpaired surrogate, the surrogate). */
  codePoint: number
  kind: 'control' | 'direction' | 'line-break' | 'broken'
}>

const NAMES: Readonly<Record<number, string>> = {
  0x00: 'NULL',
  0x09: 'TAB',
  0x0a: 'LINE FEED',
  0x0d: 'CARRIAGE RETURN',
  0x1b: 'ESCAPE',
  0x7f: 'DELETE',
  0x85: 'NEXT LINE',
  0x2028: 'LINE SEPARATOR',
  0x2029: 'PARAGRAPH SEPARATOR',
  0x202a: 'LEFT-TO-RIGHT EMBEDDING',
  0x202b: 'RIGHT-TO-LEFT EMBEDDING',
  0x202c: 'POP DIRECTIONAL FORMATTING',
  0x202d: 'LEFT-TO-RIGHT OVERRIDE',
  0x202e: 'RIGHT-TO-LEFT OVERRIDE',
  0x2066: 'LEFT-TO-RIGHT ISOLATE',
  0x2067: 'RIGHT-TO-LEFT ISOLATE',
  0x2068: 'FIRST STRONG ISOLATE',
  0x2069: 'POP DIRECTIONAL ISOLATE'
}

function isDirectionControl(c: number): boolean {
  return (c >= 0x202a && c <= 0x202e) || (c >= 0x2066 && c <= 0x2069)
}

/**
 * The first character of `text` that a person cannot see and that Kiln refuses, or undefined.
 * `multiline` texts (a description, a narrative) may hold tabs and line breaks; one-line texts
 * (a name) may not.
 */
export function findHiddenCharacter(
  text: string,
  options: Readonly<{ multiline?: boolean }> = {}
): HiddenCharacter | undefined {
  const multiline = options.multiline === true
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i)
    if (c >= 0x20 && c < 0x7f) continue
    if (c === 0x09 || c === 0x0a || c === 0x0d || c === 0x2028 || c === 0x2029) {
      if (multiline) continue
      return { codePoint: c, kind: c === 0x09 ? 'control' : 'line-break' }
    }
    if (c < 0x20 || (c >= 0x7f && c <= 0x9f)) return { codePoint: c, kind: 'control' }
    if (isDirectionControl(c)) return { codePoint: c, kind: 'direction' }
    if (c >= 0xd800 && c <= 0xdbff) {
      const next = text.charCodeAt(i + 1)
      if (next >= 0xdc00 && next <= 0xdfff) {
        i++
        continue
      }
      return { codePoint: c, kind: 'broken' }
    }
    if (c >= 0xdc00 && c <= 0xdfff) return { codePoint: c, kind: 'broken' }
  }
  return undefined
}

/** "U+202E RIGHT-TO-LEFT OVERRIDE" */
export function codePointLabel(codePoint: number): string {
  const hex = 'U+' + codePoint.toString(16).toUpperCase().padStart(4, '0')
  const name = NAMES[codePoint]
  return name === undefined ? hex : `${hex} ${name}`
}

/** The sentence (without the field) for a refused character, e.g. for "Row 7, name: …". */
export function hiddenCharacterMessage(found: HiddenCharacter): string {
  const label = codePointLabel(found.codePoint)
  switch (found.kind) {
    case 'direction':
      return (
        `contains an invisible control character (${label}) that changes the direction of ` +
        'the text, so it would not read as typed; remove it and type the text again'
      )
    case 'line-break':
      return `contains a line break (${label}); it must be one line`
    case 'broken':
      return `contains a broken character (${label}, half of a pair); type the text again`
    case 'control':
      return `contains an invisible control character (${label}); remove it and type the text again`
  }
}

/** The refusal sentence for `text`, or undefined when it is fine. */
export function hiddenCharacterProblem(
  text: string,
  options: Readonly<{ multiline?: boolean }> = {}
): string | undefined {
  const found = findHiddenCharacter(text, options)
  return found === undefined ? undefined : hiddenCharacterMessage(found)
}
