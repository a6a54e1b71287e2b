/**
 * Badges a person earned from other issuers: import one (an OB 3.0 credential file, a baked PNG
 * or SVG, or the address of an OB 2.0 hosted badge), see what Kiln checked in plain words, the
 * list with each issuer and status, and remove one. Nothing that fails a check is ever kept.
 */
import { Check, CircleAlert, Trash2, Upload } from 'lucide-react'
import { useCallback, useId, useState, type ReactElement } from 'react'
import { Button, Form } from 'react-aria-components'
import type { ImportedBadge } from '../../../../shared/methods/delivery.js'
import type { KilnError, Result } from '../../../../shared/result.js'
import type { VerificationCheck } from '../../../../shared/types.js'
import type { KilnApi } from '../../../../shared/api.js'
import { BusyStatus } from '../../components/busy-status.js'
import { fileToBase64 } from '../../components/downloads.js'
import { ErrorAlert } from '../../components/error-alert.js'
import { formatDate } from '../../components/format.js'
import { FormTextField } from '../../components/text-field.js'
import { useKilnQuery } from '../../hooks/use-kiln-query.js'
import { useMutation } from '../../hooks/use-mutation.js'

/** The core takes files up to 10 MB; a larger one is refused here, with its name. */
const MAX_BYTES = 10 * 1024 * 1024

const CHECK_STATUS = ['passed', 'failed', 'skipped', 'warning'] as const
const CHECK_IDS = ['parse', 'schema', 'proof', 'issuer', 'dates', 'status', 'recipient'] as const

/** The checks a refusal carries in its details (values from the core, checked, not cast). */
function checksOf(error: KilnError | null): VerificationCheck[] {
  const raw = error?.details?.checks
  if (!Array.isArray(raw)) return []
  const out: VerificationCheck[] = []
  for (const item of raw) {
    if (typeof item !== 'object' || item === null) continue
    const id = 'id' in item ? item.id : undefined
    const status = 'status' in item ? item.status : undefined
    const message = 'message' in item ? item.message : undefined
    const knownId = CHECK_IDS.find((c) => c === id)
    const knownStatus = CHECK_STATUS.find((s) => s === status)
    if (knownId && knownStatus && typeof message === 'string') {
      out.push({ id: knownId, status: knownStatus, message })
    }
  }
  return out
}

function CheckList({ checks }: Readonly<{ checks: readonly VerificationCheck[] }>): ReactElement {
  return (
    <ul className="import-checks" aria-label="What Kiln checked">
      {checks.map((c, i) => (
        <li key={`${c.id}-${i}`} className={`import-check import-check-${c.status}`}>
          {c.status === 'passed' ? (
            <Check aria-hidden="true" size={14} />
          ) : (
            <CircleAlert aria-hidden="true" size={14} />
          )}
          <span className="visually-hidden">
            {c.status === 'passed' ? 'Passed: ' : c.status === 'failed' ? 'Failed: ' : 'Note: '}
          </span>
          {c.message}
        </li>
      ))}
    </ul>
  )
}

function statusOf(badge: ImportedBadge, now: number): string {
  const how =
    badge.kind === 'ob3'
      ? 'signature, issuer’s key and revocation status checked'
      : 'checked against the copy its issuer hosts'
  const verified = `Verified ${formatDate(badge.verifiedAt)} (${how})`
  if (badge.expires && Date.parse(badge.expires) < now) {
    return `Expired ${formatDate(badge.expires)}. ${verified}`
  }
  return badge.expires ? `${verified}; valid until ${formatDate(badge.expires)}` : verified
}

function ImportedRow({
  badge,
  now
}: Readonly<{ badge: ImportedBadge; now: number }>): ReactElement {
  const removing = useMutation()
  const [asking, setAsking] = useState(false)
  const name = badge.achievement.name
  return (
    <li className="imported-badge">
      <div>
        <strong>{name}</strong> <span className="muted">from</span> {badge.issuer.name}
        <div className="imported-badge-status">{statusOf(badge, now)}</div>
        <div className="muted">
          Issued to {badge.email}
          {badge.issuedOn ? ` on ${formatDate(badge.issuedOn)}` : ''}
          {badge.achievement.credits !== undefined
            ? ` · ${badge.achievement.credits} credit${badge.achievement.credits === 1 ? '' : 's'}`
            : ''}
        </div>
      </div>
      <div className="imported-badge-actions">
        {asking ? (
          <>
            <span>Remove it from this person’s record? It no longer counts for rules.</span>
            <Button
              className="button button-small button-danger"
              isDisabled={removing.busy}
              onPress={() =>
                void removing.run((kiln) => kiln.recipientsRemoveImportedBadge({ id: badge.id }))
              }
            >
              Remove
            </Button>
            <Button className="button button-small" onPress={() => setAsking(false)}>
              Keep
            </Button>
          </>
        ) : (
          <Button
            className="button button-small"
            aria-label={`Remove ${name} from ${badge.issuer.name}`}
            onPress={() => setAsking(true)}
          >
            <Trash2 aria-hidden="true" size={14} /> Remove
          </Button>
        )}
        <ErrorAlert error={removing.error} />
      </div>
    </li>
  )
}

