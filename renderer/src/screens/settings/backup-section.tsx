import { useCallback, useRef, useState, type ReactElement } from 'react'
import { Form } from 'react-aria-components'
import type { BackupListEntry, BackupSettings } from '../../../../shared/methods/station.js'
import { err } from '../../../../shared/result.js'
import type { KilnApi } from '../../../../shared/api.js'
import { useKiln } from '../../api/kiln-context.js'
import { BusyStatus } from '../../components/busy-status.js'
import { ErrorAlert } from '../../components/error-alert.js'
import { FolderCheckNote } from '../../components/host-files.js'
import { SelectField } from '../../components/select-field.js'
import { FormTextField } from '../../components/text-field.js'
import { useKilnQuery } from '../../hooks/use-kiln-query.js'
import { useMutation } from '../../hooks/use-mutation.js'
import { formatBytes, formatDateTime } from './when.js'

const INTERVALS: ReadonlyArray<readonly [value: string, label: string]> = [
  ['', 'Only when I click “Back up now”'],
  ['1', 'Every hour'],
  ['4', 'Every 4 hours'],
  ['8', 'Every 8 hours'],
  ['24', 'Every day'],
  ['168', 'Every week']
]

/** Backups to a folder the user picks: settings, "Back up now" and the folder's backups. */
export function BackupSection(): ReactElement {
  const [tick, setTick] = useState(0)
  const loadSettings = useCallback(
    (kiln: KilnApi) => {
      void tick
      return kiln.backupSettings({})
    },
    [tick]
  )
  const loadList = useCallback(
    (kiln: KilnApi) => {
      void tick
      return kiln.backupList({})
    },
    [tick]
  )
  const loadInfo = useCallback((kiln: KilnApi) => kiln.appInfo({}), [])
  const settings = useKilnQuery(loadSettings, 'station')
  const list = useKilnQuery(loadList, 'station')
  const info = useKilnQuery(loadInfo, 'station')
  const view = settings.phase === 'ready' ? settings.value : null
  const canPick = info.phase === 'ready' && info.value.host === 'electron'

  return (
    <section aria-labelledby="settings-backup">
      <h2 id="settings-backup">Backups</h2>
      <p className="settings-hint">
        A backup holds the whole station (badges, the journal with recipients’ e-mail addresses, the
        encrypted key), encrypted with the station passphrase. Restore one with{' '}
        <code>kiln restore FILE</code>; it is checked before anything is written.
      </p>
      {settings.phase === 'failed' ? <ErrorAlert error={settings.error} /> : null}
      {view ? (
        <BackupForm
          initial={view?.settings ?? {}}
          canPick={canPick}
          onChanged={() => setTick((t) => t + 1)}
        />
      ) : null}
      {view ? (
        <p className="settings-hint">
          {view.lastBackupAt
            ? `Last backup ${formatDateTime(view.lastBackupAt)}. `
            : 'No backup yet. '}
          {view.nextDueAt ? `Next one due ${formatDateTime(view.nextDueAt)}. ` : ''}
          {view.lastError ?? ''}
        </p>
      ) : null}
      <BackupFiles list={list} />
    </section>
  )
}

type BackupFormProps = Readonly<{
  initial: BackupSettings
  canPick: boolean
  onChanged: () => void
}>

