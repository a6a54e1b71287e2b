import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { afterEach, beforeAll, describe, expect, it } from 'vitest'
import type { Result } from '../../../shared/result.js'
import { createCore, type Core } from '../create-core.js'
import { KilnFailure } from '../failure.js'
import { verifyJournal } from '../storage/journal.js'
import { unlockKey, readKeyFile } from '../keys/keystore.js'
import {
  CHUNK_BYTES,
  BackupFormatError,
  deriveBackupSecret,
  openBackup,
  sealBackup
} from './encrypted-backup.js'
import { readVerifiedBackup, restoreBackupFile } from './backup-files.js'
import { backupFileName, listBackupFiles } from './backup-folder.js'

const PASSPHRASE = 'correct horse battery staple'
const ctx = { host: 'web' } as const
const dirs: string[] = []
const cores: Core[] = []

function temp(): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'kiln-'))
  dirs.push(dir)
  return dir
}

function must<T>(result: Result<unknown>): T {
  if (!result.ok) throw new Error(`${result.error.code}: ${result.error.message}`)
  return result.value as T
}

async function openStation(dataDir = temp()): Promise<Core> {
  const core = await createCore({ dataDir, host: 'web' })
  cores.push(core)
  return core
}

async function newStation(): Promise<Core> {
  const core = await openStation()
  must(
    await core.dispatch(
      'station:init',
      {
        issuerName: 'Example Association',
        issuerUrl: 'https://example.org/',
        siteUrl: 'https://badges.example.org/',
        passphrase: PASSPHRASE
      },
      ctx
    )
  )
  return core
}

async function award(core: Core, email: string): Promise<string> {
  const badge = must<{ id: string }>(
    await core.dispatch(
      'badges:create',
      { name: `Speaker ${email}`, description: 'Gave a talk', criteriaNarrative: 'Give a talk' },
      ctx
    )
  )
  must(await core.dispatch('badges:publish', { id: badge.id }, ctx))
  return must<{ id: string }>(
    await core.dispatch('awards:issue', { badgeId: badge.id, email, name: 'Ada Lovelace' }, ctx)
  ).id
}

beforeAll(() => {
  process.env.KILN_SCRYPT_N = '16384'
})

afterEach(async () => {
  for (const core of cores.splice(0)) await core.close()
  for (const dir of dirs.splice(0)) fs.rmSync(dir, { recursive: true, force: true })
})

describe('the kiln-backup/2 container', () => {
  it('round-trips several chunks and rejects a wrong passphrase, changed bytes and a cut file', async () => {
    const secret = await deriveBackupSecret(PASSPHRASE, 16384)
    const zip = new Uint8Array(CHUNK_BYTES * 2 + 1234)
    for (let i = 0; i < zip.length; i++) zip[i] = (i * 31) & 0xff
    const sealed = sealBackup(zip, secret, {
      stationId: 'st-1',
      createdAt: '2026-11-29T10:00:00.000Z'
    })
    const header = sealed.subarray(0, sealed.indexOf(10)).toString('utf8')
    expect(JSON.parse(header)).toMatchObject({ format: 'kiln-backup/2', stationId: 'st-1' })
    expect(
      Buffer.compare(Buffer.from(await openBackup(sealed, PASSPHRASE)), Buffer.from(zip))
    ).toBe(0)
    // The plaintext never appears in the sealed file.
    expect(sealed.indexOf(Buffer.from(zip.subarray(1000, 1064)))).toBe(-1)

    await expect(openBackup(sealed, 'not the passphrase')).rejects.toMatchObject({
      code: 'WRONG_PASSPHRASE'
    })
    const flipped = Buffer.from(sealed)
    flipped[flipped.length - 100] = (flipped[flipped.length - 100] ?? 0) ^ 1
    await expect(openBackup(flipped, PASSPHRASE)).rejects.toBeInstanceOf(BackupFormatError)
    const headerEnd = sealed.indexOf(10) + 1
    const cut = sealed.subarray(0, headerEnd + CHUNK_BYTES + 16) // the first chunk only
    await expect(openBackup(cut, PASSPHRASE)).rejects.toBeInstanceOf(BackupFormatError)
    const otherStation = Buffer.concat([
      Buffer.from(header.replace('"st-1"', '"st-2"') + '\n'),
      sealed.subarray(headerEnd)
    ])
    await expect(openBackup(otherStation, PASSPHRASE)).rejects.toBeInstanceOf(BackupFormatError)
  })
})

