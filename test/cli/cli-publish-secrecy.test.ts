/**
 * The secrets a station keeps besides its key — the publish targets' (an S3 secret key, FTP
 * and SFTP passwords, an SFTP private key and a key's passphrase) and the SMTP password
 * (`mail:smtp`) — are used for real here (every target tested and published to, a test
 * message sent through a real SMTP server with AUTH), and then appear, in no encoding, in no
 * file of the data dir (station.json, journal, records, logs), no export, the encrypted backup
 * neither as written nor once restored, no command's output, nothing published to the
 * servers. The station key's own check is key-secrecy.test.ts.
 */
import { readFileSync } from 'node:fs'
import path from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import {
  filesUnder,
  kiln,
  removeDir,
  tempDir,
  TEST_PASSPHRASE,
  type CliRun
} from '../support/cli.js'
import { removeBundles } from '../support/spawn-bundled.js'
import {
  S3_ACCESS_KEY_ID,
  startFtp,
  startS3,
  startSmtp,
  type FtpServer,
  type RunningServer
} from '../support/servers/children.js'
import { startSshd, type Sshd } from '../support/servers/sshd.js'
import { SINK_PASSWORD } from '../../main/core/delivery/test-support/smtp-sink.js'
import { mailSetupArgs } from '../support/mail-kit.js'
import {
  ftpTargetArgs,
  s3TargetArgs,
  sftpTargetArgs,
  stationWithAwards
} from '../support/publish-kit.js'

const S3_SECRET = 'secrecy-S3-secret-9a8b7c6d5e4f'
const FTP_PASSWORD = 'secrecy-ftp-pw-1a2b3c4d'
const PASSPHRASE = 'secrecy key passphrase 77e1'

let s3: RunningServer
let ftp: FtpServer
let smtp: RunningServer
let sshd: Sshd
const dirs: string[] = []

beforeAll(async () => {
  ;[s3, ftp, smtp, sshd] = await Promise.all([
    startS3(S3_SECRET),
    startFtp('assoc', FTP_PASSWORD),
    startSmtp(),
    startSshd({ passwordUser: true })
  ])
})
afterAll(async () => {
  await Promise.all([s3?.stop(), ftp?.stop(), smtp?.stop(), sshd?.stop()])
  dirs.forEach(removeDir)
  removeBundles()
})

/** The forms a secret could leak in: as typed, and encoded the usual ways. */
function formsOf(secret: string): string[] {
  const bytes = Buffer.from(secret, 'utf8')
  return [
    secret,
    encodeURIComponent(secret),
    JSON.stringify(secret).slice(1, -1),
    bytes.toString('base64').replace(/=+$/, ''),
    bytes.toString('base64url'),
    bytes.toString('hex'),
    bytes.toString('hex').toUpperCase()
  ]
}

