/**
 * A small XML tokenizer, just enough to edit an SVG without a DOM: it knows comments, CDATA,
 * processing instructions, DOCTYPE (with an internal subset), start/end/empty tags and quoted
 * attribute values (which may contain '>' or '<'). It reports source positions so callers can
 * splice the original text and leave every other byte untouched.
 */
import { KilnFailure } from '../failure.js'

export type XmlAttr = Readonly<{
  name: string
  /** Raw (still entity-encoded) value between the quotes. */
  raw: string
  start: number
  end: number
}>

export type XmlToken =
  | Readonly<{ kind: 'text'; start: number; end: number }>
  | Readonly<{ kind: 'cdata' | 'comment' | 'pi' | 'doctype'; start: number; end: number }>
  | Readonly<{
      kind: 'start' | 'empty'
      start: number
      end: number
      name: string
      /** Position just after the tag name; attributes follow it. */
      nameEnd: number
      attrs: readonly XmlAttr[]
    }>
  | Readonly<{ kind: 'end'; start: number; end: number; name: string }>

export type XmlElementToken = Extract<XmlToken, { kind: 'start' | 'empty' }>

const WS = new Set([' ', '\t', '\n', '\r'])
const NAME_STOP = new Set([' ', '\t', '\n', '\r', '/', '>', '=', '<', '"', "'"])

function lineOf(text: string, at: number): number {
  let line = 1
  for (let i = 0; i < at && i < text.length; i++) if (text.charCodeAt(i) === 10) line++
  return line
}

function malformed(text: string, at: number, why: string): KilnFailure {
  return new KilnFailure(
    'UNREADABLE_INPUT',
    `SVG is not well-formed at line ${lineOf(text, at)}: ${why}`
  )
}

function closeOf(text: string, from: number, marker: string, what: string, start: number): number {
  const at = text.indexOf(marker, from)
  if (at < 0) throw malformed(text, start, `${what} is never closed`)
  return at + marker.length
}

function readName(text: string, from: number): number {
  let i = from
  while (i < text.length && !NAME_STOP.has(text.charAt(i))) i++
  return i
}

function skipWs(text: string, from: number): number {
  let i = from
  while (i < text.length && WS.has(text.charAt(i))) i++
  return i
}

function scanDoctype(text: string, start: number): number {
  let i = start + 2
  let depth = 0
  while (i < text.length) {
    const c = text.charAt(i)
    if (c === '"' || c === "'") {
      const q = text.indexOf(c, i + 1)
      if (q < 0) break
      i = q + 1
      continue
    }
    if (text.startsWith('<!--', i)) {
      i = closeOf(text, i + 4, '-->', 'a comment', i)
      continue
    }
    if (c === '[') depth++
    else if (c === ']') depth--
    else if (c === '>' && depth <= 0) return i + 1
    i++
  }
  throw malformed(text, start, 'the DOCTYPE is never closed')
}

function scanTag(text: string, start: number): XmlToken {
  const isEnd = text.charAt(start + 1) === '/'
  const nameStart = start + (isEnd ? 2 : 1)
  const nameEnd = readName(text, nameStart)
  if (nameEnd === nameStart) throw malformed(text, start, "'<' is not followed by a tag name")
  const name = text.slice(nameStart, nameEnd)
  if (isEnd) {
    const i = skipWs(text, nameEnd)
    if (text.charAt(i) !== '>') throw malformed(text, start, `end tag </${name}> is not closed`)
    return { kind: 'end', start, end: i + 1, name }
  }
  const attrs: XmlAttr[] = []
  let i = nameEnd
  for (;;) {
    i = skipWs(text, i)
    if (i >= text.length) throw malformed(text, start, `tag <${name}> is never closed`)
    if (text.charAt(i) === '>') return { kind: 'start', start, end: i + 1, name, nameEnd, attrs }
    if (text.startsWith('/>', i)) return { kind: 'empty', start, end: i + 2, name, nameEnd, attrs }
    const attrStart = i
    const attrNameEnd = readName(text, i)
    if (attrNameEnd === i) {
      throw malformed(text, i, `unexpected '${text.charAt(i)}' in tag <${name}>`)
    }
    const attrName = text.slice(i, attrNameEnd)
    i = skipWs(text, attrNameEnd)
    if (text.charAt(i) !== '=') {
      throw malformed(text, i, `attribute ${attrName} on <${name}> has no value`)
    }
    i = skipWs(text, i + 1)
    const quote = text.charAt(i)
    if (quote !== '"' && quote !== "'") {
      throw malformed(text, i, `attribute ${attrName} on <${name}> is not quoted`)
    }
    const close = text.indexOf(quote, i + 1)
    if (close < 0) throw malformed(text, i, `attribute ${attrName} on <${name}> is never closed`)
    attrs.push({ name: attrName, raw: text.slice(i + 1, close), start: attrStart, end: close + 1 })
    i = close + 1
  }
}

