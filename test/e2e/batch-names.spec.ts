/**
 * Issue 14 item 7: a batch whose names differ from the recipient book is flagged in the preview
 * and the operator chooses which name to keep; skipped rows say who they are (names and e-mails),
 * never an award id.
 */
import type { Locator } from '@playwright/test'
import { expect, test } from './fixtures.js'
import { openSection, publishedBadge, setUpStation } from './desk-helpers.js'

/** Clicks a radio's visible label (React Aria keeps the input itself hidden). */
async function choose(radio: Locator): Promise<void> {
  await radio.locator('xpath=ancestor::label').click()
  await expect(radio).toBeChecked()
}

type Award = { id: string; recipientName: string; recipientEmail: string }

const SECOND_FILE = [
  'name,email',
  'Oğuz Rossi,oguz@example.org',
  'Bo Lee,bo@example.org',
  'Cy Ng,cy@example.org',
  'Dee Park,dee@example.org'
].join('\r\n')

test('a name that differs from the recipient book is flagged, and the name the operator keeps is awarded', async ({
  page,
  stationUrl
}) => {
  const api = await setUpStation(stationUrl)
  const speaker = await publishedBadge(api, 'Speaker NOSS 2026')
  await publishedBadge(api, 'Attendee NOSS 2026')
  // An earlier file (read in the wrong encoding) put "Oeuz Rossi" in the book; Bo's spelling
  // differs too, and Cy already holds the badge.
  await api('recipients:create', { name: 'Oeuz Rossi', email: 'oguz@example.org' })
  await api('recipients:create', { name: 'Bo  Lee', email: 'bo@example.org' })
  await api('recipients:create', { name: 'Dee Parks', email: 'dee@example.org' })
  const cy = await api<Award>('awards:issue', {
    badgeId: speaker.id,
    email: 'cy@example.org',
    name: 'Cy Ng'
  })

  await page.goto(stationUrl)
  await openSection(page, 'Award')
  await page.getByRole('tab', { name: 'Batch from CSV' }).click()
  const badgeField = page.getByRole('combobox', { name: 'Badge to award' })
  await badgeField.fill('Speaker')
  await expect(page.getByRole('option', { name: /Speaker NOSS 2026/ })).toBeVisible()
  await badgeField.press('Enter')
  await page.getByLabel('CSV file').setInputFiles({
    name: 'speakers-day-2.csv',
    mimeType: 'text/csv',
    buffer: Buffer.from(SECOND_FILE)
  })

  const conflicts = page.getByRole('region', { name: /names differ from the recipient book/ })
  await expect(conflicts).toBeVisible()
  // A double space is the same name as people read it: only Oğuz and Dee are flagged.
  await expect(conflicts.getByRole('radiogroup')).toHaveCount(2)
  const award = page.getByRole('button', { name: 'Award 3 people' })
  await expect(award).toBeDisabled()
  await expect(conflicts.getByRole('status')).toHaveText(
    'Choose a name for 2 rows before awarding.'
  )

  const oguz = conflicts.getByRole('radiogroup', { name: 'Name for oguz@example.org (row 2)' })
  await choose(oguz.getByRole('radio', { name: /Oğuz Rossi \(this file\)/ }))
  await expect(award).toBeDisabled()
  const dee = conflicts.getByRole('radiogroup', { name: 'Name for dee@example.org (row 5)' })
  await choose(dee.getByRole('radio', { name: /Dee Parks \(recipient book\)/ }))
  await expect(conflicts.getByRole('status')).toHaveText('A name is chosen for every row.')

  // The skipped row names the person and says when, not which award.
  await page.getByText('Skipped: already hold it (1)').click()
  const skipped = page.getByRole('table', { name: 'Skipped rows' })
  await expect(skipped).toContainText('Cy Ng')
  await expect(skipped).toContainText('cy@example.org')
  await expect(skipped).toContainText('already holds this badge (awarded ')
  await expect(page.getByRole('tabpanel', { name: 'Batch from CSV' })).not.toContainText(cy.id)

  await award.click()
  await expect(page.getByRole('heading', { name: 'Batch finished' })).toBeVisible()

  const { awards } = await api<{ awards: Award[] }>('awards:list', { badgeId: speaker.id })
  const names = Object.fromEntries(awards.map((a) => [a.recipientEmail, a.recipientName]))
  expect(names).toEqual({
    'oguz@example.org': 'Oğuz Rossi',
    'bo@example.org': 'Bo Lee',
    'cy@example.org': 'Cy Ng',
    'dee@example.org': 'Dee Parks'
  })
  // Keeping the file's name corrected the book, so the next file has nothing to ask.
  const book = await api<{ recipients: Array<{ name: string }> }>('recipients:list', {
    query: 'oguz@example.org'
  })
  expect(book.recipients.map((r) => r.name)).toEqual(['Oğuz Rossi'])
})

test('“Keep every name from the file” chooses for all rows at once', async ({
  page,
  stationUrl
}) => {
  const api = await setUpStation(stationUrl)
  const badge = await publishedBadge(api, 'Volunteer')
  await api('recipients:create', { name: 'Oeuz Rossi', email: 'oguz@example.org' })
  await api('recipients:create', { name: 'Dee Parks', email: 'dee@example.org' })
  await page.goto(stationUrl)
  await openSection(page, 'Award')
  await page.getByRole('tab', { name: 'Batch from CSV' }).click()
  const badgeField = page.getByRole('combobox', { name: 'Badge to award' })
  await badgeField.fill('Volun')
  await expect(page.getByRole('option', { name: /Volunteer/ })).toBeVisible()
  await badgeField.press('Enter')
  await page.getByLabel('CSV file').setInputFiles({
    name: 'volunteers.csv',
    mimeType: 'text/csv',
    buffer: Buffer.from(SECOND_FILE)
  })
  await page.getByRole('button', { name: 'Keep every name from the file' }).click()
  await page.getByRole('button', { name: 'Award 4 people' }).click()
  await expect(page.getByRole('heading', { name: 'Batch finished' })).toBeVisible()
  const { awards } = await api<{ awards: Award[] }>('awards:list', { badgeId: badge.id })
  expect(awards.map((a) => a.recipientName).sort()).toEqual([
    'Bo Lee',
    'Cy Ng',
    'Dee Park',
    'Oğuz Rossi'
  ])
})
