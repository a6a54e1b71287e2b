import { useCallback, useState, type ReactElement } from 'react'
import type { KilnError } from '../../../../shared/result.js'
import type { AnalyticsBucket, AnalyticsSummary } from '../../../../shared/methods/analytics.js'
import type { KilnApi } from '../../../../shared/api.js'
import { EmptyState } from '../../components/empty-state.js'
import { ErrorAlert } from '../../components/error-alert.js'
import { useNavigate } from '../navigation.js'
import { formatCount, plural } from '../../components/format.js'
import { ScreenHeading } from '../../components/screen-heading.js'
import { SelectField } from '../../components/select-field.js'
import { useKilnQuery } from '../../hooks/use-kiln-query.js'
import { AnalyticsTables } from './analytics-tables.js'
import { AwardsChart } from './awards-chart.js'
import {
  bucketFor,
  QUICK_RANGES,
  quickRange,
  utcOffsetMinutes,
  type QuickRange
} from './date-range.js'
import '../../components/awarding.css'
import './analytics.css'

const BUCKETS: ReadonlyArray<readonly [AnalyticsBucket, string]> = [
  ['day', 'Day'],
  ['week', 'Week'],
  ['month', 'Month']
]

/** How badges perform: which are doing well in a range, and which nobody earns. */
export function AnalyticsScreen(): ReactElement {
  const [quick, setQuick] = useState<QuickRange | null>('month')
  const go = useNavigate()
  const [range, setRange] = useState(() => quickRange('month'))
  const [bucket, setBucket] = useState<AnalyticsBucket>('day')
  const [pngError, setPngError] = useState<string | null>(null)

  const load = useCallback(
    (kiln: KilnApi) =>
      kiln.analyticsSummary({
        bucket,
        ...(range.from ? { from: range.from } : {}),
        ...(range.to ? { to: range.to } : {}),
        utcOffsetMinutes: utcOffsetMinutes()
      }),
    [bucket, range]
  )
  const state = useKilnQuery(load, 'awards')

  function pick(value: QuickRange): void {
    setQuick(value)
    setRange(quickRange(value))
    setBucket(bucketFor(value))
  }

  function edit(part: 'from' | 'to', value: string): void {
    setQuick(null)
    setRange((r) => ({ ...r, [part]: value }))
  }

  const error: KilnError | null = state.phase === 'failed' ? state.error : null
  const summary = state.phase === 'ready' ? state.value : null

  return (
    <div className="awarding analytics-screen">
      <ScreenHeading>Analytics</ScreenHeading>
      <div className="toolbar analytics-toolbar">
        <div className="field">
          <span className="field-label" id="quick-range-label">
            Range
          </span>
          <div className="segmented" role="group" aria-labelledby="quick-range-label">
            {QUICK_RANGES.map(([value, label]) => (
              <button
                key={value}
                type="button"
                className="segment"
                aria-pressed={quick === value}
                onClick={() => pick(value)}
              >
                {label}
              </button>
            ))}
          </div>
        </div>
        <div className="field analytics-date">
          <label className="field-label" htmlFor="analytics-from">
            From
          </label>
          <input
            id="analytics-from"
            className="field-input"
            type="date"
            value={range.from}
            max={range.to || undefined}
            onChange={(e) => edit('from', e.target.value)}
          />
        </div>
        <div className="field analytics-date">
          <label className="field-label" htmlFor="analytics-to">
            To
          </label>
          <input
            id="analytics-to"
            className="field-input"
            type="date"
            value={range.to}
            min={range.from || undefined}
            onChange={(e) => edit('to', e.target.value)}
          />
        </div>
        <SelectField
          label="Group by"
          className="analytics-date"
          value={bucket}
          onChange={setBucket}
          options={BUCKETS.map(([value, label]) => ({ value, label }))}
        />
      </div>
      <ErrorAlert error={error ?? (pngError ? { code: 'INTERNAL', message: pngError } : null)} />
      {state.phase === 'loading' ? <p role="status">Loading…</p> : null}
      {summary ? (
        <>
          <p className="analytics-range" role="status">
            {rangeSentence(summary, bucket)}
          </p>
          {summary.totals.awards === 0 ? (
            <EmptyState
              actions={
                <>
                  {quick !== 'all' ? (
                    <button type="button" className="button" onClick={() => pick('all')}>
                      Show all time
                    </button>
                  ) : null}
                  <button
                    type="button"
                    className="button button-primary"
                    onClick={() => go({ section: 'award' })}
                  >
                    Award a badge
                  </button>
                </>
              }
            >
              {quick === 'all'
                ? 'Nothing to count yet: the figures, the chart and the tables fill in as badges are awarded.'
                : 'No awards in this range. Look at all time, or award a badge: the figures fill in as you go.'}
            </EmptyState>
          ) : null}
          <Totals summary={summary} />
          <AwardsChart summary={summary} onError={setPngError} />
          <AnalyticsTables summary={summary} />
        </>
      ) : null}
    </div>
  )
}

const dateText = new Intl.DateTimeFormat(undefined, { dateStyle: 'medium' })

function rangeSentence(s: AnalyticsSummary, asked: AnalyticsBucket): string {
  const from = s.from ? dateText.format(new Date(s.from)) : 'the first award'
  const to = dateText.format(new Date(s.to))
  const coarser =
    s.bucket !== asked ? ` Grouped by ${s.bucket}: the range has too many ${asked}s to show.` : ''
  return `From ${from} to ${to}.${coarser}`
}

function Totals({ summary }: Readonly<{ summary: AnalyticsSummary }>): ReactElement {
  const t = summary.totals
  const items: ReadonlyArray<readonly [string, string, string]> = [
    [
      'Awards',
      formatCount(t.awards),
      `${plural(t.recipients, 'person', 'people')}, ${plural(t.badgesAwarded, 'badge', 'badges')}`
    ],
    [
      'Automatic / manual',
      `${formatCount(t.automatic)} / ${formatCount(t.manual)}`,
      'Made by rules / by people'
    ],
    [
      'Revocations',
      formatCount(t.revocations),
      t.corrections > 0
        ? `${plural(t.corrections, 'correction', 'corrections')} not counted`
        : 'in this range'
    ],
    [
      'Expiring soon',
      formatCount(summary.expiring.within30),
      `within 30 days; ${formatCount(summary.expiring.within90)} within 90`
    ],
    [
      'Rule runs',
      formatCount(summary.ruleRuns.runs),
      `${formatCount(summary.ruleRuns.awardsMade)} awards made`
    ],
    ['Never awarded', formatCount(summary.neverAwarded.length), 'published badges nobody holds']
  ]
  return (
    <dl className="stats analytics-stats">
      {items.map(([label, value, note]) => (
        <div key={label} className="stat stat-neutral">
          <dt>{label}</dt>
          <dd>{value}</dd>
          <dd className="stat-note">{note}</dd>
        </div>
      ))}
    </dl>
  )
}