type ImportedBadgesProps = Readonly<{ recipientId: string; name: string }>

export function ImportedBadges({ recipientId, name }: ImportedBadgesProps): ReactElement {
  const load = useCallback(
    (kiln: KilnApi) => kiln.recipientsImportedBadges({ recipientId }),
    [recipientId]
  )
  const list = useKilnQuery(load, 'recipients')
  const importing = useMutation()
  const [url, setUrl] = useState('')
  const [imported, setImported] = useState<ImportedBadge | null>(null)
  const [fileKey, setFileKey] = useState(0)
  // "Expired" is judged as of when the person's details were opened.
  const [openedAt] = useState(() => Date.now())
  const fileId = useId()
  const badges = list.phase === 'ready' ? list.value.badges : []

  async function submit(call: (kiln: KilnApi) => Promise<Result<ImportedBadge>>): Promise<void> {
    setImported(null)
    const result = await importing.run(call)
    if (result?.ok) {
      setImported(result.value)
      setUrl('')
    }
  }

  async function importFile(file: File): Promise<void> {
    setFileKey((k) => k + 1)
    if (file.size === 0 || file.size > MAX_BYTES) {
      setImported(null)
      importing.setError({
        code: 'UNREADABLE_INPUT',
        message: `“${file.name}” is ${file.size === 0 ? 'empty' : 'larger than 10 MB'}: choose the badge file itself (a credential .json, or a badge image .png or .svg).`,
        details: { field: 'file' }
      })
      return
    }
    const fileBase64 = await fileToBase64(file)
    await submit((kiln) =>
      kiln.recipientsImportBadge({ recipientId, fileBase64, filename: file.name })
    )
  }

  const refused = importing.error?.code === 'CREDENTIAL_INVALID' ? checksOf(importing.error) : []

  return (
    <section className="imported-badges" aria-labelledby={`${fileId}-heading`}>
      <h3 id={`${fileId}-heading`}>Badges from other issuers</h3>
      {list.phase === 'failed' ? <ErrorAlert error={list.error} /> : null}
      {badges.length > 0 ? (
        <ul className="imported-badge-list" aria-label="Badges from other issuers">
          {badges.map((b) => (
            <ImportedRow key={b.id} badge={b} now={openedAt} />
          ))}
        </ul>
      ) : list.phase === 'ready' ? (
        <p className="muted">None yet.</p>
      ) : null}

      <h4>Import a badge they earned elsewhere</h4>
      <p className="settings-hint">
        Kiln checks it first: the issuer’s signature or its hosted copy, that it is not revoked or
        expired, and that it was issued to one of {name}’s e-mail addresses. It then counts for
        credit rules.
      </p>
      <div className="field">
        <label className="field-label" htmlFor={fileId}>
          Badge file
        </label>
        <input
          key={fileKey}
          id={fileId}
          className="file-input"
          type="file"
          accept=".json,.png,.svg,application/json,application/ld+json,image/png,image/svg+xml"
          aria-describedby={`${fileId}-help`}
          disabled={importing.busy}
          onChange={(event) => {
            const chosen = event.target.files?.[0]
            if (chosen) void importFile(chosen)
          }}
        />
        <span id={`${fileId}-help`} className="field-description">
          An Open Badges 3.0 credential (.json), or a badge image with the badge baked in (.png,
          .svg).
        </span>
      </div>
      <Form
        className="imported-badge-url"
        aria-label="Import by address"
        onSubmit={(event) => {
          event.preventDefault()
          const address = url.trim()
          if (!address) return
          void submit((kiln) => kiln.recipientsImportBadge({ recipientId, url: address }))
        }}
      >
        <FormTextField
          name="url"
          label="Or the address of an Open Badges 2.0 badge"
          description="The https:// link of the badge on its issuer’s site."
          markOptional={false}
          value={url}
          onChange={setUrl}
        />
        <div className="form-actions">
          <Button type="submit" className="button" isDisabled={importing.busy || !url.trim()}>
            <Upload aria-hidden="true" size={16} /> Check and import
          </Button>
        </div>
      </Form>
      <BusyStatus busy={importing.busy}>Checking the badge…</BusyStatus>
      <ErrorAlert error={importing.error} />
      {refused.length > 0 ? <CheckList checks={refused} /> : null}
      {imported ? (
        <div className="notice notice-success" role="status">
          <p>
            Verified and imported: “{imported.achievement.name}” from {imported.issuer.name}, issued
            to {imported.email}.
          </p>
          <CheckList checks={imported.checks} />
        </div>
      ) : null}
    </section>
  )
}
