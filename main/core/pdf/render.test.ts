import { spawnSync } from 'node:child_process'
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import PDFDocument from 'pdfkit'
import { afterAll, describe, expect, it } from 'vitest'
import type { CertificateData } from './certificate-data.js'
import { hasGlyph, splitRuns, visualRuns, type FontFace } from './fonts.js'
import { renderCertificates, type CertificateOptions } from './render.js'
import { pdfAttachments } from './attachments.js'
import { fitLine } from './text.js'

const dir = mkdtempSync(path.join(os.tmpdir(), 'kiln-'))
afterAll(() => rmSync(dir, { recursive: true, force: true }))

const BADGE_PNG = readFileSync(path.join(import.meta.dirname, '../../../resources/icon.png'))

const NAMES: Readonly<Record<string, string>> = {
  latin: 'Zoë Łukasiewicz-Ñúñez Ørsted Çağlar Dvořák Nguyễn Thị Ánh',
  greek: 'Αλέξανδρος Παπαδόπουλος',
  cyrillic: 'Дмитрий Ёжиков-Щукин',
  chinese: '王秀英',
  japanese: '山田 太郎',
  kana: 'さくら ミナミ',
  korean: '김민준',
  arabic: 'محمد بن علي',
  hebrew: 'דוד כהן',
  // Noto Sans Arabic draws many letters from a shared body plus dots (REH/ZAIN, DAL/THAL,
  // BEH/TEH/THEH/NOON/YEH, SAD/DAD, TAH/ZAH, AIN/GHAIN, HAH/JEEM/KHAH, SEEN/SHEEN, FEH/QAF),
  // in initial, medial, final and isolated forms, with the lam-alef and Allah ligatures.
  'arabic reh/zain': 'فاطمة الزهراء',
  'arabic allah ligature': 'عبد الله',
  'arabic lam-alef': 'لانا خليل',
  'arabic dal/thal': 'ذكرى الدوري',
  'arabic dotless bodies': 'ثامر بن تميم نجيب',
  'arabic sad/dad': 'ضياء صالح',
  'arabic tah/zah': 'ظافر طلال',
  'arabic feh/qaf': 'قاسم فضل',
  'arabic hah/jeem/khah': 'خالد جمال حسن',
  'arabic ain/ghain': 'غادة شحادة',
  'arabic seen/sheen': 'سلمى شريف',
  'arabic zain/reh again': 'زينب رزان',
  'arabic hamza forms': 'آمنة لؤي يوسف إبراهيم',
  persian: 'پگاه چمران',
  'hebrew final forms': 'מרים אביטל',
  'hebrew final nun, tsadi': 'אהרן צבי כץ',
  'hebrew final kaf, pe': 'יוסף ברוך',
  long: 'Maria Antonieta de las Nieves Fernández-Castellanos y Rodríguez de la Huerta Montenegro'
}

function data(name: string, i: number, over: Partial<CertificateData> = {}): CertificateData {
  return {
    awardId: `awd_${i}`,
    recipientName: name,
    achievementName: 'Teamwork & Collaboration',
    achievementDescription:
      'Demonstrated outstanding collaboration across teams during the spring workshop series.',
    awardedDate: '2026-03-14T10:00:00Z',
    validUntil: '2027-03-14T10:00:00Z',
    credits: 1.5,
    issuerName: 'Example Association',
    credentialId: `https://badges.example.org/credentials/awd_${i}`,
    pageUrl: `https://badges.example.org/credentials/awd_${i}/`,
    imageKey: 'badge-1',
    image: BADGE_PNG,
    credentialJson: JSON.stringify({ id: `urn:test:${i}`, name }),
    ...over
  }
}

async function render(
  items: CertificateData[],
  options: Partial<CertificateOptions> = {}
): Promise<Buffer> {
  const byId = new Map(items.map((d) => [d.awardId, d]))
  return renderCertificates(
    items.map((d) => d.awardId),
    (id) => byId.get(id) as CertificateData,
    { template: 'classic', pageSize: 'a4', ...options }
  )
}

