/**
 * The kiln CLI: the same core as the app, for automation and headless stations.
 * --json prints exactly one JSON object on stdout; exit 0 done, 1 invalid/failed, 2 usage or input error.
 *
 * Start-up: registering the commands loads only commander and the files in commands/, so that
 * `kiln --help` (or a typo) answers at once; the core, its libraries (zod, jsonld, pdfkit,
 * resvg, ajv…) and the station are loaded by the command that runs, inside its action.
 *
 * Adding a command (a new domain, e.g. `kiln publish`):
 *  1. Write commands/<domain>.ts exporting `register<Domain>Commands(program, globals)` that
 *     declares the commands, flags and help text (`kiln <command> --help` must be complete).
 *  2. In the actions, open the station with `withCore(globals(), keyNeed, run)` (context.ts),
 *     which imports the core; call the contract with `call(core, 'domain:verb', input, json)`.
 *     Pass keyNeed 'unlock' only if the command signs: deriving the key costs ~0.5 s (with
 *     $KILN_PASSPHRASE it starts before the core loads; 'unlock-later' lets the action do its
 *     key-free work first and call `unlock()` when it signs, as a CSV batch does).
 *     Anything else from main/core (or a heavy library) is loaded where it is used:
 *     `const { thing } = await import('../../core/domain/thing.js')`. Types are free
 *     (`import type`). Lint refuses static imports of main/core and host modules here.
 *  3. Add the register function to COMMANDS below (help lists commands in this order).
 * test/cli/cli-startup.test.ts checks what `kiln --help` and `kiln status` load.
 */
import { Command, CommanderError } from 'commander'
import { KILN_VERSION } from '../core/version.js'
import { logger } from '../core/logger.js'
import { dataDirOf, type GlobalOptions } from './context.js'
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
import { registerPublishCommands } from './commands/publish.js'
import { registerDeliveryCommands } from './commands/deliver.js'
import { registerSiteCommands } from './commands/site.js'
import { registerDeskCommands } from './commands/desk.js'

type RegisterCommands = (program: Command, globals: () => GlobalOptions) => void

const COMMANDS: readonly RegisterCommands[] = [
  registerStationCommands,
  registerServeCommand,
  registerBadgeCommands,
  registerAwardCommands,
  registerRecipientCommands,
  registerRevokeCommands,
  registerExportCommands,
  registerBundleCommands,
  registerVerifyCommand,
  registerRuleCommands,
  registerSiteCommands,
  registerDeskCommands,
  registerPublishCommands,
  // After export and recipients: it adds export mail-merge and recipients import-badge to them.
  registerDeliveryCommands
]

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
  // The station log (logs/kiln.log in the data folder) for every command, `kiln serve` included.
  let logAttached = false
  program.hook('preAction', async () => {
    if (logAttached) return
    logAttached = true
    const { attachLogFile } = await import('../core/logging/rotating-file.js')
    attachLogFile(dataDirOf(globals()))
  })
  for (const register of COMMANDS) register(program, globals)
  const override = (command: Command): void => {
    for (const sub of command.commands) {
      sub.exitOverride()
      override(sub)
    }
  }
  override(program)
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
