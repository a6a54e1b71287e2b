import { Keyboard, Type, WifiOff } from 'lucide-react'
import { useEffect, useState, type ReactElement } from 'react'
import { useShortcutHelp } from '../../shortcuts/shortcut-provider.js'
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
 * offline), large type, and the keyboard shortcuts panel (also on "?"; the panel is the
 * shortcut registry's, so every shortcut is in it).
 */
export function ShellTools({ desk = false }: Readonly<{ desk?: boolean }>): ReactElement {
  const online = useOnline()
  const [largeType, setLargeType] = useLargeType()
  const openHelp = useShortcutHelp()

  return (
    <div className="shell-tools">
      {/* Publishing is the passphrase holder's: desk mode shows no publish note. */}
      {desk ? null : <PublishNote />}
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
      <button type="button" className="shell-tool" aria-keyshortcuts="?" onClick={openHelp}>
        <Keyboard aria-hidden="true" size={16} /> Shortcuts
      </button>
    </div>
  )
}
