/** kiln award (single; the CSV batch arrives with the awarding issue) */
import type { Command } from 'commander'
import { err } from '../../../shared/result.js'
import { call, withCore, type GlobalOptions } from '../context.js'
import { printError, printJson, printLine } from '../output.js'

type AwardOptions = {
  badge: string
  email?: string
  name?: string
  csv?: string
  narrative?: string
  evidence?: string
  operator?: string
}

export function registerAwardCommands(program: Command, globals: () => GlobalOptions): void {
  program
    .command('award')
    .description('award a published badge to one person (signs an OB 3.0 credential)')
    .requiredOption('--badge <id>', 'the badge to award')
    .option('--email <email>', 'the recipient’s e-mail (stored hashed in the credential)')
    .option('--name <name>', 'the recipient’s name as it should appear')
    .option('--csv <file>', 'award everyone in a CSV file')
    .option('--narrative <text>', 'why this person earned it')
    .option('--evidence <url>', 'a link to evidence')
    .option('--operator <name>', 'who is awarding (shown in the audit log)')
    .action(async (options: AwardOptions) => {
      const g = globals()
      const json = Boolean(g.json)
      if (options.csv) {
        printError(err('INVALID_INPUT', 'CSV batch awards are not available in this version yet; award one person with --email and --name.', { field: '--csv' }).error, json)
      }
      if (!options.email || !options.name) {
        printError(err('INVALID_INPUT', 'Give --email and --name (or --csv FILE).', { field: options.email ? '--name' : '--email' }).error, json)
      }
      await withCore(g, 'unlock', async (core) => {
        const award = await call(
          core,
          'awards:issue',
          {
            badgeId: options.badge,
            email: options.email ?? '',
            name: options.name ?? '',
            ...(options.narrative ? { narrative: options.narrative } : {}),
            ...(options.evidence ? { evidenceUrl: options.evidence } : {}),
            ...(options.operator ? { operator: options.operator } : {})
          },
          json
        )
        const issued = { id: award.id, email: award.recipientEmail, name: award.recipientName }
        if (json) printJson({ issued: [issued], skipped: [], rejected: [] })
        else printLine(`Awarded ${award.badgeId} to ${award.recipientName} <${award.recipientEmail}>: ${award.id}`)
      })
    })
}
