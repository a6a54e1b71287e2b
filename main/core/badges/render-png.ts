/**
 * SVG → PNG with resvg, loading only the fonts shipped in resources/fonts/ (never system
 * fonts, never files or URLs), so the same design always gives the same PNG bytes.
 */
import type * as Resvg from '@resvg/resvg-js'
import { lazyRequire } from '../platform/lazy-require.js'
import {
  BADGE_FONT_FAMILY,
  DESIGN_SIZE,
  renderDesignSvg
} from '../../../shared/design/render-svg.js'
import { FACE_FAMILY } from '../../../shared/design/scripts.js'
import type { BadgeDesign } from '../../../shared/design/design-schema.js'
import { KilnFailure } from '../failure.js'
import { resourcePath } from '../resources.js'
import { rejectImage } from './image-inspect.js'

// Loaded on the first render (it is a native addon): opening a station draws nothing.
const resvg = lazyRequire<typeof Resvg>('@resvg/resvg-js')

export const BADGE_SIZE = 600

export const BADGE_FONT_FILES = ['Inter-Bold.ttf', 'Inter-SemiBold.ttf']

/**
 * The fallback faces for other scripts (the certificates' Noto fonts), loaded only when the SVG
 * names them: a Latin badge loads Inter alone, so its PNG bytes and its speed are as before.
 * Arabic and Hebrew ship in Bold (weights 600 and 700 both take it); CJK in Regular.
 */
const FALLBACK_FONT_FILES: ReadonlyArray<readonly [family: string, file: string]> = [
  [FACE_FAMILY.arabic, 'NotoSansArabic-Bold.ttf'],
  [FACE_FAMILY.hebrew, 'NotoSansHebrew-Bold.ttf'],
  [FACE_FAMILY.sc, 'NotoSansSC-Regular.ttf'],
  [FACE_FAMILY.jp, 'NotoSansJP-Regular.ttf'],
  [FACE_FAMILY.kr, 'NotoSansKR-Regular.ttf']
]

function fontOptions(svg: string) {
  const fallbacks = FALLBACK_FONT_FILES.filter(([family]) =>
    svg.includes(`font-family="${family}"`)
  ).map(([, file]) => resourcePath('fonts', 'certificate', file))
  return {
    fontFiles: [...BADGE_FONT_FILES.map((f) => resourcePath('fonts', f)), ...fallbacks],
    loadSystemFonts: false,
    defaultFontFamily: BADGE_FONT_FAMILY,
    sansSerifFamily: BADGE_FONT_FAMILY
  }
}

function renderer(svg: string, zoom?: number): Resvg.Resvg {
  const { Resvg } = resvg()
  return new Resvg(svg, {
    ...(zoom !== undefined ? { fitTo: { mode: 'zoom', value: zoom } } : {}),
    font: fontOptions(svg),
    imageRendering: 0,
    shapeRendering: 2,
    textRendering: 1
  })
}

function rejectRender(error: unknown): never {
  if (error instanceof KilnFailure) throw error
  return rejectImage(`the SVG cannot be rendered (${(error as Error).message.slice(0, 200)}).`)
}

/** Renders so that the longer side is `size` pixels (never larger). Throws IMAGE_REJECTED on failure. */
export function svgToPng(svg: string, size = BADGE_SIZE): Buffer {
  try {
    const { Resvg } = resvg()
    const probe = new Resvg(svg, { font: fontOptions(svg) })
    const { width, height } = probe
    if (!(width > 0 && height > 0)) rejectImage('the SVG has no size.')
    return renderer(svg, size / Math.max(width, height))
      .render()
      .asPng()
  } catch (error) {
    return rejectRender(error)
  }
}

/**
 * The SVG and 600×600 PNG of a design; `uploadedIconPng` is the stored PNG of an uploaded icon.
 * The SVG is the one the PNG was drawn from with its text turned into outlines, so it shows
 * the same glyphs in any viewer, with or without the fonts.
 */
export function renderDesign(
  design: BadgeDesign,
  uploadedIconPng?: Buffer
): { svg: string; png: Buffer } {
  const source = renderDesignSvg(
    design,
    uploadedIconPng
      ? { uploadedIconDataUri: `data:image/png;base64,${uploadedIconPng.toString('base64')}` }
      : {}
  )
  try {
    const drawn = renderer(source, BADGE_SIZE / DESIGN_SIZE)
    return { svg: drawn.toString(), png: drawn.render().asPng() }
  } catch (error) {
    return rejectRender(error)
  }
}

/** A raster image placed in a square of `size` pixels (aspect kept, transparent margins). */
export function pngInSquare(png: Buffer, width: number, height: number, size: number): Buffer {
  const side = Math.max(width, height)
  const square =
    `<svg xmlns="http://www.w3.org/2000/svg" width="${side}" height="${side}" viewBox="0 0 ${side} ${side}">` +
    `<image x="${(side - width) / 2}" y="${(side - height) / 2}" width="${width}" height="${height}" href="data:image/png;base64,${png.toString('base64')}"/></svg>`
  return svgToPng(square, size)
}
