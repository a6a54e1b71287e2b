import { createHash } from 'node:crypto'
import { readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs'
import path from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import Papa from 'papaparse'
import { unbakePng } from '../../main/core/baking/png.js'
import { decodePublicKeyMultibase } from '../../main/core/keys/multikey.js'
import { createIndependentStack } from '../../main/core/credentials/independent-stack.test-support.js'
import {
  startSink,
  SINK_PASSWORD,
  type Sink
} from '../../main/core/delivery/test-support/smtp-sink.js'
import { otherIssuer } from '../../main/core/delivery/test-support/other-issuer.js'
import {
  caSignedCertificate,
  selfSignedCertificate
} from '../../main/core/delivery/test-support/self-signed.js'
import {
  freshStation,
  publishedBadge,
  removeDir,
  tempDir,
  TEST_PASSPHRASE,
  type CliRun
} from '../support/cli.js'
import { kilnAsync } from '../support/cli-async.js'
import { mailSetupArgs } from '../support/mail-kit.js'

type Report = {
  sent: { award: string; email: string; messageId: string }[]
  failed: { award: string; email: string; reason: string }[]
  waiting: number
}

const WAIT_LINE = (n: number): string =>
  `kiln: ${n} messages wait for the badge site: export or publish it (kiln export bundle / kiln publish), or send them now with --now`

let dir = ''
let out = ''
let sink: Sink
let badgeId = ''
let run: (args: string[], env?: Record<string, string | undefined>) => CliRun

/** The CLI without blocking this process (the SMTP server lives here). */
async function kiln(args: string[], env: Record<string, string | undefined> = {}): Promise<CliRun> {
  return kilnAsync(['--data', dir, ...args], { KILN_PASSPHRASE: TEST_PASSPHRASE, ...env }).done
}

function peopleCsv(count: number, prefix: string): string {
  const lines = ['name,email']
  for (let i = 0; i < count; i++) {
    lines.push(`${prefix} Person ${i},${prefix.toLowerCase()}.${i}@example.com`)
  }
  return lines.join('\n') + '\n'
}

beforeAll(async () => {
  sink = await startSink({ keep: true })
  const station = freshStation()
  dir = station.dir
  run = station.run
  out = tempDir()
  badgeId = publishedBadge(run, 'Summit 2026', 'Attended.', 'Attend.')
})

afterAll(async () => {
  await sink.close()
  ;[dir, out].forEach(removeDir)
})

describe('kiln mail setup', () => {
  it('seals the password from KILN_SMTP_PASSWORD; without one for a user it refuses and saves nothing', async () => {
    const args = [...mailSetupArgs(sink.port, 'none'), '--json']
    const early = await kiln(['deliver', '--json'])
    expect(early.code).toBe(2)
    expect(early.json()).toMatchObject({ error: { code: 'MAIL_NOT_CONFIGURED' } })
    const missing = await kiln(args)
    expect(missing.code).toBe(2)
    expect((await kiln(['mail', 'show', '--json'])).json().configured).toBe(false)
    const setup = await kiln(args, { KILN_SMTP_PASSWORD: SINK_PASSWORD })
    expect(setup.code, setup.stderr).toBe(0)
    expect(setup.json()).toMatchObject({
      configured: true,
      autoQueue: true,
      smtp: { hasPassword: true }
    })
    expect(setup.stdout + setup.stderr).not.toContain(SINK_PASSWORD)
    expect(readFileSync(path.join(dir, 'station.json'), 'utf8')).not.toContain(SINK_PASSWORD)
    const test = await kiln(['mail', 'test', '--to', 'me@example.org', '--json'])
    expect(test.code, test.stderr).toBe(0)
    expect(sink.received.at(-1)?.to).toEqual(['me@example.org'])
  })
})

describe('a batch of 50 awards, then kiln deliver', () => {
  it('waits for the site, then puts 50 messages in the server, one per recipient, each verifiable; again sends nothing', async () => {
    const csv = path.join(out, 'fifty.csv')
    writeFileSync(csv, peopleCsv(50, 'Batch'))
    const awarded = await kiln(['award', '--badge', badgeId, '--csv', csv, '--json'])
    expect(awarded.code, awarded.stderr).toBe(0)
    const issued = (awarded.json() as { issued: { id: string; email: string }[] }).issued
    expect(issued).toHaveLength(50)
    const listed = await kiln(['outbox', 'list', '--state', 'queued', '--json'])
    expect((listed.json() as { total: number }).total).toBe(50)

    const early = await kiln(['deliver', '--json'])
    expect(early.code, early.stderr).toBe(0)
    expect(early.json()).toEqual({ sent: [], failed: [], waiting: 50 })
    // One line on stderr that says what to do; stdout keeps its shape.
    expect(early.stderr.trim().split('\n')).toEqual([WAIT_LINE(50)])
    const dry = await kiln(['deliver', '--dry-run', '--json'])
    expect((dry.json() as Report).waiting).toBe(50)
    expect(dry.stderr.trim()).toBe(WAIT_LINE(50))
    const plain = await kiln(['deliver'])
    expect(plain.stdout.trim()).toBe('Sent 0, failed 0, waiting 50.')
    expect(plain.stderr.trim()).toBe(WAIT_LINE(50))

    const exported = await kiln(['export', 'bundle', '--out', path.join(out, 'site'), '--json'])
    expect(exported.code, exported.stderr).toBe(0)
    const planned = (await kiln(['deliver', '--dry-run', '--json'])).json() as Report
    expect(planned.sent).toHaveLength(50)

    const before = sink.received.length
    const delivered = await kiln(['deliver', '--json'])
    expect(delivered.code, delivered.stderr).toBe(0)
    const report = delivered.json() as Report
    expect(Object.keys(report).sort()).toEqual(['failed', 'sent', 'waiting'])
    expect(report.failed).toEqual([])
    expect(report.waiting).toBe(0)
    expect(report.sent).toHaveLength(50)
    expect(new Set(report.sent.map((s) => s.messageId)).size).toBe(50)
    // The dry run named the very Message-IDs the run used.
    expect(report.sent.map((s) => s.messageId).sort()).toEqual(
      planned.sent.map((s) => s.messageId).sort()
    )
    const mails = sink.received.slice(before)
    expect(mails).toHaveLength(50)
    expect(mails.map((m) => m.to.join()).sort()).toEqual(issued.map((i) => i.email).sort())

    const status = (await kiln(['status', '--json'])).json() as {
      issuer: { id: string }
      key: { publicKeyMultibase: string; verificationMethod: string }
    }
    const db = await createIndependentStack({
      seed: new Uint8Array(32).fill(9),
      publicKey: decodePublicKeyMultibase(status.key.publicKeyMultibase),
      controller: status.issuer.id,
      verificationMethod: status.key.verificationMethod,
      created: '2026-01-01T00:00:00Z'
    })
    for (let i = before; i < before + 50; i++) {
      const mail = await sink.parse(i)
      const email = sink.received[i]?.to[0] ?? ''
      const award = issued.find((a) => a.email === email)?.id ?? ''
      expect(mail.text).toContain(`https://badges.example.org/credentials/${award}/`)
      const png = mail.attachments.find(
        (a) => a.contentType === 'image/png' && a.contentDisposition !== 'inline'
      )
      const credential = JSON.parse(
        unbakePng(png?.content ?? Buffer.alloc(0), 'openbadgecredential') ?? '{}'
      ) as {
        id: string
        credentialSubject: { identifier: { identityHash: string; salt: string }[] }
      }
      expect(await db.verify(credential)).toEqual({ verified: true, error: null })
      const identifier = credential.credentialSubject.identifier[0]
      expect(identifier?.identityHash).toBe(
        'sha256$' +
          createHash('sha256')
            .update(email + (identifier?.salt ?? ''))
            .digest('hex')
      )
    }

    const again = await kiln(['deliver', '--json'])
    expect(again.code).toBe(0)
    expect(again.json()).toEqual({ sent: [], failed: [], waiting: 0 })
    expect(sink.received.length).toBe(before + 50)

    const merge = path.join(out, 'merge.csv')
    const exportedCsv = await kiln([
      'export',
      'mail-merge',
      '--out',
      merge,
      '--badge',
      badgeId,
      '--json'
    ])
    expect(exportedCsv.code, exportedCsv.stderr).toBe(0)
    const rows = Papa.parse<Record<string, string>>(readFileSync(merge, 'utf8'), {
      header: true,
      skipEmptyLines: true
    }).data
    expect(rows).toHaveLength(50)
    for (const row of rows) {
      const award = issued.find((a) => a.email === row['E-mail'])
      expect(row['Credential URL']).toBe(`https://badges.example.org/credentials/${award?.id}/`)
      expect(row['Badge image URL']).toBe(`https://badges.example.org/credentials/${award?.id}.png`)
      expect(row['LinkedIn URL']).toMatch(/^https:\/\/www\.linkedin\.com\/profile\/add\?/)
      expect(row['Award ID']).toBe(award?.id)
    }
    const undelivered = path.join(out, 'undelivered.csv')
    await kiln(['export', 'mail-merge', '--out', undelivered, '--undelivered'])
    expect(readFileSync(undelivered, 'utf8').trim().split('\r\n')).toHaveLength(1)
  }, 180_000)

  it('the mail-merge CSV is spreadsheet-safe', async () => {
    const awarded = await kiln([
      'award',
      '--badge',
      badgeId,
      '--email',
      'formula@example.org',
      '--name',
      '=HYPERLINK("http://evil")',
      '--json'
    ])
    expect(awarded.code, awarded.stderr).toBe(0)
    const file = path.join(out, 'safe.csv')
    await kiln(['export', 'mail-merge', '--out', file, '--undelivered'])
    expect(readFileSync(file, 'utf8')).toContain(`"'=HYPERLINK(""http://evil"")"`)
  })
})

/** For every message id: marked as sending, and whether an outcome followed (read from the journal itself). */
function inFlightFromJournal(file: string): Set<string> {
  const open = new Set<string>()
  for (const line of readFileSync(file, 'utf8').split('\n')) {
    if (!line) continue
    const entry = JSON.parse(line) as { type: string; data: { ids?: string[]; id?: string } }
    if (entry.type === 'delivery.sending') for (const id of entry.data.ids ?? []) open.add(id)
    if (['delivery.sent', 'delivery.deferred', 'delivery.failed'].includes(entry.type)) {
      open.delete(entry.data.id ?? '')
    }
  }
  return open
}

describe('killing the sender (SIGKILL) during a run of 500 messages', () => {
  it('running again delivers every message, with duplicates only among those marked in flight', async () => {
    const csv = path.join(out, 'five-hundred.csv')
    writeFileSync(csv, peopleCsv(500, 'Kill'))
    const awarded = await kiln(['award', '--badge', badgeId, '--csv', csv, '--json'])
    expect(awarded.code, awarded.stderr).toBe(0)
    const ids = (awarded.json() as { issued: { id: string }[] }).issued.map((i) => i.id)
    expect(ids).toHaveLength(500)
    const before = sink.received.length

    const first = kilnAsync(['--data', dir, 'deliver', '--now', '--json'], {
      KILN_PASSPHRASE: TEST_PASSPHRASE
    })
    await new Promise<void>((resolve, reject) => {
      const timer = setInterval(() => {
        if (sink.received.length - before >= 150) {
          clearInterval(timer)
          first.child.kill('SIGKILL')
          resolve()
        }
        if (first.child.exitCode !== null) {
          clearInterval(timer)
          reject(new Error('the sender finished before it could be killed'))
        }
      }, 5)
    })
    const killed = await first.done
    expect(killed.signal).toBe('SIGKILL')
    const inFlight = inFlightFromJournal(path.join(dir, 'journal.ndjson'))

    const listed = (await kiln(['outbox', 'list', '--state', 'sending', '--json'])).json() as {
      counts: { interrupted: number }
    }
    expect(listed.counts.interrupted, 'interrupted').toBe(inFlight.size)

    const second = await kiln(['deliver', '--now', '--json'])
    expect(second.code, second.stderr).toBe(0)
    if (inFlight.size > 0) expect(second.stderr).toMatch(/may arrive twice/)

    const expected = ids.map((id) => `<kiln.${id}@badges.example.org>`)
    const ours = new Set(expected)
    // (the queue also held the message of the award made by the test before)
    const received = sink.received.slice(before).filter((r) => ours.has(r.messageId))
    const counts = new Map<string, number>()
    for (const r of received) counts.set(r.messageId, (counts.get(r.messageId) ?? 0) + 1)
    // Every message arrived.
    expect(expected.filter((m) => !counts.has(m))).toEqual([])
    // Duplicates only among the messages the journal marked in flight at the kill.
    const duplicates = [...counts].filter(([, n]) => n > 1).map(([m]) => m)
    const inFlightIds = new Set([...inFlight].map((id) => `<kiln.${id}@badges.example.org>`))
    expect(duplicates.filter((m) => !inFlightIds.has(m))).toEqual([])
    expect(inFlight.size).toBeLessThanOrEqual(6)
    expect(received.length - 500, 'repeats').toBe(duplicates.length)
    const again = await kiln(['deliver', '--now', '--json'])
    expect((again.json() as Report).sent).toEqual([])
  }, 240_000)
})

describe('kiln recipients import-badge', () => {
  it('refuses an unbaked image with the reason and exit 1; takes an OB 2.0 badge by its URL', async () => {
    const added = run([
      'recipients',
      'add',
      '--name',
      'Mia',
      '--email',
      'mia@example.org',
      '--json'
    ])
    expect(added.code, added.stderr).toBe(0)
    const id = String(added.json().id)
    const images = readdirSync(path.join(dir, 'images')).filter((f) =>
      statSync(path.join(dir, 'images', f)).isFile()
    )
    const refused = await kiln([
      'recipients',
      'import-badge',
      id,
      path.join(dir, 'images', images[0] ?? ''),
      '--json'
    ])
    expect(refused.code).toBe(1)
    expect((refused.json() as { error: { code: string } }).error.code).toBe('CREDENTIAL_INVALID')

    // An OB 2.0 hosted badge by its address, as the member pastes it.
    const academy = await otherIssuer()
    try {
      const earned = await academy.award('Mia', 'mia@example.org')
      await academy.publish()
      const imported = await kiln([
        'recipients',
        'import-badge',
        id,
        academy.assertionUrl(earned),
        '--json'
      ])
      expect(imported.code, imported.stderr).toBe(0)
      expect(imported.json()).toMatchObject({
        kind: 'ob2-hosted',
        format: 'url',
        issuer: { name: 'Other Academy' },
        email: 'mia@example.org'
      })
    } finally {
      await academy.close()
    }
  })
})

/** A second station (the first one's outbox is full of the runs above). */
function otherStation(): {
  dir: string
  kiln: (args: string[], env?: Record<string, string | undefined>) => Promise<CliRun>
  badgeId: string
} {
  const station = freshStation()
  const id = publishedBadge(station.run, 'Workshop', 'Took part.', 'Take part.')
  return {
    dir: station.dir,
    badgeId: id,
    kiln: (args, env = {}) =>
      kilnAsync(['--data', station.dir, ...args], { KILN_PASSPHRASE: TEST_PASSPHRASE, ...env }).done
  }
}

describe('with a publish target, messages wait until the site is published there', () => {
  it('an export alone does not release them; a publish to the default target does', async () => {
    const other = otherStation()
    const site = tempDir('kiln-site-')
    try {
      const setup = await other.kiln(mailSetupArgs(sink.port, 'none'), {
        KILN_SMTP_PASSWORD: SINK_PASSWORD
      })
      expect(setup.code, setup.stderr).toBe(0)
      const added = await other.kiln(
        ['publish', 'targets', 'add', 'web', '--kind', 'folder'].concat(['--path', site])
      )
      expect(added.code, added.stderr).toBe(0)
      for (const who of ['ines', 'jon']) {
        const awarded = await other.kiln([
          'award',
          '--badge',
          other.badgeId,
          '--email',
          `${who}@example.org`,
          '--name',
          who,
          '--json'
        ])
        expect(awarded.code, awarded.stderr).toBe(0)
      }
      const before = sink.received.length

      const early = await other.kiln(['deliver', '--json'])
      expect(early.json()).toEqual({ sent: [], failed: [], waiting: 2 })
      expect(early.stderr.trim()).toBe(WAIT_LINE(2))
      const exported = await other.kiln(['export', 'bundle', '--out', tempDir('kiln-bundle-')])
      expect(exported.code, exported.stderr).toBe(0)
      const afterExport = await other.kiln(['deliver', '--json'])
      expect(afterExport.json()).toEqual({ sent: [], failed: [], waiting: 2 })

      const published = await other.kiln(['publish', '--json'])
      expect(published.code, published.stderr).toBe(0)
      const delivered = await other.kiln(['deliver', '--json'])
      expect(delivered.code, delivered.stderr).toBe(0)
      expect((delivered.json() as Report).sent.map((s) => s.email).sort()).toEqual([
        'ines@example.org',
        'jon@example.org'
      ])
      expect(delivered.stderr).not.toMatch(/wait for the badge site/)
      expect(
        sink.received
          .slice(before)
          .map((r) => r.to.join())
          .sort()
      ).toEqual(['ines@example.org', 'jon@example.org'])
    } finally {
      removeDir(other.dir)
      removeDir(site)
    }
  }, 120_000)
})

describe('kiln mail over TLS', () => {
  it('STARTTLS to a self-signed server: the first use pins its certificate and says so', async () => {
    const other = otherStation()
    const certificate = selfSignedCertificate()
    const server = await startSink({ tls: { mode: 'starttls', ...certificate } })
    try {
      const setup = await other.kiln(mailSetupArgs(server.port, 'starttls'), {
        KILN_SMTP_PASSWORD: SINK_PASSWORD
      })
      expect(setup.code, setup.stderr).toBe(0)
      const test = await other.kiln(['mail', 'test', '--to', 'me@example.org'])
      expect(test.code, test.stderr).toBe(0)
      expect(test.stdout).toContain(`Kiln pinned it on this first use: ${certificate.fingerprint}`)
      const shown = await other.kiln(['mail', 'show'])
      expect(shown.stdout).toContain(`Certificate: ${certificate.fingerprint} (pinned on first use`)
      expect(server.received.map((r) => r.secure)).toEqual([true])
    } finally {
      await server.close()
      removeDir(other.dir)
    }
  })

  it('TLS to a server a trusted CA vouches for: accepted as any mail program would, nothing pinned', async () => {
    const other = otherStation()
    const certificate = caSignedCertificate()
    const caFile = path.join(other.dir, 'test-ca.pem')
    writeFileSync(caFile, certificate.caPem)
    const server = await startSink({ tls: { mode: 'tls', ...certificate } })
    try {
      const setup = await other.kiln(mailSetupArgs(server.port, 'tls'), {
        KILN_SMTP_PASSWORD: SINK_PASSWORD
      })
      expect(setup.code, setup.stderr).toBe(0)
      const test = await other.kiln(['mail', 'test', '--to', 'me@example.org', '--json'], {
        NODE_EXTRA_CA_CERTS: caFile
      })
      expect(test.code, test.stderr).toBe(0)
      expect(test.json().pinned).toBeUndefined()
      const shown = (await other.kiln(['mail', 'show', '--json'])).json() as {
        smtp: { certificate?: unknown }
      }
      expect(shown.smtp.certificate).toBeUndefined()
      expect(server.received.map((r) => r.secure)).toEqual([true])
    } finally {
      await server.close()
      removeDir(other.dir)
    }
  })
})
