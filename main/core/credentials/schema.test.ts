import fs from 'node:fs'
import { describe, expect, it } from 'vitest'
import { vendorFile } from '../../../test/vendor-paths.js'
import { resourcePath } from '../resources.js'
import { buildOpenBadgeCredential } from './build-credential.js'
import { validateAchievementCredential, withCompactedValuesAsArrays } from './schema.js'
import { baseInput, newIssuer } from './test-kit.js'

type Doc = Record<string, any> // eslint-disable-line @typescript-eslint/no-explicit-any

const fresh = (): Doc => structuredClone(buildOpenBadgeCredential(baseInput(newIssuer().profile)))

describe('validateAchievementCredential', () => {
  it('ships a byte copy of the 1EdTech schema in resources/schemas', () => {
    const shipped = fs.readFileSync(
      resourcePath('schemas', 'ob_v3p0_achievementcredential_schema.json')
    )
    const original = fs.readFileSync(
      vendorFile('schemas', '1edtech-ghpages-achievementcredential.json')
    )
    expect(shipped.equals(original)).toBe(true)
  })

  it('accepts a Kiln credential', () => {
    expect(validateAchievementCredential(fresh())).toEqual({ valid: true })
  })

  const breaks: Array<[string, (d: Doc) => void, string]> = [
    ['missing validFrom', (d) => delete d.validFrom, "must have required property 'validFrom'"],
    [
      'validFrom without a zone',
      (d) => (d.validFrom = '2025-03-01T10:00:00'),
      '/validFrom must match format "date-time"'
    ],
    [
      'credentialStatus as an array',
      (d) => (d.credentialStatus = [d.credentialStatus]),
      '/credentialStatus must be object'
    ],
    [
      'an extra IdentityObject property',
      (d) => (d.credentialSubject.identifier[0].email = 'a@b.c'),
      '("email")'
    ],
    ['type as a string', (d) => (d.type = 'VerifiableCredential'), '/type must be array'],
    [
      'an unknown achievementType',
      (d) => (d.credentialSubject.achievement.achievementType = 'Sticker'),
      '/credentialSubject/achievement/achievementType'
    ],
    [
      'wrong first context',
      (d) => (d['@context'][0] = 'https://www.w3.org/2018/credentials/v1'),
      '/@context/0 must be equal to one of the allowed values'
    ]
  ]
  for (const [what, edit, expected] of breaks) {
    it(`rejects ${what} with a readable message`, () => {
      const doc = fresh()
      edit(doc)
      const result = validateAchievementCredential(doc)
      expect(result.valid).toBe(false)
      expect(result.valid === false && result.errors.join('\n')).toContain(expected)
    })
  }

  it('rejects non-objects without throwing', () => {
    for (const v of [null, 1, 'x', []]) expect(validateAchievementCredential(v).valid).toBe(false)
  })

  it('wraps JSON-LD compacted single values back into arrays', () => {
    const doc = { ...fresh(), proof: { type: 'DataIntegrityProof' } }
    expect(withCompactedValuesAsArrays(doc)?.proof).toEqual([{ type: 'DataIntegrityProof' }])
    expect(withCompactedValuesAsArrays(fresh())).toBeUndefined()
  })
})