describe('backups of a station', () => {
  it('encrypts a backup, refuses a wrong passphrase on restore, and restores a station that checks out', async () => {
    const core = await newStation()
    const awardId = await award(core, 'ada@example.org')
    const out = path.join(temp(), 'station.kbak')
    const created = must<{ file: string; format: string }>(
      await core.dispatch('backup:create', { outFile: out }, ctx)
    )
    expect(created.format).toBe('kiln-backup/2')
    const bytes = fs.readFileSync(out)
    expect(bytes.includes(Buffer.from('ada@example.org'))).toBe(false)
    expect(bytes.subarray(0, 2).toString('latin1')).not.toBe('PK') // not a plain zip

    const target = path.join(temp(), 'restored')
    await expect(
      restoreBackupFile(out, target, { passphrase: 'wrong passphrase' })
    ).rejects.toMatchObject({
      code: 'WRONG_PASSPHRASE'
    })
    await expect(restoreBackupFile(out, target, {})).rejects.toMatchObject({ code: 'LOCKED' })
    expect(fs.existsSync(target)).toBe(false)

    const restored = await restoreBackupFile(out, target, { passphrase: PASSPHRASE })
    expect(restored.format).toBe('kiln-backup/2')
    expect(verifyJournal(path.join(target, 'journal.ndjson')).ok).toBe(true)
    const key = await unlockKey(await readKeyFile(path.join(target, 'key.json')), PASSPHRASE)
    expect(key.publicKeyMultibase).toBe(core.station.catalog.keys.at(-1)?.publicKeyMultibase)
    key.lock()
    const before = core.station.status()
    await core.close()
    cores.splice(cores.indexOf(core), 1)

    const back = await openStation(target)
    must(await back.dispatch('station:unlock', { passphrase: PASSPHRASE }, ctx))
    expect(back.station.status().key).toEqual(before.key)
    expect(back.station.awards.view(awardId)?.recipientEmail).toBe('ada@example.org')
    await award(back, 'grace@example.org')
    expect(back.station.awards.size).toBe(2)
    // Never over a station silently.
    await expect(restoreBackupFile(out, target, { passphrase: PASSPHRASE })).rejects.toBeInstanceOf(
      KilnFailure
    )
  })

  it('writes to the chosen folder, lists, keeps the last K, and schedules only when due and unlocked', async () => {
    const core = await newStation()
    const folder = path.join(temp(), 'backups')
    const inside = await core.dispatch(
      'backup:settings',
      { folder: path.join(core.station.paths.dataDir, 'b') },
      ctx
    )
    expect(inside.ok ? '' : inside.error.code).toBe('INVALID_INPUT')
    const relative = await core.dispatch('backup:settings', { folder: 'backups' }, ctx)
    expect(relative.ok ? '' : relative.error.code).toBe('INVALID_INPUT')
    const view = must<{ settings: { folder?: string; keep?: number }; canBackUp: boolean }>(
      await core.dispatch('backup:settings', { folder, keep: 2, intervalHours: 6 }, ctx)
    )
    expect(view.settings).toEqual({ folder, keep: 2, intervalHours: 6 })
    expect(view.canBackUp).toBe(true)

    // Older backups (by name) exist already; a new one is written and the oldest pruned.
    fs.mkdirSync(folder, { recursive: true })
    const stationId = core.station.catalog.stationId
    const old1 = backupFileName(stationId, new Date(Date.now() - 20 * 3_600_000))
    const old2 = backupFileName(stationId, new Date(Date.now() - 10 * 3_600_000))
    const foreign = backupFileName('another-station', new Date(Date.now() - 30 * 3_600_000))
    for (const name of [old1, old2, foreign]) fs.writeFileSync(path.join(folder, name), 'x')
    const made = must<{ file: string; removed: string[] }>(
      await core.dispatch('backup:create', {}, ctx)
    )
    expect(path.dirname(made.file)).toBe(folder)
    expect(made.removed).toEqual([old1])
    const list = must<{ files: { name: string; bytes: number }[] }>(
      await core.dispatch('backup:list', {}, ctx)
    )
    expect(list.files.map((f) => f.name)).toEqual([path.basename(made.file), old2])
    expect(fs.existsSync(path.join(folder, foreign))).toBe(true)
    expect((await readVerifiedBackup(made.file, PASSPHRASE)).format).toBe('kiln-backup/2')

    // The scheduler: not due right after a backup; due 6 hours later; waits while locked.
    const service = core.station.backups
    service.rememberPassphrase(PASSPHRASE)
    expect(await service.runDue(new Date())).toBe('not-due')
    expect(await service.runDue(new Date(Date.now() + 7 * 3_600_000))).toBe('written')
    expect((await listBackupFiles(folder, stationId)).length).toBe(2)
    service.forget()
    expect(await service.runDue(new Date(Date.now() + 14 * 3_600_000))).toBe('locked')
    expect((await service.view()).lastError).toMatch(/locked/)
    // Through the contract: locking forgets the backup key.
    must(await core.dispatch('station:lock', {}, ctx))
    const waiting = must<{ canBackUp: boolean }>(await core.dispatch('backup:settings', {}, ctx))
    expect(waiting.canBackUp).toBe(false)
    const locked = await core.dispatch('backup:create', {}, ctx)
    expect(locked.ok ? '' : locked.error.code).toBe('LOCKED')
  })
})

