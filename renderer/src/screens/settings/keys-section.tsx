import { useCallback, useState, type ReactElement } from 'react'
import { Form } from 'react-aria-components'
import type { StationStatus } from '../../../../shared/types.js'
import type { KilnApi } from '../../../../shared/api.js'
import { exportFileName, fileDate } from '../../../../shared/file-names.js'
import { ErrorAlert } from '../../components/error-alert.js'
import { formatDateTime } from './when.js'
import { ModalDialog } from '../../components/modal-dialog.js'
import { FormTextField } from '../../components/text-field.js'
import { useKiln } from '../../api/kiln-context.js'
import { useKilnQuery } from '../../hooks/use-kiln-query.js'
import { useMutation } from '../../hooks/use-mutation.js'

type KeysSectionProps = Readonly<{
  status: StationStatus
  onStatus: (status: StationStatus) => void
}>

type Dialog = 'rotate' | 'backup' | null

function downloadText(fileName: string, text: string): void {
  const link = document.createElement('a')
  link.href = `data:application/json;charset=utf-8,${encodeURIComponent(text)}`
  link.download = fileName
  link.rel = 'noopener'
  document.body.append(link)
  link.click()
  link.remove()
}

/** The station's keys (current and rotated ones), rotation and the key backup. */
export function KeysSection({ status, onStatus }: KeysSectionProps): ReactElement {
  const kiln = useKiln()
  const load = useCallback((client: KilnApi) => client.keysList({}), [])
  const keys = useKilnQuery(load, 'station')
  const [dialog, setDialog] = useState<Dialog>(null)
  const [passphrase, setPassphrase] = useState('')
  const action = useMutation()
  const { busy, error, setError } = action
  const [notice, setNotice] = useState('')
  const isDidKey = status.issuer?.id.startsWith('did:key:') ?? false

  function open(which: Dialog): void {
    setPassphrase('')
    setError(null)
    setDialog(which)
  }

  async function confirm(): Promise<void> {
    if (busy || !passphrase) return
    if (dialog === 'rotate') {
      const result = await action.run((kiln) => kiln.keysRotate({ passphrase }))
      if (result?.ok) {
        const fresh = await kiln.stationStatus({})
        if (fresh.ok) onStatus(fresh.value)
        setNotice(`New key ${result.value.key.fingerprint} signs from now on.`)
        setDialog(null)
      }
    } else if (dialog === 'backup') {
      const result = await action.run((kiln) => kiln.stationExportKey({ passphrase }))
      if (result?.ok) {
        const fileName = exportFileName(
          ['Kiln station key (encrypted)', status.issuer?.name ?? '', fileDate()],
          'json',
          'kiln key'
        )
        downloadText(fileName, result.value.keyJson)
        setNotice(`Key backup “${fileName}” downloaded (${result.value.fingerprint}).`)
        setDialog(null)
      }
    }
    setPassphrase('')
  }

  return (
    <section aria-labelledby="settings-keys">
      <h2 id="settings-keys">Signing keys</h2>
      {keys.phase === 'failed' ? <ErrorAlert error={keys.error} /> : null}
      {keys.phase === 'loading' ? <p role="status">Loading the keys…</p> : null}
      {keys.phase === 'ready' ? (
        <table className="table settings-keys">
          <caption className="visually-hidden">Keys of this issuer</caption>
          <thead>
            <tr>
              <th scope="col">Fingerprint</th>
              <th scope="col">Created</th>
              <th scope="col" className="numeric">
                Credentials signed
              </th>
              <th scope="col">State</th>
            </tr>
          </thead>
          <tbody>
            {keys.value.keys.map((k) => (
              <tr key={k.publicKeyMultibase}>
                <th scope="row">
                  <code>{k.fingerprint}</code>
                </th>
                <td>{formatDateTime(k.createdAt)}</td>
                <td className="numeric">{k.credentials}</td>
                <td>
                  {k.current
                    ? 'Current: signs new awards'
                    : k.stationId === status.stationId
                      ? 'Previous: still verifies what it signed'
                      : `Another station (${k.stationId})`}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      ) : null}
      <p className="settings-hint">
        Rotating makes a new key for new awards. Old keys stay in the issuer’s DID document, so
        everything they signed keeps verifying after the next sync.
        {isDidKey ? ' This station’s issuer is a did:key, which is its key: it cannot rotate.' : ''}
      </p>
      <div className="form-actions">
        <button type="button" className="button" disabled={isDidKey} onClick={() => open('rotate')}>
          Rotate key…
        </button>
        <button type="button" className="button" onClick={() => open('backup')}>
          Back up the key…
        </button>
        <span role="status" className="busy-status">
          {notice}
        </span>
      </div>
      <ModalDialog
        title={dialog === 'rotate' ? 'Rotate the signing key?' : 'Back up the signing key'}
        role={dialog === 'rotate' ? 'alertdialog' : 'dialog'}
        isOpen={dialog !== null}
        onOpenChange={(isOpen) => {
          if (!isOpen) setDialog(null)
        }}
      >
        {dialog === 'rotate' ? (
          <p>
            New awards will be signed with a new key. Credentials already issued stay valid: the old
            key is kept and published with the new one. Export a sync bundle afterwards so the badge
            site lists the new key.
          </p>
        ) : (
          <p>
            This downloads <code>key.json</code>: the station’s private key, encrypted with the
            station passphrase. Keep it somewhere safe and apart from the passphrase. With both, the
            key can be restored; without the passphrase the file is useless to anyone.
          </p>
        )}
        <Form
          className="form"
          onSubmit={(event) => {
            event.preventDefault()
            void confirm()
          }}
        >
          <FormTextField
            name="passphrase"
            label="Station passphrase"
            type="password"
            autoComplete="current-password"
            isRequired
            autoFocus
            value={passphrase}
            onChange={setPassphrase}
          />
          <ErrorAlert error={error} />
          <div className="modal-actions">
            <button type="button" className="button" onClick={() => setDialog(null)}>
              Cancel
            </button>
            <button type="submit" className="button button-primary" disabled={busy || !passphrase}>
              {dialog === 'rotate' ? 'Rotate key' : 'Download key backup'}
            </button>
          </div>
        </Form>
      </ModalDialog>
    </section>
  )
}
