/** kiln verify FILE [--bundle DIR] [--email E] [--json]: works without a station (and offline). */
import { existsSync, readFileSync } from 'node:fs'
import path from 'node:path'
import type { Command } from 'commander'
import type { VerificationReport } from '../../../shared/types.js'
import { err } from '../../../shared/result.js'
import type { GlobalOptions } from '../context.js'
import { CliExit, printError, printJson, printLine } from '../output.js'
import { verifyPdfFile } from './certificates.js'

/** Finds a status list in a bundle folder by the longest matching tail of its URL path. */
export function bundleResolver(bundleDir: string): (url: string) => Promise<unknown> {
  return async (url) => {
    let segments: string[]
    try {
      segments = new URL(url).pathname.split('/').filter(Boolean).map(decodeURIComponent)
    } catch {
      return undefined
    }
    for (let i = 0; i < segments.length; i++) {
      const candidate = path.join(bundleDir, ...segments.slice(i))
      if (!candidate.startsWith(path.resolve(bundleDir))) continue
      if (existsSync(candidate)) return JSON.parse(readFileSync(candidate, 'utf8')) as unknown
    }
    return undefined
  }
}

/** With a bundle folder: status lists for revocation, and did.json to check the issuer's key is published. */
function bundleResolvers(bundleDir: string): {
  statusListResolver: (url: string) => Promise<unknown>
  issuerDocumentResolver: (url: string) => Promise<unknown>
} {
  const resolve = bundleResolver(bundleDir)
  return { statusListResolver: resolve, issuerDocumentResolver: resolve }
}

const MARK = { passed: 'ok  ', failed: 'FAIL', skipped: 'skip', warning: 'warn' } as const

function printReport(report: VerificationReport): void {
  for (const check of report.checks) {
    printLine(`${MARK[check.status]}  ${check.id.padEnd(9)} ${check.message}`)
  }
  printLine(report.valid ? 'VALID' : 'INVALID')
}

export function registerVerifyCommand(program: Command, globals: () => GlobalOptions): void {
  program
    .command('verify <file>')
    .description(
      'verify a credential: JSON, baked PNG or SVG, or a certificate PDF; exit 0 valid, 1 invalid, 2 unreadable'
    )
    .option('--bundle <dir>', 'a sync bundle folder holding the status lists (for revocation)')
    .option('--email <email>', 'also check that the credential was issued to this e-mail')
    .action(async (file: string, options: { bundle?: string; email?: string }) => {
      const json = Boolean(globals().json)
      let bytes: Buffer
      try {
        bytes = readFileSync(file)
      } catch (error) {
        printError(
          err('UNREADABLE_INPUT', `Cannot read ${file}: ${(error as Error).message}`).error,
          json
        )
      }
      const { isPdf } = await import('../../core/pdf/attachments.js')
      if (isPdf(bytes)) {
        return verifyPdfFile(
          file,
          bytes,
          {
            ...(options.email ? { email: options.email } : {}),
            ...(options.bundle ? bundleResolvers(options.bundle) : {})
          },
          json
        )
      }
      const { unbakeAny } = await import('../../core/baking/detect.js')
      let unbaked: ReturnType<typeof unbakeAny>
      try {
        unbaked = unbakeAny(bytes)
      } catch (error) {
        printError(err('UNREADABLE_INPUT', `${file}: ${(error as Error).message}`).error, json)
      }
      if (!unbaked) {
        printError(
          err('UNREADABLE_INPUT', `${file} is not a credential, a baked PNG or a baked SVG.`).error,
          json
        )
      }
      let credential: unknown
      try {
        credential = JSON.parse(unbaked.credentialText)
      } catch {
        printError(
          err(
            'UNREADABLE_INPUT',
            `${file} holds a credential that is not JSON (a VC-JWT?); Kiln verifies embedded-proof credentials.`
          ).error,
          json
        )
      }
      const { verifyCredential } = await import('../../core/credentials/verify.js')
      const report = await verifyCredential(credential, {
        ...(options.email ? { email: options.email } : {}),
        ...(options.bundle ? bundleResolvers(options.bundle) : {})
      })
      if (json) printJson({ file, format: unbaked.format, ...report })
      else printReport(report)
      if (!report.valid) throw new CliExit(1)
    })
}
