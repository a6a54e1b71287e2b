import fs from 'node:fs'
import path from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import { createCore, type Core } from '../create-core.js'
import { verifyCredential } from '../credentials/verify.js'
import { verifyJournal } from '../storage/journal.js'
import { sha256Hex } from '../storage/journal-lines.js'
import { EVENT_DEFS } from './registry.js'
import {
  LEGACY_PASSPHRASE,
  legacyStationCopy,
  MAIN_STATION_PASSPHRASE,
  mainStationCopy
} from '../catalog/test-support/legacy.js'
import { smtpAccess } from '../delivery/mail-settings.js'
import { openTargetSecret, findTarget } from '../publish/target-store.js'
import { personalPageKey } from '../site/personal-pages.js'
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

/** Event types written first by publishing and delivery (test/fixtures/main-station holds them). */
const LATER_TYPES: readonly string[] = [
  'site.published',
  'delivery.queued',
  'delivery.sending',
  'delivery.sent',
  'delivery.deferred',
  'delivery.failed',
  'delivery.cancelled',
  'delivery.retried',
  'recipient.badgeImported',
  'recipient.badgeImportRemoved'
]
/** Types newer than both fixture stations (desk mode). */
const NEWER_TYPES: readonly string[] = ['desk.entered', 'desk.left', 'desk.refused']

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
    // Every type Kiln wrote then (publishing and delivery came later: main-station below).
    const known = EVENT_DEFS.map((d) => d.type).filter(
      (t) => t !== 'catalog.written' && !LATER_TYPES.includes(t) && !NEWER_TYPES.includes(t)
    )
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
    expect(catalog.schemaVersion).toBe(3)
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

describe('a station written by main just before the core merge (publishing, delivery, site)', () => {
  it('reads every event type it wrote, keeps every catalog section, and migrates once', async () => {
    dir = mainStationCopy()
    const before = JSON.parse(fs.readFileSync(path.join(dir, 'station.json'), 'utf8')) as {
      personalPages: { key: string }
      secrets: Record<string, unknown>
    }
    const lines = fs.readFileSync(path.join(dir, 'journal.ndjson'), 'utf8').trim().split('\n')
    core = await createCore({ dataDir: dir, host: 'cli' })
    const station = core.station
    const entries = [...station.journal.entries()]
    expect(entries).toHaveLength(lines.length + 1)
    const types = new Set<string>(entries.slice(0, lines.length).map((e) => e.type))
    expect(LATER_TYPES.filter((t) => !types.has(t))).toEqual([])

    // The outbox as main's Outbox screen showed it.
    const outbox = (await call('outbox:list', {})) as {
      total: number
      counts: Record<string, number>
    }
    expect(outbox.total).toBe(4)
    expect(outbox.counts).toMatchObject({ sent: 2, queued: 1, cancelled: 1, failed: 0 })
    const awards = (await call('awards:list', {})) as {
      awards: Array<{ id: string; recipientEmail: string }>
    }
    const idOf = (email: string): string =>
      awards.awards.find((a) => a.recipientEmail === email)?.id ?? ''
    const bo = (await call('outbox:get', { id: idOf('bo@guild.example.org') })) as {
      history: Array<{ event: string }>
    }
    expect(bo.history.map((h) => h.event)).toEqual([
      'queued',
      'sending',
      'deferred',
      'sending',
      'sent'
    ])
    const nobody = (await call('outbox:get', { id: idOf('nobody@guild.example.org') })) as {
      state: string
      history: Array<{ event: string }>
    }
    expect(nobody.state).toBe('queued')
    expect(nobody.history.map((h) => h.event)).toEqual(['queued', 'sending', 'failed', 'retried'])

    // Imported badges, settings, personal pages and publishing survive the catalog's schema.
    const ana = station.recipients.idForEmail('ana@guild.example.org') ?? ''
    const imported = (await call('recipients:importedBadges', { recipientId: ana })) as {
      badges: Array<{ id: string }>
    }
    expect(imported.badges.map((b) => b.id)).toEqual(['imp-kept'])
    expect(await call('site:settings', {})).toMatchObject({
      settings: { language: 'de', brandColor: '#1f4e79' }
    })
    // The page keeps the address main gave it (the page key is kept, not made again).
    expect(await call('site:showcase', { recipientId: ana })).toMatchObject({
      badges: [{ awardId: idOf('ana@guild.example.org'), hidden: false }],
      pageUrl: `https://badges.guild.example.org/p/${personalPageKey(before.personalPages.key, ana)}.html`
    })
    expect(station.catalog.personalPages.key).toBe(before.personalPages.key)
    expect(await call('mail:settings', {})).toMatchObject({
      configured: true,
      smtp: { host: '127.0.0.1', user: 'kiln-sender', hasPassword: true },
      templates: { stationCustom: true }
    })
    const targets = (await call('publish:targets', {})) as {
      targets: Array<{ name: string; hasSecret: boolean; lastPublished?: { seq: number } }>
    }
    expect(targets.targets).toMatchObject([
      { name: 'share', hasSecret: false, lastPublished: { seq: 1 } },
      { name: 'cloud', hasSecret: true }
    ])
    expect(await call('publish:status', {})).toMatchObject({ target: 'share', waiting: 0 })

    // Migrated once (the old file kept), the hash now journaled; the sealed secrets open.
    const catalog = JSON.parse(fs.readFileSync(path.join(dir, 'station.json'), 'utf8')) as {
      schemaVersion: number
      secrets: Record<string, unknown>
    }
    expect(catalog.schemaVersion).toBe(3)
    expect(catalog.secrets).toEqual(before.secrets)
    expect(fs.readdirSync(dir).filter((n) => /^station\.json\.v0-.*\.bak$/.test(n))).toHaveLength(1)
    expect(entries.at(-1)?.type).toBe('catalog.written')
    await call('station:unlock', { passphrase: MAIN_STATION_PASSPHRASE })
    expect(smtpAccess(station).password).toBe('sink password 7f3a!')
    expect(openTargetSecret(station, findTarget(station, 'cloud'))).toEqual({
      secretAccessKey: 'the s3 secret key'
    })
  })
})
