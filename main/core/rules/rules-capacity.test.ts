/** A rules run whose awards would not fit in the station's status lists issues none of them. */
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { afterEach, expect, it } from 'vitest'
import type { MethodInput, MethodName, MethodResults } from '../../../shared/contract.js'
import { createCore, type Core } from '../create-core.js'

process.env.KILN_SCRYPT_N ??= '16384'
let dir = ''
let core: Core | undefined

async function call<M extends MethodName>(
  method: M,
  input: MethodInput<M>
): Promise<MethodResults[M]> {
  const result = await core?.dispatch(method, input, { host: 'cli' })
  if (!result?.ok) throw new Error(`${method}: ${JSON.stringify(result?.error)}`)
  return result.value as MethodResults[M]
}

afterEach(async () => {
  await core?.station.autoRules.settle()
  await core?.close()
  core = undefined
  fs.rmSync(dir, { recursive: true, force: true })
})

it('refuses the whole pass before issuing when its awards exceed the remaining capacity', async () => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'kiln-rules-capacity-'))
  // One list of 8 entries (test-only limits; production: 1,000 lists of 131,072).
  core = await createCore({
    dataDir: dir,
    host: 'cli',
    statusLists: { entriesPerList: 8, maxLists: 1 }
  })
  await call('station:init', {
    issuerName: 'Example Guild',
    issuerUrl: 'https://example.org/',
    siteUrl: 'https://badges.example.org/',
    passphrase: 'correct horse battery staple'
  })
  const badge = async (name: string) => {
    const created = await call('badges:create', {
      name,
      description: `${name} badge`,
      criteriaNarrative: 'Earn it.'
    })
    await call('badges:publish', { id: created.id })
    return created.id
  }
  const member = await badge('Member')
  const potter = await badge('Potter')
  for (let i = 0; i < 6; i++) {
    await call('awards:issue', { badgeId: member, email: `m${i}@example.org`, name: `M ${i}` })
  }
  const rows = ['Email,Name,Session,Tags,Date']
  for (const who of ['ann', 'bob', 'cy']) {
    rows.push(`${who}@example.org,${who},Wheel 1,wheel,2026-01-05`)
  }
  await call('checkins:import', {
    csvBase64: Buffer.from(rows.join('\n') + '\n').toString('base64')
  })
  await call('rules:create', {
    name: 'Wheel',
    awardBadgeId: potter,
    kind: 'attendance',
    minSessions: 1,
    tag: 'wheel'
  })
  const run = await call('rules:run', { dryRun: false })
  expect(run.runs[0]?.error).toMatchObject({
    code: 'STATUS_LISTS_FULL',
    message: expect.stringMatching(/3 awards do not fit.*room for 2 more/)
  })
  expect(run.runs[0]?.awarded).toEqual([])
  expect(core.station.awards.size).toBe(6)
})
