import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { freshKit, type Kit } from '../../awards/test-support/station-kit.js'
import { bakePng } from '../../baking/png.js'
import { otherIssuer, type OtherIssuer } from '../test-support/other-issuer.js'

let kit: Kit
let other: OtherIssuer
let memberId = ''
let memberAward = ''
let strangerAward = ''

const fileOf = async (id: string, format: 'ob3' | 'png' | 'svg' | 'ob2') =>
  (await other.file(id, format)).toString('base64')

/** The academy's plain badge image (an OB 2.0 issuer bakes the assertion URL into it). */
const otherImage = async (): Promise<Buffer> =>
  Buffer.from((await other.call('badges:image', { id: other.badgeId })).pngBase64, 'base64')

beforeAll(async () => {
  process.env.KILN_SCRYPT_N ??= '16384'
  other = await otherIssuer()
  kit = await freshKit()
  const member = await kit.call('recipients:create', {
    name: 'Mia Member',
    email: 'mia@members.example.org'
  })
  memberId = member.id
  // Mia's other address (merged into her record) is the one the academy knows.
  const alias = await kit.call('recipients:create', { name: 'Mia M.', email: 'mia.m@work.example' })
  await kit.call('recipients:merge', { keepId: memberId, mergeIds: [alias.id] })
  memberAward = await other.award('Mia M.', 'mia.m@work.example')
  strangerAward = await other.award('Sam Stranger', 'sam@elsewhere.example')
  await other.publish()
}, 120_000)

afterAll(async () => {
  await kit.close()
  await other.close()
})

