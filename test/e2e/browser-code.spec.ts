/**
 * The browser that `kiln serve` opens gets a one-time code, not the session token (a command
 * line is readable by every local user): the page exchanges it for the session, keeps working
 * after a reload, and the same link opened again is refused with a sentence.
 */
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { expect, test } from '@playwright/test'
import { startStationHost } from './station-host.js'

test('the opened link signs the page in once; a second use is refused', async ({ browser }) => {
  const work = fs.mkdtempSync(path.join(os.tmpdir(), 'kiln-e2e-code-'))
  const dataDir = path.join(work, 'station')
  fs.mkdirSync(dataDir)
  const openerLog = path.join(work, 'opened.txt')
  const host = await startStationHost(dataDir, { openerLog })
  try {
    await expect.poll(() => fs.existsSync(openerLog)).toBe(true)
    const opened = fs.readFileSync(openerLog, 'utf8')
    const token = new URLSearchParams(new URL(host.url).hash.slice(1)).get('token') ?? ''
    expect(opened).toMatch(/\/#code=[A-Za-z0-9_-]+$/)
    expect(opened).not.toContain(token)

    const first = await browser.newPage()
    await first.goto(opened)
    await expect(
      first.getByRole('heading', { level: 1, name: 'Set up this station' })
    ).toBeVisible()
    // The code is gone from the address bar; the session survives a reload.
    expect(first.url()).not.toContain('code=')
    await first.reload()
    await expect(
      first.getByRole('heading', { level: 1, name: 'Set up this station' })
    ).toBeVisible()

    // Anyone who copied the link from `ps` is too late: the code worked once.
    const second = await browser.newPage()
    await second.goto(opened)
    await expect(second.getByRole('alert').first()).toContainText('not authorised')
    await first.close()
    await second.close()
  } finally {
    await host.stop()
    fs.rmSync(work, { recursive: true, force: true })
  }
})
