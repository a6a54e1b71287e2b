/**
 * One credential engine for Node and the browser (issue 15 item 7): the site's verifier
 * bundle, built by esbuild with the browser platform files (@noble instead of node:crypto,
 * the embedded contexts), is run in a fresh JavaScript realm and must reach the same verdict
 * on every signature as the station's verifier: Kiln's own credentials, credentials Kiln did
 * not sign, tampered ones, and a fuzzed corpus of Kiln-shaped documents.
 */
import fs from 'node:fs'
import path from 'node:path'
import vm from 'node:vm'
import { webcrypto } from 'node:crypto'
import fc from 'fast-check'
import { beforeAll, describe, expect, it } from 'vitest'
import { REPO_ROOT, vendorFile } from '../../../test/vendor-paths.js'
import { buildSiteScript, siteScriptEntry, siteScriptGlobal } from '../site/verifier-bundle.js'
import { didKeyFromPublicKey, verificationMethodFor } from '../keys/did.js'
import { signerFromSeed } from '../keys/ed25519.js'
import { signDocument } from './data-integrity.js'
import { kilnShaped } from './kiln-shape.test-support.js'
import { checkProof } from './proof-check.js'
import { baseInput, newIssuer, signCredential } from './test-kit.js'
import * as nodeCrypto from './platform/crypto.js'
import * as browserCrypto from './platform/crypto.browser.js'

type BrowserCheck = { name: string; ok: boolean | null; message: string }
let browserVerify: (json: string) => Promise<BrowserCheck[]>
let script = ''

beforeAll(async () => {
  // The very bundle the site ships as verify/verifier.js.
  script = await buildSiteScript(
    path.join(REPO_ROOT, siteScriptEntry('verifier')),
    siteScriptGlobal('verifier')
  )
  const context = vm.createContext({
    TextEncoder,
    TextDecoder,
    URL,
    structuredClone,
    crypto: webcrypto,
    setTimeout,
    clearTimeout,
    queueMicrotask,
    console,
    fetch: () => Promise.reject(new Error('no network in this test'))
  })
  vm.runInContext('globalThis.self = globalThis', context) // as in a browser or a worker
  vm.runInContext(script, context)
  // A page without Kiln's meta tags (added after loading, so no page wiring runs).
  vm.runInContext(
    `globalThis.document = { baseURI: 'https://site.example/verify/', querySelector: () => null }`,
    context
  )
  const run = vm.runInContext(
    `(json) => kilnVerifier.verifyCredentialInBrowser(JSON.parse(json), new Date('2026-06-01T00:00:00Z')).then((r) => JSON.stringify(r.checks))`,
    context
  ) as (json: string) => Promise<string>
  browserVerify = async (json) => JSON.parse(await run(json)) as BrowserCheck[]
}, 120_000)

async function verdicts(
  doc: Record<string, unknown>
): Promise<{ node: boolean; browser: boolean }> {
  const node = (await checkProof(doc)).ok
  const checks = await browserVerify(JSON.stringify(doc))
  const browser = checks.find((c) => c.name === 'Signature')?.ok === true
  return { node, browser }
}

