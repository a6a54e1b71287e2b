/**
 * Issue 14, the desk on a real conference day: a barcode scanner at full speed, the chosen badge
 * kept across screens and reloads, and the other desk defects, each proved in the real UI.
 * Setup goes through the web API so each test stays about what it proves.
 */
import { expect, test } from './fixtures.js'
import { openSection, publishedBadge, setUpStation } from './desk-helpers.js'

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
  await openSection(page, 'Award')
  const form = page.getByRole('form', { name: 'Award one person' })
  const search = form.getByRole('combobox', { name: 'Recipient' })
  await search.focus()

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
  await openSection(page, 'Award')
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

type AwardRef = { id: string }

test('a revoked award reads Revoked in its credential dialog, which fits without a sideways scrollbar', async ({
  page,
  stationUrl
}) => {
  await page.setViewportSize({ width: 1280, height: 800 })
  const api = await setUpStation(stationUrl)
  const badge = await publishedBadge(api, 'Speaker NOSS 2026')
  const bo = await api<AwardRef>('awards:issue', {
    badgeId: badge.id,
    email: 'bo@example.org',
    name: 'Bo Lee'
  })
  await api('awards:revoke', { id: bo.id, reason: 'awarded by mistake' })

  await page.goto(stationUrl)
  await openSection(page, 'Awards')
  await expect(page.getByRole('table', { name: 'Awards' })).toContainText('Revoked')
  await page.getByRole('button', { name: 'Actions for Bo Lee' }).click()
  await page.getByRole('menuitem', { name: 'View credential' }).click()
  const dialog = page.getByRole('dialog', { name: 'Credential' })
  await expect(dialog.getByRole('status').filter({ hasText: 'Revoked on' })).toContainText(
    'awarded by mistake.'
  )
  await expect(dialog).toContainText('The credential has been revoked by its issuer.')
  await expect(dialog).not.toContainText('Verified')
  await expect(dialog).not.toContainText('No status list available offline')

  // The longest content open: still no sideways scrolling, every button on screen.
  await dialog.getByText('Signed credential (JSON)').click()
  const sideways = await page.locator('.modal').evaluate((el) => el.scrollWidth - el.clientWidth)
  expect(sideways).toBeLessThanOrEqual(0)
  for (const name of ['Certificate (PDF)', 'Baked PNG', 'JSON', 'Close']) {
    const button = dialog.getByRole('button', { name })
    await button.scrollIntoViewIfNeeded()
    await expect(button).toBeInViewport()
  }
})

test('one person’s certificate downloads from the desk confirmation and from the award’s actions, named for them', async ({
  page,
  stationUrl
}) => {
  const api = await setUpStation(stationUrl)
  await publishedBadge(api, 'Speaker NOSS 2026')
  await api('recipients:create', { name: 'Ana Müller', email: 'ana@example.org' })
  await page.goto(stationUrl)
  await openSection(page, 'Award')
  await page.getByRole('combobox', { name: 'Recipient' }).focus()
  await page.keyboard.type('ana@example.org')
  await page.keyboard.press('Enter')
  await expect(page.getByRole('combobox', { name: 'Recipient' })).toHaveValue('Ana Müller')
  await expect(page.getByRole('combobox', { name: 'Badge' })).toBeFocused()
  await page.keyboard.type('speaker')
  await expect(page.getByRole('option', { name: /Speaker NOSS 2026/ })).toBeVisible()
  await page.keyboard.press('Enter')
  await page.keyboard.press('Control+Enter')
  const confirmation = page.getByRole('region', { name: 'Awarded' })
  await expect(confirmation).toContainText('Ana Müller')

  const [fromDesk] = await Promise.all([
    page.waitForEvent('download'),
    confirmation.getByRole('button', { name: 'Certificate (PDF)' }).click()
  ])
  expect(fromDesk.suggestedFilename()).toBe('Ana Müller - Speaker NOSS 2026.pdf')
  const bytes = await fromDesk.createReadStream().then(async (stream) => {
    const chunks: Buffer[] = []
    for await (const chunk of stream) chunks.push(Buffer.from(chunk as Uint8Array))
    return Buffer.concat(chunks)
  })
  expect(bytes.subarray(0, 5).toString('latin1')).toBe('%PDF-')

  await openSection(page, 'Awards')
  await page.getByRole('button', { name: 'Actions for Ana Müller' }).click()
  const [fromList] = await Promise.all([
    page.waitForEvent('download'),
    page.getByRole('menuitem', { name: 'Download certificate (PDF)' }).click()
  ])
  expect(fromList.suggestedFilename()).toBe('Ana Müller - Speaker NOSS 2026.pdf')
})

