/**
 * assets/site.css: one small stylesheet for every page (the issuer's colours are appended by
 * theme.ts). Light and dark follow prefers-color-scheme; layouts reflow from phone to desktop;
 * every text colour here meets WCAG AA on its background.
 */
const BASE = `:root{color-scheme:light dark;--bg:#f6f7f9;--card:#fff;--text:#1b1f24;--muted:#545d68;--line:#d5dae1;--ok:#116329;--bad:#a40e26;--warn:#7a4d00;--on-link:#f6f7f9;font-family:system-ui,-apple-system,"Segoe UI",Roboto,"Noto Sans",sans-serif;line-height:1.5}
@media (prefers-color-scheme:dark){:root{--bg:#121418;--card:#1b1e24;--text:#e8eaed;--muted:#aab1ba;--line:#353b44;--ok:#62d482;--bad:#ff8f8f;--warn:#f0c060;--on-link:#121418}}
*{box-sizing:border-box}
html{-webkit-text-size-adjust:100%}
body{margin:0;background:var(--bg);color:var(--text);overflow-wrap:anywhere}
a{color:var(--link)}
:focus-visible{outline:3px solid var(--accent);outline-offset:2px}
[hidden]{display:none!important}
.skip{position:absolute;left:-999rem}.skip:focus{left:1rem;top:1rem;z-index:9;background:var(--card);color:var(--link);padding:.5rem 1rem}
.site-head{background:var(--brand);color:var(--on-brand)}
.site-head a{color:inherit;text-decoration:none;display:flex;align-items:center;gap:.75rem;font-weight:650;font-size:1.15rem;max-width:60rem;margin:0 auto;padding:.75rem 1rem;min-height:3.5rem}
.site-head img{width:40px;height:40px;border-radius:8px;background:#fff;object-fit:contain}
main{display:block;max-width:60rem;margin:0 auto;padding:1.5rem 1rem 2rem}
footer{max-width:60rem;margin:0 auto;padding:1rem;border-top:1px solid var(--line);color:var(--muted);font-size:.95rem}
h1{font-size:clamp(1.6rem,5vw,2.3rem);line-height:1.2;margin:.25rem 0 .5rem}
h2{font-size:1.2rem;margin:0 0 .75rem}
p{margin:0 0 .75rem}
img{max-width:100%;height:auto}
.card{background:var(--card);border:1px solid var(--line);border-radius:16px;padding:1.25rem;margin:0 0 1.25rem}
.hero{display:grid;grid-template-columns:minmax(0,240px) minmax(0,1fr);gap:1.5rem;align-items:start}
@media (max-width:40rem){.hero{grid-template-columns:minmax(0,1fr);justify-items:center;text-align:center}.hero img{max-width:200px}.facts{text-align:left}}
.recipient{font-size:1.2rem}
.facts{display:grid;grid-template-columns:auto minmax(0,1fr);gap:.25rem 1rem;margin:0 0 1rem}
.facts dt{color:var(--muted)}.facts dd{margin:0}
.pill{display:inline-block;padding:.1rem .7rem;border-radius:999px;font-weight:650;font-size:.95rem;border:1px solid currentColor}
[data-status=active],[data-status=verified],.outcome-verified{color:var(--ok)}
[data-status=revoked],[data-status=invalid],.outcome-revoked,.outcome-invalid{color:var(--bad)}
[data-status=expired],.outcome-expired{color:var(--warn)}
.notice{background:var(--card);border:1px solid var(--line);border-left:6px solid var(--bad);border-radius:12px;padding:1rem 1.25rem;margin:0 0 1.25rem}
.notice-info{border-left-color:var(--link)}
.notice p:last-child{margin:0}
button,.button{font:inherit;cursor:pointer;display:inline-flex;align-items:center;justify-content:center;gap:.4rem;padding:.5rem 1rem;min-height:2.75rem;border-radius:10px;border:2px solid var(--link);background:transparent;color:var(--link);text-decoration:none;font-weight:600}
button.primary{background:var(--link);color:var(--on-link)}
button:disabled{opacity:.6;cursor:progress}
.buttons,.share{display:flex;flex-wrap:wrap;gap:.5rem;margin:0 0 .75rem;padding:0;list-style:none}
.badges{list-style:none;padding:0;margin:0 0 1.25rem;display:grid;grid-template-columns:repeat(auto-fill,minmax(min(100%,13rem),1fr));gap:1rem}
.badges li{background:var(--card);border:1px solid var(--line);border-radius:16px;padding:1rem;text-align:center}
.badges img{display:block;margin:0 auto .5rem;width:120px;height:120px}
.badges a{text-decoration:none}
.badge-name{display:block;font-weight:650}
.badges p{margin:.25rem 0 0}
.muted{color:var(--muted)}
.pre{white-space:pre-line}
.tags{list-style:none;padding:0;display:flex;flex-wrap:wrap;gap:.4rem}.tags li{border:1px solid var(--line);border-radius:999px;padding:.1rem .7rem;font-size:.9rem}
label{display:block;font-weight:600;margin:.75rem 0 .25rem}
input,textarea{font:inherit;width:100%;padding:.55rem;border:1px solid var(--muted);border-radius:8px;background:var(--card);color:var(--text)}
textarea{font-family:ui-monospace,SFMono-Regular,Menlo,monospace;font-size:.85rem}
.row{display:flex;gap:.5rem;flex-wrap:wrap}.row input{flex:1 1 14rem;width:auto}
form .primary{margin-top:.75rem}.row .primary{margin-top:0}
.inline-form{margin:0 0 1rem}
h1+p{margin-bottom:1.25rem}
.outcome{font-size:1.35rem;font-weight:700;margin:.75rem 0 .25rem}
.checks{list-style:none;padding:0;margin:0 0 .75rem}.checks li{padding:.15rem 0}
body.dragging main{outline:3px dashed var(--accent);outline-offset:-.5rem}
@media print{.site-head{background:none;color:#000}.share,.buttons,#verify-button,footer{display:none}}
`

import { themeCss, type SiteColors } from './theme.js'

export function siteCss(colors: SiteColors): string {
  return BASE + themeCss(colors)
}
