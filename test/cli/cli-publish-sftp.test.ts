/**
 * kiln publish to a real OpenSSH sshd (Debian's openssh-server, started by the test on
 * 127.0.0.1 with its own config and keys): key login, the host key pinned on first use (the
 * fingerprint ssh-keygen prints) and a changed host key refused; the download verifies, a
 * second publish uploads nothing, a revocation reaches the status list, files outside the
 * site's folder stay.
 */
import { mkdirSync, readFileSync, writeFileSync, existsSync } from 'node:fs'
import path from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { removeDir, tempDir } from '../support/cli.js'
import { startSshd, type Sshd } from '../support/servers/sshd.js'
import { downloadSftp } from '../support/servers/download.js'
import { publish, stationWithAwards, verifyDownload } from '../support/publish-kit.js'

let sshd: Sshd
const dirs: string[] = []

beforeAll(async () => {
  sshd = await startSshd()
})
afterAll(async () => {
  await sshd?.stop()
  dirs.forEach(removeDir)
})

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
    const extra = station.run([
      'badge',
      'create',
      '--name',
      'Short-lived',
      '--description',
      'd',
      '--criteria',
      'c',
      '--json'
    ])
    const extraId = String(extra.json().id)
    expect(station.run(['badge', 'publish', extraId]).code).toBe(0)

    const added = station.run([
      'publish',
      'targets',
      'add',
      'web',
      '--kind',
      'sftp',
      '--host',
      sshd.host,
      '--port',
      String(sshd.port),
      '--user',
      sshd.user,
      '--path',
      root,
      '--key',
      sshd.clientKey
    ])
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
})
