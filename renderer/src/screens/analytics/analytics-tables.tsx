import type { ReactElement } from 'react'
import type {
  AnalyticsBadgeRow,
  AnalyticsSummary,
  ExpiringAward
} from '../../../../shared/methods/analytics.js'
import { formatDate } from '../../components/format.js'
import { DataTable, type Column } from './data-table.js'

type Summary = AnalyticsSummary
type TagRow = Summary['byTag'][number]
type TypeRow = Summary['byType'][number]
type ReasonRow = Summary['revocationReasons'][number]
type NeverRow = Summary['neverAwarded'][number]
type RuleRow = Summary['ruleRuns']['byRule'][number]

const STATUS_TEXT: Readonly<Record<AnalyticsBadgeRow['status'], string>> = {
  draft: 'Draft',
  published: 'Published',
  archived: 'Archived',
  deleted: 'Deleted'
}

function num<T>(label: string, value: (row: T) => number): Column<T> {
  return { label, value, numeric: true }
}

const BADGE_COLUMNS: ReadonlyArray<Column<AnalyticsBadgeRow>> = [
  { label: 'Badge', value: (r) => r.name },
  { label: 'Status', value: (r) => STATUS_TEXT[r.status] },
  num('Awards', (r: AnalyticsBadgeRow) => r.awards),
  num('Automatic', (r: AnalyticsBadgeRow) => r.automatic),
  num('Revocations', (r: AnalyticsBadgeRow) => r.revocations),
  num('All time', (r: AnalyticsBadgeRow) => r.allTimeAwards),
  {
    label: 'Last awarded',
    value: (r) => r.lastAwarded?.slice(0, 10) ?? '',
    render: (r) => (r.lastAwarded ? formatDate(r.lastAwarded) : 'Never')
  }
]

const NEVER_COLUMNS: ReadonlyArray<Column<NeverRow>> = [
  { label: 'Badge', value: (r) => r.name },
  { label: 'Tags', value: (r) => r.tags.join(', ') },
  {
    label: 'Published',
    value: (r) => r.publishedAt?.slice(0, 10) ?? '',
    render: (r) => formatDate(r.publishedAt)
  }
]

const TAG_COLUMNS: ReadonlyArray<Column<TagRow>> = [
  { label: 'Tag', value: (r) => r.tag || 'Untagged' },
  num('Awards', (r: TagRow) => r.awards),
  num('Badges', (r: TagRow) => r.badges)
]

const TYPE_COLUMNS: ReadonlyArray<Column<TypeRow>> = [
  { label: 'Badge type', value: (r) => r.achievementType },
  num('Awards', (r: TypeRow) => r.awards),
  num('Badges', (r: TypeRow) => r.badges)
]

const REASON_COLUMNS: ReadonlyArray<Column<ReasonRow>> = [
  { label: 'Reason', value: (r) => r.reason },
  num('Revocations', (r: ReasonRow) => r.count)
]

const EXPIRING_COLUMNS: ReadonlyArray<Column<ExpiringAward>> = [
  { label: 'Recipient', value: (r) => r.recipientName },
  { label: 'Badge', value: (r) => r.badgeName },
  {
    label: 'Expires',
    value: (r) => r.validUntil.slice(0, 10),
    render: (r) => formatDate(r.validUntil)
  }
]

const RULE_COLUMNS: ReadonlyArray<Column<RuleRow>> = [
  { label: 'Rule', value: (r) => r.ruleName },
  num('Runs', (r: RuleRow) => r.runs),
  num('Awards made', (r: RuleRow) => r.awardsMade),
  { label: 'Last run', value: (r) => r.lastRun.slice(0, 10), render: (r) => formatDate(r.lastRun) }
]

/** Every table of the analytics screen, each with its CSV export. */
export function AnalyticsTables({ summary }: Readonly<{ summary: Summary }>): ReactElement {
  return (
    <div className="analytics-grid">
      <div className="analytics-wide">
        <DataTable
          id="by-badge"
          title="Badges"
          description="Most awarded in the range first; automatic awards were made by rules."
          columns={BADGE_COLUMNS}
          rows={summary.badges}
          rowKey={(r) => r.badgeId}
          filename="awards-by-badge"
          empty="No published badges yet."
        />
      </div>
      <DataTable
        id="never-awarded"
        title="Never awarded"
        description="Published badges that nobody has earned yet."
        columns={NEVER_COLUMNS}
        rows={summary.neverAwarded}
        rowKey={(r) => r.badgeId}
        filename="badges-never-awarded"
        empty="Every published badge has been awarded at least once."
      />
      <DataTable
        id="expiring"
        title="Expiring soon"
        description={`${summary.expiring.within30} within 30 days, ${summary.expiring.within90} within 90 days.`}
        columns={EXPIRING_COLUMNS}
        rows={summary.expiring.soonest}
        rowKey={(r) => r.awardId}
        filename="awards-expiring-soon"
        empty="No award expires in the next 90 days."
      />
      <DataTable
        id="by-tag"
        title="By tag"
        columns={TAG_COLUMNS}
        rows={summary.byTag}
        rowKey={(r) => r.tag}
        filename="awards-by-tag"
        empty="No badges yet."
      />
      <DataTable
        id="by-type"
        title="By badge type"
        columns={TYPE_COLUMNS}
        rows={summary.byType}
        rowKey={(r) => r.achievementType}
        filename="awards-by-type"
        empty="No badges yet."
      />
      <DataTable
        id="revocations"
        title="Revocations by reason"
        description="Corrections (reissued credentials) are not counted."
        columns={REASON_COLUMNS}
        rows={summary.revocationReasons}
        rowKey={(r) => r.reason}
        filename="revocations-by-reason"
        empty="No revocations in this range."
      />
      <DataTable
        id="rule-runs"
        title="Rule runs"
        description={`${summary.ruleRuns.runs} runs made ${summary.ruleRuns.awardsMade} awards (dry runs not counted).`}
        columns={RULE_COLUMNS}
        rows={summary.ruleRuns.byRule}
        rowKey={(r) => r.ruleId}
        filename="rule-runs"
        empty="No rule awarded anything in this range."
      />
    </div>
  )
}
