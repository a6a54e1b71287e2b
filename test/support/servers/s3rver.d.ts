/** The part of s3rver (an S3-compatible test server, no types of its own) the tests use. */
declare module 's3rver' {
  import type { IncomingMessage } from 'node:http'

  /** The part of a Koa context (s3rver is a Koa app) the tests' middleware uses. */
  export type KoaContext = { req: IncomingMessage; status: number; body: unknown; type: string }
  export type KoaMiddleware = (ctx: KoaContext, next: () => Promise<void>) => Promise<void>

  export default class S3rver {
    constructor(options: {
      port?: number
      address?: string
      silent?: boolean
      directory: string
      configureBuckets?: { name: string; configs: unknown[] }[]
    })
    /** Koa's middleware stack, run in order for each request. */
    middleware: KoaMiddleware[]
    run(): Promise<{ address: string; port: number }>
    close(): Promise<void>
  }
}
