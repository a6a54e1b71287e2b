/** ssh2 is a CommonJS package: its named exports are reached through the default export under ESM. */
import ssh2 from 'ssh2'

export const SshClient = ssh2.Client
export const parseSshKey = ssh2.utils.parseKey
