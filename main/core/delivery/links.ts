/**
 * The links a message (and the mail-merge export) carries for one award: the credential page,
 * the baked PNG, LinkedIn's add-to-profile, and the person's own badge page once the site
 * builds one (`personalPageUrl`, the one place that will ask the site for it).
 */
import type { Station } from '../station/station.js'
import { credentialPageUrl } from '../awards/urls.js'
import { linkedInAddToProfileUrl } from '../site/linkedin.js'
import type { AwardRecord } from '../awards/ledger.js'

export type AwardLinks = Readonly<{
  credentialUrl: string
  imageUrl: string
  linkedInUrl: string
  personalPageUrl?: string
}>

/** The baked PNG the site serves for an award (credentials/<id>.png, as the bundle writes it). */
export function bakedPngUrl(siteUrl: string, awardId: string): string {
  return `${siteUrl}credentials/${encodeURIComponent(awardId)}.png`
}

/**
 * The person's badge page on the site. The site does not build personal pages yet: until it
 * does, there is none to link (undefined), and messages and exports leave the link out.
 */
export function personalPageUrl(
  _station: Station,
  _recipientId: string | undefined
): string | undefined {
  return undefined
}

export function awardLinks(station: Station, record: AwardRecord, badgeName: string): AwardLinks {
  const catalog = station.catalog
  const credentialUrl = credentialPageUrl(catalog.siteUrl, record.id)
  const personal = personalPageUrl(station, record.recipientId)
  return {
    credentialUrl,
    imageUrl: bakedPngUrl(catalog.siteUrl, record.id),
    linkedInUrl: linkedInAddToProfileUrl({
      badgeName,
      organizationName: catalog.issuer.name,
      issuedAt: record.awardedDate,
      ...(record.validUntil ? { expiresAt: record.validUntil } : {}),
      certUrl: credentialUrl,
      certId: record.id
    }),
    ...(personal ? { personalPageUrl: personal } : {})
  }
}