test('an empty CSV and a header-only CSV are explained in words about the file, never the API', async ({
  page,
  stationUrl
}) => {
  const api = await setUpStation(stationUrl)
  await publishedBadge(api, 'Attendee 2026')
  await page.goto(stationUrl)
  await openSection(page, 'Award')
  await page.getByRole('tab', { name: 'Batch from CSV' }).click()
  const badgeField = page.getByRole('combobox', { name: 'Badge to award' })
  await badgeField.fill('Atten')
  await expect(page.getByRole('option', { name: /Attendee 2026/ })).toBeVisible()
  await badgeField.press('Enter')
  const panel = page.getByRole('tabpanel', { name: 'Batch from CSV' })

  await page.getByLabel('CSV file').setInputFiles({
    name: 'attendees.csv',
    mimeType: 'text/csv',
    buffer: Buffer.alloc(0)
  })
  await expect(panel.getByRole('alert')).toContainText('“attendees.csv” is empty')
  await expect(panel).not.toContainText('csvBase64')

  await page.getByLabel('CSV file').setInputFiles({
    name: 'header-only.csv',
    mimeType: 'text/csv',
    buffer: Buffer.from('name,email\r\n')
  })
  await expect(panel.getByRole('alert')).toContainText('The file has a header but no rows')
  await expect(panel).not.toContainText('csvBase64')
  await expect(panel.getByRole('button', { name: /^Award 0 people/ })).toHaveCount(0)
})

test('the certificate count leaves out revoked awards, follows changes, and matches what is saved', async ({
  page,
  stationUrl
}) => {
  const api = await setUpStation(stationUrl)
  const badge = await publishedBadge(api, 'Speaker')
  const ana = await api<AwardRef>('awards:issue', {
    badgeId: badge.id,
    email: 'ana@example.org',
    name: 'Ana Müller'
  })
  await api('awards:issue', { badgeId: badge.id, email: 'bo@example.org', name: 'Bo Lee' })
  await api('awards:issue', { badgeId: badge.id, email: 'cy@example.org', name: 'Cy Ng' })
  await page.goto(stationUrl)
  await openSection(page, 'Awards')
  await page.getByRole('tab', { name: 'Certificates' }).click()
  const picker = page.getByRole('region', { name: 'Certificates' }).getByLabel('Badge')
  await expect(picker.getByRole('option', { name: 'Speaker (3)' })).toHaveCount(1)

  // A revocation elsewhere (another window, the CLI) is reflected without leaving the screen.
  await api('awards:revoke', { id: ana.id, reason: 'awarded by mistake' })
  await expect(picker.getByRole('option', { name: 'Speaker (2)' })).toHaveCount(1)

  await page.getByRole('button', { name: 'Export one PDF' }).click()
  await expect(page.getByText(/^Saved 2 certificates to/)).toBeVisible({ timeout: 30_000 })
})

test('backups: the folder is not called optional, and “Back up now” without one says what to do here', async ({
  page,
  stationUrl
}) => {
  await setUpStation(stationUrl)
  await page.goto(stationUrl)
  await openSection(page, 'Settings')
  const folder = page.getByLabel('Backup folder')
  await expect(folder).toBeVisible()
  const section = page.getByRole('region', { name: 'Backups' })
  await expect(section.getByText('(optional)')).toHaveCount(0)
  await section.getByRole('button', { name: 'Back up now' }).click()
  const alert = section.getByRole('alert').filter({ hasText: 'backup folder' })
  await expect(alert).toContainText('Type the full path of the backup folder above first')
  await expect(alert).not.toContainText('in Settings')
  await expect(folder).toBeFocused()
})