describe('changing the issuer profile', () => {
  it('changes the name freely, but the site URL after an award only when confirmed', async () => {
    const core = await newStation()
    must(await core.dispatch('station:updateProfile', { issuerName: 'Renamed Association' }, ctx))
    expect(core.station.catalog.issuer.name).toBe('Renamed Association')
    // Before any award the site may move (nothing issued points at it yet).
    must(
      await core.dispatch('station:updateProfile', { siteUrl: 'https://badges.example.net' }, ctx)
    )
    expect(core.station.catalog.issuer.id).toBe('did:web:badges.example.net')
    await award(core, 'ada@example.org')
    const refused = await core.dispatch(
      'station:updateProfile',
      { siteUrl: 'https://new.example.org/' },
      ctx
    )
    expect(refused.ok).toBe(false)
    if (!refused.ok) {
      expect(refused.error.code).toBe('CONFLICT')
      expect(refused.error.details).toMatchObject({
        breaking: true,
        awards: 1,
        issuerIdChanges: true
      })
    }
    expect(core.station.catalog.siteUrl).toBe('https://badges.example.net/')
    const moved = must<{ issuer: { id: string }; siteUrl: string }>(
      await core.dispatch(
        'station:updateProfile',
        { siteUrl: 'https://new.example.org/', confirmBreaking: true },
        ctx
      )
    )
    expect(moved.issuer.id).toBe('did:web:new.example.org')
    expect(
      core.station.catalog.keys.every((k) =>
        k.verificationMethod.startsWith('did:web:new.example.org#')
      )
    ).toBe(true)
    expect(core.station.catalog.statusList.url.startsWith('https://new.example.org/status/')).toBe(
      true
    )
    expect(verifyJournal(core.station.paths.journal).ok).toBe(true)
  })
})

describe('the key backup', () => {
  it('hands out key.json (still encrypted) only for the right passphrase, and journals it', async () => {
    const core = await newStation()
    const wrong = await core.dispatch('station:exportKey', { passphrase: 'not it at all' }, ctx)
    expect(wrong.ok ? '' : wrong.error.code).toBe('WRONG_PASSPHRASE')
    const out = must<{ keyJson: string; fileName: string; fingerprint: string }>(
      await core.dispatch('station:exportKey', { passphrase: PASSPHRASE }, ctx)
    )
    expect(out.keyJson).toBe(fs.readFileSync(core.station.paths.key, 'utf8'))
    expect(out.fingerprint).toBe(core.station.status().key?.fingerprint)
    const restored = await unlockKey(JSON.parse(out.keyJson), PASSPHRASE)
    expect(restored.publicKeyMultibase).toBe(core.station.catalog.keys.at(-1)?.publicKeyMultibase)
    restored.lock()
    expect(fs.readFileSync(core.station.paths.journal, 'utf8')).toContain('"key.exported"')
  })
})
