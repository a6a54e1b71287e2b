/**
 * Issue 14 item 16, desk mode for volunteers: the passphrase holder switches it on in Settings
 * with a list of operators; the desk then shows only awarding, the awards list and certificates,
 * every award records the operator picked from the list, nothing else opens (not by the menu, a
 * shortcut, a remembered section or the API), and leaving needs the passphrase.
 */
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import type { Page } from '@playwright/test'
import { expect, test } from './fixtures.js'
import { apiFor, openSection, publishedBadge, setUpStation } from './desk-helpers.js'
import { startStationHost } from './station-host.js'
import { expectNoSeriousViolations } from './helpers.js'
import { vendorFile } from '../vendor-paths.js'

const PASSPHRASE = 'correct horse battery staple'

async function navLabels(page: Page): Promise<string[]> {
  const nav = page.getByRole('navigation', { name: 'Main' })
  return (await nav.getByRole('button').allTextContents()).map((t) => t.replace(/Alt \d$/, ''))
}

test('desk mode: entered in Settings, only the desk opens, awards name the operator, leaving needs the passphrase', async ({
  page,
  stationUrl
}, testInfo) => {
  const api = await setUpStation(stationUrl)
  await publishedBadge(api, 'Conference Volunteer')
  await api('recipients:create', { name: 'Grace Hopper', email: 'grace@example.org' })

  await page.goto(stationUrl)
  await openSection(page, 'Settings')
  await page.getByRole('button', { name: 'Desk mode', exact: true }).click()
  const operators = page.getByRole('textbox', { name: 'Operators' })
  await operators.fill('Ada Volunteer\nada volunteer')
  await page.getByRole('button', { name: 'Switch to desk mode' }).click()
  await expect(page.getByRole('region', { name: 'Desk mode' }).getByRole('alert')).toHaveText(
    'Some of the information entered is not valid. “ada volunteer” is listed twice.'
  )
  await operators.fill('Ada Volunteer\nBo Helper\n')
  const shots = path.join(testInfo.outputDir, 'desk-mode')
  await page
    .getByRole('region', { name: 'Desk mode' })
    .screenshot({ path: path.join(shots, 'settings-desk-section.png') })
  await page.getByRole('button', { name: 'Switch to desk mode' }).click()

  const banner = page.getByRole('region', { name: /^Desk mode — operator:/ })
  await expect(banner).toContainText('Desk mode — operator: choose your name')
  await expect(page.getByRole('heading', { level: 1, name: 'Award' })).toBeVisible()
  expect(await navLabels(page)).toEqual(['Award', 'Awards'])
  await expect(page.getByLabel('Awarded by')).toHaveCount(0)

  // Awarding before choosing a name is stopped at the desk (and the core would refuse it).
  const form = page.getByRole('form', { name: 'Award one person' })
  const search = form.getByRole('combobox', { name: 'Recipient' })
  await search.focus()
  await page.keyboard.type('grace@example.org')
  await page.keyboard.press('Enter')
  await expect(search).toHaveValue('Grace Hopper')
  const badgeField = form.getByRole('combobox', { name: 'Badge' })
  await page.keyboard.type('volun')
  await expect(page.getByRole('option', { name: /Conference Volunteer/ })).toBeVisible()
  await page.keyboard.press('Enter')
  await expect(badgeField).toHaveValue('Conference Volunteer')
  await page.keyboard.press('Control+Enter')
  await expect(form.getByRole('alert')).toContainText('Choose your name as the operator')
  await expect(page.getByLabel('Operator', { exact: true })).toBeFocused()

  // The operator is picked from the list (by keyboard), and the award records it.
  await page.getByLabel('Operator', { exact: true }).selectOption('Bo Helper')
  await expect(banner).toContainText('Desk mode — operator: Bo Helper')
  await form.getByRole('button', { name: 'Award', exact: true }).click()
  const confirmation = page.getByRole('region', { name: 'Awarded' })
  await expect(confirmation).toContainText('Grace Hopper')
  await expect(confirmation).toContainText('Bo Helper')
  await expect(confirmation.getByRole('button', { name: 'Send now' })).toHaveCount(0)
  const listed = await api<{ awards: { operator?: string }[] }>('awards:list', {})
  expect(listed.awards.map((a) => a.operator)).toEqual(['Bo Helper'])

  // Printing this person's certificate works at the desk (the exports folder, then a download).
  const [certificate] = await Promise.all([
    page.waitForEvent('download'),
    confirmation.getByRole('button', { name: 'Certificate (PDF)' }).click()
  ])
  expect(certificate.suggestedFilename()).toBe('Grace Hopper - Conference Volunteer.pdf')

  // Screenshots of the desk at both sizes, light and dark (looked at by hand).
  await expectNoSeriousViolations(page)
  for (const [width, height] of [
    [1280, 800],
    [1920, 1080]
  ] as const) {
    await page.setViewportSize({ width, height })
    for (const colorScheme of ['light', 'dark'] as const) {
      await page.emulateMedia({ colorScheme })
      await page.screenshot({
        path: path.join(shots, `desk-${width}x${height}-${colorScheme}.png`)
      })
    }
  }
  await page.emulateMedia({ colorScheme: 'light' })
  await page.setViewportSize({ width: 1280, height: 800 })

  // A shortcut to Settings (Alt+8 outside desk mode) opens nothing; Alt+2 is the awards list.
  await page.keyboard.press('Alt+8')
  await expect(page.getByRole('heading', { level: 1, name: 'Award' })).toBeVisible()
  await page.keyboard.press('Alt+2')
  await expect(page.getByRole('heading', { level: 1, name: 'Awards' })).toBeVisible()
  await page.getByRole('button', { name: 'Actions for Grace Hopper' }).click()
  await expect(page.getByRole('menuitem', { name: 'View credential' })).toBeVisible()
  await expect(page.getByRole('menuitem', { name: /Revoke/ })).toHaveCount(0)
  await page.keyboard.press('Escape')
  await expect(page.getByRole('tab', { name: 'Certificates' })).toBeVisible()

  // A remembered (or hand-edited) section and a reload: still the desk, still desk mode.
  await page.evaluate(() => window.sessionStorage.setItem('kiln.section', 'settings'))
  await page.reload()
  await expect(page.getByRole('heading', { level: 1, name: 'Award' })).toBeVisible()
  await expect(banner).toContainText('operator: Bo Helper')
  expect(await navLabels(page)).toEqual(['Award', 'Awards'])

  // The core refuses the rest whoever asks: the API with the session's own token.
  await expect(api('backup:list', {})).rejects.toThrow(/DESK_MODE/)
  await expect(api('station:updateProfile', { issuerName: 'Mallory' })).rejects.toThrow(/DESK_MODE/)
  await expect(
    api('awards:issue', {
      badgeId: (await api<{ badges: { id: string }[] }>('badges:list', {})).badges[0]?.id,
      email: 'eve@example.org',
      name: 'Eve',
      operator: 'Eve'
    })
  ).rejects.toThrow(/DESK_MODE/)

  // Leaving: a wrong passphrase keeps desk mode; the right one opens everything again.
  await banner.getByRole('button', { name: 'Leave desk mode' }).click()
  const dialog = page.getByRole('dialog', { name: 'Leave desk mode' })
  await dialog.getByLabel('Station passphrase').fill('not the passphrase')
  await dialog.getByRole('button', { name: 'Leave desk mode' }).click()
  await expect(dialog.getByRole('alert')).toContainText('stays in desk mode')
  await expectNoSeriousViolations(page)
  await page.screenshot({ path: path.join(shots, 'leave-wrong-passphrase.png') })
  await expect(banner).toBeVisible()
  await dialog.getByLabel('Station passphrase').fill(PASSPHRASE)
  await dialog.getByRole('button', { name: 'Leave desk mode' }).click()
  await expect(dialog).toHaveCount(0)
  await expect(banner).toHaveCount(0)
  expect(await navLabels(page)).toContain('Settings')
  await openSection(page, 'Settings')
  expect((await api<{ files: unknown[] }>('backup:list', {})).files).toEqual([])
})

