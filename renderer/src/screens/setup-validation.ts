/**
 * Client-side checks for the setup wizard, with sentences a person can act on, plus the
 * mapping of a failed `station:init` Result onto the form's fields.
 */
import { emailSchema, httpsUrl, initInputSchema, type InitInput } from '../../../shared/schemas.js'
import type { KilnError } from '../../../shared/result.js'

export type SetupValues = Readonly<{
  issuerName: string
  issuerUrl: string
  siteUrl: string
  issuerEmail: string
  did: 'web' | 'key'
  passphrase: string
  passphraseConfirm: string
}>

export type SetupField = keyof SetupValues
export type FieldErrors = Partial<Record<SetupField, string>>

export const MIN_PASSPHRASE = 8

const FIELDS: readonly SetupField[] = [
  'issuerName',
  'issuerUrl',
  'siteUrl',
  'issuerEmail',
  'did',
  'passphrase',
  'passphraseConfirm'
]

function isSetupField(value: string): value is SetupField {
  return (FIELDS as readonly string[]).includes(value)
}

export function toInitInput(values: SetupValues): InitInput {
  const email = values.issuerEmail.trim()
  return {
    issuerName: values.issuerName.trim(),
    issuerUrl: values.issuerUrl.trim(),
    siteUrl: values.siteUrl.trim(),
    ...(email ? { issuerEmail: email } : {}),
    did: values.did,
    passphrase: values.passphrase
  }
}

export function validateSetup(values: SetupValues): FieldErrors {
  const errors: FieldErrors = {}
  if (!values.issuerName.trim()) {
    errors.issuerName = 'Enter the name of the association or event that awards the badges.'
  }
  if (!httpsUrl.safeParse(values.issuerUrl).success) {
    errors.issuerUrl =
      'Enter a full web address that starts with https://, for example https://example.org/.'
  }
  if (!httpsUrl.safeParse(values.siteUrl).success) {
    errors.siteUrl =
      'Enter a full web address that starts with https://, for example https://badges.example.org/.'
  }
  if (values.issuerEmail.trim() && !emailSchema.safeParse(values.issuerEmail).success) {
    errors.issuerEmail = 'Enter an e-mail address such as badges@example.org, or leave this empty.'
  }
  if (values.passphrase.length < MIN_PASSPHRASE) {
    errors.passphrase = `Use at least ${MIN_PASSPHRASE} characters: the passphrase protects the station’s signing key.`
  }
  if (values.passphraseConfirm !== values.passphrase) {
    errors.passphraseConfirm = 'The two passphrases do not match. Type the same passphrase twice.'
  }
  if (Object.keys(errors).length === 0) {
    // The contract's own schema has the last word (lengths, formats).
    const parsed = initInputSchema.safeParse(toInitInput(values))
    if (!parsed.success) {
      for (const issue of parsed.error.issues) {
        const field = String(issue.path[0] ?? '')
        if (isSetupField(field) && !errors[field]) errors[field] = `This ${issue.message}.`
      }
    }
  }
  return errors
}

/** Field errors carried by a failed Result (`details.issues` or `details.field`). */
export function fieldErrorsFrom(error: KilnError): FieldErrors {
  const errors: FieldErrors = {}
  for (const issue of error.details?.issues ?? []) {
    const field = issue.path.split('.')[0] ?? ''
    if (isSetupField(field) && !errors[field]) errors[field] = `This ${issue.message}.`
  }
  const field = error.details?.field
  if (typeof field === 'string' && isSetupField(field) && !errors[field]) {
    errors[field] = error.message
  }
  return errors
}
