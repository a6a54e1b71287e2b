/// <reference lib="dom" />
/** What every script of the site needs: the site root, fetching, saving a file, the file:// notice. */
import { runtimeTexts } from './texts.js'

export function meta(name: string): string {
  return document.querySelector(`meta[name="${name}"]`)?.getAttribute('content') ?? ''
}

/** True (and the notice shown, once) when the page was opened from file://, where fetch fails. */
export function servedFromFile(): boolean {
  if (location.protocol !== 'file:') return false
  if (!document.getElementById('file-notice')) {
    const notice = document.createElement('div')
    notice.id = 'file-notice'
    notice.className = 'notice notice-info'
    notice.setAttribute('role', 'note')
    const p = document.createElement('p')
    p.textContent = runtimeTexts().fileNotice
    notice.append(p)
    document.querySelector('main')?.prepend(notice)
  }
  return true
}

export async function fetchBytes(url: string): Promise<Uint8Array> {
  const res = await fetch(new URL(url, document.baseURI).href, { cache: 'no-cache' })
  if (!res.ok) {
    throw new Error(`${new URL(res.url || url, document.baseURI).pathname}: HTTP ${res.status}`)
  }
  return new Uint8Array(await res.arrayBuffer())
}

/** Hands `bytes` to the browser as a download named `name`. */
export function saveFile(bytes: Uint8Array | string, name: string, type: string): void {
  const blob = new Blob([typeof bytes === 'string' ? bytes : bytes.slice()], { type })
  const url = URL.createObjectURL(blob)
  const a = document.createElement('a')
  a.href = url
  a.download = name
  a.hidden = true
  document.body.append(a)
  a.click()
  a.remove()
  setTimeout(() => URL.revokeObjectURL(url), 60_000)
}