function pdftotext(pdf: Buffer): string {
  const file = path.join(dir, `t-${Math.random().toString(36).slice(2)}.pdf`)
  writeFileSync(file, pdf)
  const run = spawnSync('pdftotext', ['-enc', 'UTF-8', file, '-'], { encoding: 'utf8' })
  if (run.error) throw new Error('pdftotext is required (apt-get install -y poppler-utils)')
  return run.stdout
}

describe('font fallback', () => {
  const expected: Record<string, FontFace[]> = {
    latin: ['latinBold'],
    greek: ['latinBold'],
    cyrillic: ['latinBold'],
    chinese: ['sc'],
    japanese: ['sc'], // kanji alone cannot be told from Chinese: Chinese forms
    kana: ['jp'],
    korean: ['kr']
  }
  for (const [script, faces] of Object.entries(expected)) {
    it(`sets a ${script} name in ${faces.join('+')} with a glyph for every character`, () => {
      const runs = splitRuns(NAMES[script] as string, 'bold')
      expect(runs.map((r) => r.face)).toEqual(faces)
      for (const run of runs) {
        for (const ch of run.text) {
          expect(hasGlyph(run.face, ch.codePointAt(0) ?? 0), `${ch} in ${run.face}`).toBe(true)
        }
      }
    })
  }

  it('splits a mixed name into runs and marks Arabic and Hebrew runs right-to-left', () => {
    const runs = splitRuns('Dr. محمد علي and 王', 'regular')
    expect(runs.map((r) => [r.face, r.rtl])).toEqual([
      ['latin', false],
      ['arabic', true],
      ['latin', false],
      ['sc', false]
    ])
    expect(splitRuns('דוד כהן', 'bold')).toEqual([
      { text: 'דוד כהן', face: 'hebrewBold', rtl: true }
    ])
  })
})

describe('bidi ordering of a line', () => {
  const visual = (text: string) => visualRuns(splitRuns(text, 'bold')).map((r) => r.text)
  it('draws right-to-left words from the right, keeping Latin and digits left to right', () => {
    expect(visual('محمد بن علي')).toEqual(['علي', ' ', 'بن', ' ', 'محمد'])
    expect(visual('Dr. محمد علي')).toEqual(['Dr. ', 'علي', ' ', 'محمد'])
    expect(visual('דוד כהן 2')).toEqual(['2', ' ', 'כהן', ' ', 'דוד'])
    expect(visual('محمد (Mo) علي')).toEqual(['علي', ' ', '(', 'Mo', ')', ' ', 'محمد'])
    expect(visual('Zoë Yılmaz')).toEqual(['Zoë Yılmaz'])
  })
})

