import type { ErrorCode, KilnError } from './result.js'

/** One human sentence per stable code: the UI shows these, never a raw error object. */
const SENTENCES: Readonly<Record<ErrorCode, string>> = {
  INVALID_INPUT: 'Some of the information entered is not valid.',
  UNKNOWN_METHOD: 'This version of Kiln does not know that action.',
  NOT_INITIALIZED: 'This station has not been set up yet.',
  ALREADY_INITIALIZED: 'This station is already set up.',
  LOCKED: 'The station is locked. Enter the passphrase to unlock it.',
  WRONG_PASSPHRASE: 'That passphrase is not correct. Nothing was changed.',
  STATION_IN_USE: 'Another Kiln window or command is using this station’s data right now.',
  STORAGE_CORRUPT: 'The station’s data file is damaged. Kiln did not change it; restore a backup.',
  JOURNAL_CORRUPT: 'The award journal is damaged. Kiln did not change it; restore a backup.',
  NOT_FOUND: 'That item does not exist.',
  CONFLICT: 'That change conflicts with the current state.',
  BADGE_NOT_PUBLISHED: 'Publish the badge before awarding it.',
  BADGE_ARCHIVED: 'This badge is archived and accepts no new awards.',
  CREDENTIAL_INVALID: 'The credential did not pass verification.',
  UNREADABLE_INPUT: 'Kiln could not read that file.',
  IMAGE_REJECTED: 'That image cannot be used.',
  CSV_INVALID: 'The CSV file has problems; nothing was imported.',
  BACKUP_INVALID: 'That backup is damaged or incomplete; nothing was restored.',
  DESTINATION_EXISTS: 'The destination already holds data; Kiln will not overwrite it.',
  CANCELLED: 'The job was cancelled; nothing after the last confirmed step was kept.',
  DISK_FULL:
    'The disk is full. Free some space (or choose another disk) and try again; what was confirmed before is kept.',
  STATUS_LISTS_FULL:
    'This station has used every status list it may have, so it cannot issue these awards; nothing was issued. Issue them from another station of the same issuer.',
  NEEDS_DESKTOP_APP:
    'This needs the Kiln desktop app. In the browser, type the folder or open the link yourself.',
  MAIL_NOT_CONFIGURED: 'E-mail is not set up yet. Enter the mail server in Settings → E-mail.',
  MAIL_REFUSED: 'The mail server refused the message.',
  OFFLINE:
    'Kiln could not reach the network. Nothing was changed; try again when the computer is online.',
  UNAUTHORIZED: 'This session is not authorised. Open Kiln from the link it printed.',
  FORBIDDEN: 'This request came from a page Kiln does not trust.',
  TARGET_UNREACHABLE:
    'Kiln could not reach the publish target. Nothing there was changed; try again when online.',
  TARGET_REJECTED: 'The publish target refused the connection or the upload; check its settings.',
  HOST_KEY_CHANGED:
    'The server’s identity changed since it was first pinned. Kiln did not connect; check with its administrator.',
  TARGET_FOREIGN:
    'The publish target holds another site; Kiln will not overwrite it. Choose an empty folder or bucket.',
  PUBLISH_UNVERIFIED:
    'The site was uploaded but reading it back did not match; publish again to repair it.',
  CORE_STOPPED:
    'The station stopped unexpectedly. Restart Kiln; everything that was confirmed is kept.',
  INTERNAL: 'Something unexpected went wrong. Nothing was confirmed that did not finish.'
}

export function sentenceFor(code: ErrorCode): string {
  return SENTENCES[code]
}

/** The sentence for the code, plus the specific message when it adds something. */
export function describeError(error: KilnError): string {
  const base = SENTENCES[error.code]
  return error.message && error.message !== base ? `${base} ${error.message}` : base
}
