import { Keyboard, Type, WifiOff } from 'lucide-react'
import { useEffect, useState, type ReactElement } from 'react'
import { isTypingTarget } from '../../components/format.js'
import { ShortcutsHelp } from '../award/shortcuts-help.js'
import { useLargeType } from '../settings/large-type.js'
import { PublishNote } from './publish-note.js'
import './shell.css'

function useOnline(): boolean {
  const [online, setOnline] = useState(() => navigator.onLine)
  useEffect(() => {
    const update = (): void => setOnline(navigator.onLine)
    window.addEventListener('online', update)
    window.addEventListener('offline', update)
    return () => {
      window.removeEventListener('online', update)
      window.removeEventListener('offline', update)
    }
  }, [])
  return online
}

/**
 * The header's tools, on every screen: a quiet offline note (never a dialog: Kiln works
 * offline), large type, and the keyboard shortcuts panel (also on "?"). The button says
 * "Shortcuts" so it is told apart from the Award desk's own "Keyboard shortcuts" button.
 */
export function ShellTools(): ReactElement {
  const online = useOnline()
  const [largeType, setLargeType] = useLargeType()
  const [helpOpen, setHelpOpen] = useState(false)

  useEffect(() => {
    let timer: ReturnType<typeof setTimeout> | undefined
    function onKeyDown(event: KeyboardEvent): void {
      if (event.key !== '?' || isTypingTarget(event.target)) return
      if (document.querySelector('.modal-overlay')) return
      // A screen with its own "?" (the Award desk) handles it first and marks it handled:
      // decide once every listener has run, so one panel opens, never two.
      timer = setTimeout(() => {
        if (!event.defaultPrevented) setHelpOpen(true)
      }, 0)
    }
    window.addEventListener('keydown', onKeyDown)
    return () => {
      window.removeEventListener('keydown', onKeyDown)
      if (timer !== undefined) clearTimeout(timer)
    }
  }, [])

  return (
    <div className="shell-tools">
      <PublishNote />
      <span role="status" className="shell-offline">
        {online ? null : (
          <>
            <WifiOff aria-hidden="true" size={16} /> Offline — everything works here; upload bundles
            later
          </>
        )}
      </span>
      <button
        type="button"
        className="shell-tool"
        aria-pressed={largeType}
        onClick={() => setLargeType(!largeType)}
      >
        <Type aria-hidden="true" size={16} /> Large type
      </button>
      <button
        type="button"
        className="shell-tool"
        aria-keyshortcuts="?"
        onClick={() => setHelpOpen(true)}
      >
        <Keyboard aria-hidden="true" size={16} /> Shortcuts
      </button>
      <ShortcutsHelp isOpen={helpOpen} onOpenChange={setHelpOpen} />
    </div>
  )
}
