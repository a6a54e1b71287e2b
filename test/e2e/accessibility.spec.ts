/**
 * axe on every screen (and the views inside them: the designer, a badge, the batch award, the
 * dialogs) in the light and the dark theme: no serious or critical violations. Plus visible
 * focus, measured in a screenshot, and no raw error objects or stack traces on any screen.
 */
import type { Page, TestInfo } from '@playwright/test'
import { PNG } from 'pngjs'
import { expect, test } from './fixtures.js'
import { callStation, expectNoSeriousViolations, initStation } from './helpers.js'

const SECTIONS = [
  'Badges',
  'Award',
  'Recipients',
  'Awards',
  'Rules',
  'Analytics',
  'Sync',
  'Settings',
  'Audit'
]
const FOCUS = { light: [0x0b, 0x57, 0xd0], dark: [0x8a, 0xb4, 0xf8] } as const

async function seed(page: Page, stationUrl: string): Promise<void> {
  await initStation(page, stationUrl)
  const badge = await callStation<{ id: string }>(page, stationUrl, 'badges:create', {
    name: 'Speaker 2026',
    description: 'Gave a talk at the conference.',
    criteriaNarrative: 'Give a talk.',
    tags: ['conference']
  })
  await callStation(page, stationUrl, 'badges:publish', { id: badge.id })
  await callStation(page, stationUrl, 'awards:issue', {
    badgeId: badge.id,
    email: 'ada@example.org',
    name: 'Ada Lovelace'
  })
}

const nav = (page: Page) => page.getByRole('navigation', { name: 'Main' })

async function openSection(page: Page, name: string): Promise<void> {
  await nav(page).getByRole('button', { name, exact: false }).first().click()
  await expect(page.getByRole('heading', { level: 1, name })).toBeVisible()
  // Let the screen's first queries settle (SSE keeps the network busy, so no "networkidle").
  await expect(page.getByRole('status').filter({ hasText: /^Loading/ })).toHaveCount(0)
  await page.waitForTimeout(150)
}

/** Nothing on screen looks like a raw error object or a stack trace. */
async function expectNoRawErrors(page: Page): Promise<void> {
  const text = await page.locator('body').innerText()
  expect(text).not.toMatch(/\bat [\w.<>]+ \(.*:\d+:\d+\)/) // stack frames
  expect(text).not.toMatch(/\[object Object\]|"code":\s*"[A-Z_]+"|TypeError:|ReferenceError:/)
}

async function check(page: Page, what: string, testInfo: TestInfo, scheme: string): Promise<void> {
  await expectNoSeriousViolations(page)
  await expectNoRawErrors(page)
  await page.screenshot({ path: testInfo.outputPath(`${scheme}-${what}.png`) })
}

/** Counts pixels close to the theme's focus colour around an element. */
async function focusPixels(
  page: Page,
  selector: ReturnType<Page['getByRole']>,
  rgb: readonly number[]
): Promise<number> {
  const box = await selector.boundingBox()
  if (!box) throw new Error('the element has no box')
  const clip = {
    x: Math.max(0, box.x - 8),
    y: Math.max(0, box.y - 8),
    width: box.width + 16,
    height: box.height + 16
  }
  const png = PNG.sync.read(await page.screenshot({ clip }))
  let n = 0
  for (let i = 0; i < png.data.length; i += 4) {
    const d =
      Math.abs((png.data[i] ?? 0) - (rgb[0] ?? 0)) +
      Math.abs((png.data[i + 1] ?? 0) - (rgb[1] ?? 0)) +
      Math.abs((png.data[i + 2] ?? 0) - (rgb[2] ?? 0))
    if (d < 60) n++
  }
  return n
}

