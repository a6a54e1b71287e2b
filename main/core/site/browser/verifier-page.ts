/// <reference lib="dom" />
/**
 * verify/verifier.js (entry point): the pages around the in-browser verifier engine
 * (verifier.ts). On the verifier page: a pasted credential, or a chosen or dropped file — a baked
 * PNG or SVG, credential JSON, or a PDF certificate — is checked when chosen and again when
 * Verify is pressed (the most recent input counts, never an empty text box); `?credential=ID`
 * checks that credential of the site. On a credential page (where assets/site.js loads this
 * script when Verify is first pressed): checks the page's credential, updates its status, and
 * takes over the button. Results use the page's language (texts.ts).
 */
import { unbakePng } from '../../baking/png.js'
import { unbakeSvg } from '../../baking/svg.js'
import { servedFromFile } from './page-common.js'
import { isPdf, pdfCredentials } from './pdf-credentials.js'
import { runtimeTexts } from './texts.js'
import {
  fetchJson,
  siteRoot,
  verifyCredentialInBrowser,
  type Check,
  type Outcome,
  type Report
} from './verifier.js'

const isObj = (v: unknown): v is Record<string, unknown> =>
  v !== null && typeof v === 'object' && !Array.isArray(v)

/** The engine's messages for a passed check, which the page says in its own language. */
const ENGINE_PASSED: Readonly<Record<string, string>> = {
  Signature: 'The signature is valid.',
  'Issuer key': 'The issuer publishes this signing key in its did.json.',
  Dates: 'Within its validity dates.',
  Status: 'Not revoked (signed status list checked).'
}

function label(outcome: Outcome): string {
  const t = runtimeTexts()
  return { verified: t.verified, revoked: t.revoked, expired: t.expired, invalid: t.notVerified }[
    outcome
  ]
}

function checkLine(c: Check): string {
  const t = runtimeTexts()
  const name = t.checkNames[c.name] ?? c.name
  const message =
    c.ok === true && ENGINE_PASSED[c.name] === c.message
      ? (t.passed[c.name] ?? c.message)
      : c.message
  return `${c.ok === true ? '✔' : c.ok === false ? '✘' : '–'} ${name}: ${message}`
}

function reportBlock(report: Report): HTMLElement {
  const block = document.createElement('div')
  block.dataset.outcome = report.outcome
  const head = document.createElement('p')
  head.className = `outcome outcome-${report.outcome}`
  head.textContent = label(report.outcome)
  const list = document.createElement('ul')
  list.className = 'checks'
  for (const c of report.checks) {
    const li = document.createElement('li')
    li.textContent = checkLine(c)
    list.append(li)
  }
  block.append(head, list)
  const credential = report.credential
  if (credential) {
    const subject = isObj(credential.credentialSubject) ? credential.credentialSubject : {}
    const p = document.createElement('p')
    p.textContent = `${String(credential.name ?? '')} — ${String(subject.name ?? '')}`
    block.append(p)
  }
  return block
}

function show(target: HTMLElement, reports: readonly Report[], note?: string): void {
  target.replaceChildren()
  target.dataset.outcome = reports[0]?.outcome ?? 'invalid'
  if (note) {
    const p = document.createElement('p')
    p.textContent = note
    target.append(p)
  }
  for (const r of reports) target.append(reportBlock(r))
}

const failed = (name: string, message: string): Report => ({
  outcome: 'invalid',
  checks: [{ name, ok: false, message }]
})

async function verifyJsonText(text: string): Promise<Report> {
  let parsed: unknown
  try {
    parsed = JSON.parse(text)
  } catch {
    return failed('Format', runtimeTexts().notJson)
  }
  return verifyCredentialInBrowser(parsed)
}

/** The credentials in a file, read from its bytes (not its name). */
async function verifyBytes(bytes: Uint8Array): Promise<{ reports: Report[]; note?: string }> {
  const t = runtimeTexts()
  try {
    if (bytes[0] === 0x89 && bytes[1] === 0x50) {
      const text = unbakePng(bytes)
      return {
        reports: [
          text === undefined ? failed('Format', t.nothingInFile) : await verifyJsonText(text)
        ]
      }
    }
    if (isPdf(bytes)) {
      const found = pdfCredentials(bytes)
      if (found.length === 0) return { reports: [failed('Format', t.nothingInFile)] }
      const reports: Report[] = []
      for (const c of found) reports.push(await verifyCredentialInBrowser(c))
      return found.length > 1
        ? { reports, note: t.pdfCount.replace('{n}', String(found.length)) }
        : { reports }
    }
    const text = new TextDecoder().decode(bytes).trim()
    if (text.startsWith('<')) {
      const baked = unbakeSvg(text)
      return {
        reports: [
          baked?.kind === 'json'
            ? await verifyJsonText(baked.text)
            : failed('Format', t.nothingInFile)
        ]
      }
    }
    return { reports: [await verifyJsonText(text)] }
  } catch (e) {
    return { reports: [failed('Format', e instanceof Error ? e.message : String(e))] }
  }
}

