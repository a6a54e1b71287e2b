/**
 * Another issuer, as the badges members bring come from: a real station (did:key) in a temporary
 * folder, with a published badge worth 3 credits, whose badge site (its exported bundles) is
 * served on 127.0.0.1 so that verifying its badges fetches what a real site would serve.
 */
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { jobResult, KIT_PASSPHRASE, openKit } from '../../awards/test-support/station-kit.js'
import { serveFolder, type StaticSite } from './static-site.js'

export type OtherIssuer = Readonly<{
  site: StaticSite
  call: Awaited<ReturnType<typeof openKit>>['call']
  badgeId: string
  /** Awards the badge to this person and returns the award id. */
  award(name: string, email: string): Promise<string>
  /** One of the award's files: 'ob3' JSON, baked 'png' or 'svg', or the 'ob2' assertion JSON. */
  file(awardId: string, format: 'ob3' | 'png' | 'svg' | 'ob2'): Promise<Buffer>
  /** Where the OB 2.0 assertion of an award is hosted on its site. */
  assertionUrl(awardId: string): string
  /** Exports a bundle and copies it over the served site. */
  publish(): Promise<void>
  close(): Promise<void>
}>

export async function otherIssuer(): Promise<OtherIssuer> {
  process.env.KILN_SCRYPT_N ??= '16384'
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'kiln-other-'))
  const siteDir = path.join(dir, 'site')
  fs.mkdirSync(siteDir)
  const site = await serveFolder(siteDir)
  const opened = await openKit(path.join(dir, 'station'))
  await opened.call('station:init', {
    issuerName: 'Other Academy',
    issuerUrl: 'https://academy.example.net/',
    siteUrl: site.url,
    did: 'key',
    passphrase: KIT_PASSPHRASE
  })
  const badge = await opened.call('badges:create', {
    name: 'Safety Course',
    description: 'Completed the safety course.',
    criteriaNarrative: 'Pass the exam.',
    creditsAvailable: 3
  })
  await opened.call('badges:publish', { id: badge.id })
  let n = 0
  return {
    site,
    call: opened.call,
    badgeId: badge.id,
    award: async (name, email) =>
      (
        await opened.call('awards:issue', {
          badgeId: badge.id,
          name,
          email,
          allowDuplicate: true
        })
      ).id,
    file: async (awardId, format) =>
      Buffer.from(
        (await opened.call('credentials:export', { id: awardId, format })).base64,
        'base64'
      ),
    assertionUrl: (awardId) => `${site.url}ob2/assertions/${awardId}.json`,
    async publish() {
      const out = path.join(dir, `bundle-${++n}`)
      const { jobId } = await opened.call('bundle:export', { out })
      const job = await jobResult(opened.core, jobId, 'bundle:export')
      if (job.state !== 'done') throw new Error(`the other issuer's export ended ${job.state}`)
      fs.cpSync(out, siteDir, { recursive: true })
    },
    async close() {
      await opened.core.close()
      await site.close()
      fs.rmSync(dir, { recursive: true, force: true })
    }
  }
}
