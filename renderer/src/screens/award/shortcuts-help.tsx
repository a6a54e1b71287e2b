import type { ReactElement } from 'react'
import { ModalDialog } from '../../components/modal-dialog.js'

const SHORTCUTS: ReadonlyArray<readonly [keys: readonly string[], what: string]> = [
  [
    ['Type'],
    'Search people by name, e-mail or member id (the search has focus when the screen opens)'
  ],
  [['Enter'], 'Pick the highlighted match, or the first one; with nobody found, add a new person'],
  [['↑ ↓'], 'Move through the matches'],
  [['Ctrl', 'Enter'], 'Award (from any field of the form)'],
  [['Alt', 'A'], 'Award (same as Ctrl+Enter)'],
  [['Esc'], 'Close the list of matches, or this panel'],
  [['?'], 'Open this panel (outside text fields)'],
  [['Alt', '1…9'], 'Open a section of Kiln (Alt+2 is Award)']
]

type ShortcutsHelpProps = Readonly<{ isOpen: boolean; onOpenChange: (open: boolean) => void }>

/** The desk's keyboard shortcuts, documented where they are used. */
export function ShortcutsHelp({ isOpen, onOpenChange }: ShortcutsHelpProps): ReactElement {
  return (
    <ModalDialog title="Keyboard shortcuts" isOpen={isOpen} onOpenChange={onOpenChange}>
      <table className="shortcuts-table">
        <caption className="visually-hidden">Keyboard shortcuts of the award desk</caption>
        <thead>
          <tr>
            <th scope="col">Keys</th>
            <th scope="col">What they do</th>
          </tr>
        </thead>
        <tbody>
          {SHORTCUTS.map(([keys, what]) => (
            <tr key={what}>
              <th scope="row">
                {keys.map((key, index) => (
                  <span key={key}>
                    {index > 0 ? ' + ' : null}
                    <kbd className="key">{key}</kbd>
                  </span>
                ))}
              </th>
              <td>{what}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <div className="modal-actions">
        <button
          type="button"
          className="button button-primary"
          onClick={() => onOpenChange(false)}
          autoFocus
        >
          Close
        </button>
      </div>
    </ModalDialog>
  )
}
