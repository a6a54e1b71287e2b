/**
 * The designer's one door to the design model in shared/design/ (the same code the main process
 * renders PNGs with), plus the few helpers the screens add around it.
 */
import {
  BUILTIN_ICON_NAMES,
  type BuiltinIconName
} from '../../../../shared/design/builtin-icons.js'
import type { BadgeDesign } from '../../../../shared/design/design-schema.js'
import { renderDesignSvg } from '../../../../shared/design/render-svg.js'
export { designTextLayout } from '../../../../shared/design/render-svg.js'
export { BADGE_GALLERY, type GalleryEntry } from '../../../../shared/design/gallery.js'
import { FACE_FAMILY } from '../../../../shared/design/scripts.js'

export {
  BUILTIN_ICON_LABELS,
  BUILTIN_ICON_NAMES,
  BUILTIN_ICONS,
  type BuiltinIconName
} from '../../../../shared/design/builtin-icons.js'
export {
  BADGE_TEMPLATES,
  badgeDesignSchema,
  defaultDesign,
  MAX_DESIGN_LINES,
  type BadgeDesign,
  type BadgeTemplate,
  type DesignIcon
} from '../../../../shared/design/design-schema.js'

export const MAX_BORDER_WIDTH = 60

/** PNG data (base64) of uploaded icons by SHA-256, for the live preview. */
export type UploadedImages = ReadonlyMap<string, string>

export function isBuiltinIcon(name: string): name is BuiltinIconName {
  return (BUILTIN_ICON_NAMES as readonly string[]).includes(name)
}

/**
 * An <img> cannot use the page's fonts, and the renderer ships none (CJK alone would be tens of
 * megabytes): the instant preview names the shipped faces first, then what computers commonly
 * have for each script. Layout does not depend on it (text is measured from tables in
 * shared/design); the station's PNG, drawn with the shipped fonts, replaces it a moment later.
 */
const PREVIEW_FAMILIES: ReadonlyArray<readonly [family: string, fallbacks: string]> = [
  [FACE_FAMILY.latin, "'Helvetica Neue', Arial, sans-serif"],
  [FACE_FAMILY.arabic, "'Noto Naskh Arabic', 'Geeza Pro', 'Segoe UI', Tahoma, sans-serif"],
  [FACE_FAMILY.hebrew, "'Arial Hebrew', 'Segoe UI', Arial, sans-serif"],
  [FACE_FAMILY.sc, "'Noto Sans CJK SC', 'PingFang SC', 'Microsoft YaHei', sans-serif"],
  [FACE_FAMILY.jp, "'Noto Sans CJK JP', 'Hiragino Sans', 'Yu Gothic', 'Meiryo', sans-serif"],
  [FACE_FAMILY.kr, "'Noto Sans CJK KR', 'Apple SD Gothic Neo', 'Malgun Gothic', sans-serif"]
]

function withPreviewFonts(svg: string): string {
  return PREVIEW_FAMILIES.reduce(
    (out, [family, fallbacks]) =>
      out.replaceAll(`font-family="${family}"`, `font-family="'${family}', ${fallbacks}"`),
    svg
  )
}

/**
 * The design's SVG for the live preview, with an uploaded icon's PNG filled in when it is known.
 * (The station's PNG, drawn with the shipped fonts, replaces it a moment later.)
 */
export function designSvg(design: BadgeDesign, uploads: UploadedImages): string {
  const upload = design.icon.kind === 'upload' ? uploads.get(design.icon.sha256) : undefined
  return withPreviewFonts(
    renderDesignSvg(
      design,
      upload ? { uploadedIconDataUri: `data:image/png;base64,${upload}` } : {}
    )
  )
}

/** An SVG as an <img> source (the CSP allows data: images; nothing in it can run). */
export function svgDataUrl(svg: string): string {
  return `data:image/svg+xml;charset=utf-8,${encodeURIComponent(svg)}`
}
