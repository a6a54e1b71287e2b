/**
 * What the exported site holds (issue 12 items 4–6, issue 11 item 6): the hosted Achievement is
 * the object credentials embed; status lists carry a validity hint; OB 2.0 assertions point at
 * the badge image; personal pages are unguessable, stable, unlisted, noindex, follow the
 * showcase and drop revoked badges; the station's language and settings reach the pages.
 */
import { readFileSync } from 'node:fs'
import path from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { readSiteRecord } from './export-bundle.js'
import { personalPageUrl } from '../site/personal-pages.js'
import { SITE, newKit, siteFiles, type Kit } from './site-test-kit.test-support.js'

let kit: Kit
let badge: string
let n = 0

beforeAll(async () => {
  kit = await newKit()
  badge = await kit.badge()
}, 60_000)

afterAll(async () => {
  await kit.close()
})

async function exportFull(): Promise<string> {
  const out = path.join(kit.work, `site-${++n}`)
  await kit.exportSite({ out, full: true })
  return out
}

const read = (dir: string, p: string): string => readFileSync(path.join(dir, p), 'utf8')
const json = (dir: string, p: string): Record<string, unknown> =>
  JSON.parse(read(dir, p)) as Record<string, unknown>

function recipientId(email: string): string {
  const id = kit.core.station.recipients.idForEmail(email)
  if (!id) throw new Error(`no recipient ${email}`)
  return id
}

describe('hosted documents', () => {
  it('the hosted Achievement is the object a credential of the newest version embeds', async () => {
    const first = await kit.award(badge, 'a1@example.com', 'A One')
    await kit.call('badges:update', { id: badge, description: 'A second, longer description.' })
    const second = await kit.award(badge, 'a2@example.com', 'A Two')
    const out = await exportFull()
    const hosted = json(out, `achievements/${badge}.json`)
    const { '@context': context, ...achievement } = hosted
    expect(context).toEqual(
      (json(out, `credentials/${second}.json`) as { '@context': unknown })['@context']
    )
    const embedded = (
      json(out, `credentials/${second}.json`) as {
        credentialSubject: { achievement: unknown }
      }
    ).credentialSubject.achievement
    expect(achievement).toEqual(embedded)
    expect(JSON.stringify(achievement)).toBe(JSON.stringify(embedded))
    // The older credential embeds version 1, whose image is still on the site.
    const older = (
      json(out, `credentials/${first}.json`) as {
        credentialSubject: { achievement: { version: string; image: { id: string } } }
      }
    ).credentialSubject.achievement
    expect(older.version).toBe('1')
    expect(siteFiles(out)).toContain(older.image.id.slice(SITE.length))
  })

  it('status lists carry ttl; OB 2.0 assertions point at the badge version image', async () => {
    const id = await kit.award(badge, 'b1@example.com', 'B One')
    const out = await exportFull()
    const credential = json(out, `credentials/${id}.json`) as {
      credentialStatus: { statusListCredential: string }
      credentialSubject: { achievement: { image: { id: string } } }
    }
    const list = json(out, credential.credentialStatus.statusListCredential.slice(SITE.length)) as {
      credentialSubject: { ttl?: number }
    }
    expect(list.credentialSubject.ttl).toBe(3_600_000)
    const assertion = json(out, `ob2/assertions/${id}.json`)
    expect(assertion.image).toBe(credential.credentialSubject.achievement.image.id)
    expect(siteFiles(out)).toContain(String(assertion.image).slice(SITE.length))
    expect(siteFiles(out).filter((f) => f.endsWith('.png'))).toEqual(
      siteFiles(out).filter((f) => /^achievements\/[^/]+-v\d+\.png$/.test(f))
    )
    const report = await kit.call('bundle:verify', { dir: out })
    expect(report.ok).toBe(true)
  })
})