describe('importing a member’s badge from another issuer', () => {
  it('a baked OB 3.0 PNG is verified (signature, issuer key, status, e-mail) and counted by credit rules', async () => {
    const rule = await kit.call('rules:create', {
      name: 'Three credits',
      awardBadgeId: kit.badgeId,
      kind: 'credits',
      minCredits: 3,
      enabled: true
    })
    const dry = await kit.call('rules:run', { dryRun: true, ruleId: rule.id })
    expect(dry.runs[0]?.wouldAward ?? []).toEqual([])

    const imported = await kit.call('recipients:importBadge', {
      recipientId: memberId,
      fileBase64: await fileOf(memberAward, 'png')
    })
    expect(imported).toMatchObject({
      kind: 'ob3',
      format: 'png',
      issuer: { name: 'Other Academy' },
      achievement: { name: 'Safety Course', credits: 3 },
      email: 'mia.m@work.example'
    })
    expect(imported.checks.map((c) => [c.id, c.status])).toContainEqual(['status', 'passed'])
    const listed = await kit.call('recipients:importedBadges', { recipientId: memberId })
    expect(listed.badges.map((b) => b.id)).toEqual([imported.id])

    const run = await kit.call('rules:run', { dryRun: true, ruleId: rule.id })
    expect(run.runs[0]?.wouldAward.map((c) => c.recipientEmail)).toEqual([
      'mia@members.example.org'
    ])
    await kit.call('rules:delete', { id: rule.id })

    const twice = await kit.fails('recipients:importBadge', {
      recipientId: memberId,
      fileBase64: await fileOf(memberAward, 'ob3')
    })
    expect(twice.code).toBe('CONFLICT')
  })

  it('an OB 2.0 hosted assertion (JSON, or a PNG baked with its URL) is checked against the issuer’s site', async () => {
    const assertion = JSON.parse(
      Buffer.from(await fileOf(memberAward, 'ob2'), 'base64').toString('utf8')
    ) as { id: string }
    await kit.call('recipients:removeImportedBadge', {
      id:
        (await kit.call('recipients:importedBadges', { recipientId: memberId })).badges[0]?.id ?? ''
    })
    const fromJson = await kit.call('recipients:importBadge', {
      recipientId: memberId,
      fileBase64: Buffer.from(JSON.stringify(assertion)).toString('base64')
    })
    expect(fromJson).toMatchObject({
      kind: 'ob2-hosted',
      credentialId: assertion.id,
      issuer: { name: 'Other Academy' },
      achievement: { name: 'Safety Course' }
    })
    await kit.call('recipients:removeImportedBadge', { id: fromJson.id })
    // The URL alone, as a member pastes it from the issuer's e-mail.
    const fromLink = await kit.call('recipients:importBadge', {
      recipientId: memberId,
      url: assertion.id
    })
    expect(fromLink).toMatchObject({
      kind: 'ob2-hosted',
      format: 'url',
      credentialId: assertion.id,
      issuer: { name: 'Other Academy' }
    })
    await kit.call('recipients:removeImportedBadge', { id: fromLink.id })
    const both = await kit.fails('recipients:importBadge', {
      recipientId: memberId,
      url: assertion.id,
      fileBase64: Buffer.from(JSON.stringify(assertion)).toString('base64')
    })
    expect(both.code).toBe('INVALID_INPUT')
    const bakedUrl = bakePng(await otherImage(), 'openbadges', assertion.id)
    const fromPng = await kit.call('recipients:importBadge', {
      recipientId: memberId,
      fileBase64: Buffer.from(bakedUrl).toString('base64')
    })
    expect(fromPng.kind).toBe('ob2-hosted')
    await kit.call('recipients:removeImportedBadge', { id: fromPng.id })
  })

  it('refuses, with the reason, a badge of someone else, a changed credential, and an unbaked image', async () => {
    const before = kit.core.station.journal.count
    const stranger = await kit.fails('recipients:importBadge', {
      recipientId: memberId,
      fileBase64: await fileOf(strangerAward, 'ob3')
    })
    expect(stranger).toMatchObject({ code: 'CREDENTIAL_INVALID' })
    expect(stranger.message).toMatch(/not issued to any of this person’s e-mail/)

    const credential = JSON.parse(
      Buffer.from(await fileOf(memberAward, 'ob3'), 'base64').toString('utf8')
    ) as Record<string, unknown>
    const changed = { ...credential, name: 'Master Safety Course' }
    const tampered = await kit.fails('recipients:importBadge', {
      recipientId: memberId,
      fileBase64: Buffer.from(JSON.stringify(changed)).toString('base64')
    })
    expect(tampered.code).toBe('CREDENTIAL_INVALID')
    expect(tampered.message).toMatch(/signature/i)

    const image = Buffer.from(
      (await kit.call('badges:image', { id: kit.badgeId })).pngBase64,
      'base64'
    )
    const plain = await kit.fails('recipients:importBadge', {
      recipientId: memberId,
      fileBase64: image.toString('base64')
    })
    expect(plain).toMatchObject({ code: 'CREDENTIAL_INVALID' })
    expect(kit.core.station.journal.count).toBe(before)
  })

  it('refuses a badge its issuer revoked (OB 3.0 status list, OB 2.0 hosted assertion)', async () => {
    await other.call('awards:revoke', { id: memberAward, reason: 'exam annulled' })
    await other.publish()
    const v3 = await kit.fails('recipients:importBadge', {
      recipientId: memberId,
      fileBase64: await fileOf(memberAward, 'png')
    })
    expect(v3.code).toBe('CREDENTIAL_INVALID')
    expect(v3.message).toMatch(/revoked/)
    const assertionUrl = other.assertionUrl(memberAward)
    const v2 = await kit.fails('recipients:importBadge', {
      recipientId: memberId,
      fileBase64: Buffer.from(bakePng(await otherImage(), 'openbadges', assertionUrl)).toString(
        'base64'
      )
    })
    expect(v2.code).toBe('CREDENTIAL_INVALID')
    expect(v2.message).toMatch(/revoked.*exam annulled/)
  })

  it('offline: a check that needs the network stops the import and nothing is written', async () => {
    const another = await other.award('Mia M.', 'mia.m@work.example')
    const png = await fileOf(another, 'png')
    await other.site.close()
    const before = kit.core.station.journal.count
    const error = await kit.fails('recipients:importBadge', {
      recipientId: memberId,
      fileBase64: png
    })
    expect(error.code).toBe('OFFLINE')
    expect(error.message).toMatch(/nothing was imported/)
    expect(kit.core.station.journal.count).toBe(before)
  })
})
