/**
 * The catalog (station.json) through lowdb, with a durable adapter: every write replaces
 * the file atomically, and a file that does not parse is reported and never overwritten
 * (people edit this file by hand; their work must not be lost to a save).
 */
import fsp from 'node:fs/promises'
import path from 'node:path'
import { Low, type Adapter } from 'lowdb'
import { KilnFailure } from '../failure.js'
import { writeFileAtomic } from './atomic-write.js'
import { describeJsonError } from './json-error.js'

export class DurableJsonFile<T> implements Adapter<T> {
  readonly file: string
  #corrupt: KilnFailure | undefined

  constructor(file: string) {
    this.file = file
  }

  async read(): Promise<T | null> {
    let text: string
    try {
      text = await fsp.readFile(this.file, 'utf8')
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code === 'ENOENT') return null
      throw e
    }
    try {
      // A byte-order mark is what some editors put in front of a hand-edited file.
      const value: unknown = JSON.parse(text.charCodeAt(0) === 0xfeff ? text.slice(1) : text)
      this.#corrupt = undefined
      return value as T
    } catch (e) {
      this.#corrupt = new KilnFailure(
        'STORAGE_CORRUPT',
        `${path.basename(this.file)} is not valid JSON (${describeJsonError(e, text)}); Kiln did not change it`,
        { path: this.file }
      )
      throw this.#corrupt
    }
  }

  async write(data: T): Promise<void> {
    // After a failed read the file on disk holds someone's work: refuse to replace it.
    if (this.#corrupt) throw this.#corrupt
    await writeFileAtomic(this.file, JSON.stringify(data, null, 2) + '\n')
  }
}

/** Opens station.json (or any JSON catalog) and reads it once; missing → defaults. */
export async function openCatalog<T>(file: string, defaults: T): Promise<Low<T>> {
  const db = new Low<T>(new DurableJsonFile<T>(file), defaults)
  await db.read()
  return db
}
