/**
 * Geometry of each badge template on a 600×600 canvas: the shapes (rim, face, inner ring,
 * decorations) and where the icon and the text go.
 */
import type { BadgeDesign, BadgeTemplate } from './design-schema.js'
import type { TextBox } from './text-fit.js'

export type Slot = Readonly<{ cx: number; cy: number; size: number }>

export type TemplateLayout = Readonly<{
  /** Markup drawn first (rim, face, ring, ribbons). */
  shapes: string
  /** Icon position when there is text, and when there is none. */
  icon: Slot
  iconAlone: Slot
  /** Text box below an icon, and when there is no icon. */
  text: TextBox
  textAlone: TextBox
}>

export function num(n: number): string {
  const s = n.toFixed(2)
  return s.replace(/\.?0+$/, '') === '-0' ? '0' : s.replace(/\.?0+$/, '')
}

function polygon(cx: number, cy: number, r: number, sides: number, rotate: number): string {
  const pts: string[] = []
  for (let i = 0; i < sides; i++) {
    const a = ((rotate + (360 * i) / sides) * Math.PI) / 180
    pts.push(`${num(cx + r * Math.cos(a))},${num(cy + r * Math.sin(a))}`)
  }
  return pts.join(' ')
}

/** A scalloped (rosette) edge: `count` round lobes around a circle. */
function scallopPath(cx: number, cy: number, r: number, depth: number, count: number): string {
  const parts: string[] = []
  for (let i = 0; i < count; i++) {
    const a0 = (2 * Math.PI * i) / count - Math.PI / 2
    const a1 = (2 * Math.PI * (i + 1)) / count - Math.PI / 2
    const am = (a0 + a1) / 2
    const p0 = [cx + (r - depth) * Math.cos(a0), cy + (r - depth) * Math.sin(a0)]
    const pm = [cx + (r + depth) * Math.cos(am), cy + (r + depth) * Math.sin(am)]
    const p1 = [cx + (r - depth) * Math.cos(a1), cy + (r - depth) * Math.sin(a1)]
    if (i === 0) parts.push(`M${num(p0[0] ?? 0)} ${num(p0[1] ?? 0)}`)
    parts.push(`Q${num(pm[0] ?? 0)} ${num(pm[1] ?? 0)} ${num(p1[0] ?? 0)} ${num(p1[1] ?? 0)}`)
  }
  return parts.join('') + 'Z'
}

function shieldPath(inset: number): string {
  const x0 = 62 + inset
  const x1 = 538 - inset
  const top = 48 + inset
  const side = 318
  const point = 578 - inset * 1.35
  return (
    `M${num(x0)} ${num(top)}Q300 ${num(top - 36)} ${num(x1)} ${num(top)}` +
    `L${num(x1)} ${side}C${num(x1)} ${num(side + 150)} ${num(382 - inset * 0.3)} ${num(point - 52)} 300 ${num(point)}` +
    `C${num(218 + inset * 0.3)} ${num(point - 52)} ${num(x0)} ${num(side + 150)} ${num(x0)} ${side}Z`
  )
}

const ring = (d: string, stroke: string) =>
  `<path d="${d}" fill="none" stroke="${stroke}" stroke-width="3" stroke-opacity="0.55"/>`
const circleRing = (cx: number, cy: number, r: number, stroke: string) =>
  `<circle cx="${num(cx)}" cy="${num(cy)}" r="${num(r)}" fill="none" stroke="${stroke}" stroke-width="3" stroke-opacity="0.55"/>`
/** A soft highlight on the face, so flat colours do not look dull. */
const sheen = (shape: string) => shape.replace('/>', ' fill="url(#sheen)"/>')

function medal(cx: number, cy: number, r: number, d: BadgeDesign, scalloped: boolean): string {
  const { background, border, accent } = d.colours
  const bw = d.borderWidth
  const face = r - bw - (scalloped ? 14 : 0)
  const outer = scalloped
    ? `<path d="${scallopPath(cx, cy, r - 10, 10, 36)}" fill="${border}"/>`
    : `<circle cx="${num(cx)}" cy="${num(cy)}" r="${num(r)}" fill="${border}"/>`
  const faceShape = `<circle cx="${num(cx)}" cy="${num(cy)}" r="${num(Math.max(face, 40))}"/>`
  return (
    outer +
    faceShape.replace('/>', ` fill="${background}"/>`) +
    sheen(faceShape) +
    circleRing(cx, cy, Math.max(face - 14, 30), accent)
  )
}

