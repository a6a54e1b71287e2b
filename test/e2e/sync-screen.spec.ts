/** The Sync screen: what changed, export a bundle with the real station, and the history. */
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { expect, test } from './fixtures.js'
import { createStation } from './helpers.js'

test('exports a bundle from the Sync screen and lists it in the history', async ({
  page,
  stationUrl
}) => {
  test.setTimeout(120_000)
  const out = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'kiln-e2e-sync-')), 'bundle')
  try {
    await page.goto(stationUrl)
    await createStation(page)
    await page.getByRole('button', { name: /^Sync/ }).click()
    await expect(page.getByRole('heading', { level: 1, name: 'Sync' })).toBeVisible()
    await expect(page.getByText('Issuer pages or the verifier changed')).toBeVisible({
      timeout: 30_000
    })
    await page.getByLabel('Destination').fill(out)
    await page.getByRole('button', { name: 'Export bundle' }).click()
    await expect(page.getByRole('status').filter({ hasText: 'Bundle 1' })).toBeVisible({
      timeout: 60_000
    })
    expect(fs.existsSync(path.join(out, 'kiln-manifest.json'))).toBe(true)
    expect(fs.existsSync(path.join(out, 'verify', 'verifier.js'))).toBe(true)
    await expect(page.getByText('Nothing changed since bundle 1.')).toBeVisible()
    await expect(page.getByRole('table').getByRole('rowheader', { name: '1' })).toBeVisible()
    // A second export (a new job) reports its own result, not the first one's.
    await page.getByLabel('Destination').fill(`${out}-again`)
    await page.getByRole('button', { name: 'Export bundle' }).click()
    await expect(
      page.getByRole('status').filter({ hasText: 'nothing had changed: the same bundle again' })
    ).toBeVisible({ timeout: 60_000 })
    expect(fs.existsSync(path.join(`${out}-again`, 'kiln-manifest.json'))).toBe(true)
  } finally {
    fs.rmSync(path.dirname(out), { recursive: true, force: true })
  }
})
