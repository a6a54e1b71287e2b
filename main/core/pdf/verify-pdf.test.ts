import { spawnSync } from 'node:child_process'
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { inflateSync } from 'node:zlib'
import { PDFDocument } from 'pdf-lib'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { baseInput, newIssuer, signCredential } from '../credentials/test-kit.js'
import type { CertificateData } from './certificate-data.js'
import { pdfAttachments } from './attachments.js'
import { renderCertificates } from './render.js'
import { flipAttachmentByte, pdfWithObject, reembedAttachment } from './tamper.test-support.js'
import { verifyPdf } from './verify-pdf.js'

const BADGE_PNG = readFileSync(path.join(import.meta.dirname, '../../../resources/icon.png'))
let pdf: Buffer
let batch: Buffer

function data(awardId: string, name: string, credential: object): CertificateData {
  return {
    awardId,
    recipientName: name,
    achievementName: 'Teamwork',
    achievementDescription: 'Works well with others.',
    awardedDate: '2025-03-01T10:00:00Z',
    issuerName: 'Kiln Test Association',
    credentialId: `https://badges.example.org/credentials/${awardId}`,
    pageUrl: `https://badges.example.org/credentials/${awardId}/`,
    imageKey: 'b',
    image: BADGE_PNG,
    credentialJson: JSON.stringify(credential)
  }
}

beforeAll(async () => {
  const issuer = newIssuer()
  const items = await Promise.all(
    ['Ada Lovelace', 'Zoë Yılmaz', '王秀英'].map(async (name, i) => {
      const id = `awd_000${i}`
      const input = baseInput(issuer.profile, {
        award: { id, awardedDate: '2025-03-01T10:00:00Z', validFrom: '2025-03-01T10:00:00Z' },
        recipient: { name, email: `p${i}@example.org`, salt: 'c0ffee00c0ffee00c0ffee00c0ffee00' }
      })
      return data(id, name, await signCredential(issuer, input))
    })
  )
  const byId = new Map(items.map((d) => [d.awardId, d]))
  const load = (id: string) => byId.get(id) as CertificateData
  pdf = await renderCertificates([items[0]?.awardId ?? ''], load, {
    template: 'classic',
    pageSize: 'a4'
  })
  batch = await renderCertificates(
    items.map((d) => d.awardId),
    load,
    { template: 'modern', pageSize: 'letter' }
  )
})

describe('verifying a certificate PDF', () => {
  it('accepts the credential attached to a certificate, and checks the recipient', async () => {
    const result = await verifyPdf(pdf, { email: 'p0@example.org' })
    expect(result.valid).toBe(true)
    expect(result.credentials).toHaveLength(1)
    expect(result.credentials[0]?.checks.find((c) => c.id === 'proof')?.status).toBe('passed')
    expect(result.credentials[0]?.checks.find((c) => c.id === 'recipient')?.status).toBe('passed')
    const wrong = await verifyPdf(pdf, { email: 'someone@example.org' })
    expect(wrong.valid).toBe(false)
  })

  it('accepts a batch only when every attached credential is valid', async () => {
    const result = await verifyPdf(batch)
    expect(result.valid).toBe(true)
    expect(result.credentials.map((c) => c.attachment)).toEqual([
      'credential-awd_0000.json',
      'credential-awd_0001.json',
      'credential-awd_0002.json'
    ])
  })

  it('rejects a certificate whose credential was altered and re-embedded (valid PDF, matching checksum)', async () => {
    const forged = reembedAttachment(
      pdf,
      (json) => json.replace('Ada Lovelace', 'Eve Forger'),
      inflateSync
    )
    // The forged file is a well-formed PDF whose newest attachment is the forgery.
    expect((await pdfAttachments(forged))[0]?.data.toString('utf8')).toContain('Eve Forger')
    const result = await verifyPdf(forged)
    expect(result.valid).toBe(false)
    expect(result.credentials[0]?.checks.find((c) => c.id === 'proof')?.status).toBe('failed')
  })

  it('never reports valid when a byte of the compressed attachment is flipped', async () => {
    const damaged = flipAttachmentByte(pdf)
    let valid: boolean | undefined
    let code: string | undefined
    try {
      valid = (await verifyPdf(damaged)).valid
    } catch (error) {
      code = (error as { code?: string }).code
    }
    expect(valid === false || code === 'UNREADABLE_INPUT').toBe(true)
    expect(valid).not.toBe(true)
  })

  it('says a PDF without a credential, or not a PDF at all, is unreadable', async () => {
    const plain = Buffer.from(
      pdf.toString('latin1').replace('/EmbeddedFiles', '/EmbeddedFilez'),
      'latin1'
    )
    await expect(verifyPdf(plain)).rejects.toMatchObject({ code: 'UNREADABLE_INPUT' })
    await expect(verifyPdf(Buffer.from('hello'))).rejects.toMatchObject({
      code: 'UNREADABLE_INPUT'
    })
  })

  it('still finds the attachments when the xref table is damaged (object scan)', async () => {
    const text = pdf.toString('latin1')
    const broken = Buffer.from(text.replace(/startxref\s+\d+/, 'startxref\n1'), 'latin1')
    expect((await verifyPdf(broken)).valid).toBe(true)
  })
})

