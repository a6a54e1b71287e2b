/**
 * The one keydown listener of the app: it asks the shortcut table (shortcuts.ts) which shortcut a
 * key press is, among those a mounted component attached a handler to, and calls the newest
 * handler. It also owns the help panel, drawn from the same table.
 */
import {
  createContext,
  useCallback,
  useContext,
  useEffect,
  useMemo,
  useRef,
  useState,
  type ReactElement,
  type ReactNode
} from 'react'
import { isTypingTarget } from '../components/format.js'
import { shortcutFor, type ActionShortcutId, type KeyTarget } from './shortcuts.js'
import { ShortcutsPanel } from './shortcuts-panel.js'

type Handler = (event: KeyboardEvent) => void

type ShortcutRegistry = Readonly<{
  attach: (id: ActionShortcutId, handler: Handler) => () => void
  openHelp: () => void
}>

const ShortcutContext = createContext<ShortcutRegistry | null>(null)

function keyTarget(event: KeyboardEvent): KeyTarget {
  const element = event.target instanceof Element ? event.target : null
  return {
    typing: isTypingTarget(event.target),
    inDialog: document.querySelector('.modal-overlay') !== null,
    within: (selector) => element?.closest(selector) != null
  }
}

export function ShortcutProvider({ children }: Readonly<{ children: ReactNode }>): ReactElement {
  const handlers = useRef(new Map<ActionShortcutId, Handler[]>())
  const [helpOpen, setHelpOpen] = useState(false)

  const attach = useCallback((id: ActionShortcutId, handler: Handler) => {
    const list = handlers.current.get(id) ?? []
    list.push(handler)
    handlers.current.set(id, list)
    return () => {
      const current = handlers.current.get(id) ?? []
      const next = current.filter((h) => h !== handler)
      if (next.length > 0) handlers.current.set(id, next)
      else handlers.current.delete(id)
    }
  }, [])
  const openHelp = useCallback(() => setHelpOpen(true), [])

  useEffect(() => attach('help', openHelp), [attach, openHelp])

  useEffect(() => {
    function onKeyDown(event: KeyboardEvent): void {
      if (event.defaultPrevented) return
      const id = shortcutFor(event, keyTarget(event), new Set(handlers.current.keys()))
      const handler = id ? handlers.current.get(id)?.at(-1) : undefined
      if (!handler) return
      event.preventDefault()
      handler(event)
    }
    window.addEventListener('keydown', onKeyDown)
    return () => window.removeEventListener('keydown', onKeyDown)
  }, [])

  const registry = useMemo(() => ({ attach, openHelp }), [attach, openHelp])
  return (
    <ShortcutContext.Provider value={registry}>
      {children}
      <ShortcutsPanel isOpen={helpOpen} onOpenChange={setHelpOpen} />
    </ShortcutContext.Provider>
  )
}

function useRegistry(): ShortcutRegistry {
  const registry = useContext(ShortcutContext)
  if (!registry) throw new Error('Shortcuts need a <ShortcutProvider> above them')
  return registry
}

/** Attaches `handler` to a shortcut of the table while the component is mounted. */
export function useShortcut(id: ActionShortcutId, handler: Handler): void {
  const { attach } = useRegistry()
  const latest = useRef(handler)
  useEffect(() => {
    latest.current = handler
  })
  useEffect(() => attach(id, (event) => latest.current(event)), [attach, id])
}

/** Opens the keyboard shortcuts panel (for a "Shortcuts" button). */
export function useShortcutHelp(): () => void {
  return useRegistry().openHelp
}
