import fs from 'node:fs'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import { afterAll, afterEach, describe, expect, it } from 'vitest'
import { KilnFailure } from '../failure.js'
import { createCore } from '../create-core.js'
import { verifyCredential } from '../credentials/verify.js'
import { freshKit, type Kit } from '../awards/test-support/station-kit.js'
import { removeBundles, spawnBundled } from '../../../test/support/spawn-bundled.js'
import { snapshotFiles } from './test-support/files.js'

const here = path.dirname(fileURLToPath(import.meta.url))
let kit: Kit | undefined
afterEach(async () => {
  await kit?.close().catch(() => undefined)
  kit = undefined
})
afterAll(() => removeBundles())

async function openFailure(dir: string): Promise<KilnFailure> {
  try {
    const core = await createCore({ dataDir: dir, host: 'cli' })
    await core.close()
  } catch (error) {
    if (error instanceof KilnFailure) return error
    throw error
  }
  throw new Error('expected the station to refuse to open')
}

type Catalog = {
  issuer: { name: string }
  siteUrl: string
  badges: Array<{ versions: Array<{ content: { name: string; description: string } }> }>
}

/** An awarded, closed station whose station.json the test then edits. */
async function closedStation(): Promise<Kit> {
  kit = await freshKit()
  await kit.call('awards:issue', { badgeId: kit.badgeId, email: 'ana@example.org', name: 'Ana' })
  await kit.core.close()
  return kit
}

function edit(dir: string, change: (c: Catalog) => void): void {
  const file = path.join(dir, 'station.json')
  const catalog = JSON.parse(fs.readFileSync(file, 'utf8')) as Catalog
  change(catalog)
  fs.writeFileSync(file, JSON.stringify(catalog, null, 2) + '\n')
}

describe('station.json changed outside Kiln', () => {
  const edits: Array<[string, (c: Catalog) => void]> = [
    ['the issuer name', (c) => void (c.issuer.name = 'Forged Association')],
    [
      'a published badge version',
      (c) => {
        const version = c.badges[0]?.versions[0]
        if (version) version.content.description = 'A forged description.'
      }
    ],
    ['the site URL', (c) => void (c.siteUrl = 'https://evil.example.net/')]
  ]
  for (const [what, change] of edits) {
    it(`refuses to open after an edit of ${what}, and changes no file`, async () => {
      const { dir } = await closedStation()
      edit(dir, change)
      const before = snapshotFiles(dir)
      const failure = await openFailure(dir)
      expect(failure.code).toBe('STORAGE_CORRUPT')
      expect(failure.message).toMatch(/^station\.json was changed outside Kiln/)
      expect(failure.message).toMatch(/Undo the edit \(or restore station\.json from a backup\)/)
      expect(snapshotFiles(dir)).toEqual(before)
    })
  }

  it('opens again once the edit is undone (same bytes), and new credentials carry the real values', async () => {
    const { dir } = await closedStation()
    const file = path.join(dir, 'station.json')
    const original = fs.readFileSync(file)
    edit(dir, (c) => void (c.issuer.name = 'Forged Association'))
    expect((await openFailure(dir)).code).toBe('STORAGE_CORRUPT')
    fs.writeFileSync(file, original)
    await kit?.reopen()
    const award = await kit?.call('awards:issue', {
      badgeId: kit.badgeId,
      email: 'bo@example.org',
      name: 'Bo'
    })
    const { credential } = (await kit?.call('credentials:get', { id: award?.id ?? '' })) ?? {}
    expect(JSON.stringify(credential)).toContain('"name":"Kit Association"')
    expect((await verifyCredential(credential)).valid).toBe(true)
  })

  it('completes a write interrupted between its journal entry and its rename', async () => {
    const { dir } = await closedStation()
    const child = spawnBundled(path.join(here, 'test-support', 'crash-catalog-write.ts'), [
      dir,
      'Renamed Association'
    ])
    await child.waitFor((l) => l === 'journaled')
    expect((await child.exited).signal).toBe('SIGKILL')
    // The new file waits under its temp name; station.json is still the old one.
    const temps = fs.readdirSync(dir).filter((n) => n.startsWith('.station.json.'))
    expect(temps).toHaveLength(1)
    expect(fs.readFileSync(path.join(dir, 'station.json'), 'utf8')).toContain('"Kit Association"')
    await kit?.reopen()
    expect((await kit?.call('station:status', {}))?.issuer?.name).toBe('Renamed Association')
    expect(fs.readdirSync(dir).filter((n) => n.startsWith('.station.json.'))).toEqual([])
    expect(fs.readFileSync(path.join(dir, 'station.json'), 'utf8')).toContain(
      '"Renamed Association"'
    )
  })
})
