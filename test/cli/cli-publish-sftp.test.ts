/**
 * kiln publish to a real OpenSSH sshd (Debian's openssh-server, started by the test on
 * 127.0.0.1 with its own config and keys): key login, the host key pinned on first use (the
 * fingerprint ssh-keygen prints) and a changed host key refused; the download verifies, a
 * second publish uploads nothing, a revocation reaches the status list, files outside the
 * site's folder stay. Password login (a temporary system user) and an encrypted private key with
 * its passphrase; a wrong password, an unknown key or a wrong passphrase fail at once with a
 * sentence and upload nothing.
 */
import { spawnSync } from 'node:child_process'
import { existsSync, mkdirSync, readFileSync, statSync, writeFileSync } from 'node:fs'
import path from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { filesUnder, publishedBadge, removeDir, tempDir, type CliRun } from '../support/cli.js'
import { startSshd, type Sshd } from '../support/servers/sshd.js'
import { downloadSftp } from '../support/servers/download.js'
import {
  publish,
  sftpTargetArgs,
  stationWithAwards,
  verifyDownload,
  type Station
} from '../support/publish-kit.js'

let sshd: Sshd
const dirs: string[] = []

beforeAll(async () => {
  sshd = await startSshd({ passwordUser: true })
})
afterAll(async () => {
  await sshd?.stop()
  dirs.forEach(removeDir)
})

function addTarget(
  station: Station,
  name: string,
  user: string,
  root: string,
  auth: Readonly<{ key?: string; secret?: string }>
): CliRun {
  return station.run(
    sftpTargetArgs(name, sshd, user, root, auth.key),
    auth.secret !== undefined ? { KILN_TARGET_SECRET: auth.secret } : {}
  )
}

/** A publish the server refused to log in to: a clean exit 1 with a sentence, at once. */
function expectLoginRefused(run: CliRun, credentials: RegExp): void {
  // A hang would end in spawnSync's kill (exit -1).
  expect(run.code, run.stdout + run.stderr).toBe(1)
  const error = JSON.parse(run.stdout).error
  expect(error.code).toBe('TARGET_REJECTED')
  expect(error.message).toMatch(/refused the login/)
  expect(error.message).toMatch(credentials)
}

async function download(root: string): Promise<string> {
  const dir = tempDir('kiln-dl-')
  dirs.push(dir)
  await downloadSftp(sshd, root, dir)
  return dir
}

