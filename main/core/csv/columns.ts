/**
 * Which column holds the name, the e-mail and the member id: header synonyms in several
 * languages (compared without case, accents, spaces or punctuation), first + last name
 * columns combined, and an explicit mapping for what cannot be guessed.
 */
import type { CsvMapping, RowProblem } from '../../../shared/types.js'
import { normaliseEmail } from '../../../shared/email.js'
import { hiddenCharacterProblem } from '../../../shared/human-text.js'
import { fail } from '../failure.js'
import type { ParsedCsv } from './parse.js'

export function foldText(text: string): string {
  return text
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
}

function headerKey(header: string): string {
  return foldText(header).replace(/[^a-z0-9]/g, '')
}

const SYNONYMS: Readonly<Record<keyof CsvMapping, readonly string[]>> = {
  name: [
    'name',
    'fullname',
    'nom',
    'nomcomplet',
    'nometprenom',
    'prenometnom',
    'nombrecompleto',
    'nombreyapellidos',
    'vollername',
    'vollstandigername',
    'nomecompleto',
    'naam',
    'volledigenaam',
    'recipient',
    'recipientname',
    'earnername',
    'attendee',
    'attendeename',
    'participant',
    'participantname',
    'displayname',
    'membername',
    'studentname',
    'person',
    'teilnehmer',
    'nome'
  ],
  firstName: [
    'firstname',
    'givenname',
    'first',
    'forename',
    'prenom',
    'vorname',
    'nombre',
    'voornaam',
    'primeironome',
    'nomedibattesimo'
  ],
  lastName: [
    'lastname',
    'surname',
    'familyname',
    'last',
    'nomdefamille',
    'nachname',
    'familienname',
    'apellido',
    'apellidos',
    'achternaam',
    'cognome',
    'sobrenome'
  ],
  email: [
    'email',
    'mail',
    'emailaddress',
    'mailaddress',
    'emailadresse',
    'mailadresse',
    'courriel',
    'adressecourriel',
    'adresseemail',
    'adressemail',
    'adresseelectronique',
    'correo',
    'correoelectronico',
    'epost',
    'epostadresse',
    'emailadres',
    'indirizzoemail',
    'recipientemail',
    'emailaddr'
  ],
  memberId: [
    'memberid',
    'membershipnumber',
    'membershipno',
    'membershipid',
    'membernumber',
    'memberno',
    'member',
    'membernr',
    'numeroadherent',
    'numerodadherent',
    'numerodemembre',
    'adherent',
    'numeromembre',
    'idmembre',
    'mitgliedsnummer',
    'mitgliedernummer',
    'mitgliednr',
    'numerodesocio',
    'socio',
    'lidnummer',
    'numerosocio',
    'matricule'
  ]
}

function find(
  keys: readonly string[],
  field: keyof CsvMapping,
  headers: readonly string[]
): string | undefined {
  const wanted = SYNONYMS[field]
  for (const synonym of wanted) {
    const i = keys.indexOf(synonym)
    if (i >= 0) return headers[i]
  }
  return undefined
}

/** The mapping Kiln guesses from the headers; fields it cannot guess are left out. */
export function detectMapping(headers: readonly string[]): CsvMapping {
  const keys = headers.map(headerKey)
  const email = find(keys, 'email', headers)
  const memberId = find(keys, 'memberId', headers)
  const firstName = find(keys, 'firstName', headers)
  let lastName = find(keys, 'lastName', headers)
  let name = find(keys, 'name', headers)
  // French "Nom" / Spanish "Nombre" next to a first-name column is the family name.
  if (firstName && name && !lastName && ['nom', 'nome'].includes(headerKey(name))) {
    lastName = name
    name = undefined
  }
  if (name && name === firstName) name = undefined
  return {
    ...(name ? { name } : firstName && lastName ? { firstName, lastName } : {}),
    ...(email ? { email } : {}),
    ...(memberId ? { memberId } : {})
  }
}

