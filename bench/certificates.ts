/**
 * A 1,000-page batch certificate PDF (issue 6): one pdfkit document, one page per award,
 * each with its own signed credential attached, its QR code and its URL; the badge image
 * embedded once. Targets on the 2-core reference machine: ≤ 5 s and ≤ 15 KB per page
 * beyond the first. CPU seconds are printed too: on a busy machine they are the steadier figure.
 *
 *   node --import tsx bench/certificates.ts
 */
import { readFileSync } from 'node:fs'
import path from 'node:path'
import { monitorEventLoopDelay } from 'node:perf_hooks'
import { fileURLToPath, pathToFileURL } from 'node:url'
import { baseInput, newIssuer, signCredential } from '../main/core/credentials/test-kit.js'
import type { CertificateData } from '../main/core/pdf/certificate-data.js'
import { renderCertificates } from '../main/core/pdf/render.js'
import { TimeSlicer } from '../main/core/jobs/time-slicer.js'
import type { TemplateName } from '../main/core/pdf/templates.js'

export type CertificatesBenchResult = {
  pages: number
  template: TemplateName
  seconds: number
  cpuSeconds: number
  pagesPerSec: number
  totalKB: number
  kbPerPageBeyondFirst: number
  meetsTarget: boolean
  /** The longest the event loop waited while the PDF was rendered (as the job yields). */
  maxLoopDelayMs: number
}

const FIRST = [
  'Zoë',
  'Łukasz',
  'Ana',
  'Dmitri',
  'Σοφία',
  'Jürgen',
  'Nguyễn Thị',
  'Siobhán',
  'Ola',
  'François'
]
const LAST = [
  'Yılmaz',
  'Kowalski',
  'García-Márquez',
  'Ivanov',
  'Παπαδοπούλου',
  'Müller',
  'Ánh',
  "O'Connor",
  'Nordmann',
  'Lefèvre'
]
const CJK = ['王秀英', '山田 さくら', '김민준']

function recipientName(i: number): string {
  if (i % 20 === 7) return CJK[i % CJK.length] as string
  return `${FIRST[i % FIRST.length]} ${LAST[Math.floor(i / FIRST.length) % LAST.length]}`
}

export async function runCertificatesBench(
  opts: { pages?: number; template?: TemplateName; log?: (line: string) => void } = {}
): Promise<CertificatesBenchResult> {
  const log = opts.log ?? ((line: string) => console.log(line))
  const pages = opts.pages ?? 1000
  const template = opts.template ?? 'classic'
  const badge = readFileSync(
    path.join(path.dirname(fileURLToPath(import.meta.url)), '../resources/icon.png')
  )
  const issuer = newIssuer()
  const items = new Map<string, CertificateData>()
  for (let i = 0; i < pages; i++) {
    const awardId = `7f3c${String(i).padStart(4, '0')}-9398-40cb-bf59-b05262e3b7a2`
    const name = recipientName(i)
    const input = baseInput(issuer.profile, {
      award: {
        id: awardId,
        awardedDate: '2026-03-14T10:00:00Z',
        validFrom: '2026-03-14T10:00:00Z'
      },
      recipient: { name, email: `person${i}@example.org`, salt: 'c0ffee00c0ffee00c0ffee00c0ffee00' }
    })
    const credential = await signCredential(issuer, input)
    items.set(awardId, {
      awardId,
      recipientName: name,
      achievementName: 'Intercultural Communication',
      achievementDescription:
        'Communicates clearly and respectfully across languages and cultures; completed the twelve-hour workshop series and its assessed project.',
      awardedDate: '2026-03-14T10:00:00Z',
      validUntil: '2028-03-14T10:00:00Z',
      credits: 1.5,
      issuerName: 'Example Association of Professional Educators',
      credentialId: `https://badges.example.org/credentials/${awardId}`,
      pageUrl: `https://badges.example.org/credentials/${awardId}/`,
      imageKey: 'badge-v1',
      image: badge,
      credentialJson: JSON.stringify(credential)
    })
  }
  const ids = [...items.keys()]
  const load = (id: string): CertificateData => items.get(id) as CertificateData
  const options = { template, pageSize: 'a4' as const }
  // Warm up (JIT, font parsing) outside the timed part; the one-page size is the baseline.
  const first = await renderCertificates(ids.slice(0, 1), load, options)
  const cpu0 = process.cpuUsage()
  const start = performance.now()
  const slicer = new TimeSlicer()
  const delay = monitorEventLoopDelay({ resolution: 1 })
  delay.enable()
  const pdf = await renderCertificates(ids, load, options, {
    yieldIfDue: () => slicer.yieldIfDue()
  })
  delay.disable()
  const seconds = (performance.now() - start) / 1000
  const cpu = process.cpuUsage(cpu0)
  const cpuSeconds = (cpu.user + cpu.system) / 1e6
  const kbPerPageBeyondFirst = (pdf.length - first.length) / Math.max(1, pages - 1) / 1024
  const result: CertificatesBenchResult = {
    pages,
    template,
    seconds: Math.round(seconds * 100) / 100,
    cpuSeconds: Math.round(cpuSeconds * 100) / 100,
    pagesPerSec: Math.round(pages / seconds),
    totalKB: Math.round(pdf.length / 1024),
    kbPerPageBeyondFirst: Math.round(kbPerPageBeyondFirst * 100) / 100,
    meetsTarget: seconds <= 5 && kbPerPageBeyondFirst <= 15,
    maxLoopDelayMs: Math.round(delay.max / 1e6)
  }
  log(
    `certificates: ${pages} pages (${template}, A4) in ${result.seconds} s wall, ${result.cpuSeconds} s CPU: ${result.pagesPerSec} pages/s`
  )
  log(
    `certificates: ${result.totalKB} KB in all, ${result.kbPerPageBeyondFirst} KB per page beyond the first (one page alone: ${Math.round(first.length / 1024)} KB)`
  )
  log(`certificates: target ≤ 5 s and ≤ 15 KB/page: ${result.meetsTarget ? 'met' : 'NOT met'}`)
  log(`certificates: longest event-loop delay while rendering: ${result.maxLoopDelayMs} ms`)
  return result
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const template = process.argv[2] === 'modern' ? 'modern' : 'classic'
  await runCertificatesBench({ template })
}
