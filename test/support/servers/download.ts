/**
 * What a visitor would get: every file of the published site read back through the server's
 * own protocol (S3 GetObject, SFTP, FTP) into a temp folder, which `kiln bundle verify` and
 * `kiln verify --bundle` then check.
 */
import { mkdirSync, writeFileSync } from 'node:fs'
import path from 'node:path'
import { GetObjectCommand, ListObjectsV2Command, S3Client } from '@aws-sdk/client-s3'
import { Client as FtpClient } from 'basic-ftp'
import ssh2 from 'ssh2'
import type { SFTPWrapper } from 'ssh2'
import { readFileSync } from 'node:fs'

function save(dir: string, rel: string, data: Uint8Array): void {
  const file = path.join(dir, ...rel.split('/'))
  mkdirSync(path.dirname(file), { recursive: true })
  writeFileSync(file, data)
}

export type S3Object = Readonly<{ key: string; contentType?: string; cacheControl?: string }>

export function s3Client(port: number, accessKeyId: string, secretAccessKey: string): S3Client {
  return new S3Client({
    endpoint: `http://127.0.0.1:${port}`,
    region: 'us-east-1',
    forcePathStyle: true,
    credentials: { accessKeyId, secretAccessKey },
    requestChecksumCalculation: 'WHEN_REQUIRED',
    responseChecksumValidation: 'WHEN_REQUIRED'
  })
}

export async function listS3(client: S3Client, bucket: string, prefix = ''): Promise<string[]> {
  const keys: string[] = []
  let token: string | undefined
  do {
    const page = await client.send(
      new ListObjectsV2Command({ Bucket: bucket, Prefix: prefix, ContinuationToken: token })
    )
    for (const o of page.Contents ?? []) if (o.Key) keys.push(o.Key)
    token = page.IsTruncated ? page.NextContinuationToken : undefined
  } while (token)
  return keys.sort()
}

/** Downloads every object under `prefix` to `out`; returns each object's headers. */
export async function downloadS3(
  client: S3Client,
  bucket: string,
  prefix: string,
  out: string
): Promise<S3Object[]> {
  const objects: S3Object[] = []
  for (const key of await listS3(client, bucket, prefix)) {
    const got = await client.send(new GetObjectCommand({ Bucket: bucket, Key: key }))
    save(
      out,
      key.slice(prefix.length),
      await (got.Body?.transformToByteArray() ?? new Uint8Array())
    )
    objects.push({
      key,
      ...(got.ContentType ? { contentType: got.ContentType } : {}),
      ...(got.CacheControl ? { cacheControl: got.CacheControl } : {})
    })
  }
  return objects
}

function sftpOf(
  host: string,
  port: number,
  user: string,
  keyFile: string
): Promise<{ sftp: SFTPWrapper; end(): void }> {
  const client = new ssh2.Client()
  return new Promise((resolve, reject) => {
    client
      .on('ready', () =>
        client.sftp((err, sftp) => (err ? reject(err) : resolve({ sftp, end: () => client.end() })))
      )
      .on('error', reject)
      .connect({ host, port, username: user, privateKey: readFileSync(keyFile) })
  })
}

/** Downloads the tree under `root` over SFTP to `out`. */
export async function downloadSftp(
  server: Readonly<{ host: string; port: number; user: string; clientKey: string }>,
  root: string,
  out: string
): Promise<number> {
  const { sftp, end } = await sftpOf(server.host, server.port, server.user, server.clientKey)
  let count = 0
  const walk = async (dir: string, rel: string): Promise<void> => {
    const list = await new Promise<{ filename: string; longname: string }[]>((resolve, reject) =>
      sftp.readdir(dir, (err, l) => (err ? reject(err) : resolve(l)))
    )
    for (const entry of list) {
      const child = `${dir}/${entry.filename}`
      const childRel = rel ? `${rel}/${entry.filename}` : entry.filename
      if (entry.longname.startsWith('d')) await walk(child, childRel)
      else {
        const data = await new Promise<Buffer>((resolve, reject) =>
          sftp.readFile(child, (err, d) => (err ? reject(err) : resolve(d)))
        )
        save(out, childRel, data)
        count++
      }
    }
  }
  try {
    await walk(root, '')
  } finally {
    end()
  }
  return count
}

/** Downloads the tree under `root` over FTP (FTPS with `secure`) to `out`. */
export async function downloadFtp(
  options: Readonly<{ port: number; user: string; password: string; secure: boolean }>,
  root: string,
  out: string
): Promise<void> {
  const client = new FtpClient(30_000)
  try {
    await client.access({
      host: '127.0.0.1',
      port: options.port,
      user: options.user,
      password: options.password,
      secure: options.secure,
      secureOptions: { rejectUnauthorized: false }
    })
    await client.downloadToDir(out, root)
  } finally {
    client.close()
  }
}
