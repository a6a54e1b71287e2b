/**
 * A stand-in for an unpacked Electron distribution (electron-builder's `electronDist` accepts
 * one): the real one cannot be downloaded here. Its `electron` "binary" is a shell script that
 * says what it is, followed by the fuse sentinel and a V1 fuse wire with Electron 45's default
 * states, which is all @electron/fuses reads and writes.
 */
import fs from 'node:fs'
import path from 'node:path'

export const FUSE_SENTINEL = 'dL7pKGdnNz796PbbjQWNKmHXBZaB9tsX'

/** Electron's defaults, fuse by fuse (V1 wire order): '1' enabled, '0' disabled. */
export const DEFAULT_FUSE_WIRE = [
  '1', // RunAsNode
  '0', // EnableCookieEncryption
  '1', // EnableNodeOptionsEnvironmentVariable
  '1', // EnableNodeCliInspectArguments
  '0', // EnableEmbeddedAsarIntegrityValidation
  '0', // OnlyLoadAppFromAsar
  '0', // LoadBrowserProcessSpecificV8Snapshot
  '1' //  GrantFileProtocolExtraPrivileges
]

export function makeStandInElectronDist(dir: string): string {
  fs.mkdirSync(path.join(dir, 'resources'), { recursive: true })
  fs.mkdirSync(path.join(dir, 'locales'), { recursive: true })
  const script = Buffer.from(
    '#!/bin/sh\necho "This is a stand-in for the Electron binary (packaging test)." >&2\nexit 1\n# '
  )
  const wire = Buffer.concat([
    Buffer.from(FUSE_SENTINEL),
    Buffer.from([1, DEFAULT_FUSE_WIRE.length]),
    Buffer.from(DEFAULT_FUSE_WIRE.join('')),
    Buffer.from('\n')
  ])
  fs.writeFileSync(path.join(dir, 'electron'), Buffer.concat([script, wire]), { mode: 0o755 })
  fs.writeFileSync(path.join(dir, 'LICENSE'), 'Stand-in: not Electron.\n')
  fs.writeFileSync(path.join(dir, 'version'), '45.5.0')
  return dir
}
