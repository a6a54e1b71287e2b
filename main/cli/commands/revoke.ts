/** kiln revoke AWARD_ID --reason TEXT | kiln reissue AWARD_ID [--name N] [--email E] */
import type { Command } from 'commander'
import { call, withCore, type GlobalOptions } from '../context.js'
import { printJson, printLine } from '../output.js'

export function registerRevokeCommands(program: Command, globals: () => GlobalOptions): void {
  program
    .command('revoke')
    .description('revoke an award (sets its status-list bit; the OB 2.0 assertion becomes revoked)')
    .argument('<awardId>', 'the award to revoke')
    .requiredOption('--reason <text>', 'why (recorded in the journal and the revoked assertion)')
    .option('--operator <name>', 'who is revoking (shown in the audit log)')
    .action(async (awardId: string, options: { reason: string; operator?: string }) => {
      const g = globals()
      const json = Boolean(g.json)
      await withCore(g, 'none', async (core) => {
        const award = await call(
          core,
          'awards:revoke',
          {
            id: awardId,
            reason: options.reason,
            ...(options.operator ? { operator: options.operator } : {})
          },
          json
        )
        if (json) printJson({ revoked: award })
        else {
          printLine(
            `Revoked ${award.id} (${award.recipientName} <${award.recipientEmail}>): ${options.reason}`
          )
        }
      })
    })

  program
    .command('reissue')
    .description('replace an award after a name or e-mail correction (revokes the old credential)')
    .argument('<awardId>', 'the award to replace')
    .option('--name <name>', 'the corrected name')
    .option('--email <email>', 'the corrected e-mail')
    .option('--operator <name>', 'who is reissuing (shown in the audit log)')
    .action(
      async (awardId: string, options: { name?: string; email?: string; operator?: string }) => {
        const g = globals()
        const json = Boolean(g.json)
        await withCore(g, 'unlock', async (core) => {
          const { issued, revoked } = await call(
            core,
            'awards:reissue',
            {
              id: awardId,
              ...(options.name ? { name: options.name } : {}),
              ...(options.email ? { email: options.email } : {}),
              ...(options.operator ? { operator: options.operator } : {})
            },
            json
          )
          const row = { id: issued.id, email: issued.recipientEmail, name: issued.recipientName }
          if (json) printJson({ issued: [row], skipped: [], rejected: [] })
          else {
            printLine(
              `Reissued ${revoked.id} as ${issued.id} (${issued.recipientName} <${issued.recipientEmail}>)`
            )
          }
        })
      }
    )
}
