/** Adding, editing and merging recipients: every change is a journal entry, then applied. */
import { randomUUID } from 'node:crypto'
import { normaliseEmail } from '../../../shared/email.js'
import type { Recipient } from '../../../shared/types.js'
import { fail } from '../failure.js'
import type { Station } from '../station/station.js'
import type { NewEvent } from '../journal/registry.js'
import type { RecipientMergedData, RecipientRecord, RecipientUpdatedData } from './book.js'

export function newRecipientId(): string {
  return 'r-' + randomUUID()
}

/** A new recipient's record (not yet committed). */
export function newRecipientRecord(input: {
  name: string
  email: string
  memberId?: string
}): RecipientRecord {
  return {
    id: newRecipientId(),
    name: input.name,
    email: normaliseEmail(input.email),
    ...(input.memberId ? { memberId: input.memberId } : {}),
    createdAt: new Date().toISOString()
  }
}

/** A recipient.added item for a new person (not yet committed). */
export function newRecipientItem(input: { name: string; email: string; memberId?: string }): {
  id: string
  item: NewEvent
} {
  const recipient = newRecipientRecord(input)
  return { id: recipient.id, item: { type: 'recipient.added', data: { recipient } } }
}

/** Appends recipient entries in one fsynced commit (the journal feeds them to the book). */
export function commitRecipients(station: Station, items: readonly NewEvent[]): void {
  const entries = station.journal.appendMany(items)
  if (entries.length > 0) station.bus.emit('data:changed', { domain: 'recipients' })
}

export function viewRecipient(station: Station, id: string): Recipient {
  const recipient = station.recipients.view(id, (emails) => station.awards.awardCountFor(emails))
  if (!recipient) fail('NOT_FOUND', `There is no recipient with id "${id}".`, { field: 'id' })
  return recipient
}

function refuseTakenEmail(station: Station, email: string, self?: string): void {
  const existing = station.recipients.idForEmail(email)
  if (existing && existing !== self) {
    fail('CONFLICT', `${email} already belongs to another recipient.`, {
      field: 'email',
      existingRecipientId: existing
    })
  }
}

export function createRecipient(
  station: Station,
  input: { name: string; email: string; memberId?: string }
): Recipient {
  station.requireInitialized()
  refuseTakenEmail(station, input.email)
  const { id, item } = newRecipientItem(input)
  commitRecipients(station, [item])
  return viewRecipient(station, id)
}

export function updateRecipient(
  station: Station,
  input: { id: string; name?: string; email?: string; memberId?: string }
): Recipient {
  station.requireInitialized()
  const id = station.recipients.resolveId(input.id)
  const row = id ? station.recipients.record(id) : undefined
  if (!id || !row) {
    fail('NOT_FOUND', `There is no recipient with id "${input.id}".`, { field: 'id' })
  }
  if (input.email !== undefined) refuseTakenEmail(station, input.email, id)
  const data: RecipientUpdatedData = {
    id,
    ...(input.name !== undefined && input.name !== row.name ? { name: input.name } : {}),
    ...(input.email !== undefined && input.email !== row.email ? { email: input.email } : {}),
    ...(input.memberId !== undefined && input.memberId !== (row.memberId ?? '')
      ? { memberId: input.memberId === '' ? null : input.memberId }
      : {}),
    updatedAt: new Date().toISOString()
  }
  if (Object.keys(data).length > 2) commitRecipients(station, [{ type: 'recipient.updated', data }])
  return viewRecipient(station, id)
}

export function mergeRecipients(
  station: Station,
  input: { keepId: string; mergeIds: readonly string[] }
): Recipient {
  station.requireInitialized()
  const keepId = station.recipients.resolveId(input.keepId)
  if (!keepId) {
    fail('NOT_FOUND', `There is no recipient with id "${input.keepId}".`, { field: 'keepId' })
  }
  const mergeIds: string[] = []
  for (const raw of input.mergeIds) {
    const id = station.recipients.resolveId(raw)
    if (!id) fail('NOT_FOUND', `There is no recipient with id "${raw}".`, { field: 'mergeIds' })
    if (id === keepId) {
      fail(
        'INVALID_INPUT',
        `Recipient "${raw}" is the one being kept; it cannot be merged into itself.`,
        {
          field: 'mergeIds'
        }
      )
    }
    if (!mergeIds.includes(id)) mergeIds.push(id)
  }
  const data: RecipientMergedData = { keepId, mergeIds, at: new Date().toISOString() }
  commitRecipients(station, [{ type: 'recipient.merged', data }])
  return viewRecipient(station, keepId)
}
