/** A self-signed certificate for a test server on 127.0.0.1, made by openssl into a folder. */
import { spawnSync } from 'node:child_process'
import { X509Certificate } from 'node:crypto'
import { readFileSync } from 'node:fs'
import path from 'node:path'

export type CertificateFiles = Readonly<{
  cert: string
  key: string
  /** The certificate's SHA-256 as Node prints it ("SHA256:AB:CD:…"). */
  fingerprint: string
}>

/** Writes `cert.pem` and `key.pem` (P-256, two days, CN=127.0.0.1) into `dir`. */
export function selfSignedFiles(dir: string): CertificateFiles {
  const cert = path.join(dir, 'cert.pem')
  const key = path.join(dir, 'key.pem')
  const r = spawnSync(
    'openssl',
    [
      'req',
      '-x509',
      '-newkey',
      'ec',
      '-pkeyopt',
      'ec_paramgen_curve:prime256v1',
      '-nodes',
      '-keyout',
      key,
      '-out',
      cert,
      '-days',
      '2',
      '-subj',
      '/CN=127.0.0.1'
    ],
    { encoding: 'utf8' }
  )
  if (r.status !== 0) throw new Error(`openssl failed: ${r.stderr}`)
  const fingerprint = new X509Certificate(readFileSync(cert)).fingerprint256
  return { cert, key, fingerprint: `SHA256:${fingerprint}` }
}
