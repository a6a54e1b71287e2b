/**
 * The exported badge site in Chromium, served on 127.0.0.1 with the headers of its own host
 * configuration (test/support/static-site.ts, under its CSP):
 *  - "download badge" on a credential page bakes PNG and SVG in the browser, byte-identical to
 *    `kiln export credential --format png|svg` (and the JSON to `--format ob3`); "download all" on
 *    a personal page zips the same PNGs;
 *  - the pages are axe-clean in light and dark, make no request outside the site, and a
 *    credential page's HTML+CSS+JS stays under 60 kB before the badge image;
 *  - screenshots of the credential page at phone and desktop widths, light and dark;
 *  - the verifier page checks a chosen file when Verify is pressed, and dropped PNG, SVG, JSON
 *    and PDF files;
 *  - a page opened from file:// explains that the site must be served over http(s);
 *  - revoked and replaced credentials; the station's language and colours.
 */
import { cpSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import path from 'node:path'
import { AxeBuilder } from '@axe-core/playwright'
import { expect, test, type Page } from '@playwright/test'
import { unzipSync } from 'fflate'
import { freshStation, removeDir, tempDir, type CliRun } from '../support/cli.js'
import { serveSite, type StaticSite } from '../support/static-site.js'

const SITE = 'https://badges.example.org/'
const HOSTILE = `</script><img src=x onerror=alert(1)>"'&`

function ok(r: CliRun): CliRun {
  if (r.code !== 0) throw new Error(`kiln failed (${r.code}): ${r.stderr}${r.stdout}`)
  return r
}

type Station = ReturnType<typeof freshStation>

let station: Station
let work: string
let site: string
let server: StaticSite
let badge: string
let ada: string
let bob: string
let bobSecond: string

function award(badgeId: string, email: string, name: string): string {
  const issued = ok(
    station.run(['--json', 'award', '--badge', badgeId, '--email', email, '--name', name])
  ).json().issued as { id: string }[]
  return issued[0]?.id ?? ''
}

function exportInto(name: string): void {
  ok(station.run(['export', 'bundle', '--out', path.join(work, name)]))
  cpSync(path.join(work, name), site, { recursive: true })
}

function cliExport(id: string, format: 'png' | 'svg' | 'ob3'): Buffer {
  const file = path.join(work, `${id}.${format}`)
  ok(station.run(['export', 'credential', id, '--format', format, '--out', file, '--force']))
  return readFileSync(file)
}

function personalPageUrl(email: string): string {
  const people = ok(station.run(['--json', 'recipients', 'list', '--query', email])).json()
    .recipients as { id: string }[]
  const id = people[0]?.id ?? ''
  const showcase = ok(station.run(['--json', 'site', 'showcase', id])).json()
  return String(showcase.pageUrl).replace(SITE, server.url)
}

/** Every request of the page; fails on any that leaves the site. */
function watchRequests(page: Page): string[] {
  const outside: string[] = []
  page.on('request', (r) => {
    const url = r.url()
    if (!url.startsWith(server.url) && !url.startsWith('data:') && !url.startsWith('blob:')) {
      outside.push(url)
    }
  })
  return outside
}

async function axeClean(page: Page): Promise<void> {
  for (const colorScheme of ['light', 'dark'] as const) {
    await page.emulateMedia({ colorScheme })
    const results = await new AxeBuilder({ page }).analyze()
    const problems = results.violations.map(
      (v) => `${colorScheme}: ${v.id} (${v.impact}): ${v.nodes.map((n) => n.target).join(', ')}`
    )
    expect(problems, page.url()).toEqual([])
  }
  await page.emulateMedia({ colorScheme: 'light' })
}

test.describe.configure({ mode: 'serial' })

test.beforeAll(async () => {
  test.setTimeout(180_000)
  station = freshStation()
  work = tempDir('kiln-e2e-site-')
  site = path.join(work, 'site')
  mkdirSync(site)
  server = await serveSite(site)
  badge = String(
    ok(
      station.run([
        '--json',
        'badge',
        'create',
        '--name',
        'Speaker',
        '--description',
        'Gave a talk at the conference.',
        '--criteria',
        'Give a talk of at least 20 minutes.',
        '--public'
      ])
    ).json().id
  )
  ok(station.run(['badge', 'publish', badge]))
  const other = String(
    ok(
      station.run([
        '--json',
        'badge',
        'create',
        '--name',
        'Volunteer',
        '--description',
        'Helped at the registration desk.',
        '--criteria',
        'Help for a day.'
      ])
    ).json().id
  )
  ok(station.run(['badge', 'publish', other]))
  ada = award(badge, 'ada@example.com', HOSTILE)
  bob = award(badge, 'bob@example.com', 'Bob Builder')
  bobSecond = award(other, 'bob@example.com', 'Bob Builder')
  exportInto('b1')
})

test.afterAll(async () => {
  await server?.close()
  removeDir(station?.dir ?? '')
  rmSync(work ?? '', { recursive: true, force: true })
})

test('the badge a visitor downloads is byte-identical to kiln export credential (PNG, SVG, JSON)', async ({
  page
}) => {
  const outside = watchRequests(page)
  const errors: string[] = []
  page.on('pageerror', (e) => errors.push(e.message))
  await page.goto(`${server.url}credentials/${ada}/`)
  await expect(page.getByRole('heading', { level: 1, name: 'Speaker' })).toBeVisible()
  await expect(page.getByText(HOSTILE, { exact: true })).toBeVisible()
  for (const [label, format] of [
    ['Badge (PNG)', 'png'],
    ['Badge (SVG)', 'svg'],
    ['Credential (JSON)', 'ob3']
  ] as const) {
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole(format === 'ob3' ? 'link' : 'button', { name: label }).click()
    ])
    const got = readFileSync(await download.path())
    const want = cliExport(ada, format)
    expect(got.equals(want), `${format} differs from the CLI's`).toBe(true)
    expect(download.suggestedFilename()).toBe(`${ada}.${format === 'ob3' ? 'json' : format}`)
  }
  // The site itself holds no baked file per award.
  expect(() => readFileSync(path.join(site, 'credentials', `${ada}.png`))).toThrow()
  expect(outside).toEqual([])
  expect(errors).toEqual([])
})

