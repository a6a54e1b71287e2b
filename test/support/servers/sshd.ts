/**
 * A real OpenSSH sshd for the publishing tests: its own config, host key and client key in a
 * temp folder, a high port on 127.0.0.1, key login for the current user, the internal SFTP
 * subsystem (no chroot). Started in the foreground (-D -e) and stopped by the test. With
 * `passwordUser`, it also lets a temporary system user log in with a password (sshd checks it
 * against the system's accounts; system-user.ts, root only as in CI).
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process'
import { appendFileSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { freePort, tempDir, waitForPort } from './net.js'
import { createSystemUser, type SystemUser } from './system-user.js'

export type Sshd = Readonly<{
  host: string
  port: number
  user: string
  /** The site folder on the server (absolute). */
  root: string
  clientKey: string
  /** The host key's fingerprint as ssh-keygen -l prints it ("ssh-ed25519 SHA256:…"). */
  hostKeyFingerprint: string
  dir: string
  /** The listening sshd's process id (sessions are its children; the benchmark reads their CPU time). */
  pid(): number
  /** The user that logs in with a password (with `passwordUser`); its home is its login folder. */
  passwordUser?: Pick<SystemUser, 'name' | 'password' | 'home'>
  /** A new client key (encrypted with `passphrase`) that may log in as `user`. */
  addClientKey(passphrase: string): string
  /** Replaces the host key and restarts (a server whose identity changed). */
  changeHostKey(): Promise<void>
  stop(): Promise<void>
}>

const SSHD = '/usr/sbin/sshd'

function keygen(file: string, passphrase = ''): void {
  const r = spawnSync('ssh-keygen', ['-q', '-t', 'ed25519', '-N', passphrase, '-f', file], {
    encoding: 'utf8'
  })
  if (r.status !== 0) throw new Error(`ssh-keygen failed: ${r.stderr}`)
}

function fingerprintOf(pubFile: string): string {
  const r = spawnSync('ssh-keygen', ['-l', '-E', 'sha256', '-f', pubFile], { encoding: 'utf8' })
  // "256 SHA256:abc… comment (ED25519)"
  const hash = r.stdout.split(' ')[1] ?? ''
  return `ssh-ed25519 ${hash}`
}

export async function startSshd(options: { passwordUser?: boolean } = {}): Promise<Sshd> {
  const dir = tempDir('kiln-sshd-')
  const passwordUser = options.passwordUser ? createSystemUser(dir) : undefined
  const root = path.join(dir, 'site')
  mkdirSync(root)
  const hostKey = path.join(dir, 'host_key')
  const clientKey = path.join(dir, 'client_key')
  keygen(hostKey)
  keygen(clientKey)
  const authorizedKeys = path.join(dir, 'authorized_keys')
  writeFileSync(authorizedKeys, readFileSync(`${clientKey}.pub`))
  const port = await freePort()
  const user = os.userInfo().username
  const config = path.join(dir, 'sshd_config')
  writeFileSync(
    config,
    [
      `Port ${port}`,
      'ListenAddress 127.0.0.1',
      `HostKey ${hostKey}`,
      `PidFile ${path.join(dir, 'sshd.pid')}`,
      `AuthorizedKeysFile ${authorizedKeys}`,
      'StrictModes no',
      'PubkeyAuthentication yes',
      `PasswordAuthentication ${passwordUser ? 'yes' : 'no'}`,
      'PermitEmptyPasswords no',
      'KbdInteractiveAuthentication no',
      'PermitRootLogin prohibit-password',
      'UsePAM no',
      'Subsystem sftp internal-sftp',
      'LogLevel ERROR',
      ''
    ].join('\n')
  )
  // sshd run as root needs its privilege-separation folder.
  if (process.getuid?.() === 0) mkdirSync('/run/sshd', { recursive: true, mode: 0o755 })
  let child: ChildProcess | undefined
  const start = async (): Promise<void> => {
    const proc = spawn(SSHD, ['-D', '-e', '-f', config], { stdio: ['ignore', 'ignore', 'pipe'] })
    let stderr = ''
    proc.stderr?.on('data', (d: Buffer) => (stderr += d.toString()))
    child = proc
    await waitForPort(port, () => (proc.exitCode !== null ? `sshd exited: ${stderr}` : undefined))
  }
  const stopChild = async (): Promise<void> => {
    const proc = child
    child = undefined
    if (!proc || proc.exitCode !== null) return
    await new Promise<void>((resolve) => {
      proc.once('exit', () => resolve())
      proc.kill('SIGTERM')
    })
  }
  try {
    await start()
  } catch (error) {
    passwordUser?.remove()
    rmSync(dir, { recursive: true, force: true })
    throw error
  }
  let keys = 0
  const server = {
    host: '127.0.0.1',
    port,
    user,
    root,
    clientKey,
    hostKeyFingerprint: fingerprintOf(`${hostKey}.pub`),
    dir,
    pid: () => child?.pid ?? 0,
    ...(passwordUser
      ? {
          passwordUser: {
            name: passwordUser.name,
            password: passwordUser.password,
            home: passwordUser.home
          }
        }
      : {}),
    addClientKey(passphrase: string): string {
      const file = path.join(dir, `client_key_${++keys}`)
      keygen(file, passphrase)
      appendFileSync(authorizedKeys, readFileSync(`${file}.pub`))
      return file
    },
    async changeHostKey() {
      await stopChild()
      rmSync(hostKey)
      rmSync(`${hostKey}.pub`)
      keygen(hostKey)
      server.hostKeyFingerprint = fingerprintOf(`${hostKey}.pub`)
      await start()
    },
    async stop() {
      await stopChild()
      passwordUser?.remove()
      rmSync(dir, { recursive: true, force: true })
    }
  }
  return server
}
