/** Writes out/site/verifier.js, the browser verifier that every exported bundle carries. */
import { mkdirSync, writeFileSync } from 'node:fs'
import path from 'node:path'
import { buildVerifierScript } from '../main/core/site/verifier-bundle.js'

const text = await buildVerifierScript(path.resolve('main/core/site/browser/verifier.ts'))
mkdirSync('out/site', { recursive: true })
writeFileSync('out/site/verifier.js', text)
