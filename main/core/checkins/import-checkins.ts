/**
 * Importing check-ins from CSV: read and check every row, drop duplicates (same person, session
 * and date as a stored check-in or an earlier row), and write the rest in one group commit
 * (`checkin.imported`, one entry per check-in). Any rejected row means nothing is written unless
 * the caller accepts the valid rows. A committed import runs the enabled rules.
 */
import { randomUUID } from 'node:crypto'
import type { MethodParsedInput } from '../../../shared/contract.js'
import type { CheckIn, CheckInImportResult } from '../../../shared/rules-types.js'
import { parseCsv } from '../csv/index.js'
import type { Station } from '../station/station.js'
import type { NewEvent } from '../journal/registry.js'
import { duplicateKeyOf, foldKey } from './checkin-index.js'
import { readCheckIns, type CheckInDraft } from './read-checkins.js'

export type CheckInImportInput = MethodParsedInput<'checkins:import'>

/** Rows with only a member id take the e-mail the same member id has elsewhere in the file or station. */
function resolveMembers(station: Station, drafts: readonly CheckInDraft[]): CheckInDraft[] {
  const inFile = new Map<string, string>()
  for (const d of drafts) {
    if (d.memberId && d.recipientEmail) inFile.set(foldKey(d.memberId), d.recipientEmail)
  }
  return drafts.map((d) => {
    if (d.recipientEmail || !d.memberId) return d
    const email = inFile.get(foldKey(d.memberId)) ?? station.checkins.emailForMember(d.memberId)
    return email ? { ...d, recipientEmail: email } : d
  })
}

export async function importCheckIns(
  station: Station,
  input: CheckInImportInput
): Promise<CheckInImportResult> {
  station.requireInitialized()
  const bytes = Buffer.from(input.csvBase64, 'base64')
  const { drafts, rejected } = readCheckIns(parseCsv(bytes))
  const seen = new Set<string>()
  const fresh: CheckInDraft[] = []
  let duplicates = 0
  for (const d of resolveMembers(station, drafts)) {
    const key = duplicateKeyOf(d)
    if (seen.has(key) || station.checkins.hasKey(key)) duplicates++
    else fresh.push(d)
    seen.add(key)
  }
  rejected.sort((a, b) => a.row - b.row)
  const blocked = rejected.length > 0 && !input.acceptValidRows
  if (input.dryRun || blocked) {
    return { committed: false, imported: fresh.length, duplicates, rejected }
  }
  if (fresh.length === 0) return { committed: true, imported: 0, duplicates, rejected }

  const importId = randomUUID()
  const importedAt = new Date().toISOString()
  const items: NewEvent[] = fresh.map((d) => {
    const checkin: CheckIn = {
      id: randomUUID(),
      ...(d.recipientEmail ? { recipientEmail: d.recipientEmail } : {}),
      ...(d.memberId ? { memberId: d.memberId } : {}),
      name: d.name,
      session: d.session,
      tags: d.tags,
      date: d.date,
      importId,
      importedAt
    }
    return {
      type: 'checkin.imported',
      data: { checkin, ...(input.operator ? { operator: input.operator } : {}) }
    }
  })
  // The station feeds appended entries to the check-in index. This runs inside the mutation
  // queue (checkins:import mutates), so the rules run now, in the same task.
  station.journal.appendMany(items)
  const autoRun = await station.autoRules.afterChange('checkins')
  return {
    committed: true,
    importId,
    imported: fresh.length,
    duplicates,
    rejected,
    ...(autoRun ? { autoRun } : {})
  }
}
