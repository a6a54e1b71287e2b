/**
 * `bundle verify` refuses what is not the issuer's: every file in the folder must be in the
 * signed manifests, every credential file present is verified; and the published manifests
 * never name a credential, an OB 2.0 assertion or a personal page (issue 13, items 3 and 4).
 */
import { cpSync, readFileSync, writeFileSync, mkdirSync } from 'node:fs'
import path from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { newKit, siteFiles, type Kit } from './site-test-kit.test-support.js'

let kit: Kit
let badge: string
const awards: string[] = []

beforeAll(async () => {
  kit = await newKit()
  badge = await kit.badge()
  for (let i = 0; i < 3; i++) {
    awards.push(await kit.award(badge, `p${i}@example.com`, `Person ${i}`))
  }
}, 60_000)

afterAll(async () => {
  await kit.close()
})

function copySite(from: string, name: string): string {
  const dir = path.join(kit.work, name)
  cpSync(from, dir, { recursive: true })
  return dir
}

describe('bundle verify: strangers and unlisted credentials', () => {
  it('a planted page and an unsigned credential file are reported by path, and the credential is checked', async () => {
    const out = path.join(kit.work, 'full-1')
    await kit.exportSite({ out, full: true })
    const clean = await kit.call('bundle:verify', { dir: out })
    expect(clean).toMatchObject({ ok: true, credentials: { checked: 3, valid: 3 } })

    const site = copySite(out, 'planted')
    writeFileSync(path.join(site, 'evil.html'), '<script>alert(1)</script>')
    const real = JSON.parse(
      readFileSync(path.join(site, 'credentials', `${awards[0]}.json`), 'utf8')
    ) as { id: string; credentialSubject: { name: string } }
    real.id = `${real.id}-forged`
    real.credentialSubject.name = 'Mallory'
    writeFileSync(path.join(site, 'credentials', 'forged.json'), JSON.stringify(real))
    mkdirSync(path.join(site, 'credentials', 'forged'))
    writeFileSync(path.join(site, 'credentials', 'forged', 'index.html'), '<p>hi</p>')
    const report = await kit.call('bundle:verify', { dir: site })
    expect(report.ok).toBe(false)
    expect(report.problems.some((p) => p.startsWith('evil.html'))).toBe(true)
    expect(report.problems.some((p) => p.startsWith('credentials/forged.json'))).toBe(true)
    expect(report.problems.some((p) => p.startsWith('credentials/forged/index.html'))).toBe(true)
    expect(report.credentials).toMatchObject({ checked: 4, valid: 3, invalid: 1 })
  })
})

describe('published manifests do not enumerate recipients', () => {
  it('no manifest or segment names a credential, an assertion or an award id; the site still verifies', async () => {
    const out = path.join(kit.work, 'full-2')
    await kit.exportSite({ out, full: true })
    const manifestFiles = siteFiles(out).filter((f) => f.startsWith('kiln-manifest'))
    expect(manifestFiles.length).toBeGreaterThan(2)
    for (const f of manifestFiles) {
      const text = readFileSync(path.join(out, f), 'utf8')
      for (const id of awards) expect(text.includes(id), `${id} in ${f}`).toBe(false)
      expect(text).not.toMatch(/credentials\/(?!index\.html)/)
      expect(text).not.toMatch(/ob2\/assertions\/(?!index\.html)/)
    }
    // A changed credential file is still caught through its hashed entry.
    const site = copySite(out, 'altered')
    const file = path.join(site, 'credentials', `${awards[1]}.json`)
    writeFileSync(file, readFileSync(file, 'utf8').replace('Person 1', 'Person X'))
    const report = await kit.call('bundle:verify', { dir: site })
    expect(report.ok).toBe(false)
    expect(report.problems.join('\n')).toContain(`credentials/${awards[1]}.json`)
  })
})
