/**
 * Analytics and audit in the browser: counts per badge, the badge nobody earns, spreadsheet-safe
 * CSV, the chart as PNG, the journal as sentences, the chain check, and axe in both themes.
 */
import fs from 'node:fs'
import type { Page } from '@playwright/test'
import { expect, test } from './fixtures.js'
import { callStation, createStation, expectNoSeriousViolations } from './helpers.js'

type Ref = { id: string }

async function openSection(page: Page, name: string): Promise<void> {
  await page
    .getByRole('navigation', { name: 'Main' })
    .getByRole('button', { name, exact: true })
    .click()
  await expect(page.getByRole('heading', { level: 1, name })).toBeVisible()
}

async function axeBothThemes(page: Page): Promise<void> {
  await page.emulateMedia({ colorScheme: 'light' })
  await expectNoSeriousViolations(page)
  await page.emulateMedia({ colorScheme: 'dark' })
  await expectNoSeriousViolations(page)
  await page.emulateMedia({ colorScheme: 'light' })
}

test('analytics counts awards per badge, exports safe CSV and a PNG; audit verifies the chain', async ({
  page,
  stationUrl
}, testInfo) => {
  test.setTimeout(120_000)
  await page.goto(stationUrl)
  await createStation(page)
  const api = <T>(method: string, input: unknown = {}) =>
    callStation<T>(page, stationUrl, method, input)

  const badge = async (name: string, tags: string[]): Promise<Ref> => {
    const created = await api<Ref>('badges:create', {
      name,
      description: `${name}, awarded by the association.`,
      criteriaNarrative: 'Took part.',
      tags
    })
    await api('badges:publish', { id: created.id })
    return created
  }
  const teamwork = await badge('Teamwork', ['soft-skills'])
  await badge('=HYPERLINK("x")', ['never'])

  const people = ['Ana Müller', 'Bo Chen', 'Cy Diaz']
  const awards: Ref[] = []
  for (const name of people) {
    awards.push(
      await api<Ref>('awards:issue', {
        badgeId: teamwork.id,
        name,
        email: `${name.split(' ')[0]?.toLowerCase()}@example.org`,
        operator: 'Desk A'
      })
    )
  }
  await api('awards:revoke', { id: awards[1]?.id, reason: 'Issued in error', operator: 'Desk B' })

  await openSection(page, 'Analytics')
  const byBadge = page.getByRole('table', { name: 'Badges' })
  const teamworkRow = byBadge.getByRole('row', { name: /^Teamwork/ })
  await expect(teamworkRow.getByRole('cell')).toHaveText(['Published', '3', '0', '1', '3', /\w/])
  const never = page.getByRole('table', { name: 'Never awarded' })
  await expect(never.getByRole('rowheader', { name: '=HYPERLINK("x")' })).toBeVisible()
  await expect(page.getByRole('table', { name: 'Revocations by reason' })).toContainText(
    'Issued in error'
  )
  await expect(
    page.getByRole('img', { name: /Awards per day, by badge: Teamwork 3/ })
  ).toBeVisible()

  // Quick ranges change the query; "All time" keeps the counts (all awards are from today).
  await page.getByRole('button', { name: 'All time' }).click()
  await expect(page.getByRole('button', { name: 'All time' })).toHaveAttribute(
    'aria-pressed',
    'true'
  )
  await expect(teamworkRow.getByRole('cell').nth(1)).toHaveText('3')
  await page.getByRole('button', { name: 'This month' }).click()

  await page.screenshot({ path: testInfo.outputPath('analytics-light.png'), fullPage: true })
  await page.emulateMedia({ colorScheme: 'dark' })
  await page.screenshot({ path: testInfo.outputPath('analytics-dark.png'), fullPage: true })
  await page.emulateMedia({ colorScheme: 'light' })
  await axeBothThemes(page)

  // CSV: the formula-like badge name is neutralised with a leading apostrophe.
  const csvLink = page.getByRole('link', { name: 'Export “Never awarded” as CSV' })
  // Named as a person finds it in Downloads: the table's title and the day.
  await expect(csvLink).toHaveAttribute('download', /^Never awarded - \d{4}-\d\d-\d\d\.csv$/)
  const csvDownload = page.waitForEvent('download')
  await csvLink.click()
  const csvFile = await (await csvDownload).path()
  const csv = fs.readFileSync(csvFile, 'utf8')
  expect(csv).toContain(`"'=HYPERLINK(""x"")"`)
  expect(csv).not.toMatch(/(^|\n|,)"?=HYPERLINK/)
  const badgesCsv = decodeURIComponent(
    (
      (await page.getByRole('link', { name: 'Export “Badges” as CSV' }).getAttribute('href')) ?? ''
    ).replace(/^data:text\/csv;charset=utf-8,/, '')
  )
  expect(badgesCsv).toContain('Teamwork,Published,3,0,1,3,')

  // The chart as a PNG.
  const pngDownload = page.waitForEvent('download')
  await page.getByRole('button', { name: 'Save chart as PNG' }).click()
  const png = await pngDownload
  expect(png.suggestedFilename()).toMatch(/^Awards per (day|week|month) - \d{4}-\d\d-\d\d\.png$/)
  const bytes = fs.readFileSync(await png.path())
  expect(bytes.subarray(1, 4).toString('latin1')).toBe('PNG')
  fs.copyFileSync(await png.path(), testInfo.outputPath('chart-export.png'))
  expect(bytes.length).toBeGreaterThan(5000)

  // Audit: the journal as sentences, filtered, and the chain check.
  await openSection(page, 'Audit')
  const journal = page.getByRole('table', { name: 'Journal entries, newest first' })
  await expect(journal).toContainText('Ana Müller was awarded Teamwork by Desk A')
  await expect(journal).toContainText('Teamwork of Bo Chen was revoked by Desk B: Issued in error')
  await expect(journal).not.toContainText('@example.org')
  await page.getByLabel('Show').selectOption('award.revoked')
  await expect(journal.getByRole('row')).toHaveCount(2)
  await page.getByLabel('Show').selectOption('')
  await page.getByRole('searchbox', { name: 'Search the journal' }).fill('cy diaz')
  await expect(journal.getByRole('row')).toHaveCount(2)
  await expect(journal).toContainText('Cy Diaz was awarded Teamwork by Desk A')
  await page.getByRole('searchbox', { name: 'Search the journal' }).fill('')
  await page.getByRole('button', { name: 'Verify the chain' }).click()
  await expect(page.getByText(/^Intact: \d+ entries$/)).toBeVisible()
  await page.screenshot({ path: testInfo.outputPath('audit-light.png'), fullPage: true })
  await page.emulateMedia({ colorScheme: 'dark' })
  await page.screenshot({ path: testInfo.outputPath('audit-dark.png'), fullPage: true })
  await axeBothThemes(page)

  // Alt+9 opens the Audit section from the keyboard.
  await openSection(page, 'Badges')
  await page.keyboard.press('Alt+9')
  await expect(page.getByRole('heading', { level: 1, name: 'Audit' })).toBeVisible()
})
