/** kiln recipients import FILE | list | add | merge */
import type { Command } from 'commander'
import { call, withCore, type GlobalOptions } from '../context.js'
import { CliExit, printJson, printLine } from '../output.js'
import {
  addMappingFlags,
  mappingFrom,
  printProblems,
  readCsvBase64,
  type MappingOptions
} from './csv-flags.js'

export function registerRecipientCommands(program: Command, globals: () => GlobalOptions): void {
  const recipients = program.command('recipients').description('the recipient book')

  const importCommand = recipients
    .command('import')
    .description('import recipients from a CSV file (duplicates are reported, never merged)')
    .argument('<file>', 'the CSV file')
    .option('--accept-valid-rows', 'import the valid rows even if some rows are rejected')
    .option('--dry-run', 'only show what would be imported')
  addMappingFlags(importCommand).action(
    async (
      file: string,
      options: MappingOptions & { acceptValidRows?: boolean; dryRun?: boolean }
    ) => {
      const g = globals()
      const json = Boolean(g.json)
      const mapping = mappingFrom(options)
      const source = {
        csvBase64: readCsvBase64(file, 'file', json),
        ...(mapping ? { mapping } : {})
      }
      await withCore(g, 'none', async (core) => {
        const preview = await call(core, 'recipients:importPreview', source, json)
        if (options.dryRun) {
          if (json) printJson(preview)
          else {
            printLine(
              `${preview.counts.toAdd} to add, ${preview.counts.duplicates} duplicates, ${preview.counts.rejected} rejected`
            )
          }
          printProblems(preview.rejected)
          return
        }
        if (preview.rejected.length > 0 && !options.acceptValidRows) {
          if (json) {
            printJson({ added: 0, duplicates: preview.duplicates, rejected: preview.rejected })
          }
          process.stderr.write(
            `kiln: ${preview.rejected.length} row(s) rejected; nothing was imported. Fix the file or add --accept-valid-rows.\n`
          )
          printProblems(preview.rejected)
          throw new CliExit(2)
        }
        const result = await call(
          core,
          'recipients:import',
          { ...source, ...(options.acceptValidRows ? { acceptValidRows: true } : {}) },
          json
        )
        if (json) printJson(result)
        else {
          printLine(
            `Added ${result.added} recipients; ${result.duplicates.length} duplicates skipped; ${result.rejected.length} rejected.`
          )
          for (const d of result.duplicates.slice(0, 50)) {
            process.stderr.write(`  row ${d.row} ${d.email}: ${d.message}\n`)
          }
          printProblems(result.rejected)
        }
      })
    }
  )

  recipients
    .command('list')
    .description('list or search recipients (name, e-mail, member id)')
    .option('--query <text>', 'search text')
    .option('--limit <n>', 'at most this many')
    .action(async (options: { query?: string; limit?: string }) => {
      const g = globals()
      const json = Boolean(g.json)
      await withCore(g, 'none', async (core) => {
        const result = await call(
          core,
          'recipients:list',
          {
            ...(options.query ? { query: options.query } : {}),
            ...(options.limit ? { limit: Number(options.limit) } : {})
          },
          json
        )
        if (json) printJson(result)
        else {
          for (const r of result.recipients) {
            printLine(`${r.id}  ${r.name} <${r.email}>${r.memberId ? `  ${r.memberId}` : ''}`)
          }
        }
      })
    })

  recipients
    .command('add')
    .description('add one recipient')
    .requiredOption('--name <name>', 'the name')
    .requiredOption('--email <email>', 'the e-mail')
    .option('--member-id <id>', 'the member id')
    .action(async (options: { name: string; email: string; memberId?: string }) => {
      const g = globals()
      const json = Boolean(g.json)
      await withCore(g, 'none', async (core) => {
        const r = await call(
          core,
          'recipients:create',
          {
            name: options.name,
            email: options.email,
            ...(options.memberId ? { memberId: options.memberId } : {})
          },
          json
        )
        if (json) printJson(r)
        else printLine(`Added ${r.name} <${r.email}>: ${r.id}`)
      })
    })

  recipients
    .command('merge')
    .description('merge recipients into one (their awards stay and count as the kept one’s)')
    .argument('<keepId>', 'the recipient to keep')
    .argument('<mergeIds...>', 'the recipients merged into it')
    .action(async (keepId: string, mergeIds: string[]) => {
      const g = globals()
      const json = Boolean(g.json)
      await withCore(g, 'none', async (core) => {
        const r = await call(core, 'recipients:merge', { keepId, mergeIds }, json)
        if (json) printJson(r)
        else printLine(`Merged ${mergeIds.length} into ${r.name} <${r.email}> (${r.id})`)
      })
    })
}
