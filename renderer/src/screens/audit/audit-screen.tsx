import { ShieldCheck } from 'lucide-react'
import { Fragment, useCallback, useState, type ReactElement } from 'react'
import { Input, Label, SearchField } from 'react-aria-components'
import type { AuditReport } from '../../../../shared/types.js'
import type { KilnApi } from '../../../../shared/api.js'
import { ErrorAlert } from '../../components/error-alert.js'
import { NoMatches } from '../../components/empty-state.js'
import { formatCount } from '../../components/format.js'
import { ScreenHeading } from '../../components/screen-heading.js'
import { SelectField } from '../../components/select-field.js'
import { useKilnQuery } from '../../hooks/use-kiln-query.js'
import { useMutation } from '../../hooks/use-mutation.js'
import '../../components/awarding.css'
import './audit.css'

const PAGE = 50

const TYPES: ReadonlyArray<readonly [string, string]> = [
  ['', 'Everything'],
  ['award', 'Awards and revocations'],
  ['award.issued', 'Awards only'],
  ['award.revoked', 'Revocations only'],
  ['rule', 'Rule runs'],
  ['recipient', 'Recipients'],
  ['checkin', 'Check-ins'],
  ['bundle', 'Site bundles'],
  ['station', 'Station'],
  ['key', 'Keys']
]

const whenFormat = new Intl.DateTimeFormat(undefined, { dateStyle: 'medium', timeStyle: 'short' })

function when(ts: string): string {
  const d = new Date(ts)
  return Number.isNaN(d.getTime()) ? ts : whenFormat.format(d)
}

