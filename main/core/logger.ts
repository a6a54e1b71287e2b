/**
 * The station log. Goes to stderr (never stdout, which is reserved for --json
 * output). Nothing secret is ever passed here: the key store hands out only
 * signatures and public keys.
 */
type Level = 'debug' | 'info' | 'warn' | 'error'
const order: Record<Level, number> = { debug: 10, info: 20, warn: 30, error: 40 }

let threshold: Level = (process.env.KILN_LOG_LEVEL as Level | undefined) ?? 'warn'
let sink: (line: string) => void = (line) => process.stderr.write(line + '\n')

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

function log(level: Level, message: string, extra?: unknown): void {
  if (order[level] < order[threshold]) return
  const suffix = extra === undefined ? '' : ` ${describe(extra)}`
  sink(`kiln ${level}: ${message}${suffix}`)
}

export const logger = {
  debug: (m: string, e?: unknown) => log('debug', m, e),
  info: (m: string, e?: unknown) => log('info', m, e),
  warn: (m: string, e?: unknown) => log('warn', m, e),
  error: (m: string, e?: unknown) => log('error', m, e),
  setLevel(level: Level): void {
    threshold = level
  },
  /** Tests capture the log to prove nothing secret is ever written to it. */
  setSink(next: (line: string) => void): () => void {
    const previous = sink
    sink = next
    return () => {
      sink = previous
    }
  }
}
