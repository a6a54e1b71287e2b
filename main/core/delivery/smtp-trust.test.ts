/**
 * STARTTLS and TLS against the real smtp-server, with a self-signed certificate made for the
 * test: pinned on first use (before any password is sent), trusted exactly after that, refused
 * when it changes; and a plaintext "none" to a server that wants STARTTLS fails with the reason.
 */
import fs from 'node:fs'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { freshKit, jobResult, type Kit } from '../awards/test-support/station-kit.js'
import { selfSignedCertificate, type TestCertificate } from './test-support/self-signed.js'
import { startSink, SINK_PASSWORD, SINK_USER, type Sink } from './test-support/smtp-sink.js'

let kit: Kit
let sink: Sink | undefined
let certificate: TestCertificate

async function setup(port: number, security: 'none' | 'starttls' | 'tls', extra = {}) {
  return kit.call('mail:setup', {
    host: '127.0.0.1',
    port,
    security,
    user: SINK_USER,
    password: SINK_PASSWORD,
    from: 'badges@kit.example.org',
    ...extra
  })
}

async function sendOne(email: string) {
  await kit.call('mail:options', { waitForSite: false })
  await kit.call('awards:issue', { badgeId: kit.badgeId, name: 'Ana Müller', email })
  const { jobId } = await kit.call('delivery:start', {})
  return jobResult(kit.core, jobId, 'delivery:send')
}

beforeEach(async () => {
  kit = await freshKit()
  certificate = selfSignedCertificate()
})

afterEach(async () => {
  await kit.close()
  await sink?.close()
  sink = undefined
})

describe.each(['starttls', 'tls'] as const)(
  'security %s with a self-signed certificate',
  (mode) => {
    it('pins the certificate on first use, before the login; messages then leave encrypted', async () => {
      sink = await startSink({ keep: true, tls: { mode, ...certificate } })
      const view = await setup(sink.port, mode)
      expect(view.smtp?.certificate).toBeUndefined()

      const test = await kit.call('mail:test', { to: 'me@kit.example.org' })
      expect(test.pinned).toBe(certificate.fingerprint)
      expect(test.response).toMatch(/^250/)
      const settings = await kit.call('mail:settings', {})
      expect(settings.smtp?.certificate?.fingerprint).toBe(certificate.fingerprint)
      // Logins: the check of the trusted connection and the message's own; the connection that
      // first saw the certificate (and the refused first attempt) never logged in.
      expect(sink.logins()).toBe(2)
      expect(sink.authFailures()).toBe(0)

      const run = await sendOne('ana@kit.example.org')
      expect(run.error).toBeUndefined()
      expect(run.result?.report.sent.map((s) => s.email)).toEqual(['ana@kit.example.org'])
      expect(sink.received.map((r) => [r.to.join(), r.secure])).toEqual([
        ['me@kit.example.org', true],
        ['ana@kit.example.org', true]
      ])
      // Pinned once; the next connections trusted it without asking again.
      const again = await kit.call('mail:test', { to: 'me@kit.example.org' })
      expect(again.pinned).toBeUndefined()
      const station = fs.readFileSync(`${kit.dir}/station.json`, 'utf8')
      expect(station).toContain(certificate.fingerprint)
      expect(station).not.toContain(SINK_PASSWORD)
    })

    it('a certificate that changed after it was pinned is refused with both fingerprints, and no password is sent', async () => {
      sink = await startSink({ tls: { mode, ...certificate } })
      const port = sink.port
      await setup(port, mode)
      await kit.call('mail:test', { to: 'me@kit.example.org' })
      await sink.close()

      const other = selfSignedCertificate()
      sink = await startSink({ port, tls: { mode, ...other } })
      const error = await kit.fails('mail:test', { to: 'me@kit.example.org' })
      expect(error).toMatchObject({
        code: 'HOST_KEY_CHANGED',
        details: { expected: certificate.fingerprint, actual: other.fingerprint }
      })
      expect(error.message).toMatch(/Kiln did not log in/)
      const run = await sendOne('ana@kit.example.org')
      expect(run.state).toBe('failed')
      expect(run.error?.code).toBe('HOST_KEY_CHANGED')
      expect(sink.logins() + sink.authFailures()).toBe(0)
      expect(sink.received).toEqual([])

      // The administrator confirms the new certificate: forget the old one, the next use pins it.
      await setup(port, mode, { forgetCertificate: true })
      const pinned = await kit.call('mail:test', { to: 'me@kit.example.org' })
      expect(pinned.pinned).toBe(other.fingerprint)
    })
  }
)

describe('choosing the wrong security', () => {
  it('none to a server that requires STARTTLS fails with the reason, and nothing is sent', async () => {
    sink = await startSink({ tls: { mode: 'starttls', ...certificate } })
    await setup(sink.port, 'none')
    const error = await kit.fails('mail:test', { to: 'me@kit.example.org' })
    expect(error.code).toBe('MAIL_REFUSED')
    expect(error.message).toMatch(
      /accepts a login only over an encrypted connection, and security is set to none: choose STARTTLS/
    )
    expect(error.message).toMatch(/538/)
    const run = await sendOne('ana@kit.example.org')
    expect(run.state).toBe('failed')
    expect(run.error).toMatchObject({ code: 'MAIL_REFUSED' })
    expect(run.error?.message).toMatch(/choose STARTTLS/)
    expect(sink.received).toEqual([])
    const [delivery] = (await kit.call('outbox:list', {})).messages
    expect(delivery?.state).toBe('queued')
  })

  it('TLS to a port that speaks plain SMTP first says to choose STARTTLS', async () => {
    sink = await startSink({ tls: { mode: 'starttls', ...certificate } })
    await setup(sink.port, 'tls')
    const error = await kit.fails('mail:test', { to: 'me@kit.example.org' })
    expect(error.code).toBe('MAIL_REFUSED')
    expect(error.message).toMatch(/does not speak TLS from the start on this port/)
    expect(sink.logins()).toBe(0)
  })
})
