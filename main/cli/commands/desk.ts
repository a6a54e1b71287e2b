/** kiln desk on | off | status: desk mode for volunteers (shared/methods/desk.ts). */
import type { Command } from 'commander'
import type { StationStatus } from '../../../shared/types.js'
import { call, withCore, type GlobalOptions } from '../context.js'
import { printJson, printLine } from '../output.js'
import { requirePassphrase } from '../passphrase.js'

const collect = (value: string, all: string[]): string[] => [...all, value]

function deskJson(status: StationStatus): Record<string, unknown> {
  return status.desk
    ? { desk: true, operators: status.desk.operators, since: status.desk.since }
    : { desk: false }
}

function printDesk(status: StationStatus): void {
  if (!status.desk) {
    printLine('Desk mode is off.')
    return
  }
  printLine(`Desk mode is on since ${status.desk.since}.`)
  printLine(`Operators: ${status.desk.operators.join(', ')}`)
}

export function registerDeskCommands(program: Command, globals: () => GlobalOptions): void {
  const desk = program
    .command('desk')
    .description('desk mode for volunteers: only awarding, the awards list and printing stay open')
    .addHelpText(
      'after',
      '\nWhile desk mode is on, every other command is refused (exit 2) and every award names\n' +
        'an operator from the list (kiln award --operator NAME). Switching it on and off needs\n' +
        'the passphrase ($KILN_PASSPHRASE or the terminal).'
    )

  desk
    .command('on')
    .description('switch desk mode on, with the names of the people who will award')
    .requiredOption(
      '--operator <name>',
      'an operator’s name (repeatable, 1 to 50; the desk chooses from these)',
      collect,
      []
    )
    .action(async (options: { operator: string[] }) => {
      const g = globals()
      const json = Boolean(g.json)
      await withCore(g, 'unlock', async (core) => {
        const status = await call(core, 'desk:enter', { operators: options.operator }, json)
        if (json) printJson(deskJson(status))
        else printDesk(status)
      })
    })

  desk
    .command('off')
    .description('leave desk mode (needs the station’s passphrase)')
    .action(async () => {
      const g = globals()
      const json = Boolean(g.json)
      const passphrase = await requirePassphrase('Leaving desk mode', json)
      await withCore(g, 'none', async (core) => {
        const status = await call(core, 'desk:leave', { passphrase }, json)
        if (json) printJson(deskJson(status))
        else printDesk(status)
      })
    })

  desk
    .command('status')
    .description('whether desk mode is on, and its operators')
    .action(async () => {
      const g = globals()
      const json = Boolean(g.json)
      await withCore(g, 'none', async (core) => {
        const status = await call(core, 'station:status', {}, json)
        if (json) printJson(deskJson(status))
        else printDesk(status)
      })
    })
}
