/**
 * Two browsers (two HTTP clients) award the same person the same badge at the same moment,
 * against a real `kiln serve`: exactly one award is made, the other client gets the duplicate
 * error, and the journal holds one award.
 */
import { afterEach, describe, expect, it } from 'vitest'
import { startStationHost, type StationHost } from '../e2e/station-host.js'
import { TEST_PASSPHRASE, freshStation, removeDir } from '../support/cli.js'

let host: StationHost | undefined
let dir = ''
afterEach(async () => {
  await host?.stop()
  host = undefined
  if (dir) removeDir(dir)
})

type Answer = {
  ok: boolean
  value?: unknown
  error?: { code: string; details?: { existingAwardId?: string } }
}

function client(url: string): (method: string, input: unknown) => Promise<Answer> {
  const { origin, hash } = new URL(url)
  const token = new URLSearchParams(hash.slice(1)).get('token') ?? ''
  return async (method, input) => {
    const response = await fetch(`${origin}/api/call/${method}`, {
      method: 'POST',
      headers: { Authorization: `Bearer ${token}`, 'Content-Type': 'application/json' },
      body: JSON.stringify(input)
    })
    return (await response.json()) as Answer
  }
}

describe('kiln serve: concurrent awards from two clients', () => {
  it('gives exactly one award; the other client gets the duplicate error', async () => {
    const station = freshStation()
    dir = station.dir
    const created = station.run([
      'badge',
      'create',
      '--name',
      'Desk Badge',
      '--description',
      'Awarded at the desk.',
      '--criteria',
      'Visit the desk.',
      '--json'
    ])
    const badgeId = String(created.json().id)
    expect(station.run(['badge', 'publish', badgeId]).code).toBe(0)

    host = await startStationHost(dir)
    const first = client(host.url)
    const second = client(host.url)
    expect((await first('station:unlock', { passphrase: TEST_PASSPHRASE })).ok).toBe(true)
    const people = ['ana@example.org', 'bo@example.org', 'cy@example.org']
    for (const email of people) {
      const answers = await Promise.all([
        first('awards:issue', { badgeId, email, name: 'From the first desk' }),
        second('awards:issue', { badgeId, email, name: 'From the second desk' })
      ])
      expect(answers.filter((a) => a.ok)).toHaveLength(1)
      const refused = answers.filter((a) => !a.ok)
      expect(refused.map((a) => a.error?.code)).toEqual(['CONFLICT'])
      expect(refused[0]?.error?.details?.existingAwardId).toEqual(expect.any(String))
    }
    await host.stop()
    host = undefined

    const listed = station.run(['awards', 'list', '--json'])
    expect(listed.code).toBe(0)
    const awards = listed.json().awards as Array<{ recipientEmail: string }>
    expect(awards.map((a) => a.recipientEmail).sort()).toEqual(people)
  })
})
