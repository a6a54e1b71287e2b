/**
 * kiln publish [--target NAME] [--full]
 * kiln publish targets add NAME --kind folder|sftp|s3|ftp … | list | remove NAME | test NAME
 * kiln publish settings [--auto on|off] [--default NAME|none]
 *
 * Passwords and secret keys come from $KILN_TARGET_SECRET or a hidden prompt on a terminal,
 * never from argv; an SFTP private key is read from --key FILE and sealed in station.json.
 */
import { readFileSync } from 'node:fs'
import type { Command } from 'commander'
import type { MethodInput } from '../../../shared/contract.js'
import type { PublishSummary, PublishTargetView } from '../../../shared/methods/publish.js'
import { err } from '../../../shared/result.js'
import type { Core } from '../../core/create-core.js'
import { call, withCore, type GlobalOptions } from '../context.js'
import { printError, printJson, printLine } from '../output.js'
import { waitForJob } from '../jobs.js'
import { askHidden, canPrompt } from '../passphrase.js'

type AddOptions = {
  kind: string
  path?: string
  host?: string
  port?: string
  user?: string
  key?: string
  endpoint?: string
  bucket?: string
  region?: string
  prefix?: string
  pathStyle?: boolean
  accessKeyId?: string
  secure?: boolean
}

const KINDS = ['folder', 'sftp', 's3', 'ftp']

function usage(message: string, json: boolean, field?: string): never {
  printError(err('INVALID_INPUT', message, field ? { field } : undefined).error, json)
}

function portOf(value: string | undefined, json: boolean): number | undefined {
  if (value === undefined) return undefined
  const n = Number(value)
  if (!Number.isInteger(n) || n < 1 || n > 65535) {
    usage(`--port ${value} is not a port number.`, json, 'port')
  }
  return n
}

/** The target's secret: $KILN_TARGET_SECRET, else a hidden prompt on a terminal. */
async function targetSecret(prompt: string): Promise<string | undefined> {
  const env = process.env.KILN_TARGET_SECRET
  if (env !== undefined && env.length > 0) return env
  if (!canPrompt()) return undefined
  const typed = await askHidden(prompt)
  return typed.length > 0 ? typed : undefined
}

function need(value: string | undefined, flag: string, kind: string, json: boolean): string {
  if (value === undefined || value.trim() === '') {
    usage(`--kind ${kind} needs ${flag}.`, json, flag.slice(2))
  }
  return value
}

async function targetInput(
  name: string,
  o: AddOptions,
  json: boolean
): Promise<MethodInput<'publish:saveTarget'>> {
  switch (o.kind) {
    case 'folder':
      return { kind: 'folder', name, path: need(o.path, '--path', 'folder', json) }
    case 'sftp': {
      const port = portOf(o.port, json)
      const base = {
        kind: 'sftp' as const,
        name,
        host: need(o.host, '--host', 'sftp', json),
        user: need(o.user, '--user', 'sftp', json),
        path: need(o.path, '--path', 'sftp', json),
        ...(port !== undefined ? { port } : {})
      }
      if (o.key !== undefined) {
        let privateKey: string
        try {
          privateKey = readFileSync(o.key, 'utf8')
        } catch {
          usage(`--key ${o.key} cannot be read.`, json, 'key')
        }
        const env = process.env.KILN_TARGET_SECRET
        let passphrase = env !== undefined && env.length > 0 ? env : undefined
        const { parseSshKey } = await import('../../core/publish/transports/ssh2-lib.js')
        if (passphrase === undefined && parseSshKey(privateKey) instanceof Error && canPrompt()) {
          passphrase = await targetSecret('Passphrase of the private key: ')
        }
        return { ...base, privateKey, ...(passphrase !== undefined ? { secret: passphrase } : {}) }
      }
      const secret = await targetSecret(`Password of ${base.user}@${base.host}: `)
      return { ...base, ...(secret !== undefined ? { secret } : {}) }
    }
    case 's3': {
      const secret = await targetSecret('Secret access key: ')
      return {
        kind: 's3',
        name,
        endpoint: need(o.endpoint, '--endpoint', 's3', json),
        bucket: need(o.bucket, '--bucket', 's3', json),
        accessKeyId: need(o.accessKeyId, '--access-key-id', 's3', json),
        ...(o.region !== undefined ? { region: o.region } : {}),
        ...(o.prefix !== undefined ? { prefix: o.prefix } : {}),
        ...(o.pathStyle ? { pathStyle: true } : {}),
        ...(secret !== undefined ? { secret } : {})
      }
    }
    case 'ftp': {
      const port = portOf(o.port, json)
      const user = need(o.user, '--user', 'ftp', json)
      const host = need(o.host, '--host', 'ftp', json)
      const secret = await targetSecret(`Password of ${user}@${host}: `)
      return {
        kind: 'ftp',
        name,
        host,
        user,
        path: need(o.path, '--path', 'ftp', json),
        ...(port !== undefined ? { port } : {}),
        ...(o.secure ? { secure: true } : {}),
        ...(secret !== undefined ? { secret } : {})
      }
    }
    default:
      usage(`--kind must be one of ${KINDS.join(', ')}.`, json, 'kind')
  }
}

