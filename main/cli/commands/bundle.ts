/**
 * kiln export bundle --out DIR|FILE.zip [--full] | kiln bundle verify DIR
 * kiln station export --out FILE | kiln station merge FILE | kiln keys list | kiln keys rotate
 */
import type { Command } from 'commander'
import type { MethodResults } from '../../../shared/contract.js'
import { err } from '../../../shared/result.js'
import { call, exitOnFailure, withCore, type GlobalOptions } from '../context.js'
import { CliExit, printError, printJson, printLine } from '../output.js'
import { requirePassphrase } from '../passphrase.js'
import { waitForJob } from '../jobs.js'

function exportCommand(program: Command): Command {
  return (
    program.commands.find((c) => c.name() === 'export') ??
    program.command('export').description('write credentials and other files')
  )
}

export function registerBundleCommands(program: Command, globals: () => GlobalOptions): void {
  exportCommand(program)
    .command('bundle')
    .description(
      'write the static badge site: only what changed since the last export, plus the signed manifest'
    )
    .requiredOption('--out <dir|file.zip>', 'a new (or empty) folder, or a .zip file')
    .option('--full', 'every file of the site, not only the changes')
    .action(async (options: { out: string; full?: boolean }) => {
      const g = globals()
      const json = Boolean(g.json)
      await withCore(g, 'unlock-later', async (core, unlock) => {
        // The key is derived (scrypt) while the export plans and renders: the unlock is under
        // way once its call returns (station:unlock runs at once, outside the queue), which is
        // all bundle:export asks; the export takes the key before it writes a file. A wrong
        // passphrase is the failure reported (its call printed it), and nothing was written.
        const unlocked = unlock().then(
          () => undefined,
          (error: unknown) => ({ error })
        )
        const state = await waitForJob(
          core,
          'bundle:export',
          async () => {
            const started = await core.dispatch(
              'bundle:export',
              { out: options.out, ...(options.full ? { full: true } : {}) },
              { host: 'cli' }
            )
            if (started.ok) return (started.value as MethodResults['bundle:export']).jobId
            // One failure is reported: the passphrase's if it was wrong too.
            const unlockFailed = await unlocked
            if (unlockFailed) throw unlockFailed.error
            return printError(started.error, json)
          },
          { json, cancelNote: 'kiln: cancelling the bundle export; nothing is recorded' }
        )
        const unlockFailed = await unlocked
        if (unlockFailed) throw unlockFailed.error
        const r = state.result
        if (state.state !== 'done' || !r) {
          return printError(
            state.error ?? { code: 'INTERNAL', message: 'The bundle export did not finish.' },
            json
          )
        }
        if (json) printJson(r)
        else {
          printLine(
            `Bundle ${r.seq}${r.unchanged ? ' (nothing changed since the last export: the same bundle again)' : ''}: ${r.files} files, ${r.bytes} bytes → ${r.out}`
          )
          printLine(
            `The site has ${r.siteFiles} files. Copy the bundles, in order, over the site's root.`
          )
          if (r.heldBack > 0) {
            printLine(
              `${r.heldBack} merged awards were held back: their station's status list has not been merged yet.`
            )
          }
        }
      })
    })

  program
    .command('bundle')
    .description('sync bundles')
    .command('verify <dir>')
    .description(
      'check a site folder against its signed manifests and verify every credential in it'
    )
    .action(async (dir: string) => {
      const json = Boolean(globals().json)
      const { verifyBundleDir } = await import('../../core/bundle/verify-bundle.js')
      let report
      try {
        report = await verifyBundleDir(dir)
      } catch (error) {
        if (error instanceof SyntaxError) {
          printError(err('UNREADABLE_INPUT', `${dir}: a manifest is not valid JSON.`).error, json)
        }
        exitOnFailure(error, json)
      }
      if (json) printJson(report)
      else {
        const c = report.credentials
        printLine(
          `Bundle ${report.seq}: ${report.siteFiles} files; ${c.checked} credentials: ${c.valid} valid, ${c.revoked} revoked, ${c.expired} expired, ${c.invalid} invalid.`
        )
        for (const p of report.problems) printLine(`  ✘ ${p}`)
        printLine(
          report.ok ? 'The site matches its manifests.' : 'The site does NOT match its manifests.'
        )
      }
      if (!report.ok) throw new CliExit(1)
    })

  const station = program.command('station').description('several stations, one issuer')
  station
    .command('export')
    .description(
      'this station’s awards, revocations, public keys and signed status list, for the lead station (private: holds e-mails)'
    )
    .requiredOption('--out <file>', 'the file to write (never overwritten)')
    .action(async (options: { out: string }) => {
      const g = globals()
      const json = Boolean(g.json)
      await withCore(g, 'unlock', async (core) => {
        const r = await call(core, 'stations:export', { outFile: options.out }, json)
        if (json) printJson(r)
        else {
          printLine(
            `Wrote ${r.file}: ${r.awards} awards, ${r.revocations} revocations (${r.bytes} bytes). It holds recipients’ e-mails: carry it privately.`
          )
        }
      })
    })
  station
    .command('merge <file>')
    .description(
      'merge another station’s export into this (lead) station; merging the same file again changes nothing'
    )
    .action(async (file: string) => {
      const g = globals()
      const json = Boolean(g.json)
      await withCore(g, 'none', async (core) => {
        const r = await call(core, 'stations:merge', { file }, json)
        if (json) printJson(r)
        else if (r.unchanged) printLine(`Nothing new from station ${r.stationId}.`)
        else {
          printLine(
            `Merged station ${r.stationId}: ${r.added} awards added, ${r.revoked} revocations, ${r.keys} keys.`
          )
        }
      })
    })

  const keys = program.command('keys').description('the issuer’s signing keys')
  keys
    .command('list')
    .description('every key of the issuer and how many credentials each signed')
    .action(async () => {
      const g = globals()
      const json = Boolean(g.json)
      await withCore(g, 'none', async (core) => {
        const r = await call(core, 'keys:list', {}, json)
        if (json) printJson(r)
        else {
          for (const k of r.keys) {
            printLine(
              `${k.current ? '*' : ' '} ${k.fingerprint}  ${k.publicKeyMultibase}  station ${k.stationId}  since ${k.createdAt}  ${k.credentials} credentials`
            )
          }
        }
      })
    })
  keys
    .command('rotate')
    .description(
      'replace this station’s signing key (the old public key stays published, so its credentials keep verifying)'
    )
    .action(async () => {
      const g = globals()
      const json = Boolean(g.json)
      const passphrase = await requirePassphrase('Rotating the key', json)
      await withCore(g, 'none', async (core) => {
        const r = await call(core, 'keys:rotate', { passphrase }, json)
        if (json) printJson(r)
        else {
          printLine(
            `New signing key ${r.key.fingerprint} (${r.key.publicKeyMultibase}); the issuer now has ${r.keys} keys. Export a bundle to publish it.`
          )
        }
      })
    })
}
