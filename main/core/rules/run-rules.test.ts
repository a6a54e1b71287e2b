import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import type { MethodInput, MethodName, MethodResults } from '../../../shared/contract.js'
import { createCore, type Core } from '../create-core.js'
import { legacyStationCopy } from '../catalog/test-support/legacy.js'

process.env.KILN_SCRYPT_N = '16384'
const PASSPHRASE = 'correct horse battery staple'

let dir = ''
let core: Core

async function call<M extends MethodName>(
  method: M,
  input: MethodInput<M>
): Promise<MethodResults[M]> {
  const result = await core.dispatch(method, input, { host: 'cli' })
  if (!result.ok) throw new Error(`${method}: ${result.error.code} ${result.error.message}`)
  return result.value as MethodResults[M]
}

async function callError(method: MethodName, input: unknown): Promise<string> {
  const result = await core.dispatch(method, input, { host: 'cli' })
  if (result.ok) throw new Error(`${method} unexpectedly succeeded`)
  return result.error.code
}

async function badge(name: string, credits?: number, publish = true): Promise<string> {
  const created = await call('badges:create', {
    name,
    description: `${name} badge`,
    criteriaNarrative: 'Earn it.',
    ...(credits !== undefined ? { creditsAvailable: credits } : {})
  })
  if (publish) await call('badges:publish', { id: created.id })
  return created.id
}

const csv = (lines: string[]): string =>
  Buffer.from(lines.join('\n') + '\n', 'utf8').toString('base64')
const journalTypes = (): string[] =>
  fs
    .readFileSync(path.join(dir, 'journal.ndjson'), 'utf8')
    .trim()
    .split('\n')
    .map((l) => (JSON.parse(l) as { type: string }).type)
const ruleRuns = (): Record<string, unknown>[] =>
  fs
    .readFileSync(path.join(dir, 'journal.ndjson'), 'utf8')
    .trim()
    .split('\n')
    .map((l) => JSON.parse(l) as { type: string; data: Record<string, unknown> })
    .filter((e) => e.type === 'rule.run')
    .map((e) => e.data)

beforeEach(async () => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'kiln-rules-'))
  core = await createCore({ dataDir: dir, host: 'cli' })
  await call('station:init', {
    issuerName: 'Example Guild',
    issuerUrl: 'https://example.org/',
    siteUrl: 'https://badges.example.org/',
    passphrase: PASSPHRASE
  })
})
afterEach(async () => {
  await core.station.autoRules.settle()
  await core.close()
  fs.rmSync(dir, { recursive: true, force: true })
})

const CHECKINS = [
  'Email,Name,Session,Tags,Date',
  'ann@example.org,Ann Alder,Wheel 1,wheel;clay,2026-01-05',
  'ANN@example.org ,Ann Alder,Wheel 2,Wheel|glaze,2026-01-12',
  'bob@example.org,Bob Birch,Wheel 1,wheel,2026-01-05',
  'bob@example.org,Bob Birch,Wheel 1,wheel,2026-01-05',
  'cy@example.org,Cy Cedar,Glaze 1,glaze;wheel,2026-01-06',
  'cy@example.org,Cy Cedar,Wheel 3,WHEEL,2026-01-19'
]

