/**
 * Reading an untrusted zip with bounded memory and time (yauzl): the central directory is
 * read first, without inflating anything; then the index entry (a manifest, capped), whose
 * sizes decide what else may be inflated. An entry is refused before a byte of it is inflated
 * when it is not in the index, when the archive declares another size than the index, when
 * its declared size is more than MAX_RATIO times its compressed size, or when the total would
 * pass MAX_TOTAL. While inflating, yauzl stops an entry the moment it yields more bytes than
 * declared, so an archive whose headers lie cannot inflate further either.
 */
import type { Readable } from 'node:stream'
import type yauzl from 'yauzl'
import { lazyRequire } from '../platform/lazy-require.js'

// Loaded with the first archive read (restore, import): opening a station reads none.
const yauzlLib = lazyRequire<typeof yauzl>('yauzl')

/** The largest index (manifest) read: a station with 100,000 files lists well under this. */
export const MAX_INDEX_BYTES = 64 * 1024 * 1024
/** Inflated ÷ compressed, above which an entry is refused (Kiln's own data compresses < 20:1). */
export const MAX_RATIO = 100
/** Entries smaller than this are never refused for their ratio (tiny files compress oddly). */
const RATIO_FLOOR = 1024 * 1024
/** Everything inflated from one archive, together. */
export const MAX_TOTAL = 2 * 1024 * 1024 * 1024

export type BoundedZipOptions<E extends Error> = Readonly<{
  /** The entry that lists every other entry with its size (read first). */
  indexName: string
  /** Reads the index; returns each listed entry's expected size. May throw E. */
  expectedSizes: (index: Uint8Array) => ReadonlyMap<string, number>
  invalid: (reason: string) => E
  limits?: Readonly<{ maxIndex?: number; maxRatio?: number; maxTotal?: number }>
}>

function mib(bytes: number): string {
  return bytes >= 1024 * 1024 ? `${(bytes / 1024 / 1024).toFixed(1)} MiB` : `${bytes} bytes`
}

async function readAll(stream: Readable, limit: number): Promise<Buffer> {
  const chunks: Buffer[] = []
  let total = 0
  for await (const chunk of stream as AsyncIterable<Buffer>) {
    total += chunk.length
    // yauzl already stops at the declared size; this is a second fence.
    if (total > limit) {
      stream.destroy()
      throw new Error(`more than the ${limit} bytes declared`)
    }
    chunks.push(chunk)
  }
  return Buffer.concat(chunks, total)
}

/**
 * Every entry of the zip (directories as empty entries), each checked against the index as
 * described above. Throws `options.invalid(reason)` with a sentence a person can act on.
 */
export async function readBoundedZip<E extends Error>(
  zip: Uint8Array,
  options: BoundedZipOptions<E>
): Promise<Map<string, Uint8Array>> {
  const maxIndex = options.limits?.maxIndex ?? MAX_INDEX_BYTES
  const maxRatio = options.limits?.maxRatio ?? MAX_RATIO
  const maxTotal = options.limits?.maxTotal ?? MAX_TOTAL
  const { invalid } = options
  const buffer = Buffer.from(zip.buffer, zip.byteOffset, zip.byteLength)
  let file: yauzl.ZipFile
  try {
    // decodeStrings off: names are decoded below without yauzl's path check, so the caller's
    // own check (zip-slip) reports the unsafe name in its own words.
    file = await yauzlLib().fromBufferPromise(buffer, {
      autoClose: false,
      validateEntrySizes: true,
      decodeStrings: false
    })
  } catch (e) {
    throw invalid(`not a readable zip archive (${e instanceof Error ? e.message : String(e)})`)
  }
  try {
    const entries = new Map<string, yauzl.Entry>()
    let twice: string | undefined
    try {
      for await (const entry of file.eachEntry()) {
        const name = yauzlLib().getFileNameLowLevel(
          entry.generalPurposeBitFlag,
          entry.fileNameRaw,
          entry.extraFields,
          true
        )
        if (entries.has(name)) twice ??= name
        entries.set(name, entry)
      }
    } catch (e) {
      throw invalid(`not a readable zip archive (${e instanceof Error ? e.message : String(e)})`)
    }
    if (twice !== undefined) throw invalid(`${JSON.stringify(twice)} is in the archive twice`)
    const read = async (name: string, entry: yauzl.Entry): Promise<Buffer> => {
      try {
        return await readAll(await file.openReadStreamPromise(entry), entry.uncompressedSize)
      } catch (e) {
        throw invalid(
          `${name} in the archive does not inflate to the size it declares, ` +
            `${mib(entry.uncompressedSize)} (${e instanceof Error ? e.message : String(e)}): ` +
            'the archive was changed or damaged'
        )
      }
    }
    const indexEntry = entries.get(options.indexName)
    if (indexEntry === undefined) throw invalid(`the archive has no ${options.indexName}`)
    if (indexEntry.uncompressedSize > maxIndex) {
      throw invalid(
        `${options.indexName} declares ${mib(indexEntry.uncompressedSize)}, more than the ` +
          `${mib(maxIndex)} a backup's manifest can be (a damaged or hostile archive)`
      )
    }
    const index = await read(options.indexName, indexEntry)
    const expected = options.expectedSizes(index)
    const out = new Map<string, Uint8Array>([[options.indexName, index]])
    // Every size is checked before anything else is inflated.
    let total = index.length
    for (const [name, entry] of entries) {
      if (name === options.indexName) continue
      if (name.endsWith('/') && entry.uncompressedSize === 0) continue
      const want = expected.get(name)
      if (want === undefined) continue // the caller names entries that are not in the index
      const size = entry.uncompressedSize
      if (size !== want) {
        throw invalid(
          `${name} would inflate to ${mib(size)}, but the manifest says ${mib(want)} ` +
            '(the archive was changed or damaged)'
        )
      }
      if (size > RATIO_FLOOR && size > entry.compressedSize * maxRatio) {
        const ratio = Math.round(size / Math.max(1, entry.compressedSize))
        throw invalid(
          `${name} would inflate from ${mib(entry.compressedSize)} to ${mib(size)} ` +
            `(${ratio}:1, more than the ${maxRatio}:1 any Kiln backup needs): this looks like ` +
            'a zip bomb, not a backup'
        )
      }
      total += size
      if (total > maxTotal) {
        throw invalid(
          `the files would inflate to more than ${mib(maxTotal)} in all, more than Kiln restores ` +
            'from one backup'
        )
      }
    }
    for (const [name, entry] of entries) {
      if (name === options.indexName) continue
      if (name.endsWith('/') && entry.uncompressedSize === 0) {
        out.set(name, new Uint8Array(0))
      } else if (expected.has(name)) {
        out.set(name, await read(name, entry))
      } else {
        // Not in the index: the caller refuses it by name; nothing of it is inflated.
        out.set(name, new Uint8Array(0))
      }
    }
    return out
  } finally {
    file.close()
  }
}
