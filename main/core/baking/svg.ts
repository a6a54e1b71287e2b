/**
 * Baking credentials into SVG (OPEN-BADGES.md §2.1 OB 3.0; reading also §2.2 OB 2.0).
 * The document is edited by splicing the original text at tokenizer positions (xml-scan.ts):
 * everything except the root start tag's namespace declaration and the credential element is
 * left byte-for-byte as it was.
 */
import { KilnFailure } from '../failure.js'
import type { XmlElementToken, XmlToken } from './xml-scan.js'
import { cdataBody, decodeEntities, matchingEnd, scanXml } from './xml-scan.js'

export const OB3_SVG_NAMESPACE = 'https://purl.imsglobal.org/ob/v3p0'
export const OB2_SVG_NAMESPACE = 'http://openbadges.org'

export type UnbakedSvg = Readonly<{
  /** json = credential/assertion JSON in the body; jwt = compact JWS; url = OB 2.0 hosted assertion URL. */
  kind: 'json' | 'jwt' | 'url'
  text: string
  /** Which element carried it: OB 3.0 `credential` or OB 2.0 `assertion`. */
  element: 'credential' | 'assertion'
}>

type Edit = Readonly<{ start: number; end: number; insert: string }>

/** XML 1.0 forbids C0 controls other than tab, LF, CR (and U+FFFE/U+FFFF) anywhere. */
function hasInvalidXmlChar(text: string): boolean {
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i)
    if ((c < 0x20 && c !== 0x09 && c !== 0x0a && c !== 0x0d) || c === 0xfffe || c === 0xffff) {
      return true
    }
  }
  return false
}

function isElement(t: XmlToken | undefined): t is XmlElementToken {
  return t !== undefined && (t.kind === 'start' || t.kind === 'empty')
}

function rootOf(tokens: readonly XmlToken[]): number {
  const index = tokens.findIndex(isElement)
  const root = tokens[index]
  if (!isElement(root) || (root.name !== 'svg' && !root.name.endsWith(':svg'))) {
    throw new KilnFailure(
      'UNREADABLE_INPUT',
      root && isElement(root)
        ? `not an SVG: the root element is <${root.name}>`
        : 'not an SVG: no root element'
    )
  }
  return index
}

/** Namespace prefix → URI declared on an element (`xmlns:p="…"`; '' for the default namespace). */
function declarations(el: XmlElementToken): Map<string, string> {
  const map = new Map<string, string>()
  for (const a of el.attrs) {
    if (a.name === 'xmlns') map.set('', decodeEntities(a.raw))
    else if (a.name.startsWith('xmlns:')) map.set(a.name.slice(6), decodeEntities(a.raw))
  }
  return map
}

/**
 * Whether `el` is an Open Badges element with local name `local`. Lenient: prefix `openbadges`
 * counts whatever it is bound to (older tools bound it loosely); any other prefix counts when
 * it is bound (on the root or the element itself) to the OB 3.0 or OB 2.0 namespace.
 */
function isObElement(el: XmlElementToken, local: string, rootNs: Map<string, string>): boolean {
  const colon = el.name.indexOf(':')
  const prefix = colon < 0 ? '' : el.name.slice(0, colon)
  if (el.name.slice(colon + 1) !== local) return false
  if (prefix === 'openbadges') return true
  const ns = declarations(el).get(prefix) ?? rootNs.get(prefix)
  return ns === OB3_SVG_NAMESPACE || ns === OB2_SVG_NAMESPACE
}

/**
 * JSON text with every '>' written as the escape \u003e: the same JSON value, and ']]>' can no
 * longer occur, so the CDATA section never needs splitting (simple extractors that take the
 * text between '<![CDATA[' and ']]>' read the whole credential). In JSON text '>' can only
 * stand inside a string, where \u003e means the same character. Text that is not JSON is
 * returned as it is.
 */
export function escapeJsonForCdata(text: string): string {
  if (!text.includes('>')) return text
  try {
    JSON.parse(text)
  } catch {
    return text
  }
  return text.replace(/>/g, '\\u003e')
}

function cdata(text: string): string {
  // Only text that is not JSON can still hold ']]>': end the section after ']]' and start a
  // new one (valid XML; unbakeSvg reads both forms, and SVGs baked before the escape above).
  return `<![CDATA[${text.split(']]>').join(']]]]><![CDATA[>')}]]>`
}

function applyEdits(text: string, edits: Edit[]): string {
  const sorted = [...edits].sort((a, b) => a.start - b.start || a.end - b.end)
  let out = ''
  let at = 0
  for (const e of sorted) {
    out += text.slice(at, e.start) + e.insert
    at = e.end
  }
  return out + text.slice(at)
}

