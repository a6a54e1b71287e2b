/** kiln desk on | off | status, and what the other commands do while desk mode is on. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { freshStation, removeDir, TEST_PASSPHRASE, type CliRun } from '../support/cli.js'

let dir = ''
let run: (args: string[], env?: Record<string, string | undefined>) => CliRun
let badgeId = ''

beforeAll(() => {
  ;({ dir, run } = freshStation())
  const created = run([
    'badge',
    'create',
    '--name',
    'Helper',
    '--description',
    'Helped at the desk.',
    '--criteria',
    'Help.',
    '--json'
  ])
  expect(created.code, created.stderr).toBe(0)
  badgeId = String(created.json().id)
  expect(run(['badge', 'publish', badgeId]).code).toBe(0)
})
afterAll(() => removeDir(dir))

describe('kiln desk', () => {
  it('switches desk mode on with the passphrase and a list of operators', () => {
    expect(run(['desk', 'on']).code).toBe(2)
    const noPassphrase = run(['desk', 'on', '--operator', 'Ada'], { KILN_PASSPHRASE: '' })
    expect(noPassphrase.code).toBe(2)
    expect(run(['desk', 'status', '--json']).json()).toEqual({ desk: false })

    const on = run(['desk', 'on', '--operator', 'Ada Volunteer', '--operator', 'Bo Helper'])
    expect(on.code, on.stderr).toBe(0)
    expect(on.stdout).toContain('Desk mode is on')
    const status = run(['desk', 'status', '--json']).json()
    expect(status).toMatchObject({ desk: true, operators: ['Ada Volunteer', 'Bo Helper'] })
    expect(run(['status', '--json']).json()).toMatchObject({
      desk: { operators: ['Ada Volunteer', 'Bo Helper'] }
    })
  })

  it('refuses what is closed to the desk with the sentence and exit 2', () => {
    for (const args of [
      ['backup'],
      ['export', 'bundle', '--out', `${dir}-bundle`],
      ['badge', 'create', '--name', 'X', '--description', 'X', '--criteria', 'X'],
      ['desk', 'on', '--operator', 'Eve']
    ]) {
      const refused = run(args)
      expect({ args, code: refused.code }).toEqual({ args, code: 2 })
      expect(refused.stderr).toContain('The station is in desk mode')
    }
    // Restoring over the station (with --force) is the passphrase holder's too.
    const restore = run(['restore', `${dir}-missing.kbak`, '--force'])
    expect(restore.code).toBe(2)
    expect(restore.stderr).toContain('The station is in desk mode')
    const json = run(['backup', '--json'])
    expect(json.code).toBe(2)
    expect(json.json()).toMatchObject({ error: { code: 'DESK_MODE' } })
  })

  it('awards only with an operator from the list, and records it', () => {
    const person = ['award', '--badge', badgeId, '--email', 'kim@example.org', '--name', 'Kim']
    const without = run(person)
    expect(without.code).toBe(2)
    expect(without.stderr).toContain('names its operator')
    const stranger = run([...person, '--operator', 'Mallory'])
    expect(stranger.code).toBe(2)
    expect(stranger.stderr).toContain('not on this desk')

    const awarded = run([...person, '--operator', 'Bo Helper', '--json'])
    expect(awarded.code, awarded.stderr).toBe(0)
    const listed = run(['awards', 'list', '--json']).json() as {
      awards: { operator?: string }[]
      total: number
    }
    expect(listed.total).toBe(1)
    expect(listed.awards[0]?.operator).toBe('Bo Helper')

    // Certificates are printed from the app (the exports folder), never to a file named here.
    const id = String((awarded.json().issued as { id: string }[])[0]?.id)
    const printed = run(['export', 'certificates', '--awards', id, '--out', `${dir}-c.pdf`])
    expect(printed.code).toBe(2)
    expect(printed.stderr).toContain('exports folder')
  })

  it('stays on after a wrong passphrase and leaves with the right one', () => {
    const wrong = run(['desk', 'off'], { KILN_PASSPHRASE: 'not the passphrase' })
    expect(wrong.code).toBe(2)
    expect(wrong.stderr).toContain('stays in desk mode')
    expect(run(['desk', 'status', '--json']).json()).toMatchObject({ desk: true })

    const off = run(['desk', 'off', '--json'], { KILN_PASSPHRASE: TEST_PASSPHRASE })
    expect(off.code, off.stderr).toBe(0)
    expect(off.json()).toEqual({ desk: false })
    expect(run(['desk', 'status']).stdout).toContain('Desk mode is off')
  })
})
