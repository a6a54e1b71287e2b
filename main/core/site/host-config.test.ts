/**
 * The host configuration shipped with the site does what content-types.ts says:
 *  - `.htaccess` under a REAL Apache 2.4 (Debian's apache2-bin, started on 127.0.0.1 with
 *    AllowOverride All): every file of an exported site is served with the Content-Type, CORS,
 *    Cache-Control and robots headers of the table, and folders are never listed;
 *  - `_headers` (Netlify, Cloudflare Pages), read the way those hosts read it: for every file the
 *    headers its rules set agree with the table, and no header is set by two rules for one path
 *    (both hosts would join the values).
 */
import { spawn, type ChildProcess } from 'node:child_process'
import { chmodSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs'
import http from 'node:http'
import net from 'node:net'
import path from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { headersFor, httpHeadersFor } from './content-types.js'
import { newKit, siteFiles, type Kit } from '../bundle/site-test-kit.test-support.js'

const MODULES = '/usr/lib/apache2/modules'

let kit: Kit
let site: string
let apache: ChildProcess | undefined
let port = 0

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = net.createServer()
    s.listen(0, '127.0.0.1', () => {
      const address = s.address()
      const p = typeof address === 'object' && address ? address.port : 0
      s.close(() => resolve(p))
    })
    s.on('error', reject)
  })
}

function get(
  p: string
): Promise<{ status: number; headers: http.IncomingHttpHeaders; body: string }> {
  return new Promise((resolve, reject) => {
    http
      .get({ host: '127.0.0.1', port, path: `/${p}` }, (res) => {
        const chunks: Buffer[] = []
        res.on('data', (c: Buffer) => chunks.push(c))
        res.on('end', () =>
          resolve({
            status: res.statusCode ?? 0,
            headers: res.headers,
            body: Buffer.concat(chunks).toString('utf8')
          })
        )
      })
      .on('error', reject)
  })
}

async function waitForApache(): Promise<void> {
  for (let i = 0; i < 200; i++) {
    try {
      await get('')
      return
    } catch {
      await new Promise((r) => setTimeout(r, 50))
    }
  }
  throw new Error('Apache did not start')
}

beforeAll(async () => {
  kit = await newKit()
  const badge = await kit.badge()
  const a = await kit.award(badge, 'ada@example.com', 'Ada')
  await kit.call('awards:revoke', { id: a, reason: 'Mistake' })
  await kit.award(badge, 'bob@example.com', 'Bob')
  site = path.join(kit.work, 'site')
  await kit.exportSite({ out: site, full: true })
  // Apache drops to an unprivileged user when started as root: let it read the site.
  for (
    let dir = site;
    dir !== path.dirname(dir) && dir.startsWith(kit.work);
    dir = path.dirname(dir)
  ) {
    chmodSync(dir, 0o755)
  }
  const conf = path.join(kit.work, 'apache')
  mkdirSync(conf)
  port = await freePort()
  const root = typeof process.getuid === 'function' && process.getuid() === 0
  writeFileSync(
    path.join(conf, 'httpd.conf'),
    [
      `ServerRoot "${conf}"`,
      `Listen 127.0.0.1:${port}`,
      'ServerName 127.0.0.1',
      `PidFile "${conf}/httpd.pid"`,
      `ErrorLog "${conf}/error.log"`,
      ...['mpm_prefork', 'authz_core', 'mime', 'headers', 'dir', 'autoindex'].map(
        (m) => `LoadModule ${m}_module ${MODULES}/mod_${m}.so`
      ),
      ...(root ? ['User nobody', 'Group nogroup'] : []),
      'TypesConfig /etc/mime.types',
      `DocumentRoot "${site}"`,
      `<Directory "${site}">`,
      '  Options Indexes',
      '  AllowOverride All',
      '  Require all granted',
      '</Directory>',
      ''
    ].join('\n')
  )
  apache = spawn('/usr/sbin/apache2', ['-f', path.join(conf, 'httpd.conf'), '-X'], {
    stdio: 'ignore'
  })
  await waitForApache()
}, 120_000)

