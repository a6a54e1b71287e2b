/**
 * The 1EdTech OB 3.0 AchievementCredential JSON Schema (draft 2019-09), shipped in
 * resources/schemas/ and compiled once, on first use (OPEN-BADGES.md §7).
 */
import { readFileSync } from 'node:fs'
import type * as Ajv2019Module from 'ajv/dist/2019.js'
import type { Ajv2019, ErrorObject, ValidateFunction } from 'ajv/dist/2019.js'
import { lazyRequire } from '../platform/lazy-require.js'
import { resourcePath } from '../resources.js'

// ajv loads with the first validation (verifying), not with the station.
const ajv2019 = lazyRequire<typeof Ajv2019Module>('ajv/dist/2019.js')
const ajvFormats = lazyRequire<unknown>('ajv-formats')

export const ACHIEVEMENT_CREDENTIAL_SCHEMA_FILE = 'ob_v3p0_achievementcredential_schema.json'

export type SchemaValidation = { valid: true } | { valid: false; errors: string[] }

type FormatsPlugin = (ajv: Ajv2019) => Ajv2019

// ajv-formats is CommonJS: the module is the plugin itself, with the plugin again as
// `.default` (for loaders that honour __esModule).
function formatsPlugin(): FormatsPlugin {
  const mod: unknown = ajvFormats()
  if (typeof mod === 'function') return mod as FormatsPlugin
  const inner = (mod as { default?: unknown }).default
  if (typeof inner === 'function') return inner as FormatsPlugin
  throw new Error('ajv-formats did not load')
}

let compiled: ValidateFunction | undefined

function validator(): ValidateFunction {
  if (compiled) return compiled
  const file = resourcePath('schemas', ACHIEVEMENT_CREDENTIAL_SCHEMA_FILE)
  const schema: unknown = JSON.parse(readFileSync(file, 'utf8'))
  if (typeof schema !== 'object' || schema === null) throw new Error(`${file} is not a JSON schema`)
  // strict: false — the schema is 1EdTech's, not ours; strict mode only lints schema authoring.
  const { Ajv2019 } = ajv2019()
  const ajv = new Ajv2019({ allErrors: true, strict: false })
  formatsPlugin()(ajv)
  compiled = ajv.compile(schema)
  return compiled
}

function describe(error: ErrorObject): string {
  const where = error.instancePath === '' ? '(credential)' : error.instancePath
  const params = error.params as Record<string, unknown>
  let detail = ''
  if (error.keyword === 'additionalProperties' && typeof params.additionalProperty === 'string') {
    detail = ` ("${params.additionalProperty}")`
  } else if (error.keyword === 'enum' && Array.isArray(params.allowedValues)) {
    detail = `: ${params.allowedValues.map((v) => JSON.stringify(v)).join(', ')}`
  }
  return `${where} ${error.message ?? 'is invalid'}${detail}`
}

export function validateAchievementCredential(doc: unknown): SchemaValidation {
  const validate = validator()
  if (validate(doc)) return { valid: true }
  const errors = [...new Set((validate.errors ?? []).map(describe))]
  return { valid: false, errors: errors.length > 0 ? errors : ['does not match the schema'] }
}

/** Top-level properties JSON-LD compaction may turn from one-element arrays into single values (§1.8). */
const COMPACTABLE = ['type', 'credentialSchema', 'proof', 'termsOfUse'] as const

/**
 * The same document with the compactable properties wrapped back into arrays, or undefined
 * when there was nothing to wrap. A credential that passes the schema only in this form is
 * valid JSON-LD but not in the canonical JSON form the schema describes.
 */
export function withCompactedValuesAsArrays(doc: unknown): Record<string, unknown> | undefined {
  if (typeof doc !== 'object' || doc === null || Array.isArray(doc)) return undefined
  const copy: Record<string, unknown> = { ...(doc as Record<string, unknown>) }
  let changed = false
  for (const key of COMPACTABLE) {
    const value = copy[key]
    if (value !== undefined && !Array.isArray(value)) {
      copy[key] = [value]
      changed = true
    }
  }
  return changed ? copy : undefined
}
