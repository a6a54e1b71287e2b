/** The S3, FTP and SMTP test servers, each in its own process (the CLI under test runs synchronously). */
import { mkdirSync, rmSync } from 'node:fs'
import path from 'node:path'
import { spawnBundled, type Child } from '../spawn-bundled.js'
import { selfSignedFiles } from './certificate.js'
import { tempDir } from './net.js'

const here = path.dirname(new URL(import.meta.url).pathname)

export type RunningServer = Readonly<{
  port: number
  dir: string
  /** The server's process id (the benchmark reads its CPU time). */
  pid: number
  stop(): Promise<void>
}>

async function run(entry: string, args: string[], dir: string): Promise<RunningServer> {
  const child: Child = spawnBundled(path.join(here, entry), args)
  const line = await child.waitFor((l) => l.startsWith('ready '))
  return {
    port: Number(line.slice('ready '.length)),
    dir,
    pid: child.process.pid ?? 0,
    async stop() {
      if (child.process.exitCode === null && child.process.signalCode === null) {
        child.process.kill('SIGTERM')
        await child.exited
      }
      rmSync(dir, { recursive: true, force: true })
    }
  }
}

export const S3_ACCESS_KEY_ID = 'KILNTESTACCESSKEY'

/** s3rver with buckets "site" and "other", accepting only S3_ACCESS_KEY_ID / `secret`. */
export function startS3(secret: string): Promise<RunningServer> {
  const dir = tempDir('kiln-s3-')
  return run('s3-child.ts', [dir, S3_ACCESS_KEY_ID, secret], dir)
}

export type FtpServer = RunningServer & Readonly<{ root: string }>

/** ftp-srv serving `<dir>/root` to `user`/`password`; with `tls`, a fresh self-signed certificate. */
export async function startFtp(user: string, password: string, tls = false): Promise<FtpServer> {
  const dir = tempDir('kiln-ftp-')
  const root = path.join(dir, 'root')
  mkdirSync(root)
  const args = [root, user, password]
  if (tls) {
    const { cert, key } = selfSignedFiles(dir)
    args.push(cert, key)
  }
  const server = await run('ftp-child.ts', args, dir)
  return { ...server, root }
}

/** The delivery tests' SMTP server (AUTH with smtp-sink's SINK_USER / SINK_PASSWORD). */
export function startSmtp(): Promise<RunningServer> {
  return run('smtp-child.ts', [], tempDir('kiln-smtp-'))
}
