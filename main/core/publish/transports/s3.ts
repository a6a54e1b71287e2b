/**
 * An S3-compatible target (AWS S3, Cloudflare R2, Backblaze B2, MinIO, …) through the AWS
 * SDK: every object under the target's prefix, stored with its Content-Type and
 * Cache-Control. Checksums are sent only where the API requires them, which every
 * S3-compatible service accepts. Uploads go through s3-put.ts (the SDK's signer without its
 * per-command cost), on the same keep-alive sockets as the client's reads and deletions.
 */
import { Agent } from 'node:https'
import { Agent as HttpAgent } from 'node:http'
import {
  DeleteObjectCommand,
  GetObjectCommand,
  ListObjectsV2Command,
  S3Client,
  S3ServiceException
} from '@aws-sdk/client-s3'
import { assertSitePath } from '../site-paths.js'
import { loginRefused, transportFailure } from './errors.js'
import { S3PutError, s3Put } from './s3-put.js'
import type { OpenedTransport } from './transport.js'

export type S3Options = Readonly<{
  endpoint: string
  region: string
  bucket: string
  prefix: string
  pathStyle: boolean
  accessKeyId: string
  secretAccessKey: string
}>

const CONCURRENCY = 32

/** The prefix as a key prefix: no leading slash, one trailing slash (or empty for the bucket root). */
export function normalisePrefix(prefix: string): string {
  const trimmed = prefix.replace(/^\/+/, '').replace(/\/+$/, '')
  return trimmed === '' ? '' : `${trimmed}/`
}

function isMissing(error: unknown): boolean {
  return (
    error instanceof S3ServiceException &&
    (error.name === 'NoSuchKey' ||
      error.name === 'NotFound' ||
      error.$metadata.httpStatusCode === 404)
  )
}

/** The service did not accept the key pair (or the key has no right to the bucket). */
function isRefused(error: unknown): boolean {
  if (error instanceof S3PutError) return REFUSED.has(error.name) || error.status === 403
  return (
    error instanceof S3ServiceException &&
    (REFUSED.has(error.name) || error.$metadata.httpStatusCode === 403)
  )
}
const REFUSED = new Set([
  'SignatureDoesNotMatch',
  'InvalidAccessKeyId',
  'AccessDenied',
  'InvalidToken',
  'ExpiredToken'
])

export async function openS3(options: S3Options): Promise<OpenedTransport> {
  const prefix = normalisePrefix(options.prefix)
  const where = `s3://${options.bucket}/${prefix} at ${options.endpoint}`
  const agentOptions = { keepAlive: true, maxSockets: CONCURRENCY }
  const httpAgent = new HttpAgent(agentOptions)
  const httpsAgent = new Agent(agentOptions)
  const put = s3Put({
    ...options,
    agent: new URL(options.endpoint).protocol === 'https:' ? httpsAgent : httpAgent,
    requestTimeoutMs: 60_000
  })
  const client = new S3Client({
    endpoint: options.endpoint,
    region: options.region,
    forcePathStyle: options.pathStyle,
    credentials: { accessKeyId: options.accessKeyId, secretAccessKey: options.secretAccessKey },
    requestChecksumCalculation: 'WHEN_REQUIRED',
    responseChecksumValidation: 'WHEN_REQUIRED',
    maxAttempts: 3,
    requestHandler: {
      httpAgent,
      httpsAgent,
      connectionTimeout: 15_000,
      requestTimeout: 60_000
    }
  })
  const key = (p: string): string => prefix + assertSitePath(p)
  const wrap = async <T>(what: string, run: () => Promise<T>): Promise<T> => {
    try {
      return await run()
    } catch (error) {
      if (isRefused(error)) {
        throw loginRefused(
          where,
          'access key id and secret access key (and the key’s rights on the bucket)',
          error
        )
      }
      throw transportFailure(error, what, where)
    }
  }
  return {
    transport: {
      concurrency: CONCURRENCY,
      read: (p) =>
        wrap('read from', async () => {
          try {
            const out = await client.send(
              new GetObjectCommand({ Bucket: options.bucket, Key: key(p) })
            )
            return out.Body ? Buffer.from(await out.Body.transformToByteArray()) : Buffer.alloc(0)
          } catch (error) {
            if (isMissing(error)) return undefined
            throw error
          }
        }),
      put: (p, data, headers, sha256) =>
        wrap('upload to', () => put(key(p), data, sha256, headers)),
      remove: (p) =>
        wrap('delete on', async () => {
          await client.send(new DeleteObjectCommand({ Bucket: options.bucket, Key: key(p) }))
        }),
      isEmpty: () =>
        wrap('list', async () => {
          const out = await client.send(
            new ListObjectsV2Command({
              Bucket: options.bucket,
              ...(prefix ? { Prefix: prefix } : {}),
              MaxKeys: 1
            })
          )
          return (out.KeyCount ?? out.Contents?.length ?? 0) === 0
        }),
      close: async () => {
        client.destroy()
        httpAgent.destroy()
        httpsAgent.destroy()
      }
    }
  }
}
