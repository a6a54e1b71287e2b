/**
 * How each file of the badge site must be served: Content-Type, Cache-Control, CORS and
 * robots headers, from its path alone. ONE table, used three ways:
 *  - the host configuration files shipped with the site: `.htaccess` (Apache) and `_headers`
 *    (Netlify, Cloudflare Pages), rendered from it by htaccess() and netlifyHeaders();
 *  - object metadata on S3-compatible targets and any other uploader (headersFor(path));
 *  - tests, which serve the site the way these files say.
 *
 * Choices (OPEN-BADGES.md): credentials and status lists are Verifiable Credentials →
 * `application/vc+ld+json` (OB 3.0 docformat); other JSON-LD (issuer profile, achievements,
 * OB 2.0 objects) → `application/ld+json`; did.json → `application/json` (what did:web resolvers
 * read everywhere; the DID document is plain JSON with an @context); manifests → JSON. Every
 * JSON file and image allows any origin (`Access-Control-Allow-Origin: *`) so other verifiers
 * can fetch them from a browser. Files that never change under their name (content-addressed
 * status list copies, manifest segments, numbered manifests, a badge version's image, the logo)
 * are cached for a year; everything else must be revalidated (`no-cache`), so a revocation is
 * seen at once. Private pages (credentials, personal pages) carry `X-Robots-Tag: noindex`.
 * Browser-safe (no node:* imports).
 */

export type SiteFileHeaders = Readonly<{
  contentType: string
  cacheControl: string
  /** Access-Control-Allow-Origin: * */
  cors: boolean
  /** X-Robots-Tag: noindex */
  noindex: boolean
}>

export const CSP =
  "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data: blob:; connect-src 'self'; form-action 'self'; base-uri 'none'; frame-ancestors 'none'"

const IMMUTABLE = 'public, max-age=31536000, immutable'
const REVALIDATE = 'no-cache'
/** Kiln's own scripts and the stylesheet change only with a new export. */
const SHORT = 'public, max-age=300'

const VC = 'application/vc+ld+json'
const LD = 'application/ld+json'
const JSON_TYPE = 'application/json'

type Rule = Readonly<{
  /** Apache/Netlify pattern (documented with each rule) and the matcher for a site path. */
  test: (p: string) => boolean
  headers: SiteFileHeaders
}>

const rule = (
  test: (p: string) => boolean,
  contentType: string,
  cacheControl: string,
  cors: boolean,
  noindex = false
): Rule => ({ test, headers: { contentType, cacheControl, cors, noindex } })

const HEX64 = '[0-9a-f]{64}'
const RULES: readonly Rule[] = [
  rule((p) => /^credentials\/[^/]+\.json$/.test(p), VC, REVALIDATE, true, true),
  rule((p) => new RegExp(`^status/[^/]+/${HEX64}\\.json$`).test(p), VC, IMMUTABLE, true),
  rule((p) => /^status\/[^/]+\.json$/.test(p), VC, REVALIDATE, true),
  rule((p) => /(^|\/)did\.json$/.test(p), JSON_TYPE, REVALIDATE, true),
  rule(
    (p) => new RegExp(`^kiln-manifests/segments/${HEX64}\\.json$`).test(p),
    JSON_TYPE,
    IMMUTABLE,
    true
  ),
  rule((p) => /^kiln-manifests\/\d+\.json$/.test(p), JSON_TYPE, IMMUTABLE, true),
  rule((p) => p === 'kiln-manifest.json', JSON_TYPE, REVALIDATE, true),
  rule((p) => /^ob2\/assertions\/[^/]+\.json$/.test(p), LD, REVALIDATE, true, true),
  rule((p) => p.endsWith('.json'), LD, REVALIDATE, true),
  rule((p) => /^achievements\/[^/]+-v\d+\.png$/.test(p), 'image/png', IMMUTABLE, true),
  rule((p) => /^assets\/logo-[0-9a-f]+\.png$/.test(p), 'image/png', IMMUTABLE, true),
  rule((p) => p.endsWith('.png'), 'image/png', REVALIDATE, true),
  rule((p) => p.endsWith('.svg'), 'image/svg+xml', REVALIDATE, true),
  rule((p) => p.endsWith('.pdf'), 'application/pdf', REVALIDATE, false, true),
  rule(
    (p) => /^(credentials|p|ob2\/assertions)\/.+\.html$/.test(p),
    'text/html; charset=utf-8',
    REVALIDATE,
    false,
    true
  ),
  rule((p) => p.endsWith('.html'), 'text/html; charset=utf-8', REVALIDATE, false),
  rule((p) => p.endsWith('.css'), 'text/css; charset=utf-8', SHORT, false),
  rule((p) => p.endsWith('.js'), 'text/javascript; charset=utf-8', SHORT, false),
  rule((p) => p === '.htaccess' || p === '_headers', 'text/plain', REVALIDATE, false)
]

const FALLBACK: SiteFileHeaders = {
  contentType: 'application/octet-stream',
  cacheControl: REVALIDATE,
  cors: false,
  noindex: false
}

/** How the file at `sitePath` (relative to the site root, '/'-separated) is served. */
export function headersFor(sitePath: string): SiteFileHeaders {
  return RULES.find((r) => r.test(sitePath))?.headers ?? FALLBACK
}