for (const scheme of ['light', 'dark'] as const) {
  test(`every screen passes axe in the ${scheme} theme, with visible focus`, async ({
    page,
    stationUrl
  }, testInfo) => {
    test.setTimeout(180_000)
    await seed(page, stationUrl)
    await page.emulateMedia({ colorScheme: scheme })
    await page.goto(stationUrl)
    await expect(nav(page)).toBeVisible()

    // Visible focus: the Award button, reached with Tab, wears an outline in the theme's focus colour.
    const target = nav(page)
      .getByRole('button', { name: /^Award\b/ })
      .first()
    const before = await focusPixels(page, target, FOCUS[scheme])
    await nav(page)
      .getByRole('button', { name: /^Badges\b/ })
      .focus()
    await page.keyboard.press('Tab')
    await expect(target).toBeFocused()
    const outline = await target.evaluate((el) => {
      const s = getComputedStyle(el)
      return { style: s.outlineStyle, width: parseFloat(s.outlineWidth) }
    })
    expect(outline.style).toBe('solid')
    expect(outline.width).toBeGreaterThanOrEqual(2)
    const after = await focusPixels(page, target, FOCUS[scheme])
    expect(after - before, 'focus outline pixels in the screenshot').toBeGreaterThan(200)
    await page.screenshot({ path: testInfo.outputPath(`${scheme}-focus.png`) })

    const present: string[] = []
    for (const name of SECTIONS) {
      if (
        (await nav(page)
          .getByRole('button', { name: new RegExp(`^${name}\\b`) })
          .count()) > 0
      ) {
        present.push(name)
      }
    }
    expect(present).toEqual(
      expect.arrayContaining(['Badges', 'Award', 'Recipients', 'Awards', 'Rules', 'Settings'])
    )
    for (const name of present) {
      await openSection(page, name)
      await check(page, name.toLowerCase(), testInfo, scheme)
    }

    // Inside the screens: a badge's detail, the designer, the batch award, the dialogs.
    await openSection(page, 'Badges')
    await page
      .getByRole('option', { name: /Speaker 2026/ })
      .first()
      .click()
    await expect(page.getByRole('heading', { level: 1, name: 'Speaker 2026' })).toBeVisible()
    await check(page, 'badge-detail', testInfo, scheme)
    await page.getByRole('button', { name: 'All badges' }).click()
    await page.getByRole('button', { name: 'New badge' }).first().click()
    await expect(page.getByRole('heading', { level: 1, name: 'New badge' })).toBeVisible()
    await check(page, 'designer', testInfo, scheme)

    await openSection(page, 'Award')
    await page.getByRole('tab', { name: 'Batch from CSV' }).click()
    await check(page, 'award-batch', testInfo, scheme)

    await page.getByRole('button', { name: 'Shortcuts', exact: true }).click()
    await expect(page.getByRole('dialog', { name: 'Keyboard shortcuts' })).toBeVisible()
    await check(page, 'shortcuts', testInfo, scheme)
    await page.keyboard.press('Escape')

    await openSection(page, 'Settings')
    await page.getByRole('button', { name: 'Edit profile…' }).click()
    await expect(page.getByRole('dialog', { name: 'Edit the issuer profile' })).toBeVisible()
    await check(page, 'settings-profile', testInfo, scheme)
    await page.keyboard.press('Escape')

    // Large type on: still no violations (nothing overlaps into unreadable contrast).
    await page.getByRole('button', { name: 'Large type' }).click()
    await check(page, 'settings-large', testInfo, scheme)
    await page.getByRole('button', { name: 'Large type' }).click()
  })
}

test('a screen that fails to render shows a sentence, not a stack', async ({
  page,
  stationUrl,
  pageErrors
}) => {
  await seed(page, stationUrl)
  await page.goto(stationUrl)
  await expect(nav(page)).toBeVisible()
  // A malformed answer (a rule that is null) makes the Rules screen throw while rendering.
  await page.route(/\/api\/call\/rules(%3A|:)list$/, (route) =>
    route.fulfill({
      contentType: 'application/json',
      body: JSON.stringify({ ok: true, value: { rules: [null] } })
    })
  )
  await nav(page)
    .getByRole('button', { name: /^Rules\b/ })
    .click()
  const alert = page.getByRole('alert').filter({ hasText: 'This screen ran into a problem' })
  await expect(alert).toBeVisible()
  await expectNoRawErrors(page)
  await expect(page.getByText(/Cannot read properties|TypeError/)).toHaveCount(0)
  // Another section works again.
  await nav(page)
    .getByRole('button', { name: /^Badges\b/ })
    .click()
  await expect(page.getByRole('heading', { level: 1, name: 'Badges' })).toBeVisible()
  // React reports the caught error on the console; that is expected here, not a page fault.
  const expected =
    /Cannot read properties of null|error boundary|The above error|ScreenErrorBoundary/i
  pageErrors.splice(0, pageErrors.length, ...pageErrors.filter((e) => !expected.test(e)))
})
