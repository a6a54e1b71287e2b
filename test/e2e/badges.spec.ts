/**
 * The badge catalog and designer in the real UI: design a badge (shape, colours, icon, text),
 * undo a change, publish it, find it by search, award version 1, edit it into version 2, and
 * check that the version-1 credential still verifies and still says what it said.
 */
import type { Page } from '@playwright/test'
import { expect, test } from './fixtures.js'
import { callStation, createStation, expectNoSeriousViolations } from './helpers.js'

type Badge = { id: string; status: string; versions: { version: number }[] }
type Award = { id: string; badgeVersion: number }
type Credential = { credentialSubject: { achievement: { name: string; image?: unknown } } }

const NAME = 'Conference Speaker 2026'
const NAME_V2 = 'Conference Keynote Speaker 2026'

/** Attaches a full-page screenshot to the report (and writes it to KILN_E2E_SCREENSHOTS if set). */
async function snapshot(page: Page, name: string): Promise<void> {
  const dir = process.env.KILN_E2E_SCREENSHOTS
  const body = await page.screenshot({
    fullPage: true,
    ...(dir ? { path: `${dir}/${name}.png` } : {})
  })
  await test.info().attach(name, { body, contentType: 'image/png' })
}

function badgesList(page: Page) {
  return page.getByRole('listbox', { name: 'Badges' })
}

/** Picks a choice by clicking its visible card (React Aria keeps the radio input itself hidden). */
async function choose(page: Page, name: string): Promise<void> {
  const radio = page.getByRole('radio', { name, exact: true })
  await page.locator('label').filter({ has: radio }).click()
  await expect(radio).toBeChecked()
}

