/**
 * The contract between the core and every host: one entry per method, its input
 * schema, and (as a type) its result. The Electron preload, the web-host client and
 * the CLI are all typed from this map, so they cannot drift from the core.
 *
 * Method names are `domain:verb`. The renderer sees them as camelCase functions on
 * `window.kiln` (`'badges:create'` → `kiln.badgesCreate`).
 */
import { z } from 'zod'
import {
  awardInputSchema,
  badgeInputSchema,
  empty,
  idInputSchema,
  initInputSchema,
  passphraseSchema
} from './schemas.js'
import type {
  AuditReport,
  Award,
  Badge,
  ExportedFile,
  StationStatus,
  VerificationReport
} from './types.js'

export const methodSchemas = {
  'app:info': empty,
  'station:status': empty,
  'station:init': initInputSchema,
  'station:unlock': z.strictObject({ passphrase: passphraseSchema }),
  'station:lock': empty,
  'audit:verify': empty,
  'badges:list': empty,
  'badges:get': idInputSchema,
  'badges:create': badgeInputSchema,
  'badges:publish': idInputSchema,
  'badges:archive': idInputSchema,
  'awards:list': empty,
  'awards:issue': awardInputSchema,
  'credentials:get': idInputSchema,
  'credentials:verify': z.strictObject({ credential: z.unknown(), email: z.string().optional() }),
  'credentials:export': z.strictObject({
    id: z.string().trim().min(1).max(200),
    format: z.enum(['ob3', 'png', 'svg', 'ob2'])
  }),
  'backup:create': z.strictObject({ outFile: z.string().trim().min(1).max(4096) })
} as const satisfies Record<string, z.ZodType>

export type MethodName = keyof typeof methodSchemas

/** What each method resolves to (inside `Result`). */
export type MethodResults = {
  'app:info': Readonly<{ version: string; host: 'electron' | 'web' | 'cli' }>
  'station:status': StationStatus
  'station:init': StationStatus
  'station:unlock': StationStatus
  'station:lock': StationStatus
  'audit:verify': AuditReport
  'badges:list': Readonly<{ badges: readonly Badge[] }>
  'badges:get': Badge
  'badges:create': Badge
  'badges:publish': Badge
  'badges:archive': Badge
  'awards:list': Readonly<{ awards: readonly Award[] }>
  'awards:issue': Award
  'credentials:get': Readonly<{ award: Award; credential: Record<string, unknown> }>
  'credentials:verify': VerificationReport
  'credentials:export': ExportedFile
  'backup:create': Readonly<{ file: string; bytes: number; files: number }>
}

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
