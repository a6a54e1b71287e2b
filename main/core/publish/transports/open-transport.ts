/** Opens the transport of a target with its opened secret. */
import { fail } from '../../failure.js'
import type { PublishTarget, TargetSecret } from '../target-store.js'
import { openFolder } from './folder.js'
import { openFtp } from './ftp.js'
import { openS3 } from './s3.js'
import { openSftp } from './sftp.js'
import type { OpenedTransport } from './transport.js'

export async function openTransport(
  target: PublishTarget,
  secret: TargetSecret | undefined
): Promise<OpenedTransport> {
  switch (target.kind) {
    case 'folder':
      return { transport: openFolder(target.path) }
    case 'sftp':
      return openSftp({
        host: target.host,
        port: target.port,
        user: target.user,
        path: target.path,
        secret,
        pinned: target.pinned
      })
    case 's3': {
      if (!secret || !('secretAccessKey' in secret)) {
        fail('INVALID_INPUT', `The target "${target.name}" has no secret access key saved.`)
      }
      return openS3({ ...target, secretAccessKey: secret.secretAccessKey })
    }
    case 'ftp': {
      if (!secret || !('password' in secret)) {
        fail('INVALID_INPUT', `The target "${target.name}" has no password saved.`)
      }
      return openFtp({ ...target, password: secret.password, pinned: target.pinned })
    }
  }
}