describe('certificates re-saved by other PDF tools, and hostile PDFs', () => {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'kiln-pdf-'))
  afterAll(() => rmSync(dir, { recursive: true, force: true }))

  function qpdf(input: Buffer, args: string[]): Buffer {
    const from = path.join(dir, 'in.pdf')
    const to = path.join(dir, 'out.pdf')
    writeFileSync(from, input)
    const run = spawnSync('qpdf', [...args, from, to], { encoding: 'utf8' })
    if (run.error) throw new Error('qpdf is required (apt-get install -y qpdf)')
    expect(run.status, run.stderr).toBe(0)
    return readFileSync(to)
  }

  it.each([
    ['qpdf with object and cross-reference streams', ['--object-streams=generate']],
    ['qpdf, linearized', ['--linearize', '--object-streams=generate']],
    [
      'qpdf, streams recompressed',
      ['--recompress-flate', '--compression-level=9', '--object-streams=generate']
    ]
  ])('verifies a certificate re-saved by %s', async (_label, args) => {
    const resaved = qpdf(batch, args)
    expect(resaved.toString('latin1')).toMatch(/\/Type\s*\/(ObjStm|XRef)|\/Linearized/)
    const result = await verifyPdf(resaved)
    expect(result.valid).toBe(true)
    expect(result.credentials.map((c) => c.attachment)).toEqual([
      'credential-awd_0000.json',
      'credential-awd_0001.json',
      'credential-awd_0002.json'
    ])
  })

  it('verifies a certificate re-saved by pdf-lib with object streams', async () => {
    const doc = await PDFDocument.load(pdf)
    const resaved = Buffer.from(await doc.save({ useObjectStreams: true }))
    expect(resaved.toString('latin1')).toContain('/ObjStm')
    const result = await verifyPdf(resaved, { email: 'p0@example.org' })
    expect(result.valid).toBe(true)
  })

  it.each([
    ['arrays', '['.repeat(100_000) + ']'.repeat(100_000)],
    ['dictionaries', '<< /A '.repeat(100_000) + '>>'.repeat(100_000)]
  ])('refuses 100,000 nested %s with a sentence, not a crash', async (_label, nested) => {
    for (const inObjectStream of [false, true]) {
      const hostile = pdfWithObject(nested, inObjectStream)
      await expect(verifyPdf(hostile)).rejects.toMatchObject({
        code: 'UNREADABLE_INPUT',
        message: expect.stringMatching(/^The PDF is damaged: /)
      })
    }
  })

  it('refuses an object stream that would inflate to 64 MiB from 64 kB', async () => {
    const bomb = pdfWithObject('<< >>' + ' '.repeat(64 * 1024 * 1024), true)
    expect(bomb.length).toBeLessThan(200_000)
    await expect(verifyPdf(bomb)).rejects.toMatchObject({
      code: 'UNREADABLE_INPUT',
      message: expect.stringMatching(/object streams? would inflate to more than/)
    })
  })
})
