/**
 * Settings in the real UI: backups to a folder the user types, the warning before a site URL
 * change that would break issued credentials, the keys table and rotation, large type, and the
 * shell's offline note. Setup (station, badge, award) goes through the web API.
 */
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import type { Page, Request } from '@playwright/test'
import { expect, test } from './fixtures.js'
import { callStation, expectNoSeriousViolations, initStation, PASSPHRASE } from './helpers.js'

type Status = { key: { fingerprint: string }; siteUrl: string }

async function stationWithAward(page: Page, stationUrl: string): Promise<Status> {
  await initStation(page, stationUrl)
  const badge = await callStation<{ id: string }>(page, stationUrl, 'badges:create', {
    name: 'Speaker 2026',
    description: 'Gave a talk at the conference.',
    criteriaNarrative: 'Give a talk.'
  })
  await callStation(page, stationUrl, 'badges:publish', { id: badge.id })
  await callStation(page, stationUrl, 'awards:issue', {
    badgeId: badge.id,
    email: 'ada@example.org',
    name: 'Ada Lovelace'
  })
  return callStation<Status>(page, stationUrl, 'station:status', {})
}

async function openSettings(page: Page): Promise<void> {
  await page
    .getByRole('navigation', { name: 'Main' })
    .getByRole('button', { name: 'Settings' })
    .click()
  await expect(page.getByRole('heading', { level: 1, name: 'Settings' })).toBeVisible()
}

test('backs up to a chosen folder and lists the file', async ({
  page,
  stationUrl,
  dataDir
}, testInfo) => {
  await stationWithAward(page, stationUrl)
  const folder = fs.mkdtempSync(path.join(os.tmpdir(), 'kiln-e2e-backups-'))
  try {
    await page.goto(stationUrl)
    await openSettings(page)
    // Where the station log is (the "see the station log" of error messages).
    await expect(page.getByLabel('Log file')).toHaveText(path.join(dataDir, 'logs', 'kiln.log'))
    await expect(page.getByText(/^No backup folder chosen yet/)).toBeVisible()

    // A folder inside the data folder is refused with a sentence.
    await page.getByLabel('Backup folder').fill(path.join(dataDir, 'backups'))
    await page.getByRole('button', { name: 'Save backup settings' }).click()
    await expect(
      page.getByRole('alert').filter({ hasText: 'outside the station’s data folder' })
    ).toBeVisible()

    await page.getByLabel('Backup folder').fill(folder)
    await page.getByLabel('Automatic backups').selectOption('24')
    await page.getByRole('button', { name: 'Back up now' }).click()
    const files = page.getByRole('table', { name: 'Backups in the folder' })
    await expect(files.getByRole('row', { name: /kiln-backup-.+\.kbak/ })).toHaveCount(1)
    await expect(page.getByRole('status').filter({ hasText: 'Backup written' })).toBeVisible()
    const written = fs.readdirSync(folder)
    expect(written).toHaveLength(1)
    expect(written[0]).toMatch(/^kiln-backup-.+\.kbak$/)
    // Encrypted: the recipient's e-mail is not readable in the file.
    expect(fs.readFileSync(path.join(folder, written[0] ?? '')).includes('ada@example.org')).toBe(
      false
    )
    await expect(page.getByText(/Next one due/)).toBeVisible()
    await page.screenshot({ path: testInfo.outputPath('settings-backups.png'), fullPage: true })
    await expectNoSeriousViolations(page)
  } finally {
    fs.rmSync(folder, { recursive: true, force: true })
  }
})