function ribbonTails(d: BadgeDesign): string {
  const { border, accent } = d.colours
  const tail = (x: number, dir: number) => {
    const x0 = x
    const x1 = x + dir * 118
    const notch = x + dir * 50
    return (
      `<path d="M${num(x0 - dir * 40)} 380L${num(x0 + dir * 40)} 380L${num(x1)} 592L${num(notch + dir * 12)} 548L${num(notch - dir * 30)} 590Z" fill="${border}"/>` +
      `<path d="M${num(x0 - dir * 14)} 380L${num(x0 + dir * 16)} 380L${num(x1 - dir * 40)} 578L${num(notch - dir * 12)} 560Z" fill="${accent}" fill-opacity="0.85"/>`
    )
  }
  return tail(250, -1) + tail(350, 1)
}

export function templateLayout(d: BadgeDesign): TemplateLayout {
  const { background, border, accent } = d.colours
  const bw = d.borderWidth
  const t: BadgeTemplate = d.template
  switch (t) {
    case 'circle':
      return {
        shapes: medal(300, 300, 288, d, false),
        icon: { cx: 300, cy: 200, size: 150 },
        iconAlone: { cx: 300, cy: 300, size: 250 },
        text: { cx: 300, top: 298, bottom: 440, width: 390 - bw, maxTitle: 64 },
        textAlone: { cx: 300, top: 170, bottom: 430, width: 430 - bw * 2, maxTitle: 84 }
      }
    case 'rosette':
      return {
        shapes: medal(300, 300, 290, d, true),
        icon: { cx: 300, cy: 205, size: 140 },
        iconAlone: { cx: 300, cy: 300, size: 230 },
        text: { cx: 300, top: 296, bottom: 425, width: 360 - bw, maxTitle: 60 },
        textAlone: { cx: 300, top: 180, bottom: 420, width: 400 - bw * 2, maxTitle: 80 }
      }
    case 'ribbon':
      return {
        shapes: ribbonTails(d) + medal(300, 262, 246, d, true),
        icon: { cx: 300, cy: 180, size: 120 },
        iconAlone: { cx: 300, cy: 262, size: 200 },
        // The face's inner ring reaches y ≈ 458; at y = 400 it is still 278 wide.
        text: { cx: 300, top: 252, bottom: 400, width: 300 - bw, maxTitle: 52 },
        textAlone: { cx: 300, top: 160, bottom: 400, width: 340 - bw * 2, maxTitle: 70 }
      }
    case 'hexagon': {
      const inner = 290 - bw / Math.cos(Math.PI / 6)
      return {
        shapes:
          `<polygon points="${polygon(300, 300, 290, 6, -90)}" fill="${border}" stroke="${border}" stroke-width="10" stroke-linejoin="round"/>` +
          `<polygon points="${polygon(300, 300, Math.max(inner, 60), 6, -90)}" fill="${background}"/>` +
          sheen(`<polygon points="${polygon(300, 300, Math.max(inner, 60), 6, -90)}"/>`) +
          ring(
            `M${polygon(300, 300, Math.max(inner - 18, 40), 6, -90).replace(/ /g, 'L')}Z`,
            accent
          ),
        icon: { cx: 300, cy: 200, size: 150 },
        iconAlone: { cx: 300, cy: 300, size: 240 },
        text: { cx: 300, top: 298, bottom: 430, width: 400 - bw * 1.5, maxTitle: 62 },
        textAlone: { cx: 300, top: 170, bottom: 430, width: 420 - bw * 2, maxTitle: 84 }
      }
    }
    case 'shield':
      return {
        shapes:
          `<path d="${shieldPath(0)}" fill="${border}"/>` +
          `<path d="${shieldPath(bw)}" fill="${background}"/>` +
          sheen(`<path d="${shieldPath(bw)}"/>`) +
          ring(shieldPath(bw + 16), accent),
        icon: { cx: 300, cy: 190, size: 140 },
        iconAlone: { cx: 300, cy: 270, size: 230 },
        text: { cx: 300, top: 286, bottom: 410, width: 350 - bw * 1.5, maxTitle: 58 },
        textAlone: { cx: 300, top: 150, bottom: 400, width: 400 - bw * 2, maxTitle: 80 }
      }
  }
}
