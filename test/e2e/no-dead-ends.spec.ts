/**
 * Issue 14 item 11: after a batch the next steps are a button away (its certificates, the site,
 * its e-mails), and every empty screen says what to do next with a button that does it.
 */
import fs from 'node:fs'
import type { Page } from '@playwright/test'
import { expect, test } from './fixtures.js'
import { openSection, publishedBadge, setUpStation } from './desk-helpers.js'

const DAY = String.raw`\d{4}-\d\d-\d\d`

async function batchOf(page: Page, badge: string, csv: string): Promise<void> {
  await openSection(page, 'Award')
  await page.getByRole('tab', { name: 'Batch from CSV' }).click()
  const badgeField = page.getByRole('combobox', { name: 'Badge to award' })
  await badgeField.fill(badge.slice(0, 5))
  await expect(page.getByRole('option', { name: new RegExp(badge) })).toBeVisible()
  await badgeField.press('Enter')
  await page
    .getByLabel('CSV file')
    .setInputFiles({ name: 'speakers.csv', mimeType: 'text/csv', buffer: Buffer.from(csv) })
  await page.getByRole('button', { name: /^Award \d+ (people|person)$/ }).click()
  await expect(page.getByRole('heading', { name: 'Batch finished' })).toBeVisible()
}

test('after a batch: its certificates, publishing and its e-mails are one button away', async ({
  page,
  stationUrl
}) => {
  const api = await setUpStation(stationUrl)
  const speaker = await publishedBadge(api, 'Speaker NOSS 2026')
  // Awarded before, at the desk: not part of the batch.
  await api('awards:issue', { badgeId: speaker.id, email: 'zed@example.org', name: 'Zed Earlier' })
  await page.goto(stationUrl)
  await batchOf(
    page,
    'Speaker NOSS 2026',
    'name,email\nAna Müller,ana@example.org\nBo Lee,bo@example.org\n'
  )

  const next = page.getByRole('region', { name: 'Next steps' })
  // Certificates for exactly this batch, downloaded in the browser.
  const [pdf] = await Promise.all([
    page.waitForEvent('download'),
    next.getByRole('button', { name: 'Certificates (PDF)' }).click()
  ])
  expect(pdf.suggestedFilename()).toMatch(
    new RegExp(`^Speaker NOSS 2026 - certificates ${DAY}\\.pdf$`)
  )
  expect(
    fs
      .readFileSync(await pdf.path())
      .subarray(0, 5)
      .toString('latin1')
  ).toBe('%PDF-')
  await expect(next.getByText(/^Saved 2 certificates to/)).toBeVisible()

  // No e-mail set up yet: a mail-merge file for another tool, or setting e-mail up.
  const [merge] = await Promise.all([
    page.waitForEvent('download'),
    next.getByRole('button', { name: 'Mail-merge file (CSV)' }).click()
  ])
  const csv = fs.readFileSync(await merge.path(), 'utf8')
  expect(csv).toContain('Ana Müller')
  expect(csv).toContain('Bo Lee')
  expect(csv).not.toContain('Zed Earlier')

  // Publishing is not set up: the button opens Settings at Publish.
  await next.getByRole('button', { name: 'Set up publishing' }).click()
  await expect(page.getByRole('heading', { level: 1, name: 'Settings' })).toBeVisible()
  await expect(page.getByRole('heading', { level: 2, name: 'Publish' })).toBeFocused()
  await expect(page.getByRole('heading', { level: 2, name: 'Publish' })).toBeInViewport()

  // A second batch, now with e-mail set up: its messages are in the Outbox, filtered to it.
  await api('mail:setup', {
    host: '127.0.0.1',
    port: 2525,
    security: 'none',
    from: 'badges@example.org'
  })
  await publishedBadge(api, 'Volunteer')
  await batchOf(page, 'Volunteer', 'name,email\nCy Ng,cy@example.org\n')
  await page
    .getByRole('region', { name: 'Next steps' })
    .getByRole('button', { name: 'Open the Outbox' })
    .click()
  await expect(page.getByRole('heading', { level: 1, name: 'Outbox' })).toBeVisible()
  const messages = page.getByRole('table', { name: 'Messages' })
  await expect(messages.getByRole('row', { name: /Cy Ng/ })).toBeVisible()
  await expect(messages.getByRole('row', { name: /Ana Müller/ })).toHaveCount(0)
})

test('every empty screen says what to do next, and its button does it', async ({
  page,
  stationUrl
}) => {
  await setUpStation(stationUrl)
  await page.goto(stationUrl)

  await openSection(page, 'Award')
  await expect(page.getByText('No badge is published yet.')).toBeVisible()
  await page.getByRole('button', { name: 'Design a badge' }).click()
  await expect(page.getByRole('heading', { level: 1, name: 'New badge' })).toBeVisible()

  await openSection(page, 'Recipients')
  await page.getByRole('button', { name: 'Import your roster' }).click()
  await expect(page.getByRole('heading', { name: /Import/ }).first()).toBeVisible()
  await openSection(page, 'Recipients')
  await page.getByRole('button', { name: 'Award someone at the desk' }).click()
  await expect(page.getByRole('heading', { level: 1, name: 'Award' })).toBeVisible()

  await openSection(page, 'Awards')
  await page.getByRole('button', { name: 'Award a badge' }).click()
  await expect(page.getByRole('heading', { level: 1, name: 'Award' })).toBeVisible()
  await openSection(page, 'Awards')
  await page.getByRole('tab', { name: 'Certificates' }).click()
  await page.getByRole('button', { name: 'Award a badge' }).click()
  await expect(page.getByRole('heading', { level: 1, name: 'Award' })).toBeVisible()

  await openSection(page, 'Rules')
  await page.getByRole('button', { name: 'Write the first rule' }).click()
  await expect(page.getByRole('form').first()).toBeVisible()

  await openSection(page, 'Analytics')
  await expect(page.getByText(/^No awards in this range\. Look at all time/)).toBeVisible()
  await page.getByRole('button', { name: 'Show all time' }).click()
  await expect(page.getByText(/Nothing to count yet/)).toBeVisible()
  await page.getByRole('button', { name: 'Award a badge' }).click()
  await expect(page.getByRole('heading', { level: 1, name: 'Award' })).toBeVisible()

  await openSection(page, 'Sync')
  await page.getByRole('button', { name: 'Publishing settings' }).click()
  await expect(page.getByRole('heading', { level: 2, name: 'Publish' })).toBeFocused()

  await openSection(page, 'Outbox')
  await page.getByRole('button', { name: 'Set up e-mail' }).click()
  await expect(page.getByRole('heading', { level: 2, name: 'E-mail' })).toBeFocused()

  await openSection(page, 'Audit')
  await page.getByLabel('Search the journal').fill('nobody-matches-this')
  await page.getByRole('button', { name: 'Clear the search and filters' }).click()
  await expect(page.getByLabel('Search the journal')).toHaveValue('')
  await expect(page.getByRole('region', { name: 'Journal entries' })).toBeVisible()
})