test('download all on a personal page zips the same baked badges', async ({ page }) => {
  const outside = watchRequests(page)
  await page.goto(personalPageUrl('bob@example.com'))
  await expect(page.getByRole('heading', { level: 1, name: 'Badges of Bob Builder' })).toBeVisible()
  await expect(page.locator('meta[name="robots"]')).toHaveAttribute('content', 'noindex')
  const [download] = await Promise.all([
    page.waitForEvent('download'),
    page.getByRole('button', { name: 'Download all badges (ZIP)' }).click()
  ])
  const entries = unzipSync(readFileSync(await download.path()))
  expect(Object.keys(entries).sort()).toEqual([`${bob}.png`, `${bobSecond}.png`].sort())
  for (const id of [bob, bobSecond]) {
    expect(Buffer.from(entries[`${id}.png`] ?? []).equals(cliExport(id, 'png'))).toBe(true)
  }
  expect(outside).toEqual([])
})

test('pages are axe-clean light and dark, stay within their budget, and leave the site for nothing', async ({
  page
}) => {
  const outside = watchRequests(page)
  const sizes = new Map<string, number>()
  page.on('response', async (r) => {
    const type = r.headers()['content-type'] ?? ''
    if (/html|css|javascript/.test(type)) sizes.set(r.url(), (await r.body()).length)
  })
  await page.goto(`${server.url}credentials/${bob}/`)
  await expect(page.getByRole('button', { name: 'Badge (PNG)' })).toBeVisible()
  const budget = [...sizes.values()].reduce((a, b) => a + b, 0)
  expect(budget, `credential page HTML+CSS+JS: ${JSON.stringify([...sizes])}`).toBeLessThanOrEqual(
    60_000
  )
  await axeClean(page)
  // Verify (loads the verifier on demand), then check again.
  await page.getByRole('button', { name: 'Verify' }).click()
  await expect(page.getByRole('status')).toContainText('Verified', { timeout: 30_000 })
  await expect(page.getByRole('status')).toContainText('The issuer publishes this signing key')
  await expect(page.locator('#status-badge')).toHaveText('Active')
  await axeClean(page)
  for (const p of ['', `achievements/${badge}/`, 'verify/', personalPageUrl('ada@example.com')]) {
    await page.goto(p.startsWith('http') ? p : server.url + p)
    await axeClean(page)
  }
  expect(outside).toEqual([])
})

