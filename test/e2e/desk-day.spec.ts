/**
 * Issue 14, the desk on a real conference day: a barcode scanner at full speed, the chosen badge
 * kept across screens and reloads, and the other desk defects, each proved in the real UI.
 * Setup goes through the web API so each test stays about what it proves.
 */
import type { Page } from '@playwright/test'
import { expect, test } from './fixtures.js'

export type Api = <T = unknown>(method: string, input?: unknown) => Promise<T>

/** `POST /api/call/<method>` with the session token of `stationUrl`; throws on a failed Result. */
export function apiFor(stationUrl: string): Api {
  const url = new URL(stationUrl)
  const token = /token=([A-Za-z0-9_-]+)/.exec(url.hash)?.[1] ?? ''
  return async <T>(method: string, input: unknown = {}) => {
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

export async function setUpStation(stationUrl: string): Promise<Api> {
  const api = apiFor(stationUrl)
  await api('station:init', {
    issuerName: 'Example Conference Association',
    issuerUrl: 'https://example.org/',
    siteUrl: 'https://badges.example.org/',
    passphrase: 'correct horse battery staple'
  })
  return api
}

export async function publishedBadge(api: Api, name: string): Promise<{ id: string }> {
  const badge = await api<{ id: string }>('badges:create', {
    name,
    description: `${name}, awarded by the association.`,
    criteriaNarrative: 'Took part in the conference.',
    tags: ['conference'],
    expiry: { kind: 'never' }
  })
  await api('badges:publish', { id: badge.id })
  return badge
}

export async function openSection(page: Page, name: string): Promise<void> {
  await page
    .getByRole('navigation', { name: 'Main' })
    .getByRole('button', { name, exact: true })
    .click()
  await expect(page.getByRole('heading', { level: 1, name })).toBeVisible()
}

test('a barcode scanner: an e-mail or member id typed at full speed is picked on the Enter that follows', async ({
  page,
  stationUrl
}) => {
  const api = await setUpStation(stationUrl)
  await publishedBadge(api, 'Conference Speaker')
  await api('recipients:create', { name: 'Grace Hopper', email: 'grace@example.org' })
  await api('recipients:create', {
    name: 'Grace Kelly',
    email: 'kelly@example.org',
    memberId: 'M42'
  })

  await page.goto(stationUrl)
  await page.keyboard.press('Alt+2')
  const form = page.getByRole('form', { name: 'Award one person' })
  const search = form.getByRole('combobox', { name: 'Recipient' })
  await expect(search).toBeFocused()

  // An earlier mistake leaves an error on screen…
  await page.keyboard.press('Control+Enter')
  await expect(form.getByRole('alert')).toContainText('Pick a recipient')

  // …and a scan (all keys at once, then Enter) picks the person on that one Enter and clears it.
  await search.focus()
  await page.keyboard.type('grace@example.org')
  await page.keyboard.press('Enter')
  await expect(search).toHaveValue('Grace Hopper')
  await expect(form.getByRole('alert')).toHaveText('')
  await expect(form.getByRole('combobox', { name: 'Badge' })).toBeFocused()

  // A member id scanned over the name: the exact id wins over the first fuzzy match.
  await search.fill('')
  await search.focus()
  await page.keyboard.type('M42')
  await page.keyboard.press('Enter')
  await expect(search).toHaveValue('Grace Kelly')

  // An e-mail nobody has is a new person at once, with the e-mail filled in.
  await search.fill('')
  await search.focus()
  await page.keyboard.type('ada@example.org')
  await page.keyboard.press('Enter')
  await expect(page.getByRole('group', { name: 'New person' })).toBeVisible()
  await expect(page.getByLabel('E-mail')).toHaveValue('ada@example.org')
})

test('the chosen badge at the desk survives a change of screen and a reload', async ({
  page,
  stationUrl
}) => {
  const api = await setUpStation(stationUrl)
  await publishedBadge(api, 'Conference Speaker')
  await publishedBadge(api, 'Volunteer')
  await page.goto(stationUrl)
  await page.keyboard.press('Alt+2')
  const badgeField = page.getByRole('combobox', { name: 'Badge' })
  await badgeField.fill('volun')
  await expect(page.getByRole('option', { name: /Volunteer/ })).toBeVisible()
  await badgeField.press('Enter')
  await expect(badgeField).toHaveValue('Volunteer')

  await openSection(page, 'Recipients')
  await openSection(page, 'Award')
  await expect(page.getByRole('combobox', { name: 'Badge' })).toHaveValue('Volunteer')

  await page.reload()
  await expect(page.getByRole('heading', { level: 1, name: 'Award' })).toBeVisible()
  await expect(page.getByRole('combobox', { name: 'Badge' })).toHaveValue('Volunteer')
})
