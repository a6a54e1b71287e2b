/**
 * E-mail delivery as a new user meets it: set up the mail server in Settings (a real SMTP server
 * on 127.0.0.1), send a test message, award at the desk while the server is unreachable (the
 * header says the message waits for a connection), then see it leave once the server is back.
 * The Outbox lists it; resending asks first. The template editor previews a real message.
 * And a member's badges from another issuer (a real station, its site served on 127.0.0.1):
 * imported in the person's details after the checks, listed with issuer and status, removed.
 */
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import type { Locator, Page } from '@playwright/test'
import {
  startSink,
  SINK_PASSWORD,
  SINK_USER,
  type Sink
} from '../../main/core/delivery/test-support/smtp-sink.js'
import { otherIssuer } from '../../main/core/delivery/test-support/other-issuer.js'
import { selfSignedCertificate } from '../../main/core/delivery/test-support/self-signed.js'
import { openSection } from './desk-helpers.js'
import { expect, test } from './fixtures.js'
import { callStation, expectNoSeriousViolations, initStation } from './helpers.js'

// The station host started for this test tries due messages every second.
process.env.KILN_MAIL_TICK_MS = '1000'

/** In Settings, the Mail server form: the test SMTP server on `port` (smtp-sink's login), saved. */
async function saveMailServer(page: Page, port: number, security?: 'none'): Promise<void> {
  const server = page.getByRole('form', { name: 'Mail server' })
  await server.getByLabel('SMTP server').fill('127.0.0.1')
  await server.getByLabel('Port').fill(String(port))
  if (security) await server.getByLabel('Security').selectOption(security)
  await server.getByLabel('User name').fill(SINK_USER)
  await server.getByLabel('Password').fill(SINK_PASSWORD)
  await server.getByLabel('Send from (address)').fill('badges@example.org')
  await server.getByRole('button', { name: 'Save mail server' }).click()
  await expect(server.getByText(/Mail server saved/)).toBeVisible()
}

