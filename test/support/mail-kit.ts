/** The CLI's mail set-up for a test SMTP server on 127.0.0.1 (smtp-sink's user; its password goes in KILN_SMTP_PASSWORD). */
import { SINK_USER } from '../../main/core/delivery/test-support/smtp-sink.js'

/** `kiln mail setup` for the server on `port`, logging in as SINK_USER. */
export function mailSetupArgs(port: number, security: 'none' | 'starttls' | 'tls'): string[] {
  return ['mail', 'setup', '--host', '127.0.0.1', '--port', String(port)].concat([
    '--security',
    security,
    '--user',
    SINK_USER,
    '--from',
    'badges@example.org'
  ])
}
