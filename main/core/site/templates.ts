/**
 * The site's HTML pages. Pure functions of their input (no clock, no randomness): the same
 * data gives the same bytes, which the incremental export relies on. Every string is escaped
 * for its context (escape.ts); pages link one stylesheet and at most one script (no inline
 * script or style, so a strict CSP works); fixed texts come from i18n.ts in the station's
 * language. Share previews: Open Graph and Twitter card tags with absolute URLs.
 */
import { escapeAttr as attr, escapeHtml as html, safeUrl } from './escape.js'
import { fill, formatDate, siteTexts, type SiteLanguage } from './i18n.js'

export type SiteMeta = Readonly<{
  siteUrl: string
  issuerId: string
  issuerName: string
  issuerUrl: string
  /** did.json path relative to the site root ('' for did:key issuers). */
  didPath: string
  language: SiteLanguage
  /** The issuer's logo, a path relative to the site root (assets/logo-….png). */
  logo?: string
}>

type Preview = Readonly<{
  title: string
  description: string
  /** Absolute URL of the image (the badge, or the logo). */
  image?: string
  imageAlt?: string
  url?: string
}>

type PageOptions = Readonly<{
  title: string
  /** Relative path from the page to the site root, e.g. '../../'. */
  root: string
  noindex: boolean
  /** The site's small script (downloads, file:// notice) or the verifier (verify page). */
  script?: 'site' | 'verifier'
  /**
   * The meta elements the browser verifier reads: 'all' on the verify page; 'root' on credential
   * pages (the verifier reads the rest from the site's signed manifest, verifier-page.ts).
   */
  verifierMeta?: 'all' | 'root'
  preview?: Preview
  canonical?: string
  /** Extra <head> lines, already escaped. */
  head?: readonly string[]
  /**
   * false: let the page's address go out as the Referer (credential pages, which are made to be
   * shared); otherwise `no-referrer` (personal pages' addresses are their only protection).
   */
  referrer?: false
}>

const SITE_JS = 'assets/site.js'
const VERIFIER_JS = 'verify/verifier.js'

/**
 * Open Graph tags (LinkedIn, chat apps) and the Twitter card, which reads its title,
 * description and image from the og: tags. `description` for search engines on indexable pages.
 */
function previewTags(meta: SiteMeta, p: Preview, indexable: boolean): string[] {
  const og = (property: string, content: string): string =>
    `<meta property="og:${property}" content="${attr(content)}">`
  return [
    ...(indexable ? [`<meta name="description" content="${attr(p.description)}">`] : []),
    og('type', 'website'),
    og('site_name', meta.issuerName),
    og('title', p.title),
    og('description', p.description),
    ...(p.url ? [og('url', p.url)] : []),
    ...(p.image
      ? [
          og('image', p.image),
          og('image:width', '600'),
          og('image:height', '600'),
          og('image:alt', p.imageAlt ?? p.title)
        ]
      : []),
    '<meta name="twitter:card" content="summary">'
  ]
}

