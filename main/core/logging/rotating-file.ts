/**
 * The station log file: `<data>/logs/kiln.log`, rotated by size (kiln.log → kiln.log.1 → …,
 * the oldest generation dropped). Lines are appended synchronously, so the line written just
 * before a crash or an exit is on disk; a log line is small and rare, so this costs nothing
 * that matters. Several Kiln processes may append to the same file (a CLI command beside the
 * app): appends are atomic per line, and a rotation race only shifts one generation.
 */
import fs from 'node:fs'
import path from 'node:path'
import { logger, type LogLevel } from '../logger.js'

export const LOG_DIR = 'logs'
export const LOG_FILE = 'kiln.log'

export type RotatingFileOptions = Readonly<{
  file: string
  /** Rotate once the file reaches this size (default 2 MiB). */
  maxBytes?: number
  /** Older generations kept beside the current file (default 4). */
  keep?: number
}>

export type RotatingFile = Readonly<{ file: string; write(line: string): void }>

export function logFileOf(dataDir: string): string {
  return path.join(dataDir, LOG_DIR, LOG_FILE)
}

export function createRotatingFile(options: RotatingFileOptions): RotatingFile {
  const { file } = options
  const maxBytes = options.maxBytes ?? 2 * 1024 * 1024
  const keep = Math.max(1, options.keep ?? 4)
  let size = -1

  function rotate(): void {
    fs.rmSync(`${file}.${keep}`, { force: true })
    for (let n = keep - 1; n >= 1; n--) {
      if (fs.existsSync(`${file}.${n}`)) fs.renameSync(`${file}.${n}`, `${file}.${n + 1}`)
    }
    if (fs.existsSync(file)) fs.renameSync(file, `${file}.1`)
    size = 0
  }

  return {
    file,
    write(line: string): void {
      const text = line.endsWith('\n') ? line : line + '\n'
      if (size < 0) {
        fs.mkdirSync(path.dirname(file), { recursive: true, mode: 0o700 })
        size = fs.existsSync(file) ? fs.statSync(file).size : 0
      }
      const bytes = Buffer.byteLength(text)
      if (size > 0 && size + bytes > maxBytes) rotate()
      fs.appendFileSync(file, text, { mode: 0o600 })
      size += bytes
    }
  }
}

/**
 * Sends every log line from `min` on (default info) to `<dataDir>/logs/kiln.log`, with a time
 * stamp. Only when the data folder exists: a command that names a folder that is not there
 * must not create it. Returns the file and the function that detaches it.
 */
export function attachLogFile(
  dataDir: string,
  options: Readonly<{ min?: LogLevel; maxBytes?: number; keep?: number }> = {}
): Readonly<{ file: string; detach: () => void }> {
  const file = logFileOf(dataDir)
  const target = createRotatingFile({ file, maxBytes: options.maxBytes, keep: options.keep })
  const detach = logger.addSink((line) => {
    if (!fs.existsSync(dataDir)) return
    target.write(`${new Date().toISOString()} ${line}`)
  }, options.min ?? 'info')
  return { file, detach }
}