/** The mapping to use: the explicit one (checked against the headers) over the guess. */
export function resolveMapping(headers: readonly string[], explicit?: CsvMapping): CsvMapping {
  const guessed = detectMapping(headers)
  const mapping: CsvMapping = explicit ? { ...guessed, ...explicit } : guessed
  if (explicit) {
    for (const [field, column] of Object.entries(explicit)) {
      if (column !== undefined && !headers.includes(column)) {
        fail('CSV_INVALID', `mapping.${field}: the file has no column "${column}".`, {
          field: `mapping.${field}`,
          columns: [...headers],
          mapping
        })
      }
    }
    if (explicit.name) {
      return { ...mapping, firstName: undefined, lastName: undefined, name: explicit.name }
    }
    if (explicit.firstName || explicit.lastName) return { ...mapping, name: undefined }
  }
  return mapping
}

export type MappedPerson = Readonly<{ row: number; name: string; email: string; memberId?: string }>

export type MappedRows = Readonly<{ people: MappedPerson[]; rejected: RowProblem[] }>

const EMAIL = /^[^\s@"(),:;<>[\\\]]+@[^\s@"(),:;<>[\\\]]+\.[^\s@"(),:;<>[\\\]]+$/

export function isEmailAddress(value: string): boolean {
  return value.length <= 320 && EMAIL.test(value) && !value.includes('..')
}

/**
 * Reads name / e-mail / member id from every row. Rows with a missing or invalid value are
 * rejected with the field and why; CSV_INVALID if the e-mail or name column is not mapped.
 */
export function mapRows(
  csv: ParsedCsv,
  explicit?: CsvMapping
): MappedRows & { mapping: CsvMapping } {
  const mapping = resolveMapping(csv.headers, explicit)
  const hasName =
    mapping.name !== undefined ||
    (mapping.firstName !== undefined && mapping.lastName !== undefined)
  if (!mapping.email || !hasName) {
    const missing = [!mapping.email ? 'e-mail' : '', !hasName ? 'name' : '']
      .filter(Boolean)
      .join(' and ')
    fail(
      'CSV_INVALID',
      `Kiln could not tell which column holds the ${missing}; choose the columns (mapping). ` +
        `The file's columns are: ${csv.headers.map((h) => `"${h}"`).join(', ') || 'none'}.`,
      { field: 'mapping', columns: [...csv.headers], mapping }
    )
  }
  const col = (header: string | undefined): number =>
    header === undefined ? -1 : csv.headers.indexOf(header)
  const iName = col(mapping.name)
  const iFirst = col(mapping.firstName)
  const iLast = col(mapping.lastName)
  const iEmail = col(mapping.email)
  const iMember = col(mapping.memberId)
  const cell = (r: readonly string[], i: number): string => (i < 0 ? '' : (r[i] ?? '').trim())
  const people: MappedPerson[] = []
  const rejected: RowProblem[] = [...csv.problems]
  csv.rows.forEach((r, k) => {
    const row = csv.rowNumbers[k] ?? k + 2
    const name = (iName >= 0 ? cell(r, iName) : `${cell(r, iFirst)} ${cell(r, iLast)}`)
      .replace(/\s+/g, ' ')
      .trim()
    const rawEmail = cell(r, iEmail)
    const email = normaliseEmail(rawEmail)
    const memberId = cell(r, iMember)
    const before = rejected.length
    const nameProblem = hiddenCharacterProblem(name)
    if (name === '') rejected.push({ row, field: 'name', message: 'the name is empty' })
    else if (name.length > 300) {
      rejected.push({ row, field: 'name', message: 'the name is longer than 300 characters' })
    } else if (nameProblem !== undefined) {
      rejected.push({ row, field: 'name', message: `the name ${nameProblem}` })
    }
    if (rawEmail === '') rejected.push({ row, field: 'email', message: 'the e-mail is empty' })
    else if (!isEmailAddress(email)) {
      rejected.push({ row, field: 'email', message: `"${rawEmail}" is not an e-mail address` })
    }
    const memberProblem = hiddenCharacterProblem(memberId)
    if (memberId.length > 100) {
      rejected.push({
        row,
        field: 'memberId',
        message: 'the member id is longer than 100 characters'
      })
    } else if (memberProblem !== undefined) {
      rejected.push({ row, field: 'memberId', message: `the member id ${memberProblem}` })
    }
    if (rejected.length === before) {
      people.push({ row, name, email, ...(memberId ? { memberId } : {}) })
    }
  })
  return { people, rejected, mapping }
}
