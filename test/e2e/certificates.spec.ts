/**
 * Certificates in the real UI: the panel under the Awards screen previews a badge's
 * certificate in a frame (a blob: PDF, allowed by the CSP's frame-src) and exports the
 * batch as one PDF into the station's exports folder. Setup goes through the web API.
 */
import fs from 'node:fs'
import { openSection, publishedBadge, setUpStation } from './desk-helpers.js'
import { expect, test } from './fixtures.js'

test('previewing and exporting certificates from the Awards screen', async ({
  page,
  stationUrl
}) => {
  const api = await setUpStation(stationUrl)
  const badge = await publishedBadge(api, 'Conference Speaker', {
    description: 'Spoke at the annual conference.',
    criteriaNarrative: 'Gave a talk.',
    tags: []
  })
  await api('awards:issue', { badgeId: badge.id, name: 'Zoë Yılmaz', email: 'zoe@example.org' })
  await api('awards:issue', { badgeId: badge.id, name: '王秀英', email: 'wang@example.org' })

  await page.goto(stationUrl)
  await openSection(page, 'Awards')
  await page.getByRole('tab', { name: 'Certificates' }).click()
  const panel = page.getByRole('region', { name: 'Certificates' })
  await expect(panel.getByLabel('Badge')).toContainText('Conference Speaker (2)')
  await panel.getByLabel('Template').selectOption('modern')
  await panel.getByRole('button', { name: 'Preview' }).click()
  const frame = panel.getByTitle('Certificate preview')
  await expect(frame).toBeVisible()
  await expect(frame).toHaveAttribute('src', /^blob:/)

  await panel.getByRole('button', { name: 'Export one PDF' }).click()
  await expect(panel.getByText(/Saved 2 certificates to/)).toBeVisible()
  const file = (await panel.locator('code.certificates-path').first().textContent()) ?? ''
  expect(file).toMatch(/certificates-.*\.pdf$/)
  expect(fs.readFileSync(file).subarray(0, 5).toString('latin1')).toBe('%PDF-')
})
