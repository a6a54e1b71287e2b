import { UploadCloud } from 'lucide-react'
import type { ReactElement } from 'react'
import type { KilnApi } from '../../../../shared/api.js'
import { useKilnQuery } from '../../hooks/use-kiln-query.js'
import { formatDateTime } from '../settings/when.js'
import './publish-note.css'

const loadStatus = (kiln: KilnApi): ReturnType<KilnApi['publishStatus']> => kiln.publishStatus({})
const DOMAINS = ['awards', 'bundles', 'station'] as const

/** The header's quiet publishing note: what waits to be published and when the site last was. */
export function PublishNote(): ReactElement {
  const query = useKilnQuery(loadStatus, DOMAINS)
  const status = query.phase === 'ready' ? query.value : null
  if (!status?.target) return <span className="shell-publish" />
  const waiting =
    status.waiting === 0
      ? 'Site up to date'
      : `${status.waiting} award${status.waiting === 1 ? '' : 's'} waiting to be published`
  const last = status.lastPublishedAt
    ? `last published ${formatDateTime(status.lastPublishedAt)}`
    : 'not published yet'
  return (
    <span role="status" className="shell-publish">
      <UploadCloud aria-hidden="true" size={16} /> {status.running ? 'Publishing… ' : ''}
      {waiting} · {last}
    </span>
  )
}