test('desk mode survives a restart of kiln serve: the holder unlocks, the desk stays', async ({
  page
}) => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'kiln-e2e-desk-'))
  let host = await startStationHost(dir)
  try {
    const api = await setUpStation(host.url)
    await publishedBadge(api, 'Conference Volunteer')
    await api('desk:enter', { operators: ['Ada Volunteer'] })
    await host.stop()

    host = await startStationHost(dir)
    await page.goto(host.url)
    // A restarted station is locked: the passphrase holder unlocks it, desk mode is still on.
    await expect(page.getByRole('heading', { name: 'Unlock the station' })).toBeVisible()
    await expect(page.getByText('The station is in desk mode')).toContainText('Ada Volunteer')
    await page.getByLabel('Passphrase').fill(PASSPHRASE)
    await page.getByRole('button', { name: 'Unlock' }).click()
    await expect(page.getByRole('region', { name: /^Desk mode — operator:/ })).toBeVisible()
    expect(await navLabels(page)).toEqual(['Award', 'Awards'])
    await expect(apiFor(host.url)('keys:list', {})).rejects.toThrow(/DESK_MODE/)
  } finally {
    // Leave the page first: its event stream would otherwise retry a stopped host.
    await page.goto('about:blank')
    await host.stop()
    fs.rmSync(dir, { recursive: true, force: true, maxRetries: 3 })
  }
})

test('a batch at the desk records the chosen operator and offers only certificates next', async ({
  page,
  stationUrl
}) => {
  const api = await setUpStation(stationUrl)
  await publishedBadge(api, 'Attendee 2026')
  await api('desk:enter', { operators: ['Ada Volunteer', 'Bo Helper'] })
  await page.goto(stationUrl)
  await page.getByLabel('Operator', { exact: true }).selectOption('Ada Volunteer')
  await page.getByRole('tab', { name: 'Batch from CSV' }).click()
  const badgeField = page.getByRole('combobox', { name: 'Badge to award' })
  await badgeField.fill('Atten')
  await expect(page.getByRole('option', { name: /Attendee 2026/ })).toBeVisible()
  await badgeField.press('Enter')
  await page.getByLabel('CSV file').setInputFiles(vendorFile('fixtures', 'attendees-50.csv'))
  const preview = page.getByRole('region', { name: /Preview: Attendee 2026/ })
  await preview.getByRole('button', { name: 'Award 50 people' }).click()
  await expect(page.getByRole('heading', { name: 'Batch finished' })).toBeVisible({
    timeout: 30_000
  })
  const listed = await api<{ awards: { operator?: string }[]; total: number }>('awards:list', {})
  expect(listed.total).toBe(50)
  expect(new Set(listed.awards.map((a) => a.operator))).toEqual(new Set(['Ada Volunteer']))
  const next = page.getByRole('region', { name: 'Next steps' })
  await expect(next).toContainText('Certificates for this batch')
  // Publishing and e-mail are the passphrase holder's: only the certificates remain.
  await expect(next.getByRole('button')).toHaveText(['Certificates (PDF)', 'Certificates (zip)'])
})
