/**
 * Embedded files of a PDF (the catalog's /Names /EmbeddedFiles name tree → file
 * specifications → EmbeddedFile streams), inflated and checked against their MD5.
 *
 * The PDF itself is read by pdf-lib, so a certificate that another tool re-saved (qpdf,
 * pdf-lib, a viewer's "Save as": cross-reference and object streams, incremental updates,
 * a damaged xref table) still yields its credential. Kiln bounds what pdf-lib could be made
 * to do with a hostile file: object and cross-reference streams must inflate within a cap
 * before the file is handed over (pdf-stream-guard.ts), the attachments are inflated here
 * with a cap, and a parse that fails for any reason — including nesting so deep that the
 * parser's recursion hits the stack limit, a RangeError that JavaScript unwinds safely — is
 * UNREADABLE_INPUT, never a crash.
 */
import { createHash } from 'node:crypto'
import { inflateSync } from 'node:zlib'
import {
  PDFArray,
  PDFDict,
  PDFDocument,
  PDFHexString,
  PDFName,
  PDFNumber,
  PDFRawStream,
  PDFString,
  ParseSpeeds,
  type PDFObject
} from 'pdf-lib'
import { fail } from '../failure.js'
import { checkCompressedStreams } from './pdf-stream-guard.js'

export type PdfAttachment = Readonly<{ name: string; mediaType?: string; data: Buffer }>

const MAX_ATTACHMENT = 16 * 1024 * 1024
const MAX_NAME_TREE_DEPTH = 16

const name = (n: string): PDFName => PDFName.of(n)

export function isPdf(bytes: Uint8Array): boolean {
  return Buffer.from(bytes.subarray(0, 5)).toString('latin1') === '%PDF-'
}

function text(value: PDFObject | undefined): string | undefined {
  return value instanceof PDFString || value instanceof PDFHexString
    ? value.decodeText()
    : undefined
}

function filtersOf(value: PDFObject | undefined): PDFObject[] {
  if (value === undefined) return []
  if (value instanceof PDFArray) return value.asArray()
  return [value]
}

function decode(stream: PDFRawStream, label: string): Buffer {
  let data = Buffer.from(stream.contents)
  for (const filter of filtersOf(stream.dict.lookup(name('Filter')))) {
    if (!(filter instanceof PDFName) || filter.decodeText() !== 'FlateDecode') {
      fail('UNREADABLE_INPUT', `The attachment "${label}" uses a compression Kiln does not read.`)
    }
    try {
      data = inflateSync(data, { maxOutputLength: MAX_ATTACHMENT })
    } catch {
      fail(
        'UNREADABLE_INPUT',
        `The attachment "${label}" is damaged or larger than 16 MiB (it does not decompress).`
      )
    }
  }
  return data
}

function collectNames(
  node: PDFObject | undefined,
  out: Array<[string, PDFObject | undefined]>,
  seen: Set<PDFObject>,
  depth = 0
): void {
  if (!(node instanceof PDFDict) || depth > MAX_NAME_TREE_DEPTH || seen.has(node)) return
  seen.add(node)
  const names = node.lookup(name('Names'))
  if (names instanceof PDFArray) {
    for (let i = 0; i + 1 < names.size(); i += 2) {
      const key = text(names.lookup(i))
      if (key !== undefined) out.push([key, names.lookup(i + 1)])
    }
  }
  const kids = node.lookup(name('Kids'))
  if (kids instanceof PDFArray) {
    for (let i = 0; i < kids.size(); i++) collectNames(kids.lookup(i), out, seen, depth + 1)
  }
}

function checkParams(params: PDFDict, data: Buffer, label: string): void {
  const checksum = params.lookup(name('CheckSum'))
  if (checksum instanceof PDFString || checksum instanceof PDFHexString) {
    const bytes = Buffer.from(checksum.asBytes())
    const asText = bytes.toString('latin1')
    const expected = /^[0-9a-f]{32}$/i.test(asText) ? Buffer.from(asText, 'hex') : bytes
    if (expected.length > 0 && !createHash('md5').update(data).digest().equals(expected)) {
      fail(
        'UNREADABLE_INPUT',
        `The attachment "${label}" does not match its checksum: it was altered or damaged.`
      )
    }
  }
  const size = params.lookup(name('Size'))
  if (size instanceof PDFNumber && size.asNumber() !== data.length) {
    fail(
      'UNREADABLE_INPUT',
      `The attachment "${label}" is ${data.length} bytes, not the ${size.asNumber()} it declares.`
    )
  }
}

function readSpec(key: string, specValue: PDFObject | undefined): PdfAttachment {
  if (!(specValue instanceof PDFDict)) {
    fail('UNREADABLE_INPUT', `The attachment "${key}" has no file specification.`)
  }
  const label = text(specValue.lookup(name('UF'))) ?? text(specValue.lookup(name('F'))) ?? key
  const ef = specValue.lookup(name('EF'))
  const stream = ef instanceof PDFDict ? (ef.lookup(name('F')) ?? ef.lookup(name('UF'))) : undefined
  if (!(stream instanceof PDFRawStream)) {
    fail('UNREADABLE_INPUT', `The attachment "${label}" has no embedded file stream.`)
  }
  const data = decode(stream, label)
  const params = stream.dict.lookup(name('Params'))
  if (params instanceof PDFDict) checkParams(params, data, label)
  const subtype = stream.dict.lookup(name('Subtype'))
  return {
    name: label,
    ...(subtype instanceof PDFName ? { mediaType: subtype.decodeText() } : {}),
    data
  }
}

async function load(bytes: Uint8Array): Promise<PDFDocument> {
  if (!isPdf(bytes)) fail('UNREADABLE_INPUT', 'The file is not a PDF.')
  checkCompressedStreams(bytes)
  try {
    return await PDFDocument.load(bytes, {
      ignoreEncryption: true,
      throwOnInvalidObject: true,
      updateMetadata: false,
      parseSpeed: ParseSpeeds.Fastest
    })
  } catch (e) {
    const why =
      e instanceof RangeError
        ? 'it nests arrays or dictionaries too deeply to read'
        : `it could not be read (${e instanceof Error ? e.message.slice(0, 200) : String(e)})`
    fail('UNREADABLE_INPUT', `The PDF is damaged: ${why}.`)
  }
}

/** Every embedded file listed in the document's name tree, in order. */
export async function pdfAttachments(bytes: Uint8Array): Promise<PdfAttachment[]> {
  const doc = await load(bytes)
  try {
    const names = doc.catalog.lookup(name('Names'))
    const pairs: Array<[string, PDFObject | undefined]> = []
    if (names instanceof PDFDict) {
      collectNames(names.lookup(name('EmbeddedFiles')), pairs, new Set())
    }
    return pairs.map(([key, spec]) => readSpec(key, spec))
  } catch (e) {
    if (e instanceof RangeError) {
      fail('UNREADABLE_INPUT', 'The PDF is damaged: it nests objects too deeply to read.')
    }
    throw e
  }
}
