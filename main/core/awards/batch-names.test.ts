import { afterEach, describe, expect, it } from 'vitest'
import { isJobOfKind } from '../../../shared/methods/jobs.js'
import { csvBase64, freshKit, type Kit } from './test-support/station-kit.js'

let kit: Kit | undefined
afterEach(async () => {
  await kit?.close()
  kit = undefined
})

const FILE = [
  'name,email',
  'Oeuz Rossi,oguz@example.org',
  'Ana Müller,ana@example.org',
  'Bo Lee,bo@example.org',
  'Cy Ng,cy@example.org'
].join('\n')

async function bookWithOguzAndAna(k: Kit): Promise<void> {
  await k.call('recipients:create', { name: 'Oğuz Rossi', email: 'oguz@example.org' })
  // Decomposed ü and a double space: the same name as people read it, so no conflict.
  await k.call('recipients:create', { name: 'Ana  Mu\u0308ller', email: 'ANA@example.org' })
  await k.call('recipients:create', { name: 'Bo Lee-Smith', email: 'bo@example.org' })
}

async function names(k: Kit): Promise<Record<string, string>> {
  const { awards } = await k.call('awards:list', {})
  return Object.fromEntries(awards.map((a) => [a.recipientEmail, a.recipientName]))
}

describe('batch name conflicts', () => {
  it('lists rows whose name differs from the recipient book, and nothing else', async () => {
    kit = await freshKit()
    await bookWithOguzAndAna(kit)
    const preview = await kit.call('awards:batchPreview', {
      badgeId: kit.badgeId,
      source: { csvBase64: csvBase64(FILE) }
    })
    expect(preview.conflicts).toEqual([
      {
        row: 2,
        email: 'oguz@example.org',
        fileName: 'Oeuz Rossi',
        bookName: 'Oğuz Rossi',
        recipientId: expect.any(String)
      },
      {
        row: 4,
        email: 'bo@example.org',
        fileName: 'Bo Lee',
        bookName: 'Bo Lee-Smith',
        recipientId: expect.any(String)
      }
    ])
    expect(preview.counts.toAward).toBe(4)
  })

  it('awards under the name kept for each row; a name kept from the file corrects the book', async () => {
    kit = await freshKit()
    await bookWithOguzAndAna(kit)
    const preview = await kit.call('awards:batchPreview', {
      badgeId: kit.badgeId,
      source: { csvBase64: csvBase64(FILE) }
    })
    const { jobId } = await kit.call('awards:batchStart', {
      previewId: preview.previewId,
      names: [
        { row: 2, keep: 'book' },
        { row: 4, keep: 'file' }
      ]
    })
    const done = await kit.core.station.jobs.wait(jobId)
    expect(done.state).toBe('done')
    expect(await names(kit)).toEqual({
      'oguz@example.org': 'Oğuz Rossi',
      'ana@example.org': 'Ana Müller',
      'bo@example.org': 'Bo Lee',
      'cy@example.org': 'Cy Ng'
    })
    const book = await kit.call('recipients:list', {})
    const byEmail = Object.fromEntries(book.recipients.map((r) => [r.email, r.name]))
    expect(byEmail['oguz@example.org']).toBe('Oğuz Rossi')
    expect(byEmail['bo@example.org']).toBe('Bo Lee')
    // The credential itself carries the kept name.
    const oguz = (await kit.call('awards:list', { query: 'oguz@example.org' })).awards[0]
    const { credential } = await kit.call('credentials:get', { id: oguz?.id ?? '' })
    expect(JSON.stringify(credential)).toContain('Oğuz Rossi')
    expect(JSON.stringify(credential)).not.toContain('Oeuz')
  })

  it('without a choice keeps the file’s name and the book as they are', async () => {
    kit = await freshKit()
    await bookWithOguzAndAna(kit)
    const preview = await kit.call('awards:batchPreview', {
      badgeId: kit.badgeId,
      source: { csvBase64: csvBase64(FILE) }
    })
    const { jobId } = await kit.call('awards:batchStart', { previewId: preview.previewId })
    await kit.core.station.jobs.wait(jobId)
    expect((await names(kit))['oguz@example.org']).toBe('Oeuz Rossi')
    const book = await kit.call('recipients:list', { query: 'oguz@example.org' })
    expect(book.recipients[0]?.name).toBe('Oğuz Rossi')
  })

  it('refuses a choice for a row that has no conflict, and awards nothing', async () => {
    kit = await freshKit()
    await bookWithOguzAndAna(kit)
    const preview = await kit.call('awards:batchPreview', {
      badgeId: kit.badgeId,
      source: { csvBase64: csvBase64(FILE) }
    })
    const failure = await kit.fails('awards:batchStart', {
      previewId: preview.previewId,
      names: [{ row: 3, keep: 'file' }]
    })
    expect(failure.code).toBe('INVALID_INPUT')
    expect(failure.message).toContain('Row 3')
    expect(kit.core.station.awards.size).toBe(0)
    // The preview is still usable after a refused choice.
    const { jobId } = await kit.call('awards:batchStart', {
      previewId: preview.previewId,
      names: [{ row: 2, keep: 'book' }]
    })
    const job = await kit.core.station.jobs.wait(jobId)
    expect(isJobOfKind(job, 'awards:batch') ? job.result?.issued : []).toHaveLength(4)
  })

  it('skipped rows say who and when, never an award id', async () => {
    kit = await freshKit()
    const held = await kit.call('awards:issue', {
      badgeId: kit.badgeId,
      email: 'cy@example.org',
      name: 'Cy Ng'
    })
    const preview = await kit.call('awards:batchPreview', {
      badgeId: kit.badgeId,
      source: { csvBase64: csvBase64(FILE + '\ncy ng,CY@example.org') }
    })
    expect(preview.skipped).toEqual([
      {
        row: 5,
        email: 'cy@example.org',
        name: 'Cy Ng',
        reason: `already holds this badge (awarded ${held.awardedDate.slice(0, 10)})`
      },
      {
        row: 6,
        email: 'cy@example.org',
        name: 'cy ng',
        reason: 'listed twice (same person as row 5)'
      }
    ])
    expect(JSON.stringify(preview.skipped)).not.toContain(held.id)
  })
})
