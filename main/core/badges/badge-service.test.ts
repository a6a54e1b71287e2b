import { existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { defaultDesign, type BadgeDesign } from '../../../shared/design/design-schema.js'
import { PNG } from 'pngjs'
import type { Award } from '../../../shared/types.js'
import { KilnFailure } from '../failure.js'
import { Station } from '../station/station.js'
import { awardableBadge, issueToPeople } from '../awards/issue-award.js'
import { verifyCredential } from '../credentials/verify.js'
import { badgeCreateSchema, badgeUpdateSchema } from '../../../shared/methods/badges.js'
import { archiveBadge, createBadge, publishBadge, updateBadge } from './badge-service.js'
import { imageFile } from './images.js'
import { renderDesign } from './render-png.js'

process.env.KILN_SCRYPT_N = '16384'

/** Issues one award the way the awards handlers do (pins the badge's latest version). */
async function issueAward(
  station: Station,
  input: { badgeId: string; email: string; name: string }
): Promise<Award> {
  const badge = awardableBadge(station, input.badgeId)
  const [award] = await issueToPeople(
    station,
    badge,
    [{ name: input.name, email: input.email }],
    {}
  )
  if (!award) throw new Error('no award issued')
  return award
}

let dir: string
let station: Station
beforeAll(async () => {
  dir = mkdtempSync(path.join(os.tmpdir(), 'kiln-badges-'))
  station = await Station.open(dir)
  await station.init({
    issuerName: 'Example Association',
    issuerUrl: 'https://example.org/',
    siteUrl: 'https://badges.example.org/',
    did: 'key',
    passphrase: 'correct horse battery staple'
  })
})
afterAll(async () => {
  await station.close()
  rmSync(dir, { recursive: true, force: true })
})

const create = (over: Record<string, unknown> = {}) =>
  createBadge(
    station,
    badgeCreateSchema.parse({
      name: 'Conference Speaker',
      description: 'Spoke at the annual conference.',
      criteriaNarrative: 'Gave a talk.',
      ...over
    })
  )
const update = (input: Record<string, unknown>) =>
  updateBadge(station, badgeUpdateSchema.parse(input))

async function code(promise: Promise<unknown>): Promise<string> {
  try {
    await promise
  } catch (error) {
    if (error instanceof KilnFailure) return error.code
    throw error
  }
  return 'no error'
}

describe('badge lifecycle', () => {
  it('edits a draft in place, without versions', async () => {
    const badge = await create()
    const edited = await update({ id: badge.id, name: 'Keynote Speaker', fieldOfStudy: 'Events' })
    expect(edited.status).toBe('draft')
    expect(edited.versions).toEqual([])
    expect(edited.content.name).toBe('Keynote Speaker')
    const cleared = await update({ id: badge.id, fieldOfStudy: null })
    expect(cleared.content.fieldOfStudy).toBeUndefined()
    expect(await code(update({ id: badge.id, criteriaNarrative: null }))).toBe('INVALID_INPUT')
  })

  it('stores a default design when no image is given, and the design JSON when one is', async () => {
    const plain = await create()
    expect(plain.content.design?.lines).toEqual(['Conference Speaker'])
    const design: BadgeDesign = { ...defaultDesign(), template: 'shield', lines: ['Mentor'] }
    const designed = await create({ design })
    expect(designed.content.design).toEqual(design)
    expect(existsSync(imageFile(station.paths.images, designed.content.imageSha256 ?? ''))).toBe(
      true
    )
  })

  it('freezes a new version when a published badge is edited; awards of version 1 keep verifying, also after archiving', async () => {
    const badge = await create({ design: { ...defaultDesign(), lines: ['Volunteer'] } })
    const v1 = await publishBadge(station, badge.id)
    expect(v1.versions.map((v) => v.version)).toEqual([1])
    const award = await issueAward(station, {
      badgeId: badge.id,
      email: 'ada@example.org',
      name: 'Ada Lovelace'
    })
    expect(award.badgeVersion).toBe(1)
    const v1Image = v1.versions[0]?.content.imageSha256 ?? ''

    const v2 = await update({
      id: badge.id,
      description: 'Volunteered at the conference (2 days).',
      design: { ...defaultDesign(), template: 'hexagon', lines: ['Volunteer', '2025'] }
    })
    expect(v2.status).toBe('published')
    expect(v2.versions.map((v) => v.version)).toEqual([1, 2])
    expect(v2.versions[0]?.content.imageSha256).toBe(v1Image)
    expect(v2.versions[0]?.content.description).toBe('Spoke at the annual conference.')
    expect(v2.versions[1]?.content.imageSha256).not.toBe(v1Image)
    expect(existsSync(imageFile(station.paths.images, v1Image))).toBe(true)
    const again = await update({
      id: badge.id,
      description: 'Volunteered at the conference (2 days).'
    })
    expect(again.versions).toHaveLength(2)

    const second = await issueAward(station, {
      badgeId: badge.id,
      email: 'bo@example.org',
      name: 'Bo'
    })
    expect(second.badgeVersion).toBe(2)

    const check = async () => {
      const report = await verifyCredential(station.awards.credential(award.id))
      expect(report.checks.find((c) => c.id === 'proof')?.status).toBe('passed')
      expect(report.checks.filter((c) => c.status === 'failed')).toEqual([])
    }
    await check()
    await archiveBadge(station, badge.id)
    expect(
      await code(issueAward(station, { badgeId: badge.id, email: 'c@example.org', name: 'C' }))
    ).toBe('BADGE_ARCHIVED')
    expect(await code(update({ id: badge.id, name: 'Renamed' }))).toBe('BADGE_ARCHIVED')
    expect(await code(publishBadge(station, badge.id))).toBe('BADGE_ARCHIVED')
    await check()
    expect(station.awards.view(award.id)?.status).toBe('active')
  })

  it('refuses a hostile upload and stores nothing', async () => {
    const before = readdirSync(station.paths.images).sort()
    const hostile = Buffer.from(
      '<svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)"/>'
    ).toString('base64')
    expect(await code(create({ imageBase64: hostile }))).toBe('IMAGE_REJECTED')
    expect(readdirSync(station.paths.images).sort()).toEqual(before)
    expect(station.catalog.badges.some((b) => b.content.imageSha256 === undefined)).toBe(false)
  })
})

describe('design rendering', () => {
  const design: BadgeDesign = {
    ...defaultDesign(),
    lines: ['Annual Conference', 'Speaker', '2025']
  }

  it('gives the same PNG bytes every time', () => {
    const a = renderDesign(design).png
    const b = renderDesign(structuredClone(design)).png
    expect(a.equals(b)).toBe(true)
    const decoded = PNG.sync.read(a)
    expect([decoded.width, decoded.height]).toEqual([600, 600])
  })

  it('really draws the text with the shipped font', () => {
    const withText = PNG.sync.read(renderDesign(design).png).data
    const without = PNG.sync.read(renderDesign({ ...design, lines: [] }).png).data
    let differing = 0
    for (let i = 0; i < withText.length; i += 4) if (withText[i] !== without[i]) differing++
    expect(differing).toBeGreaterThan(2000)
  })
})
