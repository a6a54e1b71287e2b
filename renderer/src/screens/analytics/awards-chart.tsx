import { ImageDown } from 'lucide-react'
import { useEffect, useRef, useState, type ReactElement } from 'react'
import {
  Bar,
  BarChart,
  CartesianGrid,
  Legend,
  ResponsiveContainer,
  Tooltip,
  XAxis,
  YAxis
} from 'recharts'
import type { AnalyticsBucket, AnalyticsSummary } from '../../../../shared/methods/analytics.js'
import { chartToPngBlob, downloadBlob } from './chart-png.js'
import { exportFileName, fileDate } from '../../../../shared/file-names.js'

/** Colour-blind-safe series colours (Okabe–Ito), readable on the light and the dark theme. */
const PALETTE = [
  '#0072B2',
  '#E69F00',
  '#009E73',
  '#CC79A7',
  '#56B4E9',
  '#D55E00',
  '#8C6BB1',
  '#B8860B'
]
const OTHERS = '#8a929e'

type Theme = Readonly<{
  text: string
  muted: string
  grid: string
  background: string
  surface: string
}>

function readTheme(): Theme {
  const style = getComputedStyle(document.documentElement)
  const v = (name: string, fallback: string) => style.getPropertyValue(name).trim() || fallback
  return {
    text: v('--text', '#1b1e24'),
    muted: v('--text-muted', '#505866'),
    grid: v('--surface-strong', '#e6e8ec'),
    background: v('--bg', '#ffffff'),
    surface: v('--surface', '#f4f5f7')
  }
}

/** The theme's colours as values (an exported PNG cannot resolve CSS variables). */
function useTheme(): Theme {
  const [theme, setTheme] = useState(readTheme)
  useEffect(() => {
    const media = window.matchMedia('(prefers-color-scheme: dark)')
    const update = () => setTheme(readTheme())
    media.addEventListener('change', update)
    return () => media.removeEventListener('change', update)
  }, [])
  return theme
}

const dayFormat = new Intl.DateTimeFormat(undefined, {
  day: 'numeric',
  month: 'short',
  timeZone: 'UTC'
})
const monthFormat = new Intl.DateTimeFormat(undefined, {
  month: 'short',
  year: 'numeric',
  timeZone: 'UTC'
})

export function bucketText(label: string, bucket: AnalyticsBucket): string {
  const date = new Date(`${label}T00:00:00Z`)
  if (Number.isNaN(date.getTime())) return label
  return bucket === 'month' ? monthFormat.format(date) : dayFormat.format(date)
}

const BUCKET_WORD: Readonly<Record<AnalyticsBucket, string>> = {
  day: 'day',
  week: 'week',
  month: 'month'
}

type AwardsChartProps = Readonly<{
  summary: AnalyticsSummary
  onError: (message: string) => void
}>

/** Awards over time: the busiest badges stacked per bucket, the rest as "Others". */
export function AwardsChart({ summary, onError }: AwardsChartProps): ReactElement {
  const theme = useTheme()
  const frame = useRef<HTMLDivElement>(null)
  const { buckets, series, bucket } = summary
  const colorOf = (i: number, badgeId: string) =>
    badgeId === '' ? OTHERS : (PALETTE[i % PALETTE.length] ?? OTHERS)
  const data = buckets.map((label, i) => {
    const row: Record<string, string | number> = { label: bucketText(label, bucket) }
    series.forEach((s, j) => {
      row[`s${j}`] = s.counts[i] ?? 0
    })
    return row
  })
  const title = `Awards per ${BUCKET_WORD[bucket]}`
  const description =
    series.length === 0
      ? 'No awards in this range.'
      : `${title}, by badge: ${series.map((s) => `${s.name} ${s.total}`).join(', ')}.`

  async function exportPng(): Promise<void> {
    // The chart's own surface (the legend's icons are small recharts-surface SVGs too).
    const svg = frame.current?.querySelector('.recharts-wrapper > svg')
    if (!(svg instanceof SVGSVGElement)) return
    try {
      const blob = await chartToPngBlob({
        svg,
        title: `${title} (${buckets[0] ?? ''} – ${buckets.at(-1) ?? ''})`,
        legend: series.map((s, i) => ({ name: s.name, color: colorOf(i, s.badgeId) })),
        background: theme.background,
        text: theme.text
      })
      downloadBlob(blob, exportFileName([title, fileDate()], 'png', 'awards over time'))
    } catch {
      onError('The chart could not be saved as a PNG in this window.')
    }
  }

  return (
    <section className="analytics-card analytics-chart" aria-labelledby="chart-title">
      <div className="analytics-card-head">
        <h2 id="chart-title">{title}</h2>
        <button
          type="button"
          className="button button-small"
          onClick={() => void exportPng()}
          disabled={series.length === 0}
        >
          <ImageDown aria-hidden="true" size={14} /> Save chart as PNG
        </button>
      </div>
      {series.length === 0 ? (
        <p className="empty-state">
          No awards in this range yet: the chart fills in as badges are awarded.
        </p>
      ) : (
        <div ref={frame} className="analytics-chart-frame" role="img" aria-label={description}>
          <ResponsiveContainer width="100%" height={320}>
            <BarChart
              data={data}
              margin={{ top: 8, right: 8, bottom: 0, left: -12 }}
              accessibilityLayer={false}
            >
              <CartesianGrid stroke={theme.grid} vertical={false} />
              <XAxis
                dataKey="label"
                tick={{ fill: theme.muted, fontSize: 12 }}
                stroke={theme.grid}
                minTickGap={16}
              />
              <YAxis
                allowDecimals={false}
                tick={{ fill: theme.muted, fontSize: 12 }}
                stroke={theme.grid}
              />
              <Tooltip
                cursor={{ fill: theme.surface }}
                contentStyle={{
                  background: theme.background,
                  borderColor: theme.grid,
                  color: theme.text
                }}
              />
              <Legend wrapperStyle={{ color: theme.text, fontSize: 13 }} />
              {series.map((s, j) => (
                <Bar
                  key={s.badgeId || 'others'}
                  dataKey={`s${j}`}
                  name={s.name}
                  stackId="awards"
                  fill={colorOf(j, s.badgeId)}
                  isAnimationActive={false}
                />
              ))}
            </BarChart>
          </ResponsiveContainer>
        </div>
      )}
    </section>
  )
}
