/**
 * Editing the issuer profile after setup. Name, website and e-mail are safe to change (issued
 * credentials keep the profile they were signed with). The site URL is not, once awards exist:
 * credential links, the status list URL and (for did:web) the issuer id and its keys' ids all
 * live under it, so existing credentials would point at pages and a DID nobody publishes any
 * more. That change is refused with CONFLICT unless the caller confirms it.
 */
import type { MethodParsedInput } from '../../../shared/contract.js'
import type { IssuerProfile, StationStatus } from '../../../shared/types.js'
import { fail } from '../failure.js'
import { didWebFromSiteUrl, verificationMethodFor } from '../keys/did.js'
import { decodePublicKeyMultibase } from '../keys/multikey.js'
import type { Station } from './station.js'
import { normaliseSiteUrl } from './ids.js'

export type ProfileInput = MethodParsedInput<'station:updateProfile'>

export async function updateProfile(station: Station, input: ProfileInput): Promise<StationStatus> {
  const catalog = station.catalog
  const siteUrl = input.siteUrl !== undefined ? normaliseSiteUrl(input.siteUrl) : catalog.siteUrl
  const siteChanged = siteUrl !== catalog.siteUrl
  const awards = station.awards.size
  const issuerId =
    siteChanged && catalog.didMethod === 'web' ? didWebFromSiteUrl(siteUrl) : catalog.issuer.id
  if (siteChanged && awards > 0 && input.confirmBreaking !== true) {
    fail(
      'CONFLICT',
      `${awards} credential${awards === 1 ? ' was' : 's were'} issued under ${catalog.siteUrl}: changing the badge site URL would break ${awards === 1 ? 'its' : 'their'} links and revocation checks${issuerId !== catalog.issuer.id ? ', and change the issuer id they were signed with' : ''}. Confirm to change it anyway.`,
      {
        field: 'siteUrl',
        breaking: true,
        awards,
        issuerIdChanges: issuerId !== catalog.issuer.id,
        from: catalog.siteUrl,
        to: siteUrl
      }
    )
  }
  const before = { siteUrl: catalog.siteUrl, issuer: catalog.issuer }
  const { email: oldEmail, ...rest } = catalog.issuer
  const email = input.issuerEmail === undefined ? oldEmail : input.issuerEmail || undefined
  const issuer: IssuerProfile = {
    ...rest,
    id: issuerId,
    name: input.issuerName ?? catalog.issuer.name,
    url: input.issuerUrl ?? catalog.issuer.url,
    ...(email ? { email } : {})
  }
  if (issuerId !== catalog.issuer.id) {
    catalog.keys = catalog.keys.map((k) => ({
      ...k,
      verificationMethod: verificationMethodFor(
        issuerId,
        decodePublicKeyMultibase(k.publicKeyMultibase)
      )
    }))
  }
  if (siteChanged && catalog.statusList.url.startsWith(catalog.siteUrl)) {
    catalog.statusList = {
      ...catalog.statusList,
      url: siteUrl + catalog.statusList.url.slice(catalog.siteUrl.length)
    }
  }
  const changed = (['name', 'url', 'email'] as const).filter((f) => issuer[f] !== before.issuer[f])
  if (!siteChanged && changed.length === 0) return station.status()
  catalog.issuer = issuer
  catalog.siteUrl = siteUrl
  await station.saveCatalog([
    {
      type: 'station.profileUpdated',
      data: {
        changed: [...changed, ...(siteChanged ? ['siteUrl'] : [])],
        issuer: {
          name: issuer.name,
          url: issuer.url,
          ...(issuer.email ? { email: issuer.email } : {})
        },
        ...(siteChanged ? { siteUrl: { from: before.siteUrl, to: siteUrl } } : {}),
        ...(issuerId !== before.issuer.id
          ? { issuerId: { from: before.issuer.id, to: issuerId } }
          : {}),
        ...(siteChanged && awards > 0 ? { confirmedBreaking: true, awards } : {})
      }
    }
  ])
  station.bus.emit('data:changed', { domain: 'station' })
  return station.status()
}
