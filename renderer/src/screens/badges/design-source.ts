/**
 * The designer's one door to the design model in shared/design/ (the same code the main process
 * renders PNGs with), plus the few helpers the screens add around it.
 */
import {
  BUILTIN_ICON_NAMES,
  type BuiltinIconName
} from '../../../../shared/design/builtin-icons.js'
import type { BadgeDesign } from '../../../../shared/design/design-schema.js'
import { BADGE_FONT_FAMILY, renderDesignSvg } from '../../../../shared/design/render-svg.js'

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

const FONT_ATTRIBUTE = `font-family="${BADGE_FONT_FAMILY}"`
/** The browser has no Inter inside an <img>: fall back to a sans-serif, not the default serif. */
const PREVIEW_FONT_ATTRIBUTE = `font-family="${BADGE_FONT_FAMILY}, 'Helvetica Neue', Arial, sans-serif"`

/**
 * The design's SVG for the live preview, with an uploaded icon's PNG filled in when it is known.
 * (The station's PNG, drawn with the shipped Inter font, replaces it a moment later.)
 */
export function designSvg(design: BadgeDesign, uploads: UploadedImages): string {
  const upload = design.icon.kind === 'upload' ? uploads.get(design.icon.sha256) : undefined
  return renderDesignSvg(
    design,
    upload ? { uploadedIconDataUri: `data:image/png;base64,${upload}` } : {}
  ).replaceAll(FONT_ATTRIBUTE, PREVIEW_FONT_ATTRIBUTE)
}

/** An SVG as an <img> source (the CSP allows data: images; nothing in it can run). */
export function svgDataUrl(svg: string): string {
  return `data:image/svg+xml;charset=utf-8,${encodeURIComponent(svg)}`
}