function describeTarget(t: PublishTargetView): string {
  const pin = t.pinned ? `  pinned ${t.pinned.fingerprint}` : ''
  const last = t.lastPublished
    ? `  last published ${t.lastPublished.at} (bundle ${t.lastPublished.seq})`
    : ''
  return `${t.name}  ${t.kind}  ${t.location}${pin}${last}`
}

function progressBar(phase: string, done: number, total: number): void {
  const width = 30
  const filled = total > 0 ? Math.round((done / total) * width) : 0
  process.stderr.write(
    `\r${phase.padEnd(20)} [${'#'.repeat(filled)}${' '.repeat(width - filled)}] ${done}/${total}   `
  )
}

async function runPublish(
  core: Core,
  options: { target?: string; full?: boolean },
  json: boolean
): Promise<PublishSummary> {
  const tty = Boolean(process.stderr.isTTY) && !json
  const state = await waitForJob(
    core,
    'publish:site',
    async () =>
      (
        await call(
          core,
          'publish:start',
          {
            ...(options.target !== undefined ? { target: options.target } : {}),
            ...(options.full ? { full: true } : {})
          },
          json
        )
      ).jobId,
    {
      json,
      cancelNote: 'kiln: cancelling; what was uploaded is kept and the next publish continues',
      ...(tty
        ? {
            onProgress: (done: number, total: number, phase?: string) =>
              progressBar(phase ?? '', done, total)
          }
        : {})
    }
  )
  if (tty) process.stderr.write('\n')
  if (state.state !== 'done' || !state.result) {
    printError(state.error ?? { code: 'INTERNAL', message: 'Publishing failed.' }, json)
  }
  return state.result
}

