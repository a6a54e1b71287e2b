/**
 * E-mail delivery as a new user meets it: set up the mail server in Settings (a real SMTP server
 * on 127.0.0.1), send a test message, award at the desk while the server is unreachable (the
 * header says the message waits for a connection), then see it leave once the server is back.
 * The Outbox lists it; resending asks first. The template editor previews a real message.
 */
import fs from 'node:fs'
import type { Page } from '@playwright/test'
import {
  startSink,
  SINK_PASSWORD,
  SINK_USER,
  type Sink
} from '../../main/core/delivery/test-support/smtp-sink.js'
import { expect, test } from './fixtures.js'
import { callStation, expectNoSeriousViolations, PASSPHRASE } from './helpers.js'

// The station host started for this test tries due messages every second.
process.env.KILN_MAIL_TICK_MS = '1000'

async function openSection(page: Page, name: string): Promise<void> {
  await page
    .getByRole('navigation', { name: 'Main' })
    .getByRole('button', { name, exact: true })
    .click()
  await expect(page.getByRole('heading', { level: 1, name })).toBeVisible()
}

async function shots(page: Page, name: string, dir: (file: string) => string): Promise<void> {
  for (const [w, h] of [
    [1280, 800],
    [1920, 1080]
  ] as const) {
    for (const scheme of ['light', 'dark'] as const) {
      await page.setViewportSize({ width: w, height: h })
      await page.emulateMedia({ colorScheme: scheme })
      await page.screenshot({ path: dir(`${name}-${w}-${scheme}.png`), fullPage: true })
    }
  }
  await page.emulateMedia({ colorScheme: 'light' })
  await page.setViewportSize({ width: 1280, height: 800 })
}

