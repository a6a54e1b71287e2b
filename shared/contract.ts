/**
 * The contract between the core and every host: one entry per method, its input
 * schema, and (as a type) its result. The Electron preload, the web-host client and
 * the CLI are all typed from this map, so they cannot drift from the core.
 *
 * Method names are `domain:verb`; each domain keeps its methods in shared/methods/.
 * The renderer sees them as camelCase functions on `window.kiln`
 * (`'badges:create'` → `kiln.badgesCreate`).
 */
import type { z } from 'zod'
import { stationMethods, type StationResults } from './methods/station.js'
import { badgeMethods, type BadgeResults } from './methods/badges.js'
import { awardMethods, type AwardResults } from './methods/awards.js'
import { ruleMethods, type RuleResults } from './methods/rules.js'
import { recipientMethods, type RecipientResults } from './methods/recipients.js'
import { jobMethods, type JobResults } from './methods/jobs.js'
import { certificateMethods, type CertificateResults } from './methods/certificates.js'
import { bundleMethods, type BundleResults } from './methods/bundle.js'
import { analyticsMethods, type AnalyticsResults } from './methods/analytics.js'
import { publishMethods, type PublishResults } from './methods/publish.js'
import { deliveryMethods, type DeliveryResults } from './methods/delivery.js'
import { siteMethods, type SiteResults } from './methods/site.js'
import { deskMethods, type DeskResults } from './methods/desk.js'

export const methodSchemas = {
  ...stationMethods,
  ...badgeMethods,
  ...awardMethods,
  ...recipientMethods,
  ...jobMethods,
  ...ruleMethods,
  ...certificateMethods,
  ...bundleMethods,
  ...analyticsMethods,
  ...publishMethods,
  ...deliveryMethods,
  ...siteMethods,
  ...deskMethods
} as const satisfies Record<string, z.ZodType>

export type MethodName = keyof typeof methodSchemas

/** What each method resolves to (inside `Result`). */
export type MethodResults = StationResults &
  BadgeResults &
  AwardResults &
  RecipientResults &
  JobResults &
  RuleResults &
  CertificateResults &
  BundleResults &
  AnalyticsResults &
  PublishResults &
  DeliveryResults &
  SiteResults &
  DeskResults

// Compile-time check: every schema has a result type and vice versa.
type Exact<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false
const _contractComplete: Exact<MethodName, keyof MethodResults> = true
void _contractComplete

export type MethodInput<M extends MethodName> = z.input<(typeof methodSchemas)[M]>
export type MethodParsedInput<M extends MethodName> = z.output<(typeof methodSchemas)[M]>
export type MethodResult<M extends MethodName> = MethodResults[M]

export const METHOD_NAMES = Object.keys(methodSchemas) as MethodName[]

export function isMethodName(value: unknown): value is MethodName {
  return typeof value === 'string' && Object.prototype.hasOwnProperty.call(methodSchemas, value)
}