/** The journal as a filterable, paged table, and a check of its hash chain. */
export function AuditScreen(): ReactElement {
  const [query, setQuery] = useState('')
  const [type, setType] = useState('')
  const [from, setFrom] = useState('')
  const [to, setTo] = useState('')
  const [offset, setOffset] = useState(0)
  const [report, setReport] = useState<AuditReport | null>(null)
  const verification = useMutation()
  const verifying = verification.busy

  /** A filter change starts again at the newest page. */
  function filter<T>(set: (value: T) => void): (value: T) => void {
    return (value) => {
      set(value)
      setOffset(0)
    }
  }

  const load = useCallback(
    (kiln: KilnApi) =>
      kiln.auditList({
        offset,
        limit: PAGE,
        ...(type ? { type } : {}),
        ...(query.trim() ? { query: query.trim() } : {}),
        ...(from ? { from } : {}),
        ...(to ? { to } : {}),
        utcOffsetMinutes: -new Date().getTimezoneOffset()
      }),
    [offset, type, query, from, to]
  )
  // Every change is journaled, and most reach the screens as 'awards' or 'recipients' changes.
  const state = useKilnQuery(load, 'awards')

  async function verify(): Promise<void> {
    setReport(null)
    const result = await verification.run((kiln) => kiln.auditVerify({}))
    if (result?.ok) setReport(result.value)
  }

  const page = state.phase === 'ready' ? state.value : null
  const total = page?.total ?? 0
  const filtered = Boolean(query || type || from || to)

  return (
    <div className="awarding audit-screen screen-fill">
      <ScreenHeading>Audit</ScreenHeading>
      <section className="audit-verify" aria-labelledby="verify-title">
        <div>
          <h2 id="verify-title">Journal chain</h2>
          <p className="muted">
            Every entry carries the SHA-256 of the one before it; a changed or missing entry breaks
            the chain.
          </p>
        </div>
        <button
          type="button"
          className="button button-primary"
          onClick={() => void verify()}
          disabled={verifying}
        >
          <ShieldCheck aria-hidden="true" size={16} /> Verify the chain
        </button>
        <div role="status" className="audit-verify-result">
          {verifying ? 'Checking every entry…' : null}
          {report ? <VerifyReport report={report} /> : null}
        </div>
      </section>
      <ErrorAlert error={verification.error ?? (state.phase === 'failed' ? state.error : null)} />
      <div className="toolbar">
        <SearchField className="field" value={query} onChange={filter(setQuery)}>
          <Label className="field-label">Search the journal</Label>
          <Input className="field-input" placeholder="Name, badge, operator…" />
        </SearchField>
        <SelectField
          label="Show"
          className="audit-narrow"
          value={type}
          onChange={filter(setType)}
          options={TYPES.map(([value, label]) => ({ value, label }))}
        />
        <div className="field audit-narrow">
          <label className="field-label" htmlFor="audit-from">
            From
          </label>
          <input
            id="audit-from"
            className="field-input"
            type="date"
            value={from}
            max={to || undefined}
            onChange={(e) => filter(setFrom)(e.target.value)}
          />
        </div>
        <div className="field audit-narrow">
          <label className="field-label" htmlFor="audit-to">
            To
          </label>
          <input
            id="audit-to"
            className="field-input"
            type="date"
            value={to}
            min={from || undefined}
            onChange={(e) => filter(setTo)(e.target.value)}
          />
        </div>
      </div>
      {page && total === 0 ? (
        filtered ? (
          <NoMatches
            onClear={() => {
              setQuery('')
              setType('')
              setFrom('')
              setTo('')
              setOffset(0)
            }}
          >
            No journal entry matches these filters.
          </NoMatches>
        ) : (
          <p className="empty-state">
            The journal is empty: everything the station does (awards, revocations, settings) is
            written here as it happens.
          </p>
        )
      ) : null}
      {page && total > 0 ? (
        <>
          <div
            className="audit-scroll fill-table"
            tabIndex={0}
            role="region"
            aria-label="Journal entries"
          >
            <table className="table audit-table">
              <caption className="visually-hidden">Journal entries, newest first</caption>
              <thead>
                <tr>
                  <th scope="col" className="numeric">
                    #
                  </th>
                  <th scope="col">When</th>
                  <th scope="col">What happened</th>
                  <th scope="col">Who</th>
                  <th scope="col">Station</th>
                  <th scope="col">Event</th>
                </tr>
              </thead>
              <tbody>
                {page.entries.map((e) => (
                  <tr key={`${e.station}:${e.seq}`}>
                    <td className="numeric">{e.seq}</td>
                    <td className="audit-when">
                      <time dateTime={e.ts}>{when(e.ts)}</time>
                    </td>
                    <td>{e.summary}</td>
                    <td>{e.operator ?? ''}</td>
                    <td>
                      <code>{e.station}</code>
                    </td>
                    <td>
                      <code>
                        {e.type.split('.').map((part, i) => (
                          <Fragment key={i}>
                            {i > 0 ? (
                              <>
                                .<wbr />
                              </>
                            ) : null}
                            {part}
                          </Fragment>
                        ))}
                      </code>
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
          <nav className="audit-pager" aria-label="Journal pages">
            <button
              type="button"
              className="button button-small"
              disabled={offset === 0}
              onClick={() => setOffset(Math.max(0, offset - PAGE))}
            >
              Newer
            </button>
            <span role="status">
              {formatCount(offset + 1)}–{formatCount(Math.min(total, offset + PAGE))} of{' '}
              {formatCount(total)}
            </span>
            <button
              type="button"
              className="button button-small"
              disabled={offset + PAGE >= total}
              onClick={() => setOffset(offset + PAGE)}
            >
              Older
            </button>
          </nav>
        </>
      ) : null}
    </div>
  )
}

function VerifyReport({ report }: Readonly<{ report: AuditReport }>): ReactElement {
  if (report.ok) {
    return (
      <p className="audit-intact">
        Intact: {formatCount(report.entries)} {report.entries === 1 ? 'entry' : 'entries'}
      </p>
    )
  }
  const broken = report.firstBroken
  return (
    <p className="audit-broken">
      Broken
      {broken
        ? ` at entry ${formatCount(broken.seq)} (line ${formatCount(broken.line)}): ${broken.reason}`
        : ''}
      . Restore a backup, or keep this file for investigation.
    </p>
  )
}