test('changing the site URL after an award warns first; keys are listed and rotate', async ({
  page,
  stationUrl
}, testInfo) => {
  const status = await stationWithAward(page, stationUrl)
  await page.goto(stationUrl)
  await openSettings(page)

  const keys = page.getByRole('table', { name: 'Keys of this issuer' })
  await expect(
    keys.getByRole('row', { name: new RegExp(status.key.fingerprint.slice(0, 20)) })
  ).toContainText('Current')
  await expect(
    keys.getByRole('row', { name: new RegExp(status.key.fingerprint.slice(0, 20)) })
  ).toContainText('1')

  await page.getByRole('button', { name: 'Edit profile…' }).click()
  const edit = page.getByRole('dialog', { name: 'Edit the issuer profile' })
  await edit
    .getByRole('textbox', { name: 'Badge site URL' })
    .fill('https://new-badges.example.net/')
  await edit.getByRole('button', { name: 'Save profile' }).click()
  const warning = page.getByRole('alertdialog', {
    name: 'Changing the site URL breaks issued credentials'
  })
  await expect(warning).toBeVisible()
  await expect(warning).toContainText('1 credential was issued under https://badges.example.org/')
  await expect(warning).toContainText('issuer id (did:web) changes')
  await page.screenshot({ path: testInfo.outputPath('settings-site-warning.png') })
  await expectNoSeriousViolations(page)
  await warning.getByRole('button', { name: 'Keep the current URL' }).click()
  await edit.getByRole('button', { name: 'Cancel' }).click()
  await expect(edit).toHaveCount(0)
  await expect(page.getByLabel('Badge site URL', { exact: true })).toHaveText(
    'https://badges.example.org/'
  )

  // The name changes without a warning.
  await page.getByRole('button', { name: 'Edit profile…' }).click()
  await page.getByRole('textbox', { name: 'Issuer name' }).fill('Example Association')
  await page.getByRole('button', { name: 'Save profile' }).click()
  await expect(edit).toHaveCount(0)
  await expect(page.getByLabel('Issuer name', { exact: true })).toHaveText('Example Association')

  // Rotation: a wrong passphrase is a sentence; the right one adds a key.
  await page.getByRole('button', { name: 'Rotate key…' }).click()
  const rotate = page.getByRole('alertdialog', { name: 'Rotate the signing key?' })
  await rotate.getByLabel('Station passphrase').fill('not the passphrase')
  await rotate.getByRole('button', { name: 'Rotate key' }).click()
  await expect(rotate.getByRole('alert')).toContainText('passphrase')
  await rotate.getByLabel('Station passphrase').fill(PASSPHRASE)
  await rotate.getByRole('button', { name: 'Rotate key' }).click()
  await expect(rotate).toHaveCount(0)
  await expect(keys.getByRole('row')).toHaveCount(3)
  await expect(
    keys.getByRole('row', { name: new RegExp(status.key.fingerprint.slice(0, 20)) })
  ).toContainText('Previous')
  await expect(page.getByLabel('Key fingerprint', { exact: true })).not.toHaveText(
    status.key.fingerprint
  )

  // The key backup is the encrypted key.json, offered as a download after the passphrase.
  await page.getByRole('button', { name: 'Back up the key…' }).click()
  const backup = page.getByRole('dialog', { name: 'Back up the signing key' })
  await backup.getByLabel('Station passphrase').fill(PASSPHRASE)
  const download = page.waitForEvent('download')
  await backup.getByRole('button', { name: 'Download key backup' }).click()
  const file = await (await download).path()
  const keyFile = JSON.parse(fs.readFileSync(file, 'utf8')) as {
    format: string
    ciphertext: string
  }
  expect(keyFile.format).toBe('kiln-key/1')
  expect(keyFile.ciphertext.length).toBeGreaterThan(20)
})

test('large type persists, the offline note is quiet, and shortcuts open from anywhere', async ({
  page,
  stationUrl,
  context
}, testInfo) => {
  await stationWithAward(page, stationUrl)
  await page.goto(stationUrl)
  await openSettings(page)
  const html = page.locator('html')
  const rootSize = () => html.evaluate((el) => getComputedStyle(el).fontSize)
  expect(await rootSize()).toBe('16px')
  const toggle = page.getByRole('switch', { name: /Large type/ })
  await expect(toggle).not.toBeChecked()
  await page.getByText('Large type (for a kiosk').click() // the switch's visible label
  await expect(toggle).toBeChecked()
  await expect(html).toHaveClass(/large-type/)
  expect(await rootSize()).toBe('20px')
  await expect(page.getByRole('button', { name: 'Large type' })).toHaveAttribute(
    'aria-pressed',
    'true'
  )
  await page.screenshot({ path: testInfo.outputPath('settings-large-type.png') })
  // Contract calls the page has started and not yet had answered: Chromium's offline mode also
  // cuts the loopback station, so going offline must wait until the Settings screen has its data.
  const pending = new Set<Request>()
  const isCall = (r: Request): boolean => r.url().includes('/api/call/')
  page.on('request', (r) => {
    if (isCall(r)) pending.add(r)
  })
  page.on('requestfinished', (r) => pending.delete(r))
  page.on('requestfailed', (r) => pending.delete(r))
  await page.reload()
  await expect(page.getByRole('navigation', { name: 'Main' })).toBeVisible()
  await expect(html).toHaveClass(/large-type/)
  await page.getByRole('button', { name: 'Large type' }).click()
  await expect(html).not.toHaveClass(/large-type/)

  await expect(page.getByRole('heading', { level: 1, name: 'Settings' })).toBeVisible()
  await expect(page.getByText(/^SHA256:\S+$/).first()).toBeVisible() // the screen has its data
  await expect.poll(() => pending.size).toBe(0)
  await context.setOffline(true)
  const offline = page.getByRole('status').filter({ hasText: 'Offline — everything works here' })
  await expect(offline).toBeVisible()
  await expect(page.getByRole('dialog')).toHaveCount(0)
  await page.screenshot({ path: testInfo.outputPath('shell-offline.png') })
  await context.setOffline(false)
  await expect(offline).toHaveCount(0)

  // "?" opens the shortcuts panel on any screen; on the Award desk exactly one opens.
  await page
    .getByRole('navigation', { name: 'Main' })
    .getByRole('button', { name: 'Recipients' })
    .click()
  await page.getByRole('heading', { level: 1, name: 'Recipients' }).focus()
  await page.keyboard.press('?')
  await expect(page.getByRole('dialog', { name: 'Keyboard shortcuts' })).toHaveCount(1)
  await page.keyboard.press('Escape')
  await page
    .getByRole('navigation', { name: 'Main' })
    .getByRole('button', { name: 'Award', exact: true })
    .click()
  // The desk puts the cursor in Recipient once its screen has loaded: wait for that, or the
  // focus below may be taken back and "?" typed into the field.
  await expect(page.getByRole('combobox', { name: 'Recipient' })).toBeFocused()
  await page.getByRole('button', { name: 'Shortcuts', exact: true }).focus()
  await page.keyboard.press('?')
  await page.waitForTimeout(200)
  await expect(page.getByRole('dialog', { name: 'Keyboard shortcuts' })).toHaveCount(1)
})