test('design, publish, find and version a badge while its first award keeps verifying', async ({
  page,
  stationUrl
}) => {
  test.setTimeout(120_000)
  await page.goto(stationUrl)
  await createStation(page)

  // Empty catalog: one obvious way forward.
  await expect(page.getByText('No badges yet.')).toBeVisible()
  await expectNoSeriousViolations(page)
  await page.getByRole('button', { name: 'New badge' }).first().click()
  await expect(page.getByRole('heading', { level: 1, name: 'New badge' })).toBeVisible()

  // What the badge says. The title line follows the name until it is edited.
  await page.getByLabel('Badge name').fill(NAME)
  await expect(page.getByLabel('Text line 1 (title)')).toHaveValue(NAME)
  await page.getByLabel('Description').fill('Gave a talk at the 2026 annual conference.')
  await page
    .getByLabel('Criteria', { exact: true })
    .fill('Present a session of at least 20 minutes.')

  // How it looks: shape, colours, icon, text.
  await choose(page, 'Hexagon')
  await page.getByRole('button', { name: 'Use the Navy and gold palette' }).click()
  const background = page.getByLabel('Background')
  await expect(background).toHaveValue('#1f3a5f')
  await background.fill('#7a1f5c')
  await expect(background).toHaveValue('#7a1f5c')
  // Undo (Ctrl+Z) goes back one design step: the palette's background again.
  await background.press('Control+z')
  await expect(background).toHaveValue('#1f3a5f')
  await page.getByRole('button', { name: 'Undo' }).click()
  await expect(background).toHaveValue('#f7f4ec')
  await page.getByRole('button', { name: 'Use the Navy and gold palette' }).click()
  await page.getByLabel('Accent').fill('#ffcc4d')
  await choose(page, 'Microphone')
  await page.getByLabel('Text line 2').fill('Annual Conference')

  // The live preview shows this design, then the station's own PNG of it.
  const preview = page.getByRole('img', {
    name: `Preview: a hexagon badge reading “${NAME} / Annual Conference”`
  })
  await expect(preview).toBeVisible()
  await expect(preview).toHaveAttribute('src', /^data:image\/png;base64,/)
  await expectNoSeriousViolations(page)
  await page.emulateMedia({ colorScheme: 'dark' })
  await expectNoSeriousViolations(page)
  await page.emulateMedia({ colorScheme: 'light' })
  await snapshot(page, 'designer')

  await page.getByRole('button', { name: 'Publish', exact: true }).click()
  await expect(page.getByRole('heading', { level: 1, name: NAME })).toBeVisible()
  await expect(
    page.getByRole('status').filter({ hasText: `Published version 1 of “${NAME}”` })
  ).toBeVisible()
  await expect(page.getByRole('img', { name: `Badge image of ${NAME}` })).toBeVisible()
  await expect(page.getByRole('row', { name: /Version 1/ })).toBeVisible()
  await expectNoSeriousViolations(page)
  await snapshot(page, 'detail')

  // A second badge (made through the API) so that search has something to leave out.
  await callStation<Badge>(page, stationUrl, 'badges:create', {
    name: 'Volunteer',
    description: 'Helped run the registration desk.',
    criteriaNarrative: 'Volunteer for a full day.',
    tags: ['helpers']
  })

  // Award version 1 through the station's API, as the Award screen would.
  const badgeId = (
    await callStation<{ badges: Badge[] }>(page, stationUrl, 'badges:list', {})
  ).badges.find((b) => b.status === 'published')?.id
  expect(badgeId).toBeTruthy()
  const award = await callStation<Award>(page, stationUrl, 'awards:issue', {
    badgeId,
    email: 'ada@example.org',
    name: 'Ada Lovelace'
  })
  expect(award.badgeVersion).toBe(1)

  // Find it by search (name, description or tag), as you type.
  await page.getByRole('button', { name: 'All badges' }).click()
  await expect(badgesList(page).getByRole('option')).toHaveCount(2)
  const search = page.getByRole('searchbox', { name: 'Search badges' })
  await search.fill('speak')
  await expect(badgesList(page).getByRole('option')).toHaveCount(1)
  await expect(badgesList(page).getByRole('option', { name: new RegExp(NAME) })).toContainText(
    '1 award'
  )
  await search.fill('helpers')
  await expect(badgesList(page).getByRole('option', { name: /Volunteer/ })).toBeVisible()
  await expect(badgesList(page).getByRole('option')).toHaveCount(1)
  await search.fill('')
  await page.getByLabel('Status').selectOption('draft')
  await expect(badgesList(page).getByRole('option')).toHaveCount(1)
  await expect(badgesList(page).getByRole('option', { name: /Volunteer/ })).toBeVisible()
  await page.getByLabel('Status').selectOption('all')
  await page.getByLabel('Sort by').selectOption('awards')
  await expect(badgesList(page).getByRole('option').first()).toContainText(NAME)
  await expectNoSeriousViolations(page)
  await page.emulateMedia({ colorScheme: 'dark' })
  await expectNoSeriousViolations(page)
  await page.emulateMedia({ colorScheme: 'light' })
  await snapshot(page, 'catalog')

  // Open it from the keyboard and edit it into version 2.
  await search.fill('conference')
  await badgesList(page).focus()
  await page.keyboard.press('Enter')
  await expect(page.getByRole('heading', { level: 1, name: NAME })).toBeVisible()
  await page.getByRole('button', { name: 'Edit' }).click()
  await expect(page.getByRole('heading', { level: 1, name: `Edit ${NAME}` })).toBeVisible()
  await expect(page.getByLabel('Text line 2')).toHaveValue('Annual Conference')
  await page.getByLabel('Badge name').fill(NAME_V2)
  await expect(page.getByLabel('Text line 1 (title)')).toHaveValue(NAME_V2)
  await choose(page, 'Shield')
  await page.getByRole('button', { name: 'Publish version 2' }).click()
  await expect(page.getByRole('heading', { level: 1, name: NAME_V2 })).toBeVisible()
  await expect(page.getByRole('row', { name: /Version 2/ })).toBeVisible()
  await expect(page.getByRole('row', { name: /Version 1/ })).toBeVisible()

  // The version-1 award still verifies and still names version 1.
  const { credential } = await callStation<{ credential: Credential }>(
    page,
    stationUrl,
    'credentials:get',
    { id: award.id }
  )
  expect(credential.credentialSubject.achievement.name).toBe(NAME)
  const report = await callStation<{ valid: boolean }>(page, stationUrl, 'credentials:verify', {
    credential
  })
  expect(report.valid).toBe(true)

  // Archiving asks first, stops new awards, and keeps the old one valid.
  await page.getByRole('button', { name: 'Archive', exact: true }).click()
  const confirm = page.getByRole('alertdialog', { name: `Archive “${NAME_V2}”?` })
  await expect(confirm).toBeVisible()
  await confirm.getByRole('button', { name: 'Archive badge' }).click()
  await expect(page.getByRole('status').filter({ hasText: 'Archived.' })).toBeVisible()
  await expect(page.getByRole('button', { name: 'Edit' })).toHaveCount(0)
  const afterArchive = await callStation<{ valid: boolean }>(
    page,
    stationUrl,
    'credentials:verify',
    {
      credential
    }
  )
  expect(afterArchive.valid).toBe(true)

  // And the catalog finds it under its new name.
  await page.getByRole('button', { name: 'All badges' }).click()
  await page.getByRole('searchbox', { name: 'Search badges' }).fill('keynote')
  await expect(badgesList(page).getByRole('option', { name: new RegExp(NAME_V2) })).toBeVisible()
})

