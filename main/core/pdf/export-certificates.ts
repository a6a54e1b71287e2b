/** Certificates for the hosts: a preview of one, and exports of many as one PDF or a zip of PDFs. */
import { existsSync, mkdirSync, statSync } from 'node:fs'
import path from 'node:path'
import { zipSync } from 'fflate'
import type { MethodParsedInput } from '../../../shared/contract.js'
import { fail } from '../failure.js'
import type { Station } from '../station/station.js'
import { findBadge } from '../badges/badge-service.js'
import { writeFileAtomic } from '../storage/atomic-write.js'
import { awardFileName, uniqueFileName } from '../../../shared/file-names.js'
import { certificateData } from './certificate-data.js'
import type { CertificatesExported } from '../../../shared/methods/jobs.js'
import type { JobControl } from '../jobs/job-registry.js'
import type * as Render from './render.js'
import type { CertificateOptions } from './render.js'

type StyleInput = MethodParsedInput<'certificates:preview'>
export type ExportInput = MethodParsedInput<'certificates:export'>

/** The renderer (pdfkit, fontkit, the fonts, QR codes) loads with the first certificate. */
async function renderer(): Promise<typeof Render> {
  return import('./render.js')
}

function image(base64: string | undefined, field: string): Buffer | undefined {
  if (!base64) return undefined
  const bytes = Buffer.from(base64, 'base64')
  const png = bytes.subarray(0, 4).toString('latin1') === '\x89PNG'
  const jpeg = bytes[0] === 0xff && bytes[1] === 0xd8
  if (!png && !jpeg) fail('IMAGE_REJECTED', 'The image must be a PNG or a JPEG.', { field })
  return bytes
}

export function certificateOptions(
  input: Omit<StyleInput, 'awardId' | 'badgeId'>
): CertificateOptions {
  const signatureImage = image(input.signatureImageBase64, 'signatureImageBase64')
  const logoImage = image(input.logoImageBase64, 'logoImageBase64')
  return {
    template: input.template,
    pageSize: input.pageSize,
    signer: {
      ...(input.signerName ? { name: input.signerName } : {}),
      ...(input.signerTitle ? { title: input.signerTitle } : {})
    },
    ...(signatureImage ? { signatureImage } : {}),
    ...(logoImage ? { logoImage } : {})
  }
}

function checkPrintable(station: Station, awardId: string): void {
  const award = station.awards.view(awardId)
  if (!award) fail('NOT_FOUND', `There is no award with id "${awardId}".`, { field: 'awardIds' })
  if (award.status === 'revoked') {
    fail(
      'CONFLICT',
      `The award "${awardId}" was revoked; Kiln does not print certificates for it.`,
      { field: 'awardIds' }
    )
  }
}

/** The awards to print: the given ids (checked), or every award of a badge that is not revoked. */
export function resolveAwardIds(
  station: Station,
  input: Pick<ExportInput, 'awardIds' | 'badgeId'>
): string[] {
  if (input.awardIds) {
    const ids = [...new Set(input.awardIds)]
    for (const awardId of ids) checkPrintable(station, awardId)
    return ids
  }
  const badgeId = input.badgeId ?? ''
  findBadge(station, badgeId)
  const ids = station.awards
    .list()
    .filter((a) => a.badgeId === badgeId && a.status !== 'revoked')
    .map((a) => a.id)
  if (ids.length === 0) {
    fail('NOT_FOUND', `The badge "${badgeId}" has no awards to print.`, { field: 'badgeId' })
  }
  return ids
}

export async function previewCertificate(
  station: Station,
  input: StyleInput
): Promise<{ pdfBase64: string; filename: string }> {
  const awardId =
    input.awardId ?? resolveAwardIds(station, { badgeId: input.badgeId ?? '' })[0] ?? ''
  checkPrintable(station, awardId)
  const { renderCertificates } = await renderer()
  const pdf = await renderCertificates(
    [awardId],
    (id) => certificateData(station, id),
    certificateOptions(input)
  )
  return { pdfBase64: pdf.toString('base64'), filename: certificateFilename(station, awardId) }
}

