import { createHash } from 'node:crypto'
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import type { ParsedMail } from 'mailparser'
import {
  csvBase64,
  freshKit,
  jobResult,
  KIT_PASSPHRASE,
  peopleCsv,
  type Kit
} from '../awards/test-support/station-kit.js'
import { unbakePng } from '../baking/png.js'
import { verifyCredential } from '../credentials/verify.js'
import { decodePublicKeyMultibase } from '../keys/multikey.js'
import { createIndependentStack } from '../credentials/independent-stack.test-support.js'
import { logger } from '../logger.js'
import { startSink, SINK_PASSWORD, SINK_USER, type Sink } from './test-support/smtp-sink.js'
import { deliver } from './sender.js'

let kit: Kit
let sink: Sink

async function setupMail(port: number, extra: Record<string, unknown> = {}): Promise<void> {
  await kit.call('mail:setup', {
    host: '127.0.0.1',
    port,
    security: 'none',
    user: SINK_USER,
    password: SINK_PASSWORD,
    from: 'badges@kit.example.org',
    replyTo: 'office@kit.example.org',
    ...extra
  })
}

async function award(name: string, email: string): Promise<string> {
  const issued = await kit.call('awards:issue', { badgeId: kit.badgeId, name, email })
  return issued.id
}

/** Starts a sending run and waits for its job: its state and its result (the run's report). */
async function send(input: { awardIds?: string[]; now?: boolean } = { now: true }) {
  const { jobId } = await kit.call('delivery:start', input)
  const job = await jobResult(kit.core, jobId, 'delivery:send')
  if (!job.result) throw new Error(`the sending run ended ${job.state} without a result`)
  return { state: job.state, ...job.result }
}

function attachment(mail: ParsedMail, contentType: string, inline: boolean) {
  return mail.attachments.find(
    (a) => a.contentType === contentType && (a.contentDisposition === 'inline') === inline
  )
}

beforeEach(async () => {
  kit = await freshKit()
  sink = await startSink({
    keep: true,
    reject: new Map([
      [
        'nobody@kit.example.org',
        '5.1.1 <nobody@kit.example.org>: Recipient address rejected: User unknown'
      ]
    ])
  })
})

afterEach(async () => {
  await kit.close()
  await sink.close()
})

describe('e-mail settings', () => {
  it('seals the SMTP password: never in station.json, a response or the log', async () => {
    const lines: string[] = []
    const restore = logger.setSink((line) => lines.push(line))
    try {
      await setupMail(sink.port)
      const view = await kit.call('mail:settings', {})
      expect(view.smtp).toMatchObject({
        host: '127.0.0.1',
        port: sink.port,
        user: SINK_USER,
        hasPassword: true
      })
      expect(JSON.stringify(view)).not.toContain(SINK_PASSWORD)
      const id = await award('Ana Müller', 'ana@kit.example.org')
      const run = await send()
      expect(run.report.sent.map((s) => s.award)).toEqual([id])
      expect(JSON.stringify(run)).not.toContain(SINK_PASSWORD)
    } finally {
      restore()
    }
    for (const file of fs.readdirSync(kit.dir, { recursive: true, encoding: 'utf8' })) {
      const full = path.join(kit.dir, file)
      if (fs.statSync(full).isFile()) {
        expect(fs.readFileSync(full).includes(Buffer.from(SINK_PASSWORD)), file).toBe(false)
      }
    }
    expect(lines.join('\n')).not.toContain(SINK_PASSWORD)
  })

  it('the sealed password survives a key rotation', async () => {
    await setupMail(sink.port)
    await kit.call('keys:rotate', { passphrase: KIT_PASSPHRASE })
    await kit.reopen()
    const result = await kit.call('mail:test', { to: 'me@kit.example.org' })
    expect(result.response).toMatch(/^250/)
  })

  it('a user without a password is refused and nothing is saved', async () => {
    const error = await kit.fails('mail:setup', {
      host: '127.0.0.1',
      port: sink.port,
      security: 'none',
      user: SINK_USER,
      from: 'badges@kit.example.org'
    })
    expect(error).toMatchObject({ code: 'INVALID_INPUT', details: { field: 'password' } })
    expect((await kit.call('mail:settings', {})).configured).toBe(false)
  })

  it('the test message arrives; a wrong password is MAIL_REFUSED with the server’s reason', async () => {
    await setupMail(sink.port)
    const result = await kit.call('mail:test', { to: 'me@kit.example.org' })
    expect(result.response).toMatch(/^250/)
    expect(sink.received.map((r) => r.to)).toEqual([['me@kit.example.org']])
    await setupMail(sink.port, { password: 'wrong' })
    const error = await kit.fails('mail:test', { to: 'me@kit.example.org' })
    expect(error.code).toBe('MAIL_REFUSED')
    expect(error.message).toMatch(/535/)
    expect(sink.authFailures()).toBe(1)
  })
})

