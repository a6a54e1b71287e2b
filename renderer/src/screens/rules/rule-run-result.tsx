import type { ReactElement } from 'react'
import type { RulesRunResult } from '../../../../shared/rules-types.js'
import { formatCount, plural } from '../../components/format.js'

type RuleRunResultProps = Readonly<{ result: RulesRunResult; badgeName: (id: string) => string }>

/** What a rule run did, or (dry run) would do, with the names. */
export function RuleRunResult({ result, badgeName }: RuleRunResultProps): ReactElement {
  return (
    <section className="card rule-result" aria-labelledby="rule-result-heading">
      <h2 id="rule-result-heading">{result.dryRun ? 'Preview (dry run)' : 'Run finished'}</h2>
      {result.runs.length === 0 ? <p>No enabled rule to run.</p> : null}
      {result.runs.map((run) => {
        const people = result.dryRun ? run.wouldAward : run.awarded
        return (
          <div key={run.runId} className="rule-result-run">
            <p role="status" className={run.error ? 'alert' : 'notice'}>
              <strong>{run.ruleName}</strong>:{' '}
              {run.error
                ? run.error.message
                : result.dryRun
                  ? `${people.length === 1 ? '1 person' : `these ${formatCount(people.length)} people`} would be awarded ${badgeName(run.awardBadgeId)}.`
                  : `awarded ${badgeName(run.awardBadgeId)} to ${plural(people.length, 'person', 'people')}.`}
              {run.skipped.length > 0 ? ` ${formatCount(run.skipped.length)} already hold it.` : ''}
            </p>
            {people.length > 0 ? (
              <div className="table-scroll">
                <table className="table">
                  <caption className="visually-hidden">
                    {result.dryRun ? 'Would be awarded' : 'Awarded'} by {run.ruleName}
                  </caption>
                  <thead>
                    <tr>
                      <th scope="col">Name</th>
                      <th scope="col">E-mail</th>
                    </tr>
                  </thead>
                  <tbody>
                    {people.slice(0, 500).map((p) => (
                      <tr key={p.recipientEmail}>
                        <th scope="row">{p.name}</th>
                        <td>{p.recipientEmail}</td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              </div>
            ) : null}
          </div>
        )
      })}
    </section>
  )
}
