/**
 * The awards chart as a PNG: the Recharts SVG serialised, drawn on a canvas over the theme's
 * background with a title and a legend (Recharts draws its legend in HTML), then offered as a
 * download. Everything stays in the page (blob: and data: images are allowed by the CSP).
 */

export type LegendItem = Readonly<{ name: string; color: string }>

export type ChartPngOptions = Readonly<{
  svg: SVGSVGElement
  title: string
  legend: readonly LegendItem[]
  background: string
  text: string
  scale?: number
}>

function loadImage(url: string): Promise<HTMLImageElement> {
  return new Promise((resolve, reject) => {
    const image = new Image()
    image.onload = () => resolve(image)
    image.onerror = () => reject(new Error('the chart could not be drawn'))
    image.src = url
  })
}

/** Legend rows: as many items per row as fit the width. */
function legendRows(
  ctx: CanvasRenderingContext2D,
  items: readonly LegendItem[],
  width: number
): LegendItem[][] {
  const rows: LegendItem[][] = [[]]
  let x = 0
  for (const item of items) {
    const w = 22 + ctx.measureText(item.name).width + 18
    const row = rows[rows.length - 1] ?? []
    if (x + w > width && row.length > 0) {
      rows.push([item])
      x = w
    } else {
      row.push(item)
      x += w
    }
  }
  return rows
}

export async function chartToPngBlob(options: ChartPngOptions): Promise<Blob> {
  const { svg, legend } = options
  const scale = options.scale ?? 2
  const box = svg.getBoundingClientRect()
  const width = Math.max(1, Math.round(box.width))
  const height = Math.max(1, Math.round(box.height))
  const clone = svg.cloneNode(true) as SVGSVGElement
  clone.setAttribute('xmlns', 'http://www.w3.org/2000/svg')
  clone.setAttribute('width', String(width))
  clone.setAttribute('height', String(height))
  const font = getComputedStyle(svg).fontFamily || 'sans-serif'
  clone.setAttribute('font-family', font)
  const markup = new XMLSerializer().serializeToString(clone)
  const url = URL.createObjectURL(new Blob([markup], { type: 'image/svg+xml;charset=utf-8' }))

  const pad = 24
  const canvas = document.createElement('canvas')
  const ctx = canvas.getContext('2d')
  if (!ctx) throw new Error('this browser cannot draw the chart')
  ctx.font = `14px ${font}`
  const rows = legendRows(ctx, legend, width)
  const titleHeight = 36
  const legendHeight = rows.length * 24 + 8
  canvas.width = (width + pad * 2) * scale
  canvas.height = (titleHeight + height + legendHeight + pad * 2) * scale
  try {
    const image = await loadImage(url)
    ctx.scale(scale, scale)
    ctx.fillStyle = options.background
    ctx.fillRect(0, 0, width + pad * 2, titleHeight + height + legendHeight + pad * 2)
    ctx.fillStyle = options.text
    ctx.font = `600 18px ${font}`
    ctx.textBaseline = 'top'
    ctx.fillText(options.title, pad, pad)
    ctx.drawImage(image, pad, pad + titleHeight, width, height)
    ctx.font = `14px ${font}`
    ctx.textBaseline = 'middle'
    rows.forEach((row, r) => {
      let x = pad
      const y = pad + titleHeight + height + 12 + r * 24
      for (const item of row) {
        ctx.fillStyle = item.color
        ctx.fillRect(x, y - 6, 14, 14)
        ctx.fillStyle = options.text
        ctx.fillText(item.name, x + 22, y + 1)
        x += 22 + ctx.measureText(item.name).width + 18
      }
    })
  } finally {
    URL.revokeObjectURL(url)
  }
  return new Promise((resolve, reject) => {
    canvas.toBlob(
      (blob) => (blob ? resolve(blob) : reject(new Error('the PNG could not be made'))),
      'image/png'
    )
  })
}

/** Offers a blob as a file download. */
export function downloadBlob(blob: Blob, filename: string): void {
  const url = URL.createObjectURL(blob)
  const link = document.createElement('a')
  link.href = url
  link.download = filename
  link.rel = 'noopener'
  document.body.append(link)
  link.click()
  link.remove()
  setTimeout(() => URL.revokeObjectURL(url), 10_000)
}
