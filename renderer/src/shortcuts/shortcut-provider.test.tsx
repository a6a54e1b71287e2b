// @vitest-environment happy-dom
import { afterEach, describe, expect, it } from 'vitest'
import { act, type ReactElement } from 'react'
import { fakeKiln } from '../test-support/fake-kiln.js'
import { mount, type Mounted } from '../test-support/render.js'
import { ShortcutProvider, useShortcut } from './shortcut-provider.js'
import { SHORTCUTS } from './shortcuts.js'

let mounted: Mounted | undefined
afterEach(async () => {
  await mounted?.unmount()
  mounted = undefined
})

function Desk({ onAward }: Readonly<{ onAward: () => void }>): ReactElement {
  useShortcut('award', onAward)
  return <input aria-label="Recipient" />
}

async function press(target: EventTarget, init: KeyboardEventInit): Promise<KeyboardEvent> {
  const event = new KeyboardEvent('keydown', { bubbles: true, cancelable: true, ...init })
  await act(async () => {
    target.dispatchEvent(event)
  })
  return event
}

describe('ShortcutProvider', () => {
  it('calls the attached handler and documents every shortcut in the help panel', async () => {
    let awarded = 0
    mounted = await mount(
      <ShortcutProvider>
        <Desk onAward={() => awarded++} />
      </ShortcutProvider>,
      fakeKiln({}).client
    )
    const input = mounted.container.querySelector('input')
    if (!input) throw new Error('no input')
    const event = await press(input, { key: 'Enter', ctrlKey: true })
    expect(awarded).toBe(1)
    expect(event.defaultPrevented).toBe(true)
    // "?" in a text field types; outside it opens the panel.
    await press(input, { key: '?' })
    expect(document.body.textContent).not.toContain('Keyboard shortcuts')
    await press(document.body, { key: '?' })
    const panel = document.querySelector('[role="dialog"]')
    expect(panel?.textContent).toContain('Keyboard shortcuts')
    for (const def of Object.values(SHORTCUTS)) expect(panel?.textContent).toContain(def.does)
  })
})