export function registerPublishCommands(program: Command, globals: () => GlobalOptions): void {
  const publish = program
    .command('publish')
    .description(
      'upload the badge site to a publish target: only what changed, in an order that never leaves a broken link, verified'
    )
    .option('--target <name>', 'the target (default: the default target, or the only one)')
    .option('--full', 'upload every file again, whatever the target is known to hold')
    .action(async (options: { target?: string; full?: boolean }) => {
      const g = globals()
      const json = Boolean(g.json)
      await withCore(g, 'unlock', async (core) => {
        const r = await runPublish(core, options, json)
        if (json) printJson(r)
        else {
          if (r.pinned) printLine(`Pinned the server's identity on first use: ${r.pinned}`)
          printLine(
            `Published bundle ${r.seq} to ${r.target}${r.resumed ? ' (continuing an interrupted publish)' : ''}: ${r.uploaded} uploaded (${r.bytes} bytes), ${r.deleted} deleted, ${r.unchanged} unchanged; manifest read back and verified.`
          )
        }
      })
    })

  const targets = publish.command('targets').description('where the badge site is published')
  targets
    .command('add <name>')
    .description(
      'add (or change) a target; passwords and secret keys come from KILN_TARGET_SECRET or a prompt'
    )
    .requiredOption('--kind <kind>', 'folder, sftp, s3 or ftp')
    .option('--path <dir>', 'folder, sftp, ftp: the site’s folder')
    .option('--host <host>', 'sftp, ftp: the server')
    .option('--port <n>', 'sftp (22), ftp (21)')
    .option('--user <name>', 'sftp, ftp: the login')
    .option('--key <file>', 'sftp: a private key file (its passphrase, if any, is the secret)')
    .option('--secure', 'ftp: FTPS (explicit TLS)')
    .option('--endpoint <url>', 's3: the service’s endpoint URL')
    .option('--bucket <name>', 's3: the bucket')
    .option('--region <region>', 's3: the region (default us-east-1)')
    .option('--prefix <prefix>', 's3: a key prefix (a folder in the bucket)')
    .option('--path-style', 's3: path-style URLs (MinIO and most self-hosted services)')
    .option('--access-key-id <id>', 's3: the access key id')
    .action(async (name: string, options: AddOptions) => {
      const g = globals()
      const json = Boolean(g.json)
      const input = await targetInput(name, options, json)
      const seals = 'secret' in input || 'privateKey' in input
      await withCore(g, seals ? 'unlock' : 'none', async (core) => {
        const t = await call(core, 'publish:saveTarget', input, json)
        if (json) printJson(t)
        else {
          printLine(`Saved target ${describeTarget(t)}`)
          if (t.kind === 'ftp' && !t.secure) {
            printLine(
              'Note: plain FTP sends the password unencrypted; use --secure where the host offers FTPS.'
            )
          }
          if ((t.kind === 'sftp' || (t.kind === 'ftp' && t.secure)) && !t.pinned) {
            printLine(
              `The server's identity is pinned on first connection: run "kiln publish targets test ${t.name}" to see its fingerprint now.`
            )
          }
        }
      })
    })
  targets
    .command('list')
    .description('the publish targets (never their secrets)')
    .action(async () => {
      const g = globals()
      const json = Boolean(g.json)
      await withCore(g, 'none', async (core) => {
        const r = await call(core, 'publish:targets', {}, json)
        if (json) printJson(r)
        else if (r.targets.length === 0) printLine('No publish targets yet.')
        else for (const t of r.targets) printLine(describeTarget(t))
      })
    })
  targets
    .command('remove <name>')
    .description('forget a target and its sealed secret (nothing on the target is deleted)')
    .action(async (name: string) => {
      const g = globals()
      const json = Boolean(g.json)
      await withCore(g, 'none', async (core) => {
        const r = await call(core, 'publish:removeTarget', { name }, json)
        if (json) printJson(r)
        else printLine(`Removed target ${r.removed}.`)
      })
    })
  targets
    .command('test <name>')
    .description('connect, pin the server’s identity on first use, and say what the target holds')
    .action(async (name: string) => {
      const g = globals()
      const json = Boolean(g.json)
      await withCore(g, 'unlock', async (core) => {
        const r = await call(core, 'publish:testTarget', { name }, json)
        if (json) printJson(r)
        else {
          if (r.pinned) {
            printLine(
              `${r.pinned.new ? 'Pinned' : 'Checked'} ${r.pinned.kind === 'ssh-host-key' ? 'host key' : 'certificate'}: ${r.pinned.fingerprint}`
            )
          }
          printLine(r.message)
        }
      })
    })

  publish
    .command('settings')
    .description('automatic publishing after awards, and the default target')
    .option(
      '--auto <on|off>',
      'publish automatically after awards (while the app or kiln serve runs)'
    )
    .option('--default <name>', 'the default target ("none" to clear)')
    .action(async (options: { auto?: string; default?: string }) => {
      const g = globals()
      const json = Boolean(g.json)
      if (options.auto !== undefined && options.auto !== 'on' && options.auto !== 'off') {
        usage('--auto takes on or off.', json, 'auto')
      }
      await withCore(g, 'none', async (core) => {
        const r = await call(
          core,
          'publish:settings',
          {
            ...(options.auto !== undefined ? { auto: options.auto === 'on' } : {}),
            ...(options.default !== undefined
              ? { defaultTarget: options.default === 'none' ? null : options.default }
              : {})
          },
          json
        )
        if (json) printJson(r)
        else {
          printLine(
            `Automatic publishing: ${r.auto ? 'on' : 'off'}; default target: ${r.defaultTarget ?? '(none)'}`
          )
        }
      })
    })
}