test('set up e-mail, award at the desk offline, see the message leave when the server is back', async ({
  page,
  stationUrl
}, testInfo) => {
  test.setTimeout(120_000)
  let sink: Sink = await startSink({ keep: true })
  const port = sink.port
  try {
    await callStation(page, stationUrl, 'station:init', {
      issuerName: 'Example Conference Association',
      issuerUrl: 'https://example.org/',
      siteUrl: 'https://badges.example.org/',
      passphrase: PASSPHRASE
    })
    const badge = await callStation<{ id: string }>(page, stationUrl, 'badges:create', {
      name: 'Conference Speaker',
      description: 'Gave a talk at the conference.',
      criteriaNarrative: 'Give a talk.'
    })
    await callStation(page, stationUrl, 'badges:publish', { id: badge.id })

    await page.goto(stationUrl)
    await openSection(page, 'Settings')
    const server = page.getByRole('form', { name: 'Mail server' })
    await server.getByLabel('SMTP server').fill('127.0.0.1')
    await server.getByLabel('Port').fill(String(port))
    await server.getByLabel('Security').selectOption('none')
    await server.getByLabel('User name').fill(SINK_USER)
    await server.getByLabel('Password').fill(SINK_PASSWORD)
    await server.getByLabel('Send from (address)').fill('badges@example.org')
    await server.getByRole('button', { name: 'Save mail server' }).click()
    await expect(server.getByText(/Mail server saved/)).toBeVisible()

    const test = page.getByRole('form', { name: 'Test message' })
    await test.getByLabel('Send a test message to').fill('me@example.org')
    await test.getByRole('button', { name: 'Send a test message' }).click()
    await expect(test.getByText(/Test message sent to me@example.org/)).toBeVisible()
    expect(sink.received.map((r) => r.to)).toEqual([['me@example.org']])

    // No site yet at this desk: send at once.
    const wait = page.getByRole('switch', { name: /Wait until the credential/ })
    await wait.focus()
    await page.keyboard.press('Space')
    await expect(page.getByRole('switch', { name: /Wait until the credential/ })).not.toBeChecked()
    await expectNoSeriousViolations(page)
    await shots(page, 'settings-email', (f) => testInfo.outputPath(f))

    // The network goes away; an award at the desk waits for it.
    await sink.close()
    await openSection(page, 'Award')
    const search = page.getByRole('combobox', { name: 'Recipient' })
    await search.focus()
    await page.keyboard.type('Ada Lovelace')
    await expect(page.getByText('Nobody matches “Ada Lovelace”.')).toBeVisible()
    await page.keyboard.press('Enter')
    await page.getByLabel('E-mail').fill('ada@example.org')
    const badgeField = page.getByRole('combobox', { name: 'Badge' })
    await badgeField.fill('Conf')
    await expect(page.getByRole('option', { name: /Conference Speaker/ })).toBeVisible()
    await badgeField.press('Enter')
    await page.keyboard.press('Control+Enter')
    const confirmation = page.getByRole('region', { name: 'Awarded' })
    await expect(confirmation).toContainText('Ada Lovelace')
    await expect(
      page.getByRole('status').filter({ hasText: '1 message waiting for a connection' })
    ).toBeVisible({
      timeout: 15_000
    })
    await expect(confirmation).toContainText('Waiting for a connection')
    await expectNoSeriousViolations(page)
    await shots(page, 'desk-offline', (f) => testInfo.outputPath(f))

    // The server is back: the message leaves by itself.
    sink = await startSink({ keep: true, port })
    await expect(confirmation).toContainText('Sent', { timeout: 20_000 })
    expect(sink.received.map((r) => r.to)).toEqual([['ada@example.org']])
    const mail = await sink.parse(0)
    expect(mail.subject).toBe('Your badge: Conference Speaker')
    await expect(
      page.getByRole('status').filter({ hasText: 'waiting for a connection' })
    ).toHaveCount(0)

    // The Outbox shows it; resending asks first and sends a new message.
    await openSection(page, 'Outbox')
    const row = page.getByRole('row', { name: /Ada Lovelace/ })
    await expect(row).toContainText('Sent')
    await expect(page.getByLabel('State', { exact: true })).toBeVisible()
    await expect(page.getByLabel('Batch', { exact: true })).toBeVisible()
    await expectNoSeriousViolations(page)
    await shots(page, 'outbox', (f) => testInfo.outputPath(f))
    const downloading = page.waitForEvent('download')
    await page.getByRole('button', { name: 'Export mail-merge CSV' }).click()
    const download = await downloading
    const csv = fs.readFileSync((await download.path()) ?? '', 'utf8')
    expect(csv).toContain('Ada Lovelace,ada@example.org,Conference Speaker')
    await row.getByRole('button', { name: 'Send again: Ada Lovelace' }).click()
    const ask = page.getByRole('alertdialog', { name: 'Send the message again?' })
    await expect(ask).toContainText('ada@example.org')
    await ask.getByRole('button', { name: 'Send again' }).click()
    await expect.poll(() => sink.received.length, { timeout: 20_000 }).toBe(2)

    // The template editor previews the message for a real recipient as it is typed.
    await openSection(page, 'Settings')
    await page.getByLabel('Subject').fill('Well done, {{name}}')
    await expect(page.getByText('Subject: Well done, Ada Lovelace')).toBeVisible()
    const frame = page.frameLocator('iframe[title="Message preview"]')
    await expect(frame.getByText('Hello Ada Lovelace,')).toBeVisible()
    // The message's own styles reach the preview (the CSP refuses style attributes: the app
    // applies them through the CSSOM), and the page logs no refusal.
    await expect(frame.locator('body')).toHaveCSS('background-color', 'rgb(244, 245, 247)')
    await page.getByLabel('Subject').fill('Oops {{nmae}}')
    await expect(page.getByRole('alert').filter({ hasText: '{{nmae}}' })).toBeVisible()
    await page.getByLabel('Subject').fill('Well done, {{name}}')
    await expect(page.getByRole('alert').filter({ hasText: '{{nmae}}' })).toHaveCount(0)
    await page.getByRole('button', { name: 'Save template' }).click()
    await expect(page.getByText('Template saved.')).toBeVisible()
    await shots(page, 'settings-template', (f) => testInfo.outputPath(f))
  } finally {
    await sink.close()
  }
})
