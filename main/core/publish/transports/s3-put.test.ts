/**
 * The upload path of the S3 transport against a real S3-compatible server (s3rver in its own
 * process, in front of which the test server checks SigV4 signatures): keys with characters
 * that need encoding arrive under their own name with their headers (the signature of each
 * checks out), and a wrong secret key or a missing bucket comes back as S3's own error code.
 * (s3rver does not check a body against its declared SHA-256 as S3 does, so that is not
 * tested here.)
 */
import { createHash } from 'node:crypto'
import http from 'node:http'
import { GetObjectCommand, type S3Client } from '@aws-sdk/client-s3'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import {
  S3_ACCESS_KEY_ID,
  startS3,
  type RunningServer
} from '../../../../test/support/servers/children.js'
import { s3Client } from '../../../../test/support/servers/download.js'
import { removeBundles } from '../../../../test/support/spawn-bundled.js'
import { S3PutError, s3Put, type Put } from './s3-put.js'

const SECRET = 's3-put-test-secret'
let server: RunningServer
let client: S3Client
const agent = new http.Agent({ keepAlive: true, maxSockets: 4 })

beforeAll(async () => {
  server = await startS3(SECRET)
  client = s3Client(server.port, S3_ACCESS_KEY_ID, SECRET)
})
afterAll(async () => {
  client?.destroy()
  agent.destroy()
  await server?.stop()
  removeBundles()
})

function putter(secret = SECRET, bucket = 'site'): Put {
  return s3Put({
    endpoint: `http://127.0.0.1:${server.port}`,
    region: 'us-east-1',
    bucket,
    pathStyle: true,
    accessKeyId: S3_ACCESS_KEY_ID,
    secretAccessKey: secret,
    agent,
    requestTimeoutMs: 30_000
  })
}

const sha = (b: Buffer): string => createHash('sha256').update(b).digest('hex')
const headers = { contentType: 'application/vc+ld+json', cacheControl: 'public, max-age=60' }

describe('s3Put', () => {
  it('stores objects under their exact keys, with their headers, whatever characters they hold', async () => {
    const put = putter()
    const keys = [
      'badges/credentials/urn:uuid:5f1c.json',
      "badges/achievements/Café & Co (2026) 'v2'!*.json",
      'badges/a+b=c;d,e@f$g.json',
      'badges/ünïcödé/日本語.json',
      'badges/spaces and %41 percent.json'
    ]
    for (const key of keys) {
      const body = Buffer.from(`{"key":${JSON.stringify(key)}}`)
      await put(key, body, sha(body), headers)
      const got = await client.send(new GetObjectCommand({ Bucket: 'site', Key: key }))
      expect(Buffer.from((await got.Body?.transformToByteArray()) ?? []).toString()).toBe(
        body.toString()
      )
      expect(got.ContentType).toBe(headers.contentType)
      expect(got.CacheControl).toBe(headers.cacheControl)
    }
  })

  it('gives S3’s own error code for a wrong secret key and a missing bucket', async () => {
    const body = Buffer.from('x')
    const wrong = await putter('not-the-secret')('badges/x.json', body, sha(body), headers).catch(
      (e: unknown) => e
    )
    expect(wrong).toBeInstanceOf(S3PutError)
    expect(wrong).toMatchObject({ name: 'SignatureDoesNotMatch', status: 403 })
    const noBucket = await putter(SECRET, 'no-such-bucket')(
      'x.json',
      body,
      sha(body),
      headers
    ).catch((e: unknown) => e)
    expect(noBucket).toMatchObject({ name: 'NoSuchBucket', status: 404 })
  })
})
