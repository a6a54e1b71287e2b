/**
 * Issue 14 item 9: in `kiln serve` every export comes down through the browser, named as a
 * person looks for it ("Speaker NOSS 2026 - certificates.pdf"), and every folder field says
 * whether the folder exists and Kiln may write there.
 */
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import type { Download, Page } from '@playwright/test'
import { unzipSync } from 'fflate'
import { expect, test } from './fixtures.js'
import { openSection, publishedBadge, setUpStation } from './desk-helpers.js'
import { PASSPHRASE } from './helpers.js'

const DAY = String.raw`\d{4}-\d\d-\d\d`

async function downloadOf(page: Page, click: () => Promise<void>): Promise<Download> {
  const [download] = await Promise.all([page.waitForEvent('download'), click()])
  return download
}

async function bytesOf(download: Download): Promise<Buffer> {
  return fs.readFileSync(await download.path())
}

test('certificates for a badge download as one PDF and as a zip of PDFs named for each person', async ({
  page,
  stationUrl
}) => {
  test.setTimeout(120_000)
  const api = await setUpStation(stationUrl)
  const badge = await publishedBadge(api, 'Speaker NOSS 2026')
  for (const [name, email] of [
    ['Ana Müller', 'ana@example.org'],
    ['Bo Lee', 'bo@example.org'],
    ['Олена Петренко', 'olena@example.org']
  ]) {
    await api('awards:issue', { badgeId: badge.id, email, name })
  }
  await page.goto(stationUrl)
  await openSection(page, 'Awards')
  await page.getByRole('tab', { name: 'Certificates' }).click()
  const panel = page.getByRole('region', { name: 'Certificates' })

  const pdf = await downloadOf(page, () =>
    panel.getByRole('button', { name: 'Export one PDF' }).click()
  )
  expect(pdf.suggestedFilename()).toBe('Speaker NOSS 2026 - certificates.pdf')
  expect((await bytesOf(pdf)).subarray(0, 5).toString('latin1')).toBe('%PDF-')
  await expect(panel.getByText(/^Saved 3 certificates to/)).toContainText(
    'and downloaded it as Speaker NOSS 2026 - certificates.pdf'
  )

  const zip = await downloadOf(page, () =>
    panel.getByRole('button', { name: 'Export a zip of PDFs' }).click()
  )
  expect(zip.suggestedFilename()).toBe('Speaker NOSS 2026 - certificates.zip')
  const entries = unzipSync(new Uint8Array(await bytesOf(zip)))
  expect(Object.keys(entries).sort()).toEqual([
    'Ana Müller - Speaker NOSS 2026.pdf',
    'Bo Lee - Speaker NOSS 2026.pdf',
    'Олена Петренко - Speaker NOSS 2026.pdf'
  ])
  const again = await downloadOf(page, () =>
    panel.getByRole('button', { name: 'Download again' }).click()
  )
  expect(again.suggestedFilename()).toBe('Speaker NOSS 2026 - certificates.zip')
})

test('the bundle, the mail merge, analytics and the key backup download with readable names', async ({
  page,
  stationUrl
}) => {
  test.setTimeout(120_000)
  const api = await setUpStation(stationUrl)
  const badge = await publishedBadge(api, 'Volunteer')
  await api('awards:issue', { badgeId: badge.id, email: 'ana@example.org', name: 'Ana Müller' })
  await page.goto(stationUrl)

  await openSection(page, 'Sync')
  const bundle = await downloadOf(page, () =>
    page.getByRole('button', { name: 'Download the bundle (zip)' }).click()
  )
  expect(bundle.suggestedFilename()).toMatch(
    new RegExp(`^badges\\.example\\.org - bundle ${DAY}\\.zip$`)
  )
  const files = Object.keys(unzipSync(new Uint8Array(await bytesOf(bundle))))
  expect(files).toContain('kiln-manifest.json')
  await expect(page.getByRole('status').filter({ hasText: 'Bundle 1' })).toContainText(
    'and downloaded as'
  )

  await openSection(page, 'Outbox')
  const merge = await downloadOf(page, () =>
    page.getByRole('button', { name: 'Export mail-merge CSV' }).click()
  )
  expect(merge.suggestedFilename()).toMatch(new RegExp(`^Mail merge - ${DAY}\\.csv$`))
  expect((await bytesOf(merge)).toString('utf8')).toContain('Ana Müller')

  await openSection(page, 'Analytics')
  const badges = await downloadOf(page, () =>
    page.getByRole('link', { name: 'Export “Badges” as CSV' }).click()
  )
  expect(badges.suggestedFilename()).toMatch(new RegExp(`^Badges - ${DAY}\\.csv$`))

  await openSection(page, 'Settings')
  await page.getByRole('button', { name: 'Back up the key…' }).click()
  const dialog = page.getByRole('dialog', { name: 'Back up the signing key' })
  await dialog.getByLabel('Station passphrase').fill(PASSPHRASE)
  const key = await downloadOf(page, () =>
    dialog.getByRole('button', { name: 'Download key backup' }).click()
  )
  expect(key.suggestedFilename()).toMatch(
    new RegExp(
      `^Kiln station key \\(encrypted\\) - Example Conference Association - ${DAY}\\.json$`
    )
  )
})

test('folder fields say whether the folder exists and Kiln may write there', async ({
  page,
  stationUrl
}) => {
  await setUpStation(stationUrl)
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'kiln-e2e-folders-'))
  try {
    const file = path.join(dir, 'notes.txt')
    fs.writeFileSync(file, 'not a folder')
    await page.goto(stationUrl)

    await openSection(page, 'Sync')
    const destination = page.getByLabel('Destination')
    await destination.fill(path.join(dir, 'bundle-1'))
    const syncCheck = page.locator('.sync-screen .folder-check')
    await expect(syncCheck).toHaveText(/The folder does not exist yet; Kiln will create it/)
    await destination.fill(dir)
    await expect(syncCheck).toHaveText('The folder exists and Kiln can write to it.')
    await destination.fill(file)
    await expect(syncCheck).toHaveText('This is a file, not a folder.')
    await destination.fill('bundles/out')
    await expect(syncCheck).toContainText('Type the full path')

    await openSection(page, 'Settings')
    const backups = page.getByRole('region', { name: 'Backups' })
    await backups.getByLabel('Backup folder').fill(dir)
    await expect(backups.getByRole('status').filter({ hasText: 'The folder' })).toHaveText(
      'The folder exists and Kiln can write to it.'
    )
    await backups.getByLabel('Backup folder').fill(file)
    await expect(backups.getByRole('status').filter({ hasText: 'not a folder' })).toBeVisible()

    const publish = page.getByRole('region', { name: 'Publish' })
    await publish.getByRole('textbox', { name: 'Folder', exact: true }).fill(path.join(dir, 'site'))
    await expect(
      publish.getByRole('status').filter({ hasText: 'Kiln will create it' })
    ).toBeVisible()
  } finally {
    fs.rmSync(dir, { recursive: true, force: true })
  }
})