describe('publish and mail secrets stay sealed', () => {
  it('appear in no file, export, backup, output or published object, in any encoding', () => {
    const user = sshd.passwordUser
    if (!user) throw new Error('the sshd has no password user')
    const station = stationWithAwards(2)
    const out = tempDir('kiln-secrecy-out-')
    dirs.push(station.dir, out)
    const runs: CliRun[] = []
    const go = (args: string[], env: Record<string, string> = {}, code = 0): CliRun => {
      const r = station.run(args, env)
      runs.push(r)
      expect(r.code, `${args.join(' ')}: ${r.stdout}${r.stderr}`).toBe(code)
      return r
    }
    const sftp = (name: string, login: string, where: string, key?: string): string[] =>
      sftpTargetArgs(name, sshd, login, where, key)
    const encryptedKey = sshd.addClientKey(PASSPHRASE)

    go(s3TargetArgs('s3', s3.port, 'badges', S3_ACCESS_KEY_ID), { KILN_TARGET_SECRET: S3_SECRET })
    go(ftpTargetArgs('ftp', ftp.port, 'assoc', 'badges'), { KILN_TARGET_SECRET: FTP_PASSWORD })
    go(sftp('sftp-pw', user.name, 'badges'), { KILN_TARGET_SECRET: user.password })
    go(sftp('sftp-key', sshd.user, path.join(sshd.root, 'key'), sshd.clientKey))
    go(sftp('sftp-enc', sshd.user, path.join(sshd.root, 'enc'), encryptedKey), {
      KILN_TARGET_SECRET: PASSPHRASE
    })
    go([...mailSetupArgs(smtp.port, 'none'), '--json'], { KILN_SMTP_PASSWORD: SINK_PASSWORD })

    const targets = ['s3', 'ftp', 'sftp-pw', 'sftp-key', 'sftp-enc']
    for (const t of targets) {
      go(['publish', 'targets', 'test', t, '--json'])
      go(['publish', 'targets', 'test', t])
      go(['publish', '--target', t, '--json'])
    }
    go(['publish', '--target', 's3'])
    go(['publish', 'targets', 'list', '--json'])
    go(['publish', 'targets', 'list'])
    go(['publish', 'settings', '--auto', 'on', '--default', 's3', '--json'])
    go(['mail', 'show', '--json'])
    go(['mail', 'show'])
    go(['mail', 'test', '--to', 'me@example.org', '--json'])
    go(['deliver', '--now', '--json'])
    go(['status', '--json'])
    go(['audit', 'verify', '--json'])
    go(['export', 'bundle', '--out', path.join(out, 'bundle')])
    go([
      'export',
      'credential',
      station.awards[0]!,
      '--format',
      'png',
      '--out',
      path.join(out, 'c.png')
    ])
    go(['backup', '--out', path.join(out, 'backup.zip')])
    // A wrong secret's refusal says nothing of the saved ones either.
    go(ftpTargetArgs('wrong', ftp.port, 'assoc', 'x'), { KILN_TARGET_SECRET: 'x-wrong' })
    go(['publish', '--target', 'wrong', '--json'], {}, 1)

    // The backup is encrypted: it is checked as written, and restored into a new data dir.
    const restored = path.join(tempDir('kiln-secrecy-restore-'), 'station')
    dirs.push(path.dirname(restored))
    const restore = kiln(['--data', restored, 'restore', path.join(out, 'backup.zip'), '--json'], {
      KILN_PASSPHRASE: TEST_PASSPHRASE
    })
    runs.push(restore)
    expect(restore.code, restore.stdout + restore.stderr).toBe(0)
    const haystacks: [string, Buffer][] = [
      ...filesUnder(station.dir).map((f) => [f, readFileSync(f)] as [string, Buffer]),
      ...filesUnder(out).map((f) => [f, readFileSync(f)] as [string, Buffer]),
      ...filesUnder(restored).map((f) => [f, readFileSync(f)] as [string, Buffer]),
      ...[s3.dir, ftp.root, sshd.root, user.home].flatMap((d) =>
        filesUnder(d).map((f) => [f, readFileSync(f)] as [string, Buffer])
      ),
      ...runs.map((r, i) => [`run ${i}`, Buffer.from(r.stdout + r.stderr)] as [string, Buffer])
    ]
    // What was checked is real: the restored station holds the sealed secrets, the servers
    // hold the sites.
    expect(readFileSync(path.join(restored, 'station.json'), 'utf8')).toContain('"mail:smtp"')
    expect(filesUnder(user.home).length).toBeGreaterThan(10)
    expect(runs.length).toBeGreaterThan(25)

    // The unencrypted client key's base64 body, line by line (each line is 70 characters).
    const keyLines = readFileSync(sshd.clientKey, 'utf8')
      .split('\n')
      .filter((l) => l.length >= 40 && !l.startsWith('-----'))
    expect(keyLines.length).toBeGreaterThan(2)
    const secrets = [S3_SECRET, FTP_PASSWORD, user.password, PASSPHRASE, SINK_PASSWORD]
    const forms = [...secrets.flatMap(formsOf), ...keyLines]
    for (const [name, bytes] of haystacks) {
      const text = bytes.toString('latin1')
      for (const form of forms) {
        expect(text.includes(form), `${name} holds a secret (${form.slice(0, 6)}…)`).toBe(false)
      }
    }
  }, 300_000)
})
