/**
 * verify/verifier.js: the browser verifier (browser/verifier.ts) bundled with the credential
 * engine it shares with the station (credentials/: canonicaliser plug-in, fast path, jsonld +
 * rdf-canonize, Data Integrity), the pinned contexts, @noble/ed25519, @noble/hashes,
 * @scure/base and fflate into one self-contained, minified file (no eval, no network, no
 * inline script). Platform files are chosen at build time: an import of `…/platform/x.js`
 * resolves to `x.browser.ts` when one sits beside `x.ts` (node:crypto → @noble, npm context
 * packages → the embedded `kiln:contexts`). The script's API is also exposed as the global
 * `kilnVerifier` ({ verifyCredentialInBrowser, unbake }). A prebuilt copy
 * (out/site/verifier.js, or $KILN_VERIFIER_JS) is used when present; otherwise it is built
 * with esbuild on first use in this process. esbuild is deterministic, so the same sources
 * give the same bytes.
 */
import { existsSync, readFileSync } from 'node:fs'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import { PINNED_CONTEXTS } from '../credentials/contexts.js'
import { fail } from '../failure.js'

let cached: Promise<string> | undefined

function findUp(start: string, relative: string): string | undefined {
  let dir = start
  for (;;) {
    const candidate = path.join(dir, relative)
    if (existsSync(candidate)) return candidate
    const parent = path.dirname(dir)
    if (parent === dir) return undefined
    dir = parent
  }
}

/** The JS source of the pinned contexts, keyed by URL (sorted, so the output is stable). */
export function contextsModuleSource(): string {
  const entries = [...PINNED_CONTEXTS.entries()].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
  return `export default ${JSON.stringify(Object.fromEntries(entries))}`
}

type EsbuildLike = {
  build(options: Record<string, unknown>): Promise<{ outputFiles?: { text: string }[] }>
}

export async function buildVerifierScript(sourceFile: string): Promise<string> {
  const esbuild = (await import('esbuild')) as unknown as EsbuildLike
  const root = path.dirname(findUp(path.dirname(sourceFile), 'package.json') ?? sourceFile)
  const result = await esbuild.build({
    entryPoints: [sourceFile],
    absWorkingDir: root,
    bundle: true,
    write: false,
    format: 'iife',
    platform: 'browser',
    target: ['chrome110', 'firefox110', 'safari16'],
    minify: true,
    legalComments: 'none',
    charset: 'utf8',
    logLevel: 'silent',
    globalName: 'kilnVerifier',
    plugins: [
      {
        name: 'kiln-browser-platform',
        setup(build: {
          onResolve(
            o: object,
            f: (a: { path: string; resolveDir: string }) => object | undefined
          ): void
        }) {
          build.onResolve({ filter: /(^|\/)platform\/[\w-]+\.js$/ }, (args) => {
            const browser = path.resolve(args.resolveDir, args.path).replace(/\.js$/, '.browser.ts')
            return existsSync(browser) ? { path: browser } : undefined
          })
        }
      },
      {
        name: 'kiln-contexts',
        setup(build: {
          onResolve(o: object, f: (a: { path: string }) => object): void
          onLoad(o: object, f: () => object): void
        }) {
          build.onResolve({ filter: /^kiln:contexts$/ }, () => ({
            path: 'contexts',
            namespace: 'kiln'
          }))
          build.onLoad({ filter: /.*/, namespace: 'kiln' }, () => ({
            contents: contextsModuleSource(),
            loader: 'js'
          }))
        }
      }
    ]
  })
  const text = result.outputFiles?.[0]?.text
  if (!text) fail('INTERNAL', 'The browser verifier could not be built.')
  return text
}

/** The verifier script's text (prebuilt if available, else built once per process). */
export function verifierScript(): Promise<string> {
  cached ??= (async () => {
    const here = path.dirname(fileURLToPath(import.meta.url))
    const prebuilt = process.env.KILN_VERIFIER_JS ?? path.join(here, '..', 'site', 'verifier.js')
    if (existsSync(prebuilt)) return readFileSync(prebuilt, 'utf8')
    const source = findUp(here, path.join('main', 'core', 'site', 'browser', 'verifier.ts'))
    if (!source) {
      fail('INTERNAL', 'The browser verifier is missing from this build (out/site/verifier.js).')
    }
    return buildVerifierScript(source)
  })()
  cached.catch(() => {
    cached = undefined
  })
  return cached
}