function layout(meta: SiteMeta, o: PageOptions, body: string): string {
  const t = siteTexts(meta.language)
  const verifierMetas: Array<readonly [string, string]> =
    o.verifierMeta === 'all'
      ? [
          ['kiln-site-root', o.root],
          ['kiln-site-url', meta.siteUrl],
          ['kiln-issuer', meta.issuerId],
          ['kiln-did-path', meta.didPath]
        ]
      : o.verifierMeta === 'root'
        ? [['kiln-site-root', o.root]]
        : []
  const host = safeUrl(meta.issuerUrl)
  const hostText = host === '#' ? meta.issuerUrl : new URL(host).host
  return [
    '<!doctype html>',
    `<html lang="${attr(meta.language)}">`,
    '<head>',
    '<meta charset="utf-8">',
    '<meta name="viewport" content="width=device-width, initial-scale=1">',
    ...(o.referrer === false ? [] : ['<meta name="referrer" content="no-referrer">']),
    ...(o.noindex ? ['<meta name="robots" content="noindex">'] : []),
    `<title>${html(o.title)}</title>`,
    ...(o.preview ? previewTags(meta, o.preview, !o.noindex) : []),
    ...(o.canonical && !o.noindex ? [`<link rel="canonical" href="${attr(o.canonical)}">`] : []),
    // An icon that needs no request when there is no logo (browsers would ask for /favicon.ico).
    `<link rel="icon" href="${meta.logo ? attr(o.root + meta.logo) : 'data:,'}">`,
    `<link rel="stylesheet" href="${attr(o.root)}assets/site.css">`,
    ...(o.head ?? []),
    ...verifierMetas.map(([n, c]) => `<meta name="${attr(n)}" content="${attr(c)}">`),
    ...(o.script
      ? [
          `<script src="${attr(o.root + (o.script === 'site' ? SITE_JS : VERIFIER_JS))}" defer></script>`
        ]
      : []),
    '</head>',
    '<body>',
    `<a class="skip" href="#main">${html(t.skip)}</a>`,
    `<header class="site-head"><a href="${attr(o.root)}index.html">` +
      (meta.logo ? `<img src="${attr(o.root + meta.logo)}" alt="" width="40" height="40">` : '') +
      `<span>${html(meta.issuerName)}</span></a></header>`,
    '<main id="main">',
    body,
    '</main>',
    `<footer><a href="${attr(o.root)}verify/index.html">${html(t.verifyBadge)}</a> · <a href="${attr(host)}" rel="noopener">${html(hostText)}</a></footer>`,
    '</body>',
    '</html>',
    ''
  ].join('\n')
}

const lines = (parts: ReadonlyArray<string | false | undefined>): string =>
  parts.filter((s): s is string => typeof s === 'string' && s !== '').join('\n')

const time = (language: SiteLanguage, iso: string): string =>
  `<time datetime="${attr(iso)}">${html(formatDate(language, iso))}</time>`

export type BadgeCard = Readonly<{ id: string; name: string; description: string; image?: string }>

export function issuerPage(meta: SiteMeta, badges: readonly BadgeCard[]): string {
  const t = siteTexts(meta.language)
  const cards = badges
    .map(
      (b) =>
        `<li><a href="achievements/${attr(encodeURIComponent(b.id))}/index.html">` +
        (b.image ? `<img src="${attr(b.image)}" alt="" width="120" height="120">` : '') +
        `<span class="badge-name">${html(b.name)}</span></a><p>${html(b.description)}</p></li>`
    )
    .join('\n')
  const body = lines([
    `<h1>${html(meta.issuerName)}</h1>`,
    '<section aria-labelledby="badges-h">',
    `<h2 id="badges-h">${html(t.badges)}</h2>`,
    badges.length ? `<ul class="badges">\n${cards}\n</ul>` : `<p>${html(t.noBadges)}</p>`,
    '</section>',
    '<section class="card" aria-labelledby="verify-h">',
    `<h2 id="verify-h">${html(t.verifyBadge)}</h2>`,
    '<form action="verify/index.html" method="get" class="inline-form">',
    `<label for="credential-id">${html(t.credentialId)}</label>`,
    '<div class="row"><input id="credential-id" name="credential" required autocomplete="off">',
    `<button type="submit" class="primary">${html(t.verify)}</button></div>`,
    '</form>',
    `<p><a href="verify/index.html">${html(t.checkFile)}</a></p>`,
    '</section>'
  ])
  return layout(
    meta,
    {
      title: meta.issuerName,
      root: '',
      noindex: false,
      canonical: meta.siteUrl,
      preview: {
        title: meta.issuerName,
        description: fill('{issuer} · {badges}', { issuer: meta.issuerName, badges: t.badges }),
        ...(meta.logo ? { image: meta.siteUrl + meta.logo } : {}),
        url: meta.siteUrl
      }
    },
    body
  )
}

export type BadgePageInput = Readonly<{
  id: string
  name: string
  description: string
  criteria?: string
  criteriaUrl?: string
  tags: readonly string[]
  /** Relative to the page. */
  image?: string
  /** Absolute URL of the image (share previews). */
  imageUrl?: string
  pageUrl: string
}>

