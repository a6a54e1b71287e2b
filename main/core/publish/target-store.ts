/**
 * Publish targets and publishing settings, kept in station.json under `publish` (parsed with
 * zod on every read: the file is input like any other). A target's secret (a password, a
 * private key and its passphrase, an S3 secret key) is sealed by the station key under the
 * purpose "publish:<name>" (keys/secrets.ts) and never leaves the core.
 */
import path from 'node:path'
import { parseSshKey } from './transports/ssh2-lib.js'
import { z } from 'zod'
import type {
  PublishSettingsView,
  PublishTargetView,
  targetInputSchema
} from '../../../shared/methods/publish.js'
import type { Station } from '../station/station.js'
import { fail } from '../failure.js'
import { deleteSecret, hasSecret, putSecret, readSecret } from '../keys/secrets.js'
import {
  publishSectionSchema,
  type Pin,
  type PublishSection,
  type PublishTarget
} from './targets-schema.js'

export type { Pin, PublishSection, PublishTarget } from './targets-schema.js'

/** What a target's sealed secret holds (JSON inside the sealed string). */
const secretSchema = z.union([
  z.strictObject({ password: z.string() }),
  z.strictObject({ privateKey: z.string(), passphrase: z.string().optional() }),
  z.strictObject({ secretAccessKey: z.string() })
])
export type TargetSecret = z.infer<typeof secretSchema>

export const secretPurpose = (name: string): string => `publish:${name}`

/** The section as the catalog holds it (checked by the catalog's schema when it was read). */
export function readSection(station: Station): PublishSection {
  return station.catalog.publish ?? { targets: [], auto: false, defaultTarget: null }
}

export async function writeSection(station: Station, section: PublishSection): Promise<void> {
  station.catalog.publish = publishSectionSchema.parse(section)
  await station.saveCatalog()
}

export function findTarget(station: Station, name: string): PublishTarget {
  const target = readSection(station).targets.find(
    (t) => t.name.toLowerCase() === name.toLowerCase()
  )
  if (!target) {
    fail('NOT_FOUND', `There is no publish target named "${name}".`, { field: 'name' })
  }
  return target
}

/** The target to use when none is named: the default, else the only one. */
export function chooseTarget(station: Station, name: string | undefined): PublishTarget {
  if (name !== undefined) return findTarget(station, name)
  const section = readSection(station)
  if (section.defaultTarget !== null) return findTarget(station, section.defaultTarget)
  if (section.targets.length === 1 && section.targets[0]) return section.targets[0]
  fail(
    'INVALID_INPUT',
    section.targets.length === 0
      ? 'There is no publish target yet: add one (kiln publish targets add, or Settings → Publish).'
      : `There are ${section.targets.length} publish targets: name one (--target NAME) or choose a default.`,
    { field: 'target' }
  )
}

/** Where the target is, as one line (no secret). */
export function locationOf(t: PublishTarget): string {
  switch (t.kind) {
    case 'folder':
      return t.path
    case 'sftp':
      return `sftp://${t.user}@${t.host}:${t.port}${t.path.startsWith('/') ? '' : '/~/'}${t.path}`
    case 'ftp':
      return `${t.secure ? 'ftps' : 'ftp'}://${t.user}@${t.host}:${t.port}${t.path.startsWith('/') ? '' : '/'}${t.path}`
    case 's3':
      return `s3://${t.bucket}/${t.prefix} (${t.endpoint})`
  }
}

/** Changing any of these points the target at another place: its pin and record no longer apply. */
function placeOf(t: PublishTarget): string {
  const { name: _n, createdAt: _c, ...rest } = t
  const place: Record<string, unknown> = { ...rest }
  delete place.pinned
  delete place.auth
  delete place.accessKeyId
  return JSON.stringify(place)
}

