/**
 * Awarding in the real UI: one person at the desk (keyboard only), a batch from CSV through its
 * preview, a file with errors that awards nothing, revoke and reissue on the Awards screen, the
 * Recipients and Rules screens, and axe on each. Setup (station, badges) goes through the web API
 * so each test stays about the screen it proves.
 */
import type { Page } from '@playwright/test'
import { vendorFile } from '../vendor-paths.js'
import { expect, test } from './fixtures.js'
import { openSection, publishedBadge as deskBadge, setUpStation, type Api } from './desk-helpers.js'
import { expectNoSeriousViolations } from './helpers.js'

type AwardRef = { id: string; recipientName: string; status: string }

/** The badges here expire two years after the award. */
function publishedBadge(api: Api, name: string): Promise<{ id: string }> {
  return deskBadge(api, name, { expiry: { kind: 'months', months: 24 } })
}

async function awardsList(
  api: Api,
  input: object = {}
): Promise<{ awards: AwardRef[]; total: number }> {
  return api('awards:list', input)
}

test('awarding one person at the desk takes a few keystrokes and shows a QR code', async ({
  page,
  stationUrl
}, testInfo) => {
  const api = await setUpStation(stationUrl)
  await publishedBadge(api, 'Conference Speaker')
  await publishedBadge(api, 'Volunteer')
  await api('recipients:create', {
    name: 'Grace Hopper',
    email: 'grace@example.org',
    memberId: 'M42'
  })

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
  await page.emulateMedia({ colorScheme: 'dark' })
  await expectNoSeriousViolations(page)
  await page.emulateMedia({ colorScheme: 'light' })

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

  await page.getByLabel('CSV file').setInputFiles(vendorFile('fixtures', 'attendees-50.csv'))
  const preview = page.getByRole('region', { name: /Preview: Attendee 2026/ })
  await expect(preview.getByRole('definition').first()).toHaveText('50')
  await expect(preview).toContainText('Will be awarded')
  expect((await awardsList(api)).total).toBe(0)
  await expectNoSeriousViolations(page)
  await page.screenshot({ path: testInfo.outputPath('batch-preview.png'), fullPage: true })

  await preview.getByRole('button', { name: 'Award 50 people' }).click()
  await expect(page.getByRole('heading', { name: 'Batch finished' })).toBeVisible({
    timeout: 30_000
  })
  await expect(
    page.getByRole('status').filter({ hasText: 'Awarded Attendee 2026 to 50 people.' })
  ).toBeVisible()
  expect((await awardsList(api)).total).toBe(50)

  // The same file again: everyone already holds it.
  await page.getByRole('button', { name: 'Start another batch' }).click()
  await page.getByLabel('CSV file').setInputFiles(vendorFile('fixtures', 'attendees-50.csv'))
  await expect(preview).toContainText('Already hold it')
  await expect(preview.getByRole('button', { name: 'Award 0 people' })).toBeDisabled()

  // The errors fixture: rejected rows by row, field and reason; nothing can be awarded by default.
  await preview.getByRole('button', { name: 'Discard' }).click()
  await page
    .getByLabel('CSV file')
    .setInputFiles(vendorFile('fixtures', 'attendees-with-errors.csv'))
  const rejected = preview.getByRole('table', { name: /Rejected rows/ })
  await expect(rejected).toBeVisible()
  await expect(rejected.getByRole('row', { name: /not-an-email|e-mail/i }).first()).toBeVisible()
  await expect(rejected.getByRole('cell', { name: '4', exact: true })).toBeVisible()
  await expect(preview.getByRole('button', { name: /^Award \d+ people?$/ })).toBeDisabled()
  await expect(preview.getByRole('button', { name: /Award the valid rows only/ })).toBeEnabled()
  const download = preview.getByRole('link', { name: 'Download the problems as CSV' })
  await expect(download).toHaveAttribute('href', /^data:text\/csv/)
  await expect(download).toHaveAttribute('download', 'attendees-with-errors - rejected rows.csv')
  await expectNoSeriousViolations(page)
  await page.screenshot({ path: testInfo.outputPath('batch-errors.png'), fullPage: true })
  await preview.getByRole('button', { name: 'Discard' }).click()
  expect((await awardsList(api)).total).toBe(50)
})

