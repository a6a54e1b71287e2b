/**
 * A deterministic zip of a bundle (entries sorted, fixed times, PNGs stored, the rest deflated),
 * built one entry at a time with fflate's streaming Zip so a 10,000-credential bundle gives the
 * event loop back between entries instead of compressing 600 MB in one synchronous call.
 */
import { Zip, ZipDeflate, ZipPassThrough } from 'fflate'

const FIXED_TIME = new Date(Date.UTC(1980, 0, 1))

export async function zipDeterministic(
  files: ReadonlyMap<string, Uint8Array>,
  yieldIfDue: () => Promise<void>
): Promise<Buffer> {
  const chunks: Uint8Array[] = []
  let failure: Error | null = null
  const zip = new Zip((error, chunk) => {
    if (error) failure = error
    else chunks.push(chunk)
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
  return Buffer.concat(chunks)
}
