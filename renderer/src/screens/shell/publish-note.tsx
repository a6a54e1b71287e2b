import { UploadCloud } from 'lucide-react'
import { useEffect, useState, type ReactElement } from 'react'
import type { PublishStatus } from '../../../../shared/methods/publish.js'
import { kiln } from '../../api/client.js'
import { formatDateTime } from '../settings/when.js'
import './publish-note.css'

/** The header's quiet publishing note: what waits to be published and when the site last was. */
export function PublishNote(): ReactElement {
  const [status, setStatus] = useState<PublishStatus | null>(null)
  useEffect(() => {
    let active = true
    let timer: ReturnType<typeof setTimeout> | undefined
    const load = (): void => {
      void kiln.publishStatus({}).then((r) => {
        if (active) setStatus(r.ok ? r.value : null)
      })
    }
    load()
    const off = kiln.on('data:changed', (change) => {
      if (
        change.domain !== 'awards' &&
        change.domain !== 'bundles' &&
        change.domain !== 'station'
      ) {
        return
      }
      if (timer !== undefined) clearTimeout(timer)
      timer = setTimeout(load, 300)
    })
    return () => {
      active = false
      off()
      if (timer !== undefined) clearTimeout(timer)
    }
  }, [])
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
