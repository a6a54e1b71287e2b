import { useState, type ReactElement } from 'react'
import { Button, Form, Switch } from 'react-aria-components'
import type { PublishTargetView, TargetKind } from '../../../../shared/methods/publish.js'
import { isJobOfKind } from '../../../../shared/methods/jobs.js'
import type { KilnError } from '../../../../shared/result.js'
import type { KilnApi } from '../../../../shared/api.js'
import { useKiln } from '../../api/kiln-context.js'
import { BusyStatus } from '../../components/busy-status.js'
import { ErrorAlert } from '../../components/error-alert.js'
import { FolderCheckNote } from '../../components/host-files.js'
import { SelectField } from '../../components/select-field.js'
import { FormTextField } from '../../components/text-field.js'
import { useKilnQuery } from '../../hooks/use-kiln-query.js'
import { formatDateTime } from './when.js'
import './publish-section.css'

const KIND_LABELS: Readonly<Record<TargetKind, string>> = {
  folder: 'A folder (a mounted share, a synced folder, a USB stick)',
  sftp: 'SFTP server',
  s3: 'S3-compatible storage (AWS S3, R2, B2, MinIO)',
  ftp: 'FTP or FTPS (shared hosting)'
}

const KINDS: readonly TargetKind[] = ['folder', 'sftp', 's3', 'ftp']

type Draft = Record<string, string>

/** Publish targets, publishing now, and automatic publishing after awards. */
const loadTargets = (kiln: KilnApi): ReturnType<KilnApi['publishTargets']> =>
  kiln.publishTargets({})
const loadStatus = (kiln: KilnApi): ReturnType<KilnApi['publishStatus']> => kiln.publishStatus({})
const STATUS_DOMAINS = ['bundles', 'awards', 'station'] as const

