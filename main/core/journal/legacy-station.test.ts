import fs from 'node:fs'
import path from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import { createCore, type Core } from '../create-core.js'
import { verifyCredential } from '../credentials/verify.js'
import { verifyJournal } from '../storage/journal.js'
import { sha256Hex } from '../storage/journal-lines.js'
import { EVENT_DEFS } from './registry.js'
import { LEGACY_PASSPHRASE, legacyStationCopy } from '../catalog/test-support/legacy.js'
import { REPO_ROOT } from '../../../test/vendor-paths.js'

let core: Core | undefined
let dir = ''
afterEach(async () => {
  await core?.close()
  core = undefined
  if (dir) fs.rmSync(dir, { recursive: true, force: true })
})

async function call(method: Parameters<Core['dispatch']>[0], input: unknown): Promise<unknown> {
  const result = await core?.dispatch(method, input, { host: 'cli' })
  if (!result?.ok) throw new Error(`${String(method)}: ${JSON.stringify(result?.error)}`)
  return result.value
}

/** The summary without the moment it was made. */
function withoutClock(summary: unknown): unknown {
  if (typeof summary !== 'object' || summary === null) return summary
  return Object.fromEntries(Object.entries(summary).filter(([key]) => key !== 'generatedAt'))
}

describe('a station written by an earlier Kiln', () => {
  it('reads every event type it wrote, migrates the catalog once (keeping the old file) and records its hash', async () => {
    dir = legacyStationCopy()
    const originalCatalog = fs.readFileSync(path.join(dir, 'station.json'))
    const linesBefore = fs.readFileSync(path.join(dir, 'journal.ndjson'), 'utf8').trim().split('\n')
    core = await createCore({ dataDir: dir, host: 'cli' })
    const station = core.station

    // Every line parsed into a typed event, oldest first, none without a version.
    const entries = [...station.journal.entries()]
    expect(entries).toHaveLength(linesBefore.length + 1)
    const legacyTypes = new Set(entries.slice(0, linesBefore.length).map((e) => e.type))
    const known = EVENT_DEFS.map((d) => d.type).filter((t) => t !== 'catalog.written')
    expect([...legacyTypes].sort()).toEqual([...known].sort())
    // What the earlier Kiln showed for this station, the typed reader shows too (the snapshot was
    // taken with the code of commit 4ea823b; the new catalog.written entry is its only addition).
    const expected = JSON.parse(
      fs.readFileSync(
        path.join(REPO_ROOT, 'test', 'fixtures', 'legacy-station-expected.json'),
        'utf8'
      )
    ) as Record<string, unknown>
    const audit = (await call('audit:list', {})) as {
      entries: Array<{ type: string }>
      total: number
    }
    const newRows = audit.entries.filter((e) => e.type === 'catalog.written')
    expect(newRows).toHaveLength(1)
    expect({
      counts: station.status().counts,
      awards: await call('awards:list', {}),
      recipients: await call('recipients:list', {}),
      checkins: await call('checkins:list', {}),
      audit: {
        entries: audit.entries.filter((e) => e.type !== 'catalog.written'),
        total: audit.total - 1
      },
      summary: withoutClock(
        await call('analytics:summary', {
          from: '2026-12-01',
          to: '2026-12-03',
          bucket: 'day'
        })
      ),
      keys: await call('keys:list', {})
    }).toEqual({ ...expected, summary: withoutClock(expected.summary) })

    // The catalog was migrated: the old bytes are kept beside it, the new hash is journaled.
    const catalogFile = path.join(dir, 'station.json')
    const catalog = JSON.parse(fs.readFileSync(catalogFile, 'utf8')) as { schemaVersion: number }
    expect(catalog.schemaVersion).toBe(2)
    const aside = fs.readdirSync(dir).filter((n) => /^station\.json\.v0-.*\.bak$/.test(n))
    expect(aside).toHaveLength(1)
    expect(fs.readFileSync(path.join(dir, aside[0] ?? '')).equals(originalCatalog)).toBe(true)
    const last = entries.at(-1)
    expect(last?.type).toBe('catalog.written')
    if (last?.type === 'catalog.written') {
      expect(last.data.sha256).toBe(sha256Hex(fs.readFileSync(catalogFile)))
      expect(last.v).toBe(1)
    }
    expect(fs.existsSync(path.join(dir, 'journal.seal'))).toBe(true)
    expect(verifyJournal(path.join(dir, 'journal.ndjson')).ok).toBe(true)
  })

  it('unlocks with its passphrase, awards, and reopens without migrating again', async () => {
    dir = legacyStationCopy()
    core = await createCore({ dataDir: dir, host: 'cli' })
    await call('station:unlock', { passphrase: LEGACY_PASSPHRASE })
    const badgeId = core.station.catalog.badges[0]?.id ?? ''
    const award = (await call('awards:issue', {
      badgeId,
      email: 'new@example.org',
      name: 'New Person'
    })) as { id: string }
    const { credential } = (await call('credentials:get', { id: award.id })) as {
      credential: unknown
    }
    expect((await verifyCredential(credential, { email: 'new@example.org' })).valid).toBe(true)
    await core.close()
    core = await createCore({ dataDir: dir, host: 'cli' })
    expect(core.station.journal.verification.mode).toBe('sealed')
    expect(core.station.awards.size).toBe(7)
    expect(fs.readdirSync(dir).filter((n) => n.endsWith('.bak'))).toHaveLength(1)
  })
})
