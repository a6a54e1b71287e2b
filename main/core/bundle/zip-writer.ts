/**
 * A deterministic zip of a bundle (entries sorted, fixed times, PNGs stored, the rest deflated),
 * built one entry at a time with fflate's streaming Zip and written to the file as it grows, so a
 * 10,000-credential bundle gives the event loop back between entries instead of compressing and
 * writing 600 MB in one synchronous call.
 */
import fs from 'node:fs'
import { Zip, ZipDeflate, ZipPassThrough } from 'fflate'
import { tempPathFor } from '../storage/atomic-write.js'

const FIXED_TIME = new Date(Date.UTC(1980, 0, 1))

/** Writes the zip to `file` (under a temp name until it is complete); returns its size. */
export async function zipDeterministic(
  files: ReadonlyMap<string, Uint8Array>,
  file: string,
  yieldIfDue: () => Promise<void>
): Promise<number> {
  const temp = tempPathFor(file)
  const fd = fs.openSync(temp, 'wx', 0o644)
  let bytes = 0
  let complete = false
  let failure: Error | null = null
  try {
    const zip = new Zip((error, chunk) => {
      if (error) {
        failure = error
        return
      }
      fs.writeSync(fd, chunk)
      bytes += chunk.length
    })
    for (const name of [...files.keys()].sort()) {
      const data = files.get(name) ?? new Uint8Array(0)
      const entry = name.endsWith('.png')
        ? new ZipPassThrough(name)
        : new ZipDeflate(name, { level: 6 })
      entry.mtime = FIXED_TIME
      zip.add(entry)
      entry.push(data, true)
      if (failure) throw failure
      await yieldIfDue()
    }
    zip.end()
    if (failure) throw failure
    complete = true
  } finally {
    fs.closeSync(fd)
    if (!complete) fs.rmSync(temp, { force: true })
  }
  fs.renameSync(temp, file)
  return bytes
}
