/**
 * Draws a BadgeDesign as SVG (600×600 viewBox). Pure and deterministic: the same design gives
 * the same string in the browser preview and in the main process, which renders it to PNG with
 * the shipped fonts: Inter (weights 700 and 600) and, for other scripts, Noto (scripts.ts).
 */
import type { BadgeDesign } from './design-schema.js'
import { BUILTIN_ICONS, type BuiltinIconName } from './builtin-icons.js'
import { FACE_FAMILY, isRightToLeft, splitRuns } from './scripts.js'
import { fitTextDetailed, type TextBox, type TextRow } from './text-fit.js'
import { num, templateLayout, type Slot } from './templates.js'

export const BADGE_FONT_FAMILY = 'Inter'
export const DESIGN_SIZE = 600

export type RenderOptions = Readonly<{
  /** Inner markup of a built-in icon by name (default: BUILTIN_ICONS). */
  iconSvg?: (name: string) => string | undefined
  /** data:image/png;base64,… of the uploaded icon when design.icon.kind is 'upload'. */
  uploadedIconDataUri?: string
}>

export function escapeXml(text: string): string {
  return text
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&apos;')
}

function builtinIcon(name: string): string | undefined {
  return Object.prototype.hasOwnProperty.call(BUILTIN_ICONS, name)
    ? BUILTIN_ICONS[name as BuiltinIconName]
    : undefined
}

function iconMarkup(design: BadgeDesign, slot: Slot, options: RenderOptions): string {
  const icon = design.icon
  const x = slot.cx - slot.size / 2
  const y = slot.cy - slot.size / 2
  if (icon.kind === 'builtin') {
    const inner = (options.iconSvg ?? builtinIcon)(icon.name)
    if (!inner) return ''
    return (
      `<g transform="translate(${num(x)} ${num(y)}) scale(${num(slot.size / 24)})" fill="none" ` +
      `stroke="${design.colours.accent}" stroke-width="1.6" stroke-linecap="round" stroke-linejoin="round">` +
      `${inner}</g>`
    )
  }
  if (
    icon.kind === 'upload' &&
    options.uploadedIconDataUri &&
    /^data:image\/(png|jpeg);base64,[A-Za-z0-9+/=]+$/.test(options.uploadedIconDataUri)
  ) {
    return (
      `<image x="${num(x)}" y="${num(y)}" width="${num(slot.size)}" height="${num(slot.size)}" ` +
      `preserveAspectRatio="xMidYMid meet" href="${options.uploadedIconDataUri}"/>`
    )
  }
  return ''
}

/**
 * One row of text. Latin-only rows are one plain <text> in Inter; other scripts are <tspan>s in
 * their Noto face (the station's resvg shapes Arabic and runs the bidi algorithm); a row whose
 * first letter is Arabic or Hebrew reads right to left. CJK faces ship in one weight only, so
 * their bold is drawn with an outline of the text colour.
 */
function rowMarkup(r: TextRow, cx: number, colour: string): string {
  const runs = splitRuns(r.text)
  const rtl = isRightToLeft(r.text)
  const open =
    `<text x="${num(cx)}" y="${num(r.y)}" text-anchor="middle" font-family="${BADGE_FONT_FAMILY}" ` +
    `font-weight="${r.weight === 'bold' ? 700 : 600}" font-size="${num(r.size)}" fill="${colour}"` +
    `${rtl ? ' direction="rtl"' : ''}>`
  if (runs.every((run) => run.face === 'latin')) return `${open}${escapeXml(r.text)}</text>`
  const outline = num(r.size * (r.weight === 'bold' ? 0.045 : 0.025))
  const body = runs
    .map((run) => {
      if (run.face === 'latin') return escapeXml(run.text)
      const cjk = run.face === 'sc' || run.face === 'jp' || run.face === 'kr'
      const bold = cjk
        ? ` stroke="${colour}" stroke-width="${outline}" stroke-linejoin="round"`
        : ''
      return `<tspan font-family="${FACE_FAMILY[run.face]}"${bold}>${escapeXml(run.text)}</tspan>`
    })
    .join('')
  return `${open}${body}</text>`
}

function textMarkup(rows: readonly TextRow[], cx: number, colour: string): string {
  return rows.map((r) => rowMarkup(r, cx, colour)).join('')
}

type Placement = {
  rows: TextRow[]
  box: ReturnType<typeof templateLayout>['text']
  /** Lines shortened or left out for want of room (the designer says so). */
  cut: readonly number[]
  /** Where the icon goes. */
  icon: Slot
}

/**
 * A smaller icon set higher, with the text box grown upwards by what it gives up: for text
 * that would otherwise have to be cut.
 */
function compact(icon: Slot, box: TextBox): { icon: Slot; box: TextBox } {
  const small = { cx: icon.cx, cy: icon.cy - icon.size * 0.2, size: icon.size * 0.6 }
  const gap = box.top - (icon.cy + icon.size / 2)
  return { icon: small, box: { ...box, top: small.cy + small.size / 2 + gap } }
}

/** Where the icon and the text rows go for this design. */
function placement(design: BadgeDesign): Placement {
  const layout = templateLayout(design)
  const hasText = design.lines.some((l) => l.trim().length > 0)
  if (design.icon.kind === 'none' || !hasText) {
    const box = design.icon.kind === 'none' ? layout.textAlone : layout.text
    return { ...fitTextDetailed(design.lines, box, design.fontSize), box, icon: layout.iconAlone }
  }
  const normal = fitTextDetailed(design.lines, layout.text, design.fontSize)
  if (normal.cut.length === 0) return { ...normal, box: layout.text, icon: layout.icon }
  // Long text: the icon makes room rather than a line being cut.
  const small = compact(layout.icon, layout.text)
  const fitted = fitTextDetailed(design.lines, small.box, design.fontSize)
  return fitted.cut.length < normal.cut.length
    ? { ...fitted, ...small }
    : { ...normal, box: layout.text, icon: layout.icon }
}

/** Where text rows land for this design (exported so tests can check they stay in the box). */
export function designTextLayout(design: BadgeDesign): {
  rows: TextRow[]
  box: TextBox
  /** Lines shortened or left out for want of room (the designer says so). */
  cut: readonly number[]
} {
  const { rows, box, cut } = placement(design)
  return { rows, box, cut }
}

export function renderDesignSvg(design: BadgeDesign, options: RenderOptions = {}): string {
  const lower = (c: string) => c.toLowerCase()
  const colours = {
    ...design.colours,
    background: lower(design.colours.background),
    border: lower(design.colours.border),
    accent: lower(design.colours.accent),
    text: lower(design.colours.text)
  }
  const d: BadgeDesign = { ...design, colours }
  const layout = templateLayout(d)
  const place = placement(d)
  const icon = iconMarkup(d, place.icon, options)
  const { rows, box } = place
  return (
    `<svg xmlns="http://www.w3.org/2000/svg" width="${DESIGN_SIZE}" height="${DESIGN_SIZE}" viewBox="0 0 ${DESIGN_SIZE} ${DESIGN_SIZE}">` +
    '<defs><radialGradient id="sheen" cx="0.5" cy="0.3" r="0.7">' +
    '<stop offset="0" stop-color="#ffffff" stop-opacity="0.28"/>' +
    '<stop offset="1" stop-color="#ffffff" stop-opacity="0"/></radialGradient></defs>' +
    layout.shapes +
    icon +
    textMarkup(rows, box.cx, colours.text) +
    '</svg>'
  )
}