function wireVerifierPage(): void {
  const form = document.getElementById('verify-form')
  const input = document.getElementById('credential-text')
  const fileInput = document.getElementById('credential-file')
  const out = document.getElementById('verify-result')
  if (!(form instanceof HTMLFormElement) || !(input instanceof HTMLTextAreaElement) || !out) return
  const t = runtimeTexts()
  servedFromFile()
  /** The most recent input: a chosen or dropped file, or the text box. */
  let latest: File | 'text' | undefined
  const run = async (job: () => Promise<{ reports: Report[]; note?: string }>): Promise<void> => {
    out.textContent = t.checking
    const { reports, note } = await job()
    show(out, reports, note)
  }
  const runFile = (file: File): Promise<void> =>
    run(async () => verifyBytes(new Uint8Array(await file.arrayBuffer())))
  form.addEventListener('submit', (e) => {
    e.preventDefault()
    const file = fileInput instanceof HTMLInputElement ? fileInput.files?.[0] : undefined
    if (latest instanceof File) void runFile(latest)
    else if (input.value.trim() !== '') {
      void run(async () => ({ reports: [await verifyJsonText(input.value)] }))
    } else if (file) void runFile(file)
    else show(out, [failed('Credential', t.nothingToVerify)])
  })
  input.addEventListener('input', () => {
    latest = 'text'
  })
  if (fileInput instanceof HTMLInputElement) {
    fileInput.addEventListener('change', () => {
      const file = fileInput.files?.[0]
      latest = file
      if (file) void runFile(file)
    })
  }
  let depth = 0
  document.addEventListener('dragenter', (e) => {
    e.preventDefault()
    if (depth++ === 0) document.body.classList.add('dragging')
  })
  document.addEventListener('dragleave', () => {
    if (--depth <= 0) {
      depth = 0
      document.body.classList.remove('dragging')
    }
  })
  document.addEventListener('dragover', (e) => e.preventDefault())
  document.addEventListener('drop', (e) => {
    e.preventDefault()
    depth = 0
    document.body.classList.remove('dragging')
    const file = e.dataTransfer?.files[0]
    if (!file) return
    latest = file
    void runFile(file)
  })
  const wanted = new URLSearchParams(location.search).get('credential')
  if (wanted && location.protocol !== 'file:') {
    const id = wanted.replace(/[^A-Za-z0-9._~-]/g, '')
    void run(async () => {
      try {
        const doc = await fetchJson(new URL(`credentials/${id}.json`, siteRoot()))
        return { reports: [await verifyCredentialInBrowser(doc)] }
      } catch {
        return { reports: [failed('Credential', t.noSuchCredential)] }
      }
    })
  }
}

/**
 * Credential pages name only the site root; the site's address, issuer and did.json path are
 * read from its manifest (kiln-manifest.json) and set as the meta elements the engine reads.
 */
async function ensureSiteIdentity(): Promise<boolean> {
  if (document.querySelector('meta[name="kiln-site-url"]')) return true
  const manifest = await fetchJson(new URL('kiln-manifest.json', siteRoot())).catch(() => null)
  if (!isObj(manifest)) return false
  const siteUrl = typeof manifest.siteUrl === 'string' ? manifest.siteUrl : ''
  const issuer = typeof manifest.issuer === 'string' ? manifest.issuer : ''
  let didPath = ''
  if (issuer.startsWith('did:web:') && siteUrl) {
    didPath =
      new URL(siteUrl).pathname.replace(/\/+$/, '') === '' ? '.well-known/did.json' : 'did.json'
  }
  for (const [name, content] of [
    ['kiln-site-url', siteUrl],
    ['kiln-issuer', issuer],
    ['kiln-did-path', didPath]
  ] as const) {
    const el = document.createElement('meta')
    el.name = name
    el.content = content
    document.head.append(el)
  }
  return true
}

function wireCredentialPage(): void {
  const button = document.getElementById('verify-button')
  const out = document.getElementById('verify-result')
  const src = document
    .querySelector('link[rel="alternate"][type="application/vc+ld+json"]')
    ?.getAttribute('href')
  if (!button || !out || !src) return
  const t = runtimeTexts()
  const run = (): void => {
    out.textContent = t.checking
    ensureSiteIdentity()
      .then(async (known) => {
        // Without the site's identity the engine would skip the key check: say so instead.
        if (!known) return failed('Credential', t.noManifest)
        return verifyCredentialInBrowser(await fetchJson(new URL(src, document.baseURI)))
      })
      .then((report) => {
        show(out, [report])
        const badge = document.getElementById('status-badge')
        if (badge) {
          badge.textContent = report.outcome === 'verified' ? t.active : label(report.outcome)
          badge.dataset.status = report.outcome
        }
      })
      .catch((e: unknown) => show(out, [failed('Credential', String(e))]))
  }
  button.addEventListener('click', run)
  if (document.documentElement.dataset.kilnVerify === 'requested') run()
}

if (typeof document !== 'undefined') {
  wireVerifierPage()
  wireCredentialPage()
}

// The engine's API, also reachable as the global `kilnVerifier` (the bundle's globalName).
export { unbake, verifyCredentialInBrowser } from './verifier.js'
