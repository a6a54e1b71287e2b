/**
 * Steps the desk specs share: a station set up through the web API (so each test stays about
 * what it proves), a published badge, and opening a section by the main menu.
 */
import type { Page } from '@playwright/test'
import { expect } from './fixtures.js'

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

/** A badge created and published through the API; `extra` replaces or adds badge fields. */
export async function publishedBadge(
  api: Api,
  name: string,
  extra: object = {}
): Promise<{ id: string }> {
  const badge = await api<{ id: string }>('badges:create', {
    name,
    description: `${name}, awarded by the association.`,
    criteriaNarrative: 'Took part in the conference.',
    tags: ['conference'],
    expiry: { kind: 'never' },
    ...extra
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
