/**
 * The badge site's look: language of its fixed texts, the issuer's colours and logo, and the
 * LinkedIn organisation id used by "Add to profile" links. Kept in station.json under
 * settings.site (its shape is part of the catalog's schema: site-settings-schema.ts).
 */
import type { SiteSettings, SiteSettingsView } from '../../../shared/methods/site.js'
import type { MethodParsedInput } from '../../../shared/contract.js'

import type { Station } from '../station/station.js'
import type { StationCatalog } from '../station/catalog-model.js'
import { readImage } from '../badges/images.js'
import { DEFAULT_ACCENT, DEFAULT_BRAND } from './theme.js'
import { siteSettingsSchema } from './site-settings-schema.js'

const DEFAULTS: SiteSettings = { language: 'en' }

/** The settings as stored (checked by the catalog's schema when it was read), or the defaults. */
export function readSiteSettings(catalog: StationCatalog): SiteSettings {
  return catalog.settings?.site ?? DEFAULTS
}

function view(settings: SiteSettings): SiteSettingsView {
  return { settings, defaults: { brandColor: DEFAULT_BRAND, accentColor: DEFAULT_ACCENT } }
}

type Input = MethodParsedInput<'site:settings'>

/** Reads the settings, or changes the fields given (null clears one) and saves the catalog. */
export async function siteSettings(station: Station, input: Input): Promise<SiteSettingsView> {
  station.requireInitialized()
  const current = readSiteSettings(station.catalog)
  if (Object.keys(input).length === 0) return view(current)
  if (typeof input.logoSha256 === 'string') {
    // Refused (NOT_FOUND) unless badges:uploadImage stored it.
    readImage(station.paths.images, input.logoSha256)
  }
  const next: Record<string, string> = { language: input.language ?? current.language }
  const keep = (key: Exclude<keyof SiteSettings, 'language'>): void => {
    const given = input[key]
    const value = given === undefined ? current[key] : given
    if (typeof value === 'string') next[key] = value
  }
  keep('brandColor')
  keep('accentColor')
  keep('logoSha256')
  keep('linkedInOrganizationId')
  const settings = siteSettingsSchema.parse(next)
  const catalog = station.catalog
  catalog.settings = { ...catalog.settings, site: settings }
  await station.saveCatalog()
  station.bus.emit('data:changed', { domain: 'bundles' })
  return view(settings)
}