test('share previews: Open Graph and Twitter card with the badge image as an absolute URL', async ({
  page
}) => {
  await page.goto(`${server.url}credentials/${bob}/`)
  const og = async (property: string): Promise<string | null> =>
    page.locator(`meta[property="og:${property}"]`).getAttribute('content')
  expect(await og('title')).toBe('Speaker — Bob Builder')
  expect(await og('description')).toBe('Bob Builder earned “Speaker” from Example Association.')
  expect(await og('image')).toMatch(new RegExp(`^${SITE}achievements/.+-v1\\.png$`))
  expect(await og('url')).toBe(`${SITE}credentials/${bob}/`)
  await expect(page.locator('meta[name="twitter:card"]')).toHaveAttribute('content', 'summary')
  const pageUrl = encodeURIComponent(`${SITE}credentials/${bob}/`)
  await expect(page.getByRole('link', { name: 'Share on LinkedIn' })).toHaveAttribute(
    'href',
    `https://www.linkedin.com/sharing/share-offsite/?url=${pageUrl}`
  )
  await expect(page.getByRole('link', { name: 'Share by e-mail' })).toHaveAttribute(
    'href',
    `mailto:?subject=${encodeURIComponent('Speaker — Example Association')}&body=${pageUrl}`
  )
  const addToProfile = new URL(
    (await page.getByRole('link', { name: 'Add to LinkedIn profile' }).getAttribute('href')) ?? ''
  )
  expect(addToProfile.searchParams.get('certUrl')).toBe(`${SITE}credentials/${bob}/`)
  expect(addToProfile.searchParams.get('certId')).toBe(bob)
  await expect(
    page.locator('link[rel="alternate"][type="application/vc+ld+json"]')
  ).toHaveAttribute('href', `../${bob}.json`)
})

test('screenshots of the credential page at phone and desktop widths, light and dark', async ({
  browser
}, testInfo) => {
  for (const colorScheme of ['light', 'dark'] as const) {
    for (const [width, height] of [
      [390, 844],
      [1280, 800],
      [1920, 1080]
    ] as const) {
      const context = await browser.newContext({ viewport: { width, height }, colorScheme })
      const page = await context.newPage()
      await page.goto(`${server.url}credentials/${bob}/`)
      await expect(page.getByRole('button', { name: 'Badge (PNG)' })).toBeVisible()
      // Nothing overflows sideways at any width.
      const overflow = await page.evaluate(
        () => document.documentElement.scrollWidth - document.documentElement.clientWidth
      )
      expect(overflow, `${width}px ${colorScheme}`).toBeLessThanOrEqual(0)
      const file = testInfo.outputPath(`credential-${width}-${colorScheme}.png`)
      await page.screenshot({ path: file, fullPage: true })
      await testInfo.attach(`credential-${width}-${colorScheme}`, {
        path: file,
        contentType: 'image/png'
      })
      await context.close()
    }
  }
})

test('the verifier checks a chosen file when Verify is pressed, and dropped PNG, SVG, JSON and PDF files', async ({
  page
}) => {
  const errors: string[] = []
  page.on('pageerror', (e) => errors.push(e.message))
  const files: Record<string, Buffer> = {
    'badge.png': cliExport(bob, 'png'),
    'badge.svg': cliExport(bob, 'svg'),
    'credential.json': cliExport(bob, 'ob3')
  }
  const pdf = path.join(work, 'certificate.pdf')
  ok(station.run(['export', 'certificates', '--awards', bob, '--out', pdf]))
  files['certificate.pdf'] = readFileSync(pdf)

  await page.goto(`${server.url}verify/`)
  const result = page.locator('#verify-result')
  // Choose a file, then press Verify: the file is checked, not the empty text box.
  const chosen = path.join(work, 'chosen.png')
  writeFileSync(chosen, files['badge.png'] ?? Buffer.alloc(0))
  await page.getByLabel('Badge file').setInputFiles(chosen)
  await expect(result).toContainText('Verified', { timeout: 30_000 })
  await page.getByRole('button', { name: 'Verify' }).click()
  await expect(result).toContainText('Verified', { timeout: 30_000 })
  await expect(result).not.toContainText('not JSON')
  await expect(result).toContainText('Speaker — Bob Builder')

  for (const [name, bytes] of Object.entries(files)) {
    await page.evaluate(() => {
      const out = document.getElementById('verify-result')
      if (out) out.textContent = ''
    })
    const dataTransfer = await page.evaluateHandle(
      ({ b64, fileName }) => {
        const raw = atob(b64)
        const data = new Uint8Array(raw.length)
        for (let i = 0; i < raw.length; i++) data[i] = raw.charCodeAt(i)
        const dt = new DataTransfer()
        dt.items.add(new File([data], fileName))
        return dt
      },
      { b64: bytes.toString('base64'), fileName: name }
    )
    await page.dispatchEvent('main', 'drop', { dataTransfer })
    await expect(result, name).toContainText('Verified', { timeout: 30_000 })
    await expect(result, name).toContainText('Speaker — Bob Builder')
  }
  // A tampered credential fails.
  const tampered = JSON.parse(files['credential.json']?.toString('utf8') ?? '{}') as {
    credentialSubject: { name: string }
  }
  tampered.credentialSubject.name = 'Mallory'
  await page.getByLabel('Credential JSON').fill(JSON.stringify(tampered))
  await page.getByRole('button', { name: 'Verify' }).click()
  await expect(result).toContainText('Not verified', { timeout: 30_000 })
  expect(errors).toEqual([])
})

