/**
 * Sync bundles end to end through the real CLI: export, verify, determinism, incremental
 * contents, revocation, privacy, escaping, the independent verifier, key rotation and two
 * stations merged into one site.
 */
import { cpSync, existsSync, readdirSync, readFileSync, statSync } from 'node:fs'
import path from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { freshStation, removeDir, tempDir, type CliRun } from '../support/cli.js'
import { StatusBitstring } from '../../main/core/status/bitstring.js'
import { createBundleDbVerifier } from '../../main/core/bundle/db-verifier.test-support.js'

const SITE = 'https://badges.example.org/'
const HOSTILE = `</script><img src=x onerror=alert(1)>"'&`
const EMAILS = ['ada@example.com', 'bob@example.com', 'eve@example.com', 'dan@example.com']

type Runner = (args: string[], env?: Record<string, string | undefined>) => CliRun

function ok(r: CliRun): CliRun {
  if (r.code !== 0) throw new Error(`kiln failed (${r.code}): ${r.stderr}${r.stdout}`)
  return r
}

function files(dir: string, base = dir): string[] {
  const out: string[] = []
  for (const name of readdirSync(dir)) {
    const full = path.join(dir, name)
    if (statSync(full).isDirectory()) out.push(...files(full, base))
    else out.push(path.relative(base, full).split(path.sep).join('/'))
  }
  return out.sort()
}

function sameTree(a: string, b: string): void {
  expect(files(a)).toEqual(files(b))
  for (const f of files(a)) {
    expect(readFileSync(path.join(a, f)).equals(readFileSync(path.join(b, f))), f).toBe(true)
  }
}

function makeBadge(run: Runner, name: string): string {
  const id = String(
    ok(
      run([
        '--json',
        'badge',
        'create',
        '--name',
        name,
        '--description',
        'For a talk',
        '--criteria',
        'Give a talk'
      ])
    ).json().id
  )
  ok(run(['badge', 'publish', id]))
  return id
}

function award(run: Runner, badge: string, email: string, name: string): string {
  const issued = ok(
    run(['--json', 'award', '--badge', badge, '--email', email, '--name', name])
  ).json().issued as { id: string }[]
  const id = issued[0]?.id
  if (!id) throw new Error('no award issued')
  return id
}

function exportBundle(run: Runner, out: string, extra: string[] = []): Record<string, unknown> {
  return ok(run(['--json', 'export', 'bundle', '--out', out, ...extra])).json()
}

function json(file: string): Record<string, unknown> {
  return JSON.parse(readFileSync(file, 'utf8')) as Record<string, unknown>
}

