import type { ReactElement } from 'react'
import { ModalDialog } from '../components/modal-dialog.js'
import { shortcutsByGroup } from './shortcuts.js'
import './shortcuts.css'

type ShortcutsPanelProps = Readonly<{ isOpen: boolean; onOpenChange: (open: boolean) => void }>

/** The keyboard shortcuts, drawn from the one table the dispatcher uses. */
export function ShortcutsPanel({ isOpen, onOpenChange }: ShortcutsPanelProps): ReactElement {
  return (
    <ModalDialog title="Keyboard shortcuts" isOpen={isOpen} onOpenChange={onOpenChange}>
      <div className="shortcuts-groups">
        {shortcutsByGroup().map(([group, entries]) => (
          <table key={group} className="shortcuts-table">
            <caption>{group}</caption>
            <thead>
              <tr>
                <th scope="col">Keys</th>
                <th scope="col">What they do</th>
              </tr>
            </thead>
            <tbody>
              {entries.map(([id, def]) => (
                <tr key={id}>
                  <th scope="row">
                    {def.keys.map((chord, i) => (
                      <span key={chord.join('+')} className="shortcut-chord">
                        {i > 0 ? <span className="shortcut-or"> or </span> : null}
                        {chord.map((key, j) => (
                          <span key={key}>
                            {j > 0 ? ' + ' : null}
                            <kbd className="key">{key}</kbd>
                          </span>
                        ))}
                      </span>
                    ))}
                  </th>
                  <td>{def.does}</td>
                </tr>
              ))}
            </tbody>
          </table>
        ))}
      </div>
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
