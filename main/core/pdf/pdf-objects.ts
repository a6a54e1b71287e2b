/**
 * A small reader of PDF objects: enough of ISO 32000 to follow the trailer to the
 * catalog and read stream objects (classic cross-reference tables, incremental updates,
 * and — when the table is missing or damaged — a scan for "N G obj"). Cross-reference
 * streams and object streams (PDF 1.5 compression) are not read: Kiln's PDFs don't use them.
 */
import { fail } from '../failure.js'

export class PdfRef {
  constructor(
    readonly ref: number,
    readonly gen: number
  ) {}
}
export class PdfName {
  constructor(readonly name: string) {}
}
export type PdfValue = null | boolean | number | string | PdfName | PdfRef | PdfValue[] | PdfDict
export type PdfDict = { readonly [key: string]: PdfValue }

export type PdfStream = Readonly<{ dict: PdfDict; raw: Buffer }>

const WS = new Set([0x00, 0x09, 0x0a, 0x0c, 0x0d, 0x20])
const DELIM = new Set([...'()<>[]{}/%'].map((c) => c.charCodeAt(0)))

export function isRef(v: PdfValue | undefined): v is PdfRef {
  return v instanceof PdfRef
}
export function isName(v: PdfValue | undefined): v is PdfName {
  return v instanceof PdfName
}
export function isDict(v: PdfValue | undefined): v is PdfDict {
  return typeof v === 'object' && v !== null && !Array.isArray(v) && !isRef(v) && !isName(v)
}

class Lexer {
  constructor(
    readonly buf: Buffer,
    public pos: number
  ) {}

  skipWs(): void {
    const b = this.buf
    while (this.pos < b.length) {
      const c = b[this.pos] as number
      if (WS.has(c)) this.pos++
      else if (c === 0x25) {
        while (this.pos < b.length && b[this.pos] !== 0x0a && b[this.pos] !== 0x0d) this.pos++
      } else break
    }
  }

  regular(): string {
    const start = this.pos
    while (
      this.pos < this.buf.length &&
      !WS.has(this.buf[this.pos] as number) &&
      !DELIM.has(this.buf[this.pos] as number)
    ) {
      this.pos++
    }
    return this.buf.toString('latin1', start, this.pos)
  }

  value(): PdfValue {
    this.skipWs()
    const b = this.buf
    const c = b[this.pos]
    if (c === undefined) fail('UNREADABLE_INPUT', 'The PDF ends in the middle of an object.')
    if (c === 0x3c && b[this.pos + 1] === 0x3c) return this.dict()
    if (c === 0x3c) return this.hexString()
    if (c === 0x28) return this.literalString()
    if (c === 0x2f) {
      this.pos++
      return new PdfName(
        this.regular().replace(/#([0-9a-fA-F]{2})/g, (_, h: string) =>
          String.fromCharCode(parseInt(h, 16))
        )
      )
    }
    if (c === 0x5b) {
      this.pos++
      const items: PdfValue[] = []
      for (;;) {
        this.skipWs()
        if (b[this.pos] === 0x5d) {
          this.pos++
          return items
        }
        items.push(this.value())
      }
    }
    const token = this.regular()
    if (token === 'true' || token === 'false') return token === 'true'
    if (token === 'null') return null
    if (!/^[+-]?(\d+\.?\d*|\.\d+)$/.test(token)) {
      fail('UNREADABLE_INPUT', `Unexpected "${token.slice(0, 20)}" in the PDF.`)
    }
    const number = Number(token)
    if (/^\d+$/.test(token)) {
      const save = this.pos
      this.skipWs()
      const gen = this.regular()
      this.skipWs()
      if (/^\d+$/.test(gen) && this.buf[this.pos] === 0x52 /* R */) {
        this.pos++
        return new PdfRef(number, Number(gen))
      }
      this.pos = save
    }
    return number
  }

  dict(): PdfDict {
    this.pos += 2
    const out: Record<string, PdfValue> = {}
    for (;;) {
      this.skipWs()
      if (this.buf[this.pos] === 0x3e && this.buf[this.pos + 1] === 0x3e) {
        this.pos += 2
        return out
      }
      const key = this.value()
      if (!isName(key)) fail('UNREADABLE_INPUT', 'A PDF dictionary key is not a name.')
      out[key.name] = this.value()
    }
  }

  hexString(): string {
    const end = this.buf.indexOf(0x3e, this.pos)
    if (end < 0) fail('UNREADABLE_INPUT', 'An unterminated hex string in the PDF.')
    let hex = this.buf.toString('latin1', this.pos + 1, end).replace(/\s+/g, '')
    this.pos = end + 1
    if (hex.length % 2) hex += '0'
    return decodeText(Buffer.from(hex, 'hex'))
  }

  literalString(): string {
    const b = this.buf
    const bytes: number[] = []
    let depth = 0
    this.pos++
    for (;;) {
      const c = b[this.pos++]
      if (c === undefined) fail('UNREADABLE_INPUT', 'An unterminated string in the PDF.')
      if (c === 0x5c) {
        const n = b[this.pos++] as number
        const simple: Record<number, number> = { 0x6e: 10, 0x72: 13, 0x74: 9, 0x62: 8, 0x66: 12 }
        if (simple[n] !== undefined) bytes.push(simple[n] as number)
        else if (n >= 0x30 && n <= 0x37) {
          let oct = String.fromCharCode(n)
          while (
            oct.length < 3 &&
            (b[this.pos] as number) >= 0x30 &&
            (b[this.pos] as number) <= 0x37
          ) {
            oct += String.fromCharCode(b[this.pos++] as number)
          }
          bytes.push(parseInt(oct, 8) & 0xff)
        } else if (n === 0x0d || n === 0x0a) {
          if (n === 0x0d && b[this.pos] === 0x0a) this.pos++
        } else bytes.push(n)
      } else if (c === 0x28) {
        depth++
        bytes.push(c)
      } else if (c === 0x29) {
        if (depth === 0) return decodeText(Buffer.from(bytes))
        depth--
        bytes.push(c)
      } else bytes.push(c)
    }
  }
}

