/**
 * The kiln CLI: the same core as the app, for automation and headless stations.
 * --json prints exactly one JSON object on stdout; exit 0 done, 1 invalid/failed, 2 usage or input error.
 */
import { Command, CommanderError } from 'commander'
import { KILN_VERSION } from '../core/version.js'
import { logger } from '../core/logger.js'
import type { GlobalOptions } from './context.js'
import { CliExit } from './output.js'
import { registerStationCommands } from './commands/station.js'
import { registerBadgeCommands } from './commands/badge.js'
import { registerAwardCommands } from './commands/award.js'
import { registerRecipientCommands } from './commands/recipients.js'
import { registerRevokeCommands } from './commands/revoke.js'
import { registerExportCommands } from './commands/export.js'
import { registerBundleCommands } from './commands/bundle.js'
import { registerVerifyCommand } from './commands/verify.js'
import { registerServeCommand } from './commands/serve.js'
import { registerRuleCommands } from './commands/rules.js'
import { registerSiteCommands } from './commands/site.js'

export function buildProgram(): Command {
  const program = new Command()
  program
    .name('kiln')
    .description('Kiln: an offline station for issuing Open Badges 3.0')
    .version(KILN_VERSION)
    .option(
      '--data <dir>',
      'the station’s data directory (default: $KILN_DATA, else the app-data folder)'
    )
    .option('--json', 'print exactly one JSON object on stdout')
    .showHelpAfterError()
    .exitOverride()
    .configureOutput({ writeErr: (s) => process.stderr.write(s) })
  const globals = (): GlobalOptions => program.opts<GlobalOptions>()
  registerStationCommands(program, globals)
  registerServeCommand(program, globals)
  registerBadgeCommands(program, globals)
  registerAwardCommands(program, globals)
  registerRecipientCommands(program, globals)
  registerRevokeCommands(program, globals)
  registerExportCommands(program, globals)
  registerBundleCommands(program, globals)
  registerVerifyCommand(program, globals)
  registerRuleCommands(program, globals)
  registerSiteCommands(program, globals)
  for (const command of program.commands) {
    command.exitOverride()
    for (const sub of command.commands) sub.exitOverride()
  }
  return program
}

export async function main(argv: string[]): Promise<number> {
  try {
    await buildProgram().parseAsync(argv)
    return 0
  } catch (error) {
    if (error instanceof CliExit) return error.exitCode
    if (error instanceof CommanderError) {
      // --help and --version end here with exit code 0; usage errors with 2.
      return error.exitCode === 0 ? 0 : 2
    }
    logger.error('unexpected failure', error)
    return 1
  }
}

const code = await main(process.argv)
process.exitCode = code
