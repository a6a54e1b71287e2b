import { readFileSync } from 'node:fs'
import { renderCertificates } from './main/core/pdf/render.js'
import type { CertificateData } from './main/core/pdf/certificate-data.js'
const img = readFileSync('resources/icon.png')
const N = Number(process.argv[2] ?? 200)
const d = (i: number): CertificateData => ({ awardId: 'awd_' + i, recipientName: 'Zoë Person ' + i, achievementName: 'Teamwork & Collaboration', achievementDescription: 'Demonstrated outstanding collaboration across teams during the 2026 spring workshop series, including peer review, facilitation and constructive feedback.', awardedDate: '2026-03-14T10:00:00Z', validUntil: '2027-03-14T10:00:00Z', credits: 1.5, issuerName: 'Example Association', credentialId: 'https://badges.example.org/credentials/' + crypto.randomUUID(), pageUrl: 'https://badges.example.org/credentials/' + crypto.randomUUID() + '/', imageKey: 'x', image: img, credentialJson: JSON.stringify({ i, pad: crypto.randomUUID().repeat(40) }) })
const ids = Array.from({ length: N }, (_, i) => String(i))
await renderCertificates(['0'], (id) => d(Number(id)), { template: 'classic', pageSize: 'a4' })
const c0 = process.cpuUsage(); const t = performance.now()
const pdf = await renderCertificates(ids, (id) => d(Number(id)), { template: process.argv[3] === 'modern' ? 'modern' : 'classic', pageSize: 'a4' })
const s = (performance.now() - t) / 1000
const cu = process.cpuUsage(c0); console.log("cpu", ((cu.user + cu.system) / 1e6).toFixed(2)); console.log(N, "pages", s.toFixed(2), 's', (N / s).toFixed(0), 'pages/s', (pdf.length / N / 1024).toFixed(1), 'KB/page')
