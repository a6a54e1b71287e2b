/**
 * Certificates in the real UI: the panel under the Awards screen previews a badge's
 * certificate in a frame (a blob: PDF, allowed by the CSP's frame-src) and exports the
 * batch as one PDF into the station's exports folder. Setup goes through the web API.
 */
import fs from 'node:fs'
import { expect, test } from './fixtures.js'

function apiFor(stationUrl: string) {
  const url = new URL(stationUrl)
  const token = /token=([A-Za-z0-9_-]+)/.exec(url.hash)?.[1] ?? ''
  return async <T>(method: string, input: unknown = {}): Promise<T> => {
    const response = await fetch(`${url.origin}/api/call/${method}`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${token}` },
      body: JSON.stringify(input)
    })
    const body = (await response.json()) as
      { ok: true; value: T } | { ok: false; error: { code: string; message: string } }
    if (!body.ok) throw new Error(`${method}: ${body.error.code} ${body.error.message}`)
    return body.value
  }
}

test('previewing and exporting certificates from the Awards screen', async ({
  page,
  stationUrl
}) => {
  const api = apiFor(stationUrl)
  await api('station:init', {
    issuerName: 'Example Conference Association',
    issuerUrl: 'https://example.org/',
    siteUrl: 'https://badges.example.org/',
    passphrase: 'correct horse battery staple'
  })
  const badge = await api<{ id: string }>('badges:create', {
    name: 'Conference Speaker',
    description: 'Spoke at the annual conference.',
    criteriaNarrative: 'Gave a talk.',
    tags: [],
    expiry: { kind: 'never' }
  })
  await api('badges:publish', { id: badge.id })
  await api('awards:issue', { badgeId: badge.id, name: 'Zoë Yılmaz', email: 'zoe@example.org' })
  await api('awards:issue', { badgeId: badge.id, name: '王秀英', email: 'wang@example.org' })

  await page.goto(stationUrl)
  await page
    .getByRole('navigation', { name: 'Main' })
    .getByRole('button', { name: 'Awards', exact: true })
    .click()
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
