/**
 * Opens the transport of a target with its opened secret. The network transports (ssh2,
 * basic-ftp, the AWS SDK) are imported when a target of their kind is opened: opening a station
 * (and every CLI command that does not publish) loads none of them.
 */
import { fail } from '../../failure.js'
import type { PublishTarget, TargetSecret } from '../target-store.js'
import { openFolder } from './folder.js'
import type { OpenedTransport } from './transport.js'

export async function openTransport(
  target: PublishTarget,
  secret: TargetSecret | undefined
): Promise<OpenedTransport> {
  switch (target.kind) {
    case 'folder':
      return { transport: openFolder(target.path) }
    case 'sftp': {
      const { openSftp } = await import('./sftp.js')
      return openSftp({
        host: target.host,
        port: target.port,
        user: target.user,
        path: target.path,
        secret,
        pinned: target.pinned
      })
    }
    case 's3': {
      if (!secret || !('secretAccessKey' in secret)) {
        fail('INVALID_INPUT', `The target "${target.name}" has no secret access key saved.`)
      }
      const { openS3 } = await import('./s3.js')
      return openS3({ ...target, secretAccessKey: secret.secretAccessKey })
    }
    case 'ftp': {
      if (!secret || !('password' in secret)) {
        fail('INVALID_INPUT', `The target "${target.name}" has no password saved.`)
      }
      const { openFtp } = await import('./ftp.js')
      return openFtp({ ...target, password: secret.password, pinned: target.pinned })
    }
  }
}
