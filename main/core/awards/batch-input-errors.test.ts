import { afterEach, describe, expect, it } from 'vitest'
import { csvBase64, freshKit, type Kit } from './test-support/station-kit.js'

let kit: Kit | undefined
afterEach(async () => {
  await kit?.close()
  kit = undefined
})

describe('batch preview input errors speak about the file', () => {
  it('a header without rows is refused with a sentence about the file, and nothing is planned', async () => {
    kit = await freshKit()
    const error = await kit.fails('awards:batchPreview', {
      badgeId: kit.badgeId,
      source: { csvBase64: csvBase64('name,email\r\n') }
    })
    expect(error.code).toBe('CSV_INVALID')
    expect(error.message).toBe(
      'The file has a header but no rows: add one person per row under the header, then choose the file again.'
    )
    expect(error.message).not.toMatch(/csvBase64|expected|string/)
  })
})
