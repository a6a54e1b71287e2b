/**
 * The badge design model: a badge image described as data (JSON), so the designer can reopen
 * it and the renderer's live preview and the main process draw exactly the same SVG.
 */
import { z } from 'zod'
import { refuseHiddenCharacters } from '../schemas.js'
import { BUILTIN_ICON_NAMES } from './builtin-icons.js'

export const BADGE_TEMPLATES = ['circle', 'shield', 'hexagon', 'ribbon', 'rosette'] as const
export type BadgeTemplate = (typeof BADGE_TEMPLATES)[number]

export const MAX_DESIGN_LINES = 3
export const MAX_LINE_LENGTH = 80

const hexColour = z
  .string()
  .trim()
  .regex(/^#[0-9a-fA-F]{6}$/, 'must be a colour like #1f5f8b')

const iconNames = BUILTIN_ICON_NAMES as readonly string[]

export const designIconSchema = z.discriminatedUnion('kind', [
  z.strictObject({ kind: z.literal('none') }),
  z.strictObject({
    kind: z.literal('builtin'),
    name: z.string().refine((n) => iconNames.includes(n), 'is not a built-in icon')
  }),
  /** An image uploaded with badges:uploadImage, stored as PNG under its SHA-256. */
  z.strictObject({ kind: z.literal('upload'), sha256: z.string().regex(/^[0-9a-f]{64}$/) })
])

export const badgeDesignSchema = z.strictObject({
  template: z.enum(BADGE_TEMPLATES),
  colours: z.strictObject({
    /** The badge face. */
    background: hexColour,
    /** The outer rim (and ribbon tails). */
    border: hexColour,
    /** The inner ring, the icon and the banner. */
    accent: hexColour,
    text: hexColour
  }),
  /** Width of the rim in viewBox units (the badge is 600×600). */
  borderWidth: z.number().min(0).max(60),
  icon: designIconSchema,
  /** Up to three lines: the first is the title (larger), the others smaller. Long lines shrink and wrap to fit. */
  lines: z
    .array(z.string().trim().max(MAX_LINE_LENGTH).superRefine(refuseHiddenCharacters()))
    .max(MAX_DESIGN_LINES),
  /** Largest font size wanted for the title; the text still shrinks to fit. */
  fontSize: z.number().min(12).max(96).optional()
})

export type BadgeDesign = z.infer<typeof badgeDesignSchema>
export type DesignIcon = z.infer<typeof designIconSchema>

/** A good-looking starting point for a new badge. */
export function defaultDesign(name = ''): BadgeDesign {
  return {
    template: 'ribbon',
    colours: { background: '#f7f4ec', border: '#1f4e79', accent: '#c8952c', text: '#1f2a37' },
    borderWidth: 22,
    icon: { kind: 'builtin', name: 'award' },
    lines: name ? [name.slice(0, MAX_LINE_LENGTH)] : []
  }
}
