/**
 * E-mail settings, kept in station.json under settings.mail (their shape is part of the catalog's
 * schema: delivery/mail-schema.ts): the SMTP server (and the certificate pinned on first use, when
 * no CA vouches for it), whether new awards queue a message, whether messages wait for the site,
 * and the templates. The SMTP password is sealed with the station key under the purpose
 * "mail:smtp" (keys/secrets.ts): it is never in settings, a log or a response.
 */
import type {
  MailSettingsView,
  MessageTemplate,
  SmtpSecurity
} from '../../../shared/methods/delivery.js'
import type { MethodParsedInput } from '../../../shared/contract.js'
import { fail } from '../failure.js'
import { deleteSecret, hasSecret, putSecret, readSecret } from '../keys/secrets.js'
import type { Station } from '../station/station.js'
import { findBadge } from '../badges/badge-service.js'
import { mailSettingsSchema, type SmtpSettings, type StoredMail } from './mail-schema.js'
import { checkTemplate, DEFAULT_TEMPLATE, PLACEHOLDERS } from './templates.js'

export type { SmtpSettings, StoredMail } from './mail-schema.js'

export const SMTP_SECRET = 'mail:smtp'
export const DEFAULT_CONNECTIONS = 3

const NO_MAIL: StoredMail = mailSettingsSchema.parse({})

/** The settings as stored (checked by the catalog's schema when it was read), or the defaults. */
export function readMailSettings(station: Station): StoredMail {
  return station.catalog.settings?.mail ?? NO_MAIL
}

async function writeMailSettings(station: Station, next: StoredMail): Promise<void> {
  const catalog = station.catalog
  catalog.settings = { ...catalog.settings, mail: mailSettingsSchema.parse(next) }
  await station.saveCatalog()
}

export function isConfigured(settings: StoredMail): boolean {
  return settings.smtp !== undefined
}

/** New awards queue a message: the explicit setting, else on once e-mail is set up. */
export function autoQueueOn(settings: StoredMail): boolean {
  return settings.autoQueue ?? isConfigured(settings)
}

export function waitsForSite(settings: StoredMail): boolean {
  return settings.waitForSite ?? true
}

/** The template for a badge: its own, else the station's, else Kiln's. */
export function templateFor(settings: StoredMail, badgeId: string): MessageTemplate {
  return settings.templates.badges[badgeId] ?? settings.templates.station ?? DEFAULT_TEMPLATE
}

export function mailSettingsView(station: Station): MailSettingsView {
  const settings = readMailSettings(station)
  const smtp = settings.smtp
  return {
    ...(smtp
      ? {
          smtp: {
            host: smtp.host,
            port: smtp.port,
            security: smtp.security,
            ...(smtp.user ? { user: smtp.user } : {}),
            from: smtp.from,
            ...(smtp.replyTo ? { replyTo: smtp.replyTo } : {}),
            ...(smtp.ratePerMinute ? { ratePerMinute: smtp.ratePerMinute } : {}),
            connections: smtp.connections ?? DEFAULT_CONNECTIONS,
            hasPassword: hasSecret(station.catalog, SMTP_SECRET),
            ...(smtp.pinned
              ? { certificate: { fingerprint: smtp.pinned.fingerprint, pinnedAt: smtp.pinned.at } }
              : {})
          }
        }
      : {}),
    configured: isConfigured(settings),
    autoQueue: autoQueueOn(settings),
    autoQueueSet: settings.autoQueue !== undefined,
    waitForSite: waitsForSite(settings),
    templates: {
      station: settings.templates.station ?? DEFAULT_TEMPLATE,
      stationCustom: settings.templates.station !== undefined,
      badges: Object.entries(settings.templates.badges).map(([badgeId, template]) => ({
        badgeId,
        template
      }))
    },
    placeholders: PLACEHOLDERS
  }
}

export type SetupInput = MethodParsedInput<'mail:setup'>

/**
 * Saves the SMTP server. The password (when given) is sealed with the station key, so setup
 * needs the station unlocked; '' removes a saved password, undefined keeps it. A pinned
 * certificate stays while host, port and security stay (unless forgetCertificate): another
 * server is another identity.
 */
