/**
 * Certificates for a test's SMTP server, made by the openssl program as an administrator would:
 * a self-signed one (a self-hosted server), or one signed by a test certificate authority (a
 * server that a CA vouches for: the test makes the CA trusted with NODE_EXTRA_CA_CERTS).
 */
import { spawnSync } from 'node:child_process'
import { X509Certificate } from 'node:crypto'
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import os from 'node:os'
import path from 'node:path'

export type TestCertificate = Readonly<{ cert: Buffer; key: Buffer; fingerprint: string }>

function openssl(args: string[]): void {
  const run = spawnSync('openssl', args, { encoding: 'utf8' })
  if (run.status !== 0) throw new Error(`openssl ${args[0] ?? ''} failed: ${run.stderr}`)
}

function withTempDir<T>(work: (dir: string) => T): T {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'kiln-cert-'))
  try {
    return work(dir)
  } finally {
    rmSync(dir, { recursive: true, force: true })
  }
}

const EC_KEY = ['-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:prime256v1', '-nodes']

/** A server certificate for the address 127.0.0.1, signed by a fresh CA: both, with the CA's PEM. */
export function caSignedCertificate(): TestCertificate & { caPem: Buffer } {
  return withTempDir((dir) => {
    const f = (name: string): string => path.join(dir, name)
    openssl(
      ['req', '-x509', ...EC_KEY, '-keyout', f('ca.key'), '-out', f('ca.pem')].concat(
        ['-days', '2', '-subj', '/CN=Kiln Test CA'],
        ['-addext', 'basicConstraints=critical,CA:TRUE'],
        ['-addext', 'keyUsage=critical,keyCertSign,cRLSign']
      )
    )
    openssl(
      ['req', ...EC_KEY, '-keyout', f('key.pem'), '-out', f('req.csr')].concat([
        '-subj',
        '/CN=127.0.0.1'
      ])
    )
    writeFileSync(
      f('ext.cnf'),
      'basicConstraints=critical,CA:FALSE\nsubjectAltName=IP:127.0.0.1\nextendedKeyUsage=serverAuth\n'
    )
    openssl(
      ['x509', '-req', '-in', f('req.csr'), '-CA', f('ca.pem'), '-CAkey', f('ca.key')].concat([
        '-CAcreateserial',
        '-out',
        f('cert.pem'),
        '-days',
        '2',
        '-extfile',
        f('ext.cnf')
      ])
    )
    const cert = readFileSync(f('cert.pem'))
    return {
      cert,
      key: readFileSync(f('key.pem')),
      fingerprint: `SHA256:${new X509Certificate(cert).fingerprint256}`,
      caPem: readFileSync(f('ca.pem'))
    }
  })
}

/** `name` goes into the subject and the subjectAltName (a DNS name, not the address dialled). */
export function selfSignedCertificate(name = 'mail.example.lan'): TestCertificate {
  return withTempDir((dir) => {
    const certFile = path.join(dir, 'cert.pem')
    const keyFile = path.join(dir, 'key.pem')
    openssl(
      ['req', '-x509', ...EC_KEY, '-keyout', keyFile, '-out', certFile].concat(
        ['-days', '2', '-subj', `/CN=${name}`],
        // A server certificate as Debian's "snakeoil" one is: not a CA.
        ['-addext', 'basicConstraints=critical,CA:FALSE'],
        ['-addext', `subjectAltName=DNS:${name}`]
      )
    )
    const cert = readFileSync(certFile)
    return {
      cert,
      key: readFileSync(keyFile),
      fingerprint: `SHA256:${new X509Certificate(cert).fingerprint256}`
    }
  })
}
