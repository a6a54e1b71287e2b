/** kiln award (one person, or everyone in a CSV file) and kiln awards list */
import type { Command } from 'commander'
import type { AwardStatus, BatchReport } from '../../../shared/types.js'
import { err } from '../../../shared/result.js'
import { call, withCore, type GlobalOptions } from '../context.js'
import type { Core } from '../../core/create-core.js'
import { CliExit, printError, printJson, printLine } from '../output.js'
import { waitForJob } from '../jobs.js'
import {
  addMappingFlags,
  mappingFrom,
  printProblems,
  readCsvBase64,
  type MappingOptions
} from './csv-flags.js'

type AwardOptions = MappingOptions & {
  badge: string
  email?: string
  name?: string
  recipient?: string
  csv?: string
  narrative?: string
  evidence?: string
  operator?: string
  awardValidRows?: boolean
  allowDuplicate?: boolean
}

function progressBar(done: number, total: number): void {
  const width = 30
  const filled = total > 0 ? Math.round((done / total) * width) : width
  process.stderr.write(`\r[${'#'.repeat(filled)}${' '.repeat(width - filled)}] ${done}/${total}`)
}

/** Runs an accepted batch preview as a job; Ctrl-C cancels it (what was issued stays). */
async function runBatch(
  core: Core,
  previewId: string,
  options: AwardOptions,
  json: boolean
): Promise<BatchReport> {
  const tty = Boolean(process.stderr.isTTY)
  const state = await waitForJob(
    core,
    'awards:batch',
    async () =>
      (
        await call(
          core,
          'awards:batchStart',
          {
            previewId,
            ...(options.awardValidRows ? { awardValidRows: true } : {}),
            ...(options.operator ? { operator: options.operator } : {})
          },
          json
        )
      ).jobId,
    {
      json,
      cancelNote: 'kiln: cancelling; awards already saved are kept',
      ...(tty ? { onProgress: progressBar } : {})
    }
  )
  if (tty) process.stderr.write('\n')
  if (state.state === 'failed') {
    printError(state.error ?? { code: 'INTERNAL', message: 'The batch failed.' }, json)
  }
  const report = state.result ?? { issued: [], skipped: [], rejected: [] }
  if (state.state === 'cancelled') {
    if (json) printJson(report)
    process.stderr.write(`kiln: cancelled after ${report.issued.length} awards (all saved)\n`)
    throw new CliExit(1)
  }
  return report
}

/** Previews the file, then unlocks (the key derivation, started early, ran meanwhile) and issues. */
async function awardCsv(
  core: Core,
  unlock: () => Promise<void>,
  options: AwardOptions,
  json: boolean
): Promise<void> {
  const mapping = mappingFrom(options)
  const preview = await call(
    core,
    'awards:batchPreview',
    {
      badgeId: options.badge,
      source: {
        csvBase64: readCsvBase64(options.csv ?? '', '--csv', json),
        ...(mapping ? { mapping } : {})
      },
      ...(options.narrative ? { narrative: options.narrative } : {}),
      ...(options.evidence ? { evidenceUrl: options.evidence } : {})
    },
    json
  )
  if (preview.rejected.length > 0 && !options.awardValidRows) {
    if (json) printJson({ issued: [], skipped: preview.skipped, rejected: preview.rejected })
    process.stderr.write(
      `kiln: ${preview.rejected.length} row(s) rejected; nothing was awarded. Fix the file or add --award-valid-rows.\n`
    )
    printProblems(preview.rejected)
    throw new CliExit(2)
  }
  if (!json) {
    process.stderr.write(
      `${preview.counts.toAward} to award, ${preview.counts.alreadyHold} skipped, ${preview.counts.rejected} rejected\n`
    )
  }
  await unlock()
  const report = await runBatch(core, preview.previewId, options, json)
  if (json) printJson(report)
  else {
    printLine(
      `Awarded ${report.issued.length}, skipped ${report.skipped.length}, rejected ${report.rejected.length}.`
    )
    for (const s of report.skipped.slice(0, 50)) {
      process.stderr.write(`  skipped row ${s.row} ${s.email}: ${s.reason}\n`)
    }
    printProblems(report.rejected)
  }
}

