/**
 * An SFTP target over ssh2 (OpenSSH's sftp-server or internal-sftp on the other side). The
 * server's host key is pinned on first use and checked on every later connection, before any
 * password or key is offered; a changed key is refused (HOST_KEY_CHANGED). Operations are
 * pipelined over one SFTP channel.
 */
import type { ConnectConfig, SFTPWrapper } from 'ssh2'
import { newSshClient } from './ssh2-lib.js'
import { KilnFailure } from '../../failure.js'
import { assertSitePath } from '../site-paths.js'
import type { Pin, TargetSecret } from '../target-store.js'
import { loginRefused, transportFailure } from './errors.js'
import { sshFingerprint } from './fingerprint.js'
import type { OpenedTransport } from './transport.js'

export type SftpOptions = Readonly<{
  host: string
  port: number
  user: string
  path: string
  secret: TargetSecret | undefined
  pinned: Pin | undefined
}>

const NO_SUCH_FILE = 2

function sftpCode(error: unknown): unknown {
  return typeof error === 'object' && error !== null ? Reflect.get(error, 'code') : undefined
}

/** ssh2 marks the failures of its handshake with a level ('client-authentication', …). */
function sshLevel(error: unknown): unknown {
  return typeof error === 'object' && error !== null ? Reflect.get(error, 'level') : undefined
}

function promised<T>(
  run: (done: (err: Error | null | undefined, value?: T) => void) => void
): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    run((err, value) => (err ? reject(err) : resolve(value as T)))
  })
}

export async function openSftp(options: SftpOptions): Promise<OpenedTransport> {
  const where = `sftp://${options.user}@${options.host}:${options.port}`
  let seen: string | undefined
  let mismatch = false
  const config: ConnectConfig = {
    host: options.host,
    port: options.port,
    username: options.user,
    readyTimeout: 20_000,
    keepaliveInterval: 15_000,
    hostVerifier: (key: Buffer) => {
      seen = sshFingerprint(key)
      if (options.pinned && options.pinned.fingerprint !== seen) {
        mismatch = true
        return false
      }
      return true
    }
  }
  const secret = options.secret
  if (secret && 'password' in secret) config.password = secret.password
  else if (secret && 'privateKey' in secret) {
    config.privateKey = secret.privateKey
    if (secret.passphrase !== undefined) config.passphrase = secret.passphrase
  }
  const client = newSshClient()
  let sftp: SFTPWrapper
  try {
    await new Promise<void>((resolve, reject) => {
      client.once('ready', () => resolve())
      client.once('error', reject)
      client.connect(config)
    })
    sftp = await promised<SFTPWrapper>((done) => client.sftp((err, s) => done(err, s)))
  } catch (error) {
    client.end()
    if (mismatch) {
      throw new KilnFailure(
        'HOST_KEY_CHANGED',
        `The host key of ${options.host}:${options.port} changed: it was ${options.pinned?.fingerprint ?? '?'} when first pinned and is now ${seen ?? '?'}. Kiln did not log in. If the administrator confirms the new key, remove and add the target again.`,
        { expected: options.pinned?.fingerprint, actual: seen }
      )
    }
    if (sshLevel(error) === 'client-authentication') {
      throw loginRefused(
        where,
        secret && 'privateKey' in secret ? 'private key (is it in authorized_keys?)' : 'password',
        error
      )
    }
    if (secret && 'privateKey' in secret && /passphrase|decrypt|privateKey/i.test(String(error))) {
      throw loginRefused(where, 'private key’s passphrase', error)
    }
    throw transportFailure(error, 'connect to', where)
  }
  client.on('error', () => undefined)
  // The target folder: absolute, or relative to the login folder ("." for the login folder).
  const root = options.path.replace(/\/+$/, '') || '/'
  const under = root === '/' ? '/' : `${root}/`
  const remote = (p: string): string => `${under}${assertSitePath(p)}`
  const dirs = new Map<string, Promise<void>>()
  const ensureDir = (dir: string): Promise<void> => {
    if (!dir.startsWith(under) || dir === under) return Promise.resolve()
    let pending = dirs.get(dir)
    if (!pending) {
      pending = ensureDir(dir.slice(0, dir.lastIndexOf('/')))
        .then(() => promised<void>((done) => sftp.mkdir(dir, (err) => done(err))))
        .catch(async () => {
          const stats = await promised<{ isDirectory(): boolean }>((done) =>
            sftp.stat(dir, (err, s) => done(err, s))
          )
          if (!stats.isDirectory()) throw new Error(`${dir} exists and is not a folder`)
        })
      dirs.set(dir, pending)
      pending.catch(() => dirs.delete(dir))
    }
    return pending
  }
  const ensureRoot = async (): Promise<void> => {
    // The target folder itself (and its parents) may not exist yet on a fresh account.
    const parts = root.split('/')
    for (let i = 1; i <= parts.length; i++) {
      const dir = parts.slice(0, i).join('/')
      if (dir === '' || dir === '.') continue
      await promised<void>((done) => sftp.mkdir(dir, (err) => done(err))).catch(() => undefined)
    }
  }
  let rootReady: Promise<void> | undefined
  const identity = seen
    ? {
        pin: { kind: 'ssh-host-key' as const, fingerprint: seen, at: new Date().toISOString() },
        new: !options.pinned
      }
    : undefined
  const wrap = async <T>(what: string, run: () => Promise<T>): Promise<T> => {
    try {
      return await run()
    } catch (error) {
      throw transportFailure(error, what, where)
    }
  }
  return {
    ...(identity ? { identity } : {}),
    transport: {
      concurrency: 24,
      read: (p) =>
        wrap('read from', async () => {
          try {
            return await promised<Buffer>((done) =>
              sftp.readFile(remote(p), (err, data) => done(err, data))
            )
          } catch (error) {
            if (sftpCode(error) === NO_SUCH_FILE) return undefined
            throw error
          }
        }),
      put: (p, data) =>
        wrap('upload to', async () => {
          const file = remote(p)
          rootReady ??= ensureRoot()
          await rootReady
          await ensureDir(file.slice(0, file.lastIndexOf('/')))
          await promised<void>((done) => sftp.writeFile(file, data, (err) => done(err)))
        }),
      remove: (p) =>
        wrap('delete on', async () => {
          const file = remote(p)
          try {
            await promised<void>((done) => sftp.unlink(file, (err) => done(err)))
          } catch (error) {
            if (sftpCode(error) !== NO_SUCH_FILE) throw error
          }
          // Remove folders the deletion emptied, up to (never including) the target folder.
          for (
            let dir = file.slice(0, file.lastIndexOf('/'));
            dir.startsWith(under) && dir !== under;
          ) {
            try {
              await promised<void>((done) => sftp.rmdir(dir, (err) => done(err)))
              dirs.delete(dir)
            } catch {
              break
            }
            dir = dir.slice(0, dir.lastIndexOf('/'))
          }
        }),
      isEmpty: () =>
        wrap('list', async () => {
          try {
            const list = await promised<unknown[]>((done) =>
              sftp.readdir(root, (err, l) => done(err, l))
            )
            return list.length === 0
          } catch (error) {
            if (sftpCode(error) === NO_SUCH_FILE) return true
            throw error
          }
        }),
      close: async () => {
        sftp.end()
        client.end()
      }
    }
  }
}
