/**
 * Issue 14 item 14: every screen at 1280×800 and 1920×1080, light and dark, and in large type.
 * Nothing runs off the page sideways, the Sync cards stand apart, and a long list scrolls by
 * itself: never inside a page that scrolls too. Screenshots of each screen are attached.
 */
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import type { Page, TestInfo } from '@playwright/test'
import { expect, test } from './fixtures.js'
import { openSection, publishedBadge, setUpStation, type Api } from './desk-helpers.js'

const SECTIONS = [
  'Badges',
  'Award',
  'Recipients',
  'Awards',
  'Rules',
  'Analytics',
  'Sync',
  'Settings',
  'Audit',
  'Outbox'
] as const

const MODES = [
  { width: 1280, height: 800, scheme: 'light', large: false },
  { width: 1280, height: 800, scheme: 'dark', large: false },
  { width: 1920, height: 1080, scheme: 'light', large: false },
  { width: 1920, height: 1080, scheme: 'dark', large: false },
  { width: 1280, height: 800, scheme: 'light', large: true }
] as const

type Mode = (typeof MODES)[number]

async function applyMode(page: Page, mode: Mode): Promise<void> {
  await page.setViewportSize({ width: mode.width, height: mode.height })
  await page.emulateMedia({ colorScheme: mode.scheme })
  await page.evaluate(
    (large) => document.documentElement.classList.toggle('large-type', large),
    mode.large
  )
}

/** What sticks out of the main area sideways (none expected). */
async function sideways(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const out: string[] = []
    const root = document.scrollingElement ?? document.documentElement
    if (root.scrollWidth > root.clientWidth + 1) {
      out.push(`page ${root.scrollWidth}>${root.clientWidth}`)
    }
    const main = document.querySelector('.shell-main')
    if (!main) return out
    const style = getComputedStyle(main)
    const right = main.getBoundingClientRect().right - parseFloat(style.paddingRight) + 1
    const boxes = main.querySelectorAll('table, section, .card, [role="table"], [role="listbox"]')
    for (const el of Array.from(boxes)) {
      const box = el.getBoundingClientRect()
      if (box.width > 0 && box.right > right) {
        out.push(
          `${el.tagName.toLowerCase()}.${el.className} ends at ${Math.round(box.right)} > ${Math.round(right)}`
        )
      }
    }
    return out
  })
}

/** Sideways overflow once the layout has followed the new size (a chart resizes a frame later). */
async function settledSideways(page: Page): Promise<string[]> {
  let found = await sideways(page)
  for (let frame = 0; frame < 30 && found.length > 0; frame++) {
    await page.evaluate(
      () =>
        new Promise<void>((done) =>
          requestAnimationFrame(() => requestAnimationFrame(() => done()))
        )
    )
    found = await sideways(page)
  }
  return found
}

async function shot(page: Page, testInfo: TestInfo, name: string, mode: Mode): Promise<void> {
  const file = `${name}-${mode.width}-${mode.scheme}${mode.large ? '-large' : ''}.png`
  await page.screenshot({ path: testInfo.outputPath(file), fullPage: true })
}

async function busyStation(api: Api): Promise<void> {
  // E-mail first, so every award queues a message (the Outbox has something to show).
  await api('mail:setup', {
    host: '127.0.0.1',
    port: 2525,
    security: 'none',
    from: 'badges@example.org'
  })
  const speaker = await publishedBadge(api, 'Speaker NOSS 2026')
  const volunteer = await publishedBadge(api, 'Volunteer of the Year at the Annual Conference')
  for (let i = 0; i < 18; i++) {
    await publishedBadge(api, `Workshop ${String(i + 1).padStart(2, '0')}`)
  }
  const names = ['Ana Müller', 'Bo Lee', 'Олена Петренко', 'Zoë Łukasiewicz-Ñúñez', 'Grace Hopper']
  for (let i = 0; i < 60; i++) {
    await api('awards:issue', {
      badgeId: i % 3 === 0 ? volunteer.id : speaker.id,
      email: `person.${i}@example.org`,
      name: `${names[i % names.length] ?? ''} ${i}`
    })
  }
  await api('publish:saveTarget', { kind: 'folder', name: 'website', path: site })
}

const site = path.join(os.tmpdir(), `kiln-e2e-layout-site-${process.pid}`)
test.afterAll(() => fs.rmSync(site, { recursive: true, force: true }))

test('every screen fits its width at 1280 and 1920, light and dark, and in large type', async ({
  page,
  stationUrl
}, testInfo) => {
  test.setTimeout(300_000)
  const api = await setUpStation(stationUrl)
  await busyStation(api)
  await page.goto(stationUrl)
  const problems: string[] = []
  for (const section of SECTIONS) {
    await openSection(page, section)
    await expect(page.getByRole('status', { name: /Loading|Opening/ })).toHaveCount(0)
    for (const mode of MODES) {
      await applyMode(page, mode)
      for (const p of await settledSideways(page)) {
        problems.push(`${section} ${mode.width} ${mode.large ? 'large' : mode.scheme}: ${p}`)
      }
      await shot(page, testInfo, section.toLowerCase(), mode)
    }
    await applyMode(page, MODES[0])
  }
  expect(problems).toEqual([])
})

test('the Sync cards stand apart', async ({ page, stationUrl }) => {
  await setUpStation(stationUrl)
  await page.goto(stationUrl)
  await openSection(page, 'Sync')
  const cards = page.locator('.sync-screen .card')
  await expect(cards).toHaveCount(3)
  const boxes = await cards.evaluateAll((els) =>
    els.map((el) => el.getBoundingClientRect().toJSON() as DOMRect)
  )
  for (let i = 1; i < boxes.length; i++) {
    const gap = (boxes[i]?.top ?? 0) - (boxes[i - 1]?.bottom ?? 0)
    expect(gap).toBeGreaterThanOrEqual(12)
  }
})

test('a long list scrolls by itself, never inside a page that scrolls too', async ({
  page,
  stationUrl
}) => {
  test.setTimeout(180_000)
  const api = await setUpStation(stationUrl)
  await busyStation(api)
  await page.setViewportSize({ width: 1280, height: 800 })
  await page.goto(stationUrl)
  const lists: ReadonlyArray<readonly [string, string]> = [
    ['Badges', '[role="listbox"][aria-label="Badges"]'],
    ['Recipients', '.recipients-table'],
    ['Awards', '.vtable-body'],
    ['Audit', '.audit-scroll']
  ]
  for (const [section, selector] of lists) {
    await openSection(page, section)
    const list = page.locator(selector)
    await expect(list).toBeVisible()
    await expect(list).toBeInViewport({ ratio: 1 })
    const scroll = await list.evaluate((el) => {
      const root = document.scrollingElement ?? document.documentElement
      const main = document.querySelector('.shell-main')
      return {
        list: el.scrollHeight > el.clientHeight + 1,
        page: root.scrollHeight > root.clientHeight + 1,
        main: main ? main.scrollHeight > main.clientHeight + 1 : false
      }
    })
    expect(scroll, section).toEqual({ list: true, page: false, main: false })
  }
})