/**
 * OB 3.0 bake of a credential with an embedded proof: declares `xmlns:openbadges` on the root
 * `<svg>` (or re-binds it to the OB 3.0 namespace), removes every existing
 * `<openbadges:credential>` / `<openbadges:assertion>` element (re-baking replaces), and inserts
 * `<openbadges:credential><![CDATA[json]]></openbadges:credential>` directly after the start tag
 * (JSON with every `>` escaped as \u003e, so the section is never split).
 */
export function bakeSvg(svg: string, credentialJson: string): string {
  if (credentialJson.trim().length === 0) {
    throw new KilnFailure('INVALID_INPUT', 'nothing to bake: the credential JSON is empty')
  }
  if (hasInvalidXmlChar(credentialJson)) {
    throw new KilnFailure(
      'INVALID_INPUT',
      'the credential JSON contains characters XML cannot carry'
    )
  }
  const tokens = scanXml(svg)
  const rootIndex = rootOf(tokens)
  const root = tokens[rootIndex]
  if (!isElement(root)) throw new Error('unreachable: root is an element')
  const rootNs = declarations(root)
  const edits: Edit[] = []

  const decl = root.attrs.find((a) => a.name === 'xmlns:openbadges')
  if (decl === undefined) {
    const after = root.attrs.at(-1)?.end ?? root.nameEnd
    edits.push({ start: after, end: after, insert: ` xmlns:openbadges="${OB3_SVG_NAMESPACE}"` })
  } else if (decodeEntities(decl.raw) !== OB3_SVG_NAMESPACE) {
    edits.push({
      start: decl.start,
      end: decl.end,
      insert: `xmlns:openbadges="${OB3_SVG_NAMESPACE}"`
    })
  }

  const element = `<openbadges:credential>${cdata(escapeJsonForCdata(credentialJson))}</openbadges:credential>`
  if (root.kind === 'empty') {
    // <svg …/> becomes <svg …><openbadges:credential>…</openbadges:credential></svg>
    edits.push({ start: root.end - 2, end: root.end, insert: `>${element}</${root.name}>` })
    return applyEdits(svg, edits)
  }
  edits.push({ start: root.end, end: root.end, insert: element })

  for (let i = rootIndex + 1; i < tokens.length; i++) {
    const t = tokens[i]
    if (!isElement(t)) continue
    if (!isObElement(t, 'credential', rootNs) && !isObElement(t, 'assertion', rootNs)) continue
    const endIndex = matchingEnd(tokens, i, svg)
    const last = tokens[endIndex]
    let start = t.start
    // Take the indentation before it too (a tag never ends in whitespace), so re-baking is stable.
    while (start > root.end && /\s/.test(svg.charAt(start - 1))) start--
    edits.push({ start, end: last?.end ?? t.end, insert: '' })
    i = endIndex
  }
  return applyEdits(svg, edits)
}

function classify(text: string): UnbakedSvg['kind'] {
  if (text.startsWith('{')) return 'json'
  return /^https?:\/\//i.test(text) ? 'url' : 'jwt'
}

function read(
  svg: string,
  tokens: readonly XmlToken[],
  index: number,
  element: UnbakedSvg['element']
): UnbakedSvg | undefined {
  const open = tokens[index]
  if (!isElement(open)) return undefined
  const endIndex = matchingEnd(tokens, index, svg)
  let body = ''
  for (let j = index + 1; j < endIndex; j++) {
    const t = tokens[j]
    if (t?.kind === 'cdata') body += cdataBody(svg, t)
    else if (t?.kind === 'text') body += decodeEntities(svg.slice(t.start, t.end))
  }
  body = body.trim()
  if (body.length > 0) return { kind: classify(body), text: body, element }
  const verify = open.attrs.find((a) => a.name === 'verify')
  const value = verify === undefined ? '' : decodeEntities(verify.raw).trim()
  return value.length > 0 ? { kind: classify(value), text: value, element } : undefined
}

/**
 * The baked credential: the first OB 3.0 `<openbadges:credential>` (body JSON, else `verify`
 * attribute = VC-JWT), else the first OB 2.0 `<openbadges:assertion>` (body JSON, else `verify`
 * = signed assertion or hosted URL). Undefined when the SVG carries none; UNREADABLE_INPUT when
 * it is not a well-formed SVG.
 */
export function unbakeSvg(svg: string): UnbakedSvg | undefined {
  const tokens = scanXml(svg)
  const rootIndex = rootOf(tokens)
  const root = tokens[rootIndex]
  if (!isElement(root)) return undefined
  const rootNs = declarations(root)
  for (const local of ['credential', 'assertion'] as const) {
    const index = tokens.findIndex(
      (t, i) => i >= rootIndex && isElement(t) && isObElement(t, local, rootNs)
    )
    if (index >= 0) {
      const found = read(svg, tokens, index, local)
      if (found) return found
    }
  }
  return undefined
}
