import { afterEach, describe, expect, it } from 'vitest'
import { freshKit, type Kit } from './test-support/station-kit.js'

let kit: Kit | undefined
afterEach(async () => {
  await kit?.close()
  kit = undefined
})

describe('verifying in the station', () => {
  it('checks its own credentials against its own status list: revoked fails, active passes', async () => {
    kit = await freshKit()
    const kept = await kit.call('awards:issue', {
      badgeId: kit.badgeId,
      email: 'ana@example.org',
      name: 'Ana Müller'
    })
    const revoked = await kit.call('awards:issue', {
      badgeId: kit.badgeId,
      email: 'bo@example.org',
      name: 'Bo Lee'
    })
    await kit.call('awards:revoke', { id: revoked.id, reason: 'awarded by mistake' })

    const statusOf = async (id: string) => {
      const { credential } = await kit!.call('credentials:get', { id })
      const report = await kit!.call('credentials:verify', { credential })
      return { valid: report.valid, status: report.checks.find((c) => c.id === 'status') }
    }
    expect(await statusOf(kept.id)).toMatchObject({ valid: true, status: { status: 'passed' } })
    expect(await statusOf(revoked.id)).toMatchObject({
      valid: false,
      status: { status: 'failed', message: 'The credential has been revoked by its issuer.' }
    })
  })
})
