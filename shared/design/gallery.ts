/**
 * Ready badge designs for what associations and conferences award most: each a starting point
 * (shape, colours, icon, text lines, and suggested wording) that the designer then edits.
 * Text colours keep at least 4.5:1 contrast on their backgrounds (checked in a test).
 */
import type { BadgeDesign } from './design-schema.js'

export type GalleryEntry = Readonly<{
  id: string
  /** The template's name in the gallery, and the badge name it suggests. */
  name: string
  design: BadgeDesign
  /** Suggested wording, used only for fields the person has left empty. */
  suggest: Readonly<{
    description: string
    criteria: string
    achievementType: string
    tags: readonly string[]
    credits?: number
  }>
}>

export const BADGE_GALLERY: readonly GalleryEntry[] = [
  {
    id: 'speaker',
    name: 'Speaker',
    design: {
      template: 'ribbon',
      colours: { background: '#f7f4ec', border: '#1f4e79', accent: '#c8952c', text: '#1f2a37' },
      borderWidth: 22,
      icon: { kind: 'builtin', name: 'mic' },
      lines: ['Speaker', 'Annual Conference 2026']
    },
    suggest: {
      description: 'Presented a session in the programme of the annual conference.',
      criteria:
        'Gave a talk, a panel contribution or a workshop listed in the conference programme.',
      achievementType: 'Award',
      tags: ['conference', 'speaker']
    }
  },
  {
    id: 'attendee',
    name: 'Attendee',
    design: {
      template: 'circle',
      colours: { background: '#eef6f7', border: '#0e5a66', accent: '#1a8a99', text: '#10343a' },
      borderWidth: 18,
      icon: { kind: 'builtin', name: 'users' },
      lines: ['Attendee', 'Annual Conference 2026']
    },
    suggest: {
      description: 'Took part in the annual conference.',
      criteria: 'Registered for the conference and checked in at the desk.',
      achievementType: 'Badge',
      tags: ['conference', 'attendance']
    }
  },
  {
    id: 'volunteer',
    name: 'Volunteer',
    design: {
      template: 'rosette',
      colours: { background: '#1e4d3a', border: '#0f2e22', accent: '#9fd3a8', text: '#ffffff' },
      borderWidth: 16,
      icon: { kind: 'builtin', name: 'heart-handshake' },
      lines: ['Volunteer', 'Thank you for your help']
    },
    suggest: {
      description: 'Volunteered at the conference and helped make it happen.',
      criteria:
        'Served at least one volunteer shift (desk, rooms, guidance) during the conference.',
      achievementType: 'CommunityService',
      tags: ['conference', 'volunteer']
    }
  },
  {
    id: 'workshop',
    name: 'Workshop',
    design: {
      template: 'hexagon',
      colours: { background: '#4b2a5e', border: '#2b1538', accent: '#e3b6f0', text: '#ffffff' },
      borderWidth: 14,
      icon: { kind: 'builtin', name: 'wrench' },
      lines: ['Workshop', 'Hands-on session']
    },
    suggest: {
      description: 'Completed a hands-on workshop.',
      criteria: 'Attended the whole workshop and completed its exercises.',
      achievementType: 'CoCurricular',
      tags: ['workshop']
    }
  },
  {
    id: 'ce-credit',
    name: 'Continuing Education',
    design: {
      template: 'shield',
      colours: { background: '#eef1f5', border: '#3b4452', accent: '#0b57d0', text: '#1b1e24' },
      borderWidth: 18,
      icon: { kind: 'builtin', name: 'book-open' },
      lines: ['Continuing Education', '3 CE credits']
    },
    suggest: {
      description: 'Earned continuing education credits for an accredited session.',
      criteria: 'Attended the accredited session in full and passed its short assessment.',
      achievementType: 'LearningProgram',
      tags: ['CE credit', 'continuing education'],
      credits: 3
    }
  },
  {
    id: 'certification',
    name: 'Certified Professional',
    design: {
      template: 'shield',
      colours: { background: '#1f3a5f', border: '#c8952c', accent: '#f2c14e', text: '#ffffff' },
      borderWidth: 20,
      icon: { kind: 'builtin', name: 'badge-check' },
      lines: ['Certified Professional', 'Example Association']
    },
    suggest: {
      description: 'Holds the association’s professional certification.',
      criteria: 'Passed the certification examination and meets the experience requirements.',
      achievementType: 'Certification',
      tags: ['certification']
    }
  },
  {
    id: 'excellence',
    name: 'Award of Excellence',
    design: {
      template: 'rosette',
      colours: { background: '#fbf3e4', border: '#7a1f2b', accent: '#b8862b', text: '#3d0f16' },
      borderWidth: 18,
      icon: { kind: 'builtin', name: 'trophy' },
      lines: ['Award of Excellence', '2026']
    },
    suggest: {
      description: 'Recognised for outstanding contribution to the profession.',
      criteria: 'Chosen by the awards committee from the nominations received this year.',
      achievementType: 'Award',
      tags: ['award', 'excellence']
    }
  },
  {
    id: 'membership',
    name: 'Member',
    design: {
      template: 'circle',
      colours: { background: '#a3410d', border: '#5c2206', accent: '#ffd3b0', text: '#ffffff' },
      borderWidth: 20,
      icon: { kind: 'builtin', name: 'globe' },
      lines: ['Member', '2026–2027']
    },
    suggest: {
      description: 'A member in good standing of the association.',
      criteria: 'Joined the association and paid this year’s membership fee.',
      achievementType: 'Membership',
      tags: ['membership']
    }
  }
]
