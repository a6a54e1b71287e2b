/**
 * What the station last published to each target, in the data dir:
 * publish/targets/<name>/record.json — every site path on the target with its SHA-256, the
 * bundle sequence and manifest hash, the awards and revocations it carried — written only
 * after a publish was verified; and publish/targets/<name>/log.ndjson — the durable log of a
 * publish under way, one line per upload or deletion that the server confirmed. A publish
 * that was interrupted (a crash, a kill, a lost network, a cancel) leaves its log; the next
 * one reads record + log and so continues where it stopped. A torn last line is ignored
 * (that operation is simply done again).
 */
import {
  closeSync,
  existsSync,
  mkdirSync,
  openSync,
  readFileSync,
  rmSync,
  writeSync
} from 'node:fs'
import path from 'node:path'
import { z } from 'zod'
import { writeFileAtomic } from '../storage/atomic-write.js'
import { logger } from '../logger.js'

const recordSchema = z.strictObject({
  format: z.literal('kiln-publish-record/1'),
  seq: z.number().int().min(0),
  manifestHash: z.string(),
  publishedAt: z.string(),
  files: z.record(z.string(), z.string()),
  awards: z.array(z.string()),
  revoked: z.array(z.string())
})
export type PublishRecord = z.infer<typeof recordSchema>

const logLineSchema = z.union([
  z.strictObject({ put: z.string(), sha256: z.string() }),
  z.strictObject({ del: z.string() })
])

export const publishDir = (dataDir: string): string => path.join(dataDir, 'publish')
export const targetDir = (dataDir: string, name: string): string =>
  path.join(publishDir(dataDir), 'targets', name.toLowerCase())
const recordPath = (dataDir: string, name: string): string =>
  path.join(targetDir(dataDir, name), 'record.json')
export const logPath = (dataDir: string, name: string): string =>
  path.join(targetDir(dataDir, name), 'log.ndjson')

export function readRecord(dataDir: string, name: string): PublishRecord | undefined {
  const file = recordPath(dataDir, name)
  if (!existsSync(file)) return undefined
  let raw: unknown
  try {
    raw = JSON.parse(readFileSync(file, 'utf8'))
  } catch {
    raw = undefined
  }
  const parsed = recordSchema.safeParse(raw)
  if (!parsed.success) {
    // Only a cache of what the target holds: without it the next publish uploads everything.
    logger.warn(`${file} is damaged; the next publish to "${name}" uploads the whole site`)
    return undefined
  }
  return parsed.data
}

export async function writeRecord(
  dataDir: string,
  name: string,
  record: PublishRecord
): Promise<void> {
  mkdirSync(targetDir(dataDir, name), { recursive: true, mode: 0o700 })
  await writeFileAtomic(recordPath(dataDir, name), JSON.stringify(record))
}

export type TargetFiles = Map<string, string>

/** The operations of an interrupted publish, applied over the record's files. */
export function readLog(dataDir: string, name: string, files: TargetFiles): number {
  const file = logPath(dataDir, name)
  if (!existsSync(file)) return 0
  let applied = 0
  for (const line of readFileSync(file, 'utf8').split('\n')) {
    if (line.trim() === '') continue
    let raw: unknown
    try {
      raw = JSON.parse(line)
    } catch {
      break
    }
    const op = logLineSchema.safeParse(raw)
    if (!op.success) break
    if ('put' in op.data) files.set(op.data.put, op.data.sha256)
    else files.delete(op.data.del)
    applied++
  }
  return applied
}

/** Appends confirmed operations (one write each: a kill loses at most the line being written). */
export class PublishLog {
  private fd: number | undefined

  constructor(
    private readonly dataDir: string,
    private readonly name: string
  ) {
    mkdirSync(targetDir(dataDir, name), { recursive: true, mode: 0o700 })
    this.fd = openSync(logPath(dataDir, name), 'a', 0o600)
  }

  put(p: string, sha256: string): void {
    this.write(JSON.stringify({ put: p, sha256 }))
  }

  del(p: string): void {
    this.write(JSON.stringify({ del: p }))
  }

  private write(line: string): void {
    if (this.fd !== undefined) writeSync(this.fd, line + '\n')
  }

  close(): void {
    if (this.fd !== undefined) closeSync(this.fd)
    this.fd = undefined
  }

  /** After the record holds everything the log said. */
  discard(): void {
    this.close()
    rmSync(logPath(this.dataDir, this.name), { force: true })
  }
}

/** Forgets what the station knows about a target (it was removed or now points elsewhere). */
export function forgetTarget(dataDir: string, name: string): void {
  rmSync(targetDir(dataDir, name), { recursive: true, force: true })
}
