/**
 * Sanitises an uploaded SVG before it is rendered or stored: parsed with the baking code's
 * tokenizer (scanXml) and rebuilt from an allow-list of elements and attributes. Anything
 * active or external (scripts, event handlers, external or javascript: references, entities,
 * DOCTYPE, foreignObject, CSS url()/@import, <use> chains) is refused with the reason; inert
 * editor clutter (metadata, inkscape:*, unknown elements) is dropped silently.
 */
import { decodeEntities, scanXml, type XmlElementToken } from '../baking/xml-scan.js'
import { KilnFailure } from '../failure.js'
import { inspectJpeg, inspectPng, rejectImage } from './image-inspect.js'

const ELEMENTS = new Set([
  'svg',
  'g',
  'defs',
  'title',
  'desc',
  'symbol',
  'use',
  'image',
  'style',
  'switch',
  'path',
  'rect',
  'circle',
  'ellipse',
  'line',
  'polyline',
  'polygon',
  'text',
  'tspan',
  'textPath',
  'linearGradient',
  'radialGradient',
  'stop',
  'clipPath',
  'mask',
  'pattern',
  'marker',
  'filter',
  'feBlend',
  'feColorMatrix',
  'feComponentTransfer',
  'feComposite',
  'feDropShadow',
  'feFlood',
  'feFuncA',
  'feFuncB',
  'feFuncG',
  'feFuncR',
  'feGaussianBlur',
  'feMerge',
  'feMergeNode',
  'feMorphology',
  'feOffset',
  'feTile',
  'feTurbulence'
])

/** Elements that are never harmless: refused outright rather than dropped. */
const FORBIDDEN = new Set([
  'script',
  'foreignobject',
  'iframe',
  'embed',
  'object',
  'handler',
  'listener'
])

const ATTRIBUTES = new Set([
  'id',
  'class',
  'style',
  'transform',
  'viewBox',
  'preserveAspectRatio',
  'version',
  'x',
  'y',
  'width',
  'height',
  'rx',
  'ry',
  'cx',
  'cy',
  'r',
  'fx',
  'fy',
  'fr',
  'x1',
  'y1',
  'x2',
  'y2',
  'd',
  'points',
  'pathLength',
  'fill',
  'fill-opacity',
  'fill-rule',
  'stroke',
  'stroke-width',
  'stroke-opacity',
  'stroke-linecap',
  'stroke-linejoin',
  'stroke-miterlimit',
  'stroke-dasharray',
  'stroke-dashoffset',
  'opacity',
  'color',
  'display',
  'visibility',
  'overflow',
  'clip-path',
  'clip-rule',
  'clipPathUnits',
  'mask',
  'maskUnits',
  'maskContentUnits',
  'filter',
  'filterUnits',
  'primitiveUnits',
  'gradientUnits',
  'gradientTransform',
  'spreadMethod',
  'offset',
  'stop-color',
  'stop-opacity',
  'patternUnits',
  'patternContentUnits',
  'patternTransform',
  'markerWidth',
  'markerHeight',
  'markerUnits',
  'refX',
  'refY',
  'orient',
  'marker-start',
  'marker-mid',
  'marker-end',
  'font-family',
  'font-size',
  'font-weight',
  'font-style',
  'font-variant',
  'text-anchor',
  'dominant-baseline',
  'alignment-baseline',
  'baseline-shift',
  'letter-spacing',
  'word-spacing',
  'text-decoration',
  'dx',
  'dy',
  'rotate',
  'textLength',
  'lengthAdjust',
  'startOffset',
  'in',
  'in2',
  'result',
  'mode',
  'operator',
  'k1',
  'k2',
  'k3',
  'k4',
  'values',
  'type',
  'tableValues',
  'slope',
  'intercept',
  'amplitude',
  'exponent',
  'stdDeviation',
  'flood-color',
  'flood-opacity',
  'radius',
  'baseFrequency',
  'numOctaves',
  'seed',
  'stitchTiles',
  'color-interpolation-filters',
  'mix-blend-mode',
  'isolation',
  'shape-rendering',
  'image-rendering',
  'text-rendering',
  'paint-order',
  'vector-effect',
  'href',
  'xlink:href',
  'xmlns',
  'xmlns:xlink',
  'xml:space',
  'space'
])

