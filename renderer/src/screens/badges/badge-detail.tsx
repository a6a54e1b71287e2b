/**
 * One badge: its image, everything that goes into its credentials, its frozen versions and how
 * often it was awarded, with Edit, Publish and Archive (archiving asks first).
 */
import { ArrowLeft, Archive, Pencil, Send } from 'lucide-react'
import { useCallback, useState, type ReactElement, type ReactNode } from 'react'
import { Button } from 'react-aria-components'
import type { KilnApi } from '../../../../shared/api.js'
import type { Result } from '../../../../shared/result.js'
import type { Badge } from '../../../../shared/types.js'
import { BusyStatus } from '../../components/busy-status.js'
import { ErrorAlert } from '../../components/error-alert.js'
import { ModalDialog } from '../../components/modal-dialog.js'
import { ScreenHeading } from '../../components/screen-heading.js'
import { useKilnQuery } from '../../hooks/use-kiln-query.js'
import { useMutation } from '../../hooks/use-mutation.js'
import { BadgeImage } from './badge-image.js'
import { achievementTypeLabel } from './catalog-filter.js'
import { expiryLabel, formatDate, STATUS_LABEL } from './labels.js'

type BadgeDetailProps = Readonly<{
  id: string
  notice?: string
  onBack: () => void
  onEdit: () => void
}>

export function BadgeDetail({ id, notice, onBack, onEdit }: BadgeDetailProps): ReactElement {
  const load = useCallback((kiln: KilnApi) => kiln.badgesGet({ id }), [id])
  const query = useKilnQuery(load, 'badges')
  return (
    <div className="badge-detail">
      <Button className="button badges-button-quiet badges-button-icon" onPress={onBack}>
        <ArrowLeft aria-hidden="true" size={18} /> All badges
      </Button>
      {query.phase === 'loading' ? <p role="status">Loading the badge…</p> : null}
      {query.phase === 'failed' ? <ErrorAlert error={query.error} /> : null}
      {query.phase === 'ready' ? (
        <DetailBody badge={query.value} notice={notice ?? ''} onEdit={onEdit} />
      ) : null}
    </div>
  )
}

type DetailBodyProps = Readonly<{ badge: Badge; notice: string; onEdit: () => void }>