test('missing details are explained next to their fields and nothing is saved', async ({
  page,
  stationUrl
}) => {
  await page.goto(stationUrl)
  await createStation(page)
  await page.getByRole('button', { name: 'New badge' }).first().click()
  await page.getByLabel('Badge name').fill('Half-finished')
  await page.getByRole('button', { name: 'Publish', exact: true }).click()

  await expect(page.getByRole('alert').filter({ hasText: 'nothing was saved' })).toBeVisible()
  const description = page.getByLabel('Description')
  await expect(description).toHaveAttribute('aria-invalid', 'true')
  await expect(description).toHaveAccessibleDescription(/what the badge recognises/)
  await expect(page.getByLabel('Criteria', { exact: true })).toHaveAccessibleDescription(
    /how someone earns the badge/
  )

  // A hostile SVG icon is refused with its reason next to the upload field.
  const upload = page.getByLabel('Upload an icon')
  await upload.setInputFiles({
    name: 'icon.svg',
    mimeType: 'image/svg+xml',
    buffer: Buffer.from(
      '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 10 10"><script>alert(1)</script><rect width="10" height="10"/></svg>'
    )
  })
  await expect(upload).toHaveAttribute('aria-invalid', 'true')
  await expect(upload).toHaveAccessibleDescription(/script/i)
  // A clean one becomes the badge's icon.
  await upload.setInputFiles({
    name: 'icon.svg',
    mimeType: 'image/svg+xml',
    buffer: Buffer.from(
      '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 10 10"><circle cx="5" cy="5" r="4" fill="#c00"/></svg>'
    )
  })
  await expect(page.getByRole('radio', { name: 'Uploaded icon' })).toBeChecked()
  await expect(upload).not.toHaveAttribute('aria-invalid', 'true')

  const list = await callStation<{ badges: Badge[] }>(page, stationUrl, 'badges:list', {})
  expect(list.badges).toEqual([])
})

