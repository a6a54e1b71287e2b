/**
 * A temporary system user with a password, for the servers that check passwords against the
 * system's own accounts (sshd's password login, vsftpd's local users through PAM). Only root
 * can make one (CI runs the tests as root); the user's home is a folder of the test, and the
 * user is deleted when the test stops it. Users of killed test runs (their home folder gone)
 * are swept away the next time one is made.
 */
import { spawnSync } from 'node:child_process'
import { randomBytes } from 'node:crypto'
import { chmodSync, chownSync, existsSync, mkdirSync, readFileSync } from 'node:fs'
import path from 'node:path'

export type SystemUser = Readonly<{
  name: string
  password: string
  uid: number
  gid: number
  /** The user's home (and login folder), owned by the user. */
  home: string
  remove(): void
}>

const PREFIX = 'kiln-t-'

function run(command: string, args: string[], input?: string): string | undefined {
  // useradd and userdel lock /etc/passwd; test files running at once may meet there.
  for (let attempt = 0; ; attempt++) {
    const r = spawnSync(command, args, { encoding: 'utf8', ...(input ? { input } : {}) })
    if (r.status === 0) return undefined
    const why = `${command} ${args.join(' ')}: ${r.stderr || r.error?.message || `exit ${r.status}`}`
    if (!/lock|try again/i.test(r.stderr ?? '') || attempt >= 50) return why
    spawnSync('sleep', ['0.1'])
  }
}

/** Users left by test runs that were killed before they could delete them. */
function sweep(): void {
  for (const line of readFileSync('/etc/passwd', 'utf8').split('\n')) {
    const [name, , , , , home] = line.split(':')
    if (name?.startsWith(PREFIX) && home && !existsSync(home)) run('userdel', [name])
  }
}

/** Makes a user whose home is `<dir>/home`; `dir` must be a folder of the test. */
export function createSystemUser(dir: string): SystemUser {
  if (process.getuid?.() !== 0) {
    throw new Error(
      'This test makes a temporary system user with a password (for sshd and vsftpd password logins) and must run as root, as CI does.'
    )
  }
  sweep()
  const name = `${PREFIX}${randomBytes(4).toString('hex')}`
  const password = `pw-${randomBytes(12).toString('base64url')}`
  const home = path.join(dir, 'home')
  // The servers' child processes act as the user: the test folder must let them pass.
  chmodSync(dir, 0o711)
  const made = run('useradd', ['-M', '-d', home, '-s', '/bin/sh', '-U', name])
  if (made) throw new Error(made)
  const set = run('chpasswd', [], `${name}:${password}\n`)
  if (set) {
    run('userdel', [name])
    throw new Error(set)
  }
  const entry = readFileSync('/etc/passwd', 'utf8')
    .split('\n')
    .find((l) => l.startsWith(`${name}:`))
  const [, , uid, gid] = (entry ?? '').split(':')
  mkdirSync(home, { mode: 0o755 })
  chownSync(home, Number(uid), Number(gid))
  return {
    name,
    password,
    uid: Number(uid),
    gid: Number(gid),
    home,
    remove() {
      run('userdel', [name])
    }
  }
}