test('revoking and reissuing on the Awards screen; the credentials verify', async ({
  page,
  stationUrl
}, testInfo) => {
  const api = await setUpStation(stationUrl)
  const badge = await publishedBadge(api, 'Workshop Leader')
  const wrong = await api<AwardRef>('awards:issue', {
    badgeId: badge.id,
    name: 'Bob Smiht',
    email: 'bob@example.org'
  })
  const mistaken = await api<AwardRef>('awards:issue', {
    badgeId: badge.id,
    name: 'Lin Chen',
    email: 'lin@example.org'
  })

  await page.goto(stationUrl)
  await openSection(page, 'Awards')
  const table = page.getByRole('table', { name: 'Awards' })
  await expect(table.getByRole('row')).toHaveCount(3)
  await expectNoSeriousViolations(page)

  // Revoke with a reason.
  await page.getByRole('button', { name: 'Actions for Lin Chen' }).click()
  await page.getByRole('menuitem', { name: 'Revoke…' }).click()
  const revoke = page.getByRole('alertdialog', { name: 'Revoke this award?' })
  await expect(revoke.getByRole('button', { name: 'Revoke' })).toBeDisabled()
  await revoke.getByLabel('Reason').fill('Awarded by mistake')
  await expectNoSeriousViolations(page)
  await revoke.getByRole('button', { name: 'Revoke' }).click()
  await expect(revoke).toHaveCount(0)
  await expect(table.getByRole('row', { name: /Lin Chen/ })).toContainText('Revoked')
  await page.screenshot({ path: testInfo.outputPath('awards.png'), fullPage: true })

  // Reissue with a corrected name: the dialog shows the new award.
  await page.getByRole('button', { name: 'Actions for Bob Smiht' }).click()
  await page.getByRole('menuitem', { name: 'Reissue with a correction…' }).click()
  const reissue = page.getByRole('dialog', { name: 'Reissue with a correction' })
  await reissue.getByLabel('Name').fill('Bob Smith')
  await reissue.getByRole('button', { name: 'Reissue' }).click()
  const reissued = page.getByRole('dialog', { name: 'Reissued' })
  await expect(reissued).toContainText('Bob Smith')
  await reissued.getByRole('button', { name: 'Done' }).click()
  await expect(table.getByRole('row', { name: /Bob Smith\b/ }).first()).toContainText('Active')

  // The new credential verifies in the UI and through the API.
  await page.getByRole('button', { name: 'Actions for Bob Smith' }).click()
  await page.getByRole('menuitem', { name: 'View credential' }).click()
  const view = page.getByRole('dialog', { name: 'Credential' })
  await expect(view.getByRole('status').filter({ hasText: 'Verified' })).toBeVisible()
  await expectNoSeriousViolations(page)
  await view.getByRole('button', { name: 'Close' }).click()

  // Downloads come from credentials:export as files.
  await page.getByRole('button', { name: 'Actions for Bob Smith' }).click()
  const downloading = page.waitForEvent('download')
  await page.getByRole('menuitem', { name: 'Download baked PNG' }).click()
  expect((await downloading).suggestedFilename()).toMatch(/\.png$/)

  const active = await awardsList(api, { status: 'active' })
  expect(active.awards.map((a) => a.recipientName)).toEqual(['Bob Smith'])
  const newId = active.awards[0]?.id ?? ''
  const { credential } = await api<{ credential: unknown }>('credentials:get', { id: newId })
  expect((await api<{ valid: boolean }>('credentials:verify', { credential })).valid).toBe(true)
  const revoked = await awardsList(api, { status: 'revoked' })
  expect(revoked.awards.map((a) => a.id).sort()).toEqual([wrong.id, mistaken.id].sort())

  // The status filter shows the revoked ones.
  await page.getByLabel('Status').selectOption('revoked')
  await expect(table.getByRole('row')).toHaveCount(3)
  await expect(table.getByRole('row', { name: /Lin Chen/ })).toContainText('Revoked')
})

