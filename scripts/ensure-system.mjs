// The tests use a few Debian programs: Chromium for the end-to-end tests (Playwright cannot
// download a browser here), pdftotext (poppler-utils) to read certificates back, qpdf to
// re-save a certificate the way another PDF tool would, the real servers that publishing and
// delivery tests start on 127.0.0.1 (OpenSSH's sshd, and vsftpd for FTPS: the npm FTP server's
// AUTH TLS does not work on Node 20), openssl to make their certificates, and Apache 2.4
// (apache2-bin), which proves the .htaccess that the badge site ships.
// Installs what is missing with apt when we run as root; otherwise says which command to run.
import { existsSync } from 'node:fs'
import { spawnSync } from 'node:child_process'

const chromium = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium'
const onPath = (name) =>
  spawnSync('sh', ['-c', `command -v ${name}`], { stdio: 'ignore' }).status === 0
const wanted = [
  { pkg: 'chromium', present: () => existsSync(chromium) },
  { pkg: 'poppler-utils', present: () => onPath('pdftotext') },
  { pkg: 'qpdf', present: () => onPath('qpdf') },
  { pkg: 'openssh-server', present: () => existsSync('/usr/sbin/sshd') },
  { pkg: 'apache2-bin', present: () => existsSync('/usr/sbin/apache2') },
  { pkg: 'openssl', present: () => onPath('openssl') },
  { pkg: 'vsftpd', present: () => existsSync('/usr/sbin/vsftpd') }
]
const missing = wanted.filter((w) => !w.present()).map((w) => w.pkg)
if (missing.length === 0) process.exit(0)

const isRoot = typeof process.getuid === 'function' && process.getuid() === 0
const hasApt = onPath('apt-get')
if (!isRoot || !hasApt) {
  console.error(
    `tests need: ${missing.join(' ')}. Install them (Debian: sudo apt-get install -y ${missing.join(' ')}).`
  )
  process.exit(1)
}
console.error(`tests: installing ${missing.join(' ')} from Debian (one time)…`)
const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' }
for (const args of [
  ['update', '-qq'],
  ['install', '-y', '-qq', ...missing]
]) {
  const r = spawnSync('apt-get', args, { stdio: 'inherit', env })
  if (r.status !== 0) process.exit(r.status ?? 1)
}