test('the catalog stays virtualised, searchable and keyboard-usable with 1,000 badges', async ({
  page,
  stationUrl
}) => {
  test.setTimeout(180_000)
  await page.goto(stationUrl)
  await createStation(page)
  // Away from the catalog while the badges are made (it would reload the list after each one).
  await page.keyboard.press('Alt+8')
  await expect(page.getByRole('heading', { level: 1, name: 'Settings' })).toBeVisible()
  // One uploaded image for all of them, so the station does not draw 1,000 designs.
  const tinyPng =
    'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg=='
  const { sha256 } = await callStation<{ sha256: string }>(page, stationUrl, 'badges:uploadImage', {
    imageBase64: tinyPng
  })
  for (let start = 0; start < 1000; start += 50) {
    await Promise.all(
      Array.from({ length: 50 }, (_, i) => {
        const n = String(start + i).padStart(4, '0')
        return callStation<Badge>(page, stationUrl, 'badges:create', {
          name: `Workshop ${n}`,
          description: `Attended workshop number ${n}.`,
          criteriaNarrative: 'Attend the whole workshop.',
          tags: [`track-${(start + i) % 7}`],
          imageSha256: sha256
        })
      })
    )
  }

  await page.keyboard.press('Alt+1')
  await expect(page.getByRole('status').filter({ hasText: '1000 badges' })).toBeVisible()
  // Virtualised: only the rows in view (plus a few) are in the page.
  expect(await badgesList(page).getByRole('option').count()).toBeLessThan(40)

  // Typing filters (how fast the filter is: bench/responsiveness.ts).
  const search = page.getByRole('searchbox', { name: 'Search badges' })
  await search.fill('workshop 0777')
  await expect(page.getByRole('status').filter({ hasText: '1 of 1000 badges match' })).toBeVisible()
  await page.getByLabel('Tag').selectOption('track-3')
  await search.fill('')
  await expect(
    page.getByRole('status').filter({ hasText: '143 of 1000 badges match' })
  ).toBeVisible()
  await page.getByLabel('Tag').selectOption('all')

  // Keyboard: End reaches the last badge (scrolled into view), Enter opens it.
  await badgesList(page).focus()
  await page.keyboard.press('End')
  const last = badgesList(page).getByRole('option', { name: /Workshop 0999/ })
  await expect(last).toHaveAttribute('aria-selected', 'true')
  await expect(last).toBeInViewport()
  await page.keyboard.press('Enter')
  await expect(page.getByRole('heading', { level: 1, name: 'Workshop 0999' })).toBeVisible()
})

test('a draft with every detail and an uploaded image, published from its page', async ({
  page,
  stationUrl
}) => {
  await page.goto(stationUrl)
  await createStation(page)
  await page.getByRole('button', { name: 'New badge' }).first().click()
  await page.getByLabel('Badge name').fill('Ethics Module')
  await page.getByLabel('Description').fill('Completed the professional ethics module.')
  await page.getByLabel('Criteria web address').fill('https://example.org/ethics/criteria')

  // An uploaded image instead of a design.
  await page.getByText('Use an uploaded image instead of a design').click()
  await page.getByLabel('Badge image').setInputFiles({
    name: 'ethics.svg',
    mimeType: 'image/svg+xml',
    buffer: Buffer.from(
      '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 100 100"><circle cx="50" cy="50" r="45" fill="#1d6b35"/></svg>'
    )
  })
  await expect(page.getByRole('img', { name: 'Preview: the uploaded badge image' })).toBeVisible()

  await page.getByLabel('Tags').fill('ethics, cpd')
  await page.getByLabel('Achievement type').selectOption('Course')
  await page.getByLabel('CE credits').fill('1.5')
  await page.getByLabel('Field of study').fill('Professional practice')
  await page.getByText('Expires some months after the award').click()
  await page.getByLabel('Number of months').fill('24')
  await page.getByRole('button', { name: 'Add alignment' }).click()
  await page.getByLabel('Competency').fill('Ethical practice')
  await page.getByLabel('Web address', { exact: true }).fill('not a link')
  await page.getByRole('button', { name: 'Save as draft' }).click()
  const link = page.getByLabel('Web address', { exact: true })
  await expect(link).toHaveAttribute('aria-invalid', 'true')
  await expect(link).toHaveAccessibleDescription(/https:\/\//)
  await link.fill('https://example.org/framework/ethics')
  await page.getByLabel('Framework (optional)', { exact: true }).fill('Example CPD framework')
  await page.getByRole('button', { name: 'Save as draft' }).click()

  await expect(page.getByRole('heading', { level: 1, name: 'Ethics Module' })).toBeVisible()
  await expect(page.getByRole('status').filter({ hasText: 'as a draft' })).toBeVisible()
  await expect(page.getByText('Expires 24 months after the award')).toBeVisible()
  await expect(page.getByText('ethics, cpd')).toBeVisible()
  await expect(page.getByText(/Ethical practice \(Example CPD framework\)/)).toBeVisible()
  await expect(page.getByText('Not published yet')).toBeVisible()

  await page.getByRole('button', { name: 'Publish' }).click()
  await expect(page.getByRole('status').filter({ hasText: 'Published version 1' })).toBeVisible()
  const badge = await callStation<{ badges: Badge[] }>(page, stationUrl, 'badges:list', {})
  expect(badge.badges[0]?.status).toBe('published')
})
