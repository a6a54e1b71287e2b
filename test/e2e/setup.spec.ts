/**
 * The first run in the real UI: set up a station, see its identity in Settings, lock and
 * unlock it. Everything is found by role or label, as a keyboard or screen-reader user would.
 */
import { AxeBuilder } from '@axe-core/playwright'
import type { Page } from '@playwright/test'
import { expect, test } from './fixtures.js'

const PASSPHRASE = 'correct horse battery staple'

async function fillSetup(page: Page, confirmation: string): Promise<void> {
  await expect(page.getByRole('heading', { level: 1, name: 'Set up this station' })).toBeVisible()
  await page.getByLabel('Issuer name').fill('Example Conference Association')
  await page.getByLabel('Issuer website').fill('https://example.org/')
  await page.getByLabel('Badge site URL').fill('https://badges.example.org/')
  await page.getByLabel('Passphrase', { exact: true }).fill(PASSPHRASE)
  await page.getByLabel('Repeat passphrase').fill(confirmation)
}

async function createStation(page: Page): Promise<void> {
  await fillSetup(page, PASSPHRASE)
  await page.getByRole('button', { name: 'Create station' }).click()
  await expect(page.getByRole('navigation', { name: 'Main' })).toBeVisible()
}

async function openSettings(page: Page): Promise<void> {
  await page
    .getByRole('navigation', { name: 'Main' })
    .getByRole('button', { name: 'Settings' })
    .click()
  await expect(page.getByRole('heading', { level: 1, name: 'Settings' })).toBeVisible()
}

/**
 * The <dd> labelled by its <dt> (Settings sets aria-labelledby). Playwright's getByRole does not
 * name the `definition` role, so it is found by its label.
 */
function definition(page: Page, term: string) {
  return page.getByLabel(term, { exact: true })
}

async function expectNoSeriousViolations(page: Page): Promise<void> {
  const results = await new AxeBuilder({ page }).analyze()
  const serious = results.violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map(
      (v) =>
        `${v.id} (${v.impact}): ${v.help} — ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`
    )
  expect(serious).toEqual([])
}

test('setting up a station shows its did:web identity and key in Settings', async ({
  page,
  stationUrl
}) => {
  await page.goto(stationUrl)
  await expect(page.getByRole('heading', { level: 1, name: 'Set up this station' })).toBeVisible()
  // The token is taken out of the visible URL.
  expect(page.url()).not.toContain('token=')
  await expectNoSeriousViolations(page)

  await createStation(page)
  for (const name of [
    'Badges',
    'Award',
    'Recipients',
    'Awards',
    'Rules',
    'Analytics',
    'Sync',
    'Settings'
  ]) {
    await expect(
      page.getByRole('navigation', { name: 'Main' }).getByRole('button', { name, exact: true })
    ).toBeVisible()
  }
  await expect(page.getByRole('heading', { level: 1, name: 'Badges' })).toBeVisible()

  await openSettings(page)
  await expect(definition(page, 'Issuer DID')).toHaveText('did:web:badges.example.org')
  await expect(definition(page, 'Key fingerprint')).toHaveText(/^SHA256:\S+$/)
  await expect(definition(page, 'Badge site URL')).toHaveText('https://badges.example.org/')
  await expect(definition(page, 'Verification method')).toHaveText(
    /^did:web:badges\.example\.org#z\S+$/
  )
  await expectNoSeriousViolations(page)
  // The dark theme keeps the same contrast guarantees.
  await page.emulateMedia({ colorScheme: 'dark' })
  await expectNoSeriousViolations(page)
})

test('a mismatched passphrase confirmation is refused and creates nothing', async ({
  page,
  stationUrl
}) => {
  await page.goto(stationUrl)
  await fillSetup(page, `${PASSPHRASE} typo`)
  await page.getByRole('button', { name: 'Create station' }).click()

  await expect(page.getByRole('alert').filter({ hasText: 'not valid' })).toBeVisible()
  const confirmation = page.getByLabel('Repeat passphrase')
  await expect(confirmation).toHaveAttribute('aria-invalid', 'true')
  await expect(confirmation).toHaveAccessibleDescription(/do not match/)
  await expect(page.getByRole('navigation', { name: 'Main' })).toHaveCount(0)

  // Nothing was created: after a reload (the token survives in sessionStorage) the wizard is back.
  await page.reload()
  await expect(page.getByRole('heading', { level: 1, name: 'Set up this station' })).toBeVisible()
  await expect(page.getByLabel('Issuer name')).toHaveValue('')
})

test('a short passphrase is explained next to the field', async ({ page, stationUrl }) => {
  await page.goto(stationUrl)
  await expect(page.getByRole('heading', { level: 1, name: 'Set up this station' })).toBeVisible()
  await page.getByLabel('Passphrase', { exact: true }).fill('short')
  await page.getByLabel('Repeat passphrase').fill('short')
  await page.getByRole('button', { name: 'Create station' }).click()
  await expect(page.getByLabel('Passphrase', { exact: true })).toHaveAccessibleDescription(
    /at least 8 characters/
  )
  await expect(page.getByLabel('Issuer name')).toHaveAttribute('aria-invalid', 'true')
})

test('a locked station opens only with the right passphrase', async ({ page, stationUrl }) => {
  await page.goto(stationUrl)
  await createStation(page)
  await openSettings(page)
  await page.getByRole('button', { name: 'Lock station' }).click()

  await expect(page.getByRole('heading', { level: 1, name: 'Unlock the station' })).toBeVisible()
  await expectNoSeriousViolations(page)

  const passphrase = page.getByLabel('Passphrase')
  await passphrase.fill('not the passphrase')
  await page.getByRole('button', { name: 'Unlock' }).click()
  await expect(page.getByRole('alert')).toHaveText(/passphrase is not correct/)
  await expect(passphrase).toBeVisible()
  await expect(page.getByRole('navigation', { name: 'Main' })).toHaveCount(0)

  await passphrase.fill(PASSPHRASE)
  await page.getByRole('button', { name: 'Unlock' }).click()
  await expect(page.getByRole('navigation', { name: 'Main' })).toBeVisible()
  await openSettings(page)
  await expect(definition(page, 'Issuer DID')).toHaveText('did:web:badges.example.org')
})

test('Alt+number opens the sections from the keyboard', async ({ page, stationUrl }) => {
  await page.goto(stationUrl)
  await createStation(page)
  await page.keyboard.press('Alt+8')
  await expect(page.getByRole('heading', { level: 1, name: 'Settings' })).toBeVisible()
  await page.keyboard.press('Alt+4')
  await expect(page.getByRole('heading', { level: 1, name: 'Awards' })).toBeVisible()
})