const short = (s: string, max = 200): string => (s.length > max ? `${s.slice(0, max - 1)}…` : s)

export function badgePage(meta: SiteMeta, b: BadgePageInput): string {
  const t = siteTexts(meta.language)
  const body = lines([
    '<article class="card hero">',
    b.image && `<img src="${attr(b.image)}" alt="${attr(b.name)}" width="240" height="240">`,
    '<div>',
    `<h1>${html(b.name)}</h1>`,
    `<p>${html(b.description)}</p>`,
    b.criteria && `<h2>${html(t.criteria)}</h2><p class="pre">${html(b.criteria)}</p>`,
    b.criteriaUrl &&
      `<p><a href="${attr(safeUrl(b.criteriaUrl))}" rel="noopener">${html(t.criteriaPage)}</a></p>`,
    b.tags.length > 0 &&
      `<ul class="tags">${b.tags.map((x) => `<li>${html(x)}</li>`).join('')}</ul>`,
    `<p><a href="../${attr(encodeURIComponent(b.id))}.json" type="application/ld+json">${html(t.achievementJson)}</a></p>`,
    '</div>',
    '</article>'
  ])
  return layout(
    meta,
    {
      title: `${b.name} — ${meta.issuerName}`,
      root: '../../',
      noindex: false,
      canonical: b.pageUrl,
      preview: {
        title: b.name,
        description: short(b.description),
        ...(b.imageUrl ? { image: b.imageUrl, imageAlt: b.name } : {}),
        url: b.pageUrl
      },
      head: [
        `<link rel="alternate" type="application/ld+json" href="../${attr(encodeURIComponent(b.id))}.json">`
      ]
    },
    body
  )
}

export type CredentialPageInput = Readonly<{
  awardId: string
  recipientName: string
  badgeName: string
  badgeId: string
  /** The badge version's image, relative to the page. */
  badgeImage?: string
  /** Its absolute URL (share previews). */
  badgeImageUrl?: string
  issuedAt: string
  validUntil?: string
  /** Rendered at export time from the data; the verifier recomputes it from the status list. */
  status: 'active' | 'expired' | 'revoked'
  revokedAt?: string
  revocationReason?: string
  /** The award that replaced this one (a reissue). */
  replacedBy?: string
  public: boolean
  hasPdf: boolean
  linkedInUrl: string
  pageUrl: string
}>

