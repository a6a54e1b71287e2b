// Renders the app icon: resources/icon.svg → resources/icon.png (512×512) with resvg.
// Run once after editing the SVG: `node scripts/make-icon.mjs`.
import { readFileSync, writeFileSync } from 'node:fs'
import { Resvg } from '@resvg/resvg-js'

const svg = readFileSync('resources/icon.svg', 'utf8')
const png = new Resvg(svg, {
  fitTo: { mode: 'width', value: 512 },
  font: { loadSystemFonts: false }
})
  .render()
  .asPng()
writeFileSync('resources/icon.png', png)
console.log(`resources/icon.png: 512×512, ${png.length} bytes`)