const MAX_ELEMENTS = 20_000
const MAX_USES = 500

const DATA_IMAGE = /^data:image\/(png|jpeg);base64,([A-Za-z0-9+/=\s]+)$/i

function checkDataImage(value: string): void {
  const m = DATA_IMAGE.exec(value)
  if (!m) {
    rejectImage(
      `the SVG links to ${JSON.stringify(value.slice(0, 40))}; only "#id" and embedded PNG/JPEG images are allowed.`
    )
  }
  const bytes = Buffer.from((m[2] ?? '').replace(/\s+/g, ''), 'base64')
  if ((m[1] ?? '').toLowerCase() === 'png') inspectPng(bytes)
  else inspectJpeg(bytes)
}

function checkCss(css: string, where: string): void {
  const lower = css.toLowerCase().replace(/\\/g, '')
  if (/@import/.test(lower)) rejectImage(`the SVG's ${where} uses @import.`)
  if (/expression\s*\(|javascript:|behavior\s*:|-moz-binding/.test(lower)) {
    rejectImage(`the SVG's ${where} contains script.`)
  }
  for (const m of lower.matchAll(/url\s*\(\s*(['"]?)([^'")]*)\1\s*\)/g)) {
    if (!(m[2] ?? '').trim().startsWith('#')) {
      rejectImage(
        `the SVG's ${where} loads an external resource (url(${(m[2] ?? '').slice(0, 40)})).`
      )
    }
  }
  if (/url\s*\(/.test(lower) && !/url\s*\(\s*['"]?#/.test(lower)) {
    rejectImage(`the SVG's ${where} loads an external resource.`)
  }
}

function checkEntities(raw: string): void {
  for (const m of raw.matchAll(/&([^;\s&]*);?/g)) {
    if (!/^(#x[0-9a-fA-F]+|#[0-9]+|lt|gt|amp|quot|apos)$/.test(m[1] ?? '') || !m[0].endsWith(';')) {
      rejectImage(
        `the SVG uses the entity "&${(m[1] ?? '').slice(0, 20)};" (entities are not allowed).`
      )
    }
  }
}

function attrEscape(value: string): string {
  return value
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
}

function localName(name: string): string {
  return name.toLowerCase()
}

type Open = { name: string; id?: string; hasUse: boolean }

/** Returns a clean SVG document or throws IMAGE_REJECTED with the reason. */
export function sanitizeSvg(text: string): string {
  let tokens
  try {
    tokens = scanXml(text)
  } catch (error) {
    const why = error instanceof KilnFailure ? error.message : 'it cannot be parsed'
    return rejectImage(`${why.replace(/\.$/, '')}.`)
  }
  const out: string[] = []
  const stack: Open[] = []
  /** >0 while inside an element being dropped (and its children). */
  let skipDepth = 0
  let rootSeen = false
  let elements = 0
  const uses: string[] = []
  const idsContainingUse = new Set<string>()

  const openElement = (t: XmlElementToken): void => {
    const name = t.name
    const lower = localName(name)
    if (FORBIDDEN.has(lower) || lower.endsWith(':script')) {
      rejectImage(`the SVG contains <${name}>.`)
    }
    if (++elements > MAX_ELEMENTS) rejectImage(`the SVG has more than ${MAX_ELEMENTS} elements.`)
    if (!rootSeen) {
      if (name !== 'svg') rejectImage(`the document's root is <${name}>, not <svg>.`)
      rootSeen = true
    }
    const dropped = skipDepth > 0 || !ELEMENTS.has(name)
    const attrs: string[] = []
    let id: string | undefined
    for (const a of t.attrs) {
      const attrName = a.name
      if (/^on/i.test(attrName)) {
        rejectImage(`the SVG has an event handler (${attrName} on <${name}>).`)
      }
      checkEntities(a.raw)
      const value = decodeEntities(a.raw)
      if (attrName === 'href' || attrName === 'xlink:href' || /:href$/i.test(attrName)) {
        const v = value.trim()
        if (!v.startsWith('#')) checkDataImage(v)
        else if (lower === 'use') uses.push(v.slice(1))
      } else if (/^\s*(javascript|vbscript|data):/i.test(value)) {
        rejectImage(
          `the SVG's ${attrName} on <${name}> holds a ${value.trim().split(':')[0]}: URL.`
        )
      }
      if (attrName === 'style') checkCss(value, `style attribute on <${name}>`)
      else if (/url\s*\(/i.test(value)) checkCss(value, `${attrName} on <${name}>`)
      if (attrName === 'id') id = value
      if (!dropped && ATTRIBUTES.has(attrName)) attrs.push(` ${attrName}="${attrEscape(value)}"`)
    }
    if (lower === 'use') for (const o of stack) o.hasUse = true
    if (stack.length === 0) {
      if (!attrs.some((a) => a.startsWith(' xmlns='))) {
        attrs.push(' xmlns="http://www.w3.org/2000/svg"')
      }
      if (!attrs.some((a) => a.startsWith(' xmlns:xlink='))) {
        attrs.push(' xmlns:xlink="http://www.w3.org/1999/xlink"')
      }
    }
    if (!dropped) out.push(`<${name}${attrs.join('')}${t.kind === 'empty' ? '/>' : '>'}`)
    if (t.kind === 'start') {
      stack.push({ name, ...(id !== undefined ? { id } : {}), hasUse: false })
      if (dropped) skipDepth++
    }
  }

  for (const t of tokens) {
    switch (t.kind) {
      case 'doctype':
        rejectImage('the SVG has a DOCTYPE (entities and external DTDs are not allowed).')
        break
      case 'pi': {
        const body = text.slice(t.start, t.end)
        if (!/^<\?xml\s/i.test(body)) rejectImage('the SVG has a processing instruction.')
        break
      }
      case 'comment':
        break
      case 'cdata': {
        const parent = stack.at(-1)
        const body = text.slice(t.start + 9, t.end - 3)
        if (parent?.name === 'style') checkCss(body, 'stylesheet')
        if (
          skipDepth === 0 &&
          (parent?.name === 'style' || parent?.name === 'text' || parent?.name === 'tspan')
        ) {
          out.push(attrEscape(body))
        }
        break
      }
      case 'text': {
        const raw = text.slice(t.start, t.end)
        if (!rootSeen || stack.length === 0) {
          if (raw.trim()) rejectImage('the SVG has text outside its <svg> element.')
          break
        }
        checkEntities(raw)
        if (stack.at(-1)?.name === 'style') checkCss(decodeEntities(raw), 'stylesheet')
        if (skipDepth === 0) out.push(attrEscape(decodeEntities(raw)))
        break
      }
      case 'start':
      case 'empty':
        if (rootSeen && stack.length === 0) {
          rejectImage('the SVG has content after its <svg> element.')
        }
        openElement(t)
        break
      case 'end': {
        const open = stack.pop()
        if (!open || open.name !== t.name) {
          rejectImage(`the SVG is not well-formed (</${t.name}> closes nothing open).`)
        }
        if (open.hasUse && open.id !== undefined) idsContainingUse.add(open.id)
        if (skipDepth > 0) skipDepth--
        else out.push(`</${t.name}>`)
        break
      }
    }
  }
  if (!rootSeen) rejectImage('there is no <svg> element.')
  if (stack.length > 0) {
    rejectImage(`the SVG is truncated (<${stack.at(-1)?.name}> is never closed).`)
  }
  if (uses.length > MAX_USES) rejectImage(`the SVG has more than ${MAX_USES} <use> elements.`)
  for (const target of uses) {
    if (idsContainingUse.has(target)) {
      rejectImage('the SVG nests <use> references (a pattern used to blow up rendering).')
    }
  }
  return out.join('')
}
