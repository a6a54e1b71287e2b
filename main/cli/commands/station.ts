/** kiln init | status | audit verify | backup | restore */
import { existsSync } from 'node:fs'
import path from 'node:path'
import { sentenceFor } from '../../../shared/error-messages.js'
import type { Command } from 'commander'
import type { StationStatus } from '../../../shared/types.js'
import { err } from '../../../shared/result.js'
import { KilnFailure } from '../../core/failure.js'
import { call, dataDirOf, exitOnFailure, withCore, type GlobalOptions } from '../context.js'
import { printError, printJson, printLine, CliExit } from '../output.js'
import { askPassphrase } from '../passphrase.js'

type InitOptions = GlobalOptions & {
  issuerName: string
  issuerUrl: string
  site: string
  issuerEmail?: string
  did: string
}

function statusJson(status: StationStatus): Record<string, unknown> {
  return {
    initialized: status.initialized,
    locked: status.locked,
    dataDir: status.dataDir,
    ...(status.stationId ? { stationId: status.stationId } : {}),
    ...(status.siteUrl ? { siteUrl: status.siteUrl } : {}),
    ...(status.issuer ? { issuer: status.issuer } : {}),
    ...(status.key ? { key: status.key } : {}),
    awards: status.counts.awards,
    badges: status.counts.badges,
    recipients: status.counts.recipients,
    ...(status.desk ? { desk: { operators: status.desk.operators, since: status.desk.since } } : {})
  }
}

function printStatus(status: StationStatus): void {
  if (!status.initialized) {
    printLine(`No station in ${status.dataDir} yet. Create one with "kiln init".`)
    return
  }
  printLine(`Issuer:        ${status.issuer?.name ?? ''}`)
  printLine(`Issuer DID:    ${status.issuer?.id ?? ''}`)
  printLine(`Site:          ${status.siteUrl ?? ''}`)
  printLine(`Key:           ${status.key?.fingerprint ?? ''}`)
  printLine(`State:         ${status.locked ? 'locked' : 'unlocked'}`)
  if (status.desk) printLine(`Desk mode:     on (${status.desk.operators.join(', ')})`)
  printLine(`Badges:        ${status.counts.badges}`)
  printLine(`Awards:        ${status.counts.awards}`)
  printLine(`Recipients:    ${status.counts.recipients}`)
  printLine(`Data:          ${status.dataDir}`)
}