describe('kiln export bundle / bundle verify', () => {
  let station: ReturnType<typeof freshStation>
  let work: string
  let badge: string
  const awards: string[] = []
  const site = (): string => path.join(work, 'site')

  beforeAll(() => {
    station = freshStation()
    work = tempDir('kiln-bundle-')
    badge = makeBadge(station.run, 'Speaker <b>&</b>')
    awards.push(award(station.run, badge, EMAILS[0] ?? '', HOSTILE))
    awards.push(award(station.run, badge, EMAILS[1] ?? '', 'Bob Builder'))
    awards.push(award(station.run, badge, EMAILS[2] ?? '', 'Eve Example'))
  }, 120_000)

  afterAll(() => {
    removeDir(station.dir)
    removeDir(work)
  })

  it('exports the site, which verifies; the same state exports byte-identical bundles', () => {
    const b1 = path.join(work, 'b1')
    const r = exportBundle(station.run, b1)
    expect(r.seq).toBe(1)
    for (const f of [
      'index.html',
      '.well-known/did.json',
      'issuer.json',
      'ob2/issuer.json',
      'verify/index.html',
      'verify/verifier.js',
      'assets/site.js',
      'assets/site.css',
      '.htaccess',
      '_headers',
      'kiln-manifest.json',
      'kiln-manifests/1.json'
    ]) {
      expect(existsSync(path.join(b1, f)), f).toBe(true)
    }
    for (const id of awards) {
      for (const f of [
        `credentials/${id}.json`,
        `credentials/${id}/index.html`,
        `ob2/assertions/${id}.json`
      ]) {
        expect(existsSync(path.join(b1, f)), f).toBe(true)
      }
      // No baked file per award: the credential page bakes it in the browser.
      expect(existsSync(path.join(b1, `credentials/${id}.png`))).toBe(false)
    }
    const verify = ok(station.run(['--json', 'bundle', 'verify', b1])).json()
    expect(verify.ok).toBe(true)
    expect(verify.credentials).toEqual({ checked: 3, valid: 3, revoked: 0, expired: 0, invalid: 0 })
    const again = exportBundle(station.run, path.join(work, 'b1-again'))
    expect(again.unchanged).toBe(true)
    sameTree(b1, path.join(work, 'b1-again'))
    exportBundle(station.run, path.join(work, 'full-a'), ['--full'])
    exportBundle(station.run, path.join(work, 'full-b'), ['--full'])
    sameTree(path.join(work, 'full-a'), path.join(work, 'full-b'))
    exportBundle(station.run, path.join(work, 'a.zip'))
    exportBundle(station.run, path.join(work, 'b.zip'))
    expect(
      readFileSync(path.join(work, 'a.zip')).equals(readFileSync(path.join(work, 'b.zip')))
    ).toBe(true)
    cpSync(b1, site(), { recursive: true })
  }, 120_000)

  it('an incremental export carries only the changed files and the manifest', () => {
    const id = award(station.run, badge, EMAILS[3] ?? '', 'Dan Dev')
    awards.push(id)
    const b2 = path.join(work, 'b2')
    const r = exportBundle(station.run, b2)
    expect(r.seq).toBe(2)
    expect(r.unchanged).toBe(false)
    const got = files(b2).filter((f) => !f.startsWith('kiln-manifests/segments/'))
    // The new recipient's personal page comes with the award (its name is unguessable).
    const personal = got.filter((f) => /^p\/[a-z2-7]{32}\.html$/.test(f))
    expect(personal).toHaveLength(1)
    expect(got.filter((f) => !personal.includes(f))).toEqual(
      [
        `credentials/${id}.json`,
        `credentials/${id}/index.html`,
        `ob2/assertions/${id}.json`,
        'kiln-manifest.json',
        'kiln-manifests/2.json'
      ].sort()
    )
    const manifest = json(path.join(b2, 'kiln-manifest.json'))
    expect(manifest.previous).toMatch(/^[0-9a-f]{64}$/)
    expect(manifest.signature).toMatchObject({
      verificationMethod: expect.stringMatching(/^did:web:badges\.example\.org#z6Mk/)
    })
    cpSync(b2, site(), { recursive: true })
    const verify = ok(station.run(['--json', 'bundle', 'verify', site()])).json()
    expect(verify).toMatchObject({ ok: true, seq: 2, credentials: { checked: 4, valid: 4 } })
  }, 120_000)

  it('a revocation ships the new status list with the bit set; an older bundle copied over it is detected', () => {
    const revoked = awards[1] ?? ''
    ok(station.run(['revoke', revoked, '--reason', 'Issued by mistake']))
    const b3 = path.join(work, 'b3')
    exportBundle(station.run, b3)
    const credential = json(path.join(site(), `credentials/${revoked}.json`))
    const entry = credential.credentialStatus as {
      statusListCredential: string
      statusListIndex: string
    }
    const listPath = entry.statusListCredential.slice(SITE.length)
    expect(existsSync(path.join(b3, listPath))).toBe(true)
    const before = json(path.join(site(), listPath))
    const after = json(path.join(b3, listPath))
    const bits = (doc: Record<string, unknown>): StatusBitstring =>
      StatusBitstring.decode((doc.credentialSubject as { encodedList: string }).encodedList)
    expect(bits(before).get(Number(entry.statusListIndex))).toBe(false)
    expect(bits(after).get(Number(entry.statusListIndex))).toBe(true)
    expect(bits(after).countSet()).toBe(1)
    expect(json(path.join(b3, `ob2/assertions/${revoked}.json`))).toMatchObject({
      revoked: true,
      revocationReason: 'Issued by mistake'
    })
    expect(readFileSync(path.join(b3, `credentials/${revoked}/index.html`), 'utf8')).toContain(
      'data-status="revoked"'
    )
    cpSync(b3, site(), { recursive: true })
    const verify = ok(station.run(['--json', 'bundle', 'verify', site()])).json()
    expect(verify).toMatchObject({
      ok: true,
      seq: 3,
      credentials: { checked: 4, valid: 3, revoked: 1 }
    })
    // Re-applying bundle 1 over the newer site: reported, and the revocation is not lost
    // (the numbered manifests and the content-addressed status list still hold it).
    const stale = path.join(work, 'stale-site')
    cpSync(site(), stale, { recursive: true })
    cpSync(path.join(work, 'b1'), stale, { recursive: true })
    const report = station.run(['--json', 'bundle', 'verify', stale])
    expect(report.code).toBe(1)
    const body = report.json() as { problems: string[]; credentials: { revoked: number } }
    expect(body.problems[0]).toMatch(/older bundle was copied over a newer site/)
    expect(body.credentials.revoked).toBe(1)
    cpSync(b3, stale, { recursive: true })
    expect(station.run(['bundle', 'verify', stale]).code).toBe(0)
  }, 120_000)

  it('holds no plaintext recipient e-mail and no key material; escapes hostile names; noindex', () => {
    const keyFile = json(path.join(station.dir, 'key.json'))
    const secrets = [
      String(keyFile.ciphertext),
      String((keyFile.kdf as { salt: string }).salt),
      'secretKeyMultibase',
      'ciphertext'
    ]
    for (const f of files(site())) {
      const text = readFileSync(path.join(site(), f)).toString('latin1')
      for (const email of EMAILS) expect(text.includes(email), `${email} in ${f}`).toBe(false)
      // The verifier bundles the Multikey context, which defines the term secretKeyMultibase.
      const checked = f === 'verify/verifier.js' ? secrets.slice(0, 2) : secrets
      for (const s of checked) expect(text.includes(s), `key material in ${f}`).toBe(false)
    }
    expect(files(site()).some((f) => /recipients|people/.test(f))).toBe(false)
    const index = readFileSync(path.join(site(), 'index.html'), 'utf8')
    for (const name of ['Bob Builder', 'Eve Example', 'Dan Dev']) expect(index).not.toContain(name)
    const page = readFileSync(path.join(site(), `credentials/${awards[0]}/index.html`), 'utf8')
    expect(page).not.toContain('<img src=x')
    expect(page).not.toContain('</script><img')
    expect(page).toContain('&lt;/script&gt;&lt;img src=x onerror=alert(1)&gt;&quot;&#39;&amp;')
    expect(page).toContain('Speaker &lt;b&gt;&amp;&lt;/b&gt;')
    expect(page).toContain('<meta name="robots" content="noindex">')
    expect(page).not.toMatch(/<script(?![^>]*\bsrc=)[^>]*>/)
    const linkedIn =
      /href="(https:\/\/www\.linkedin\.com\/profile\/add\?[^"]+)"/.exec(page)?.[1] ?? ''
    const params = new URL(linkedIn.replace(/&amp;/g, '&')).searchParams
    expect(params.get('startTask')).toBe('CERTIFICATION_NAME')
    expect(params.get('name')).toBe('Speaker <b>&</b>')
    expect(params.get('organizationName')).toBe('Example Association')
    expect(params.get('certId')).toBe(awards[0])
    expect(params.get('certUrl')).toBe(`${SITE}credentials/${awards[0]}/`)
    expect(Number(params.get('issueMonth'))).toBeGreaterThanOrEqual(1)
  })

  it("Digital Bazaar's verifier, resolving did:web from the bundle's did.json, accepts every credential", async () => {
    const verify = await createBundleDbVerifier(site(), SITE)
    const creds = files(site()).filter((f) => /^credentials\/[^/]+\.json$/.test(f))
    expect(creds).toHaveLength(4)
    for (const f of creds) {
      const result = await verify(json(path.join(site(), f)))
      expect(result.error, f).toBeNull()
      expect(result.verified).toBe(true)
    }
    const statusList = files(site()).find((f) => /^status\/[^/]+\.json$/.test(f)) ?? ''
    const vc = (await import('@digitalbazaar/vc' as string)) as { verifyCredential: unknown }
    expect(vc.verifyCredential).toBeTypeOf('function')
    expect(json(path.join(site(), statusList)).type).toContain('BitstringStatusListCredential')
  }, 120_000)

  it('keys rotate: old credentials keep verifying, did.json lists both keys, keys list counts', async () => {
    ok(station.run(['keys', 'rotate']))
    const newer = award(station.run, badge, 'zed@example.com', 'Zed')
    const b4 = path.join(work, 'b4')
    exportBundle(station.run, b4)
    const did = json(path.join(b4, '.well-known/did.json'))
    expect((did.verificationMethod as unknown[]).length).toBe(2)
    expect((did.assertionMethod as unknown[]).length).toBe(2)
    cpSync(b4, site(), { recursive: true })
    const verify = ok(station.run(['--json', 'bundle', 'verify', site()])).json()
    expect(verify).toMatchObject({ ok: true, credentials: { checked: 5, valid: 4, revoked: 1 } })
    const keys = ok(station.run(['--json', 'keys', 'list'])).json().keys as {
      current: boolean
      credentials: number
    }[]
    expect(keys.map((k) => [k.current, k.credentials])).toEqual([
      [false, 4],
      [true, 1]
    ])
    const db = await createBundleDbVerifier(site(), SITE)
    expect((await db(json(path.join(site(), `credentials/${newer}.json`)))).verified).toBe(true)
    expect((await db(json(path.join(site(), `credentials/${awards[0]}.json`)))).verified).toBe(true)
  }, 120_000)
})

