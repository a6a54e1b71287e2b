/** Test helpers: a real station in a temp directory with a published badge, driven through the contract. */
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { createCore, type Core, type CoreOptions } from '../../create-core.js'
import type { MethodInput, MethodName, MethodResults } from '../../../../shared/contract.js'
import type { KilnError } from '../../../../shared/result.js'
import { isJobOfKind, type JobKind, type JobState } from '../../../../shared/methods/jobs.js'
import type { Clock } from '../../clock.js'

export const KIT_PASSPHRASE = 'kit passphrase 123'

export type Kit = {
  dir: string
  core: Core
  badgeId: string
  call<M extends MethodName>(method: M, input: MethodInput<M>): Promise<MethodResults[M]>
  fails<M extends MethodName>(method: M, input: MethodInput<M>): Promise<KilnError>
  reopen(): Promise<void>
  close(): Promise<void>
}

/** Options of the kit's station beyond the clock (e.g. small status lists). */
export type KitOptions = Pick<CoreOptions, 'statusLists'>

export async function openKit(
  dir: string,
  clock?: Clock,
  options: KitOptions = {}
): Promise<Pick<Kit, 'core' | 'call' | 'fails'>> {
  const core = await createCore({
    dataDir: dir,
    host: 'cli',
    ...(clock ? { clock } : {}),
    ...options
  })
  const call = async <M extends MethodName>(
    method: M,
    input: MethodInput<M>
  ): Promise<MethodResults[M]> => {
    const result = await core.dispatch(method, input, { host: 'cli' })
    if (!result.ok) throw new Error(`${method}: ${result.error.code} ${result.error.message}`)
    return result.value as MethodResults[M]
  }
  const fails = async <M extends MethodName>(
    method: M,
    input: MethodInput<M>
  ): Promise<KilnError> => {
    const result = await core.dispatch(method, input, { host: 'cli' })
    if (result.ok) throw new Error(`${method} succeeded but was expected to fail`)
    return result.error
  }
  return { core, call, fails }
}

/** A fresh, unlocked station with one published badge (expiry optional; a clock to control time). */
export async function freshKit(
  badge: Partial<MethodInput<'badges:create'>> = {},
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'kiln-')),
  clock?: Clock,
  options: KitOptions = {}
): Promise<Kit> {
  process.env.KILN_SCRYPT_N ??= '16384'
  let opened = await openKit(dir, clock, options)
  await opened.call('station:init', {
    issuerName: 'Kit Association',
    issuerUrl: 'https://kit.example.org/',
    siteUrl: 'https://badges.kit.example.org/',
    passphrase: KIT_PASSPHRASE
  })
  const created = await opened.call('badges:create', {
    name: 'Kit Attendance',
    description: 'Attended.',
    criteriaNarrative: 'Attend a session.',
    ...badge
  })
  await opened.call('badges:publish', { id: created.id })
  const kit: Kit = {
    dir,
    badgeId: created.id,
    get core() {
      return opened.core
    },
    call: (m, i) => opened.call(m, i),
    fails: (m, i) => opened.fails(m, i),
    reopen: async () => {
      await opened.core.close()
      opened = await openKit(dir, clock, options)
      await opened.call('station:unlock', { passphrase: KIT_PASSPHRASE })
    },
    close: async () => {
      await opened.core.close()
      fs.rmSync(dir, { recursive: true, force: true })
    }
  }
  return kit
}

export function csvBase64(text: string): string {
  return Buffer.from(text, 'utf8').toString('base64')
}

export function peopleCsv(count: number, offset = 0): string {
  const lines = ['name,email']
  for (let i = offset; i < offset + count; i++) lines.push(`Person ${i},person.${i}@example.com`)
  return lines.join('\n') + '\n'
}

/** Waits for a job of the station and returns its final state, narrowed to its kind. */
export async function jobResult<K extends JobKind>(
  core: Core,
  jobId: string,
  kind: K
): Promise<Extract<JobState, { kind: K }>> {
  const state = await core.station.jobs.wait(jobId)
  if (!isJobOfKind(state, kind)) throw new Error(`job ${jobId} is a ${state.kind} job, not ${kind}`)
  return state
}