export function credentialPage(meta: SiteMeta, c: CredentialPageInput): string {
  const t = siteTexts(meta.language)
  const lang = meta.language
  const id = attr(encodeURIComponent(c.awardId))
  const revoked = c.status === 'revoked'
  const earned = fill(t.earned, {
    name: c.recipientName,
    badge: c.badgeName,
    issuer: meta.issuerName
  })
  const label = { active: t.active, expired: t.expired, revoked: t.revoked }[c.status]
  const notice = revoked
    ? lines([
        '<div class="notice" role="note">',
        `<p><strong>${html(fill(t.revokedNotice, { date: formatDate(lang, c.revokedAt ?? c.issuedAt) }))}</strong></p>`,
        // A replaced credential's reason is Kiln's own note of the correction (which may name the
        // new details): the page says it was replaced instead.
        c.revocationReason &&
          !c.replacedBy &&
          `<p>${html(t.reason)} ${html(c.revocationReason)}</p>`,
        c.replacedBy &&
          `<p>${html(t.replacedNotice)} <a href="../${attr(encodeURIComponent(c.replacedBy))}/index.html">${html(t.replacementLink)}</a></p>`,
        '</div>'
      ])
    : c.status === 'expired' && c.validUntil
      ? `<div class="notice notice-info" role="note"><p>${html(fill(t.expiredNotice, { date: formatDate(lang, c.validUntil) }))}</p></div>`
      : ''
  const body = lines([
    notice,
    '<article class="card hero">',
    c.badgeImage &&
      `<img src="${attr(c.badgeImage)}" alt="${attr(c.badgeName)}" width="240" height="240">`,
    '<div>',
    `<p><span class="pill" id="status-badge" data-status="${attr(c.status)}">${html(label)}</span></p>`,
    `<h1>${html(c.badgeName)}</h1>`,
    `<p class="recipient">${html(t.awardedTo)} <strong>${html(c.recipientName)}</strong></p>`,
    '<dl class="facts">',
    `<dt>${html(t.issuedBy)}</dt><dd>${html(meta.issuerName)}</dd>`,
    `<dt>${html(t.issuedOn)}</dt><dd>${time(lang, c.issuedAt)}</dd>`,
    c.validUntil && `<dt>${html(t.validUntil)}</dt><dd>${time(lang, c.validUntil)}</dd>`,
    '</dl>',
    `<p><button id="verify-button">${html(t.verify)}</button></p>`,
    '<div id="verify-result" role="status"></div>',
    '</div>',
    '</article>',
    !revoked &&
      lines([
        '<section class="card" aria-labelledby="dl-h">',
        `<h2 id="dl-h">${html(t.download)}</h2>`,
        `<div class="buttons" id="downloads"` +
          (c.badgeImage ? ` data-image="${attr(c.badgeImage)}">` : '>'),
        c.badgeImage &&
          `<button class="primary" data-format="png" hidden>${html(t.badgePng)}</button>`,
        c.badgeImage && `<button data-format="svg" hidden>${html(t.badgeSvg)}</button>`,
        `<a class="button" href="../${id}.json" download data-format="json">${html(t.credentialJson)}</a>`,
        c.hasPdf && `<a class="button" href="../${id}.pdf" download>${html(t.certificatePdf)}</a>`,
        '</div>',
        `<p class="muted">${html(t.downloadHint)}</p>`,
        '</section>',
        '<section class="card" aria-labelledby="share-h">',
        `<h2 id="share-h">${html(t.share)}</h2>`,
        '<ul class="share">',
        `<li><a class="button" href="${attr(c.linkedInUrl)}" rel="noopener">${html(t.addLinkedIn)}</a></li>`,
        // site.js completes these two from og:url (it saves each credential page 300 bytes).
        `<li hidden><a class="button" data-share="linkedin" rel="noopener">${html(t.shareLinkedIn)}</a></li>`,
        `<li hidden><a class="button" data-share="email">${html(t.shareEmail)}</a></li>`,
        '</ul>',
        '</section>'
      ]),
    `<p><a href="../../achievements/${attr(encodeURIComponent(c.badgeId))}/index.html">${html(t.aboutBadge)}</a></p>`
  ])
  return layout(
    meta,
    {
      title: `${c.badgeName} — ${c.recipientName}`,
      root: '../../',
      noindex: !c.public || revoked,
      script: 'site',
      verifierMeta: 'root',
      referrer: false,
      canonical: c.pageUrl,
      ...(revoked
        ? {}
        : {
            preview: {
              title: `${c.badgeName} — ${c.recipientName}`,
              description: earned,
              ...(c.badgeImageUrl ? { image: c.badgeImageUrl, imageAlt: c.badgeName } : {}),
              url: c.pageUrl
            }
          }),
      head: [`<link rel="alternate" type="application/vc+ld+json" href="../${id}.json">`]
    },
    body
  )
}

export function verifyPage(meta: SiteMeta): string {
  const t = siteTexts(meta.language)
  const body = lines([
    `<h1>${html(t.verifyBadge)}</h1>`,
    `<p>${html(t.verifyIntro)}</p>`,
    '<form id="verify-form" class="card">',
    `<label for="credential-text">${html(t.credentialJsonLabel)}</label>`,
    '<textarea id="credential-text" rows="8" spellcheck="false"></textarea>',
    `<label for="credential-file">${html(t.credentialFile)}</label>`,
    '<input type="file" id="credential-file" accept=".json,.png,.svg,.pdf,application/json,application/ld+json,application/vc+ld+json,image/png,image/svg+xml,application/pdf">',
    `<p class="muted">${html(t.dropHint)}</p>`,
    `<button type="submit" class="primary">${html(t.verify)}</button>`,
    '</form>',
    '<div id="verify-result" role="status" aria-live="polite"></div>'
  ])
  return layout(
    meta,
    {
      title: `${t.verifyBadge} — ${meta.issuerName}`,
      root: '../',
      noindex: false,
      script: 'verifier',
      verifierMeta: 'all',
      canonical: `${meta.siteUrl}verify/`,
      preview: {
        title: t.verifyBadge,
        description: t.verifyIntro,
        ...(meta.logo ? { image: meta.siteUrl + meta.logo } : {})
      }
    },
    body
  )
}