describe('kiln station export / merge', () => {
  it('merges two stations of one issuer into one site with both keys, idempotently', async () => {
    const lead = freshStation()
    const other = freshStation()
    const work = tempDir('kiln-merge-')
    try {
      const badge = makeBadge(lead.run, 'Volunteer')
      const leadAward = award(lead.run, badge, 'l1@example.com', 'Lena Lead')
      const otherBadge = makeBadge(other.run, 'Helper')
      const o1 = award(other.run, otherBadge, 'o1@example.com', 'Otto One')
      const o2 = award(other.run, otherBadge, 'o2@example.com', 'Olga Two')
      const file1 = path.join(work, 'other-1.json')
      ok(other.run(['station', 'export', '--out', file1]))
      const m1 = ok(lead.run(['--json', 'station', 'merge', file1])).json()
      expect(m1).toMatchObject({ added: 2, revoked: 0, unchanged: false })
      const m2 = ok(lead.run(['--json', 'station', 'merge', file1])).json()
      expect(m2).toMatchObject({ added: 0, revoked: 0, unchanged: true })
      const journalBefore = readFileSync(path.join(lead.dir, 'journal.ndjson'), 'utf8')
      ok(lead.run(['station', 'merge', file1]))
      expect(readFileSync(path.join(lead.dir, 'journal.ndjson'), 'utf8')).toBe(journalBefore)
      expect(ok(lead.run(['--json', 'status'])).json().awards).toBe(3)

      const site = path.join(work, 'site')
      exportBundle(lead.run, path.join(work, 'l1'))
      cpSync(path.join(work, 'l1'), site, { recursive: true })
      const did = json(path.join(site, '.well-known/did.json'))
      expect((did.verificationMethod as unknown[]).length).toBe(2)
      const otherId = String(ok(other.run(['--json', 'status'])).json().stationId)
      expect(existsSync(path.join(site, `status/${otherId}-1.json`))).toBe(true)
      for (const id of [leadAward, o1, o2]) {
        expect(existsSync(path.join(site, `credentials/${id}.json`))).toBe(true)
      }
      expect(ok(lead.run(['--json', 'bundle', 'verify', site])).json()).toMatchObject({
        ok: true,
        credentials: { checked: 3, valid: 3 }
      })

      // The other station revokes one; its next export carries its re-signed status list.
      ok(other.run(['revoke', o2, '--reason', 'Duplicate']))
      const file2 = path.join(work, 'other-2.json')
      ok(other.run(['station', 'export', '--out', file2]))
      expect(ok(lead.run(['--json', 'station', 'merge', file2])).json()).toMatchObject({
        added: 0,
        revoked: 1,
        statusListUpdated: true
      })
      // An older export merged afterwards changes nothing.
      expect(ok(lead.run(['--json', 'station', 'merge', file1])).json()).toMatchObject({
        unchanged: true
      })
      const l2 = path.join(work, 'l2')
      exportBundle(lead.run, l2)
      expect(existsSync(path.join(l2, `status/${otherId}-1.json`))).toBe(true)
      cpSync(l2, site, { recursive: true })
      expect(ok(lead.run(['--json', 'bundle', 'verify', site])).json()).toMatchObject({
        ok: true,
        credentials: { checked: 3, valid: 2, revoked: 1 }
      })
      const db = await createBundleDbVerifier(site, SITE)
      for (const id of [leadAward, o1, o2]) {
        expect((await db(json(path.join(site, `credentials/${id}.json`)))).verified).toBe(true)
      }
      const keys = ok(lead.run(['--json', 'keys', 'list'])).json().keys as {
        stationId: string
        credentials: number
      }[]
      expect(keys.map((k) => k.credentials).sort()).toEqual([1, 2])
      const exportFile = readFileSync(file1)
      expect(statSync(file1).mode & 0o077).toBe(0)
      expect(exportFile.length).toBeGreaterThan(0)
    } finally {
      removeDir(lead.dir)
      removeDir(other.dir)
      removeDir(work)
    }
  }, 180_000)
})