export function registerAwardCommands(program: Command, globals: () => GlobalOptions): void {
  const award = program
    .command('award')
    .description(
      'award a published badge to one person, or to everyone in a CSV file (signs OB 3.0 credentials)'
    )
    .requiredOption('--badge <id>', 'the badge to award')
    .option('--email <email>', 'the recipient’s e-mail (stored hashed in the credential)')
    .option('--name <name>', 'the recipient’s name as it should appear')
    .option('--recipient <id>', 'a recipient of the book (instead of --email and --name)')
    .option(
      '--csv <file>',
      'award everyone in a CSV file (UTF-8/UTF-16/Windows-1252; comma, semicolon or tab)'
    )
    .option('--award-valid-rows', 'with --csv: award the valid rows even if some rows are rejected')
    .option('--allow-duplicate', 'award even if the person already holds this badge')
    .option('--narrative <text>', 'why this person earned it')
    .option('--evidence <url>', 'a link to evidence')
    .option('--operator <name>', 'who is awarding (shown in the audit log)')
  addMappingFlags(award).action(async (options: AwardOptions) => {
    const g = globals()
    const json = Boolean(g.json)
    if (!options.csv && !options.recipient && (!options.email || !options.name)) {
      printError(
        err('INVALID_INPUT', 'Give --email and --name, --recipient ID, or --csv FILE.', {
          field: options.email ? '--name' : '--email'
        }).error,
        json
      )
    }
    await withCore(g, 'unlock-later', async (core, unlock) => {
      if (options.csv) return awardCsv(core, unlock, options, json)
      await unlock()
      const issued = await call(
        core,
        'awards:issue',
        {
          badgeId: options.badge,
          ...(options.recipient ? { recipientId: options.recipient } : {}),
          ...(options.email ? { email: options.email } : {}),
          ...(options.name ? { name: options.name } : {}),
          ...(options.narrative ? { narrative: options.narrative } : {}),
          ...(options.evidence ? { evidenceUrl: options.evidence } : {}),
          ...(options.operator ? { operator: options.operator } : {}),
          ...(options.allowDuplicate ? { allowDuplicate: true } : {})
        },
        json
      )
      const row = { id: issued.id, email: issued.recipientEmail, name: issued.recipientName }
      if (json) printJson({ issued: [row], skipped: [], rejected: [] })
      else {
        printLine(
          `Awarded ${issued.badgeId} to ${issued.recipientName} <${issued.recipientEmail}>: ${issued.id}`
        )
      }
    })
  })

  program
    .command('awards')
    .description('awards issued by this station')
    .command('list')
    .description('list awards, newest first')
    .option('--status <status>', 'active | expiring | expired | revoked')
    .option('--query <text>', 'match name, e-mail or badge')
    .option('--badge <id>', 'only this badge')
    .option('--limit <n>', 'at most this many')
    .action(
      async (options: { status?: string; query?: string; badge?: string; limit?: string }) => {
        const g = globals()
        const json = Boolean(g.json)
        await withCore(g, 'none', async (core) => {
          const result = await call(
            core,
            'awards:list',
            {
              ...(options.status ? { status: options.status as AwardStatus } : {}),
              ...(options.query ? { query: options.query } : {}),
              ...(options.badge ? { badgeId: options.badge } : {}),
              ...(options.limit ? { limit: Number(options.limit) } : {})
            },
            json
          )
          if (json) printJson(result)
          else {
            for (const a of result.awards) {
              printLine(
                `${a.id}  ${a.status.padEnd(8)}  ${a.badgeId}  ${a.recipientName} <${a.recipientEmail}>`
              )
            }
          }
        })
      }
    )
}
