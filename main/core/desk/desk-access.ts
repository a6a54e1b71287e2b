/**
 * What desk mode leaves open: every contract method is listed (the compiler refuses a missing or
 * unknown one, as in method-kinds.ts), so a new method cannot be forgotten — it is closed to the
 * desk until someone decides otherwise here. The dispatcher refuses a 'closed' method with
 * DESK_MODE while desk mode is on (desk-guard.ts).
 *
 * - 'open': what the desk needs to see and do (status, badges to choose from, people to find,
 *   the awards list, a credential, certificates to preview and print, files it wrote);
 * - 'operator': awarding; the input must name an operator from the desk's list;
 * - 'desk-jobs': following and cancelling jobs, only of the kinds the desk starts (a batch of
 *   awards, a certificate export) — not a bundle export, publishing or sending;
 * - 'exports-folder': certificates are written to the station's exports folder under a fresh
 *   name (then downloaded or shown), never to a path the caller names and never over a file;
 * - 'closed': everything that belongs to the passphrase holder: revoking and reissuing, badges'
 *   design, recipients' records, rules and check-ins, settings, keys, backups, bundles and
 *   station exports, the site, publishing, e-mail, analytics and the audit log.
 *
 * Unlocking stays open (it needs the passphrase; after a restart the holder unlocks the desk;
 * desk-mode.ts: no check while unlocked, a delay after wrong tries); locking too (anyone may
 * lock a station). desk:leave is open: it checks the passphrase itself.
 */
import type { MethodName } from '../../../shared/contract.js'
import type { JobKind } from '../../../shared/methods/jobs.js'

export type DeskAccess = 'open' | 'operator' | 'desk-jobs' | 'exports-folder' | 'closed'

export const DESK_ACCESS = {
  'app:info': 'open',
  'station:status': 'open',
  'station:init': 'closed',
  'station:unlock': 'open',
  'station:lock': 'open',
  'station:updateProfile': 'closed',
  'station:exportKey': 'closed',
  'audit:verify': 'closed',
  'backup:create': 'closed',
  'backup:settings': 'closed',
  'backup:list': 'closed',
  'host:pickFolder': 'open',
  'host:revealPath': 'open',
  'host:openUrl': 'open',
  'host:checkFolder': 'open',
  'host:readOutput': 'open',
  'host:exportPath': 'open',
  'badges:list': 'open',
  'badges:get': 'open',
  'badges:create': 'closed',
  'badges:update': 'closed',
  'badges:publish': 'closed',
  'badges:archive': 'closed',
  'badges:image': 'open',
  'badges:uploadImage': 'closed',
  'badges:renderPreview': 'open',
  'awards:list': 'open',
  'awards:issue': 'operator',
  'awards:revoke': 'closed',
  'awards:reissue': 'closed',
  'awards:batchPreview': 'open',
  'awards:batchStart': 'operator',
  'credentials:get': 'open',
  'credentials:verify': 'open',
  'credentials:export': 'open',
  'recipients:list': 'open',
  'recipients:get': 'open',
  'recipients:create': 'closed',
  'recipients:update': 'closed',
  'recipients:merge': 'closed',
  'recipients:importPreview': 'closed',
  'recipients:import': 'closed',
  'jobs:get': 'desk-jobs',
  'jobs:list': 'desk-jobs',
  'jobs:cancel': 'desk-jobs',
  'checkins:import': 'closed',
  'checkins:list': 'closed',
  'rules:list': 'closed',
  'rules:create': 'closed',
  'rules:update': 'closed',
  'rules:delete': 'closed',
  'rules:run': 'closed',
  'certificates:preview': 'open',
  'certificates:export': 'exports-folder',
  'bundle:export': 'closed',
  'bundle:verify': 'closed',
  'bundle:status': 'closed',
  'stations:export': 'closed',
  'stations:merge': 'closed',
  'keys:list': 'closed',
  'keys:rotate': 'closed',
  'analytics:summary': 'closed',
  'audit:list': 'closed',
  'publish:targets': 'closed',
  'publish:saveTarget': 'closed',
  'publish:removeTarget': 'closed',
  'publish:testTarget': 'closed',
  'publish:start': 'closed',
  'publish:status': 'closed',
  'publish:settings': 'closed',
  'mail:settings': 'closed',
  'mail:setup': 'closed',
  'mail:options': 'closed',
  'mail:test': 'closed',
  'mail:saveTemplate': 'closed',
  'mail:resetTemplate': 'closed',
  'mail:preview': 'closed',
  'outbox:list': 'closed',
  'outbox:get': 'closed',
  'outbox:summary': 'closed',
  // Where the e-mail of an award just made is (queued, sent): the desk's confirmation shows it.
  'outbox:forAwards': 'open',
  'outbox:queue': 'closed',
  'outbox:retry': 'closed',
  'outbox:cancel': 'closed',
  'outbox:resend': 'closed',
  'delivery:start': 'closed',
  'delivery:plan': 'closed',
  'mailMerge:export': 'closed',
  'recipients:importBadge': 'closed',
  'recipients:importedBadges': 'closed',
  'recipients:removeImportedBadge': 'closed',
  'site:settings': 'closed',
  'site:showcase': 'closed',
  'site:setShowcase': 'closed',
  // Changing the operators means leaving desk mode first (with the passphrase).
  'desk:enter': 'closed',
  'desk:leave': 'open'
} as const satisfies Record<MethodName, DeskAccess>

/** The jobs the desk starts, and may follow and cancel. */
const DESK_JOBS: readonly JobKind[] = ['awards:batch', 'certificates:export']
export const DESK_JOB_KINDS: ReadonlySet<string> = new Set<string>(DESK_JOBS)

export function deskAccess(method: MethodName): DeskAccess {
  return DESK_ACCESS[method]
}
