/**
 * The personal-page plan of an export, kept beside its record (bundles/people/<sha256>.bin) so the
 * next export finds the page of an award's recipient without planning every page again: the
 * recipient of each page in page order, and for each award (ledger row) the index of its
 * recipient's page (-1: none). Layout: a 4-byte big-endian length, that many bytes of JSON
 * ({ format, people }), then one 32-bit little-endian integer per award.
 */
import { endianness } from 'node:os'

const PEOPLE_FORMAT = 'kiln-bundle-people/1'
/** Typed arrays are copied as they lie in memory where that is little-endian. */
const LITTLE = endianness() === 'LE'

export type PeopleFile = Readonly<{ people: readonly string[]; planOfRow: Int32Array }>

export function peopleFileBytes(people: readonly string[], planOfRow: Int32Array): Buffer {
  const header = Buffer.from(JSON.stringify({ format: PEOPLE_FORMAT, people }), 'utf8')
  const out = Buffer.alloc(4 + header.length + planOfRow.length * 4)
  out.writeUInt32BE(header.length, 0)
  header.copy(out, 4)
  const rowsAt = 4 + header.length
  if (LITTLE) {
    out.set(new Uint8Array(planOfRow.buffer, planOfRow.byteOffset, planOfRow.byteLength), rowsAt)
  } else {
    for (let i = 0; i < planOfRow.length; i++) out.writeInt32LE(planOfRow[i] ?? -1, rowsAt + i * 4)
  }
  return out
}

/** The file's contents, or undefined when it does not have the layout (or a page out of range). */
export function parsePeopleFile(bytes: Buffer): PeopleFile | undefined {
  if (bytes.length < 4) return undefined
  const length = bytes.readUInt32BE(0)
  const rowsAt = 4 + length
  if (rowsAt > bytes.length || (bytes.length - rowsAt) % 4 !== 0) return undefined
  let header: unknown
  try {
    header = JSON.parse(bytes.subarray(4, rowsAt).toString('utf8'))
  } catch {
    return undefined
  }
  // Checked by hand (a quarter of a million ids): an object with the format and only strings.
  if (typeof header !== 'object' || header === null) return undefined
  const format: unknown = Reflect.get(header, 'format')
  const list: unknown = Reflect.get(header, 'people')
  if (format !== PEOPLE_FORMAT || !Array.isArray(list)) return undefined
  const people: string[] = []
  for (const id of list) {
    if (typeof id !== 'string') return undefined
    people.push(id)
  }
  const planOfRow = new Int32Array((bytes.length - rowsAt) / 4)
  if (LITTLE) {
    new Uint8Array(planOfRow.buffer).set(bytes.subarray(rowsAt))
  } else {
    for (let i = 0; i < planOfRow.length; i++) planOfRow[i] = bytes.readInt32LE(rowsAt + i * 4)
  }
  for (const v of planOfRow) if (v < -1 || v >= people.length) return undefined
  return { people, planOfRow }
}
