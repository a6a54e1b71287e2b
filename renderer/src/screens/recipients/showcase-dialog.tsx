import { ArrowDown, ArrowUp, Copy } from 'lucide-react'
import { useEffect, useState, type ReactElement } from 'react'
import type { Showcase, ShowcaseBadge } from '../../../../shared/methods/site.js'
import type { KilnError } from '../../../../shared/result.js'
import type { Recipient } from '../../../../shared/types.js'
import { useKiln } from '../../api/kiln-context.js'
import { ErrorAlert } from '../../components/error-alert.js'
import { ModalDialog } from '../../components/modal-dialog.js'

type ShowcaseDialogProps = Readonly<{ recipient: Recipient; onClose: () => void }>

/**
 * A recipient's personal badge page: its private address, and (on the person's request) the
 * order of their badges on it and which ones it leaves out. Applied by the next export.
 */
export function ShowcaseDialog({ recipient, onClose }: ShowcaseDialogProps): ReactElement {
  const kiln = useKiln()
  const [showcase, setShowcase] = useState<Showcase | null>(null)
  const [badges, setBadges] = useState<ShowcaseBadge[]>([])
  const [error, setError] = useState<KilnError | null>(null)
  const [busy, setBusy] = useState(false)
  const [notice, setNotice] = useState('')

  useEffect(() => {
    let active = true
    void kiln.siteShowcase({ recipientId: recipient.id }).then((result) => {
      if (!active) return
      if (result.ok) {
        setShowcase(result.value)
        setBadges([...result.value.badges])
      } else setError(result.error)
    })
    return () => {
      active = false
    }
  }, [kiln, recipient.id])

  function move(index: number, by: -1 | 1): void {
    setBadges((list) => {
      const next = [...list]
      const [item] = next.splice(index, 1)
      if (item) next.splice(index + by, 0, item)
      return next
    })
    setNotice('')
  }

  function toggle(index: number, shown: boolean): void {
    setBadges((list) => list.map((b, i) => (i === index ? { ...b, hidden: !shown } : b)))
    setNotice('')
  }

  async function save(): Promise<void> {
    setBusy(true)
    setError(null)
    const result = await kiln.siteSetShowcase({
      recipientId: recipient.id,
      order: badges.map((b) => b.awardId),
      hidden: badges.filter((b) => b.hidden).map((b) => b.awardId)
    })
    setBusy(false)
    if (result.ok) {
      setShowcase(result.value)
      setBadges([...result.value.badges])
      setNotice('Saved. The page changes with the next export.')
    } else setError(result.error)
  }

  async function copy(url: string): Promise<void> {
    try {
      await navigator.clipboard.writeText(url)
      setNotice('Address copied.')
    } catch {
      setNotice('Copy the address from the field above.')
    }
  }

  return (
    <ModalDialog
      title={`Badge page of ${recipient.name}`}
      isOpen
      onOpenChange={(open) => (open ? undefined : onClose())}
    >
      {showcase ? (
        <div className="form showcase">
          <div className="field">
            <label className="field-label" htmlFor="showcase-url">
              Private address
            </label>
            <div className="showcase-url">
              <input
                id="showcase-url"
                className="field-input"
                readOnly
                value={showcase.pageUrl}
                aria-describedby="showcase-url-hint"
              />
              <button type="button" className="button" onClick={() => void copy(showcase.pageUrl)}>
                <Copy aria-hidden="true" size={16} /> Copy
              </button>
            </div>
            <span id="showcase-url-hint" className="field-description">
              Only people given this address find the page: no page links it and search engines are
              asked not to index it.
            </span>
          </div>
          {badges.length === 0 ? (
            <p className="muted">No active badges yet.</p>
          ) : (
            <ol className="showcase-list" aria-label="Badges on the page, in order">
              {badges.map((b, i) => (
                <li key={b.awardId}>
                  <label className="showcase-shown">
                    <input
                      type="checkbox"
                      className="checkbox"
                      checked={!b.hidden}
                      onChange={(event) => toggle(i, event.target.checked)}
                    />
                    <span>
                      {b.badgeName}
                      <span className="muted"> · {b.issuedAt.slice(0, 10)}</span>
                    </span>
                  </label>
                  <button
                    type="button"
                    className="button button-small"
                    aria-label={`Move ${b.badgeName} up`}
                    disabled={i === 0}
                    onClick={() => move(i, -1)}
                  >
                    <ArrowUp aria-hidden="true" size={14} />
                  </button>
                  <button
                    type="button"
                    className="button button-small"
                    aria-label={`Move ${b.badgeName} down`}
                    disabled={i === badges.length - 1}
                    onClick={() => move(i, 1)}
                  >
                    <ArrowDown aria-hidden="true" size={14} />
                  </button>
                </li>
              ))}
            </ol>
          )}
        </div>
      ) : null}
      <ErrorAlert error={error} />
      <div className="modal-actions">
        <span role="status" className="busy-status">
          {notice}
        </span>
        <button type="button" className="button" onClick={onClose}>
          Close
        </button>
        <button
          type="button"
          className="button button-primary"
          disabled={busy || !showcase || badges.length === 0}
          onClick={() => void save()}
        >
          Save order
        </button>
      </div>
    </ModalDialog>
  )
}