/** Settings → Test message to me@example.org; the form, for what it then says. */
async function sendTestMessage(page: Page): Promise<Locator> {
  const test = page.getByRole('form', { name: 'Test message' })
  await test.getByLabel('Send a test message to').fill('me@example.org')
  await test.getByRole('button', { name: 'Send a test message' }).click()
  return test
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
    await initStation(page, stationUrl)
    const badge = await callStation<{ id: string }>(page, stationUrl, 'badges:create', {
      name: 'Conference Speaker',
      description: 'Gave a talk at the conference.',
      criteriaNarrative: 'Give a talk.'
    })
    await callStation(page, stationUrl, 'badges:publish', { id: badge.id })

    await page.goto(stationUrl)
    await openSection(page, 'Settings')
    await saveMailServer(page, port, 'none')
    const test = await sendTestMessage(page)
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
    const preview = page.getByRole('region', { name: 'Message preview' })
    await expect(preview.getByText('Hello Ada Lovelace,')).toBeVisible()
    // The message's own inline styles apply (through the CSSOM: the page's CSP allows no style="").
    await expect(preview.getByRole('link', { name: 'View and verify your credential' })).toHaveCSS(
      'background-color',
      'rgb(11, 92, 173)'
    )
    // A link in the preview shows where it leads but leaves neither the app nor the preview.
    await preview.getByRole('link', { name: 'View and verify your credential' }).click()
    await expect(preview.getByText('Hello Ada Lovelace,')).toBeVisible()
    await expect(page.getByRole('heading', { level: 1, name: 'Settings' })).toBeVisible()
    // The preview passes axe as part of the page, and the CSP refused nothing (the fixture fails
    // the test on any console error).
    await expectNoSeriousViolations(page)
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

test('a member’s badge from another issuer: refused with the reason, imported after the checks, listed, removed', async ({
  page,
  stationUrl
}, testInfo) => {
  test.setTimeout(120_000)
  const other = await otherIssuer()
  const files = fs.mkdtempSync(path.join(os.tmpdir(), 'kiln-e2e-badges-'))
  try {
    await initStation(page, stationUrl)
    await callStation(page, stationUrl, 'recipients:create', {
      name: 'Mia Member',
      email: 'mia@members.example.org'
    })
    const earned = await other.award('Mia Member', 'mia@members.example.org')
    const hosted = await other.award('Mia Member', 'mia@members.example.org')
    const stranger = await other.award('Sam Stranger', 'sam@elsewhere.example')
    await other.publish()
    const png = path.join(files, 'safety-course.png')
    fs.writeFileSync(png, await other.file(earned, 'png'))
    const strangers = path.join(files, 'someone-else.json')
    fs.writeFileSync(strangers, await other.file(stranger, 'ob3'))

    await page.goto(stationUrl)
    await openSection(page, 'Recipients')
    await page.getByRole('button', { name: 'Details of Mia Member' }).click()
    const dialog = page.getByRole('dialog', { name: 'Mia Member' })
    await expect(dialog.getByText('None yet.')).toBeVisible()

    // Someone else's badge: refused, with the reason and what was checked, in plain words.
    await dialog.getByLabel('Badge file').setInputFiles(strangers)
    await expect(dialog.getByRole('alert').filter({ hasText: 'did not import' })).toContainText(
      'It was not issued to any of this person’s e-mail addresses.'
    )
    const checked = dialog.getByRole('list', { name: 'What Kiln checked' })
    await expect(checked).toContainText(
      'Failed: Not issued to any of this person’s e-mail addresses.'
    )
    await expect(dialog.getByText('None yet.')).toBeVisible()

    // Her own baked PNG (OB 3.0): verified, imported, listed with its issuer and status.
    await dialog.getByLabel('Badge file').setInputFiles(png)
    const done = dialog.getByRole('status').filter({ hasText: 'Verified and imported' })
    await expect(done).toContainText(
      '“Safety Course” from Other Academy, issued to mia@members.example.org.'
    )
    await expect(done.getByRole('list', { name: 'What Kiln checked' })).toContainText(
      'Passed: Issued to mia@members.example.org.'
    )
    const list = dialog.getByRole('list', { name: 'Badges from other issuers' })
    await expect(list.getByRole('listitem')).toHaveCount(1)
    await expect(list).toContainText('Safety Course from Other Academy')
    await expect(list).toContainText('signature, issuer’s key and revocation status checked')

    // An OB 2.0 hosted badge by its address.
    await dialog
      .getByLabel('Or the address of an Open Badges 2.0 badge')
      .fill(other.assertionUrl(hosted))
    await dialog.getByRole('button', { name: 'Check and import' }).click()
    await expect(list.getByRole('listitem')).toHaveCount(2)
    await expect(list).toContainText('checked against the copy its issuer hosts')
    await expectNoSeriousViolations(page)
    await shots(page, 'recipient-imported-badges', (f) => testInfo.outputPath(f))

    // Removing asks first, then the badge leaves her record.
    await list
      .getByRole('listitem')
      .first()
      .getByRole('button', { name: /^Remove Safety Course/ })
      .click()
    await list.getByRole('button', { name: 'Remove', exact: true }).click()
    await expect(list.getByRole('listitem')).toHaveCount(1)
    const recipients = await callStation<{ recipients: { id: string }[] }>(
      page,
      stationUrl,
      'recipients:list',
      {}
    )
    const kept = await callStation<{ badges: { format: string }[] }>(
      page,
      stationUrl,
      'recipients:importedBadges',
      { recipientId: recipients.recipients[0]?.id ?? '' }
    )
    expect(kept.badges).toHaveLength(1)
  } finally {
    await other.close()
    fs.rmSync(files, { recursive: true, force: true })
  }
})

test('STARTTLS to a self-hosted server: its certificate is pinned on the test message, shown, and can be forgotten', async ({
  page,
  stationUrl
}, testInfo) => {
  test.setTimeout(90_000)
  const certificate = selfSignedCertificate()
  const sink = await startSink({ tls: { mode: 'starttls', ...certificate } })
  try {
    await initStation(page, stationUrl)
    await page.goto(stationUrl)
    await openSection(page, 'Settings')
    // STARTTLS is what a new station offers.
    await expect(
      page.getByRole('form', { name: 'Mail server' }).getByLabel('Security')
    ).toHaveValue('starttls')
    await saveMailServer(page, sink.port)
    const test = await sendTestMessage(page)
    await expect(test.getByRole('status').filter({ hasText: 'Test message sent' })).toContainText(
      `Kiln pinned its certificate: ${certificate.fingerprint}.`
    )
    expect(sink.received.map((r) => r.secure)).toEqual([true])
    const pinned = page.getByRole('heading', { name: 'Server certificate' }).locator('..')
    await expect(pinned).toContainText(certificate.fingerprint)
    await expectNoSeriousViolations(page)
    await pinned.scrollIntoViewIfNeeded()
    await shots(page, 'settings-email-pinned', (f) => testInfo.outputPath(f))

    await pinned.getByRole('button', { name: 'Forget this certificate' }).click()
    await expect(page.getByRole('heading', { name: 'Server certificate' })).toHaveCount(0)
    const view = await callStation<{ smtp: { certificate?: unknown } }>(
      page,
      stationUrl,
      'mail:settings',
      {}
    )
    expect(view.smtp.certificate).toBeUndefined()
  } finally {
    await sink.close()
  }
})
