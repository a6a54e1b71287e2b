/**
 * SVG → PNG with resvg, loading only the fonts shipped in resources/fonts/ (never system
 * fonts, never files or URLs), so the same design always gives the same PNG bytes.
 */
import type * as Resvg from '@resvg/resvg-js'
import { lazyRequire } from '../platform/lazy-require.js'
import { BADGE_FONT_FAMILY, renderDesignSvg } from '../../../shared/design/render-svg.js'
import type { BadgeDesign } from '../../../shared/design/design-schema.js'
import { KilnFailure } from '../failure.js'
import { resourcePath } from '../resources.js'
import { rejectImage } from './image-inspect.js'

// Loaded on the first render (it is a native addon): opening a station draws nothing.
const resvg = lazyRequire<typeof Resvg>('@resvg/resvg-js')

export const BADGE_SIZE = 600

export const BADGE_FONT_FILES = ['Inter-Bold.ttf', 'Inter-SemiBold.ttf']

function fontOptions() {
  return {
    fontFiles: BADGE_FONT_FILES.map((f) => resourcePath('fonts', f)),
    loadSystemFonts: false,
    defaultFontFamily: BADGE_FONT_FAMILY,
    sansSerifFamily: BADGE_FONT_FAMILY
  }
}

/** Renders so that the longer side is `size` pixels (never larger). Throws IMAGE_REJECTED on failure. */
export function svgToPng(svg: string, size = BADGE_SIZE): Buffer {
  try {
    const { Resvg } = resvg()
    const probe = new Resvg(svg, { font: fontOptions() })
    const { width, height } = probe
    if (!(width > 0 && height > 0)) rejectImage('the SVG has no size.')
    const zoom = size / Math.max(width, height)
    const renderer = new Resvg(svg, {
      fitTo: { mode: 'zoom', value: zoom },
      font: fontOptions(),
      imageRendering: 0,
      shapeRendering: 2,
      textRendering: 1
    })
    return renderer.render().asPng()
  } catch (error) {
    if (error instanceof KilnFailure) throw error
    return rejectImage(`the SVG cannot be rendered (${(error as Error).message.slice(0, 200)}).`)
  }
}

/** The SVG and 600×600 PNG of a design; `uploadedIconPng` is the stored PNG of an uploaded icon. */
export function renderDesign(
  design: BadgeDesign,
  uploadedIconPng?: Buffer
): { svg: string; png: Buffer } {
  const svg = renderDesignSvg(
    design,
    uploadedIconPng
      ? { uploadedIconDataUri: `data:image/png;base64,${uploadedIconPng.toString('base64')}` }
      : {}
  )
  return { svg, png: svgToPng(svg) }
}

/** A raster image placed in a square of `size` pixels (aspect kept, transparent margins). */
export function pngInSquare(png: Buffer, width: number, height: number, size: number): Buffer {
  const side = Math.max(width, height)
  const square =
    `<svg xmlns="http://www.w3.org/2000/svg" width="${side}" height="${side}" viewBox="0 0 ${side} ${side}">` +
    `<image x="${(side - width) / 2}" y="${(side - height) / 2}" width="${width}" height="${height}" href="data:image/png;base64,${png.toString('base64')}"/></svg>`
  return svgToPng(square, size)
}
