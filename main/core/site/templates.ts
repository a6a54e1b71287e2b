/**
 * The site's HTML pages. Pure functions of their input (no clock, no randomness): the same
 * data gives the same bytes. Every string is escaped for its context (escape.ts); pages link
 * one stylesheet and one script (no inline script or style, so a strict CSP works).
 */
import { escapeAttr as attr, escapeHtml as html, safeUrl } from './escape.js'

export type SiteMeta = Readonly<{
  siteUrl: string
  issuerId: string
  issuerName: string
  issuerUrl: string
  /** did.json path relative to the site root ('' for did:key issuers). */
  didPath: string
}>

type PageOptions = {
  title: string
  /** Relative path from the page to the site root, e.g. '../../'. */
  root: string
  noindex: boolean
  script: boolean
  extraMeta?: ReadonlyArray<readonly [string, string]>
}

function layout(meta: SiteMeta, o: PageOptions, body: string): string {
  const metas: Array<readonly [string, string]> = [
    ['kiln-site-root', o.root],
    ['kiln-site-url', meta.siteUrl],
    ['kiln-issuer', meta.issuerId],
    ['kiln-did-path', meta.didPath],
    ...(o.extraMeta ?? [])
  ]
  return [
    '<!doctype html>',
    '<html lang="en">',
    '<head>',
    '<meta charset="utf-8">',
    '<meta name="viewport" content="width=device-width, initial-scale=1">',
    '<meta name="referrer" content="no-referrer">',
    ...(o.noindex ? ['<meta name="robots" content="noindex">'] : []),
    ...metas.map(([n, c]) => `<meta name="${attr(n)}" content="${attr(c)}">`),
    `<title>${html(o.title)}</title>`,
    `<link rel="stylesheet" href="${attr(o.root)}assets/site.css">`,
    ...(o.script ? [`<script src="${attr(o.root)}verify/verifier.js" defer></script>`] : []),
    '</head>',
    '<body>',
    `<header><a href="${attr(o.root)}index.html">${html(meta.issuerName)}</a></header>`,
    '<main>',
    body,
    '</main>',
    `<footer><a href="${attr(o.root)}verify/index.html">Verify a badge</a> · <a href="${attr(safeUrl(meta.issuerUrl))}" rel="noopener">${html(meta.issuerUrl)}</a></footer>`,
    '</body>',
    '</html>',
    ''
  ].join('\n')
}

const day = (iso: string): string => iso.slice(0, 10)

export type BadgeCard = Readonly<{ id: string; name: string; description: string; image?: string }>

export function issuerPage(meta: SiteMeta, badges: readonly BadgeCard[]): string {
  const cards = badges
    .map(
      (b) =>
        `<li class="badge-card"><a href="achievements/${attr(encodeURIComponent(b.id))}/index.html">` +
        (b.image ? `<img src="${attr(b.image)}" alt="" width="96" height="96">` : '') +
        `<span class="badge-name">${html(b.name)}</span></a><p>${html(b.description)}</p></li>`
    )
    .join('\n')
  const body = [
    `<h1>${html(meta.issuerName)}</h1>`,
    '<section aria-labelledby="badges-h"><h2 id="badges-h">Badges</h2>',
    badges.length ? `<ul class="badges">\n${cards}\n</ul>` : '<p>No published badges yet.</p>',
    '</section>',
    '<section aria-labelledby="verify-h"><h2 id="verify-h">Verify a badge</h2>',
    '<form action="verify/index.html" method="get">',
    '<label for="credential-id">Credential id</label>',
    '<input id="credential-id" name="credential" required>',
    '<button type="submit">Verify</button>',
    '</form>',
    '<p>Or <a href="verify/index.html">check a credential file</a> (JSON or baked PNG) in your browser.</p>',
    '</section>'
  ].join('\n')
  return layout(meta, { title: meta.issuerName, root: '', noindex: false, script: false }, body)
}

export type BadgePageInput = Readonly<{
  id: string
  name: string
  description: string
  criteria?: string
  criteriaUrl?: string
  tags: readonly string[]
  image?: string
}>

export function badgePage(meta: SiteMeta, b: BadgePageInput): string {
  const body = [
    '<article class="badge">',
    b.image ? `<img src="${attr(b.image)}" alt="${attr(b.name)}" width="240" height="240">` : '',
    `<h1>${html(b.name)}</h1>`,
    `<p>${html(b.description)}</p>`,
    b.criteria ? `<h2>Criteria</h2><p>${html(b.criteria)}</p>` : '',
    b.criteriaUrl
      ? `<p><a href="${attr(safeUrl(b.criteriaUrl))}" rel="noopener">Criteria page</a></p>`
      : '',
    b.tags.length
      ? `<ul class="tags">${b.tags.map((t) => `<li>${html(t)}</li>`).join('')}</ul>`
      : '',
    `<p><a href="../${attr(encodeURIComponent(b.id))}.json">Achievement (JSON)</a></p>`,
    '</article>'
  ]
    .filter((s) => s !== '')
    .join('\n')
  return layout(meta, { title: b.name, root: '../../', noindex: false, script: false }, body)
}

