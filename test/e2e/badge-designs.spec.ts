/**
 * Issue 14 items 12 and 13 in the designer: a gallery of ready designs to start from, lines 2
 * and 3 legible in the preview, and a badge in Chinese, Arabic and Hebrew drawn with real
 * glyphs in the preview, the stored PNG and the SVG.
 */
import type { Page } from '@playwright/test'
import { designTextLayout } from '../../shared/design/render-svg.js'
import type { BadgeDesign } from '../../shared/design/design-schema.js'
import { expect, test } from './fixtures.js'
import { apiFor, openSection, setUpStation } from './desk-helpers.js'

type Badge = { id: string; content: { name: string; design?: BadgeDesign } }

/** The preview's image once the station's own PNG has replaced the instant SVG. */
async function previewPng(page: Page): Promise<Buffer> {
  const preview = page.getByRole('img', { name: /^Preview: a / })
  await expect(preview).toHaveAttribute('src', /^data:image\/png;base64,/, { timeout: 20_000 })
  const src = (await preview.getAttribute('src')) ?? ''
  return Buffer.from(src.replace(/^data:image\/png;base64,/, ''), 'base64')
}

test('start from a template, edit it, publish it: lines 2 and 3 stay legible', async ({
  page,
  stationUrl
}) => {
  const api = await setUpStation(stationUrl)
  await page.goto(stationUrl)
  await openSection(page, 'Badges')
  await page.getByRole('button', { name: 'New badge' }).first().click()

  const gallery = page.getByRole('list', { name: 'Badge templates' })
  for (const name of [
    'Speaker',
    'Attendee',
    'Volunteer',
    'Workshop',
    'Continuing Education',
    'Certified Professional',
    'Award of Excellence',
    'Member'
  ]) {
    await expect(
      gallery.getByRole('button', { name: `Start from the ${name} template` })
    ).toBeVisible()
  }
  await gallery
    .getByRole('button', { name: 'Start from the Continuing Education template' })
    .click()

  // A starting point: the design and the wording of the empty fields, all editable.
  await expect(page.getByLabel('Badge name')).toHaveValue('Continuing Education')
  await expect(page.getByLabel('Text line 1 (title)')).toHaveValue('Continuing Education')
  await expect(page.getByLabel('Text line 2')).toHaveValue('3 CE credits')
  await expect(page.getByLabel('Description')).toHaveValue(/continuing education credits/)
  await expect(page.getByLabel('CE credits')).toHaveValue('3')
  await expect(page.getByRole('radio', { name: 'Shield', exact: true })).toBeChecked()
  await page.getByLabel('Badge name').fill('Ethics in Practice')
  await page.getByLabel('Text line 2').fill('2 CE credits · Ethics module')
  await page.getByLabel('Text line 3').fill('Valid for the 2026–2027 cycle')
  await expect(page.getByLabel('Text line 1 (title)')).toHaveValue('Ethics in Practice')
  await expect(page.getByRole('status').filter({ hasText: 'no room' })).toHaveCount(0)
  await previewPng(page)

  await page.getByRole('button', { name: 'Publish', exact: true }).click()
  await expect(page.getByRole('heading', { level: 1, name: 'Ethics in Practice' })).toBeVisible()
  const { badges } = await api<{ badges: Badge[] }>('badges:list', {})
  const design = badges.find((b) => b.content.name === 'Ethics in Practice')?.content.design
  expect(design?.template).toBe('shield')
  expect(design?.lines).toEqual([
    'Ethics in Practice',
    '2 CE credits · Ethics module',
    'Valid for the 2026–2027 cycle'
  ])
  // In the 300 px preview every row is at least 11 px tall text, and nothing is cut.
  const { rows, cut } = designTextLayout(design as BadgeDesign)
  expect(cut).toEqual([])
  for (const row of rows) expect((row.size * 300) / 600).toBeGreaterThanOrEqual(11)
  const shown = page.getByRole('img', { name: 'Badge image of Ethics in Practice' })
  await expect(shown).toBeVisible()
})

test('a badge in Chinese, Arabic and Hebrew is drawn with real glyphs in the preview, the PNG and the SVG', async ({
  page,
  stationUrl
}) => {
  test.setTimeout(90_000)
  const api = apiFor(stationUrl)
  await setUpStation(stationUrl)
  await page.goto(stationUrl)
  await openSection(page, 'Badges')
  await page.getByRole('button', { name: 'New badge' }).first().click()
  await page.getByRole('button', { name: 'Start from the Speaker template' }).click()
  await page.getByLabel('Badge name').fill('演讲者')
  await page.getByLabel('Text line 2').fill('متحدث في المؤتمر')
  await page.getByLabel('Text line 3').fill('דובר בכנס 2026')
  await page.getByLabel('Description').fill('Spoke at the conference.')
  const preview = await previewPng(page)

  // The preview is the station's PNG of this design; the same letters in another order give
  // another picture, so they are glyphs (missing ones would all be the same box).
  const design = (lines: string[]): BadgeDesign => ({
    template: 'ribbon',
    colours: { background: '#f7f4ec', border: '#1f4e79', accent: '#c8952c', text: '#1f2a37' },
    borderWidth: 22,
    icon: { kind: 'builtin', name: 'mic' },
    lines
  })
  const render = (lines: string[]) =>
    api<{ svg: string; pngBase64: string }>('badges:renderPreview', { design: design(lines) })
  const same = await render(['演讲者', 'متحدث في المؤتمر', 'דובר בכנס 2026'])
  expect(Buffer.from(same.pngBase64, 'base64').equals(preview)).toBe(true)
  for (const lines of [
    ['者讲演', 'متحدث في المؤتمر', 'דובר בכנס 2026'],
    ['演讲者', 'رمتؤملا يف ثدحتم', 'דובר בכנס 2026'],
    ['演讲者', 'متحدث في المؤتمر', 'רבוד סנכב 2026']
  ]) {
    const other = await render(lines)
    expect(Buffer.from(other.pngBase64, 'base64').equals(preview), lines.join(' / ')).toBe(false)
  }
  // The SVG carries the glyphs as outlines: it needs no font to show them.
  expect(same.svg).not.toContain('<text')
  expect(same.svg).toMatch(/<path[^>]+d="M/)

  await page.getByRole('button', { name: 'Publish', exact: true }).click()
  await expect(page.getByRole('heading', { level: 1, name: '演讲者' })).toBeVisible()
  const { badges } = await api<{ badges: Badge[] }>('badges:list', {})
  const id = badges.find((b) => b.content.name === '演讲者')?.id ?? ''
  const stored = await api<{ pngBase64: string }>('badges:image', { id })
  expect(Buffer.from(stored.pngBase64, 'base64').equals(preview)).toBe(true)
})
