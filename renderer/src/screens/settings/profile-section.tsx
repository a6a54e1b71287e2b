import { useState, type ReactElement } from 'react'
import { Form } from 'react-aria-components'
import type { MethodInput } from '../../../../shared/contract.js'
import type { KilnError } from '../../../../shared/result.js'
import type { StationStatus } from '../../../../shared/types.js'
import { BusyStatus } from '../../components/busy-status.js'
import { ErrorAlert } from '../../components/error-alert.js'
import { ModalDialog } from '../../components/modal-dialog.js'
import { FormTextField } from '../../components/text-field.js'
import { useMutation } from '../../hooks/use-mutation.js'

type ProfileSectionProps = Readonly<{
  status: StationStatus
  onStatus: (status: StationStatus) => void
}>

type Breaking = Readonly<{ awards: number; issuerIdChanges: boolean; from: string; to: string }>

function breakingOf(error: KilnError): Breaking | null {
  const d = error.details
  if (error.code !== 'CONFLICT' || !d || d.breaking !== true) return null
  return {
    awards: typeof d.awards === 'number' ? d.awards : 0,
    issuerIdChanges: d.issuerIdChanges === true,
    from: typeof d.from === 'string' ? d.from : '',
    to: typeof d.to === 'string' ? d.to : ''
  }
}

/** Edits the issuer profile; a change that would break issued credentials asks first. */
export function ProfileSection({ status, onStatus }: ProfileSectionProps): ReactElement {
  const [name, setName] = useState(status.issuer?.name ?? '')
  const [url, setUrl] = useState(status.issuer?.url ?? '')
  const [email, setEmail] = useState(status.issuer?.email ?? '')
  const [siteUrl, setSiteUrl] = useState(status.siteUrl ?? '')
  const saving = useMutation()
  const { busy, error, setError } = saving
  const [saved, setSaved] = useState('')
  const [breaking, setBreaking] = useState<Breaking | null>(null)
  const [open, setOpen] = useState(false)

  async function save(confirmBreaking = false): Promise<void> {
    if (busy) return
    setSaved('')
    const input: MethodInput<'station:updateProfile'> = {
      issuerName: name,
      issuerUrl: url,
      issuerEmail: email.trim(),
      ...(siteUrl.trim() !== status.siteUrl ? { siteUrl } : {}),
      ...(confirmBreaking ? { confirmBreaking: true } : {})
    }
    const result = await saving.run((kiln) => kiln.stationUpdateProfile(input), {
      expected: (e) => !confirmBreaking && breakingOf(e) !== null
    })
    if (!result) return
    if (result.ok) {
      close()
      setSaved('Profile saved.')
      onStatus(result.value)
      return
    }
    const risk = breakingOf(result.error)
    if (risk && !confirmBreaking) setBreaking(risk)
  }

  function close(): void {
    setOpen(false)
    setBreaking(null)
    setError(null)
  }

  function start(): void {
    setName(status.issuer?.name ?? '')
    setUrl(status.issuer?.url ?? '')
    setEmail(status.issuer?.email ?? '')
    setSiteUrl(status.siteUrl ?? '')
    setSaved('')
    setOpen(true)
  }

  return (
    <>
      <div className="form-actions">
        <button type="button" className="button" onClick={start}>
          Edit profile…
        </button>
        <span role="status" className="busy-status">
          {saved}
        </span>
      </div>
      <ModalDialog
        title={
          breaking ? 'Changing the site URL breaks issued credentials' : 'Edit the issuer profile'
        }
        role={breaking ? 'alertdialog' : 'dialog'}
        isOpen={open}
        onOpenChange={(isOpen) => {
          if (!isOpen) close()
        }}
      >
        {breaking ? (
          <>
            <p>
              {breaking.awards} credential{breaking.awards === 1 ? ' was' : 's were'} issued under{' '}
              <code>{breaking.from}</code>. If the site moves to <code>{breaking.to}</code>:
            </p>
            <ul className="settings-consequences">
              <li>their links (the credential pages and QR codes) point at the old site;</li>
              <li>verifiers look for their revocation status at the old site;</li>
              {breaking.issuerIdChanges ? (
                <li>
                  the issuer id (did:web) changes, so verifiers no longer find the key that signed
                  them unless the old site keeps publishing it.
                </li>
              ) : null}
            </ul>
            <p>Keep the old site online, or re-issue the credentials after the move.</p>
            <ErrorAlert error={error} />
            <div className="modal-actions">
              <button type="button" className="button" autoFocus onClick={() => setBreaking(null)}>
                Keep the current URL
              </button>
              <button
                type="button"
                className="button button-danger"
                onClick={() => void save(true)}
              >
                Change it anyway
              </button>
            </div>
          </>
        ) : (
          <>
            <p className="settings-hint">
              Name, website and e-mail can change at any time: issued credentials keep the profile
              they were signed with. The badge site URL holds every credential’s page and the
              revocation list; once badges are awarded, changing it breaks them.
            </p>
            <Form
              className="form"
              onSubmit={(event) => {
                event.preventDefault()
                void save()
              }}
            >
              <FormTextField
                name="issuerName"
                label="Issuer name"
                isRequired
                autoFocus
                value={name}
                onChange={setName}
              />
              <FormTextField
                name="issuerUrl"
                label="Issuer website"
                type="url"
                isRequired
                value={url}
                onChange={setUrl}
              />
              <FormTextField
                name="issuerEmail"
                label="Contact e-mail"
                type="email"
                value={email}
                onChange={setEmail}
              />
              <FormTextField
                name="siteUrl"
                label="Badge site URL"
                type="url"
                isRequired
                description="Where sync bundles are uploaded; credential links and the issuer DID live here."
                value={siteUrl}
                onChange={setSiteUrl}
              />
              <ErrorAlert error={error} />
              <div className="modal-actions">
                <BusyStatus busy={busy}>Saving…</BusyStatus>
                <button type="button" className="button" onClick={close}>
                  Cancel
                </button>
                <button type="submit" className="button button-primary" disabled={busy}>
                  Save profile
                </button>
              </div>
            </Form>
          </>
        )}
      </ModalDialog>
    </>
  )
}