describe('personal pages', () => {
  it('are unguessable and stable, noindex, unlisted, linked from no other page', async () => {
    const other = await kit.badge('Volunteer')
    const a = await kit.award(badge, 'carla@example.com', 'Carla')
    const b = await kit.award(other, 'carla@example.com', 'Carla')
    const url = await personalPageUrl(kit.core.station, recipientId('carla@example.com'))
    expect(url).toMatch(new RegExp(`^${SITE}p/[a-z2-7]{32}\\.html$`)) // 160 bits
    const page = url.slice(SITE.length)
    const key = page.slice(2, -5)
    const out = await exportFull()
    const html = read(out, page)
    expect(html).toContain('<meta name="robots" content="noindex">')
    expect(html).toContain(`../credentials/${a}/index.html`)
    expect(html).toContain(`../credentials/${b}/index.html`)
    for (const f of siteFiles(out)) {
      if (f === page) continue
      expect(read(out, f).includes(key), `${f} names the personal page`).toBe(false)
    }
    // Stable: the same address on the next export and from the API.
    const again = await exportFull()
    expect(siteFiles(again)).toContain(page)
    expect(await personalPageUrl(kit.core.station, recipientId('carla@example.com'))).toBe(url)
    // The station's own record keeps plain paths (for publishing); published lists do not.
    expect(readSiteRecord(kit.core.station.paths.dataDir)?.files.has(page)).toBe(true)
  })

  it('follow the showcase (order, hidden) and drop revoked badges', async () => {
    const one = await kit.award(badge, 'dora@example.com', 'Dora')
    const two = await kit.badge('Mentor')
    const second = await kit.award(two, 'dora@example.com', 'Dora')
    const third = await kit.award(await kit.badge('Host'), 'dora@example.com', 'Dora')
    const id = recipientId('dora@example.com')
    const showcase = await kit.call('site:setShowcase', {
      recipientId: id,
      order: [one, third],
      hidden: [second]
    })
    expect(showcase.badges.map((x) => [x.awardId, x.hidden])).toEqual([
      [one, false],
      [third, false],
      [second, true]
    ])
    await expect(
      kit.call('site:setShowcase', { recipientId: id, order: ['not-hers'], hidden: [] })
    ).rejects.toMatchObject({ code: 'INVALID_INPUT' })
    const page = showcase.pageUrl.slice(SITE.length)
    let out = await exportFull()
    const order = (html: string): string[] =>
      [...html.matchAll(/credentials\/([^/]+)\/index\.html/g)].map((m) => m[1] ?? '')
    expect(order(read(out, page))).toEqual([one, third])
    await kit.call('awards:revoke', { id: one, reason: 'Mistake' })
    out = await exportFull()
    expect(order(read(out, page))).toEqual([third])
  })

  it('a merged-away recipient keeps a page at their old address', async () => {
    await kit.award(badge, 'eve.old@example.com', 'Eve')
    await kit.award(badge, 'eve@example.com', 'Eve')
    const oldId = recipientId('eve.old@example.com')
    const oldUrl = await personalPageUrl(kit.core.station, oldId)
    const keep = recipientId('eve@example.com')
    await kit.call('recipients:merge', { keepId: keep, mergeIds: [oldId] })
    expect(await personalPageUrl(kit.core.station, oldId)).toBe(
      await personalPageUrl(kit.core.station, keep)
    )
    const out = await exportFull()
    expect(siteFiles(out)).toContain(oldUrl.slice(SITE.length))
  })
})

describe('site settings', () => {
  it('checks its input, and the language and LinkedIn organisation reach the pages', async () => {
    await expect(kit.call('site:settings', { brandColor: 'red' })).rejects.toMatchObject({
      code: 'INVALID_INPUT'
    })
    await expect(kit.call('site:settings', { logoSha256: 'a'.repeat(64) })).rejects.toMatchObject({
      code: 'NOT_FOUND'
    })
    const id = await kit.award(badge, 'fritz@example.com', 'Fritz')
    const view = await kit.call('site:settings', {
      language: 'fr',
      brandColor: '#AA3300',
      linkedInOrganizationId: '12345'
    })
    expect(view.settings).toEqual({
      language: 'fr',
      brandColor: '#aa3300',
      linkedInOrganizationId: '12345'
    })
    const out = await exportFull()
    const page = read(out, `credentials/${id}/index.html`)
    expect(page).toContain('<html lang="fr">')
    expect(page).toContain('Décerné à')
    expect(page).toContain('organizationId=12345')
    expect(read(out, 'assets/site.css')).toContain('--brand:#aa3300')
    const cleared = await kit.call('site:settings', { brandColor: null, language: 'en' })
    expect(cleared.settings).toEqual({ language: 'en', linkedInOrganizationId: '12345' })
  })
})
