/** What one certificate shows, gathered from the station for an award (its pinned badge version). */
import { fail } from '../failure.js'
import type { Station } from '../station/station.js'
import { findBadge } from '../badges/badge-service.js'
import { readImage } from '../badges/images.js'
import { credentialPageUrl } from '../awards/urls.js'

export type CertificateData = Readonly<{
  awardId: string
  recipientName: string
  achievementName: string
  achievementDescription: string
  achievementType?: string
  awardedDate: string
  validUntil?: string
  credits?: number
  issuerName: string
  credentialId: string
  /** The credential's public web page (the QR code's target). */
  pageUrl: string
  /** SHA-256 of the badge image: pages of one badge share one embedded image. */
  imageKey?: string
  image?: Buffer
  /** The signed credential, embedded in the PDF as an attachment. */
  credentialJson: string
}>

export function certificateData(
  station: Station,
  awardId: string,
  images = new Map<string, Buffer>()
): CertificateData {
  const record = station.awards.record(awardId)
  const credential = station.awards.credential(awardId)
  if (!record || !credential) {
    fail('NOT_FOUND', `There is no award with id "${awardId}".`, { field: 'awardIds' })
  }
  const badge = findBadge(station, record.badgeId)
  const version = badge.versions.find((v) => v.version === record.badgeVersion)
  const content = version?.content ?? badge.content
  const sha = content.imageSha256
  let image: Buffer | undefined
  if (sha) {
    image = images.get(sha)
    if (!image) {
      image = readImage(station.paths.images, sha)
      images.set(sha, image)
    }
  }
  const catalog = station.catalog
  return {
    awardId,
    recipientName: record.recipientName,
    achievementName: content.name,
    achievementDescription: content.description,
    achievementType: content.achievementType,
    awardedDate: record.awardedDate,
    ...(record.validUntil ? { validUntil: record.validUntil } : {}),
    ...(content.creditsAvailable !== undefined ? { credits: content.creditsAvailable } : {}),
    issuerName: catalog.issuer.name,
    credentialId: record.credentialId,
    pageUrl: credentialPageUrl(catalog.siteUrl, awardId),
    ...(sha && image ? { imageKey: sha, image } : {}),
    credentialJson: JSON.stringify(credential)
  }
}