/** PDF text strings: UTF-16BE with a BOM, else PDFDocEncoding (≈ Latin-1 for names). */
function decodeText(bytes: Buffer): string {
  if (bytes.length >= 2 && bytes[0] === 0xfe && bytes[1] === 0xff) {
    const swapped = Buffer.from(bytes.subarray(2))
    swapped.swap16()
    return swapped.toString('utf16le')
  }
  return bytes.toString('latin1')
}

export class PdfFile {
  private readonly offsets = new Map<number, number>()
  readonly trailer: PdfDict

  constructor(readonly buf: Buffer) {
    if (buf.subarray(0, 5).toString('latin1') !== '%PDF-') {
      fail('UNREADABLE_INPUT', 'The file is not a PDF.')
    }
    this.trailer = this.readXref() ?? this.scan()
  }

  /** Classic xref tables from startxref, newest first, following /Prev. */
  private readXref(): PdfDict | undefined {
    try {
      const tail = this.buf.toString('latin1', Math.max(0, this.buf.length - 1024))
      const match = /startxref\s+(\d+)\s+%%EOF\s*$/.exec(tail)
      if (!match) return undefined
      let at: number | undefined = Number(match[1])
      let newest: PdfDict | undefined
      const seen = new Set<number>()
      while (at !== undefined && !seen.has(at)) {
        seen.add(at)
        const lex: Lexer = new Lexer(this.buf, at)
        if (lex.regular() !== 'xref') return undefined
        for (;;) {
          lex.skipWs()
          const word = lex.regular()
          if (word === 'trailer') break
          lex.skipWs()
          const first = Number(word)
          const count = Number(lex.regular())
          if (!Number.isInteger(first) || !Number.isInteger(count)) return undefined
          for (let i = 0; i < count; i++) {
            lex.skipWs()
            const entry = this.buf.toString('latin1', lex.pos, lex.pos + 18)
            lex.pos += 18
            const [offset, , kind] = entry.trim().split(/\s+/)
            if (kind === 'n' && !this.offsets.has(first + i)) {
              this.offsets.set(first + i, Number(offset))
            }
          }
        }
        const trailer: PdfValue = lex.value()
        if (!isDict(trailer)) return undefined
        newest ??= trailer
        at = typeof trailer.Prev === 'number' ? trailer.Prev : undefined
      }
      return newest
    } catch {
      this.offsets.clear()
      return undefined
    }
  }

  /** No usable xref table: index every "N G obj" (the last definition wins) and find the catalog. */
  private scan(): PdfDict {
    const text = this.buf.toString('latin1')
    const re = /(?:^|[\r\n\s])(\d+)\s+(\d+)\s+obj\b/g
    for (let m = re.exec(text); m; m = re.exec(text)) {
      this.offsets.set(Number(m[1]), m.index + m[0].indexOf(m[1] as string))
    }
    const trailer = /trailer\s*(<<)/g.exec(text)
    if (trailer) {
      const value = new Lexer(this.buf, trailer.index + trailer[0].length - 2).value()
      if (isDict(value)) return value
    }
    for (const num of this.offsets.keys()) {
      const value = this.object(num)
      if (isDict(value) && isName(value.Type) && value.Type.name === 'Catalog') {
        return { Root: new PdfRef(num, 0) }
      }
    }
    return fail('UNREADABLE_INPUT', 'The PDF has no readable cross-reference table or catalog.')
  }

  private header(num: number): Lexer {
    const at = this.offsets.get(num)
    if (at === undefined) {
      fail('UNREADABLE_INPUT', `The PDF refers to object ${num}, which it does not contain.`)
    }
    const lex = new Lexer(this.buf, at)
    const n = lex.regular()
    lex.skipWs()
    lex.regular()
    lex.skipWs()
    if (Number(n) !== num || lex.regular() !== 'obj') {
      fail('UNREADABLE_INPUT', `Object ${num} is not where the PDF says it is.`)
    }
    return lex
  }

  object(num: number): PdfValue {
    return this.header(num).value()
  }

  resolve(value: PdfValue | undefined): PdfValue | undefined {
    let v = value
    for (let hops = 0; isRef(v) && hops < 32; hops++) v = this.object(v.ref)
    return v
  }

  stream(num: number): PdfStream {
    const lex = this.header(num)
    const dict = lex.value()
    if (!isDict(dict)) fail('UNREADABLE_INPUT', `Object ${num} is not a stream.`)
    lex.skipWs()
    if (lex.regular() !== 'stream') fail('UNREADABLE_INPUT', `Object ${num} is not a stream.`)
    let start = lex.pos
    if (this.buf[start] === 0x0d) start++
    if (this.buf[start] === 0x0a) start++
    const length = this.resolve(dict.Length)
    if (typeof length !== 'number' || length < 0 || start + length > this.buf.length) {
      fail('UNREADABLE_INPUT', `Stream ${num} has no valid /Length.`)
    }
    return { dict, raw: this.buf.subarray(start, start + length) }
  }
}
