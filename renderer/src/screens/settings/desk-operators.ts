/**
 * The operators typed in Settings → Desk mode, one per line, checked before they are sent so
 * a mistake reads as a sentence about the list (the core checks again: shared/methods/desk.ts).
 */
export const MAX_OPERATORS = 50
const MAX_NAME = 100

export type OperatorList =
  Readonly<{ ok: true; operators: string[] }> | Readonly<{ ok: false; problem: string }>

export function readOperators(text: string): OperatorList {
  const operators = text
    .split(/\r?\n/)
    .map((line) => line.trim())
    .filter((line) => line.length > 0)
  if (operators.length === 0) {
    return { ok: false, problem: 'Name at least one operator, one per line.' }
  }
  if (operators.length > MAX_OPERATORS) {
    return {
      ok: false,
      problem: `Name at most ${MAX_OPERATORS} operators (the list has ${operators.length}).`
    }
  }
  const long = operators.find((name) => name.length > MAX_NAME)
  if (long) {
    return {
      ok: false,
      problem: `“${long.slice(0, 40)}…” is longer than ${MAX_NAME} characters.`
    }
  }
  const seen = new Set<string>()
  for (const name of operators) {
    const key = name.normalize('NFC').toLocaleLowerCase()
    if (seen.has(key)) return { ok: false, problem: `“${name}” is listed twice.` }
    seen.add(key)
  }
  return { ok: true, operators }
}