export function targetView(station: Station, t: PublishTarget): PublishTargetView {
  const { createdAt, ...fields } = t
  const view: Record<string, unknown> = { ...fields }
  delete view.auth
  return {
    ...(view as Omit<PublishTargetView, 'location' | 'hasSecret' | 'createdAt'>),
    location: locationOf(t),
    hasSecret: hasSecret(station.catalog, secretPurpose(t.name)),
    ...(t.kind === 'sftp' ? { authentication: t.auth } : {}),
    createdAt
  }
}

function checkPrivateKey(privateKey: string, passphrase: string | undefined): void {
  const parsed = parseSshKey(privateKey, passphrase)
  if (parsed instanceof Error) {
    const encrypted = /encrypted|passphrase|decrypt/i.test(parsed.message)
    fail(
      'INVALID_INPUT',
      !encrypted
        ? 'The private key is not an OpenSSH or PEM private key Kiln can read.'
        : passphrase === undefined
          ? 'The private key is protected by a passphrase: give it as the target secret (KILN_TARGET_SECRET).'
          : 'The passphrase does not open the private key: give the key’s own passphrase as the target secret (KILN_TARGET_SECRET).',
      { field: encrypted ? 'secret' : 'privateKey' }
    )
  }
}

type TargetInput = z.output<typeof targetInputSchema>

function secretFor(input: TargetInput): TargetSecret | undefined {
  switch (input.kind) {
    case 'folder':
      return undefined
    case 'sftp':
      if (input.privateKey !== undefined) {
        checkPrivateKey(input.privateKey, input.secret)
        return {
          privateKey: input.privateKey,
          ...(input.secret !== undefined ? { passphrase: input.secret } : {})
        }
      }
      return input.secret !== undefined ? { password: input.secret } : undefined
    case 'ftp':
      return input.secret !== undefined ? { password: input.secret } : undefined
    case 's3':
      return input.secret !== undefined ? { secretAccessKey: input.secret } : undefined
  }
}

function recordFor(input: TargetInput, createdAt: string, previous?: PublishTarget): PublishTarget {
  switch (input.kind) {
    case 'folder':
      return { kind: 'folder', name: input.name, createdAt, path: path.resolve(input.path) }
    case 'sftp': {
      const auth =
        input.privateKey !== undefined
          ? 'key'
          : input.secret !== undefined
            ? 'password'
            : previous?.kind === 'sftp'
              ? previous.auth
              : 'password'
      return {
        kind: 'sftp',
        name: input.name,
        createdAt,
        host: input.host,
        port: input.port,
        user: input.user,
        path: input.path,
        auth
      }
    }
    case 'ftp':
      return {
        kind: 'ftp',
        name: input.name,
        createdAt,
        host: input.host,
        port: input.port,
        user: input.user,
        secure: input.secure,
        path: input.path
      }
    case 's3':
      return {
        kind: 's3',
        name: input.name,
        createdAt,
        endpoint: input.endpoint.replace(/\/+$/, ''),
        region: input.region,
        bucket: input.bucket,
        prefix: input.prefix.replace(/^\/+/, ''),
        pathStyle: input.pathStyle,
        accessKeyId: input.accessKeyId
      }
  }
}

export type SaveOutcome = Readonly<{ target: PublishTarget; movedPlace: boolean }>

/**
 * Creates or replaces a target. A new secret is sealed at once (the station must be unlocked);
 * without one, a replaced target keeps its saved secret. Pointing a target at another place
 * forgets its pinned host key.
 */
