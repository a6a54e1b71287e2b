/**
 * The issuer's colours on the site, made readable: the brand colour fills the header (with white
 * or near-black text, whichever reaches WCAG AA), and links, buttons and focus rings use the brand
 * and accent colours darkened (light scheme) or lightened (dark scheme) just until they reach a
 * 4.5:1 contrast with the page. Deterministic: the same colours give the same CSS.
 */
export const DEFAULT_BRAND = '#1f4e79'
export const DEFAULT_ACCENT = '#b5462b'

export const HEX_COLOR = /^#[0-9a-f]{6}$/

type Rgb = readonly [number, number, number]

/** The backgrounds links sit on that are closest to them: the light page (#f6f7f9), the dark card (#1b1e24). */
const LIGHT_BG: Rgb = [246, 247, 249]
const DARK_BG: Rgb = [27, 30, 36]
const WHITE: Rgb = [255, 255, 255]
/** Black or white always reaches at least 4.58:1 on any colour. */
const INK: Rgb = [0, 0, 0]

function parse(hex: string): Rgb {
  const n = Number.parseInt(hex.slice(1), 16)
  return [(n >> 16) & 255, (n >> 8) & 255, n & 255]
}

function toHex(c: Rgb): string {
  return '#' + c.map((v) => Math.round(v).toString(16).padStart(2, '0')).join('')
}

function channel(v: number): number {
  const s = v / 255
  return s <= 0.04045 ? s / 12.92 : ((s + 0.055) / 1.055) ** 2.4
}

function luminance(c: Rgb): number {
  return 0.2126 * channel(c[0]) + 0.7152 * channel(c[1]) + 0.0722 * channel(c[2])
}

export function contrast(a: Rgb | string, b: Rgb | string): number {
  const la = luminance(typeof a === 'string' ? parse(a) : a)
  const lb = luminance(typeof b === 'string' ? parse(b) : b)
  return (Math.max(la, lb) + 0.05) / (Math.min(la, lb) + 0.05)
}

function mix(c: Rgb, toward: Rgb, t: number): Rgb {
  const at = (a: number, b: number): number => a + (b - a) * t
  return [at(c[0], toward[0]), at(c[1], toward[1]), at(c[2], toward[2])]
}

/** `color` moved toward black (or white) in small steps until it reaches `ratio` against `bg`. */
function readableOn(color: string, bg: Rgb, ratio: number): string {
  const start = parse(color)
  const toward: Rgb = luminance(bg) > 0.5 ? [0, 0, 0] : [255, 255, 255]
  for (let step = 0; step <= 40; step++) {
    const c = mix(start, toward, step / 40)
    const hex = toHex(c)
    if (contrast(parse(hex), bg) >= ratio) return hex
  }
  return toHex(toward)
}

export type SiteColors = Readonly<{ brand?: string; accent?: string }>

/** The CSS custom properties of the site's colours (appended to assets/site.css). */
export function themeCss(colors: SiteColors): string {
  const brand = colors.brand && HEX_COLOR.test(colors.brand) ? colors.brand : DEFAULT_BRAND
  const accent = colors.accent && HEX_COLOR.test(colors.accent) ? colors.accent : DEFAULT_ACCENT
  const onBrand = contrast(WHITE, parse(brand)) >= contrast(INK, parse(brand)) ? WHITE : INK
  const vars = (bg: Rgb): string =>
    [
      `--brand:${brand}`,
      `--on-brand:${toHex(onBrand)}`,
      `--link:${readableOn(brand, bg, 4.6)}`,
      `--accent:${readableOn(accent, bg, 4.6)}`
    ].join(';')
  return `:root{${vars(LIGHT_BG)}}\n@media (prefers-color-scheme:dark){:root{${vars(DARK_BG)}}}\n`
}
