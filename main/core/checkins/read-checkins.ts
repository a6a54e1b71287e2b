/**
 * Reading check-ins from a parsed CSV: which column holds what (name / e-mail / member id as
 * the recipient import guesses them; session, tags and date here), then each row checked.
 * Pure: no station, no I/O.
 */
import type { RowProblem } from '../../../shared/types.js'
import { normaliseEmail } from '../../../shared/email.js'
import { hiddenCharacterProblem } from '../../../shared/human-text.js'
import { detectMapping, foldText, isEmailAddress, type ParsedCsv } from '../csv/index.js'
import { fail } from '../failure.js'

export type CheckInDraft = Readonly<{
  row: number
  recipientEmail?: string
  memberId?: string
  name: string
  session: string
  tags: string[]
  date: string
}>

export type ReadCheckIns = Readonly<{ drafts: CheckInDraft[]; rejected: RowProblem[] }>

const SESSION = [
  'session',
  'sessionname',
  'sessiontitle',
  'event',
  'eventname',
  'class',
  'workshop',
  'course',
  'seance',
  'sitzung',
  'sesion'
]
const TAGS = [
  'tags',
  'tag',
  'topics',
  'topic',
  'categories',
  'category',
  'keywords',
  'etiquettes',
  'schlagworte'
]
const DATE = [
  'date',
  'sessiondate',
  'eventdate',
  'checkindate',
  'attended',
  'attendedon',
  'day',
  'datum',
  'fecha'
]

function headerKey(header: string): string {
  return foldText(header).replace(/[^a-z0-9]/g, '')
}

function column(headers: readonly string[], synonyms: readonly string[]): number {
  const keys = headers.map(headerKey)
  for (const s of synonyms) {
    const i = keys.indexOf(s)
    if (i >= 0) return i
  }
  return -1
}

const DAY = /^(\d{4})-(\d{2})-(\d{2})$/
const DATE_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2})?$/

/** YYYY-MM-DD (a real calendar day) or an ISO date-time; anything else is ambiguous. */
export function checkDate(value: string): string | undefined {
  const day = DAY.exec(value)
  if (day) {
    const [y, m, d] = [Number(day[1]), Number(day[2]), Number(day[3])]
    const at = new Date(Date.UTC(y, m - 1, d))
    const real = at.getUTCFullYear() === y && at.getUTCMonth() === m - 1 && at.getUTCDate() === d
    return real ? undefined : `"${value}" is not a calendar date`
  }
  if (DATE_TIME.test(value) && !Number.isNaN(Date.parse(value))) return undefined
  return `"${value}" is not a date; write it as YYYY-MM-DD`
}

/** "Glaze; Wheel | glaze" → ["Glaze", "Wheel"] (trimmed, empty and case-repeated tags dropped). */
export function splitTags(value: string): string[] {
  const seen = new Set<string>()
  const tags: string[] = []
  for (const raw of value.split(/[;|]/)) {
    const tag = raw.trim()
    const key = tag.toLowerCase()
    if (tag === '' || seen.has(key)) continue
    seen.add(key)
    tags.push(tag)
  }
  return tags
}

export function readCheckIns(csv: ParsedCsv): ReadCheckIns {
  const { headers } = csv
  const mapping = detectMapping(headers)
  const at = (header: string | undefined): number =>
    header === undefined ? -1 : headers.indexOf(header)
  const iEmail = at(mapping.email)
  const iMember = at(mapping.memberId)
  const iName = at(mapping.name)
  const iFirst = at(mapping.firstName)
  const iLast = at(mapping.lastName)
  const iSession = column(headers, SESSION)
  const iTags = column(headers, TAGS)
  const iDate = column(headers, DATE)
  const missing = [
    iEmail < 0 && iMember < 0 ? 'e-mail (or member id)' : '',
    iName < 0 && (iFirst < 0 || iLast < 0) ? 'name' : '',
    iSession < 0 ? 'session' : '',
    iDate < 0 ? 'date' : ''
  ].filter(Boolean)
  if (missing.length > 0) {
    fail(
      'CSV_INVALID',
      `The check-in file needs a column for the ${missing.join(', ')}. ` +
        `Its columns are: ${headers.map((h) => `"${h}"`).join(', ') || 'none'}.`,
      { field: 'columns', columns: [...headers] }
    )
  }
  const cell = (r: readonly string[], i: number): string => (i < 0 ? '' : (r[i] ?? '').trim())
  const drafts: CheckInDraft[] = []
  const rejected: RowProblem[] = [...csv.problems]
  csv.rows.forEach((r, k) => {
    const row = csv.rowNumbers[k] ?? k + 2
    const problems: RowProblem[] = []
    const rawEmail = cell(r, iEmail)
    const email = normaliseEmail(rawEmail)
    const memberId = cell(r, iMember)
    const name = (iName >= 0 ? cell(r, iName) : `${cell(r, iFirst)} ${cell(r, iLast)}`)
      .replace(/\s+/g, ' ')
      .trim()
    const session = cell(r, iSession).replace(/\s+/g, ' ')
    const date = cell(r, iDate)
    if (rawEmail === '' && memberId === '') {
      problems.push({ row, field: 'email', message: 'give an e-mail or a member id' })
    } else if (rawEmail !== '' && !isEmailAddress(email)) {
      problems.push({ row, field: 'email', message: `"${rawEmail}" is not an e-mail address` })
    }
    if (memberId.length > 100) {
      problems.push({
        row,
        field: 'memberId',
        message: 'the member id is longer than 100 characters'
      })
    }
    const nameProblem = hiddenCharacterProblem(name)
    if (name === '') problems.push({ row, field: 'name', message: 'the name is empty' })
    else if (name.length > 300) {
      problems.push({ row, field: 'name', message: 'the name is longer than 300 characters' })
    } else if (nameProblem !== undefined) {
      problems.push({ row, field: 'name', message: `the name ${nameProblem}` })
    }
    if (session === '') problems.push({ row, field: 'session', message: 'the session is empty' })
    else if (session.length > 300) {
      problems.push({ row, field: 'session', message: 'the session is longer than 300 characters' })
    }
    const tags = splitTags(cell(r, iTags))
    const longTag = tags.find((t) => t.length > 60)
    if (longTag) {
      problems.push({
        row,
        field: 'tags',
        message: `the tag "${longTag.slice(0, 20)}…" is longer than 60 characters`
      })
    }
    if (date === '') problems.push({ row, field: 'date', message: 'the date is empty' })
    else {
      const bad = checkDate(date)
      if (bad) problems.push({ row, field: 'date', message: bad })
    }
    if (problems.length > 0) {
      rejected.push(...problems)
      return
    }
    drafts.push({
      row,
      ...(email ? { recipientEmail: email } : {}),
      ...(memberId ? { memberId } : {}),
      name,
      session,
      tags,
      date
    })
  })
  return { drafts, rejected }
}
