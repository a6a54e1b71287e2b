import fs from 'node:fs'
import path from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import { createCore, type Core } from '../create-core.js'
import { readSeal, sealOf, sealText } from '../storage/journal-seal.js'
import { KIT_PASSPHRASE, freshKit, type Kit } from '../awards/test-support/station-kit.js'

let kit: Kit | undefined
let core: Core | undefined
afterEach(async () => {
  await core?.close()
  core = undefined
  await kit?.close()
  kit = undefined
})

const ctx = { host: 'web' } as const

async function awardedStation(): Promise<Kit> {
  kit = await freshKit()
  for (const name of ['Ana', 'Bo', 'Cy']) {
    await kit.call('awards:issue', {
      badgeId: kit.badgeId,
      email: `${name.toLowerCase()}@example.org`,
      name
    })
  }
  await kit.core.close()
  return kit
}

/**
 * Damage the seal cannot see: one byte of a middle line changed, then the seal rewritten to the
 * file's new identity (as if the bytes changed under the file system: a disk error).
 */
function damageBehindTheSeal(dir: string): number {
  const journal = path.join(dir, 'journal.ndjson')
  const sealFile = path.join(dir, 'journal.seal')
  const seal = readSeal(sealFile)
  if (!seal) throw new Error('no seal')
  const bytes = fs.readFileSync(journal)
  const at = bytes.indexOf('"recipientName":"Bo"') + '"recipientName":"B'.length
  bytes[at] = 'x'.charCodeAt(0)
  fs.writeFileSync(journal, bytes)
  const stat = fs.statSync(journal, { bigint: true })
  fs.writeFileSync(sealFile, sealText(sealOf(stat, seal.seq, seal.head)))
  return bytes.subarray(0, at).toString('utf8').split('\n').length
}

describe('the background check after a sealed open', () => {
  it('passes on an intact journal', async () => {
    const { dir } = await awardedStation()
    core = await createCore({ dataDir: dir, host: 'web' })
    expect(core.station.journal.verification.mode).toBe('sealed')
    await core.station.integrity.finished()
    expect(core.station.integrity.state).toBe('passed')
    expect(core.station.status().refusedWrites).toBeUndefined()
  })

  it('finds damage the seal could not see, and then refuses every change (reads still work)', async () => {
    const { dir, badgeId } = await awardedStation()
    const line = damageBehindTheSeal(dir)
    core = await createCore({ dataDir: dir, host: 'web' })
    expect(core.station.journal.verification.mode).toBe('sealed')
    await core.station.integrity.finished()
    expect(core.station.integrity.state).toBe('failed')
    const refused = core.station.status().refusedWrites
    expect(refused).toMatchObject({ code: 'JOURNAL_CORRUPT', details: { row: line + 1 } })
    expect(refused?.message).toMatch(
      new RegExp(`^journal\\.ndjson line ${line + 1}: prev does not match`)
    )

    const journalBefore = fs.readFileSync(path.join(dir, 'journal.ndjson'))
    // Unlocking (and locking) still work; every change is refused.
    const unlock = await core.dispatch('station:unlock', { passphrase: KIT_PASSPHRASE }, ctx)
    expect(unlock.ok).toBe(true)
    const award = await core.dispatch(
      'awards:issue',
      { badgeId, email: 'dee@example.org', name: 'Dee' },
      ctx
    )
    expect(award).toMatchObject({ ok: false, error: { code: 'JOURNAL_CORRUPT' } })
    const rule = await core.dispatch(
      'recipients:create',
      { name: 'Eve', email: 'eve@example.org' },
      ctx
    )
    expect(rule).toMatchObject({ ok: false, error: { code: 'JOURNAL_CORRUPT' } })
    const list = await core.dispatch('awards:list', {}, ctx)
    expect(list.ok).toBe(true)
    expect((await core.dispatch('station:lock', {}, ctx)).ok).toBe(true)
    expect(fs.readFileSync(path.join(dir, 'journal.ndjson')).equals(journalBefore)).toBe(true)

    // A one-shot CLI command runs no background check; `kiln audit verify` walks everything.
    const audit = await core.dispatch('audit:verify', {}, ctx)
    expect(audit).toMatchObject({ ok: true, value: { ok: false, firstBroken: { line: line + 1 } } })
  })
})
