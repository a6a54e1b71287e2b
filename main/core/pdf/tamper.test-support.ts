/**
 * Test helpers that alter certificate PDFs the way a forger would: replace an embedded
 * credential through an incremental update (a new version of the stream object, with a
 * correct length and checksum, a new xref section and a trailer pointing back with /Prev),
 * or flip one byte inside a compressed attachment stream. Tests only.
 */
import { createHash } from 'node:crypto'
import { deflateSync } from 'node:zlib'

/** The object number and byte range of the first EmbeddedFile stream's data. */
export function embeddedStream(pdf: Buffer): { num: number; start: number; end: number } {
  const text = pdf.toString('latin1')
  const at = text.indexOf('/Type /EmbeddedFile')
  if (at < 0) throw new Error('no embedded file')
  const header = text.lastIndexOf(' obj', at)
  const num = Number(/(\d+) \d+$/.exec(text.slice(Math.max(0, header - 20), header))?.[1])
  const streamAt = text.indexOf('stream\n', at) + 'stream\n'.length
  const length = Number(/\/Length (\d+)/.exec(text.slice(header, streamAt))?.[1])
  return { num, start: streamAt, end: streamAt + length }
}

/** Replaces the first attachment's content with `edit(json)` as a forger would (valid PDF, valid checksum). */
export function reembedAttachment(
  pdf: Buffer,
  edit: (json: string) => string,
  inflate: (b: Buffer) => Buffer
): Buffer {
  const { num, start, end } = embeddedStream(pdf)
  const json = inflate(pdf.subarray(start, end)).toString('utf8')
  const altered = Buffer.from(edit(json), 'utf8')
  const compressed = deflateSync(altered)
  const md5 = createHash('md5').update(altered).digest('hex')
  const tail = pdf.toString('latin1', pdf.length - 200)
  const prev = Number(/startxref\s+(\d+)/.exec(tail)?.[1])
  const text = pdf.toString('latin1')
  const trailer = text.slice(text.lastIndexOf('trailer'))
  const root = /\/Root (\d+ \d+ R)/.exec(trailer)?.[1]
  const size = /\/Size (\d+)/.exec(trailer)?.[1]
  const objOffset = pdf.length
  const obj = Buffer.concat([
    Buffer.from(
      `${num} 0 obj\n<<\n/Type /EmbeddedFile\n/Subtype /application#2Fvc+ld+json\n/Params <<\n/CheckSum (${md5})\n/Size ${altered.length}\n>>\n/Length ${compressed.length}\n/Filter /FlateDecode\n>>\nstream\n`,
      'latin1'
    ),
    compressed,
    Buffer.from('\nendstream\nendobj\n', 'latin1')
  ])
  const xrefOffset = objOffset + obj.length
  const xref = Buffer.from(
    `xref\n${num} 1\n${String(objOffset).padStart(10, '0')} 00000 n \ntrailer\n<<\n/Size ${size}\n/Root ${root}\n/Prev ${prev}\n>>\nstartxref\n${xrefOffset}\n%%EOF\n`,
    'latin1'
  )
  return Buffer.concat([pdf, obj, xref])
}

/** Flips one byte in the middle of the first attachment's compressed stream. */
export function flipAttachmentByte(pdf: Buffer): Buffer {
  const { start, end } = embeddedStream(pdf)
  const copy = Buffer.from(pdf)
  const i = Math.floor((start + end) / 2)
  copy[i] = (copy[i] as number) ^ 0x5a
  return copy
}

/**
 * A small PDF whose only attachment's file specification is `objectText` (object 3), either
 * as a plain object or inside a compressed object stream (which a scan of the file's bytes
 * cannot see into). For hostile-input tests.
 */
export function pdfWithObject(objectText: string, inObjectStream = false): Buffer {
  const head = [
    '1 0 obj\n<< /Type /Catalog /Pages 2 0 R /Names << /EmbeddedFiles 4 0 R >> >>\nendobj\n',
    '2 0 obj\n<< /Type /Pages /Kids [] /Count 0 >>\nendobj\n',
    '4 0 obj\n<< /Names [(credential.json) 3 0 R] >>\nendobj\n'
  ]
  const parts: Buffer[] = [Buffer.from('%PDF-1.7\n', 'latin1')]
  for (const o of head) parts.push(Buffer.from(o, 'latin1'))
  if (inObjectStream) {
    const header = '3 0 '
    const body = deflateSync(Buffer.from(header + objectText, 'latin1'))
    parts.push(
      Buffer.from(
        `5 0 obj\n<< /Type /ObjStm /N 1 /First ${header.length} /Filter /FlateDecode /Length ${body.length} >>\nstream\n`,
        'latin1'
      ),
      body,
      Buffer.from('\nendstream\nendobj\n', 'latin1')
    )
  } else {
    parts.push(Buffer.from(`3 0 obj\n${objectText}\nendobj\n`, 'latin1'))
  }
  const body = Buffer.concat(parts)
  const trailer = `trailer\n<< /Size 6 /Root 1 0 R >>\nstartxref\n${body.length}\n%%EOF\n`
  return Buffer.concat([body, Buffer.from(`xref\n0 1\n0000000000 65535 f \n${trailer}`, 'latin1')])
}
