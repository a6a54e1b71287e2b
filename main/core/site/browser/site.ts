/// <reference lib="dom" />
/**
 * assets/site.js: the small script of credential and personal pages. It bakes the badge PNG
 * and SVG in the browser from the badge image and the credential JSON with the same functions
 * as `kiln export credential` (site/baked-files.ts), so the site stores no baked file per
 * award; zips a person's badges for "download all"; loads the verifier only when someone
 * presses Verify (it is ten times this script's size); and explains, instead of failing, when
 * a page was opened from file://. No eval, no inline script, no request outside the site.
 */
import { zipSync, type Zippable } from 'fflate'
import { bakedPng, bakedSvg, credentialFileText } from '../baked-files.js'
import { fetchBytes, meta, saveFile, servedFromFile } from './page-common.js'
import { runtimeTexts } from './texts.js'

async function credentialAt(url: string): Promise<unknown> {
  return JSON.parse(new TextDecoder().decode(await fetchBytes(url)))
}

/** The page's credential: <link rel="alternate" type="application/vc+ld+json">. */
function credentialLink(): string | undefined {
  return (
    document
      .querySelector('link[rel="alternate"][type="application/vc+ld+json"]')
      ?.getAttribute('href') ?? undefined
  )
}

/** "../credentials/<id>.json" → "<id>" (the name `kiln export credential` gives the files). */
function fileStem(url: string): string {
  const last = new URL(url, document.baseURI).pathname.split('/').pop() ?? 'badge'
  return decodeURIComponent(last.replace(/\.json$/, ''))
}

function say(target: Element | null, text: string): void {
  if (target) target.textContent = text
}

function wireDownloads(): void {
  const box = document.getElementById('downloads')
  const credentialUrl = credentialLink()
  if (!box || !credentialUrl || servedFromFile()) return
  const imageUrl = box.dataset.image
  const name = fileStem(credentialUrl)
  const status = document.getElementById('verify-result')
  const t = runtimeTexts()
  for (const el of Array.from(box.querySelectorAll<HTMLElement>('[data-format]'))) {
    el.hidden = false
    el.addEventListener('click', (event) => {
      event.preventDefault()
      const format = el.dataset.format
      void (async () => {
        try {
          const credential = await credentialAt(credentialUrl)
          if (format === 'json') {
            saveFile(credentialFileText(credential), `${name}.json`, 'application/vc+ld+json')
            return
          }
          if (!imageUrl) return
          const image = await fetchBytes(imageUrl)
          if (format === 'png') saveFile(bakedPng(image, credential), `${name}.png`, 'image/png')
          else saveFile(bakedSvg(image, credential), `${name}.svg`, 'image/svg+xml')
        } catch (e) {
          say(status, `${t.failed} ${e instanceof Error ? e.message : String(e)}`)
        }
      })()
    })
  }
}

/** "Share on LinkedIn" and "Share by e-mail" point at the page's public address (og:url). */
function wireShareLinks(): void {
  const url = document.querySelector('meta[property="og:url"]')?.getAttribute('content')
  if (!url) return
  const site = document.querySelector('meta[property="og:site_name"]')?.getAttribute('content')
  const title = document.querySelector('h1')?.textContent ?? ''
  for (const a of Array.from(document.querySelectorAll<HTMLAnchorElement>('a[data-share]'))) {
    const item = a.closest('li')
    if (a.dataset.share === 'linkedin') {
      a.href = `https://www.linkedin.com/sharing/share-offsite/?url=${encodeURIComponent(url)}`
    } else {
      const subject = encodeURIComponent(site ? `${title} — ${site}` : title)
      a.href = `mailto:?subject=${subject}&body=${encodeURIComponent(url)}`
    }
    if (item) item.hidden = false
  }
}

function wireVerifyButton(): void {
  const button = document.getElementById('verify-button')
  if (!(button instanceof HTMLButtonElement)) return
  const load = (): void => {
    if (servedFromFile()) return
    button.removeEventListener('click', load)
    say(document.getElementById('verify-result'), runtimeTexts().checking)
    // The verifier runs the check as it loads and handles the button from then on.
    document.documentElement.dataset.kilnVerify = 'requested'
    const script = document.createElement('script')
    script.src = new URL(
      'verify/verifier.js',
      new URL(meta('kiln-site-root') || './', document.baseURI)
    ).href
    document.head.append(script)
  }
  button.addEventListener('click', load)
}

function wirePersonalPage(): void {
  const button = document.getElementById('download-all')
  const list = document.getElementById('personal-badges')
  if (!(button instanceof HTMLButtonElement) || !list || servedFromFile()) return
  const status = document.getElementById('download-status')
  const t = runtimeTexts()
  button.hidden = false
  button.addEventListener('click', () => {
    button.disabled = true
    say(status, t.preparing)
    void (async () => {
      try {
        const files: Zippable = {}
        const images = new Map<string, Promise<Uint8Array>>()
        for (const item of Array.from(list.querySelectorAll<HTMLElement>('li'))) {
          const image = item.querySelector('img')?.getAttribute('src')
          const page = item.querySelector('a')?.getAttribute('href')
          if (!image || !page) continue
          // credentials/<id>/index.html → credentials/<id>.json
          const url = new URL(page.replace(/\/index\.html$/, '.json'), document.baseURI).href
          let bytes = images.get(image)
          if (!bytes) images.set(image, (bytes = fetchBytes(image)))
          const credential = await credentialAt(url)
          files[`${fileStem(url)}.png`] = [
            bakedPng(await bytes, credential),
            { level: 0, mtime: new Date(Date.UTC(1980, 0, 1)) }
          ]
        }
        saveFile(zipSync(files), 'badges.zip', 'application/zip')
        say(status, t.done)
      } catch (e) {
        say(status, `${t.failed} ${e instanceof Error ? e.message : String(e)}`)
      } finally {
        button.disabled = false
      }
    })()
  })
}

wireDownloads()
wireShareLinks()
wireVerifyButton()
wirePersonalPage()
