/**
 * Steps and checks shared by the e2e specs: set up a station through the wizard, call the
 * station's web API directly (as the UI does, with the session token), and run axe.
 */
import { AxeBuilder } from '@axe-core/playwright'
import type { Page } from '@playwright/test'
import { expect } from './fixtures.js'

export const PASSPHRASE = 'correct horse battery staple'

/** Fills the setup wizard and creates the station; ends on the unlocked shell. */
export async function createStation(page: Page): Promise<void> {
  await expect(page.getByRole('heading', { level: 1, name: 'Set up this station' })).toBeVisible()
  await page.getByLabel('Issuer name').fill('Example Conference Association')
  await page.getByLabel('Issuer website').fill('https://example.org/')
  await page.getByLabel('Badge site URL').fill('https://badges.example.org/')
  await page.getByLabel('Passphrase', { exact: true }).fill(PASSPHRASE)
  await page.getByLabel('Repeat passphrase').fill(PASSPHRASE)
  await page.getByRole('button', { name: 'Create station' }).click()
  await expect(page.getByRole('navigation', { name: 'Main' })).toBeVisible()
}

/**
 * Calls one contract method on the station behind `stationUrl` (POST /api/call/<method> with the
 * bearer token) and returns its value; fails the test on an error Result.
 */
export async function callStation<T>(
  page: Page,
  stationUrl: string,
  method: string,
  input: unknown
): Promise<T> {
  const url = new URL(stationUrl)
  const token = new URLSearchParams(url.hash.slice(1)).get('token') ?? ''
  const response = await page.request.post(`${url.origin}/api/call/${method}`, {
    headers: { Authorization: `Bearer ${token}`, 'Content-Type': 'application/json' },
    data: input
  })
  const body = (await response.json()) as { ok: boolean; value?: T; error?: unknown }
  expect(body.ok, `${method} failed: ${JSON.stringify(body.error)}`).toBe(true)
  return body.value as T
}

/** `station:init` through the API: the issuer the specs use, with PASSPHRASE. */
export async function initStation(page: Page, stationUrl: string): Promise<void> {
  await callStation(page, stationUrl, 'station:init', {
    issuerName: 'Example Conference Association',
    issuerUrl: 'https://example.org/',
    siteUrl: 'https://badges.example.org/',
    passphrase: PASSPHRASE
  })
}

export async function expectNoSeriousViolations(page: Page): Promise<void> {
  const results = await new AxeBuilder({ page }).analyze()
  const serious = results.violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map(
      (v) =>
        `${v.id} (${v.impact}): ${v.help} — ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`
    )
  expect(serious).toEqual([])
}
