/**
 * Mounting a component in happy-dom for a test: React's act() around every change, the fake
 * client in context, and an unmount at the end. (No testing library: a few lines suffice here.)
 */
import { act, type ReactElement } from 'react'
import { createRoot, type Root } from 'react-dom/client'
import type { KilnApi } from '../../../shared/api.js'
import { KilnProvider } from '../api/kiln-context.js'

declare global {
  var IS_REACT_ACT_ENVIRONMENT: boolean | undefined
}

export type Mounted = Readonly<{
  container: HTMLElement
  rerender: (element: ReactElement) => Promise<void>
  unmount: () => Promise<void>
}>

export async function mount(element: ReactElement, client: KilnApi): Promise<Mounted> {
  globalThis.IS_REACT_ACT_ENVIRONMENT = true
  const container = document.createElement('div')
  document.body.append(container)
  let root: Root | undefined
  const wrap = (el: ReactElement) => <KilnProvider client={client}>{el}</KilnProvider>
  await act(async () => {
    root = createRoot(container)
    root.render(wrap(element))
  })
  return {
    container,
    rerender: async (next) => {
      await act(async () => root?.render(wrap(next)))
    },
    unmount: async () => {
      await act(async () => root?.unmount())
      container.remove()
    }
  }
}

/** Lets pending promises and effects settle inside act(). */
export async function settle(ms = 0): Promise<void> {
  await act(async () => {
    await new Promise((resolve) => setTimeout(resolve, ms))
  })
}