describe('check-ins', () => {
  it('imports rows, counts duplicates, and keeps them across a reopen', async () => {
    const first = await call('checkins:import', { csvBase64: csv(CHECKINS) })
    expect(first).toMatchObject({ committed: true, imported: 5, duplicates: 1, rejected: [] })
    const again = await call('checkins:import', { csvBase64: csv(CHECKINS) })
    expect(again).toMatchObject({ committed: true, imported: 0, duplicates: 6 })
    expect(journalTypes().filter((t) => t === 'checkin.imported')).toHaveLength(5)
    await core.close()
    core = await createCore({ dataDir: dir, host: 'cli' })
    const ann = await call('checkins:list', { recipientEmail: 'Ann@Example.org' })
    expect(ann.checkins.map((c) => c.session)).toEqual(['Wheel 1', 'Wheel 2'])
    expect(ann.checkins[1]?.tags).toEqual(['Wheel', 'glaze'])
  })

  it('rejects a file with bad rows as a whole, with row, field and reason, unless valid rows are accepted', async () => {
    const bad = csv([
      'E-mail,Member ID,Name,Session,Tags,Date',
      'ann@example.org,,Ann,Wheel 1,wheel,2026-01-05',
      'not-an-email,,Bob,Wheel 1,wheel,2026-01-05',
      ',,Cy,Wheel 1,wheel,2026-01-05',
      'dee@example.org,,Dee,,wheel,2026-02-30',
      ',M-9,Eve,Wheel 1,wheel,05/01/2026'
    ])
    const blocked = await call('checkins:import', { csvBase64: bad })
    expect(blocked.committed).toBe(false)
    expect(blocked.rejected).toEqual([
      { row: 3, field: 'email', message: '"not-an-email" is not an e-mail address' },
      { row: 4, field: 'email', message: 'give an e-mail or a member id' },
      { row: 5, field: 'session', message: 'the session is empty' },
      { row: 5, field: 'date', message: '"2026-02-30" is not a calendar date' },
      { row: 6, field: 'date', message: '"05/01/2026" is not a date; write it as YYYY-MM-DD' }
    ])
    expect(journalTypes()).not.toContain('checkin.imported')
    const accepted = await call('checkins:import', { csvBase64: bad, acceptValidRows: true })
    expect(accepted).toMatchObject({ committed: true, imported: 1 })
  })

  it('rows with only a member id take the e-mail known for it; unknown ones are skipped with no-email', async () => {
    const potter = await badge('Potter')
    await call('checkins:import', {
      csvBase64: csv([
        'Email,Member ID,Name,Session,Tags,Date',
        'ann@example.org,M-1,Ann Alder,Wheel 1,wheel,2026-01-05',
        ',M-1,Ann Alder,Wheel 2,wheel,2026-01-12',
        ',M-9,Nobody Known,Wheel 1,wheel,2026-01-05',
        ',M-9,Nobody Known,Wheel 2,wheel,2026-01-12'
      ])
    })
    const ann = await call('checkins:list', { recipientEmail: 'ann@example.org' })
    expect(ann.total).toBe(2)
    await call('rules:create', {
      name: 'Two',
      awardBadgeId: potter,
      kind: 'attendance',
      minSessions: 2,
      tag: 'wheel'
    })
    const dry = await call('rules:run', { dryRun: true })
    expect(dry.runs[0]?.wouldAward.map((c) => c.recipientEmail)).toEqual(['ann@example.org'])
    expect(dry.runs[0]?.skipped).toEqual([
      { recipientEmail: '', memberId: 'M-9', name: 'Nobody Known', reason: 'no-email' }
    ])
  })

  it('a file without a session column is refused as a whole', async () => {
    expect(
      await callError('checkins:import', {
        csvBase64: csv(['Email,Name,Date', 'a@b.org,A,2026-01-01'])
      })
    ).toBe('CSV_INVALID')
  })
})