/** The same as HTTP header name → value pairs (what an uploader sets as object metadata). */
export function httpHeadersFor(sitePath: string): Record<string, string> {
  const h = headersFor(sitePath)
  return {
    'Content-Type': h.contentType,
    'Cache-Control': h.cacheControl,
    ...(h.cors ? { 'Access-Control-Allow-Origin': '*' } : {}),
    ...(h.noindex ? { 'X-Robots-Tag': 'noindex' } : {}),
    'X-Content-Type-Options': 'nosniff',
    ...(h.contentType.startsWith('text/html') ? { 'Content-Security-Policy': CSP } : {})
  }
}

/**
 * `.htaccess` for Apache 2.4 (needs `AllowOverride FileInfo Options Indexes` or `All`, which
 * shared hosts give; mod_headers blocks only apply where it is loaded). `Options -Indexes`
 * turns directory listings off; a host that forbids it answers 500 for the whole site: then
 * remove that line (the folders holding private files have an index.html that lists nothing).
 * Patterns match the end of the request path, so the file works for a site in a sub-folder.
 */
export function htaccess(): string {
  const uri = (re: string): string => `%{REQUEST_URI} =~ m#${re}#`
  return [
    '# Written by Kiln with the badge site: how its files are served (keep it at the site root).',
    'Options -Indexes',
    'DirectoryIndex index.html',
    `AddType ${JSON_TYPE} .json`,
    'AddType image/svg+xml .svg',
    'AddCharset utf-8 .html .css .js',
    '<Files "_headers">',
    '  ForceType text/plain',
    '</Files>',
    `<If "${uri('/credentials/[^/]+\\.json$')} || ${uri('/status/.+\\.json$')}">`,
    `  ForceType ${VC}`,
    '</If>',
    `<ElseIf "${uri('/(issuer|achievements/[^/]+|ob2/.+)\\.json$')}">`,
    `  ForceType ${LD}`,
    '</ElseIf>',
    '<IfModule mod_headers.c>',
    '  Header always set X-Content-Type-Options "nosniff"',
    `  Header set Cache-Control "${REVALIDATE}"`,
    '  <FilesMatch "\\.(json|png|svg)$">',
    '    Header set Access-Control-Allow-Origin "*"',
    '  </FilesMatch>',
    '  <FilesMatch "\\.html$">',
    `    Header set Content-Security-Policy "${CSP}"`,
    '  </FilesMatch>',
    '  <FilesMatch "\\.(css|js)$">',
    `    Header set Cache-Control "${SHORT}"`,
    '  </FilesMatch>',
    `  <If "${uri(`/(kiln-manifests/segments/${HEX64}|kiln-manifests/\\d+|status/[^/]+/${HEX64})\\.json$`)} || ${uri('/(achievements/[^/]+-v\\d+|assets/logo-[0-9a-f]+)\\.png$')}">`,
    `    Header set Cache-Control "${IMMUTABLE}"`,
    '  </If>',
    `  <If "${uri('/(credentials|p|ob2/assertions)/')}">`,
    '    Header set X-Robots-Tag "noindex"',
    '  </If>',
    '</IfModule>',
    ''
  ].join('\n')
}

/**
 * `_headers` for Netlify and Cloudflare Pages. Both join the values of a header that several
 * rules set, so no header is set by two rules that can match the same path; where nothing sets
 * Cache-Control both hosts revalidate (max-age=0, must-revalidate). Patterns are absolute paths
 * on the host, so they start with the site URL's path (`/` at the domain root); a site in a
 * sub-folder of a larger deployment needs this file moved to the deployment's root.
 */
export function netlifyHeaders(siteUrl: string, didPath: string): string {
  const base = new URL(siteUrl).pathname.replace(/\/?$/, '/')
  const block = (pattern: string, headers: ReadonlyArray<readonly [string, string]>): string[] => [
    base + pattern,
    ...headers.map(([k, v]) => `  ${k}: ${v}`)
  ]
  const cors: [string, string] = ['Access-Control-Allow-Origin', '*']
  return [
    '# Written by Kiln with the badge site: how its files are served (Netlify, Cloudflare Pages).',
    ...block('*', [
      ['X-Content-Type-Options', 'nosniff'],
      ['Content-Security-Policy', CSP]
    ]),
    ...block('*.json', [cors]),
    ...block('*.png', [cors]),
    ...block('credentials/*', [['X-Robots-Tag', 'noindex']]),
    ...block('p/*', [['X-Robots-Tag', 'noindex']]),
    ...block('ob2/assertions/*', [['X-Robots-Tag', 'noindex']]),
    ...block('credentials/*.json', [['Content-Type', VC]]),
    ...block('status/*', [['Content-Type', VC]]),
    ...block('issuer.json', [['Content-Type', LD]]),
    ...block('achievements/*.json', [['Content-Type', LD]]),
    ...block('achievements/*.png', [['Cache-Control', IMMUTABLE]]),
    ...block('assets/logo-*', [['Cache-Control', IMMUTABLE]]),
    ...block('ob2/*.json', [['Content-Type', LD]]),
    ...(didPath ? block(didPath, [['Content-Type', JSON_TYPE]]) : []),
    ...block('kiln-manifests/*', [
      ['Content-Type', JSON_TYPE],
      ['Cache-Control', IMMUTABLE]
    ]),
    ''
  ].join('\n')
}
