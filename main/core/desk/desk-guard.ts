/**
 * The dispatcher's check while desk mode is on: a method closed to the desk (desk-access.ts) is
 * refused with DESK_MODE; an award must name an operator from the desk's list; jobs may be
 * followed and cancelled only if the desk could have started them. Runs where the method runs
 * (inside the mutation queue for changes), so a change queued before desk mode was switched on
 * is checked against desk mode as it is when the change's turn comes.
 */
import { z } from 'zod'
import type { MethodName } from '../../../shared/contract.js'
import { sentenceFor } from '../../../shared/error-messages.js'
import type { DeskState } from '../../../shared/types.js'
import { fail } from '../failure.js'
import type { CallGuard } from '../dispatcher.js'
import type { Station } from '../station/station.js'
import { DESK_JOB_KINDS, deskAccess } from './desk-access.js'

// The inputs passed the method's own schema already; these read the one field the check needs.
const withOperator = z.object({ operator: z.string().optional() })
const withJobId = z.object({ jobId: z.string() })
const withKind = z.object({ kind: z.string().optional() })
const withDestination = z.object({
  outFile: z.string().optional(),
  overwrite: z.boolean().optional()
})

export function deskGuard(station: Station): CallGuard {
  return {
    method: (method) => {
      if (station.desk.state && deskAccess(method) === 'closed') refuse(method)
    },
    call: (method, input) => {
      const desk = station.desk.state
      if (!desk) return
      switch (deskAccess(method)) {
        case 'open':
          return
        case 'operator':
          return checkOperator(desk, withOperator.parse(input).operator)
        case 'desk-jobs':
          return checkJob(station, method, input)
        case 'exports-folder':
          return checkDestination(method, input)
        case 'closed':
          refuse(method)
      }
    }
  }
}

function refuse(method: MethodName): never {
  fail('DESK_MODE', sentenceFor('DESK_MODE'), { method })
}

function checkOperator(desk: DeskState, operator: string | undefined): void {
  if (operator === undefined) {
    fail('DESK_MODE', 'In desk mode every award names its operator: choose your name first.', {
      field: 'operator'
    })
  }
  const wanted = operator.normalize('NFC')
  if (!desk.operators.some((name) => name.normalize('NFC') === wanted)) {
    fail(
      'DESK_MODE',
      `“${operator}” is not on this desk’s list of operators; choose a name from it.`,
      {
        field: 'operator',
        operators: [...desk.operators]
      }
    )
  }
}

function checkJob(station: Station, method: MethodName, input: unknown): void {
  const kind =
    method === 'jobs:list'
      ? withKind.parse(input).kind
      : station.jobs.get(withJobId.parse(input).jobId).kind
  if (kind === undefined || !DESK_JOB_KINDS.has(kind)) {
    fail(
      'DESK_MODE',
      'In desk mode only the desk’s own batches and certificate exports can be followed.',
      {
        method
      }
    )
  }
}

function checkDestination(method: MethodName, input: unknown): void {
  const { outFile, overwrite } = withDestination.parse(input)
  if (outFile !== undefined || overwrite === true) {
    fail(
      'DESK_MODE',
      'In desk mode certificates go to the station’s exports folder under a new name; name no file.',
      { method, field: 'outFile' }
    )
  }
}
