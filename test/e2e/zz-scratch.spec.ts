import { test } from './fixtures.js'
import { createStation } from './helpers.js'

test('scratch', async ({ page, stationUrl }) => {
  await page.setViewportSize({ width: 1280, height: 900 })
  await page.goto(stationUrl)
  await createStation(page)
  await page.getByRole('button', { name: 'New badge' }).first().click()
  await page.getByLabel('Badge name').fill('Conference Speaker 2026')
  const cb = page.getByText('Use an uploaded image instead of a design')
  console.log(await cb.evaluate((e) => { const cs = getComputedStyle(e); const p = e.parentElement; const ps = p ? getComputedStyle(p) : null; return JSON.stringify({d: cs.display, pos: cs.position, w: cs.width, float: cs.float, p: p?.tagName, pd: ps?.display, pw: ps?.width, pcols: ps?.gridTemplateColumns, justify: cs.justifySelf, js: ps?.justifyItems}) }))
  await cb.scrollIntoViewIfNeeded()
  await page.screenshot({ path: '/tmp/kiln-shots/vp-designer.png' })
  await page.emulateMedia({ colorScheme: 'dark' })
  await page.screenshot({ path: '/tmp/kiln-shots/vp-designer-dark.png' })
})
