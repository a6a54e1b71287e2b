/** Contract methods of the station domain: setup, lock, audit, backup, app info. */
import { z } from 'zod'
import { empty, initInputSchema, passphraseSchema } from '../schemas.js'
import type { AuditReport, StationStatus } from '../types.js'

export const stationMethods = {
  'app:info': empty,
  'station:status': empty,
  'station:init': initInputSchema,
  'station:unlock': z.strictObject({ passphrase: passphraseSchema }),
  'station:lock': empty,
  'audit:verify': empty,
  'backup:create': z.strictObject({ outFile: z.string().trim().min(1).max(4096) })
} as const

export type StationResults = {
  'app:info': Readonly<{ version: string; host: 'electron' | 'web' | 'cli' }>
  'station:status': StationStatus
  'station:init': StationStatus
  'station:unlock': StationStatus
  'station:lock': StationStatus
  'audit:verify': AuditReport
  'backup:create': Readonly<{ file: string; bytes: number; files: number }>
}
