/**
 * A real FTPS server for the publishing tests: Debian's vsftpd, in the foreground with its own
 * config file on a high port of 127.0.0.1, explicit TLS (AUTH TLS) required for login and
 * data with a self-signed certificate made by openssl, and one temporary system user with a
 * password, chrooted to its home (as shared hosting does). vsftpd checks the password
 * through PAM against the system's accounts, so the user is a real one (system-user.ts;
 * root only, as in CI). ftp-srv cannot stand in: its AUTH TLS answers in plain text on
 * Node 20.
 */
import { spawn, type ChildProcess } from 'node:child_process'
import { mkdirSync, rmSync, writeFileSync } from 'node:fs'
import path from 'node:path'
import { selfSignedFiles } from './certificate.js'
import { createSystemUser } from './system-user.js'
import { freePort, tempDir, waitForPort } from './net.js'

export type Vsftpd = {
  readonly port: number
  readonly user: string
  readonly password: string
  /** The user's home: "/" as the FTP client sees it (chrooted). */
  readonly home: string
  /** The certificate's SHA-256 as Node prints it ("SHA256:AB:CD:…"). */
  fingerprint: string
  /** A new self-signed certificate, and a restart (a server whose identity changed). */
  changeCertificate(): Promise<void>
  stop(): Promise<void>
}

const VSFTPD = '/usr/sbin/vsftpd'

export async function startVsftpd(): Promise<Vsftpd> {
  const dir = tempDir('kiln-vsftpd-')
  const user = createSystemUser(dir)
  const empty = path.join(dir, 'empty')
  mkdirSync(empty, { mode: 0o755 })
  const port = await freePort()
  // Passive data ports: vsftpd tries others in the range when one is taken.
  const pasvMin = 20_000 + Math.floor(Math.random() * 40_000)
  let certificate = selfSignedFiles(dir)
  const config = path.join(dir, 'vsftpd.conf')
  writeFileSync(
    config,
    [
      'listen=YES',
      'listen_ipv6=NO',
      'background=NO',
      'listen_address=127.0.0.1',
      `listen_port=${port}`,
      'anonymous_enable=NO',
      'local_enable=YES',
      'write_enable=YES',
      'local_umask=022',
      'chroot_local_user=YES',
      'allow_writeable_chroot=YES',
      'pam_service_name=vsftpd',
      `secure_chroot_dir=${empty}`,
      'pasv_enable=YES',
      'pasv_address=127.0.0.1',
      `pasv_min_port=${pasvMin}`,
      `pasv_max_port=${pasvMin + 400}`,
      'seccomp_sandbox=NO',
      'xferlog_enable=NO',
      'ssl_enable=YES',
      `rsa_cert_file=${certificate.cert}`,
      `rsa_private_key_file=${certificate.key}`,
      'force_local_logins_ssl=YES',
      'force_local_data_ssl=YES',
      'max_clients=50',
      'max_per_ip=50',
      ''
    ].join('\n')
  )
  let child: ChildProcess | undefined
  const start = async (): Promise<void> => {
    // Its own process group: every session process vsftpd forks stops with it.
    const proc = spawn(VSFTPD, [config], { stdio: ['ignore', 'ignore', 'pipe'], detached: true })
    let stderr = ''
    proc.stderr?.on('data', (d: Buffer) => (stderr += d.toString()))
    child = proc
    await waitForPort(port, () =>
      proc.exitCode !== null ? `vsftpd exited (${proc.exitCode}): ${stderr}` : undefined
    )
  }
  const stopChild = async (): Promise<void> => {
    const proc = child
    child = undefined
    if (!proc?.pid || proc.exitCode !== null) return
    const exited = new Promise<void>((resolve) => proc.once('exit', () => resolve()))
    process.kill(-proc.pid, 'SIGTERM')
    await exited
  }
  try {
    await start()
  } catch (error) {
    user.remove()
    rmSync(dir, { recursive: true, force: true })
    throw error
  }
  const server: Vsftpd = {
    port,
    user: user.name,
    password: user.password,
    home: user.home,
    fingerprint: certificate.fingerprint,
    async changeCertificate() {
      await stopChild()
      certificate = selfSignedFiles(dir)
      server.fingerprint = certificate.fingerprint
      await start()
    },
    async stop() {
      await stopChild()
      user.remove()
      rmSync(dir, { recursive: true, force: true })
    }
  }
  return server
}