describe('sending awards', () => {
  it('every recipient gets one message with a baked PNG that verifies for their e-mail; a second run sends nothing', async () => {
    await setupMail(sink.port)
    const people = [
      ['Ana Müller', 'ana@kit.example.org'],
      ['Bo Li', 'bo@kit.example.org'],
      ['Zoë <b>Ek</b>', 'zoe@kit.example.org']
    ] as const
    const ids: string[] = []
    for (const [name, email] of people) ids.push(await award(name, email))
    const queued = await kit.call('outbox:list', {})
    expect(queued.counts.queued).toBe(3)

    const run = await send()
    expect(run.state).toBe('done')
    expect(run.report.failed).toEqual([])
    expect(run.report.sent.map((s) => s.award).sort()).toEqual([...ids].sort())
    expect(sink.received).toHaveLength(3)

    const status = await kit.call('station:status', {})
    const publicKey = decodePublicKeyMultibase(status.key?.publicKeyMultibase ?? '')
    const issuer = status.issuer?.id ?? ''
    const db = await createIndependentStack({
      seed: new Uint8Array(32).fill(7),
      publicKey,
      controller: issuer,
      verificationMethod: status.key?.verificationMethod ?? '',
      created: '2026-01-01T00:00:00Z'
    })
    for (let i = 0; i < sink.received.length; i++) {
      const mail = await sink.parse(i)
      const to = sink.received[i]?.to[0] ?? ''
      const index = people.findIndex(([, email]) => email === to)
      const awardId = ids[index] ?? ''
      const [name] = people[index] ?? ['', '']
      expect(mail.to && !Array.isArray(mail.to) ? mail.to.value : []).toEqual([
        { address: to, name }
      ])
      const sent = run.report.sent.find((s) => s.award === awardId)
      expect(mail.messageId).toBe(sent?.messageId)
      expect(mail.subject).toBe('Your badge: Kit Attendance')
      expect(mail.replyTo?.value[0]?.address).toBe('office@kit.example.org')
      const pageUrl = `https://badges.kit.example.org/credentials/${awardId}/`
      expect(mail.text).toContain(pageUrl)
      expect(mail.text).toContain(`https://badges.kit.example.org/credentials/${awardId}.png`)
      expect(mail.text).toContain(
        'https://www.linkedin.com/profile/add?startTask=CERTIFICATION_NAME'
      )
      expect(mail.html).toContain(`href="${pageUrl}"`)
      // The name is escaped in the HTML part, not markup.
      if (name.includes('<b>')) expect(mail.html).toContain('Zoë &lt;b&gt;Ek&lt;/b&gt;')
      const inline = attachment(mail, 'image/png', true)
      expect(inline?.cid).toBe('badge-image@kiln')
      expect(mail.html).toContain('src="cid:badge-image@kiln"')
      const baked = attachment(mail, 'image/png', false)
      const exported = await kit.call('credentials:export', { id: awardId, format: 'png' })
      expect(baked?.content.equals(Buffer.from(exported.base64, 'base64'))).toBe(true)
      const credentialText =
        unbakePng(baked?.content ?? Buffer.alloc(0), 'openbadgecredential') ?? ''
      const credential = JSON.parse(credentialText) as {
        credentialSubject: { identifier: { identityHash: string; salt: string }[] }
      }
      expect(await db.verify(credential)).toEqual({ verified: true, error: null })
      const id0 = credential.credentialSubject.identifier[0]
      const expected =
        'sha256$' +
        createHash('sha256')
          .update(to + (id0?.salt ?? ''))
          .digest('hex')
      expect(id0?.identityHash).toBe(expected)
      expect((await verifyCredential(credentialText, { email: to })).valid).toBe(true)
    }
    const again = await send()
    expect(again.report).toEqual({ sent: [], failed: [], waiting: 0 })
    expect(sink.received).toHaveLength(3)
    const deliveries = await kit.call('outbox:forAwards', { awardIds: ids })
    expect(deliveries.deliveries.map((d) => d.state)).toEqual(['sent', 'sent', 'sent'])
  })

  it('the preview is the message that recipient would get, its styles as data-style for the page’s CSP', async () => {
    await setupMail(sink.port)
    const id = await award('Ana Müller', 'ana@kit.example.org')
    const preview = await kit.call('mail:preview', {
      awardId: id,
      template: { subject: 'Well done, {{name}}', body: 'Hello {{name}}' }
    })
    expect(preview.to).toBe('Ana Müller <ana@kit.example.org>')
    expect(preview.subject).toBe('Well done, Ana Müller')
    expect(preview.html).not.toMatch(/\sstyle="/)
    expect(preview.html).toContain(' data-style="margin:0 0 16px 0;')
    expect(preview.html).toContain('src="data:image/png;base64,')
    expect(preview.attachments.map((a) => a.contentType)).toEqual(['image/png'])
  })

  it('a badge whose template asks for it also carries the PDF certificate', async () => {
    await setupMail(sink.port)
    await kit.call('mail:saveTemplate', {
      badgeId: kit.badgeId,
      subject: '{{badge}} for {{name}}',
      body: 'Hello {{name}}, see {{credentialUrl}}',
      attachPdf: true
    })
    const id = await award('Ana Müller', 'ana@kit.example.org')
    await send()
    const mail = await sink.parse(0)
    expect(mail.subject).toBe('Kit Attendance for Ana Müller')
    expect(mail.text).toContain(
      `Hello Ana Müller, see https://badges.kit.example.org/credentials/${id}/`
    )
    const pdf = mail.attachments.find((a) => a.contentType === 'application/pdf')
    expect(pdf?.content.subarray(0, 5).toString('latin1')).toBe('%PDF-')
    expect(pdf?.content.includes(Buffer.from(`credential-${id}.json`))).toBe(true)
  })

  it('waits for the site by default, then sends once the bundle holding the credential is exported', async () => {
    await setupMail(sink.port)
    const id = await award('Ana Müller', 'ana@kit.example.org')
    const waiting = await send({})
    expect(waiting.report).toEqual({ sent: [], failed: [], waiting: 1 })
    const [delivery] = (await kit.call('outbox:forAwards', { awardIds: [id] })).deliveries
    expect(delivery).toMatchObject({ state: 'queued', waiting: 'site' })
    const out = fs.mkdtempSync(path.join(os.tmpdir(), 'kiln-bundle-'))
    try {
      const { jobId } = await kit.call('bundle:export', { out: path.join(out, 'site') })
      expect((await jobResult(kit.core, jobId, 'bundle:export')).state).toBe('done')
    } finally {
      fs.rmSync(out, { recursive: true, force: true })
    }
    const sent = await send({})
    expect(sent.report.sent.map((s) => s.award)).toEqual([id])
  })

  it('a 550 fails only that recipient, with the server’s reason on the award', async () => {
    await setupMail(sink.port)
    const good = await award('Ana Müller', 'ana@kit.example.org')
    const bad = await award('No Body', 'nobody@kit.example.org')
    const run = await send()
    expect(run.report.sent.map((s) => s.award)).toEqual([good])
    expect(run.report.failed).toEqual([
      {
        award: bad,
        email: 'nobody@kit.example.org',
        reason: expect.stringMatching(/^550 5\.1\.1 .*User unknown/)
      }
    ])
    const [delivery] = (await kit.call('outbox:forAwards', { awardIds: [bad] })).deliveries
    expect(delivery).toMatchObject({ state: 'failed', lastError: { kind: 'permanent', code: 550 } })
    expect(sink.received.map((r) => r.to)).toEqual([['ana@kit.example.org']])
  })

  it('a 421 is retried in the same run, and the message arrives once', async () => {
    await sink.close()
    sink = await startSink({ deferFirst: new Map([['bo@kit.example.org', 1]]) })
    await setupMail(sink.port)
    const id = await award('Bo Li', 'bo@kit.example.org')
    const outcome = await deliver(kit.core.station, {
      now: true,
      retry: { attempts: 3, baseMs: 50 }
    })
    expect(outcome.report.sent.map((s) => s.award)).toEqual([id])
    expect(sink.attempts.get('bo@kit.example.org')).toBe(2)
    expect(sink.received).toHaveLength(1)
    const message = await kit.call('outbox:get', { id })
    expect(message.history?.map((h) => h.event)).toEqual([
      'queued',
      'sending',
      'deferred',
      'sending',
      'sent'
    ])
  })

  it('offline: nothing is written, the messages wait for a connection', async () => {
    await setupMail(sink.port)
    await kit.call('mail:options', { waitForSite: false })
    await award('Ana Müller', 'ana@kit.example.org')
    await sink.close()
    const before = kit.core.station.journal.count
    const run = await send()
    expect(run.report).toEqual({ sent: [], failed: [], waiting: 1 })
    expect(run.stopped?.code).toBe('OFFLINE')
    expect(kit.core.station.journal.count).toBe(before)
    const summary = await kit.call('outbox:summary', {})
    expect(summary.counts.waitingForConnection).toBe(1)
    expect(summary.offlineSince).toBeDefined()
    sink = await startSink()
  })

  it('the rate per minute spreads the messages: 200/min puts at least 300 ms between hand-offs', async () => {
    // 300 ms is several times what a message takes here unpaced, so without the pace this fails.
    await setupMail(sink.port, { ratePerMinute: 200, connections: 3 })
    await kit.call('mail:options', { waitForSite: false })
    for (let i = 0; i < 8; i++) await award(`Person ${i}`, `p${i}@kit.example.org`)
    const started = Date.now()
    const run = await send({})
    expect(run.report.sent).toHaveLength(8)
    // A lower bound only (a loaded machine can only make it slower): by the time the server had
    // its k-th message, at least k intervals of 60 000 / 200 ms had passed since the run began.
    const arrivals = sink.received.map((r) => r.at - started).sort((a, b) => a - b)
    expect(arrivals).toHaveLength(8)
    arrivals.forEach((t, k) => expect(t, `message ${k}`).toBeGreaterThanOrEqual(k * 300))
  })

  it('a CR/LF cannot add a header or a recipient: refused in a name, flattened in a template', async () => {
    await setupMail(sink.port)
    // A name is refused at the door (and nothing is queued for it).
    const refused = await kit.fails('awards:issue', {
      badgeId: kit.badgeId,
      name: 'Eve\r\nBcc: attacker@evil.example',
      email: 'eve@kit.example.org'
    })
    expect(refused).toMatchObject({ code: 'INVALID_INPUT', details: { field: 'name' } })
    expect((await kit.call('outbox:list', {})).total).toBe(0)
    // A template line break cannot start a header: the subject is made one line.
    await kit.call('mail:saveTemplate', {
      subject: 'For {{name}}\r\nBcc: attacker@evil.example\r\nX-Injected: yes',
      body: 'Hello {{name}}'
    })
    await award('Eve Example', 'eve@kit.example.org')
    await send()
    expect(sink.received.map((r) => r.to)).toEqual([['eve@kit.example.org']])
    const mail = await sink.parse(0)
    expect(mail.headers.has('bcc')).toBe(false)
    expect(mail.headers.has('x-injected')).toBe(false)
    expect(mail.subject).toBe('For Eve Example Bcc: attacker@evil.example X-Injected: yes')
  })
})

describe('revocation and reissue', () => {
  it('revoking cancels the unsent message; a reissue queues one that says it replaces the earlier credential', async () => {
    await setupMail(sink.port)
    const first = await award('Ana Muller', 'ana@kit.example.org')
    const revoked = await award('Bo Li', 'bo@kit.example.org')
    await kit.call('awards:revoke', { id: revoked, reason: 'issued by mistake' })
    expect(await kit.call('outbox:get', { id: revoked })).toMatchObject({ state: 'cancelled' })
    await send()
    const { issued } = await kit.call('awards:reissue', { id: first, name: 'Ana Müller' })
    const message = await kit.call('outbox:get', { id: issued.id })
    expect(message).toMatchObject({ kind: 'reissue', replacesAwardId: first, state: 'queued' })
    await send()
    expect(sink.received).toHaveLength(2)
    const mail = await sink.parse(1)
    expect(mail.subject).toBe('Corrected: Your badge: Kit Attendance')
    expect(mail.text).toContain('replaces the credential')
    const retry = await kit.fails('outbox:queue', { awardIds: [revoked] })
    expect(retry.code).toBe('CONFLICT')
  })

  it('no message is queued automatically when the setting is off, but one can be queued by hand', async () => {
    await setupMail(sink.port)
    await kit.call('mail:options', { autoQueue: false })
    const id = await award('Ana Müller', 'ana@kit.example.org')
    expect((await kit.call('outbox:list', {})).total).toBe(0)
    const run = await send({ awardIds: [id], now: true })
    expect(run.report.sent.map((s) => s.award)).toEqual([id])
  })
})

describe('delivery in the station’s order', () => {
  it('an award and its queued message are one group commit; a batch’s messages name its job', async () => {
    await setupMail(sink.port)
    const appendMany = vi.spyOn(kit.core.station.journal, 'appendMany')
    const id = await award('Ana Müller', 'ana@kit.example.org')
    expect(appendMany.mock.calls.map((c) => c[0].map((e) => e.type))).toEqual([
      ['award.issued', 'delivery.queued']
    ])
    expect(appendMany.mock.calls[0]?.[0][1]).toMatchObject({ data: { awardId: id } })

    appendMany.mockClear()
    const preview = await kit.call('awards:batchPreview', {
      badgeId: kit.badgeId,
      source: { csvBase64: csvBase64(peopleCsv(30)) }
    })
    const { jobId } = await kit.call('awards:batchStart', { previewId: preview.previewId })
    expect((await jobResult(kit.core, jobId, 'awards:batch')).state).toBe('done')
    const commits = appendMany.mock.calls.map((c) => c[0])
    expect(commits.length).toBeGreaterThan(0)
    for (const events of commits) {
      const awards = events.filter((e) => e.type === 'award.issued')
      const queued = events.flatMap((e) => (e.type === 'delivery.queued' ? [e.data] : []))
      // Every award of a chunk has its message in the same commit, labelled with the batch.
      expect(queued.map((q) => q.awardId)).toEqual(
        awards.map((e) => (e.type === 'award.issued' ? e.data.award.id : ''))
      )
      for (const q of queued) expect(q.batchId).toBe(jobId)
    }
    expect(commits.flat().filter((e) => e.type === 'delivery.queued')).toHaveLength(30)
    appendMany.mockRestore()
  })

  it('a sending run writes through the mutation queue: nothing is marked or sent while a change holds it', async () => {
    await setupMail(sink.port)
    await kit.call('mail:options', { waitForSite: false })
    const id = await award('Ana Müller', 'ana@kit.example.org')
    const station = kit.core.station
    let release = (): void => undefined
    const holding = station.queue.run(() => new Promise<void>((resolve) => (release = resolve)))
    const jobId = station.delivery.start({ now: true })
    // The run's first write (the "sending" mark, before anything goes to the server) queues
    // behind the change that holds the queue.
    while (station.queue.pending < 2) await new Promise((resolve) => setTimeout(resolve, 10))
    expect([...station.journal.entries()].some((e) => e.type === 'delivery.sending')).toBe(false)
    expect(sink.received).toHaveLength(0)
    release()
    await holding
    const job = await jobResult(kit.core, jobId, 'delivery:send')
    expect(job.result?.report.sent.map((s) => s.award)).toEqual([id])
    expect(sink.received).toHaveLength(1)
  })
})
