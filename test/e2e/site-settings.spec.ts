/**
 * The station's side of the badge site: Settings → Badge site (language, colours, logo, LinkedIn
 * organisation) and a recipient's badge page (private address, order, hidden badges), by
 * keyboard-findable controls, axe-clean light and dark, with screenshots at 1280×800 and
 * 1920×1080.
 */
import type { Page, TestInfo } from '@playwright/test'
import { expect, test } from './fixtures.js'
import { callStation, expectNoSeriousViolations, initStation } from './helpers.js'

type Showcase = {
  pageUrl: string
  badges: { awardId: string; badgeName: string; hidden: boolean }[]
}

async function seed(page: Page, stationUrl: string): Promise<string[]> {
  await initStation(page, stationUrl)
  const ids: string[] = []
  for (const name of ['Speaker 2026', 'Volunteer 2026']) {
    const badge = await callStation<{ id: string }>(page, stationUrl, 'badges:create', {
      name,
      description: 'For the conference.',
      criteriaNarrative: 'Take part.'
    })
    await callStation(page, stationUrl, 'badges:publish', { id: badge.id })
    const award = await callStation<{ id: string }>(page, stationUrl, 'awards:issue', {
      badgeId: badge.id,
      email: 'ada@example.org',
      name: 'Ada Lovelace'
    })
    ids.push(award.id)
  }
  return ids
}

const nav = (page: Page) => page.getByRole('navigation', { name: 'Main' })

async function shots(page: Page, testInfo: TestInfo, what: string): Promise<void> {
  for (const colorScheme of ['light', 'dark'] as const) {
    await page.emulateMedia({ colorScheme })
    await expectNoSeriousViolations(page)
    for (const [width, height] of [
      [1280, 800],
      [1920, 1080]
    ] as const) {
      await page.setViewportSize({ width, height })
      const file = testInfo.outputPath(`${what}-${width}-${colorScheme}.png`)
      await page.screenshot({ path: file })
      await testInfo.attach(`${what}-${width}-${colorScheme}`, {
        path: file,
        contentType: 'image/png'
      })
    }
  }
  await page.emulateMedia({ colorScheme: 'light' })
}

test('Settings → Badge site saves the language, colours and LinkedIn organisation', async ({
  page,
  stationUrl
}, testInfo) => {
  await seed(page, stationUrl)
  await page.goto(stationUrl)
  await nav(page)
    .getByRole('button', { name: /^Settings\b/ })
    .click()
  const section = page.getByRole('region', { name: 'Badge site' })
  await expect(section).toBeVisible()
  await section.getByLabel('Language of the site').selectOption('de')
  await section.getByLabel('Brand colour').fill('#7a1f5c')
  await section.getByLabel('LinkedIn organisation id').fill('4242')
  await section.getByRole('button', { name: 'Save badge site settings' }).click()
  await expect(section.getByRole('status')).toContainText('Badge site settings saved')
  const view = await callStation<{ settings: Record<string, string> }>(
    page,
    stationUrl,
    'site:settings',
    {}
  )
  expect(view.settings).toEqual({
    language: 'de',
    brandColor: '#7a1f5c',
    linkedInOrganizationId: '4242'
  })
  // A bad id is refused with the field's reason, and nothing changes.
  await section.getByLabel('LinkedIn organisation id').fill('not a number')
  await section.getByRole('button', { name: 'Save badge site settings' }).click()
  await expect(section.getByText('Enter only the number from the page’s address')).toBeVisible()
  await expect(section.getByLabel('LinkedIn organisation id')).toHaveAttribute(
    'aria-invalid',
    'true'
  )
  expect(
    (await callStation<{ settings: Record<string, string> }>(page, stationUrl, 'site:settings', {}))
      .settings.linkedInOrganizationId
  ).toBe('4242')
  await section.scrollIntoViewIfNeeded()
  await shots(page, testInfo, 'settings-site')
})

test('a recipient’s badge page: private address, order and hidden badges', async ({
  page,
  stationUrl
}, testInfo) => {
  const [speaker, volunteer] = await seed(page, stationUrl)
  await page.goto(stationUrl)
  await nav(page)
    .getByRole('button', { name: /^Recipients\b/ })
    .click()
  await page.getByRole('button', { name: 'Badge page of Ada Lovelace' }).click()
  const dialog = page.getByRole('dialog', { name: 'Badge page of Ada Lovelace' })
  await expect(dialog.getByLabel('Private address')).toHaveValue(
    /^https:\/\/badges\.example\.org\/p\/[a-z2-7]{32}\.html$/
  )
  const list = dialog.getByRole('list', { name: 'Badges on the page, in order' })
  // Newest first by default; move the speaker badge up, hide the volunteer badge.
  await expect(list.getByRole('listitem').first()).toContainText('Volunteer 2026')
  await dialog.getByRole('button', { name: 'Move Speaker 2026 up' }).click()
  await expect(list.getByRole('listitem').first()).toContainText('Speaker 2026')
  await dialog.getByRole('checkbox', { name: /Volunteer 2026/ }).uncheck()
  await shots(page, testInfo, 'showcase')
  await dialog.getByRole('button', { name: 'Save order' }).click()
  await expect(dialog.getByRole('status')).toContainText('Saved')
  const showcase = await callStation<Showcase>(page, stationUrl, 'site:showcase', {
    recipientId: await recipientId(page, stationUrl)
  })
  expect(showcase.badges.map((b) => [b.awardId, b.hidden])).toEqual([
    [speaker, false],
    [volunteer, true]
  ])
})

async function recipientId(page: Page, stationUrl: string): Promise<string> {
  const list = await callStation<{ recipients: { id: string }[] }>(
    page,
    stationUrl,
    'recipients:list',
    {}
  )
  return list.recipients[0]?.id ?? ''
}