describe('kiln publish to an SFTP server (OpenSSH sshd)', () => {
  it('pins the host key, publishes verifiably and incrementally, and refuses a changed host key', async () => {
    const outside = path.join(sshd.dir, 'outside.txt')
    writeFileSync(outside, 'not the site')
    mkdirSync(path.join(sshd.dir, 'site-other'))
    writeFileSync(path.join(sshd.dir, 'site-other', 'index.html'), 'another site')
    const root = path.join(sshd.root, 'badges')
    const station = stationWithAwards(3)
    dirs.push(station.dir)
    const extraId = publishedBadge(station.run, 'Short-lived', 'd', 'c')

    const added = station.run(sftpTargetArgs('web', sshd, sshd.user, root, sshd.clientKey))
    expect(added.code, added.stderr).toBe(0)
    const tested = station.run(['publish', 'targets', 'test', 'web', '--json'])
    expect(tested.code, tested.stderr).toBe(0)
    expect(tested.json()).toMatchObject({
      holds: 'empty',
      pinned: { kind: 'ssh-host-key', fingerprint: sshd.hostKeyFingerprint, new: true }
    })
    const listed = station.run(['publish', 'targets', 'list', '--json']).json()
    expect(JSON.stringify(listed)).toContain(sshd.hostKeyFingerprint)
    expect(JSON.stringify(listed)).not.toContain('PRIVATE KEY')

    const first = publish(station, 'web')
    expect(first.verified).toBe(true)
    expect(first.uploaded).toBeGreaterThan(10)
    verifyDownload(station, await download(root))

    const second = publish(station, 'web')
    expect(second.uploaded).toBe(0)
    expect(second.unchanged).toBe(first.uploaded)

    const revoked = station.awards[2]!
    expect(station.run(['revoke', revoked, '--reason', 'withdrawn']).code).toBe(0)
    expect(station.run(['badge', 'archive', extraId]).code).toBe(0)
    const third = publish(station, 'web')
    expect(third.deleted).toBeGreaterThan(0)
    const after = await download(root)
    verifyDownload(station, after, new Set([revoked]))
    expect(existsSync(path.join(after, 'achievements', `${extraId}.json`))).toBe(false)
    expect(existsSync(path.join(after, 'achievements', extraId))).toBe(false)
    expect(readFileSync(outside, 'utf8')).toBe('not the site')
    expect(readFileSync(path.join(sshd.dir, 'site-other', 'index.html'), 'utf8')).toBe(
      'another site'
    )

    // The server's host key changes: Kiln refuses to log in and says which keys differ.
    const pinned = sshd.hostKeyFingerprint
    await sshd.changeHostKey()
    expect(station.run(['revoke', station.awards[0]!, '--reason', 'again']).code).toBe(0)
    const refused = station.run(['publish', '--target', 'web', '--json'])
    expect(refused.code).toBe(1)
    const error = JSON.parse(refused.stdout).error
    expect(error.code).toBe('HOST_KEY_CHANGED')
    expect(error.message).toContain(pinned)
    expect(error.message).toContain(sshd.hostKeyFingerprint)
    // Nothing was uploaded: the site still verifies with one revocation.
    verifyDownload(station, await download(root), new Set([revoked]), false)
  }, 240_000)

  it('logs in with a password, or an encrypted key and its passphrase; wrong ones fail at once', async () => {
    const user = sshd.passwordUser
    if (!user) throw new Error('the sshd has no password user')
    const station = stationWithAwards(2)
    dirs.push(station.dir)
    // The site folder relative to the login folder (the user's home).
    const siteOf = (name: string): string => path.join(user.home, 'sites', name)

    // A wrong password: refused at once, nothing written.
    expect(addTarget(station, 'wrong', user.name, 'sites/wrong', { secret: 'not-it' }).code).toBe(0)
    expectLoginRefused(
      station.run(['publish', '--target', 'wrong', '--json']),
      /check the password/
    )
    expect(existsSync(siteOf('wrong'))).toBe(false)

    // The right password: the user's own login writes the site, which verifies.
    const added = addTarget(station, 'pw', user.name, 'sites/pw', { secret: user.password })
    expect(added.code, added.stderr).toBe(0)
    expect(added.stdout).not.toContain(user.password)
    const first = publish(station, 'pw')
    expect(first.verified).toBe(true)
    expect(first.pinned).toBe(sshd.hostKeyFingerprint)
    const files = filesUnder(siteOf('pw'))
    expect(files.length).toBe(first.uploaded)
    const owner = spawnSync('id', ['-u', user.name], { encoding: 'utf8' }).stdout.trim()
    for (const file of files) expect(String(statSync(file).uid), file).toBe(owner)
    verifyDownload(station, await download(siteOf('pw')))
    expect(publish(station, 'pw').uploaded).toBe(0)

    // An encrypted private key: the passphrase is the target's secret.
    const passphrase = 'key passphrase 5e4d'
    const key = sshd.addClientKey(passphrase)
    const noPassphrase = addTarget(station, 'enc', sshd.user, path.join(sshd.root, 'enc'), {
      key
    })
    expect(noPassphrase.code).toBe(2)
    expect(noPassphrase.stderr).toMatch(/protected by a passphrase/)
    const badPassphrase = addTarget(station, 'enc', sshd.user, path.join(sshd.root, 'enc'), {
      key,
      secret: 'not the passphrase'
    })
    expect(badPassphrase.code).toBe(2)
    expect(badPassphrase.stderr).toMatch(/passphrase does not open the private key/)
    const withKey = addTarget(station, 'enc', sshd.user, path.join(sshd.root, 'enc'), {
      key,
      secret: passphrase
    })
    expect(withKey.code, withKey.stderr).toBe(0)
    const listed = station.run(['publish', 'targets', 'list', '--json'])
    expect(listed.json().targets).toContainEqual(
      expect.objectContaining({ name: 'enc', authentication: 'key', hasSecret: true })
    )
    expect(publish(station, 'enc').verified).toBe(true)
    verifyDownload(station, await download(path.join(sshd.root, 'enc')), new Set(), false)

    // A key the server does not know: refused at once, nothing written.
    const stranger = path.join(tempDir('kiln-key-'), 'stranger')
    dirs.push(path.dirname(stranger))
    expect(spawnSync('ssh-keygen', ['-q', '-t', 'ed25519', '-N', '', '-f', stranger]).status).toBe(
      0
    )
    expect(
      addTarget(station, 'stranger', sshd.user, path.join(sshd.root, 'stranger'), {
        key: stranger
      }).code
    ).toBe(0)
    expectLoginRefused(
      station.run(['publish', '--target', 'stranger', '--json']),
      /check the private key/
    )
    expect(existsSync(path.join(sshd.root, 'stranger'))).toBe(false)

    // Neither the password nor the passphrase is anywhere in the data dir.
    for (const file of filesUnder(station.dir)) {
      const bytes = readFileSync(file)
      expect(bytes.includes(user.password), file).toBe(false)
      expect(bytes.includes(passphrase), file).toBe(false)
    }
  }, 240_000)
})
