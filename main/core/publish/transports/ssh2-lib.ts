/**
 * ssh2 is a CommonJS package (its named exports are reached through the default export under
 * ESM). It is loaded the first time a key is parsed or a connection opened: opening a station
 * (and `kiln status`) publishes nothing.
 */
import type Ssh2 from 'ssh2'
import { lazyRequire } from '../../platform/lazy-require.js'

const ssh2 = lazyRequire<typeof Ssh2>('ssh2')

export function newSshClient(): Ssh2.Client {
  return new (ssh2().Client)()
}

export function parseSshKey(
  ...args: Parameters<typeof Ssh2.utils.parseKey>
): ReturnType<typeof Ssh2.utils.parseKey> {
  return ssh2().utils.parseKey(...args)
}
