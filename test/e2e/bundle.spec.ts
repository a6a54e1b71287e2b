/**
 * The exported site in Chromium: a bundle folder served by a tiny static server on 127.0.0.1
 * under a strict CSP (no inline script, no eval), a credential page and the verifier page
 * verify in the browser; after a revocation and the next bundle copied over, "Revoked".
 */
import { cpSync, readFileSync, rmSync, existsSync, statSync } from 'node:fs'
import http from 'node:http'
import type { AddressInfo } from 'node:net'
import path from 'node:path'
import { test, expect } from '@playwright/test'
import { freshStation, removeDir, tempDir, type CliRun } from '../support/cli.js'

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.json': 'application/json',
  '.css': 'text/css',
  '.png': 'image/png'
}
const CSP =
  "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self'; form-action 'self'; base-uri 'none'"

function serve(root: string): Promise<{ url: string; close: () => Promise<void> }> {
  const server = http.createServer((req, res) => {
    let rel = decodeURIComponent(new URL(req.url ?? '/', 'http://x').pathname)
    if (rel.endsWith('/')) rel += 'index.html'
    const file = path.join(root, rel)
    if (!file.startsWith(root) || !existsSync(file) || statSync(file).isDirectory()) {
      res.writeHead(404).end('not found')
      return
    }
    res.writeHead(200, {
      'content-type': TYPES[path.extname(file)] ?? 'application/octet-stream',
      'content-security-policy': CSP,
      'cache-control': 'no-store'
    })
    res.end(readFileSync(file))
  })
  return new Promise((resolve) => {
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as AddressInfo
      resolve({
        url: `http://127.0.0.1:${port}/`,
        close: () => new Promise((r) => server.close(() => r()))
      })
    })
  })
}

function ok(r: CliRun): CliRun {
  if (r.code !== 0) throw new Error(`kiln failed: ${r.stderr}`)
  return r
}

test('a credential verifies in the browser, and shows Revoked after the next bundle', async ({
  page
}) => {
  test.setTimeout(180_000)
  const station = freshStation()
  const work = tempDir('kiln-e2e-bundle-')
  const site = path.join(work, 'site')
  const server = await serve(site)
  const errors: string[] = []
  page.on('pageerror', (e) => errors.push(e.message))
  page.on('console', (m) => {
    // The status check probes kiln-manifests/<seq+1>.json until one is missing: that 404 is expected.
    if (m.type() === 'error' && !/status of 404/.test(m.text())) errors.push(m.text())
  })
  page.on('dialog', (d) => {
    errors.push(`dialog: ${d.message()}`)
    void d.dismiss()
  })
  try {
    const badge = String(
      ok(
        station.run([
          '--json',
          'badge',
          'create',
          '--name',
          'Speaker',
          '--description',
          'Gave a talk',
          '--criteria',
          'A talk'
        ])
      ).json().id
    )
    ok(station.run(['badge', 'publish', badge]))
    const issue = (email: string, name: string): string =>
      String(
        (
          ok(
            station.run(['--json', 'award', '--badge', badge, '--email', email, '--name', name])
          ).json().issued as { id: string }[]
        )[0]?.id
      )
    const hostile = issue('ada@example.com', `</script><img src=x onerror=alert(1)>"'&`)
    const plain = issue('bob@example.com', 'Bob Builder')
    ok(station.run(['export', 'bundle', '--out', path.join(work, 'b1')]))
    cpSync(path.join(work, 'b1'), site, { recursive: true })

    await page.goto(`${server.url}credentials/${plain}/`)
    await expect(page.getByRole('heading', { level: 1, name: 'Speaker' })).toBeVisible()
    // The verifier loads when Verify is pressed (the page itself stays small).
    await page.getByRole('button', { name: 'Verify' }).click()
    await expect(page.getByRole('status')).toContainText('Verified', { timeout: 30_000 })
    await expect(page.getByRole('status')).toContainText('The issuer publishes this signing key')
    await expect(page.locator('#status-badge')).toHaveText('Active')

    await page.goto(`${server.url}credentials/${hostile}/`)
    await expect(
      page.getByText(`</script><img src=x onerror=alert(1)>"'&`, { exact: true })
    ).toBeVisible()
    await page.getByRole('button', { name: 'Verify' }).click()
    await expect(page.getByRole('status')).toContainText('Verified', { timeout: 30_000 })

    // The verifier page: pasted JSON, then a baked PNG.
    await page.goto(`${server.url}verify/`)
    await page
      .getByLabel('Credential JSON')
      .fill(readFileSync(path.join(site, `credentials/${plain}.json`), 'utf8'))
    await page.getByRole('button', { name: 'Verify' }).click()
    await expect(page.getByRole('status')).toContainText('Verified', { timeout: 30_000 })
    const baked = path.join(work, 'hostile.png')
    ok(station.run(['export', 'credential', hostile, '--format', 'png', '--out', baked]))
    await page.getByLabel('Badge file').setInputFiles(baked)
    await expect(page.getByRole('status')).toContainText(
      `</script><img src=x onerror=alert(1)>"'&`,
      { timeout: 30_000 }
    )
    await expect(page.getByRole('status')).toContainText('Verified')
    // A tampered credential fails.
    const tampered = JSON.parse(
      readFileSync(path.join(site, `credentials/${plain}.json`), 'utf8')
    ) as { credentialSubject: { name: string } }
    tampered.credentialSubject.name = 'Mallory'
    await page.getByLabel('Credential JSON').fill(JSON.stringify(tampered))
    await page.getByRole('button', { name: 'Verify' }).click()
    await expect(page.getByRole('status')).toContainText('Not verified', { timeout: 30_000 })

    // Revoke, export the next bundle, copy it over, reload.
    ok(station.run(['revoke', plain, '--reason', 'Issued by mistake']))
    ok(station.run(['export', 'bundle', '--out', path.join(work, 'b2')]))
    cpSync(path.join(work, 'b2'), site, { recursive: true })
    await page.goto(`${server.url}credentials/${plain}/`)
    await page.getByRole('button', { name: 'Verify' }).click()
    await expect(page.getByRole('status')).toContainText('Revoked', { timeout: 30_000 })
    await expect(page.locator('#status-badge')).toHaveText('Revoked')
    // An older bundle copied over the site again: the browser still finds the newest status list.
    cpSync(path.join(work, 'b1'), site, { recursive: true })
    await page.goto(`${server.url}credentials/${plain}/`)
    await page.getByRole('button', { name: 'Verify' }).click()
    await expect(page.getByRole('status')).toContainText('Revoked', { timeout: 30_000 })
    await page.goto(`${server.url}verify/?credential=${hostile}`)
    await expect(page.getByRole('status')).toContainText('Verified', { timeout: 30_000 })
    expect(errors).toEqual([])
  } finally {
    await server.close()
    removeDir(station.dir)
    rmSync(work, { recursive: true, force: true })
  }
})
