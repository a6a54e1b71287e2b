/**
 * Where a JSON text goes wrong. V8's JSON.parse messages carry a position only for some
 * errors ("Unexpected token 'x', … is not valid JSON" has none), so this small scanner
 * finds the first offending offset itself, for a message a person can act on.
 */
export type JsonErrorLocation = Readonly<{
  line: number
  column: number
  position: number
  reason: string
}>

class Scan {
  i = 0
  constructor(readonly s: string) {}
  ws(): void {
    while (this.i < this.s.length && ' \t\n\r'.includes(this.s.charAt(this.i))) this.i++
  }
  stop(reason: string): never {
    throw new ScanError(this.i, reason)
  }
  value(depth: number): void {
    if (depth > 10_000) this.stop('nesting is too deep')
    this.ws()
    const c = this.s.charAt(this.i)
    if (c === '{') return this.object(depth)
    if (c === '[') return this.array(depth)
    if (c === '"') return this.string()
    if (c === '-' || (c >= '0' && c <= '9')) return this.number()
    for (const word of ['true', 'false', 'null']) {
      if (this.s.startsWith(word, this.i)) {
        this.i += word.length
        return
      }
    }
    this.stop(
      c === '' ? 'the text ends where a value was expected' : `unexpected ${JSON.stringify(c)}`
    )
  }
  object(depth: number): void {
    this.i++
    this.ws()
    if (this.s.charAt(this.i) === '}') {
      this.i++
      return
    }
    for (;;) {
      this.ws()
      if (this.s.charAt(this.i) !== '"') this.stop('expected a property name in double quotes')
      this.string()
      this.ws()
      if (this.s.charAt(this.i) !== ':') this.stop("expected ':' after the property name")
      this.i++
      this.value(depth + 1)
      this.ws()
      const c = this.s.charAt(this.i)
      this.i++
      if (c === '}') return
      if (c !== ',') {
        this.i--
        this.stop("expected ',' or '}' after a property value")
      }
    }
  }
  array(depth: number): void {
    this.i++
    this.ws()
    if (this.s.charAt(this.i) === ']') {
      this.i++
      return
    }
    for (;;) {
      this.value(depth + 1)
      this.ws()
      const c = this.s.charAt(this.i)
      this.i++
      if (c === ']') return
      if (c !== ',') {
        this.i--
        this.stop("expected ',' or ']' after an array element")
      }
    }
  }
  string(): void {
    this.i++
    for (;;) {
      const c = this.s.charAt(this.i)
      if (c === '') this.stop('the text ends inside a string')
      if (c === '"') {
        this.i++
        return
      }
      if (c < ' ') this.stop('a control character (such as a line break) inside a string')
      if (c === '\\') {
        const e = this.s.charAt(this.i + 1)
        if (e === 'u') {
          if (!/^[0-9a-fA-F]{4}$/.test(this.s.slice(this.i + 2, this.i + 6))) {
            this.stop('a bad \\u escape')
          }
          this.i += 6
          continue
        }
        if (!'"\\/bfnrt'.includes(e) || e === '') this.stop('a bad escape in a string')
        this.i += 2
        continue
      }
      this.i++
    }
  }
  number(): void {
    const m = /^-?(0|[1-9]\d*)(\.\d+)?([eE][+-]?\d+)?/.exec(this.s.slice(this.i, this.i + 400))
    if (!m) this.stop('a malformed number')
    this.i += m[0].length
  }
}

class ScanError extends Error {
  constructor(
    readonly position: number,
    readonly reason: string
  ) {
    super(reason)
  }
}

/** The first syntax error in `text`, or undefined if it is valid JSON. */
export function locateJsonError(text: string): JsonErrorLocation | undefined {
  const scan = new Scan(text)
  try {
    scan.value(0)
    scan.ws()
    if (scan.i < text.length) scan.stop('unexpected text after the JSON value')
    return undefined
  } catch (e) {
    if (!(e instanceof ScanError)) throw e
    const before = text.slice(0, e.position)
    const line = before.split('\n').length
    const column = e.position - before.lastIndexOf('\n')
    return { line, column, position: e.position, reason: e.reason }
  }
}

/** "line 3, column 7, position 41: unexpected "x"" (or the parser's own words as a fallback). */
export function describeJsonError(error: unknown, text: string): string {
  if (text.trim() === '') return 'the file is empty'
  const at = locateJsonError(text)
  if (at) return `line ${at.line}, column ${at.column}, position ${at.position}: ${at.reason}`
  return error instanceof Error ? error.message : String(error)
}
