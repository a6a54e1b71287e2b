/**
 * The private key never leaves key.json: not in another file of the data directory,
 * not in any exported file, not in stdout/stderr of any command, in any encoding.
 */
import { createDecipheriv, scryptSync } from 'node:crypto'
import { readFileSync } from 'node:fs'
import path from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import { encodeSecretKeyMultibase } from '../../main/core/keys/multikey.js'
import type { KeyFile } from '../../main/core/keys/keystore.js'
import {
  filesUnder,
  freshStation,
  removeDir,
  tempDir,
  TEST_PASSPHRASE,
  type CliRun
} from '../support/cli.js'

function decryptSeed(keyFile: KeyFile): Buffer {
  const { N, r, p, salt } = keyFile.kdf
  const key = scryptSync(
    Buffer.from(TEST_PASSPHRASE.normalize('NFC')),
    Buffer.from(salt, 'base64'),
    32,
    { N, r, p, maxmem: 512 * 1024 * 1024 }
  )
  const decipher = createDecipheriv('aes-256-gcm', key, Buffer.from(keyFile.cipher.iv, 'base64'))
  decipher.setAAD(Buffer.from(`kiln-key/1\n${keyFile.publicKeyMultibase}`))
  decipher.setAuthTag(Buffer.from(keyFile.cipher.tag, 'base64'))
  return Buffer.concat([
    decipher.update(Buffer.from(keyFile.ciphertext, 'base64')),
    decipher.final()
  ])
}

const dirs: string[] = []
afterAll(() => dirs.forEach(removeDir))

describe('the station key stays in key.json', () => {
  it('appears in no other file, export or output, in any encoding', () => {
    const { dir, run } = freshStation()
    const out = tempDir()
    dirs.push(dir, out)
    const runs: CliRun[] = []
    const go = (args: string[]): CliRun => {
      const r = run(args)
      runs.push(r)
      return r
    }
    const badge = String(
      go([
        'badge',
        'create',
        '--name',
        'Key test',
        '--description',
        'd',
        '--criteria',
        'c',
        '--json'
      ]).json().id
    )
    go(['badge', 'publish', badge])
    const award = go([
      'award',
      '--badge',
      badge,
      '--email',
      'a@example.org',
      '--name',
      'A',
      '--json'
    ])
    const awardId = (award.json().issued as { id: string }[])[0]!.id
    for (const format of ['ob3', 'png', 'svg', 'ob2']) {
      go([
        'export',
        'credential',
        awardId,
        '--format',
        format,
        '--out',
        path.join(out, `x.${format}`)
      ])
    }
    go(['status', '--json'])
    go(['audit', 'verify', '--json'])
    go(['backup', '--out', path.join(out, 'backup.zip')])

    const keyFile = JSON.parse(readFileSync(path.join(dir, 'key.json'), 'utf8')) as KeyFile
    const seed = decryptSeed(keyFile)
    expect(seed).toHaveLength(32)
    const forms = [
      seed.toString('hex'),
      seed.toString('hex').toUpperCase(),
      seed.toString('base64').replace(/=+$/, ''),
      seed.toString('base64url'),
      encodeSecretKeyMultibase(seed)
    ]
    const haystacks: [string, Buffer][] = [
      ...filesUnder(dir)
        .filter((f) => path.basename(f) !== 'key.json')
        .map((f) => [f, readFileSync(f)] as [string, Buffer]),
      ...filesUnder(out).map((f) => [f, readFileSync(f)] as [string, Buffer]),
      ...runs.map((r, i) => [`run ${i}`, Buffer.from(r.stdout + r.stderr)] as [string, Buffer])
    ]
    expect(haystacks.length).toBeGreaterThan(8)
    for (const [name, bytes] of haystacks) {
      expect(bytes.indexOf(seed), `${name} holds the raw seed`).toBe(-1)
      const text = bytes.toString('latin1')
      for (const form of forms) {
        expect(text.includes(form), `${name} holds the seed as ${form.slice(0, 6)}…`).toBe(false)
      }
    }
    // The key file itself holds it only encrypted.
    const keyText = readFileSync(path.join(dir, 'key.json'), 'latin1')
    for (const form of forms) expect(keyText.includes(form)).toBe(false)
  })
})
