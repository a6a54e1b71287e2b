/** Verifies a certificate PDF: every credential attached to it must pass every check. */
import type { VerificationReport } from '../../../shared/types.js'
import { fail } from '../failure.js'
import { verifyCredential, type VerifyOptions } from '../credentials/verify.js'
import { pdfAttachments } from './attachments.js'

export type PdfCredentialReport = VerificationReport & Readonly<{ attachment: string }>

export type PdfVerification = Readonly<{
  valid: boolean
  credentials: readonly PdfCredentialReport[]
}>

function isCredentialAttachment(name: string, mediaType: string | undefined): boolean {
  return /json/i.test(mediaType ?? '') || /\.json(ld)?$/i.test(name)
}

export async function verifyPdf(
  bytes: Buffer,
  options: VerifyOptions = {}
): Promise<PdfVerification> {
  const attachments = (await pdfAttachments(bytes)).filter((a) =>
    isCredentialAttachment(a.name, a.mediaType)
  )
  if (attachments.length === 0) {
    fail(
      'UNREADABLE_INPUT',
      'The PDF carries no credential (no JSON attachment); it is not a Kiln certificate.'
    )
  }
  const credentials: PdfCredentialReport[] = []
  for (const attachment of attachments) {
    let credential: unknown
    try {
      credential = JSON.parse(attachment.data.toString('utf8'))
    } catch {
      fail(
        'UNREADABLE_INPUT',
        `The attachment "${attachment.name}" is not JSON: it was altered or damaged.`
      )
    }
    credentials.push({
      attachment: attachment.name,
      ...(await verifyCredential(credential, options))
    })
  }
  return { valid: credentials.every((c) => c.valid), credentials }
}
