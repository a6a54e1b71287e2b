/**
 * Which contract methods change the station. Every method is listed (the compiler refuses a
 * missing or unknown one), so a new method cannot forget to say. The dispatcher runs 'mutates'
 * methods one after another through the station's mutation queue; 'reads' run at once and never
 * wait for it; 'session' (lock) queues like a change, so a key never changes under a chunk that
 * is signing, but still runs when the station refuses changes (it can always be locked). Starting a long job mutates (it takes the queue briefly to start; each chunk takes it
 * again); following or cancelling a job reads (a cancel must not wait behind the job's chunk).
 *
 * 'connects': the method talks to a server before it changes anything (importing a badge verifies
 * it with its issuer's site, a file's or an OB 2.0 assertion's URL; testing a publish target or
 * the mail server connects, and pins the server's identity — host key, FTPS or SMTP certificate —
 * on first use). It runs at once like a read, so a slow server never holds up the desk, and its
 * handler takes the queue itself for the change (`station.queue.run`), re-checking what it
 * checked before (the duplicate import, the recipient, that the settings still name that server
 * and nothing is pinned yet). desk:leave and station:unlock are ones too, though their slow part
 * is local: the passphrase check (scrypt, and the delay after a wrong one) must not hold up the
 * desk's awards, nor an export that plans while the key is derived (Station.unlock takes the
 * queue itself to replace a key, and runs even when the station refuses changes).
 */
import type { MethodName } from '../../shared/contract.js'

export type MethodKind = 'reads' | 'mutates' | 'session' | 'connects'

export const METHOD_KINDS = {
  'app:info': 'reads',
  'station:status': 'reads',
  'station:init': 'mutates',
  'station:unlock': 'connects',
  'station:lock': 'session',
  'station:updateProfile': 'mutates',
  'station:exportKey': 'mutates',
  'audit:verify': 'reads',
  'backup:create': 'mutates',
  'backup:settings': 'mutates',
  'backup:list': 'reads',
  'host:pickFolder': 'reads',
  'host:revealPath': 'reads',
  'host:openUrl': 'reads',
  'host:checkFolder': 'reads',
  'host:readOutput': 'reads',
  'host:exportPath': 'reads',
  'badges:list': 'reads',
  'badges:get': 'reads',
  'badges:create': 'mutates',
  'badges:update': 'mutates',
  'badges:publish': 'mutates',
  'badges:archive': 'mutates',
  'badges:image': 'reads',
  'badges:uploadImage': 'mutates',
  'badges:renderPreview': 'reads',
  'awards:list': 'reads',
  'awards:issue': 'mutates',
  'awards:revoke': 'mutates',
  'awards:reissue': 'mutates',
  'awards:batchPreview': 'mutates',
  'awards:batchStart': 'mutates',
  'credentials:get': 'reads',
  'credentials:verify': 'reads',
  'credentials:export': 'reads',
  'recipients:list': 'reads',
  'recipients:get': 'reads',
  'recipients:create': 'mutates',
  'recipients:update': 'mutates',
  'recipients:merge': 'mutates',
  'recipients:importPreview': 'reads',
  'recipients:import': 'mutates',
  'jobs:get': 'reads',
  'jobs:list': 'reads',
  'jobs:cancel': 'reads',
  'checkins:import': 'mutates',
  'checkins:list': 'reads',
  'rules:list': 'reads',
  'rules:create': 'mutates',
  'rules:update': 'mutates',
  'rules:delete': 'mutates',
  'rules:run': 'mutates',
  'certificates:preview': 'reads',
  'certificates:export': 'mutates',
  'bundle:export': 'mutates',
  'bundle:verify': 'reads',
  'bundle:status': 'reads',
  'stations:export': 'mutates',
  'stations:merge': 'mutates',
  'keys:list': 'reads',
  'keys:rotate': 'mutates',
  'analytics:summary': 'reads',
  'audit:list': 'reads',
  'publish:targets': 'reads',
  'publish:saveTarget': 'mutates',
  'publish:removeTarget': 'mutates',
  'publish:testTarget': 'connects',
  'publish:start': 'mutates',
  'publish:status': 'reads',
  'publish:settings': 'mutates',
  'mail:settings': 'reads',
  'mail:setup': 'mutates',
  'mail:options': 'mutates',
  'mail:test': 'connects',
  'mail:saveTemplate': 'mutates',
  'mail:resetTemplate': 'mutates',
  'mail:preview': 'reads',
  'outbox:list': 'reads',
  'outbox:get': 'reads',
  'outbox:summary': 'reads',
  'outbox:forAwards': 'reads',
  'outbox:queue': 'mutates',
  'outbox:retry': 'mutates',
  'outbox:cancel': 'mutates',
  'outbox:resend': 'mutates',
  'delivery:start': 'mutates',
  'delivery:plan': 'reads',
  'mailMerge:export': 'reads',
  'recipients:importBadge': 'connects',
  'recipients:importedBadges': 'reads',
  'recipients:removeImportedBadge': 'mutates',
  'site:settings': 'mutates',
  'site:showcase': 'reads',
  'site:setShowcase': 'mutates',
  'desk:enter': 'mutates',
  // Checks the passphrase (scrypt, and a delay after a wrong one) before it takes the queue.
  'desk:leave': 'connects'
} as const satisfies Record<MethodName, MethodKind>

export function methodKind(method: MethodName): MethodKind {
  return METHOD_KINDS[method]
}
