/**
 * An S3-compatible server (s3rver) in its own process: args DIR ACCESS_KEY_ID SECRET [PORT].
 * Only the given key pair is accepted: s3rver checks the access key id, and the SigV4
 * signature check it lacks runs in front of it (sigv4-check.ts), so a wrong secret key is
 * refused as real services refuse it. Prints "ready <port>" once it listens; stops on SIGTERM.
 */
import { createRequire } from 'node:module'
import S3rver from 's3rver'
import { sigV4Mismatch } from './sigv4-check.js'

const [directory, accessKeyId, secret, portArg] = process.argv.slice(2)
if (!directory || !accessKeyId || !secret) throw new Error('usage: s3-child DIR ID SECRET [PORT]')
const require = createRequire(import.meta.url)
const accounts: unknown = require('s3rver/lib/models/account')
const account =
  typeof accounts === 'function' && 'DUMMY_ACCOUNT' in accounts
    ? (accounts.DUMMY_ACCOUNT as {
        createKeyPair(id: string, s: string): void
        revokeAccessKey(id: string): void
      })
    : undefined
if (!account) throw new Error('s3rver has no account model')
account.createKeyPair(accessKeyId, secret)
account.revokeAccessKey('S3RVER')
const server = new S3rver({
  port: Number(portArg ?? 0),
  address: '127.0.0.1',
  silent: true,
  directory,
  configureBuckets: [
    { name: 'site', configs: [] },
    { name: 'other', configs: [] }
  ]
})
server.middleware.unshift(async (ctx, next) => {
  const mismatch = sigV4Mismatch(ctx.req, (id) => (id === accessKeyId ? secret : undefined))
  if (mismatch === undefined) return next()
  ctx.status = 403
  ctx.type = 'application/xml'
  ctx.body = `<?xml version="1.0" encoding="UTF-8"?>\n<Error><Code>SignatureDoesNotMatch</Code><Message>${mismatch}</Message></Error>`
})
const address = await server.run()
process.stdout.write(`ready ${address.port}\n`)
process.on('SIGTERM', () => {
  void server.close().then(() => process.exit(0))
})
