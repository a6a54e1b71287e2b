import { Play, Plus, ScanEye, Trash2 } from 'lucide-react'
import { useState, type ReactElement } from 'react'
import { Switch } from 'react-aria-components'
import type { Rule, RulesRunResult } from '../../../../shared/rules-types.js'
import type { KilnApi } from '../../../../shared/api.js'
import { BusyStatus } from '../../components/busy-status.js'
import { ErrorAlert } from '../../components/error-alert.js'
import { EmptyState } from '../../components/empty-state.js'
import { ScreenHeading } from '../../components/screen-heading.js'
import { useSessionValue } from '../../components/use-session-value.js'
import { useKilnQuery, type Domain } from '../../hooks/use-kiln-query.js'
import { useMutation } from '../../hooks/use-mutation.js'
import { CheckinsImport } from './checkins-import.js'
import { RuleForm } from './rule-form.js'
import { RuleRunResult } from './rule-run-result.js'
import { describeRule, ruleDefinition } from './rule-text.js'
import '../../components/awarding.css'
import './rules.css'

const loadBadges = (kiln: KilnApi) => kiln.badgesList({})
const loadRules = (kiln: KilnApi) => kiln.rulesList({})
/** Rules change here, and what they would award changes with awards and badges. */
const RULE_DOMAINS: readonly Domain[] = ['rules', 'awards', 'badges']

/** Automatic awarding rules: create, enable or disable, preview (dry run), run; import check-ins. */
export function RulesScreen(): ReactElement {
  const badges = useKilnQuery(loadBadges, 'badges')
  const rulesQuery = useKilnQuery(loadRules, RULE_DOMAINS)
  const rules = {
    list: rulesQuery.phase === 'ready' ? rulesQuery.value.rules : null,
    error: rulesQuery.phase === 'failed' ? rulesQuery.error : null
  }
  const [operator] = useSessionValue('kiln.operator')
  const [creating, setCreating] = useState(false)
  const [result, setResult] = useState<RulesRunResult | null>(null)
  const action = useMutation()
  const [label, setLabel] = useState('')
  const error = action.error

  const badgeList = badges.phase === 'ready' ? badges.value.badges : []
  const names = new Map(badgeList.map((b) => [b.id, b.content.name] as const))
  const badgeName = (id: string) => names.get(id) ?? id
  const reload = rulesQuery.reload

  async function run(rule: Rule | null, dryRun: boolean): Promise<void> {
    setLabel(dryRun ? 'Previewing…' : 'Running…')
    const response = await action.run((kiln) =>
      kiln.rulesRun({
        ...(rule ? { ruleId: rule.id } : {}),
        dryRun,
        ...(operator.trim() ? { operator: operator.trim() } : {})
      })
    )
    if (response?.ok) setResult(response.value)
  }

  async function setEnabled(rule: Rule, enabled: boolean): Promise<void> {
    setLabel('Saving…')
    await action.run((kiln) => kiln.rulesUpdate(ruleDefinition(rule, enabled)))
    reload()
  }

  async function remove(rule: Rule): Promise<void> {
    setLabel('Deleting…')
    await action.run((kiln) => kiln.rulesDelete({ id: rule.id }))
    reload()
  }

  return (
    <div className="awarding rules-screen">
      <ScreenHeading>Rules</ScreenHeading>
      <p className="lead rules-lead">
        Rules award a badge automatically to everyone who meets them. They run after each check-in
        import and award, and never award anyone twice.
      </p>
      <div className="toolbar">
        <button
          type="button"
          className="button"
          onClick={() => setCreating(true)}
          disabled={creating}
        >
          <Plus aria-hidden="true" size={16} /> New rule
        </button>
        <button type="button" className="button" onClick={() => void run(null, true)}>
          <ScanEye aria-hidden="true" size={16} /> Preview all (dry run)
        </button>
        <button type="button" className="button" onClick={() => void run(null, false)}>
          <Play aria-hidden="true" size={16} /> Run all now
        </button>
        <BusyStatus busy={action.busy}>{label}</BusyStatus>
      </div>
      <ErrorAlert error={error ?? rules.error} />
      {creating ? (
        <RuleForm
          badges={badgeList}
          onDone={() => {
            setCreating(false)
            reload()
          }}
        />
      ) : null}
      {rules.list && rules.list.length === 0 && !creating ? (
        <EmptyState
          actions={
            <button
              type="button"
              className="button button-primary"
              onClick={() => setCreating(true)}
            >
              Write the first rule
            </button>
          }
        >
          No rules yet. A rule awards a badge by itself, e.g. “attended 3 workshops”: import the
          check-ins below, and the rules award whoever qualifies.
        </EmptyState>
      ) : null}
      {rules.list && rules.list.length > 0 ? (
        <table className="table rules-table">
          <caption className="visually-hidden">Rules</caption>
          <thead>
            <tr>
              <th scope="col">Rule</th>
              <th scope="col">Awards</th>
              <th scope="col">Enabled</th>
              <th scope="col">
                <span className="visually-hidden">Actions</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {rules.list.map((rule) => (
              <tr key={rule.id}>
                <th scope="row">
                  {rule.name}
                  <span className="rule-criteria">{describeRule(rule, badgeName)}</span>
                </th>
                <td>{badgeName(rule.awardBadgeId)}</td>
                <td>
                  <Switch
                    className="switch"
                    isSelected={rule.enabled}
                    onChange={(on) => void setEnabled(rule, on)}
                    aria-label={`Enable ${rule.name}`}
                  >
                    <span className="switch-track" aria-hidden="true">
                      <span className="switch-thumb" />
                    </span>
                  </Switch>
                </td>
                <td>
                  <div className="rule-actions">
                    <button
                      type="button"
                      className="button button-small"
                      aria-label={`Preview ${rule.name} (dry run)`}
                      onClick={() => void run(rule, true)}
                    >
                      <ScanEye aria-hidden="true" size={14} /> Preview
                    </button>
                    <button
                      type="button"
                      className="button button-small"
                      aria-label={`Run ${rule.name} now`}
                      onClick={() => void run(rule, false)}
                    >
                      <Play aria-hidden="true" size={14} /> Run now
                    </button>
                    <button
                      type="button"
                      className="button button-small button-quiet"
                      aria-label={`Delete ${rule.name}`}
                      onClick={() => void remove(rule)}
                    >
                      <Trash2 aria-hidden="true" size={14} />
                    </button>
                  </div>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      ) : null}
      {result ? <RuleRunResult result={result} badgeName={badgeName} /> : null}
      <CheckinsImport />
    </div>
  )
}
