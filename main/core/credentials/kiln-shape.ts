/**
 * "Kiln's own shape": the credential documents Kiln signs (build-credential.ts: an
 * OpenBadgeCredential; status/status-list-credential.ts: a BitstringStatusListCredential),
 * with every optional field present or not and any strings in them, and the proof options of
 * an eddsa-rdfc-2022 proof. The fast canonicaliser is proven equal to the reference
 * (jsonld + rdf-canonize) on exactly this space by a property test over a fuzzed corpus
 * (canonicaliser.test.ts, fast-check); a document outside it — another issuer's credential,
 * or a Kiln credential with a field added — is canonicalised by the reference algorithm.
 * Only the structure is checked: keys, value kinds, the contexts and types. Values that the
 * fast path cannot express (odd IRIs) make it fall back to the reference on its own.
 */
import { OB_CREDENTIAL_CONTEXT, VC_V2 } from './contexts.js'

type Json = Record<string, unknown>
type Field = (value: unknown) => boolean

const isObject = (v: unknown): v is Json => typeof v === 'object' && v !== null && !Array.isArray(v)
const str: Field = (v) => typeof v === 'string'
const num: Field = (v) => typeof v === 'number' && Number.isFinite(v)
const exactly =
  (...values: readonly unknown[]): Field =>
  (v) =>
    Array.isArray(v)
      ? v.length === values.length && v.every((x, i) => x === values[i])
      : values.length === 1 && v === values[0]
const list =
  (item: Field, min = 1): Field =>
  (v) =>
    Array.isArray(v) && v.length >= min && v.every(item)

/** An object with these required and optional fields and nothing else. */
function shape(required: Record<string, Field>, optional: Record<string, Field> = {}): Field {
  return (v) => {
    if (!isObject(v)) return false
    for (const [key, check] of Object.entries(required)) {
      if (!(key in v) || !check(v[key])) return false
    }
    for (const key of Object.keys(v)) {
      if (key in required) continue
      const check = optional[key]
      if (check === undefined || !check(v[key])) return false
    }
    return true
  }
}

const alignment = shape(
  { type: exactly('Alignment'), targetName: str, targetUrl: str },
  { targetFramework: str, targetCode: str, targetDescription: str }
)

const achievement = shape(
  {
    id: str,
    type: exactly('Achievement'),
    name: str,
    description: str,
    criteria: shape({}, { id: str, narrative: str })
  },
  {
    image: shape({ id: str, type: exactly('Image') }),
    tag: list(str),
    alignment: list(alignment),
    achievementType: str,
    creditsAvailable: num,
    fieldOfStudy: str,
    humanCode: str,
    version: str
  }
)

const identityObject = shape({
  type: exactly('IdentityObject'),
  identityHash: str,
  identityType: exactly('emailAddress'),
  hashed: exactly(true),
  salt: str
})

const openBadgeCredential = shape(
  {
    '@context': exactly(...OB_CREDENTIAL_CONTEXT),
    id: str,
    type: exactly('VerifiableCredential', 'OpenBadgeCredential'),
    issuer: shape({ id: str, type: exactly('Profile'), name: str, url: str }, { email: str }),
    validFrom: str,
    awardedDate: str,
    name: str,
    credentialSubject: shape(
      {
        type: exactly('AchievementSubject'),
        name: str,
        identifier: list(identityObject),
        achievement
      },
      { narrative: str }
    )
  },
  {
    validUntil: str,
    description: str,
    evidence: list(shape({ type: exactly('Evidence'), id: str }, { narrative: str })),
    credentialStatus: shape({
      id: str,
      type: exactly('BitstringStatusListEntry'),
      statusPurpose: str,
      statusListIndex: str,
      statusListCredential: str
    }),
    credentialSchema: list(shape({ id: str, type: exactly('1EdTechJsonSchemaValidator2019') }))
  }
)

const statusListCredential = shape(
  {
    '@context': exactly(VC_V2),
    id: str,
    type: exactly('VerifiableCredential', 'BitstringStatusListCredential'),
    issuer: str,
    validFrom: str,
    credentialSubject: shape({
      id: str,
      type: exactly('BitstringStatusList'),
      statusPurpose: str,
      encodedList: str
    })
  },
  { validUntil: str }
)

const proofConfig = (context: Field): Field =>
  shape({
    '@context': context,
    type: exactly('DataIntegrityProof'),
    cryptosuite: exactly('eddsa-rdfc-2022'),
    created: str,
    verificationMethod: str,
    proofPurpose: exactly('assertionMethod')
  })

const kilnProofConfig = proofConfig(
  (v) => exactly(...OB_CREDENTIAL_CONTEXT)(v) || exactly(VC_V2)(v)
)

/** Whether `doc` (without its proof) is a document in Kiln's own shape, or its proof config. */
export function isKilnShaped(doc: unknown): boolean {
  return openBadgeCredential(doc) || statusListCredential(doc) || kilnProofConfig(doc)
}
