import fs from 'node:fs'
import { describe, expect, it } from 'vitest'
import { vendorFile } from '../../../test/vendor-paths.js'
import {
  ContextNotAllowedError,
  DATA_INTEGRITY_V2,
  MULTIKEY_V1,
  OB_EXTENSIONS,
  OB_V3P0_3_0_0,
  OB_V3P0_3_0_1,
  OB_V3P0_3_0_2,
  OB_V3P0_3_0_3,
  PINNED_CONTEXTS,
  VC_V2,
  DID_V1,
  createDocumentLoader,
  documentLoader
} from './contexts.js'

const shared = (name: string): unknown =>
  JSON.parse(fs.readFileSync(vendorFile('vectors', 'contexts', name), 'utf8'))

const EXAMPLES_V2 = 'https://www.w3.org/ns/credentials/examples/v2'

describe('offline document loader', () => {
  it.each([
    [VC_V2, 'w3c-credentials-v2.jsonld'],
    [OB_V3P0_3_0_3, '1edtech-ob-v3p0-context-3.0.3.json'],
    [OB_V3P0_3_0_2, '1edtech-ob-v3p0-context-3.0.2.json'],
    [OB_V3P0_3_0_1, '1edtech-ob-v3p0-context-3.0.1.json'],
    [OB_V3P0_3_0_0, '1edtech-ob-v3p0-context.json'],
    [OB_EXTENSIONS, '1edtech-ob-v3p0-extensions.json'],
    [DATA_INTEGRITY_V2, 'w3id-data-integrity-v2.jsonld'],
    [MULTIKEY_V1, 'w3id-multikey-v1.jsonld']
  ])('serves %s from the pinned package, equal to the official file', async (url, file) => {
    const remote = await documentLoader(url)
    expect(remote.documentUrl).toBe(url)
    expect(remote.contextUrl).toBeNull()
    expect(remote.document).toEqual(shared(file))
  })

  it('serves the DID v1 context', async () => {
    const remote = await documentLoader(DID_V1)
    expect(JSON.stringify(remote.document)).toContain('"@context"')
  })

  it('refuses any other URL without fetching', async () => {
    await expect(documentLoader('https://example.com/context.json')).rejects.toBeInstanceOf(
      ContextNotAllowedError
    )
    await expect(documentLoader(EXAMPLES_V2)).rejects.toThrow(/not one Kiln ships offline/)
  })

  it('serves extra contexts only from loaders that were given them', async () => {
    const examples = shared('w3c-credentials-examples-v2.jsonld') as object
    const loader = createDocumentLoader({ [EXAMPLES_V2]: examples })
    expect((await loader(EXAMPLES_V2)).document).toEqual(examples)
    expect((await loader(VC_V2)).document).toEqual(shared('w3c-credentials-v2.jsonld'))
    await expect(documentLoader(EXAMPLES_V2)).rejects.toBeInstanceOf(ContextNotAllowedError)
  })

  it('hands out frozen documents, so no caller can alter a pinned context', async () => {
    const doc = (await documentLoader(VC_V2)).document as Record<string, unknown>
    expect(Object.isFrozen(doc)).toBe(true)
    expect(() => {
      doc['@context'] = {}
    }).toThrow(TypeError)
    expect(PINNED_CONTEXTS.size).toBe(10)
  })
})
