/**
 * The site's two scripts, each one self-contained, minified file (no eval, no network, no
 * inline script), built by esbuild from main/core/site/browser/:
 *  - verify/verifier.js (verifier-page.ts): the verifier page and the credential check, with
 *    jsonld, the pinned contexts, @noble/ed25519, @noble/hashes, @scure/base and fflate;
 *  - assets/site.js (site.ts): downloads baked in the browser, "download all", loading the
 *    verifier on demand; small, so a credential page stays light.
 * The verifier is the credential engine the station itself uses (credentials/: canonicaliser
 * plug-in, fast path, jsonld + rdf-canonize, Data Integrity): platform files are chosen at build
 * time — an import of `…/platform/x.js` resolves to `x.browser.ts` when one sits beside `x.ts`
 * (node:crypto → @noble, npm context packages → the embedded `kiln:contexts`) — and its API is
 * also exposed as the global `kilnVerifier` ({ verifyCredentialInBrowser, unbake }).
 * `node:zlib` resolves to browser/zlib-shim.ts, so the browser bakes with baking/png.ts itself.
 * Prebuilt copies (out/site/*.js, or $KILN_VERIFIER_JS / $KILN_SITE_JS) are used when present;
 * otherwise each is built with esbuild on first use in this process. esbuild is deterministic,
 * so the same sources give the same bytes.
 */
import { existsSync, readFileSync } from 'node:fs'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import { PINNED_CONTEXTS } from '../credentials/contexts.js'
import { fail } from '../failure.js'

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

type EsbuildPlugin = {
  name: string
  setup(build: {
    onResolve(o: object, f: (a: { path: string; resolveDir: string }) => object | undefined): void
    onLoad(o: object, f: () => object): void
  }): void
}

type EsbuildLike = {
  build(options: Record<string, unknown>): Promise<{ outputFiles?: { text: string }[] }>
}

export async function buildSiteScript(sourceFile: string, globalName?: string): Promise<string> {
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
    ...(globalName ? { globalName } : {}),
    plugins: [
      {
        name: 'kiln-browser-platform',
        setup(build) {
          build.onResolve({ filter: /(^|\/)platform\/[\w-]+\.js$/ }, (args) => {
            const browser = path.resolve(args.resolveDir, args.path).replace(/\.js$/, '.browser.ts')
            return existsSync(browser) ? { path: browser } : undefined
          })
        }
      },
      {
        name: 'kiln-contexts',
        setup(build) {
          build.onResolve({ filter: /^kiln:contexts$/ }, () => ({
            path: 'contexts',
            namespace: 'kiln'
          }))
          build.onLoad({ filter: /.*/, namespace: 'kiln' }, () => ({
            contents: contextsModuleSource(),
            loader: 'js'
          }))
        }
      },
      {
        name: 'kiln-node-zlib',
        setup(build) {
          build.onResolve({ filter: /^(node:)?zlib$/ }, () => ({
            path: path.join(root, 'main', 'core', 'site', 'browser', 'zlib-shim.ts')
          }))
        }
      }
    ] satisfies EsbuildPlugin[]
  })
  const text = result.outputFiles?.[0]?.text
  if (!text) fail('INTERNAL', `The site script ${path.basename(sourceFile)} could not be built.`)
  return text
}

const SCRIPTS = {
  verifier: {
    entry: 'verifier-page.ts',
    prebuilt: 'verifier.js',
    env: 'KILN_VERIFIER_JS',
    globalName: 'kilnVerifier'
  },
  site: { entry: 'site.ts', prebuilt: 'site.js', env: 'KILN_SITE_JS', globalName: undefined }
} as const

export type SiteScriptName = keyof typeof SCRIPTS

/** Where a script's source is, for the build step (scripts/build-verifier.ts). */
export const siteScriptEntry = (name: SiteScriptName): string =>
  path.join('main', 'core', 'site', 'browser', SCRIPTS[name].entry)

/** The global a script exposes its API under (the verifier's engine), if any. */
export const siteScriptGlobal = (name: SiteScriptName): string | undefined =>
  SCRIPTS[name].globalName

const cache = new Map<SiteScriptName, Promise<string>>()

/** A site script's text (prebuilt if available, else built once per process). */
export function siteScript(name: SiteScriptName): Promise<string> {
  let pending = cache.get(name)
  if (!pending) {
    const spec = SCRIPTS[name]
    pending = (async () => {
      const here = path.dirname(fileURLToPath(import.meta.url))
      const prebuilt = process.env[spec.env] ?? path.join(here, '..', 'site', spec.prebuilt)
      if (existsSync(prebuilt)) return readFileSync(prebuilt, 'utf8')
      const source = findUp(here, siteScriptEntry(name))
      if (!source) {
        fail('INTERNAL', `The site script ${spec.prebuilt} is missing from this build (out/site/).`)
      }
      return buildSiteScript(source, spec.globalName)
    })()
    cache.set(name, pending)
    pending.catch(() => cache.delete(name))
  }
  return pending
}

/** Both scripts (what an export writes). */
export async function siteScripts(): Promise<{ verifierJs: string; siteJs: string }> {
  const [verifierJs, siteJs] = await Promise.all([siteScript('verifier'), siteScript('site')])
  return { verifierJs, siteJs }
}

/** The verifier's text (kept for callers that only need verify/verifier.js). */
export const verifierScript = (): Promise<string> => siteScript('verifier')
