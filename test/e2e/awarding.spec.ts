/**
 * Awarding in the real UI: one person at the desk (keyboard only), a batch from CSV through its
 * preview, a file with errors that awards nothing, revoke and reissue on the Awards screen, the
 * Recipients and Rules screens, and axe on each. Setup (station, badges) goes through the web API
 * so each test stays about the screen it proves.
 */
import { AxeBuilder } from '@axe-core/playwright'
import type { Page } from '@playwright/test'
import { sharedFile } from '../shared-paths.js'
import { expect, test } from './fixtures.js'

type Api = <T = unknown>(method: string, input?: unknown) => Promise<T>

/** `POST /api/call/<method>` with the session token of `stationUrl`; throws on a failed Result. */
function apiFor(stationUrl: string): Api {
  const url = new URL(stationUrl)
  const token = /token=([A-Za-z0-9_-]+)/.exec(url.hash)?.[1] ?? ''
  return async <T,>(method: string, input: unknown = {}) => {
    const response = await fetch(`${url.origin}/api/call/${method}`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${token}` },
      body: JSON.stringify(input)
    })
    const body = (await response.json()) as
      | { ok: true; value: T }
      | { ok: false; error: { code: string; message: string } }
    if (!body.ok) throw new Error(`${method}: ${body.error.code} ${body.error.message}`)
    return body.value
  }
}

type BadgeRef = { id: string }
type AwardRef = { id: string; recipientName: string; status: string }

async function setUpStation(stationUrl: string): Promise<Api> {
  const api = apiFor(stationUrl)
  await api('station:init', {
    issuerName: 'Example Conference Association',
    issuerUrl: 'https://example.org/',
    siteUrl: 'https://badges.example.org/',
    passphrase: 'correct horse battery staple'
  })
  return api
}

async function publishedBadge(api: Api, name: string, extra: object = {}): Promise<BadgeRef> {
  const badge = await api<BadgeRef>('badges:create', {
    name,
    description: `${name}, awarded by the association.`,
    criteriaNarrative: 'Took part in the conference.',
    tags: ['conference'],
    expiry: { kind: 'months', months: 24 },
    ...extra
  })
  await api('badges:publish', { id: badge.id })
  return badge
}

async function openSection(page: Page, name: string): Promise<void> {
  await page.getByRole('navigation', { name: 'Main' }).getByRole('button', { name, exact: true }).click()
  await expect(page.getByRole('heading', { level: 1, name })).toBeVisible()
}

async function expectNoSeriousViolations(page: Page): Promise<void> {
  const results = await new AxeBuilder({ page }).analyze()
  const serious = results.violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => `${v.id} (${v.impact}): ${v.help} — ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`)
  expect(serious).toEqual([])
}

async function awardsList(api: Api, input: object = {}): Promise<{ awards: AwardRef[]; total: number }> {
  return api('awards:list', input)
}

test('awarding one person at the desk takes a few keystrokes and shows a QR code', async ({
  page,
  stationUrl
}, testInfo) => {
  const api = await setUpStation(stationUrl)
  await publishedBadge(api, 'Conference Speaker')
  await publishedBadge(api, 'Volunteer')
  await api('recipients:create', { name: 'Grace Hopper', email: 'grace@example.org', memberId: 'M42' })

  await page.goto(stationUrl)
  await expect(page.getByRole('navigation', { name: 'Main' })).toBeVisible()
  await page.keyboard.press('Alt+2')
  await expect(page.getByRole('heading', { level: 1, name: 'Award' })).toBeVisible()

  // The search has focus: type, Enter picks the match, the badge field takes focus.
  const search = page.getByRole('combobox', { name: 'Recipient' })
  await expect(search).toBeFocused()
  await page.getByLabel('Awarded by').fill('Desk A')
  await search.focus()
  await page.keyboard.type('grace')
  await expect(page.getByRole('option', { name: /Grace Hopper/ })).toBeVisible()
  await page.keyboard.press('Enter')
  await expect(search).toHaveValue('Grace Hopper')
  const badgeField = page.getByRole('combobox', { name: 'Badge' })
  await expect(badgeField).toBeFocused()
  await page.keyboard.type('speak')
  await expect(page.getByRole('option', { name: /Conference Speaker/ })).toBeVisible()
  await page.keyboard.press('Enter')
  await expect(badgeField).toHaveValue('Conference Speaker')
  await page.keyboard.press('Control+Enter')

  const confirmation = page.getByRole('region', { name: 'Awarded' })
  await expect(confirmation).toContainText('Grace Hopper')
  await expect(confirmation).toContainText('Conference Speaker')
  await expect(confirmation).toContainText('Desk A')
  const qr = confirmation.getByRole('img', { name: /QR code of the credential page/ })
  await expect(qr).toBeVisible()
  await expect(qr).toHaveAttribute('src', /^data:image\/svg\+xml/)
  const [award] = (await awardsList(api)).awards
  expect(award?.recipientName).toBe('Grace Hopper')
  await expect(confirmation).toContainText(`https://badges.example.org/credentials/${award?.id}/`)
  await expect(search).toBeFocused()
  await expectNoSeriousViolations(page)
  await page.screenshot({ path: testInfo.outputPath('desk.png'), fullPage: true })

  // The same badge again: asked first; "Don't award" issues nothing.
  await page.keyboard.type('grace')
  await expect(page.getByRole('option', { name: /Grace Hopper/ })).toBeVisible()
  await page.keyboard.press('Enter')
  await page.keyboard.press('Control+Enter')
  const ask = page.getByRole('alertdialog', { name: 'Already awarded' })
  await expect(ask).toContainText('Grace Hopper already holds Conference Speaker')
  await ask.getByRole('button', { name: 'Don’t award' }).click()
  await expect(ask).toHaveCount(0)
  expect((await awardsList(api)).total).toBe(1)

  // A new person, added inline when the search finds nobody; Alt+A awards.
  await search.fill('')
  await search.focus()
  await page.keyboard.type('Ada Lovelace')
  await expect(page.getByText('Nobody matches “Ada Lovelace”.')).toBeVisible()
  await page.keyboard.press('Enter')
  await expect(page.getByRole('group', { name: 'New person' })).toBeVisible()
  await expect(page.getByLabel('Full name')).toHaveValue('Ada Lovelace')
  await expect(page.getByLabel('E-mail')).toBeFocused()
  await page.keyboard.type('ada@example.org')
  await page.keyboard.press('Alt+a')
  await expect(confirmation).toContainText('Ada Lovelace')
  expect((await awardsList(api)).total).toBe(2)

  // The shortcuts are documented in a help panel.
  await page.getByRole('button', { name: 'Keyboard shortcuts' }).click()
  const help = page.getByRole('dialog', { name: 'Keyboard shortcuts' })
  await expect(help).toContainText('Ctrl')
  await expectNoSeriousViolations(page)
  await page.keyboard.press('Escape')
  await expect(help).toHaveCount(0)
})

async function openBatch(page: Page, badgeName: string): Promise<void> {
  await openSection(page, 'Award')
  await page.getByRole('tab', { name: 'Batch from CSV' }).click()
  const badgeField = page.getByRole('combobox', { name: 'Badge to award' })
  await badgeField.fill(badgeName.slice(0, 5))
  await expect(page.getByRole('option', { name: new RegExp(badgeName) })).toBeVisible()
  await badgeField.press('Enter')
  await expect(badgeField).toHaveValue(badgeName)
}

test('a batch from CSV is previewed, then awarded with progress; a file with errors awards nothing', async ({
  page,
  stationUrl
}, testInfo) => {
  const api = await setUpStation(stationUrl)
  await publishedBadge(api, 'Attendee 2026')
  await page.goto(stationUrl)
  await openBatch(page, 'Attendee 2026')

  await page.getByLabel('CSV file').setInputFiles(sharedFile('fixtures', 'attendees-50.csv'))
  const preview = page.getByRole('region', { name: /Preview: Attendee 2026/ })
  await expect(preview.getByRole('definition').first()).toHaveText('50')
  await expect(preview).toContainText('Will be awarded')
  expect((await awardsList(api)).total).toBe(0)
  await expectNoSeriousViolations(page)
  await page.screenshot({ path: testInfo.outputPath('batch-preview.png'), fullPage: true })

  await preview.getByRole('button', { name: 'Award 50 people' }).click()
  await expect(page.getByRole('heading', { name: 'Batch finished' })).toBeVisible({ timeout: 30_000 })
  await expect(page.getByRole('status').filter({ hasText: 'Awarded Attendee 2026 to 50 people.' })).toBeVisible()
  expect((await awardsList(api)).total).toBe(50)

  // The same file again: everyone already holds it.
  await page.getByRole('button', { name: 'Start another batch' }).click()
  await page.getByLabel('CSV file').setInputFiles(sharedFile('fixtures', 'attendees-50.csv'))
  await expect(preview).toContainText('Already hold it')
  await expect(preview.getByRole('button', { name: 'Award 0 people' })).toBeDisabled()

  // The errors fixture: rejected rows by row, field and reason; nothing can be awarded by default.
  await preview.getByRole('button', { name: 'Discard' }).click()
  await page.getByLabel('CSV file').setInputFiles(sharedFile('fixtures', 'attendees-with-errors.csv'))
  const rejected = preview.getByRole('table', { name: /Rejected rows/ })
  await expect(rejected).toBeVisible()
  await expect(rejected.getByRole('row', { name: /not-an-email|e-mail/i }).first()).toBeVisible()
  await expect(rejected.getByRole('cell', { name: '4', exact: true })).toBeVisible()
  await expect(preview.getByRole('button', { name: /^Award \d+ people?$/ })).toBeDisabled()
  await expect(preview.getByRole('button', { name: /Award the valid rows only/ })).toBeEnabled()
  const download = preview.getByRole('link', { name: 'Download the problems as CSV' })
  await expect(download).toHaveAttribute('href', /^data:text\/csv/)
  await expect(download).toHaveAttribute('download', 'attendees-with-errors-problems.csv')
  await expectNoSeriousViolations(page)
  await page.screenshot({ path: testInfo.outputPath('batch-errors.png'), fullPage: true })
  await preview.getByRole('button', { name: 'Discard' }).click()
  expect((await awardsList(api)).total).toBe(50)
})