export async function setupMail(station: Station, input: SetupInput): Promise<MailSettingsView> {
  station.requireInitialized()
  const settings = readMailSettings(station)
  const catalog = station.catalog
  const user = input.user?.trim()
  const keepsPassword =
    input.password === undefined ? hasSecret(catalog, SMTP_SECRET) : input.password !== ''
  if (user && !keepsPassword) {
    fail('INVALID_INPUT', `Give the password of ${user} on ${input.host}.`, { field: 'password' })
  }
  const before = settings.smtp
  const samePlace =
    before !== undefined &&
    before.host.toLowerCase() === input.host.toLowerCase() &&
    before.port === input.port &&
    before.security === input.security
  const pinned = samePlace && input.forgetCertificate !== true ? before.pinned : undefined
  const smtp: SmtpSettings = {
    host: input.host,
    port: input.port,
    security: input.security,
    ...(user ? { user } : {}),
    from: input.from,
    ...(input.replyTo ? { replyTo: input.replyTo } : {}),
    ...(input.ratePerMinute ? { ratePerMinute: input.ratePerMinute } : {}),
    ...(input.connections ? { connections: input.connections } : {}),
    ...(pinned ? { pinned } : {})
  }
  if (input.password !== undefined && input.password !== '') {
    putSecret(catalog, station.signer, SMTP_SECRET, input.password)
  } else if (input.password === '') {
    deleteSecret(catalog, SMTP_SECRET)
  }
  await writeMailSettings(station, { ...settings, smtp })
  return mailSettingsView(station)
}

export async function setMailOptions(
  station: Station,
  input: MethodParsedInput<'mail:options'>
): Promise<MailSettingsView> {
  station.requireInitialized()
  const settings = readMailSettings(station)
  await writeMailSettings(station, {
    ...settings,
    ...(input.autoQueue !== undefined ? { autoQueue: input.autoQueue } : {}),
    ...(input.waitForSite !== undefined ? { waitForSite: input.waitForSite } : {})
  })
  return mailSettingsView(station)
}

export async function saveTemplate(
  station: Station,
  input: MethodParsedInput<'mail:saveTemplate'>
): Promise<MailSettingsView> {
  station.requireInitialized()
  const template: MessageTemplate = {
    subject: input.subject,
    body: input.body,
    attachPdf: input.attachPdf ?? false
  }
  checkTemplate(template)
  const settings = readMailSettings(station)
  const templates = input.badgeId
    ? {
        ...settings.templates,
        badges: { ...settings.templates.badges, [findBadge(station, input.badgeId).id]: template }
      }
    : { ...settings.templates, station: template }
  await writeMailSettings(station, { ...settings, templates })
  return mailSettingsView(station)
}

export async function resetTemplate(
  station: Station,
  badgeId: string | undefined
): Promise<MailSettingsView> {
  station.requireInitialized()
  const settings = readMailSettings(station)
  const badges = { ...settings.templates.badges }
  if (badgeId) delete badges[badgeId]
  const templates = badgeId ? { ...settings.templates, badges } : { badges }
  await writeMailSettings(station, { ...settings, templates })
  return mailSettingsView(station)
}

/** What the transport needs: the server and (unlocked) its password. */
export type SmtpAccess = Readonly<{
  host: string
  port: number
  security: SmtpSecurity
  user?: string
  password?: string
  from: string
  replyTo?: string
  ratePerMinute?: number
  connections: number
  /** The certificate pinned on first use, trusted besides the CAs. */
  pinned?: Readonly<{ fingerprint: string; pem: string }>
}>

/**
 * Pins the certificate seen on the first connection, if the settings still name the server it
 * came from (they may have changed meanwhile) and nothing is pinned yet.
 */
export async function pinCertificate(
  station: Station,
  access: SmtpAccess,
  seen: Readonly<{ fingerprint: string; pem: string }>
): Promise<boolean> {
  const settings = readMailSettings(station)
  const smtp = settings.smtp
  if (
    !smtp ||
    smtp.pinned ||
    smtp.host !== access.host ||
    smtp.port !== access.port ||
    smtp.security !== access.security
  ) {
    return false
  }
  const pinned = { fingerprint: seen.fingerprint, pem: seen.pem, at: new Date().toISOString() }
  await writeMailSettings(station, { ...settings, smtp: { ...smtp, pinned } })
  return true
}

/** MAIL_NOT_CONFIGURED before setup; LOCKED when the password is needed and the station is locked. */
export function smtpAccess(station: Station): SmtpAccess {
  const smtp = readMailSettings(station).smtp
  if (!smtp) {
    fail(
      'MAIL_NOT_CONFIGURED',
      'Set up the mail server first (Settings → E-mail, or kiln mail setup).'
    )
  }
  const password = hasSecret(station.catalog, SMTP_SECRET)
    ? readSecret(station.catalog, station.signer, SMTP_SECRET)
    : undefined
  return {
    host: smtp.host,
    port: smtp.port,
    security: smtp.security,
    ...(smtp.user ? { user: smtp.user } : {}),
    ...(password !== undefined ? { password } : {}),
    from: smtp.from,
    ...(smtp.replyTo ? { replyTo: smtp.replyTo } : {}),
    ...(smtp.ratePerMinute ? { ratePerMinute: smtp.ratePerMinute } : {}),
    connections: smtp.connections ?? DEFAULT_CONNECTIONS,
    ...(smtp.pinned
      ? { pinned: { fingerprint: smtp.pinned.fingerprint, pem: smtp.pinned.pem } }
      : {})
  }
}