describe('certificate PDFs', () => {
  it('keeps every recipient name as text, exactly, in every script and both templates', async () => {
    for (const template of ['classic', 'modern'] as const) {
      const items = Object.values(NAMES).map((name, i) => data(name, i))
      const text = pdftotext(
        await render(items, { template, pageSize: template === 'modern' ? 'letter' : 'a4' })
      )
      // Exactly: a line of its own that is the name (poppler wraps right-to-left text in
      // U+202B … U+202C embedding marks, which are not part of the name).
      const lines = text.split('\n').map((l) => l.replace(/[\u202a-\u202e]/g, '').trim())
      for (const name of Object.values(NAMES)) expect(lines, `${template}: ${name}`).toContain(name)
      expect(text).toContain('Teamwork & Collaboration')
      expect(text).toContain('1.5 CE credits')
      expect(text).toContain('14 March 2027')
    }
  })

  it('embeds only the fonts used, as subsets (a CJK page stays small)', async () => {
    const latin = await render([data(NAMES.latin as string, 1)])
    const cjk = await render([data(NAMES.chinese as string, 1)])
    expect(latin.toString('latin1')).not.toContain('NotoSansSC')
    expect(cjk.toString('latin1')).toMatch(/\/FontName \/[A-Z]{6}\+NotoSansSC/)
    // The Noto Sans SC file is 10 MB; the subset holds three glyphs.
    expect(cjk.length).toBeLessThan(latin.length + 30_000)
  })

  it('attaches each credential and embeds the badge image once for a whole batch', async () => {
    const items = Array.from({ length: 60 }, (_, i) => data(`Person ${i}`, i))
    const pdf = await render(items)
    const attachments = await pdfAttachments(pdf)
    expect(attachments.map((a) => a.name).sort()).toEqual(
      items.map((d) => `credential-${d.awardId}.json`).sort()
    )
    const seventh = attachments.find((a) => a.name === 'credential-awd_7.json')
    expect(seventh?.mediaType).toBe('application/vc+ld+json')
    expect(JSON.parse(seventh?.data.toString('utf8') ?? '')).toEqual({
      id: 'urn:test:7',
      name: 'Person 7'
    })
    const images = pdf.toString('latin1').match(/\/Subtype \/Image/g) ?? []
    expect(images.length).toBeLessThanOrEqual(2) // the image and, for PNG alpha, its soft mask
    const one = await render(items.slice(0, 1))
    expect((pdf.length - one.length) / 59).toBeLessThan(15_000)
  })

  it('never lets a long name leave its box: shrinks, then condenses', () => {
    const doc = new PDFDocument({ autoFirstPage: false })
    const long = 'Wolfeschlegelsteinhausenbergerdorff '.repeat(8).trim()
    const fit = fitLine(doc, long, 400, { weight: 'bold', size: 36, minSize: 14, color: '#000' })
    expect(fit.size).toBe(14)
    expect(fit.scale).toBeLessThan(100)
    expect(fit.width).toBeLessThanOrEqual(400)
    const short = fitLine(doc, 'Ada', 400, { weight: 'bold', size: 36, minSize: 14, color: '#000' })
    expect(short).toMatchObject({ size: 36, scale: 100 })
  })

  it('compresses attachments and lets the attachment be read back byte for byte', async () => {
    const json = JSON.stringify({ id: 'urn:x', name: 'Ünïcödé 名前' })
    const pdf = await render([data('A', 1, { credentialJson: json })])
    const text = pdf.toString('latin1')
    const at = text.indexOf('/Type /EmbeddedFile')
    expect(text.slice(at, at + 300)).toContain('/FlateDecode')
    expect((await pdfAttachments(pdf))[0]?.data.toString('utf8')).toBe(json)
  })

  it('renders an award without a badge image, credits or expiry, and rejects an empty list', async () => {
    const {
      image: _image,
      imageKey: _key,
      credits: _credits,
      validUntil: _until,
      ...bare
    } = data('Ada', 1)
    const text = pdftotext(await render([bare], { template: 'modern' }))
    expect(text).toContain('Ada')
    expect(text).not.toContain('14 March 2027')
    expect(text).not.toContain('CE credit')
    await expect(
      renderCertificates([], () => bare, { template: 'classic', pageSize: 'a4' })
    ).rejects.toMatchObject({
      code: 'INVALID_INPUT'
    })
  })

  it('stops when cancelled', async () => {
    const controller = new AbortController()
    const items = Array.from({ length: 200 }, (_, i) => data(`P${i}`, i))
    const byId = new Map(items.map((d) => [d.awardId, d]))
    const run = renderCertificates(
      items.map((d) => d.awardId),
      (id) => byId.get(id) as CertificateData,
      { template: 'classic', pageSize: 'a4' },
      {
        signal: controller.signal,
        onProgress: (done) => {
          if (done === 30) controller.abort()
        }
      }
    )
    await expect(run).rejects.toMatchObject({ code: 'CANCELLED' })
  })
})
