import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { logger } from '../logger.js'
import { redactSecrets } from './redact.js'
import { attachLogFile, createRotatingFile, logFileOf } from './rotating-file.js'

let dir: string
let restoreConsole: () => void

beforeEach(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'kiln-log-'))
  restoreConsole = logger.setSink(() => undefined)
})

afterEach(() => {
  restoreConsole()
  fs.rmSync(dir, { recursive: true, force: true })
})

const SECRETS = {
  email: 'josé.müller@exämple.org',
  token: 'fL2QvTWBr_fqYox8ZwdkevlyAaTgbnLtZMXPVhWNnCU',
  code: 'Zq9x7N2mPq4v8LkR1sT6uW3yA5bC0dEf',
  passphrase: 'correct horse battery staple',
  smtp: 's3cr3t-smtp-pass',
  apiKey: 'AKIA-not-really-a-key-1234567890',
  pem: '-----BEGIN PRIVATE KEY-----\nMC4CAQAwBQYDK2VwBCIEIDeadBeef\n-----END PRIVATE KEY-----'
}

describe('the station log file', () => {
  it('writes every line redacted: e-mails, tokens, codes, passphrases, secrets, keys', () => {
    const { file, detach } = attachLogFile(dir)
    try {
      logger.warn(`award mailed to ${SECRETS.email} failed`)
      logger.error('request failed', {
        headers: { authorization: `Bearer ${SECRETS.token}` },
        input: { passphrase: SECRETS.passphrase, recipient: SECRETS.email }
      })
      logger.info(`opened http://127.0.0.1:4000/#token=${SECRETS.token} and /#code=${SECRETS.code}`)
      logger.warn(
        `smtp://desk:${SECRETS.smtp}@mail.example.org:587 refused; password=${SECRETS.smtp}`
      )
      logger.error(`publish target: {"apiKey": "${SECRETS.apiKey}", "secretAccessKey":"x/y+z"}`)
      logger.error('key material', new Error(SECRETS.pem))
      logger.debug('below the file level: not written')
    } finally {
      detach()
    }
    expect(file).toBe(path.join(dir, 'logs', 'kiln.log'))
    const text = fs.readFileSync(file, 'utf8')
    for (const [kind, secret] of Object.entries(SECRETS)) {
      expect(text, kind).not.toContain(secret)
    }
    expect(text).not.toContain('MC4CAQAwBQYDK2VwBCIEIDeadBeef')
    expect(text).not.toContain('x/y+z')
    expect(text).not.toContain('below the file level')
    const lines = text.trimEnd().split('\n')
    expect(lines[0]).toMatch(
      /^\d{4}-\d\d-\d\dT[\d:.]+Z kiln warn: award mailed to <e-mail> failed$/
    )
    expect(text).toContain('smtp://desk:<redacted>@mail.example.org:587')
    expect(text).toContain('"passphrase":"<redacted>"')
    expect(text).toContain('"authorization":"<redacted>"')
    expect(text).toContain('#code=<redacted>')
    // Only the owner may read it.
    expect(fs.statSync(file).mode & 0o077).toBe(0)
  })

  it('redacts the console too, and leaves ids, hashes and codes of errors alone', () => {
    const line = redactSecrets(
      'award a_3f9 (sha256 9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08) failed: {"code":"NOT_FOUND","path":"/data/x.json"}'
    )
    expect(line).toBe(
      'award a_3f9 (sha256 9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08) failed: {"code":"NOT_FOUND","path":"/data/x.json"}'
    )
    const seen: string[] = []
    restoreConsole()
    restoreConsole = logger.setSink((l) => seen.push(l))
    logger.warn(`from ${SECRETS.email}`)
    expect(seen).toEqual(['kiln warn: from <e-mail>'])
  })

  it('rotates by size and keeps a bounded number of generations', () => {
    const file = path.join(dir, 'logs', 'kiln.log')
    const log = createRotatingFile({ file, maxBytes: 1_000, keep: 3 })
    for (let i = 0; i < 100; i++) log.write(`line ${String(i).padStart(3, '0')} ${'x'.repeat(90)}`)
    const names = fs.readdirSync(path.dirname(file)).sort()
    expect(names).toEqual(['kiln.log', 'kiln.log.1', 'kiln.log.2', 'kiln.log.3'])
    for (const name of names) {
      expect(fs.statSync(path.join(dir, 'logs', name)).size).toBeLessThanOrEqual(1_000)
    }
    // The newest line is in kiln.log, the generations are in order, the oldest were dropped.
    expect(fs.readFileSync(file, 'utf8')).toContain('line 099')
    const first = (name: string) =>
      Number(/line (\d+)/.exec(fs.readFileSync(path.join(dir, 'logs', name), 'utf8'))?.[1])
    expect(first('kiln.log.3')).toBeLessThan(first('kiln.log.2'))
    expect(first('kiln.log.2')).toBeLessThan(first('kiln.log.1'))
    expect(first('kiln.log.3')).toBeGreaterThan(0)
  })

  it('never creates a data folder that is not there', () => {
    const missing = path.join(dir, 'no-station')
    const { detach } = attachLogFile(missing)
    logger.error('something went wrong')
    detach()
    expect(fs.existsSync(missing)).toBe(false)
    expect(logFileOf(missing)).toBe(path.join(missing, 'logs', 'kiln.log'))
  })
})
