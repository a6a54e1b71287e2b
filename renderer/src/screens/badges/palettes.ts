/** Ready-made colour sets for the designer (text keeps a strong contrast on the background). */
import type { BadgeDesign } from './design-source.js'

type Colours = BadgeDesign['colours']

export const PALETTES: ReadonlyArray<Readonly<{ name: string; colours: Colours }>> = [
  {
    name: 'Parchment',
    colours: { background: '#f7f4ec', border: '#1f4e79', accent: '#c8952c', text: '#1f2a37' }
  },
  {
    name: 'Navy and gold',
    colours: { background: '#1f3a5f', border: '#c8952c', accent: '#f2c14e', text: '#ffffff' }
  },
  {
    name: 'Forest',
    colours: { background: '#1e4d3a', border: '#0f2e22', accent: '#9fd3a8', text: '#ffffff' }
  },
  {
    name: 'Ember',
    colours: { background: '#a3410d', border: '#5c2206', accent: '#ffd3b0', text: '#ffffff' }
  },
  {
    name: 'Plum',
    colours: { background: '#4b2a5e', border: '#2b1538', accent: '#e3b6f0', text: '#ffffff' }
  },
  {
    name: 'Slate',
    colours: { background: '#eef1f5', border: '#3b4452', accent: '#0b57d0', text: '#1b1e24' }
  }
]