describe('rules', () => {
  it('dry run lists who would be awarded and issues nothing; a real run awards them once', async () => {
    const potter = await badge('Potter')
    await call('checkins:import', { csvBase64: csv(CHECKINS) })
    const rule = await call('rules:create', {
      name: 'Two wheel sessions',
      awardBadgeId: potter,
      kind: 'attendance',
      minSessions: 2,
      tag: 'wheel'
    })
    expect(rule).toMatchObject({ enabled: true, kind: 'attendance', minSessions: 2, tag: 'wheel' })

    const dry = await call('rules:run', { dryRun: true })
    expect(dry.runs).toHaveLength(1)
    expect(dry.runs[0]?.wouldAward.map((c) => c.recipientEmail).sort()).toEqual([
      'ann@example.org',
      'cy@example.org'
    ])
    expect(dry.runs[0]?.awarded).toEqual([])
    expect(core.station.awards.size).toBe(0)

    const real = await call('rules:run', { dryRun: false, operator: 'tester' })
    const awarded = real.runs[0]?.awarded ?? []
    expect(awarded.map((c) => c.name).sort()).toEqual(['Ann Alder', 'Cy Cedar'])
    for (const a of awarded) {
      const { award, credential } = await call('credentials:get', { id: a.awardId ?? '' })
      expect(award.badgeId).toBe(potter)
      const report = await call('credentials:verify', { credential, email: a.recipientEmail })
      expect(report.valid).toBe(true)
    }
    const second = await call('rules:run', { dryRun: false })
    expect(second.runs[0]?.awarded).toEqual([])
    expect(second.runs[0]?.skipped.map((s) => s.reason)).toEqual(['already-holds', 'already-holds'])
    expect(core.station.awards.size).toBe(2)

    const runs = ruleRuns()
    expect(runs).toHaveLength(3)
    expect(runs[0]).toMatchObject({
      ruleId: rule.id,
      dryRun: true,
      trigger: 'manual',
      counts: { eligible: 2, awarded: 0 },
      awardIds: []
    })
    expect(runs[1]).toMatchObject({
      dryRun: false,
      operator: 'tester',
      counts: { eligible: 2, awarded: 2 }
    })
    expect((runs[1]?.awardIds as string[]).sort()).toEqual(awarded.map((a) => a.awardId).sort())
    expect(runs[2]).toMatchObject({ counts: { eligible: 0, awarded: 0, alreadyHold: 2 } })
  })

  it('chains pathway and credit rules in one run, and a revoked award stops counting', async () => {
    const a = await badge('Intro', 0.5)
    const b = await badge('Glazing', 0.75)
    const c = await badge('Journeyman')
    const ce = await badge('CE 1.25')
    await call('awards:issue', { badgeId: a, email: 'ann@example.org', name: 'Ann Alder' })
    await call('awards:issue', { badgeId: a, email: 'bob@example.org', name: 'Bob Birch' })
    const bobB = await call('awards:issue', {
      badgeId: b,
      email: 'bob@example.org',
      name: 'Bob Birch'
    })
    await call('awards:revoke', { id: bobB.id, reason: 'issued by mistake' })
    // Let the automatic run those awards scheduled pass (there are no rules yet).
    await new Promise((r) => setTimeout(r, 300))
    await core.station.autoRules.settle()
    await call('checkins:import', {
      csvBase64: csv([
        'Email,Name,Session,Tags,Date',
        'ann@example.org,Ann Alder,Glaze 1,glaze,2026-01-06'
      ])
    })
    await call('rules:create', {
      name: 'Glaze',
      awardBadgeId: b,
      kind: 'attendance',
      minSessions: 1,
      tag: 'GLAZE'
    })
    await call('rules:create', {
      name: 'Journeyman',
      awardBadgeId: c,
      kind: 'pathway',
      requiredBadgeIds: [a, b]
    })
    await call('rules:create', { name: 'CE', awardBadgeId: ce, kind: 'credits', minCredits: 1.25 })

    const dry = await call('rules:run', { dryRun: true })
    expect(dry.runs.map((r) => [r.ruleName, r.wouldAward.map((x) => x.recipientEmail)])).toEqual([
      ['Glaze', ['ann@example.org']],
      ['Journeyman', ['ann@example.org']],
      ['CE', ['ann@example.org']]
    ])
    const real = await call('rules:run', { dryRun: false })
    expect(real.runs.map((r) => r.awarded.length)).toEqual([1, 1, 1])
    const bobHolds = core.station.awards
      .list()
      .filter((x) => x.recipientEmail === 'bob@example.org' && x.status !== 'revoked')
    expect(bobHolds.map((x) => x.badgeId)).toEqual([a])
  })

  it('runs by itself after a check-in import and after an award, only for enabled rules and when unlocked', async () => {
    const potter = await badge('Potter')
    const master = await badge('Master')
    await call('rules:create', {
      name: 'One session',
      awardBadgeId: potter,
      kind: 'attendance',
      minSessions: 1,
      tag: 'wheel'
    })
    await call('rules:create', {
      name: 'Master',
      awardBadgeId: master,
      kind: 'pathway',
      requiredBadgeIds: [potter],
      enabled: false
    })
    const imported = await call('checkins:import', { csvBase64: csv(CHECKINS.slice(0, 2)) })
    expect(imported.autoRun?.trigger).toBe('checkins')
    expect(imported.autoRun?.runs.map((r) => r.awarded.length)).toEqual([1])
    expect(core.station.awards.list().map((x) => x.badgeId)).toEqual([potter])

    // An award made at the desk: the enabled pathway (now enabled) follows it.
    const rules = await call('rules:list', {})
    const masterRule = rules.rules.find((r) => r.awardBadgeId === master)
    if (!masterRule || masterRule.kind !== 'pathway') throw new Error('no master rule')
    await call('rules:update', {
      ...masterRule,
      requiredBadgeIds: [...masterRule.requiredBadgeIds],
      enabled: true
    })
    await call('awards:issue', { badgeId: potter, email: 'zed@example.org', name: 'Zed Zelkova' })
    await new Promise((r) => setTimeout(r, 400))
    await core.station.autoRules.settle()
    const masters = core.station.awards
      .list()
      .filter((x) => x.badgeId === master)
      .map((x) => x.recipientEmail)
      .sort()
    expect(masters).toEqual(['ann@example.org', 'zed@example.org'])
    expect(ruleRuns().map((r) => r.trigger)).toEqual(['checkins', 'awards'])

    // Locked: imports still work, no automatic awards, a real run is refused, a dry run works.
    await call('station:lock', {})
    const later = await call('checkins:import', {
      csvBase64: csv([
        'Email,Name,Session,Tags,Date',
        'new@example.org,New One,W9,wheel,2026-03-01'
      ])
    })
    expect(later).toMatchObject({ committed: true, imported: 1 })
    expect(later.autoRun).toBeUndefined()
    expect(await callError('rules:run', { dryRun: false })).toBe('LOCKED')
    const dry = await call('rules:run', { dryRun: true })
    expect(dry.runs[0]?.wouldAward.map((x) => x.recipientEmail)).toEqual(['new@example.org'])
  })

  it('validates rules: unknown badges, a rule requiring its own badge, and a draft badge reported at run time', async () => {
    const draft = await badge('Draft', undefined, false)
    const a = await badge('A')
    expect(
      await callError('rules:create', {
        name: 'x',
        awardBadgeId: 'nope',
        kind: 'pathway',
        requiredBadgeIds: [a]
      })
    ).toBe('NOT_FOUND')
    expect(
      await callError('rules:create', {
        name: 'x',
        awardBadgeId: a,
        kind: 'pathway',
        requiredBadgeIds: [a]
      })
    ).toBe('INVALID_INPUT')
    expect(
      await callError('rules:create', {
        name: 'x',
        awardBadgeId: a,
        kind: 'attendance',
        minSessions: 0,
        tag: 't'
      })
    ).toBe('INVALID_INPUT')
    const rule = await call('rules:create', {
      name: 'To draft',
      awardBadgeId: draft,
      kind: 'pathway',
      requiredBadgeIds: [a]
    })
    await call('awards:issue', { badgeId: a, email: 'ann@example.org', name: 'Ann' })
    const run = await call('rules:run', { dryRun: false, ruleId: rule.id })
    expect(run.runs[0]?.error?.code).toBe('BADGE_NOT_PUBLISHED')
    expect(run.runs[0]?.awarded).toEqual([])
    await call('rules:delete', { id: rule.id })
    expect((await call('rules:list', {})).rules).toEqual([])
  })

  it('a catalog written before rules existed opens with no rules', async () => {
    await core.close()
    // A station from before catalog hashes (their first open records one): the file as an
    // older Kiln, from before rules, would have written it.
    fs.rmSync(dir, { recursive: true, force: true })
    dir = legacyStationCopy()
    const file = path.join(dir, 'station.json')
    const data = JSON.parse(fs.readFileSync(file, 'utf8')) as Record<string, unknown>
    delete data.rules
    fs.writeFileSync(file, JSON.stringify(data))
    core = await createCore({ dataDir: dir, host: 'cli' })
    expect((await call('rules:list', {})).rules).toEqual([])
  })
})
