/**
 * Rows of a batch whose name differs from the recipient book for the same e-mail: the operator
 * keeps one name per row (or all from one side) before anything is awarded.
 */
import type { ReactElement } from 'react'
import { Radio, RadioGroup } from 'react-aria-components'
import type { BatchNameChoice, BatchNameConflict } from '../../../../shared/types.js'
import { formatCount, plural } from '../../components/format.js'

export type NameChoices = ReadonlyMap<number, BatchNameChoice['keep']>

const SHOWN = 200

/** The choices as batchStart takes them; null while a row has none. */
export function nameChoices(
  conflicts: readonly BatchNameConflict[],
  choices: NameChoices
): BatchNameChoice[] | null {
  const out: BatchNameChoice[] = []
  for (const c of conflicts) {
    const keep = choices.get(c.row)
    if (!keep) return null
    out.push({ row: c.row, keep })
  }
  return out
}

type NameConflictsProps = Readonly<{
  conflicts: readonly BatchNameConflict[]
  choices: NameChoices
  onChange: (choices: NameChoices) => void
}>

export function NameConflicts({ conflicts, choices, onChange }: NameConflictsProps): ReactElement {
  const open = conflicts.filter((c) => !choices.has(c.row)).length
  const all = (keep: BatchNameChoice['keep']) =>
    onChange(new Map(conflicts.map((c) => [c.row, keep])))
  return (
    <section className="name-conflicts" aria-labelledby="name-conflicts-heading">
      <h3 id="name-conflicts-heading">
        {plural(conflicts.length, 'name differs', 'names differ')} from the recipient book
      </h3>
      <p className="notice" role="note">
        The recipient book already knows {conflicts.length === 1 ? 'this e-mail' : 'these e-mails'}{' '}
        under another name. Choose which name each credential carries. Keeping the file’s name also
        corrects the recipient book; credentials awarded earlier keep the old name (reissue them
        from Awards to correct them).
      </p>
      <div className="form-actions name-conflicts-all">
        <button type="button" className="button button-small" onClick={() => all('book')}>
          Keep every name from the recipient book
        </button>
        <button type="button" className="button button-small" onClick={() => all('file')}>
          Keep every name from the file
        </button>
      </div>
      <div className="table-scroll">
        <table className="table name-conflicts-table">
          <caption className="visually-hidden">Names that differ from the recipient book</caption>
          <thead>
            <tr>
              <th scope="col" className="numeric">
                Row
              </th>
              <th scope="col">E-mail</th>
              <th scope="col">Name to keep</th>
            </tr>
          </thead>
          <tbody>
            {conflicts.slice(0, SHOWN).map((c) => (
              <tr key={c.row}>
                <td className="numeric">{c.row}</td>
                <td>{c.email}</td>
                <td>
                  <RadioGroup
                    className="name-conflict-choice"
                    aria-label={`Name for ${c.email} (row ${c.row})`}
                    orientation="horizontal"
                    value={choices.get(c.row) ?? null}
                    onChange={(value) => {
                      const keep = value === 'book' || value === 'file' ? value : null
                      if (keep) onChange(new Map(choices).set(c.row, keep))
                    }}
                  >
                    <Radio value="book" className="radio">
                      <span>
                        <strong>{c.bookName}</strong>{' '}
                        <span className="muted">(recipient book)</span>
                      </span>
                    </Radio>
                    <Radio value="file" className="radio">
                      <span>
                        <strong>{c.fileName}</strong> <span className="muted">(this file)</span>
                      </span>
                    </Radio>
                  </RadioGroup>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      {conflicts.length > SHOWN ? (
        <p className="muted">
          Showing the first {SHOWN} of {formatCount(conflicts.length)}; the buttons above choose for
          all of them.
        </p>
      ) : null}
      <p id="name-conflicts-open" className={open > 0 ? 'field-error' : 'muted'} role="status">
        {open > 0
          ? `Choose a name for ${plural(open, 'row', 'rows')} before awarding.`
          : 'A name is chosen for every row.'}
      </p>
    </section>
  )
}