export type PersonalBadge = Readonly<{
  awardId: string
  badgeName: string
  issuedAt: string
  /** The badge version's image, a path relative to the site root. */
  image?: string
}>

/**
 * A badge a member brought from another issuer (issue 11, item 7: the "deliver" side imports and
 * verifies them). Shown on the personal page under "From other issuers"; `image` is a path
 * relative to the site root of an image the export writes.
 */
export type ImportedBadgeCard = Readonly<{
  issuerName: string
  badgeName: string
  issuedAt: string
  image?: string
}>

export type PersonalPageInput = Readonly<{
  recipientName: string
  badges: readonly PersonalBadge[]
  imported: readonly ImportedBadgeCard[]
}>

/**
 * A recipient's own page (p/<key>.html): unguessable URL, noindex, never linked from elsewhere, so
 * it carries no share preview: the person shares their credential pages.
 */
export function personalPage(meta: SiteMeta, p: PersonalPageInput): string {
  const t = siteTexts(meta.language)
  const root = '../'
  const title = fill(t.personalTitle, { name: p.recipientName })
  const card = (b: PersonalBadge): string => {
    const id = attr(encodeURIComponent(b.awardId))
    // site.js finds the credential from the link and bakes it with the image for "download all".
    return (
      '<li>' +
      `<a href="${root}credentials/${id}/index.html">` +
      (b.image ? `<img src="${attr(root + b.image)}" alt="" width="120" height="120">` : '') +
      `<span class="badge-name">${html(b.badgeName)}</span></a>` +
      `<p class="muted">${time(meta.language, b.issuedAt)}</p></li>`
    )
  }
  const imported = (b: ImportedBadgeCard): string =>
    '<li>' +
    (b.image ? `<img src="${attr(root + b.image)}" alt="" width="120" height="120">` : '') +
    `<span class="badge-name">${html(b.badgeName)}</span>` +
    `<p class="muted">${html(b.issuerName)} · ${time(meta.language, b.issuedAt)}</p></li>`
  const body = lines([
    `<h1>${html(title)}</h1>`,
    `<p>${html(fill(t.personalIntro, { name: p.recipientName, issuer: meta.issuerName }))}</p>`,
    p.badges.length > 0
      ? lines([
          `<p class="buttons"><button class="primary" id="download-all" hidden>${html(t.downloadAll)}</button></p>`,
          '<div id="download-status" role="status"></div>',
          `<ul class="badges" id="personal-badges">\n${p.badges.map(card).join('\n')}\n</ul>`
        ])
      : `<p>${html(t.noActive)}</p>`,
    p.imported.length > 0 &&
      lines([
        '<section aria-labelledby="other-h">',
        `<h2 id="other-h">${html(t.otherIssuers)}</h2>`,
        `<ul class="badges">\n${p.imported.map(imported).join('\n')}\n</ul>`,
        '</section>'
      ]),
    `<p class="muted">${html(t.privateNote)}</p>`
  ])
  return layout(
    meta,
    {
      title,
      root,
      noindex: true,
      script: 'site'
    },
    body
  )
}

/** The index.html of a folder whose files are not listed (credentials/, p/, ob2/assertions/). */
export function emptyFolderPage(meta: SiteMeta, root: string): string {
  const t = siteTexts(meta.language)
  return layout(
    meta,
    { title: meta.issuerName, root, noindex: true },
    `<p>${html(t.nothingHere)}</p>\n<p><a href="${attr(root)}index.html">${html(t.toSite)}</a></p>`
  )
}