export function PublishSection(): ReactElement {
  const kiln = useKiln()
  const targets = useKilnQuery(loadTargets, 'station')
  const status = useKilnQuery(loadStatus, STATUS_DOMAINS)
  const [error, setError] = useState<KilnError | null>(null)
  const [message, setMessage] = useState('')
  const [busy, setBusy] = useState<string | null>(null)
  const list = targets.phase === 'ready' ? targets.value.targets : []
  const settings = status.phase === 'ready' ? status.value.settings : null

  async function act(label: string, run: () => Promise<string | KilnError>): Promise<void> {
    setBusy(label)
    setError(null)
    setMessage('')
    const outcome = await run()
    setBusy(null)
    if (typeof outcome === 'string') setMessage(outcome)
    else setError(outcome)
  }

  const test = (t: PublishTargetView): Promise<void> =>
    act(`Testing ${t.name}…`, async () => {
      const r = await kiln.publishTestTarget({ name: t.name })
      if (!r.ok) return r.error
      const pin = r.value.pinned
        ? ` ${r.value.pinned.new ? 'Pinned' : 'Checked'} ${r.value.pinned.fingerprint}.`
        : ''
      return `${r.value.message}${pin}`
    })
  const publishNow = (t: PublishTargetView): Promise<void> =>
    act(`Publishing to ${t.name}…`, async () => {
      const started = await kiln.publishStart({ target: t.name })
      if (!started.ok) return started.error
      for (;;) {
        await new Promise((resolve) => setTimeout(resolve, 400))
        const job = await kiln.jobsGet({ jobId: started.value.jobId })
        if (!job.ok) return job.error
        if (!isJobOfKind(job.value, 'publish:site')) {
          return { code: 'INTERNAL', message: 'That job is not a publish.' }
        }
        if (job.value.state === 'running') {
          setBusy(
            `Publishing to ${t.name}: ${job.value.phase ?? 'preparing'} ${job.value.done}/${job.value.total}`
          )
          continue
        }
        const r = job.value.result
        if (job.value.state === 'done' && r) {
          return `Published to ${r.target}: ${r.uploaded} uploaded, ${r.deleted} deleted, ${r.unchanged} unchanged; verified.`
        }
        return job.value.error ?? { code: 'INTERNAL', message: 'Publishing did not finish.' }
      }
    })
  const remove = (t: PublishTargetView): Promise<void> =>
    act(`Removing ${t.name}…`, async () => {
      const r = await kiln.publishRemoveTarget({ name: t.name })
      return r.ok ? `Removed ${r.value.removed}; nothing on the target was deleted.` : r.error
    })
  const setAuto = (auto: boolean): Promise<void> =>
    act('Saving…', async () => {
      const r = await kiln.publishSettings({ auto })
      return r.ok
        ? auto
          ? 'Publishing automatically after awards.'
          : 'Automatic publishing is off.'
        : r.error
    })

  return (
    <section aria-labelledby="settings-publish">
      <h2 id="settings-publish">Publish</h2>
      <p className="settings-hint">
        Where the badge site lives. Kiln uploads only what changed, never leaves a broken link,
        checks the result, and continues an interrupted upload. Passwords and keys are sealed with
        the station key and never shown again.
      </p>
      {targets.phase === 'failed' ? <ErrorAlert error={targets.error} /> : null}
      {list.length > 0 ? (
        <ul className="publish-targets" aria-label="Publish targets">
          {list.map((t) => (
            <li key={t.name} className="publish-target">
              <div>
                <strong>{t.name}</strong> <span className="publish-kind">{t.kind}</span>
                <div className="publish-location">{t.location}</div>
                {t.pinned ? (
                  <div className="settings-hint">
                    Server identity pinned: <code>{t.pinned.fingerprint}</code>
                  </div>
                ) : null}
                <div className="settings-hint">
                  {t.lastPublished
                    ? `Last published ${formatDateTime(t.lastPublished.at)} (bundle ${t.lastPublished.seq})`
                    : 'Not published yet'}
                </div>
              </div>
              <div className="form-actions">
                <Button
                  className="button"
                  onPress={() => void publishNow(t)}
                  isDisabled={busy !== null}
                >
                  Publish to {t.name}
                </Button>
                <Button
                  className="button secondary"
                  onPress={() => void test(t)}
                  isDisabled={busy !== null}
                >
                  Test {t.name}
                </Button>
                <Button
                  className="button secondary"
                  onPress={() => void remove(t)}
                  isDisabled={busy !== null}
                >
                  Remove {t.name}
                </Button>
              </div>
            </li>
          ))}
        </ul>
      ) : (
        <p className="empty-state">
          No publish target yet: add one below (a folder, an SFTP or FTP server, or S3 storage), and
          Kiln uploads the badge site there.
        </p>
      )}
      {settings ? (
        <Switch
          className="switch"
          isSelected={settings.auto}
          isDisabled={list.length === 0 || busy !== null}
          onChange={(v) => void setAuto(v)}
        >
          <span className="switch-track" aria-hidden="true">
            <span className="switch-thumb" />
          </span>
          Publish automatically after awards (when online; retries with growing pauses)
        </Switch>
      ) : null}
      <ErrorAlert error={error} />
      <BusyStatus busy={busy !== null}>{busy ?? ''}</BusyStatus>
      <p role="status" className="settings-hint">
        {message}
      </p>
      <AddTargetForm onSaved={(m) => setMessage(m)} />
    </section>
  )
}

