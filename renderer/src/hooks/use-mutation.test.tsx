// @vitest-environment happy-dom
import { afterEach, describe, expect, it } from 'vitest'
import { useEffect, type ReactElement } from 'react'
import { err, ok } from '../../../shared/result.js'
import type { StationStatus } from '../../../shared/types.js'
import { fakeKiln } from '../test-support/fake-kiln.js'
import { mount, settle, type Mounted } from '../test-support/render.js'
import { useMutation, type Mutation } from './use-mutation.js'

const status: StationStatus = {
  initialized: true,
  locked: false,
  dataDir: '/tmp/station',
  counts: { awards: 0, badges: 0, recipients: 0 }
}

let mounted: Mounted | undefined
afterEach(async () => {
  await mounted?.unmount()
  mounted = undefined
})

function Probe({ onReady }: Readonly<{ onReady: (m: Mutation) => void }>): ReactElement {
  const mutation = useMutation()
  useEffect(() => {
    onReady(mutation)
  })
  return (
    <p>
      {mutation.busy ? 'busy' : 'idle'} {mutation.error?.code ?? 'no error'}
    </p>
  )
}

describe('useMutation', () => {
  it('is busy while the call runs, and a second start sends nothing', async () => {
    let release: () => void = () => undefined
    const fake = fakeKiln({
      'station:lock': () =>
        new Promise((resolve) => {
          release = () => resolve(ok(status))
        })
    })
    let latest: Mutation | undefined
    mounted = await mount(<Probe onReady={(m) => (latest = m)} />, fake.client)
    const first = latest?.run((kiln) => kiln.stationLock({}))
    await settle()
    expect(mounted.container.textContent).toContain('busy')
    expect(await latest?.run((kiln) => kiln.stationLock({}))).toBeUndefined()
    release()
    expect(await first).toEqual(ok(status))
    await settle()
    expect(mounted.container.textContent).toContain('idle no error')
    expect(fake.calls).toHaveLength(1)
  })

  it('keeps an error for the alert, unless the caller expects it', async () => {
    const fake = fakeKiln({
      'station:lock': () => err('LOCKED', 'locked'),
      'station:unlock': () => err('WRONG_PASSPHRASE', 'no')
    })
    let latest: Mutation | undefined
    mounted = await mount(<Probe onReady={(m) => (latest = m)} />, fake.client)
    await latest?.run((kiln) => kiln.stationLock({}))
    await settle()
    expect(mounted.container.textContent).toContain('LOCKED')
    const answer = await latest?.run((kiln) => kiln.stationUnlock({ passphrase: 'x' }), {
      expected: (e) => e.code === 'WRONG_PASSPHRASE'
    })
    await settle()
    expect(answer?.ok).toBe(false)
    expect(mounted.container.textContent).toContain('no error')
  })
})