/** Tokens in document order; throws UNREADABLE_INPUT (with the line) on malformed markup. */
export function scanXml(text: string): XmlToken[] {
  const tokens: XmlToken[] = []
  let i = 0
  while (i < text.length) {
    const lt = text.indexOf('<', i)
    if (lt < 0) {
      tokens.push({ kind: 'text', start: i, end: text.length })
      break
    }
    if (lt > i) tokens.push({ kind: 'text', start: i, end: lt })
    let token: XmlToken
    if (text.startsWith('<!--', lt)) {
      token = { kind: 'comment', start: lt, end: closeOf(text, lt + 4, '-->', 'a comment', lt) }
    } else if (text.startsWith('<![CDATA[', lt)) {
      token = { kind: 'cdata', start: lt, end: closeOf(text, lt + 9, ']]>', 'a CDATA section', lt) }
    } else if (text.startsWith('<?', lt)) {
      token = {
        kind: 'pi',
        start: lt,
        end: closeOf(text, lt + 2, '?>', 'a processing instruction', lt)
      }
    } else if (text.startsWith('<!', lt)) {
      token = { kind: 'doctype', start: lt, end: scanDoctype(text, lt) }
    } else {
      token = scanTag(text, lt)
    }
    tokens.push(token)
    i = token.end
  }
  return tokens
}

/** Index of the token that closes the element opened at `openIndex` (itself for an empty tag). */
export function matchingEnd(tokens: readonly XmlToken[], openIndex: number, text: string): number {
  const open = tokens[openIndex]
  if (open === undefined || open.kind === 'empty') return openIndex
  if (open.kind !== 'start') throw new Error('matchingEnd needs a start tag')
  let depth = 0
  for (let j = openIndex + 1; j < tokens.length; j++) {
    const t = tokens[j]
    if (t === undefined) break
    if (t.kind === 'start' && t.name === open.name) depth++
    if (t.kind === 'end' && t.name === open.name) {
      if (depth === 0) return j
      depth--
    }
  }
  throw malformed(text, open.start, `<${open.name}> has no end tag`)
}

/** The five predefined XML entities and numeric character references. */
export function decodeEntities(raw: string): string {
  return raw.replace(/&(#x[0-9a-fA-F]+|#[0-9]+|lt|gt|amp|quot|apos);/g, (whole, ref: string) => {
    switch (ref) {
      case 'lt':
        return '<'
      case 'gt':
        return '>'
      case 'amp':
        return '&'
      case 'quot':
        return '"'
      case 'apos':
        return "'"
    }
    const code = ref.startsWith('#x') ? parseInt(ref.slice(2), 16) : parseInt(ref.slice(1), 10)
    return code <= 0x10ffff ? String.fromCodePoint(code) : whole
  })
}

/** CDATA body of a cdata token. */
export function cdataBody(text: string, token: XmlToken): string {
  return text.slice(token.start + 9, token.end - 3)
}
