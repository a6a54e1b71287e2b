import { FileUp } from 'lucide-react'
import { useId, useState, type ReactElement } from 'react'
import type { Badge, BatchNameChoice, BatchPreview, CsvMapping } from '../../../../shared/types.js'
import { BusyStatus } from '../../components/busy-status.js'
import { ColumnMapping, mappingRequest } from '../../components/column-mapping.js'
import { readCsvChoice, type FileChoice } from '../../components/csv-file.js'
import { ErrorAlert } from '../../components/error-alert.js'
import { SearchPicker } from '../../components/search-picker.js'
import { useMutation } from '../../hooks/use-mutation.js'
import { useSessionValue } from '../../components/use-session-value.js'
import { BatchJob } from './batch-job.js'
import { BatchPreviewView } from './batch-preview.js'
import { useDesk } from '../desk/desk-context.js'

type Step =
  | Readonly<{ kind: 'choose' }>
  | Readonly<{ kind: 'mapping'; columns: readonly string[]; mapping: CsvMapping; message?: string }>
  | Readonly<{ kind: 'preview'; preview: BatchPreview }>
  | Readonly<{ kind: 'running'; jobId: string; total: number }>

/** Batch awards from a CSV file: choose, map columns if needed, preview, award, follow. */
export function BatchPanel({ badges }: Readonly<{ badges: readonly Badge[] }>): ReactElement {
  const published = badges.filter((b) => b.status === 'published')
  const [typedOperator] = useSessionValue('kiln.operator')
  // In desk mode the operator is the name chosen in the desk band (the core insists on it).
  const desk = useDesk()
  const operator = desk ? (desk.operator ?? '') : typedOperator
  const [badgeQuery, setBadgeQuery] = useState('')
  const [badge, setBadge] = useState<Badge | null>(null)
  const [file, setFile] = useState<FileChoice | null>(null)
  const [step, setStep] = useState<Step>({ kind: 'choose' })
  const call = useMutation()
  const [inputKey, setInputKey] = useState(0)
  const fileId = useId()

  async function preview(
    forBadge: Badge | null,
    forFile: FileChoice | null,
    mapping?: CsvMapping
  ): Promise<void> {
    if (!forBadge || !forFile) return
    const result = await call.run(
      (kiln) =>
        kiln.awardsBatchPreview({
          badgeId: forBadge.id,
          source: mapping ? { csvBase64: forFile.base64, mapping } : { csvBase64: forFile.base64 }
        }),
      {
        expected: (error) => error.code === 'CSV_INVALID' && mappingRequest(error.details) !== null
      }
    )
    if (!result) return
    if (result.ok) {
      setStep({ kind: 'preview', preview: result.value })
      return
    }
    const request =
      result.error.code === 'CSV_INVALID' ? mappingRequest(result.error.details) : null
    if (request) setStep({ kind: 'mapping', ...request, message: result.error.message })
    else setStep({ kind: 'choose' })
  }

  async function start(
    previewId: string,
    total: number,
    awardValidRows: boolean,
    names: readonly BatchNameChoice[]
  ): Promise<void> {
    if (desk && !desk.operator) {
      call.setError({
        code: 'INVALID_INPUT',
        message: 'Choose your name as the operator at the top of the desk first.'
      })
      document.getElementById('desk-operator')?.focus()
      return
    }
    const result = await call.run((kiln) =>
      kiln.awardsBatchStart({
        previewId,
        ...(awardValidRows ? { awardValidRows: true } : {}),
        ...(names.length > 0 ? { names: [...names] } : {}),
        ...(operator.trim() ? { operator: operator.trim() } : {})
      })
    )
    if (result?.ok) setStep({ kind: 'running', jobId: result.value.jobId, total })
  }

  function reset(): void {
    setFile(null)
    setInputKey((k) => k + 1)
    setStep({ kind: 'choose' })
    call.setError(null)
  }

  const badgeItems = published
    .filter(
      (b) =>
        badge?.id === b.id ||
        b.content.name.toLocaleLowerCase().includes(badgeQuery.trim().toLocaleLowerCase())
    )
    .map((b) => ({ id: b.id, title: b.content.name, detail: b.content.tags.join(' · ') }))

  if (step.kind === 'running') {
    return (
      <BatchJob
        key={step.jobId}
        jobId={step.jobId}
        total={step.total}
        badgeName={badge?.content.name ?? ''}
        onNext={reset}
      />
    )
  }

  return (
    <div className="batch">
      <div className="batch-choose card">
        <SearchPicker
          label="Badge to award"
          placeholder="Search badges…"
          items={badgeItems}
          inputValue={badgeQuery}
          onInputChange={(value) => {
            setBadgeQuery(value)
            if (badge && value !== badge.content.name) setBadge(null)
          }}
          selectedId={badge?.id ?? null}
          onSelect={(item) => {
            const picked = published.find((b) => b.id === item?.id) ?? null
            if (!picked) return
            setBadge(picked)
            setBadgeQuery(picked.content.name)
            void preview(picked, file)
          }}
          isRequired
          emptyText="No published badge matches."
        />
        <div className="field">
          <label className="field-label" htmlFor={fileId}>
            CSV file
          </label>
          <input
            key={inputKey}
            id={fileId}
            className="file-input"
            type="file"
            accept=".csv,.tsv,.txt,text/csv"
            aria-describedby={`${fileId}-help`}
            onChange={(event) => {
              const chosen = event.target.files?.[0]
              if (!chosen) return
              void readCsvChoice(chosen).then((next) => {
                if (!next.ok) {
                  setFile(null)
                  setStep({ kind: 'choose' })
                  call.setError(next.error)
                  return
                }
                setFile(next.value)
                void preview(badge, next.value)
              })
            }}
          />
          <span id={`${fileId}-help`} className="field-description">
            <FileUp aria-hidden="true" size={14} /> One person per row with a name and an e-mail
            (UTF-8, UTF-16 or Windows-1252; comma, semicolon or tab). Nothing is awarded until you
            accept the preview.
          </span>
        </div>
        <BusyStatus busy={call.busy}>Reading the file…</BusyStatus>
        <ErrorAlert error={call.error} />
      </div>

      {step.kind === 'mapping' && file ? (
        <section className="card" aria-labelledby="mapping-heading">
          <h2 id="mapping-heading">Match the columns</h2>
          <ColumnMapping
            key={file.name + step.columns.join()}
            columns={step.columns}
            initial={step.mapping}
            message={step.message}
            submitLabel="Preview with these columns"
            onSubmit={(mapping) => void preview(badge, file, mapping)}
            onCancel={reset}
          />
        </section>
      ) : null}

      {step.kind === 'preview' && file ? (
        <BatchPreviewView
          preview={step.preview}
          badgeName={badge?.content.name ?? ''}
          fileName={file.name}
          busy={call.busy}
          onStart={(valid, names) =>
            void start(step.preview.previewId, step.preview.counts.toAward, valid, names)
          }
          onChangeMapping={
            step.preview.csv
              ? () => {
                  const csv = step.preview.csv
                  if (csv) setStep({ kind: 'mapping', columns: csv.columns, mapping: csv.mapping })
                }
              : undefined
          }
          onDiscard={reset}
        />
      ) : null}
    </div>
  )
}
