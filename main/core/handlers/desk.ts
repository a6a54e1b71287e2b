/** Handlers of desk mode: switching it on (operators) and off (the passphrase). */
import { ok } from '../../../shared/result.js'
import type { DeskResults } from '../../../shared/methods/desk.js'
import type { Handlers } from '../dispatcher.js'
import type { Station } from '../station/station.js'

export function deskHandlers(station: Station): Pick<Handlers, keyof DeskResults> {
  return {
    'desk:enter': async (input) => ok(await station.desk.enter(input.operators)),
    'desk:leave': async (input) => ok(await station.desk.leave(input.passphrase))
  }
}
