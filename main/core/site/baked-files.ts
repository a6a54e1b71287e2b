/**
 * The credential files a person downloads, made by ONE set of functions that both
 * `kiln export credential` (Node) and the site's credential and personal pages (the browser,
 * assets/site.js) run, so the bytes a visitor bakes equal the CLI's. No node:* imports here:
 * baking/png.ts reaches node:zlib only for CRC-32, which the browser build maps to
 * browser/zlib-shim.ts.
 */
import { base64 } from '@scure/base'
import { bakePng } from '../baking/png.js'
import { bakeSvg } from '../baking/svg.js'

/** The credential as the JSON text every Kiln file carries (pretty, two spaces, no newline). */
export function credentialText(credential: unknown): string {
  return JSON.stringify(credential, null, 2)
}

/** The downloadable JSON file: credentialText and a final newline. */
export function credentialFileText(credential: unknown): string {
  return `${credentialText(credential)}\n`
}

/** The badge PNG wrapped in an SVG document (the carrier of a baked SVG). */
export function pngAsSvg(png: Uint8Array): string {
  return [
    '<svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink" width="600" height="600" viewBox="0 0 600 600">',
    `<image width="600" height="600" href="data:image/png;base64,${base64.encode(png)}"/>`,
    '</svg>'
  ].join('')
}

/** The badge image with the credential baked in (OB 3.0 iTXt `openbadgecredential`). */
export function bakedPng(image: Uint8Array, credential: unknown): Uint8Array {
  return bakePng(image, 'openbadgecredential', credentialText(credential))
}

/** The badge image as SVG with the credential baked in (OB 3.0 `<openbadges:credential>`). */
export function bakedSvg(image: Uint8Array, credential: unknown): string {
  return bakeSvg(pngAsSvg(image), credentialText(credential))
}