test('recipients: import a roster with a preview, edit one person, merge two', async ({
  page,
  stationUrl
}) => {
  const api = await setUpStation(stationUrl)
  await page.goto(stationUrl)
  await openSection(page, 'Recipients')
  await expect(page.getByText('Nobody yet.')).toBeVisible()

  // A file with errors: the problems are listed and nothing is imported by default.
  await page.getByRole('button', { name: 'Import roster from CSV' }).click()
  await page
    .getByLabel('Roster CSV file')
    .setInputFiles(vendorFile('fixtures', 'attendees-with-errors.csv'))
  await expect(page.getByRole('table', { name: /Rejected rows/ })).toBeVisible()
  await expect(page.getByRole('button', { name: /^Import \d+ people$/ })).toBeDisabled()
  await expectNoSeriousViolations(page)
  await page.getByRole('button', { name: 'Cancel' }).click()
  expect((await api<{ total: number }>('recipients:list', {})).total).toBe(0)

  await page.getByRole('button', { name: 'Import roster from CSV' }).click()
  await page.getByLabel('Roster CSV file').setInputFiles(vendorFile('fixtures', 'attendees-50.csv'))
  await page.getByRole('button', { name: 'Import 50 people' }).click()
  await expect(page.getByRole('status').filter({ hasText: 'Added 50 people.' })).toBeVisible()
  await page.getByRole('button', { name: 'Close' }).click()
  await expect(page.getByRole('status').filter({ hasText: '50 people' })).toBeVisible()

  // Search, then edit.
  await page.getByLabel('Search people').fill('M10003')
  await expect(page.getByRole('status').filter({ hasText: /^1 person$/ })).toBeVisible()
  const row = page.getByRole('row', { name: /Yusuf O'Brien/ })
  await row.getByRole('button', { name: /^Edit/ }).click()
  const edit = page.getByRole('dialog', { name: /Edit Yusuf/ })
  await edit.getByLabel('Name').fill("Yusuf O'Brien-Kaya")
  await expectNoSeriousViolations(page)
  await edit.getByRole('button', { name: 'Save' }).click()
  await expect(page.getByRole('row', { name: /Yusuf O'Brien-Kaya/ })).toBeVisible()

  // Merge two people (a duplicate with another e-mail).
  await api('recipients:create', { name: 'Yusuf OBrien-Kaya', email: 'yusuf@work.example.org' })
  await page.getByLabel('Search people').fill('kaya')
  await page.getByLabel("Select Yusuf O'Brien-Kaya").check()
  await page.getByLabel('Select Yusuf OBrien-Kaya').check()
  await page.getByRole('button', { name: 'Merge 2' }).click()
  const merge = page.getByRole('dialog', { name: 'Merge 2 people' })
  await merge.getByRole('button', { name: 'Merge' }).click()
  await expect(merge).toHaveCount(0)
  await expect(page.getByRole('status').filter({ hasText: /^1 person$/ })).toBeVisible()
  await expect(page.getByRole('row', { name: /Yusuf/ })).toContainText('+1 merged')
})

test('rules: create a pathway rule, preview it (dry run), run it; import check-ins', async ({
  page,
  stationUrl
}, testInfo) => {
  const api = await setUpStation(stationUrl)
  const a = await publishedBadge(api, 'Basics')
  const b = await publishedBadge(api, 'Advanced')
  await publishedBadge(api, 'Master')
  for (const badgeId of [a.id, b.id]) {
    await api('awards:issue', { badgeId, name: 'Nadia Haddad', email: 'nadia@example.org' })
  }
  await api('awards:issue', { badgeId: a.id, name: 'Omar Farouk', email: 'omar@example.org' })

  await page.goto(stationUrl)
  await openSection(page, 'Rules')
  await page.getByRole('button', { name: 'New rule' }).click()
  const form = page.getByRole('form', { name: 'New rule' })
  await form.getByLabel('Rule name').fill('Master pathway')
  await form.getByText('holds all of some badges (pathway)').click()
  const required = form.getByRole('group', { name: 'Required badges' })
  await required.getByText('Basics').click()
  await required.getByText('Advanced').click()
  await form.getByLabel('Then award').selectOption({ label: 'Master' })
  await expectNoSeriousViolations(page)
  await form.getByRole('button', { name: 'Create rule' }).click()
  const row = page.getByRole('row', { name: /Master pathway/ })
  await expect(row).toContainText('Holds Basics and Advanced')
  await expect(row.getByRole('switch', { name: 'Enable Master pathway' })).toBeChecked()

  await row.getByRole('button', { name: 'Preview Master pathway (dry run)' }).click()
  await expect(page.getByText('1 person would be awarded Master.')).toBeVisible()
  await expect(page.getByRole('table', { name: /Would be awarded/ })).toContainText('Nadia Haddad')
  expect((await awardsList(api)).total).toBe(3)
  await expectNoSeriousViolations(page)

  await row.getByRole('button', { name: 'Run Master pathway now' }).click()
  await expect(page.getByText('awarded Master to 1 person.')).toBeVisible()
  await page.screenshot({ path: testInfo.outputPath('rules.png'), fullPage: true })
  expect((await awardsList(api)).total).toBe(4)

  // Disable it from the keyboard.
  const enabled = row.getByRole('switch', { name: 'Enable Master pathway' })
  await enabled.focus()
  await page.keyboard.press('Space')
  await expect(enabled).not.toBeChecked()

  // Check-ins: a dry run first, then the import.
  const csv = testInfo.outputPath('checkins.csv')
  const { writeFileSync } = await import('node:fs')
  writeFileSync(
    csv,
    'email,name,session,tags,date\nnadia@example.org,Nadia Haddad,S1,workshop,2026-05-01\nomar@example.org,Omar Farouk,S1,workshop,2026-05-01\n'
  )
  await page.getByLabel('Check-ins CSV file').setInputFiles(csv)
  await page.getByRole('button', { name: 'Import 2 check-ins' }).click()
  await expect(page.getByRole('status').filter({ hasText: 'Imported 2 check-ins' })).toBeVisible()
})
