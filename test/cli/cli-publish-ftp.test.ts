/**
 * kiln publish to real FTP servers on 127.0.0.1: plain FTP with a password (ftp-srv, its own
 * process), and FTPS with explicit TLS against Debian's vsftpd (ftp-srv's AUTH TLS answers in
 * plain text on Node 20), whose self-signed certificate is pinned on first use and refused
 * once it changes. A wrong password fails at once with TARGET_REJECTED and a sentence, and
 * nothing is uploaded. The password comes from KILN_TARGET_SECRET and is nowhere in the data
 * dir or any output.
 */
import { readFileSync, statSync } from 'node:fs'
import path from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import { filesUnder, removeDir, tempDir, type CliRun } from '../support/cli.js'
import { removeBundles } from '../support/spawn-bundled.js'
import { startFtp, type FtpServer } from '../support/servers/children.js'
import { downloadFtp } from '../support/servers/download.js'
import { startVsftpd, type Vsftpd } from '../support/servers/vsftpd.js'
import {
  ftpTargetArgs,
  publish,
  stationWithAwards,
  verifyDownload,
  type Station
} from '../support/publish-kit.js'

const PASSWORD = 'ftp-Pa55word-7d6c5b4a'
const stops: (() => Promise<void>)[] = []
const dirs: string[] = []
afterAll(async () => {
  for (const stop of stops) await stop()
  dirs.forEach(removeDir)
  removeBundles()
})

/** Every file under `dir` with its size and modification time (what a publish would change). */
function snapshot(dir: string): string[] {
  return filesUnder(dir).map((f) => {
    const s = statSync(f)
    return `${path.relative(dir, f)} ${s.size} ${s.mtimeMs}`
  })
}

function addFtpTarget(
  station: Station,
  name: string,
  server: Readonly<{ port: number; user: string }>,
  password: string,
  secure: boolean
): void {
  const added = station.run(
    [
      ...ftpTargetArgs(name, server.port, server.user, 'public_html/badges'),
      ...(secure ? ['--secure'] : [])
    ],
    { KILN_TARGET_SECRET: password }
  )
  expect(added.code, added.stderr).toBe(0)
}

/** A publish the server refused to log in to: a clean exit 1 with a sentence, at once. */
function expectLoginRefused(run: CliRun, user: string, secret: string): void {
  // A hang (the old fault: the refused connection kept the process open) ends in
  // spawnSync's kill, exit -1.
  expect(run.code, run.stdout + run.stderr).toBe(1)
  const error = JSON.parse(run.stdout).error
  expect(error.code).toBe('TARGET_REJECTED')
  expect(error.message).toContain(`${user}@127.0.0.1`)
  expect(error.message).toMatch(/refused the login .*check the user name and password/)
  expect(run.stdout + run.stderr).not.toContain(secret)
}

describe('kiln publish to an FTP server', () => {
  it('publishes over plain FTP (ftp-srv); a wrong password fails cleanly and uploads nothing', async () => {
    const server: FtpServer = await startFtp('assoc', PASSWORD)
    stops.push(() => server.stop())
    const station = stationWithAwards(2)
    dirs.push(station.dir)

    addFtpTarget(station, 'wrong', { port: server.port, user: 'assoc' }, 'not-the-password', false)
    expectLoginRefused(
      station.run(['publish', '--target', 'wrong', '--json']),
      'assoc',
      'not-the-password'
    )
    expect(filesUnder(server.root)).toEqual([])

    addFtpTarget(station, 'host', { port: server.port, user: 'assoc' }, PASSWORD, false)
    const first = publish(station, 'host')
    expect(first.verified).toBe(true)
    expect(first.pinned).toBeUndefined()
    const download = tempDir('kiln-dl-')
    dirs.push(download)
    await downloadFtp(
      { port: server.port, user: 'assoc', password: PASSWORD, secure: false },
      '/public_html/badges',
      download
    )
    verifyDownload(station, download)
    const again = publish(station, 'host')
    expect(again.uploaded).toBe(0)
    // The password is sealed: not in station.json or any file of the data dir.
    for (const file of filesUnder(station.dir)) {
      expect(readFileSync(file).includes(PASSWORD), file).toBe(false)
    }
    expect(readFileSync(path.join(station.dir, 'station.json'), 'utf8')).toContain('"publish:host"')
  }, 180_000)

  it('publishes over FTPS to vsftpd, pinning its certificate on first use and refusing a changed one', async () => {
    const server: Vsftpd = await startVsftpd()
    stops.push(() => server.stop())
    const station = stationWithAwards(3)
    dirs.push(station.dir)

    // A wrong password: refused at once, nothing uploaded, nothing pinned.
    addFtpTarget(station, 'wrong', server, 'not-the-password', true)
    expectLoginRefused(
      station.run(['publish', '--target', 'wrong', '--json']),
      server.user,
      'not-the-password'
    )
    expect(filesUnder(server.home)).toEqual([])

    addFtpTarget(station, 'host', server, server.password, true)
    const tested = station.run(['publish', 'targets', 'test', 'host', '--json'])
    expect(tested.code, tested.stderr).toBe(0)
    // The certificate's SHA-256 as openssl made it, pinned before the password was sent.
    expect(tested.json()).toMatchObject({
      holds: 'empty',
      pinned: { kind: 'tls-certificate', fingerprint: server.fingerprint, new: true }
    })
    const first = publish(station, 'host')
    expect(first.verified).toBe(true)
    expect(first.uploaded).toBeGreaterThan(10)
    expect(first.pinned).toBeUndefined() // pinned already, by the test above
    const download = tempDir('kiln-dl-')
    dirs.push(download)
    await downloadFtp(
      { port: server.port, user: server.user, password: server.password, secure: true },
      '/public_html/badges',
      download
    )
    verifyDownload(station, download)
    // The files are where a chrooted login puts them: below the user's home.
    expect(statSync(path.join(server.home, 'public_html', 'badges', 'index.html')).isFile()).toBe(
      true
    )
    const again = publish(station, 'host')
    expect(again.uploaded).toBe(0)
    expect(again.unchanged).toBe(first.uploaded)

    // The server's certificate changes: Kiln refuses before logging in, and changes nothing.
    const pinned = server.fingerprint
    await server.changeCertificate()
    expect(server.fingerprint).not.toBe(pinned)
    expect(station.run(['revoke', station.awards[0]!, '--reason', 'withdrawn']).code).toBe(0)
    const before = snapshot(server.home)
    const refused = station.run(['publish', '--target', 'host', '--json'])
    expect(refused.code, refused.stdout + refused.stderr).toBe(1)
    const error = JSON.parse(refused.stdout).error
    expect(error.code).toBe('HOST_KEY_CHANGED')
    expect(error.message).toContain(pinned)
    expect(error.message).toContain(server.fingerprint)
    expect(snapshot(server.home)).toEqual(before)
    const listed = station.run(['publish', 'targets', 'list', '--json'])
    expect(listed.stdout).toContain(pinned)
    expect(listed.stdout).not.toContain(server.fingerprint)

    for (const file of filesUnder(station.dir)) {
      expect(readFileSync(file).includes(server.password), file).toBe(false)
    }
  }, 240_000)
})