describe('the site verifier bundle is the station’s engine in its browser build', () => {
  it('holds no Node module and carries the browser platform', () => {
    expect(script).not.toMatch(/node:crypto|createRequire|require\("crypto"\)/)
    expect(script).toContain('kilnVerifier')
  })

  it('hashes and verifies Ed25519 exactly as node:crypto does', () => {
    const signer = signerFromSeed(Uint8Array.from({ length: 32 }, (_, i) => i + 1))
    fc.assert(
      fc.property(
        fc.uint8Array({ maxLength: 300 }),
        fc.string(),
        fc.boolean(),
        (data, text, flip) => {
          expect(browserCrypto.sha256(data)).toEqual(nodeCrypto.sha256(data))
          expect(browserCrypto.sha256Hex(text)).toBe(nodeCrypto.sha256Hex(text))
          const signature = signer.sign(data)
          if (flip && signature.length > 0) signature[0] = (signature[0] ?? 0) ^ 1
          expect(browserCrypto.ed25519Verify(signer.publicKey, data, signature)).toBe(!flip)
          expect(nodeCrypto.ed25519Verify(signer.publicKey, data, signature)).toBe(!flip)
        }
      ),
      { numRuns: 200 }
    )
    expect(
      browserCrypto.ed25519Verify(new Uint8Array(31), new Uint8Array(1), new Uint8Array(64))
    ).toBe(false)
    expect(
      nodeCrypto.ed25519Verify(new Uint8Array(31), new Uint8Array(1), new Uint8Array(64))
    ).toBe(false)
  })

  it('agrees with the station on Kiln’s own, foreign, and tampered credentials', async () => {
    const issuer = newIssuer('key')
    const own = await signCredential(
      issuer,
      baseInput(issuer.profile, {
        recipient: { name: 'فاطمة الزهراء', email: 'f@example.org', salt: 'ab'.repeat(16) }
      })
    )
    const { proof: _proof, ...unsigned } = own
    const foreignShape = await signDocument(
      {
        ...unsigned,
        credentialSubject: { ...unsigned.credentialSubject, id: 'did:example:ebfeb1f712ebc6f1c2' }
      },
      { verificationMethod: issuer.vm, created: '2025-03-01T10:00:00Z' },
      issuer.signer
    )
    const withAward = await signDocument(
      {
        ...unsigned,
        awardedDate: '2025-03-02T00:00:00Z',
        evidence: [{ type: ['Evidence'], id: 'https://e.example/1', name: 'A talk' }]
      },
      { verificationMethod: issuer.vm, created: '2025-03-01T10:00:00Z' },
      issuer.signer
    )
    const fixture = JSON.parse(
      fs.readFileSync(
        vendorFile('vectors', '1edtech-ob-v3p0', 'validator-fixture-simple.json'),
        'utf8'
      )
    ) as Record<string, unknown>
    const cases: Array<[string, Record<string, unknown>, boolean]> = [
      ['Kiln’s own', own, true],
      ['Kiln’s own, a name changed', { ...own, name: 'Forged' }, false],
      [
        're-signed in another shape (reference path)',
        JSON.parse(JSON.stringify(foreignShape)),
        true
      ],
      ['evidence with a name (reference path)', withAward, true],
      ['the 1EdTech validator fixture (another issuer)', fixture, true],
      ['the fixture with its name changed', { ...fixture, name: 'Forged' }, false]
    ]
    for (const [label, doc, valid] of cases) {
      expect(await verdicts(doc), label).toEqual({ node: valid, browser: valid })
    }
  })

  it(
    'agrees with the station on a fuzzed corpus of Kiln-shaped credentials',
    { timeout: 300_000 },
    async () => {
      const signer = signerFromSeed(Uint8Array.from({ length: 32 }, (_, i) => 255 - i))
      const did = didKeyFromPublicKey(signer.publicKey)
      const vm = verificationMethodFor(did, signer.publicKey)
      let checked = 0
      await fc.assert(
        fc.asyncProperty(kilnShaped, fc.boolean(), async (doc, tamper) => {
          let signed: Record<string, unknown>
          try {
            signed = await signDocument(
              doc,
              { verificationMethod: vm, created: '2026-01-15T10:00:00Z' },
              signer
            )
          } catch {
            return // not valid JSON-LD: nothing to sign
          }
          const subject = signed.credentialSubject as Record<string, unknown>
          const doc2 = tamper
            ? { ...signed, credentialSubject: { ...subject, id: 'https://tampered.example/' } }
            : signed
          const { node, browser } = await verdicts(doc2)
          expect(browser).toBe(node)
          expect(node).toBe(!tamper)
          checked++
        }),
        { numRuns: 60 }
      )
      expect(checked).toBeGreaterThan(30)
    }
  )
})