afterAll(async () => {
  if (apache && apache.exitCode === null) {
    const exited = new Promise((r) => apache?.once('exit', r))
    apache.kill('SIGTERM')
    await exited
  }
  await kit.close()
})

describe('.htaccess under Apache 2.4', () => {
  it('serves every file of the site with the headers of the content-type table', async () => {
    const files = siteFiles(site).filter((f) => f !== '.htaccess')
    expect(files.some((f) => f.startsWith('p/'))).toBe(true)
    for (const f of files) {
      const res = await get(f.split('/').map(encodeURIComponent).join('/'))
      expect(res.status, f).toBe(200)
      const want = httpHeadersFor(f)
      expect(res.headers['content-type'], f).toBe(want['Content-Type'])
      expect(res.headers['cache-control'], f).toBe(want['Cache-Control'])
      expect(res.headers['access-control-allow-origin'], f).toBe(
        want['Access-Control-Allow-Origin']
      )
      expect(res.headers['x-robots-tag'], f).toBe(want['X-Robots-Tag'])
      expect(res.headers['x-content-type-options'], f).toBe('nosniff')
      expect(res.headers['content-security-policy'], f).toBe(want['Content-Security-Policy'])
    }
  })

  it('never lists a folder', async () => {
    const credentials = await get('credentials/')
    expect(credentials.status).toBe(200)
    expect(credentials.body).toContain('There is nothing to list here.')
    for (const folder of ['kiln-manifests/segments/', 'status/', 'achievements/', 'ob2/badges/']) {
      expect((await get(folder)).status, folder).toBe(403)
    }
  })
})

/** The headers a Netlify / Cloudflare Pages `_headers` file sets for one path: name → values. */
function netlifyRules(text: string, urlPath: string): Map<string, string[]> {
  const set = new Map<string, string[]>()
  let matches = false
  for (const line of text.split('\n')) {
    if (line.startsWith('#') || line.trim() === '') continue
    if (!/^\s/.test(line)) {
      const pattern = new RegExp(
        `^${line
          .trim()
          .replace(/[.+?^${}()|[\]\\]/g, '\\$&')
          .replace(/\*/g, '.*')}$`
      )
      matches = pattern.test(urlPath)
      continue
    }
    if (!matches) continue
    const [name = '', ...rest] = line.trim().split(':')
    const values = set.get(name.toLowerCase()) ?? []
    values.push(rest.join(':').trim())
    set.set(name.toLowerCase(), values)
  }
  return set
}

/** What Netlify serves when `_headers` sets no Content-Type (by file extension). */
const HOST_DEFAULT: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.json': 'application/json',
  '.png': 'image/png',
  '.css': 'text/css; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8'
}

describe('_headers for Netlify and Cloudflare Pages', () => {
  it('agrees with the table for every file, and sets no header twice for one path', () => {
    const text = readFileSync(path.join(site, '_headers'), 'utf8')
    for (const f of siteFiles(site).filter((x) => !['.htaccess', '_headers'].includes(x))) {
      const rules = netlifyRules(text, `/${f}`)
      for (const [name, values] of rules) expect(values, `${f}: ${name}`).toHaveLength(1)
      const want = headersFor(f)
      const type = rules.get('content-type')?.[0] ?? HOST_DEFAULT[path.extname(f)]
      expect(type, f).toBe(want.contentType)
      expect(rules.get('access-control-allow-origin')?.[0], f).toBe(want.cors ? '*' : undefined)
      expect(rules.get('x-robots-tag')?.[0], f).toBe(want.noindex ? 'noindex' : undefined)
      // Where no rule sets Cache-Control both hosts revalidate, which is always safe; the
      // content-addressed status copies (status/<list>/<sha256>.json) need two wildcards,
      // which Cloudflare does not allow, so only they lose their long caching there.
      const cache = rules.get('cache-control')?.[0]
      if (cache !== undefined) expect(cache, f).toBe(want.cacheControl)
      else if (!/^status\/[^/]+\/[0-9a-f]{64}\.json$/.test(f)) {
        expect(want.cacheControl, f).not.toMatch(/immutable/)
      }
    }
  })
})
