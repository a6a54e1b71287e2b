/** Fingerprints as people compare them: OpenSSH's "SHA256:…" for host keys, hex pairs for certificates. */
import { createHash } from 'node:crypto'

/** "ssh-ed25519 SHA256:base64" for an SSH public key blob (the form `ssh-keygen -l` prints). */
export function sshFingerprint(blob: Buffer): string {
  const len = blob.length >= 4 ? blob.readUInt32BE(0) : 0
  const type =
    len > 0 && len < 64 && blob.length >= 4 + len
      ? blob.subarray(4, 4 + len).toString('latin1')
      : 'key'
  const hash = createHash('sha256').update(blob).digest('base64').replace(/=+$/, '')
  return `${type} SHA256:${hash}`
}