test('a page opened from file:// says the site must be served over http(s)', async ({ page }) => {
  const errors: string[] = []
  page.on('pageerror', (e) => errors.push(e.message))
  await page.goto(`file://${path.join(site, 'credentials', bob, 'index.html')}`)
  await expect(page.getByRole('note')).toContainText('served over http(s)')
  await page.getByRole('button', { name: 'Verify' }).click()
  await expect(page.getByRole('note')).toHaveCount(1)
  await page.goto(`file://${path.join(site, 'verify', 'index.html')}`)
  await expect(page.getByRole('note')).toContainText('served over http(s)')
  expect(errors).toEqual([])
})

test('a revoked credential says so and offers no sharing; a replaced one links to its replacement', async ({
  page
}) => {
  ok(station.run(['revoke', ada, '--reason', 'Issued by mistake']))
  const reissued = ok(station.run(['--json', 'reissue', bob, '--name', 'Robert Builder'])).json()
  const replacement = String((reissued.issued as { id: string }[])[0]?.id)
  exportInto('b2')

  await page.goto(`${server.url}credentials/${ada}/`)
  await expect(page.getByRole('note')).toContainText('This credential was revoked on')
  await expect(page.getByRole('note')).toContainText('Reason: Issued by mistake')
  await expect(page.locator('#status-badge')).toHaveText('Revoked')
  await expect(page.getByRole('heading', { name: 'Share' })).toHaveCount(0)
  await expect(page.getByRole('link', { name: /LinkedIn/ })).toHaveCount(0)
  await expect(page.locator('meta[property^="og:"]')).toHaveCount(0)
  await page.getByRole('button', { name: 'Verify' }).click()
  await expect(page.getByRole('status')).toContainText('Revoked', { timeout: 30_000 })
  await axeClean(page)

  await page.goto(`${server.url}credentials/${bob}/`)
  await expect(page.getByRole('note')).toContainText('It was replaced by a newer credential.')
  await expect(page.getByRole('note')).not.toContainText('Robert')
  await page.getByRole('link', { name: 'Go to the current credential' }).click()
  await expect(page).toHaveURL(new RegExp(`credentials/${replacement}/`))
  await expect(page.getByText('Robert Builder', { exact: true })).toBeVisible()

  // The personal page drops the revoked one and shows the replacement.
  await page.goto(personalPageUrl('bob@example.com'))
  await expect(page.getByRole('link', { name: 'Speaker' })).toHaveAttribute(
    'href',
    `../credentials/${replacement}/index.html`
  )
  await expect(page.locator(`a[href*="${bob}"]`)).toHaveCount(0)
})

test('the station’s language, colours and logo reach every page', async ({ page }) => {
  ok(
    station.run([
      'site',
      'settings',
      '--language',
      'de',
      '--brand-color',
      '#7a1f5c',
      '--logo',
      path.join('resources', 'icon.png')
    ])
  )
  exportInto('b3')
  await page.goto(`${server.url}credentials/${bobSecond}/`)
  await expect(page.locator('html')).toHaveAttribute('lang', 'de')
  await expect(page.getByText('Verliehen an')).toBeVisible()
  await expect(page.getByRole('button', { name: 'Abzeichen (PNG)' })).toBeVisible()
  const header = page.locator('.site-head')
  await expect(header.locator('img')).toHaveAttribute('src', /assets\/logo-[0-9a-f]{16}\.png$/)
  expect(await header.evaluate((el) => getComputedStyle(el).backgroundColor)).toBe(
    'rgb(122, 31, 92)'
  )
  await axeClean(page)
  await page.getByRole('button', { name: 'Prüfen' }).click()
  await expect(page.getByRole('status')).toContainText('Bestätigt', { timeout: 30_000 })
  await page.goto(`${server.url}verify/`)
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Abzeichen prüfen')
  await axeClean(page)
})

test('without its manifest a credential page does not claim the issuer key was checked', async ({
  page
}) => {
  const copy = path.join(work, 'no-manifest')
  cpSync(site, copy, { recursive: true })
  rmSync(path.join(copy, 'kiln-manifest.json'))
  const other = await serveSite(copy)
  try {
    await page.goto(`${other.url}credentials/${bobSecond}/`)
    await page.getByRole('button', { name: /Verify|Prüfen/ }).click()
    await expect(page.getByRole('status')).toContainText('kiln-manifest.json', { timeout: 30_000 })
    await expect(page.locator('#status-badge')).toHaveAttribute('data-status', 'invalid')
  } finally {
    await other.close()
  }
})