function BackupForm({ initial, canPick, onChanged }: BackupFormProps): ReactElement {
  const [saved, setSaved] = useState(initial.folder ?? '')
  const [folder, setFolder] = useState(initial.folder ?? '')
  const [interval, setIntervalHours] = useState(
    initial.intervalHours ? String(initial.intervalHours) : ''
  )
  const [keep, setKeep] = useState(initial.keep ? String(initial.keep) : '10')
  const kiln = useKiln()
  const action = useMutation()
  const [writing, setWriting] = useState(false)
  const busy = action.busy || writing
  const [notice, setNotice] = useState('')
  const folderRef = useRef<HTMLInputElement>(null)

  async function save(): Promise<boolean> {
    setNotice('')
    const keepN = Number(keep)
    const result = await action.run((client) =>
      client.backupSettings({
        folder: folder.trim() ? folder.trim() : null,
        intervalHours: interval ? Number(interval) : null,
        keep: Number.isInteger(keepN) && keepN >= 1 ? keepN : null
      })
    )
    if (!result?.ok) return false
    setNotice('Backup settings saved.')
    setSaved(result.value.settings.folder ?? '')
    onChanged()
    return true
  }

  async function backUpNow(): Promise<void> {
    if (busy) return
    if (!folder.trim()) {
      action.setError(
        err(
          'INVALID_INPUT',
          'Type the full path of the backup folder above first, then press “Back up now”.',
          { field: 'folder' }
        ).error
      )
      folderRef.current?.focus()
      return
    }
    if (folder.trim() !== saved && !(await save())) return
    setNotice('')
    setWriting(true)
    const result = await action.run((client) => client.backupCreate({}))
    setWriting(false)
    if (result?.ok) {
      setNotice(`Backup written: ${result.value.file} (${formatBytes(result.value.bytes)}).`)
      onChanged()
    }
  }

  async function pick(): Promise<void> {
    const result = await kiln.hostPickFolder({ title: 'Choose the backup folder' })
    if (result.ok && result.value.path) setFolder(result.value.path)
  }

  return (
    <Form
      className="form settings-form"
      onSubmit={(event) => {
        event.preventDefault()
        void save()
      }}
    >
      <div className="settings-folder">
        <FormTextField
          name="folder"
          label="Backup folder"
          markOptional={false}
          description="Where “Back up now” and automatic backups write: a full path outside the station’s data folder, ideally another disk or a USB stick."
          value={folder}
          onChange={setFolder}
          inputRef={folderRef}
          after={<FolderCheckNote id="backup-folder-check" path={folder} />}
        />
        {canPick ? (
          <button type="button" className="button" onClick={() => void pick()}>
            Choose…
          </button>
        ) : null}
      </div>
      <SelectField
        label="Automatic backups"
        value={interval}
        onChange={setIntervalHours}
        options={INTERVALS.map(([value, label]) => ({ value, label }))}
        description="While Kiln is open with the station unlocked."
      />
      <div className="field">
        <label className="field-label" htmlFor="backup-keep">
          Backups to keep
        </label>
        <input
          id="backup-keep"
          className="field-input settings-number"
          type="number"
          min={1}
          max={1000}
          value={keep}
          onChange={(event) => setKeep(event.target.value)}
        />
        <span className="field-description">
          Older backups of this station in the folder are removed.
        </span>
      </div>
      <ErrorAlert error={action.error} />
      <div className="form-actions">
        <button type="submit" className="button" disabled={busy}>
          Save backup settings
        </button>
        <button
          type="button"
          className="button button-primary"
          disabled={busy}
          onClick={() => void backUpNow()}
        >
          Back up now
        </button>
        <BusyStatus busy={writing}>Writing the backup…</BusyStatus>
        <span role="status" className="busy-status">
          {notice}
        </span>
      </div>
    </Form>
  )
}

type ListState = ReturnType<
  typeof useKilnQuery<{ folder?: string; files: readonly BackupListEntry[] }>
>

function BackupFiles({ list }: Readonly<{ list: ListState }>): ReactElement {
  return (
    <>
      <h3 id="settings-backup-files">Backups in the folder</h3>
      {list.phase === 'failed' ? <ErrorAlert error={list.error} /> : null}
      {list.phase === 'ready' && list.value.files.length === 0 ? (
        <p className="empty-state">
          {list.value.folder
            ? 'No backups of this station in the folder yet: press “Back up now” above.'
            : 'No backup folder chosen yet: type one above (ideally another disk or a USB stick) and press “Back up now”.'}
        </p>
      ) : null}
      {list.phase === 'ready' && list.value.files.length > 0 ? (
        <table className="table" aria-labelledby="settings-backup-files">
          <thead>
            <tr>
              <th scope="col">File</th>
              <th scope="col">Written</th>
              <th scope="col" className="numeric">
                Size
              </th>
            </tr>
          </thead>
          <tbody>
            {list.value.files.map((f) => (
              <tr key={f.name}>
                <th scope="row">
                  <code>{f.name}</code>
                </th>
                <td>{formatDateTime(f.createdAt)}</td>
                <td className="numeric">{formatBytes(f.bytes)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      ) : null}
    </>
  )
}