export function registerStationCommands(program: Command, globals: () => GlobalOptions): void {
  program
    .command('init')
    .description('create the station: issuer profile, site URL and an encrypted Ed25519 key')
    .requiredOption('--issuer-name <name>', 'the issuing organisation’s name')
    .requiredOption('--issuer-url <url>', 'the organisation’s website')
    .requiredOption(
      '--site <url>',
      'where sync bundles will be uploaded (credential URLs live here)'
    )
    .option('--issuer-email <email>', 'contact e-mail shown in the issuer profile')
    .option(
      '--did <method>',
      'issuer identifier: web (did:web of the site) or key (did:key)',
      'web'
    )
    .addHelpText(
      'after',
      '\nThe passphrase comes from $KILN_PASSPHRASE or is asked for on a terminal.'
    )
    .action(async (options: InitOptions) => {
      const g = { ...globals(), ...options }
      const json = Boolean(g.json)
      const passphrase = await askPassphrase(true)
      if (passphrase === undefined) {
        printError(
          err('INVALID_INPUT', 'Set KILN_PASSPHRASE or run "kiln init" in a terminal.', {
            field: 'passphrase'
          }).error,
          json
        )
      }
      await withCore(g, 'none', async (core) => {
        const status = await call(
          core,
          'station:init',
          {
            issuerName: options.issuerName,
            issuerUrl: options.issuerUrl,
            siteUrl: options.site,
            ...(options.issuerEmail ? { issuerEmail: options.issuerEmail } : {}),
            did: options.did as 'web' | 'key',
            passphrase
          },
          json
        )
        if (json) printJson(statusJson(status))
        else {
          printLine(`Station created in ${status.dataDir}.`)
          printStatus(status)
        }
      })
    })

  program
    .command('status')
    .description('show the issuer, the key fingerprint and counts')
    .option(
      '--check-passphrase',
      'also unlock the key with the passphrase ($KILN_PASSPHRASE or the terminal): exit 2 if it is wrong'
    )
    .addHelpText(
      'after',
      '\nWithout --check-passphrase the key stays locked: status never derives it (that takes a\n' +
        'third of a second and 128 MB), even when $KILN_PASSPHRASE is set.'
    )
    .action(async (options: { checkPassphrase?: boolean }) => {
      const g = globals()
      await withCore(g, options.checkPassphrase ? 'unlock' : 'none', async (core) => {
        const status = await call(core, 'station:status', {}, Boolean(g.json))
        if (g.json) printJson(statusJson(status))
        else printStatus(status)
      })
    })

  const audit = program.command('audit').description('the tamper-evident journal')
  audit
    .command('verify')
    .description('check every link of the journal’s hash chain; exit 1 at the first broken one')
    .action(async () => {
      const g = globals()
      // A damaged journal stops the station from opening; this walk reads it without opening
      // the station (holding its lock), so it can say where the damage is.
      const json = Boolean(g.json)
      const { stationPaths } = await import('../../core/station/paths.js')
      const { acquireLock } = await import('../../core/storage/lock.js')
      const { verifyJournalAsync } = await import('../../core/storage/verify-journal.js')
      const paths = stationPaths(dataDirOf(g))
      if (!existsSync(paths.catalog)) {
        printError(
          err('NOT_INITIALIZED', 'Run "kiln init" (or the setup screen) first.').error,
          json
        )
      }
      let lock: { release(): void } | undefined
      try {
        lock = acquireLock(paths.dataDir)
      } catch (error) {
        if (error instanceof KilnFailure) printError(error.toError(), json)
        throw error
      }
      try {
        const report = await verifyJournalAsync(paths.journal, { sealFile: paths.journalSeal })
        if (g.json) printJson(report)
        else if (report.ok) {
          printLine(`Journal intact: ${report.entries} entries, head ${report.head ?? '-'}.`)
        } else {
          const b = report.firstBroken
          printLine(
            `Journal BROKEN at line ${b?.line ?? '?'} (seq ${b?.seq ?? '?'}): ${b?.reason ?? ''}`
          )
        }
        if (!report.ok) throw new CliExit(1)
      } finally {
        lock.release()
      }
    })

  program
    .command('backup')
    .description(
      'write one encrypted archive of the data directory (kiln-backup/2, sealed with the passphrase)'
    )
    .option(
      '--out <file>',
      'the archive to write (never overwritten); default: a new file in the backup folder'
    )
    .addHelpText(
      'after',
      '\nThe passphrase comes from $KILN_PASSPHRASE or is asked for on a terminal.'
    )
    .action(async (options: { out?: string }) => {
      const g = globals()
      await withCore(g, 'unlock', async (core) => {
        const result = await call(
          core,
          'backup:create',
          options.out ? { outFile: options.out } : {},
          Boolean(g.json)
        )
        if (g.json) printJson(result)
        else {
          printLine(
            `Backup written: ${result.file} (${result.files} files, ${result.bytes} bytes, encrypted).`
          )
          if (result.removed.length > 0) {
            printLine(`Removed older backups: ${result.removed.join(', ')}.`)
          }
        }
      })
    })

  program
    .command('restore <file>')
    .description(
      'verify a backup, then restore it into the data directory (never over a station unless --force)'
    )
    .option('--force', 'move an existing station aside (never deleted) and restore over it')
    .addHelpText(
      'after',
      '\nEncrypted backups need the station passphrase ($KILN_PASSPHRASE or the terminal).\n' +
        'Nothing is written unless the archive decrypts and every check passes.'
    )
    .action(async (file: string, options: { force?: boolean }) => {
      const g = globals()
      const json = Boolean(g.json)
      const dataDir = dataDirOf(g)
      try {
        const { acquireLock } = await import('../../core/storage/lock.js')
        const { restoreBackupFile } = await import('../../core/backup/backup-files.js')
        if (existsSync(dataDir)) acquireLock(dataDir).release()
        // Restoring over a station in desk mode is the passphrase holder's (as backups are).
        if (options.force && existsSync(path.join(dataDir, 'station.json'))) {
          await withCore(g, 'none', async (core) => {
            if (core.station.desk.state) {
              printError(
                err('DESK_MODE', sentenceFor('DESK_MODE'), { method: 'restore' }).error,
                json
              )
            }
          })
        }
        const passphrase = await askPassphrase(false)
        const result = await restoreBackupFile(file, dataDir, {
          force: Boolean(options.force),
          ...(passphrase !== undefined ? { passphrase } : {})
        })
        if (json) printJson(result)
        else {
          printLine(
            `Verified and restored ${result.files} files (${result.format}) into ${result.dataDir}.`
          )
          if (result.movedAside) {
            printLine(`The previous station was moved to ${result.movedAside}.`)
          }
        }
      } catch (error) {
        exitOnFailure(error, json)
      }
    })
}