/** "Ana Müller - Speaker NOSS 2026.pdf": the person and the badge version they hold. */
export function certificateFilename(station: Station, awardId: string): string {
  const record = station.awards.record(awardId)
  const badge = record ? station.catalog.badges.find((b) => b.id === record.badgeId) : undefined
  const version = badge?.versions.find((v) => v.version === record?.badgeVersion)
  return awardFileName(
    record?.recipientName ?? '',
    version?.content.name ?? badge?.content.name ?? '',
    'pdf',
    `certificate ${awardId}`
  )
}

/** Where an export goes when the host names no file: <dataDir>/exports/certificates-<time>.pdf|zip. */
export function defaultDestination(station: Station, mode: ExportInput['mode']): string {
  const folder = path.join(station.paths.dataDir, 'exports')
  mkdirSync(folder, { recursive: true, mode: 0o700 })
  const stamp = new Date().toISOString().replace(/[:.]/g, '-')
  return path.join(folder, `certificates-${stamp}.${mode === 'zip' ? 'zip' : 'pdf'}`)
}

/** Checks the destination before a job starts, so a bad path fails at once. */
export function checkDestination(outFile: string, overwrite: boolean): string {
  if (!path.isAbsolute(outFile)) {
    fail('INVALID_INPUT', 'The output file must be an absolute path.', { field: 'outFile' })
  }
  const folder = path.dirname(outFile)
  if (!existsSync(folder) || !statSync(folder).isDirectory()) {
    fail('NOT_FOUND', `The folder ${folder} does not exist.`, { field: 'outFile' })
  }
  if (existsSync(outFile) && !overwrite) {
    fail('DESTINATION_EXISTS', `${outFile} exists; choose another name or allow overwriting.`, {
      field: 'outFile'
    })
  }
  return outFile
}

/** The job of certificates:export: renders, then writes the file (nothing is journaled). */
export async function exportCertificates(
  station: Station,
  awardIds: readonly string[],
  input: ExportInput & { outFile: string },
  control: JobControl<CertificatesExported>
): Promise<CertificatesExported> {
  const hooks = {
    signal: control.signal,
    onProgress: (done: number, total: number) => control.progress(done, total),
    yieldIfDue: () => control.yieldIfDue()
  }
  const options = certificateOptions(input)
  const { renderCertificates } = await renderer()
  const images = new Map<string, Buffer>()
  const load = (awardId: string) => certificateData(station, awardId, images)
  let bytes: Uint8Array
  // One certificate per award is also kept in the station, so the next sync bundle can offer
  // it for download on the credential's page.
  const perAward = new Map<string, Uint8Array>()
  if (input.mode === 'zip') {
    const files: Record<string, Uint8Array> = {}
    const used = new Set<string>()
    for (let i = 0; i < awardIds.length; i++) {
      const awardId = awardIds[i] as string
      const pdf = await renderCertificates([awardId], load, options, {
        signal: hooks.signal,
        yieldIfDue: hooks.yieldIfDue
      })
      files[uniqueFileName(certificateFilename(station, awardId), used)] = pdf
      perAward.set(awardId, pdf)
      hooks.onProgress(i + 1, awardIds.length)
    }
    // PDFs are compressed already: store them.
    bytes = zipSync(files, { level: 0 })
  } else {
    bytes = await renderCertificates(awardIds, load, options, hooks)
    if (awardIds.length === 1 && awardIds[0]) perAward.set(awardIds[0], bytes)
  }
  if (hooks.signal.aborted) {
    fail('CANCELLED', 'The certificate export was cancelled; no file was written.')
  }
  await writeFileAtomic(input.outFile, bytes, { mode: 0o644 })
  station.outputs.remember(input.outFile)
  await keepForBundle(station, perAward)
  return {
    file: input.outFile,
    folder: path.dirname(input.outFile),
    bytes: bytes.length,
    pages: awardIds.length,
    mode: input.mode
  }
}

/** <dataDir>/certificates/<awardId>.pdf: what the sync bundle links from credential pages. */
async function keepForBundle(
  station: Station,
  pdfs: ReadonlyMap<string, Uint8Array>
): Promise<void> {
  if (pdfs.size === 0) return
  const folder = path.join(station.paths.dataDir, 'certificates')
  mkdirSync(folder, { recursive: true })
  for (const [awardId, pdf] of pdfs) {
    await writeFileAtomic(path.join(folder, `${awardId}.pdf`), pdf, { mode: 0o644 })
  }
}