export async function saveTarget(station: Station, input: TargetInput): Promise<SaveOutcome> {
  const section = readSection(station)
  const index = section.targets.findIndex((t) => t.name.toLowerCase() === input.name.toLowerCase())
  const previous = index >= 0 ? section.targets[index] : undefined
  if (previous && previous.kind !== input.kind) {
    fail(
      'CONFLICT',
      `The target "${previous.name}" is a ${previous.kind} target; remove it first to make it a ${input.kind} target.`,
      { field: 'kind' }
    )
  }
  const secret = secretFor(input)
  const name = previous?.name ?? input.name
  const purpose = secretPurpose(name)
  if (input.kind !== 'folder' && secret === undefined && !hasSecret(station.catalog, purpose)) {
    const what =
      input.kind === 's3'
        ? 'the secret access key'
        : input.kind === 'sftp'
          ? 'a password or a private key'
          : 'the password'
    fail(
      'INVALID_INPUT',
      `The target needs ${what}: set KILN_TARGET_SECRET (or type it when asked).`,
      { field: 'secret' }
    )
  }
  let record = recordFor(
    { ...input, name },
    previous?.createdAt ?? new Date().toISOString(),
    previous
  )
  const movedPlace = previous !== undefined && placeOf(previous) !== placeOf(record)
  if (
    previous &&
    !movedPlace &&
    'pinned' in previous &&
    previous.pinned &&
    record.kind !== 'folder'
  ) {
    if (record.kind === 'sftp' || record.kind === 'ftp') {
      record = { ...record, pinned: previous.pinned }
    }
  }
  if (secret !== undefined) {
    putSecret(station.catalog, station.signer, purpose, JSON.stringify(secret))
  }
  const targets = [...section.targets]
  if (index >= 0) targets[index] = record
  else targets.push(record)
  await writeSection(station, { ...section, targets })
  return { target: record, movedPlace }
}

export async function removeTarget(station: Station, name: string): Promise<PublishTarget> {
  const target = findTarget(station, name)
  const section = readSection(station)
  deleteSecret(station.catalog, secretPurpose(target.name))
  await writeSection(station, {
    ...section,
    targets: section.targets.filter((t) => t !== target && t.name !== target.name),
    defaultTarget:
      section.defaultTarget?.toLowerCase() === target.name.toLowerCase()
        ? null
        : section.defaultTarget
  })
  return target
}

export async function pinTarget(station: Station, name: string, pin: Pin): Promise<void> {
  const section = readSection(station)
  await writeSection(station, {
    ...section,
    targets: section.targets.map((t) =>
      t.name === name && (t.kind === 'sftp' || t.kind === 'ftp') ? { ...t, pinned: pin } : t
    )
  })
}

export async function updateSettings(
  station: Station,
  change: Readonly<{ auto?: boolean; defaultTarget?: string | null }>
): Promise<PublishSettingsView> {
  const section = readSection(station)
  let defaultTarget = section.defaultTarget
  if (change.defaultTarget !== undefined) {
    defaultTarget =
      change.defaultTarget === null ? null : findTarget(station, change.defaultTarget).name
  }
  const auto = change.auto ?? section.auto
  if (auto && defaultTarget === null && section.targets.length !== 1) {
    fail('INVALID_INPUT', 'Choose the target to publish to automatically.', {
      field: 'defaultTarget'
    })
  }
  await writeSection(station, { ...section, auto, defaultTarget })
  return { auto, defaultTarget }
}

export function settingsView(station: Station): PublishSettingsView {
  const { auto, defaultTarget } = readSection(station)
  return { auto, defaultTarget }
}

/** The target's secret, opened with the station key (LOCKED while the station is locked). */
export function openTargetSecret(
  station: Station,
  target: PublishTarget
): TargetSecret | undefined {
  if (target.kind === 'folder') return undefined
  const plain = readSecret(station.catalog, station.signer, secretPurpose(target.name))
  if (plain === undefined) {
    fail(
      'INVALID_INPUT',
      `The target "${target.name}" has no saved password or key; set it again in Settings → Publish.`,
      { field: 'secret' }
    )
  }
  let value: unknown
  try {
    value = JSON.parse(plain)
  } catch {
    value = undefined
  }
  const parsed = secretSchema.safeParse(value)
  if (!parsed.success) {
    fail('STORAGE_CORRUPT', `The saved secret of "${target.name}" is damaged; enter it again.`)
  }
  return parsed.data
}
