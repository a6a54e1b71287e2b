/**
 * Embedded files of a PDF (the catalog's /Names /EmbeddedFiles name tree → file
 * specifications → EmbeddedFile streams), inflated and checked against their MD5.
 */
import { createHash } from 'node:crypto'
import { inflateSync } from 'node:zlib'
import { fail } from '../failure.js'
import { PdfFile, isDict, isName, isRef, type PdfDict, type PdfValue } from './pdf-objects.js'

export type PdfAttachment = Readonly<{ name: string; mediaType?: string; data: Buffer }>

const MAX_ATTACHMENT = 16 * 1024 * 1024

export function isPdf(bytes: Uint8Array): boolean {
  return Buffer.from(bytes.subarray(0, 5)).toString('latin1') === '%PDF-'
}

function decode(raw: Buffer, filter: PdfValue | undefined, name: string): Buffer {
  const filters = Array.isArray(filter)
    ? filter
    : filter === undefined || filter === null
      ? []
      : [filter]
  let data = raw
  for (const f of filters) {
    if (!isName(f) || f.name !== 'FlateDecode') {
      fail('UNREADABLE_INPUT', `The attachment "${name}" uses a compression Kiln does not read.`)
    }
    try {
      data = inflateSync(data, { maxOutputLength: MAX_ATTACHMENT })
    } catch {
      fail('UNREADABLE_INPUT', `The attachment "${name}" is damaged (it does not decompress).`)
    }
  }
  return data
}

function collectNames(
  pdf: PdfFile,
  node: PdfValue | undefined,
  out: [string, PdfValue][],
  depth = 0
): void {
  const dict = pdf.resolve(node)
  if (!isDict(dict) || depth > 16) return
  const names = pdf.resolve(dict.Names)
  if (Array.isArray(names)) {
    for (let i = 0; i + 1 < names.length; i += 2) {
      const key = names[i]
      if (typeof key === 'string') out.push([key, names[i + 1] as PdfValue])
    }
  }
  const kids = pdf.resolve(dict.Kids)
  if (Array.isArray(kids)) for (const kid of kids) collectNames(pdf, kid, out, depth + 1)
}

function readSpec(pdf: PdfFile, key: string, specValue: PdfValue): PdfAttachment {
  const spec = pdf.resolve(specValue)
  if (!isDict(spec)) fail('UNREADABLE_INPUT', `The attachment "${key}" has no file specification.`)
  const name = typeof spec.UF === 'string' ? spec.UF : typeof spec.F === 'string' ? spec.F : key
  const ef = pdf.resolve(spec.EF)
  const ref = isDict(ef) ? (ef.F ?? ef.UF) : undefined
  if (!isRef(ref)) fail('UNREADABLE_INPUT', `The attachment "${name}" has no embedded file stream.`)
  const stream = pdf.stream(ref.ref)
  const data = decode(stream.raw, pdf.resolve(stream.dict.Filter), name)
  const params = pdf.resolve(stream.dict.Params)
  if (isDict(params)) checkParams(params, data, name)
  const subtype = stream.dict.Subtype
  return { name, ...(isName(subtype) ? { mediaType: subtype.name } : {}), data }
}

function checkParams(params: PdfDict, data: Buffer, name: string): void {
  const checksum = params.CheckSum
  if (typeof checksum === 'string' && checksum.length > 0) {
    const md5 = createHash('md5').update(data).digest()
    const expected = /^[0-9a-f]{32}$/i.test(checksum)
      ? Buffer.from(checksum, 'hex')
      : Buffer.from(checksum, 'latin1')
    if (!md5.equals(expected)) {
      fail(
        'UNREADABLE_INPUT',
        `The attachment "${name}" does not match its checksum: it was altered or damaged.`
      )
    }
  }
  if (typeof params.Size === 'number' && params.Size !== data.length) {
    fail(
      'UNREADABLE_INPUT',
      `The attachment "${name}" is ${data.length} bytes, not the ${params.Size} it declares.`
    )
  }
}

/** Every embedded file listed in the document's name tree, in order. */
export function pdfAttachments(bytes: Buffer): PdfAttachment[] {
  const pdf = new PdfFile(bytes)
  const root = pdf.resolve(pdf.trailer.Root)
  if (!isDict(root)) fail('UNREADABLE_INPUT', 'The PDF has no catalog.')
  const names = pdf.resolve(root.Names)
  const pairs: [string, PdfValue][] = []
  if (isDict(names)) collectNames(pdf, names.EmbeddedFiles, pairs)
  return pairs.map(([key, spec]) => readSpec(pdf, key, spec))
}