describe('kiln export bundle with a wrong passphrase', () => {
  it('reports the passphrase once (exit 2), writes nothing and records nothing; the right one exports', () => {
    const station = freshStation()
    const work = tempDir('kiln-bundle-pass-')
    try {
      const badge = makeBadge(station.run, 'Speaker')
      award(station.run, badge, 'ada@example.com', 'Ada Lovelace')
      const out = path.join(work, 'b1')
      const wrong = station.run(['--json', 'export', 'bundle', '--out', out], {
        KILN_PASSPHRASE: 'not the passphrase'
      })
      expect(wrong.code).toBe(2)
      expect(wrong.json()).toEqual({ error: expect.objectContaining({ code: 'WRONG_PASSPHRASE' }) })
      expect(wrong.stderr.match(/^kiln: /gm)).toHaveLength(1)
      expect(existsSync(out) ? readdirSync(out) : []).toEqual([])
      // A destination that is not empty and a wrong passphrase: the passphrase is what is said.
      const both = station.run(['--json', 'export', 'bundle', '--out', work], {
        KILN_PASSPHRASE: 'not the passphrase'
      })
      expect(both.code).toBe(2)
      expect(both.json()).toEqual({ error: expect.objectContaining({ code: 'WRONG_PASSPHRASE' }) })
      expect(exportBundle(station.run, out).seq).toBe(1)
      expect(ok(station.run(['--json', 'bundle', 'verify', out])).json()).toMatchObject({
        ok: true,
        credentials: { checked: 1, valid: 1 }
      })
    } finally {
      removeDir(station.dir)
      removeDir(work)
    }
  }, 120_000)
})