function AddTargetForm({
  onSaved
}: Readonly<{ onSaved: (message: string) => void }>): ReactElement {
  const kiln = useKiln()
  const [kind, setKind] = useState<TargetKind>('folder')
  const [draft, setDraft] = useState<Draft>({})
  const [error, setError] = useState<KilnError | null>(null)
  const [pending, setPending] = useState(false)
  const field = (
    name: string,
    label: string,
    extra: Partial<{
      type: 'password'
      required: boolean
      description: string
      after: ReactElement
    }> = {}
  ): ReactElement => (
    <FormTextField
      after={extra.after}
      name={name}
      label={label}
      type={extra.type ?? 'text'}
      isRequired={extra.required ?? true}
      {...(extra.description ? { description: extra.description } : {})}
      value={draft[name] ?? ''}
      onChange={(v) => setDraft((d) => ({ ...d, [name]: v }))}
    />
  )
  const opt = (name: string): string | undefined => {
    const v = draft[name]?.trim()
    return v ? v : undefined
  }
  async function save(): Promise<void> {
    setPending(true)
    setError(null)
    const name = draft.name ?? ''
    const port = opt('port') !== undefined ? Number(opt('port')) : undefined
    const secret = opt('secret')
    const input =
      kind === 'folder'
        ? { kind, name, path: draft.path ?? '' }
        : kind === 'sftp'
          ? {
              kind,
              name,
              host: draft.host ?? '',
              user: draft.user ?? '',
              path: draft.path ?? '',
              ...(port !== undefined ? { port } : {}),
              ...(secret !== undefined ? { secret } : {}),
              ...(opt('privateKey') !== undefined ? { privateKey: draft.privateKey ?? '' } : {})
            }
          : kind === 'ftp'
            ? {
                kind,
                name,
                host: draft.host ?? '',
                user: draft.user ?? '',
                path: draft.path ?? '',
                secure: draft.secure === 'yes',
                ...(port !== undefined ? { port } : {}),
                ...(secret !== undefined ? { secret } : {})
              }
            : {
                kind,
                name,
                endpoint: draft.endpoint ?? '',
                bucket: draft.bucket ?? '',
                accessKeyId: draft.accessKeyId ?? '',
                pathStyle: draft.pathStyle === 'yes',
                ...(opt('region') !== undefined ? { region: opt('region') } : {}),
                ...(opt('prefix') !== undefined ? { prefix: opt('prefix') } : {}),
                ...(secret !== undefined ? { secret } : {})
              }
    const r = await kiln.publishSaveTarget(input)
    setPending(false)
    if (!r.ok) {
      setError(r.error)
      return
    }
    setDraft({})
    onSaved(`Saved target ${r.value.name} (${r.value.location}).`)
  }
  return (
    <Form
      className="publish-add"
      aria-labelledby="publish-add-heading"
      onSubmit={(e) => {
        e.preventDefault()
        void save()
      }}
    >
      <h3 id="publish-add-heading">Add a target</h3>
      <SelectField
        label="Kind"
        value={kind}
        onChange={setKind}
        options={KINDS.map((k) => ({ value: k, label: KIND_LABELS[k] }))}
      />
      {field('name', 'Target name', {
        description: 'Letters, digits, dots and dashes, e.g. website'
      })}
      {kind === 's3' ? (
        <>
          {field('endpoint', 'Endpoint URL')}
          {field('bucket', 'Bucket')}
          {field('region', 'Region', { required: false })}
          {field('prefix', 'Prefix (a folder in the bucket)', { required: false })}
          {field('accessKeyId', 'Access key id')}
          {field('secret', 'Secret access key', { type: 'password', required: false })}
          <label className="field publish-check">
            <input
              type="checkbox"
              checked={draft.pathStyle === 'yes'}
              onChange={(e) =>
                setDraft((d) => ({ ...d, pathStyle: e.target.checked ? 'yes' : '' }))
              }
            />{' '}
            Path-style URLs (MinIO and most self-hosted services)
          </label>
        </>
      ) : kind === 'folder' ? (
        field('path', 'Folder', {
          after: <FolderCheckNote id="publish-folder-check" path={draft.path ?? ''} />
        })
      ) : (
        <>
          {field('host', 'Server')}
          {field('port', 'Port', { required: false })}
          {field('user', 'User name')}
          {field('path', 'Folder on the server')}
          {field(
            'secret',
            kind === 'sftp' ? 'Password (or the private key’s passphrase)' : 'Password',
            {
              type: 'password',
              required: false
            }
          )}
          {kind === 'sftp' ? (
            <label className="field">
              <span className="field-label">
                Private key{' '}
                <span className="field-optional">(optional; paste the key file’s text)</span>
              </span>
              <textarea
                className="field-input"
                rows={3}
                value={draft.privateKey ?? ''}
                onChange={(e) => setDraft((d) => ({ ...d, privateKey: e.target.value }))}
              />
            </label>
          ) : (
            <label className="field publish-check">
              <input
                type="checkbox"
                checked={draft.secure === 'yes'}
                onChange={(e) => setDraft((d) => ({ ...d, secure: e.target.checked ? 'yes' : '' }))}
              />{' '}
              FTPS (encrypted; use it where the host offers it)
            </label>
          )}
        </>
      )}
      <ErrorAlert error={error} />
      <div className="form-actions">
        <Button className="button" type="submit" isDisabled={pending}>
          Save target
        </Button>
        <BusyStatus busy={pending}>Saving…</BusyStatus>
      </div>
    </Form>
  )
}
