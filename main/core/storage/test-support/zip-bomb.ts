/**
 * Crafted zip archives for the backup tests (tests only): entries with any declared sizes
 * (the central directory may lie), and a deflate stream of N MiB of zeros made from one
 * self-contained 1 MiB block repeated (a full flush makes each block byte-aligned and
 * independent), so a 1 GiB bomb costs about 1 MB and no gigabyte is ever allocated here.
 */
import { constants, crc32, deflateRawSync } from 'node:zlib'

export type RawEntry = Readonly<{
  name: string
  /** Bytes as stored in the archive (deflated when method is 8). */
  data: Uint8Array
  method: 0 | 8
  /** The uncompressed size the headers declare. */
  declaredSize: number
  crc?: number
}>

const MIB = 1024 * 1024

/** Raw deflate of `mib` MiB of zeros, about 1 KB per MiB. */
export function zerosBomb(mib: number): Uint8Array {
  const block = deflateRawSync(Buffer.alloc(MIB), {
    level: 9,
    finishFlush: constants.Z_FULL_FLUSH
  })
  const last = deflateRawSync(Buffer.alloc(0)) // a final, empty block
  const out = Buffer.alloc(block.length * mib + last.length)
  for (let i = 0; i < mib; i++) block.copy(out, i * block.length)
  last.copy(out, block.length * mib)
  return out
}

/** CRC-32 of `mib` MiB of zeros (for headers that tell the truth about the bomb). */
export function zerosCrc(mib: number): number {
  const chunk = Buffer.alloc(MIB)
  let crc = 0
  for (let i = 0; i < mib; i++) crc = crc32(chunk, crc)
  return crc
}

export function deflated(bytes: Uint8Array): Uint8Array {
  return deflateRawSync(bytes)
}

/** A zip (no zip64) whose headers declare exactly what the entries say. */
export function rawZip(entries: readonly RawEntry[]): Buffer {
  const locals: Buffer[] = []
  const centrals: Buffer[] = []
  let offset = 0
  for (const e of entries) {
    const name = Buffer.from(e.name, 'utf8')
    const crc = e.crc ?? (e.method === 0 ? crc32(e.data) : 0)
    const local = Buffer.alloc(30)
    local.writeUInt32LE(0x04034b50, 0)
    local.writeUInt16LE(20, 4)
    local.writeUInt16LE(0x0800, 6) // UTF-8 names
    local.writeUInt16LE(e.method, 8)
    local.writeUInt32LE(crc >>> 0, 14)
    local.writeUInt32LE(e.data.length, 18)
    local.writeUInt32LE(e.declaredSize, 22)
    local.writeUInt16LE(name.length, 26)
    const central = Buffer.alloc(46)
    central.writeUInt32LE(0x02014b50, 0)
    central.writeUInt16LE(20, 4)
    central.writeUInt16LE(20, 6)
    central.writeUInt16LE(0x0800, 8)
    central.writeUInt16LE(e.method, 10)
    central.writeUInt32LE(crc >>> 0, 16)
    central.writeUInt32LE(e.data.length, 20)
    central.writeUInt32LE(e.declaredSize, 24)
    central.writeUInt16LE(name.length, 28)
    central.writeUInt32LE(offset, 42)
    locals.push(local, name, Buffer.from(e.data))
    centrals.push(central, name)
    offset += local.length + name.length + e.data.length
  }
  const directory = Buffer.concat(centrals)
  const end = Buffer.alloc(22)
  end.writeUInt32LE(0x06054b50, 0)
  end.writeUInt16LE(entries.length, 8)
  end.writeUInt16LE(entries.length, 10)
  end.writeUInt32LE(directory.length, 12)
  end.writeUInt32LE(offset, 16)
  return Buffer.concat([...locals, directory, end])
}
