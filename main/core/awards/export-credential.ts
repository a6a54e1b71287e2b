/** One award's credential as a file: OB 3.0 JSON, baked PNG or SVG, or the OB 2.0 hosted assertion. */
import type { ExportedFile } from '../../../shared/types.js'
import { fail } from '../failure.js'
import type { Station } from '../station/station.js'
import { findBadge } from '../badges/badge-service.js'
import { readImage } from '../badges/images.js'
import { bakedPng, bakedSvg, credentialText } from '../site/baked-files.js'
import { ob2AssertionJson, ob2RevokedAssertionJson } from '../ob2/hosted.js'
import { badgeImageUrl } from './urls.js'

export type CredentialFormat = 'ob3' | 'png' | 'svg' | 'ob2'

function file(filename: string, mediaType: string, bytes: Uint8Array | string): ExportedFile {
  return { filename, mediaType, base64: Buffer.from(bytes).toString('base64') }
}

export function exportCredential(
  station: Station,
  awardId: string,
  format: CredentialFormat
): ExportedFile {
  const record = station.awards.record(awardId)
  const credential = station.awards.credential(awardId)
  if (!record || !credential) {
    fail('NOT_FOUND', `There is no award with id "${awardId}".`, { field: 'id' })
  }
  // The same functions bake in the browser (the site's download buttons): same bytes.
  const json = credentialText(credential)
  const revocation = station.awards.revocation(awardId)
  const badge = findBadge(station, record.badgeId)
  const version = badge.versions.find((v) => v.version === record.badgeVersion)
  const imageSha = version?.content.imageSha256
  switch (format) {
    case 'ob3':
      return file(`${awardId}.json`, 'application/vc+ld+json', json + '\n')
    case 'png': {
      if (!imageSha) fail('NOT_FOUND', 'The badge version has no image to bake.')
      const png = readImage(station.paths.images, imageSha)
      return file(`${awardId}.png`, 'image/png', bakedPng(png, credential))
    }
    case 'svg': {
      if (!imageSha) fail('NOT_FOUND', 'The badge version has no image to bake.')
      const image = readImage(station.paths.images, imageSha)
      return file(`${awardId}.svg`, 'image/svg+xml', bakedSvg(image, credential))
    }
    case 'ob2': {
      const catalog = station.catalog
      if (revocation) {
        const revoked = ob2RevokedAssertionJson({
          siteUrl: catalog.siteUrl,
          awardId,
          reason: revocation.reason
        })
        return file(
          `${awardId}.ob2.json`,
          'application/ld+json',
          JSON.stringify(revoked, null, 2) + '\n'
        )
      }
      const assertion = ob2AssertionJson({
        siteUrl: catalog.siteUrl,
        awardId,
        badgeId: record.badgeId,
        email: record.recipientEmail,
        salt: record.salt,
        issuedOn: record.awardedDate,
        ...(record.validUntil ? { expires: record.validUntil } : {}),
        ...(record.narrative ? { narrative: record.narrative } : {}),
        ...(record.evidenceUrl ? { evidenceUrl: record.evidenceUrl } : {}),
        imageUrl: badgeImageUrl(catalog.siteUrl, record.badgeId, record.badgeVersion)
      })
      return file(
        `${awardId}.ob2.json`,
        'application/ld+json',
        JSON.stringify(assertion, null, 2) + '\n'
      )
    }
  }
}
