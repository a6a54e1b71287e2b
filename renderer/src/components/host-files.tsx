/**
 * Files and folders across the two hosts. In `kiln serve` the page is a browser tab: an export
 * the station wrote is handed over as a download (host:readOutput). A typed folder is checked
 * as the person types (host:checkFolder): whether it exists and Kiln may write there.
 */
import { CircleAlert, CircleCheck } from 'lucide-react'
import { useEffect, useState, type ReactElement } from 'react'
import type { KilnApi } from '../../../shared/api.js'
import type { FolderCheck } from '../../../shared/methods/station.js'
import type { Result } from '../../../shared/result.js'
import { useKiln } from '../api/kiln-context.js'
import { useDebounced } from '../hooks/use-debounced.js'
import { useKilnQuery } from '../hooks/use-kiln-query.js'
import { downloadBase64 } from './downloads.js'
import './host-files.css'

const loadInfo = (kiln: KilnApi) => kiln.appInfo({})

/** 'web' in a browser tab (kiln serve), 'electron' in the app; null until known. */
export function useHostKind(): 'electron' | 'web' | 'cli' | null {
  const info = useKilnQuery(loadInfo, 'station')
  return info.phase === 'ready' ? info.value.host : null
}

/** Hands a file the station wrote to the browser as a download named `fileName`. */
export async function downloadOutput(
  kiln: KilnApi,
  path: string,
  fileName: string
): Promise<Result<{ fileName: string }>> {
  const read = await kiln.hostReadOutput({ path })
  if (!read.ok) return read
  downloadBase64(fileName, read.value.mediaType, read.value.base64)
  return { ok: true, value: { fileName } }
}

const CHECK_PAUSE_MS = 350

type FolderCheckProps = Readonly<{
  id: string
  path: string
  /** The path names a file to write (a .zip): its folder is checked. */
  forFile?: boolean
}>

/**
 * One line under a folder field: whether the folder exists and Kiln may write there. A live
 * region, so the answer is read out when it changes; nothing while the field is empty.
 */
export function FolderCheckNote({ id, path, forFile = false }: FolderCheckProps): ReactElement {
  const kiln = useKiln()
  const typed = useDebounced(path.trim(), CHECK_PAUSE_MS)
  const [check, setCheck] = useState<Readonly<{ path: string; result: FolderCheck }> | null>(null)

  useEffect(() => {
    if (!typed) return
    let active = true
    void kiln.hostCheckFolder({ path: typed, ...(forFile ? { forFile: true } : {}) }).then((r) => {
      if (active && r.ok) setCheck({ path: typed, result: r.value })
    })
    return () => {
      active = false
    }
  }, [kiln, typed, forFile])

  const shown = check && check.path === path.trim() ? check.result : null
  const good = shown?.writable === true
  return (
    <p
      id={id}
      role="status"
      className={
        shown ? `folder-check ${good ? 'folder-check-ok' : 'folder-check-bad'}` : 'folder-check'
      }
    >
      {shown ? (
        <>
          {good ? (
            <CircleCheck aria-hidden="true" size={16} />
          ) : (
            <CircleAlert aria-hidden="true" size={16} />
          )}
          <span>{shown.message}</span>
        </>
      ) : null}
    </p>
  )
}
