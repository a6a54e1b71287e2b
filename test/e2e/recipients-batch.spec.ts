/**
 * Batch awards from a selection of recipients (issue 5): select people on the Recipients screen,
 * pick a published badge in the dialog, see the preview (nothing issued yet), award, follow the
 * job to its summary; the same selection again finds everyone already holding it. Setup goes
 * through the web API.
 */
import type { Page } from '@playwright/test'
import { expect, test } from './fixtures.js'
import { callStation, expectNoSeriousViolations, PASSPHRASE } from './helpers.js'

type Award = { recipientName: string; badgeId: string; operator?: string }

async function openAwardDialog(page: Page, badgeName: string): Promise<void> {
  await page.getByRole('button', { name: 'Award a badge to 2 selected' }).click()
  const dialog = page.getByRole('dialog', { name: 'Award a badge to 2 people' })
  const badgeField = dialog.getByRole('combobox', { name: 'Badge to award' })
  await expect(badgeField).toBeFocused()
  await page.keyboard.type(badgeName.slice(0, 4))
  await expect(page.getByRole('option', { name: new RegExp(badgeName) })).toBeVisible()
  // A draft badge is never offered.
  await expect(page.getByRole('option', { name: /Draft Only/ })).toHaveCount(0)
  await page.keyboard.press('Enter')
  await expect(badgeField).toHaveValue(badgeName)
}

test('award a badge to the selected recipients: preview, award with progress, then skipped', async ({
  page,
  stationUrl
}, testInfo) => {
  const call = <T = unknown>(method: string, input: unknown = {}): Promise<T> =>
    callStation<T>(page, stationUrl, method, input)
  await call('station:init', {
    issuerName: 'Example Conference Association',
    issuerUrl: 'https://example.org/',
    siteUrl: 'https://badges.example.org/',
    passphrase: PASSPHRASE
  })
  const badge = await call<{ id: string }>('badges:create', {
    name: 'Workshop Helper',
    description: 'Helped run a workshop.',
    criteriaNarrative: 'Helped at a workshop.',
    tags: ['conference']
  })
  await call('badges:publish', { id: badge.id })
  await call('badges:create', {
    name: 'Draft Only',
    description: 'Not published.',
    criteriaNarrative: 'None yet.',
    tags: []
  })
  for (const [name, email] of [
    ['Amina Yusuf', 'amina@example.org'],
    ['Bruno Costa', 'bruno@example.org'],
    ['Chen Wei', 'chen@example.org']
  ]) {
    await call('recipients:create', { name, email })
  }

  await page.goto(stationUrl)
  await page
    .getByRole('navigation', { name: 'Main' })
    .getByRole('button', { name: 'Recipients', exact: true })
    .click()
  await expect(page.getByRole('heading', { level: 1, name: 'Recipients' })).toBeVisible()
  await expect(page.getByRole('status').filter({ hasText: '3 people' })).toBeVisible()
  await expect(page.getByRole('button', { name: /^Award a badge to/ })).toBeDisabled()

  // Select two (one by keyboard) and open the dialog.
  await page.getByLabel('Select Amina Yusuf').check()
  await page.getByLabel('Select Chen Wei').focus()
  await page.keyboard.press('Space')
  await expect(page.getByLabel('Select Chen Wei')).toBeChecked()
  await openAwardDialog(page, 'Workshop Helper')

  const dialog = page.getByRole('dialog', { name: 'Award a badge to 2 people' })
  await dialog.getByLabel('Awarded by').fill('Desk B')
  const preview = dialog.getByRole('region', { name: 'Preview: Workshop Helper' })
  await expect(preview).toContainText('From the 2 selected people')
  const counts = preview.getByRole('definition')
  await expect(counts).toHaveText(['2', '0', '0'])
  await preview.getByText('Who will be awarded (2)').click()
  await expect(preview.getByRole('row', { name: /Amina Yusuf/ })).toBeVisible()
  await expect(preview.getByRole('row', { name: /Chen Wei/ })).toBeVisible()
  await expect(preview.getByRole('row', { name: /Bruno Costa/ })).toHaveCount(0)
  expect((await call<{ total: number }>('awards:list', {})).total).toBe(0)
  await expectNoSeriousViolations(page)
  await page.screenshot({ path: testInfo.outputPath('selection-preview.png'), fullPage: true })

  // Award: the job runs to its summary, which takes focus.
  await preview.getByRole('button', { name: 'Award 2 people' }).click()
  const finished = dialog.getByRole('heading', { name: 'Batch finished' })
  await expect(finished).toBeVisible({ timeout: 30_000 })
  await expect(finished).toBeFocused()
  await expect(
    dialog.getByRole('status').filter({ hasText: 'Awarded Workshop Helper to 2 people.' })
  ).toBeVisible()
  await expectNoSeriousViolations(page)
  const awards = await call<{ awards: Award[]; total: number }>('awards:list', {})
  expect(awards.total).toBe(2)
  expect(awards.awards.map((a) => a.recipientName).sort()).toEqual(['Amina Yusuf', 'Chen Wei'])
  expect(awards.awards.every((a) => a.badgeId === badge.id && a.operator === 'Desk B')).toBe(true)
  await dialog.getByRole('button', { name: 'Done' }).click()
  await expect(dialog).toHaveCount(0)
  await expect(
    page
      .getByRole('row', { name: /Amina Yusuf/ })
      .getByRole('cell')
      .nth(3)
  ).toHaveText('1')

  // The same two again (the selection is kept): both already hold it; nothing can be awarded.
  await openAwardDialog(page, 'Workshop Helper')
  await expect(preview).toContainText('Already hold it')
  await expect(counts).toHaveText(['0', '2', '0'])
  await expect(preview.getByRole('button', { name: 'Award 0 people' })).toBeDisabled()
  await preview.getByText('Skipped: already hold it (2)').click()
  await expect(preview.getByRole('row', { name: /amina@example\.org/ })).toContainText(
    'already holds this badge'
  )
  await expectNoSeriousViolations(page)
  await preview.getByRole('button', { name: 'Discard' }).click()
  await expect(dialog).toHaveCount(0)
  expect((await call<{ total: number }>('awards:list', {})).total).toBe(2)
})