function DetailBody({ badge, notice: savedNotice, onEdit }: DetailBodyProps): ReactElement {
  const action = useMutation()
  const [label, setLabel] = useState('')
  const [notice, setNotice] = useState(savedNotice)
  const content = badge.content

  async function run(
    busyLabel: string,
    call: (kiln: KilnApi) => Promise<Result<Badge>>,
    done: (b: Badge) => string
  ) {
    setLabel(busyLabel)
    setNotice('')
    const result = await action.run(call)
    if (result?.ok) setNotice(done(result.value))
  }

  const publish = () =>
    run(
      'Publishing…',
      (kiln) => kiln.badgesPublish({ id: badge.id }),
      (b) => {
        const latest = b.versions.at(-1)
        return `Published${latest ? ` version ${latest.version}` : ''}. It can now be awarded.`
      }
    )
  const archive = () =>
    run(
      'Archiving…',
      (kiln) => kiln.badgesArchive({ id: badge.id }),
      () => 'Archived. It accepts no new awards; its existing awards stay valid.'
    )

  return (
    <>
      <div className="badge-detail-head">
        <BadgeImage badge={badge} size={160} />
        <div>
          <ScreenHeading>{content.name}</ScreenHeading>
          <p className="badge-detail-status">
            <span className={`status status-${badge.status}`}>{STATUS_LABEL[badge.status]}</span>
            <span>
              {badge.awardCount} {badge.awardCount === 1 ? 'award' : 'awards'}
              {badge.lastAwardedAt ? `, last on ${formatDate(badge.lastAwardedAt)}` : ''}
            </span>
          </p>
          <div className="form-actions">
            {badge.status !== 'archived' ? (
              <Button className="button badges-button-icon" onPress={onEdit}>
                <Pencil aria-hidden="true" size={16} /> Edit
              </Button>
            ) : null}
            {badge.status === 'draft' ? (
              <Button
                className="button button-primary badges-button-icon"
                onPress={() => void publish()}
              >
                <Send aria-hidden="true" size={16} /> Publish
              </Button>
            ) : null}
            {badge.status !== 'archived' ? (
              <ArchiveButton name={content.name} onConfirm={() => void archive()} />
            ) : null}
            <BusyStatus busy={action.busy}>{label}</BusyStatus>
          </div>
        </div>
      </div>
      <p role="status" className="badge-notice">
        {notice}
      </p>
      <ErrorAlert error={action.error} />
      <h2>About this badge</h2>
      <dl className="details">
        <Row term="Description">{content.description}</Row>
        <Row term="Criteria">
          {content.criteria.narrative ? (
            <p className="badge-prose">{content.criteria.narrative}</p>
          ) : null}
          {content.criteria.url ? <code>{content.criteria.url}</code> : null}
        </Row>
        <Row term="Tags">{content.tags.length > 0 ? content.tags.join(', ') : 'None'}</Row>
        <Row term="Achievement type">{achievementTypeLabel(content.achievementType)}</Row>
        {content.creditsAvailable !== undefined ? (
          <Row term="Credits">{String(content.creditsAvailable)}</Row>
        ) : null}
        {content.fieldOfStudy ? <Row term="Field of study">{content.fieldOfStudy}</Row> : null}
        {content.humanCode ? <Row term="Code">{content.humanCode}</Row> : null}
        <Row term="Expiry">{expiryLabel(content.expiry)}</Row>
        {content.evidencePrompt ? <Row term="Evidence prompt">{content.evidencePrompt}</Row> : null}
        <Row term="Alignments">
          {content.alignments.length === 0 ? (
            'None'
          ) : (
            <ul className="badge-alignments">
              {content.alignments.map((a, i) => (
                <li key={`${a.targetUrl}-${i}`}>
                  {a.targetName}
                  {a.targetFramework
                    ? ` (${a.targetFramework}${a.targetCode ? ` ${a.targetCode}` : ''})`
                    : ''}
                  {' — '}
                  <code>{a.targetUrl}</code>
                </li>
              ))}
            </ul>
          )}
        </Row>
      </dl>
      <h2>Versions</h2>
      {badge.versions.length === 0 ? (
        <p className="empty-state">Not published yet: publishing freezes version 1.</p>
      ) : (
        <table className="table badge-versions">
          <caption className="visually-hidden">Versions</caption>
          <thead>
            <tr>
              <th scope="col">Version</th>
              <th scope="col">Published</th>
              <th scope="col">Name</th>
            </tr>
          </thead>
          <tbody>
            {[...badge.versions].reverse().map((v) => (
              <tr key={v.version}>
                <th scope="row">Version {v.version}</th>
                <td>{formatDate(v.publishedAt)}</td>
                <td>{v.content.name}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </>
  )
}

function Row({ term, children }: Readonly<{ term: string; children: ReactNode }>): ReactElement {
  return (
    <div className="details-row">
      <dt>{term}</dt>
      <dd>{children}</dd>
    </div>
  )
}

function ArchiveButton({ name, onConfirm }: Readonly<{ name: string; onConfirm: () => void }>) {
  const [open, setOpen] = useState(false)
  return (
    <>
      <Button className="button badges-button-icon" onPress={() => setOpen(true)}>
        <Archive aria-hidden="true" size={16} /> Archive
      </Button>
      <ModalDialog
        title={`Archive “${name}”?`}
        role="alertdialog"
        isOpen={open}
        onOpenChange={setOpen}
      >
        <p>
          An archived badge can no longer be awarded or edited. Everyone who already has it keeps a
          valid credential.
        </p>
        <div className="form-actions">
          <Button className="button" onPress={() => setOpen(false)} autoFocus>
            Cancel
          </Button>
          <Button
            className="button badges-button-danger"
            onPress={() => {
              setOpen(false)
              onConfirm()
            }}
          >
            Archive badge
          </Button>
        </div>
      </ModalDialog>
    </>
  )
}
