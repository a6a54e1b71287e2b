import { writeFileSync, readFileSync } from 'node:fs'
import { renderCertificates } from './main/core/pdf/render.js'
import type { CertificateData } from './main/core/pdf/certificate-data.js'
const img = readFileSync('/work/shared/fixtures/icon-256.png')
const names = ['Zoë Łukasiewicz-Ñúñez', 'Αλέξανδρος Παπαδόπουλος', 'Дмитрий Ёжиков', '王秀英', '山田 太郎 (やまだ たろう)', '김민준', 'محمد بن علي', 'דוד כהן', 'Maria Antonieta de las Nieves Fernández-Castellanos y Rodríguez de la Huerta']
const base = (n: string, i: number): CertificateData => ({ awardId: 'aw' + i, recipientName: n, achievementName: i === 8 ? 'Advanced Interdisciplinary Research Methods in Sustainable Urban Infrastructure Planning and Design' : 'Teamwork & Collaboration', achievementDescription: 'Demonstrated outstanding collaboration across teams during the 2026 spring workshop series, including peer review, facilitation and constructive feedback.', achievementType: 'Badge', awardedDate: '2026-03-14T10:00:00Z', validUntil: '2027-03-14T10:00:00Z', credits: 1.5, issuerName: 'Example Association of Professional Educators', credentialId: 'https://badges.example.org/credentials/aw' + i + '/credential.json', pageUrl: 'https://badges.example.org/credentials/aw' + i + '/', imageKey: 'x', image: img, credentialJson: '{"id":"x' + i + '"}' })
for (const t of ['classic', 'modern'] as const) {
  const pdf = await renderCertificates(names.map((_, i) => 'aw' + i), (id) => base(names[Number(id.slice(2))]!, Number(id.slice(2))), { template: t, pageSize: t === 'classic' ? 'a4' : 'letter', signer: t === 'modern' ? { name: 'Dr. Jane Smith', title: 'Director of Education' } : {} })
  writeFileSync(`/tmp/kp/${t}.pdf`, pdf)
  console.log(t, pdf.length)
}
