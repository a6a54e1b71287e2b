/**
 * The station log. Every line is redacted (logging/redact.ts) before any sink sees it.
 * The console sink goes to stderr (never stdout, which is reserved for --json output) from
 * $KILN_LOG_LEVEL on (default warn); further sinks (the rotating log file in the data
 * folder, the relay that carries a worker's lines to its host) take their own minimum level.
 */
import { redactSecrets } from './logging/redact.js'

export type LogLevel = 'debug' | 'info' | 'warn' | 'error'
export type LogSink = (line: string, level: LogLevel) => void

const order: Record<LogLevel, number> = { debug: 10, info: 20, warn: 30, error: 40 }

function isLevel(value: unknown): value is LogLevel {
  return typeof value === 'string' && Object.prototype.hasOwnProperty.call(order, value)
}

const fromEnv = process.env.KILN_LOG_LEVEL
let threshold: LogLevel = isLevel(fromEnv) ? fromEnv : 'warn'
let consoleSink: (line: string) => void = (line) => process.stderr.write(line + '\n')
const sinks = new Set<{ sink: LogSink; min: LogLevel }>()

function describe(value: unknown): string {
  if (value instanceof Error) {
    return `${value.name}: ${value.message}${value.stack ? `\n${value.stack}` : ''}`
  }
  if (typeof value === 'string') return value
  try {
    return JSON.stringify(value)
  } catch {
    return String(value)
  }
}

function emit(level: LogLevel, raw: string): void {
  const line = redactSecrets(raw)
  if (order[level] >= order[threshold]) consoleSink(line)
  for (const { sink, min } of sinks) {
    if (order[level] < order[min]) continue
    try {
      sink(line, level)
    } catch {
      // A failing sink (a full disk, a closed port) must never break the caller.
    }
  }
}

function log(level: LogLevel, message: string, extra?: unknown): void {
  const suffix = extra === undefined ? '' : ` ${describe(extra)}`
  emit(level, `kiln ${level}: ${message}${suffix}`)
}

export const logger = {
  debug: (m: string, e?: unknown) => log('debug', m, e),
  info: (m: string, e?: unknown) => log('info', m, e),
  warn: (m: string, e?: unknown) => log('warn', m, e),
  error: (m: string, e?: unknown) => log('error', m, e),
  /** A line formatted in another process or thread (the core behind the relay). */
  write(level: LogLevel, line: string): void {
    emit(level, line)
  },
  setLevel(level: LogLevel): void {
    threshold = level
  },
  /** Replaces the console sink; tests capture the log to prove nothing secret is written. */
  setSink(next: (line: string) => void): () => void {
    const previous = consoleSink
    consoleSink = next
    return () => {
      consoleSink = previous
    }
  },
  /** Adds a sink for lines from `min` on; returns the function that removes it. */
  addSink(sink: LogSink, min: LogLevel): () => void {
    const entry = { sink, min }
    sinks.add(entry)
    return () => {
      sinks.delete(entry)
    }
  }
}
