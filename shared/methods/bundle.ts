/**
 * Contract methods of sync bundles, stations (export/merge for a lead station) and keys.
 * bundle:export is a job (kind 'bundle:export'): it returns {jobId} at once and its result is the
 * BundleExportSummary (jobs:get); one bundle export runs at a time (CONFLICT otherwise).
 */
import { z } from 'zod'
import { empty, passphraseSchema } from '../schemas.js'

const pathSchema = z.string().trim().min(1).max(4096)

export const bundleMethods = {
  'bundle:export': z.strictObject({ out: pathSchema, full: z.boolean().optional() }),
  'bundle:verify': z.strictObject({ dir: pathSchema }),
  'bundle:status': empty,
  'stations:export': z.strictObject({ outFile: pathSchema }),
  'stations:merge': z.strictObject({ file: pathSchema }),
  'keys:list': empty,
  'keys:rotate': z.strictObject({ passphrase: passphraseSchema })
} as const

export type BundleExportSummary = Readonly<{
  seq: number
  out: string
  format: 'folder' | 'zip'
  files: number
  bytes: number
  siteFiles: number
  manifestHash: string
  unchanged: boolean
  full: boolean
  heldBack: number
}>

export type BundleVerifySummary = Readonly<{
  ok: boolean
  seq: number
  siteFiles: number
  problems: readonly string[]
  credentials: Readonly<{
    checked: number
    valid: number
    revoked: number
    expired: number
    invalid: number
  }>
}>

export type BundleHistoryEntry = Readonly<{
  seq: number
  at: string
  files: number
  full: boolean
  unchanged: boolean
  out: string
  manifestHash: string
}>

export type BundleStatus = Readonly<{
  lastSeq: number
  /** Units (issuer pages, status lists, badges, awards) whose files changed since the last export. */
  pending: Readonly<{ awards: number; badges: number; statusLists: number; site: number }>
  history: readonly BundleHistoryEntry[]
}>

export type KeyInfo = Readonly<{
  publicKeyMultibase: string
  verificationMethod: string
  fingerprint: string
  createdAt: string
  stationId: string
  current: boolean
  credentials: number
}>

export type BundleResults = {
  'bundle:export': Readonly<{ jobId: string }>
  'bundle:verify': BundleVerifySummary
  'bundle:status': BundleStatus
  'stations:export': Readonly<{ file: string; awards: number; revocations: number; bytes: number }>
  'stations:merge': Readonly<{
    stationId: string
    added: number
    revoked: number
    keys: number
    statusListUpdated: boolean
    unchanged: boolean
  }>
  'keys:list': Readonly<{ keys: readonly KeyInfo[] }>
  'keys:rotate': Readonly<{ key: KeyInfo; keys: number }>
}
