/**
 * Playwright fixtures: every test gets its own empty data directory and its own
 * `kiln serve` on it (`stationUrl` carries the session token), both removed afterwards.
 */
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { test as base, expect } from '@playwright/test'
import { startStationHost } from './station-host.js'

export type StationFixtures = {
  /** The station's fresh data directory. */
  dataDir: string
  /** `http://127.0.0.1:<port>/#token=<token>` of a host serving dataDir. */
  stationUrl: string
  /** Fails the test on uncaught page errors and console errors (CSP violations land there). */
  pageErrors: string[]
}

export const test = base.extend<StationFixtures>({
  // Playwright reads fixture dependencies from the destructuring pattern; this one has none.
  // eslint-disable-next-line no-empty-pattern
  dataDir: async ({}, use) => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'kiln-e2e-'))
    try {
      await use(dir)
    } finally {
      fs.rmSync(dir, { recursive: true, force: true, maxRetries: 3 })
    }
  },
  stationUrl: async ({ dataDir }, use, testInfo) => {
    const host = await startStationHost(dataDir)
    try {
      await use(host.url)
    } finally {
      await host.stop()
      if (testInfo.status !== testInfo.expectedStatus) {
        await testInfo.attach('kiln-serve.log', { body: host.output(), contentType: 'text/plain' })
      }
    }
  },
  // Depends on stationUrl so it is checked before the host stops (the event stream then errors).
  pageErrors: [
    async ({ page, stationUrl: _stationUrl }, use) => {
      const errors: string[] = []
      page.on('pageerror', (error) => errors.push(`page error: ${error.message}`))
      page.on('console', (message) => {
        if (message.type() === 'error') errors.push(`console error: ${message.text()}`)
      })
      await use(errors)
      expect(errors, 'the page logged errors').toEqual([])
    },
    { auto: true }
  ]
})

export { expect }