export type CredentialPageInput = Readonly<{
  awardId: string
  recipientName: string
  badgeName: string
  badgeId: string
  badgeImage?: string
  issuedAt: string
  validUntil?: string
  /** Rendered at export time from the data; the script recomputes it from the status list. */
  status: 'active' | 'expired' | 'revoked'
  public: boolean
  hasPng: boolean
  hasPdf: boolean
  linkedInUrl: string
  pageUrl: string
}>

const STATUS_LABEL = { active: 'Active', expired: 'Expired', revoked: 'Revoked' } as const

export function credentialPage(meta: SiteMeta, c: CredentialPageInput): string {
  const id = encodeURIComponent(c.awardId)
  const share = encodeURIComponent(c.pageUrl)
  const text = encodeURIComponent(`${c.badgeName} — ${meta.issuerName}`)
  const body = [
    '<article class="credential">',
    c.badgeImage
      ? `<img src="${attr(c.badgeImage)}" alt="${attr(c.badgeName)}" width="240" height="240">`
      : '',
    `<h1>${html(c.badgeName)}</h1>`,
    `<p class="recipient">Awarded to <strong>${html(c.recipientName)}</strong></p>`,
    '<dl>',
    `<dt>Issued by</dt><dd>${html(meta.issuerName)}</dd>`,
    `<dt>Issued on</dt><dd><time datetime="${attr(c.issuedAt)}">${html(day(c.issuedAt))}</time></dd>`,
    c.validUntil
      ? `<dt>Valid until</dt><dd><time datetime="${attr(c.validUntil)}">${html(day(c.validUntil))}</time></dd>`
      : '',
    `<dt>Status</dt><dd><span id="status-badge" data-status="${attr(c.status)}">${STATUS_LABEL[c.status]}</span></dd>`,
    '</dl>',
    '<p><button type="button" id="verify-button">Verify</button></p>',
    '<div id="verify-result" role="status" aria-live="polite"></div>',
    '<h2>Download</h2>',
    '<ul class="downloads">',
    c.hasPng
      ? `<li><a href="../${attr(id)}.png" download>Badge image with the credential (PNG)</a></li>`
      : '',
    `<li><a href="../${attr(id)}.json" download>Credential (JSON)</a></li>`,
    c.hasPdf ? `<li><a href="../${attr(id)}.pdf" download>Certificate (PDF)</a></li>` : '',
    '</ul>',
    '<h2>Share</h2>',
    '<ul class="share">',
    `<li><a href="${attr(c.linkedInUrl)}" rel="noopener">Add to LinkedIn profile</a></li>`,
    `<li><a href="https://www.linkedin.com/sharing/share-offsite/?url=${attr(share)}" rel="noopener">Share on LinkedIn</a></li>`,
    `<li><a href="mailto:?subject=${attr(text)}&amp;body=${attr(share)}">Share by e-mail</a></li>`,
    '</ul>',
    `<p><a href="../../achievements/${attr(encodeURIComponent(c.badgeId))}/index.html">About this badge</a></p>`,
    '</article>'
  ]
    .filter((s) => s !== '')
    .join('\n')
  return layout(
    meta,
    {
      title: `${c.badgeName} — ${c.recipientName}`,
      root: '../../',
      noindex: !c.public,
      script: true,
      extraMeta: [['kiln-credential', `../${id}.json`]]
    },
    body
  )
}

export function verifyPage(meta: SiteMeta): string {
  const body = [
    '<h1>Verify a badge</h1>',
    '<p>Paste an Open Badges 3.0 credential (JSON), or choose or drop a credential file (JSON or baked PNG). Everything is checked in your browser; nothing is sent anywhere.</p>',
    '<form id="verify-form">',
    '<label for="credential-text">Credential JSON</label>',
    '<textarea id="credential-text" rows="10" spellcheck="false"></textarea>',
    '<label for="credential-file">Credential file</label>',
    '<input type="file" id="credential-file" accept=".json,.png,application/json,image/png">',
    '<button type="submit">Verify</button>',
    '</form>',
    '<div id="verify-result" role="status" aria-live="polite"></div>'
  ].join('\n')
  return layout(meta, { title: 'Verify a badge', root: '../', noindex: false, script: true }, body)
}

export const SITE_CSS = `:root{color-scheme:light dark;font-family:system-ui,sans-serif;line-height:1.5}
body{margin:0 auto;max-width:48rem;padding:1rem}
header,footer{padding:.5rem 0}footer{margin-top:2rem;font-size:.9rem}
img{max-width:100%;height:auto}
.badges{list-style:none;padding:0;display:grid;grid-template-columns:repeat(auto-fill,minmax(12rem,1fr));gap:1rem}
.badge-name{display:block;font-weight:600}
textarea{width:100%;font-family:monospace}
label{display:block;margin-top:.5rem}
button{margin-top:.5rem;padding:.4rem 1rem}
[data-status=revoked],.outcome-revoked,.outcome-invalid{color:#b00020}
[data-status=active],[data-status=verified],.outcome-verified{color:#0a7a2f}
.outcome{font-size:1.4rem;font-weight:700}
`
