/**
 * kiln export certificates (--badge ID | --awards ID,ID...) --out FILE.pdf [--template classic|modern]
 *   [--page a4|letter] [--zip] [--signer-name N] [--signer-title T] [--signature PNG] [--logo PNG] [--force]
 * kiln export credential AWARD_ID --format pdf --out FILE   (one certificate)
 * kiln verify FILE.pdf                                        (the credentials attached to a certificate)
 */
import { existsSync, readFileSync } from 'node:fs'
import path from 'node:path'
import type { Command } from 'commander'
import { err } from '../../../shared/result.js'
import type {
  CERTIFICATE_PAGE_SIZES as CONTRACT_PAGE_SIZES,
  CERTIFICATE_TEMPLATES as CONTRACT_TEMPLATES
} from '../../../shared/methods/certificates.js'
import type { VerifyOptions } from '../../core/credentials/verify.js'
import { KilnFailure } from '../../core/failure.js'
import { call, exitOnFailure, withCore, type GlobalOptions } from '../context.js'
import { CliExit, printError, printJson, printLine } from '../output.js'
import { waitForJob } from '../jobs.js'

// The contract's lists, repeated here so that registering the flags does not load the contract's
// schemas (zod); the type check below fails the build if they ever differ.
const CERTIFICATE_TEMPLATES = ['classic', 'modern'] as const
const CERTIFICATE_PAGE_SIZES = ['a4', 'letter'] as const
type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false
const _sameLists: Same<typeof CERTIFICATE_TEMPLATES, typeof CONTRACT_TEMPLATES> &
  Same<typeof CERTIFICATE_PAGE_SIZES, typeof CONTRACT_PAGE_SIZES> = true
void _sameLists

type StyleFlags = {
  template?: string
  page?: string
  signerName?: string
  signerTitle?: string
  signature?: string
  logo?: string
}

type Style = {
  template: (typeof CERTIFICATE_TEMPLATES)[number]
  pageSize: (typeof CERTIFICATE_PAGE_SIZES)[number]
  signerName?: string
  signerTitle?: string
  signatureImageBase64?: string
  logoImageBase64?: string
}

function readImageFlag(file: string | undefined, flag: string, json: boolean): string | undefined {
  if (!file) return undefined
  try {
    return readFileSync(file).toString('base64')
  } catch (error) {
    return printError(
      err('UNREADABLE_INPUT', `Cannot read ${file}: ${(error as Error).message}`, { field: flag })
        .error,
      json
    )
  }
}

function styleOf(flags: StyleFlags, json: boolean): Style {
  const template = flags.template ?? 'classic'
  const page = (flags.page ?? 'a4').toLowerCase()
  if (!(CERTIFICATE_TEMPLATES as readonly string[]).includes(template)) {
    printError(
      err('INVALID_INPUT', `--template must be one of ${CERTIFICATE_TEMPLATES.join(', ')}.`, {
        field: '--template'
      }).error,
      json
    )
  }
  if (!(CERTIFICATE_PAGE_SIZES as readonly string[]).includes(page)) {
    printError(
      err('INVALID_INPUT', `--page must be one of ${CERTIFICATE_PAGE_SIZES.join(', ')}.`, {
        field: '--page'
      }).error,
      json
    )
  }
  const signature = readImageFlag(flags.signature, '--signature', json)
  const logo = readImageFlag(flags.logo, '--logo', json)
  return {
    template: template as Style['template'],
    pageSize: page as Style['pageSize'],
    ...(flags.signerName ? { signerName: flags.signerName } : {}),
    ...(flags.signerTitle ? { signerTitle: flags.signerTitle } : {}),
    ...(signature ? { signatureImageBase64: signature } : {}),
    ...(logo ? { logoImageBase64: logo } : {})
  }
}

function withStyleOptions(command: Command): Command {
  return command
    .option('--template <name>', CERTIFICATE_TEMPLATES.join('|'), 'classic')
    .option('--page <size>', CERTIFICATE_PAGE_SIZES.join('|'), 'a4')
    .option('--signer-name <name>', 'the name printed under the signature line')
    .option('--signer-title <title>', 'the signer’s title')
    .option('--signature <png>', 'a PNG or JPEG of the signature')
    .option('--logo <png>', 'a PNG or JPEG of the issuer’s logo')
}

/** `kiln export credential AWARD_ID --format pdf`: one certificate. */
export async function exportCredentialPdf(
  awardId: string,
  options: StyleFlags & { out: string; force?: boolean },
  g: GlobalOptions
): Promise<void> {
  const json = Boolean(g.json)
  const style = styleOf(options, json)
  if (existsSync(options.out) && !options.force) {
    printError(
      err('DESTINATION_EXISTS', `${options.out} exists; use --force to overwrite it.`, {
        field: '--out'
      }).error,
      json
    )
  }
  await withCore(g, 'none', async (core) => {
    const preview = await call(core, 'certificates:preview', { awardId, ...style }, json)
    const bytes = Buffer.from(preview.pdfBase64, 'base64')
    const { writeFileAtomic } = await import('../../core/storage/atomic-write.js')
    await writeFileAtomic(options.out, bytes, { mode: 0o644 })
    if (json) printJson({ file: options.out, mediaType: 'application/pdf', bytes: bytes.length })
    else printLine(`Wrote ${options.out} (application/pdf, ${bytes.length} bytes).`)
  })
}

export function registerCertificateExport(exp: Command, globals: () => GlobalOptions): void {
  withStyleOptions(
    exp
      .command('certificates')
      .description('printable PDF certificates: one PDF with a page per award, or a zip of PDFs')
      .option('--badge <id>', 'every award of this badge (revoked ones are left out)')
      .option('--awards <ids>', 'these awards, comma-separated')
      .requiredOption('--out <file>', 'where to write the .pdf (or .zip with --zip)')
      .option('--zip', 'one PDF per award, in a zip')
      .option('--force', 'overwrite the output file if it exists')
  ).action(
    async (
      options: StyleFlags & {
        badge?: string
        awards?: string
        out: string
        zip?: boolean
        force?: boolean
      }
    ) => {
      const g = globals()
      const json = Boolean(g.json)
      if (Boolean(options.badge) === Boolean(options.awards)) {
        printError(
          err('INVALID_INPUT', 'Give exactly one of --badge or --awards.', { field: '--awards' })
            .error,
          json
        )
      }
      const style = styleOf(options, json)
      const awardIds = options.awards
        ?.split(',')
        .map((s) => s.trim())
        .filter(Boolean)
      await withCore(g, 'none', async (core) => {
        let lastShown = -1
        const state = await waitForJob(
          core,
          'certificates:export',
          async () =>
            (
              await call(
                core,
                'certificates:export',
                {
                  ...style,
                  ...(awardIds ? { awardIds } : { badgeId: options.badge ?? '' }),
                  mode: options.zip ? 'zip' : 'single-pdf',
                  outFile: path.resolve(options.out),
                  overwrite: Boolean(options.force)
                },
                json
              )
            ).jobId,
          {
            json,
            onProgress: (done, total) => {
              const tenth = Math.floor((done / Math.max(1, total)) * 10)
              if (!json && tenth !== lastShown) {
                process.stderr.write(`  ${done}/${total} certificates\n`)
                lastShown = tenth
              }
            }
          }
        )
        const r = state.result
        if (state.state !== 'done' || !r) {
          const code = state.state === 'cancelled' ? 'CANCELLED' : (state.error?.code ?? 'INTERNAL')
          return printError(
            err(code, state.error?.message ?? 'The certificate export did not finish.').error,
            json
          )
        }
        if (json) {
          printJson({ file: r.file, pages: r.pages, bytes: r.bytes, mode: r.mode })
        } else {
          printLine(
            `Wrote ${r.file} (${r.pages} certificate${r.pages === 1 ? '' : 's'}, ${r.bytes} bytes).`
          )
        }
      })
    }
  )
}

/** `kiln verify FILE.pdf`: every credential attached to the certificate must be valid. */
export async function verifyPdfFile(
  file: string,
  bytes: Buffer,
  options: VerifyOptions,
  json: boolean
): Promise<void> {
  const { verifyPdf } = await import('../../core/pdf/verify-pdf.js')
  let result: Awaited<ReturnType<typeof verifyPdf>>
  try {
    result = await verifyPdf(bytes, options)
  } catch (error) {
    if (error instanceof KilnFailure) {
      printError(err(error.code, `${file}: ${error.message}`).error, json)
    }
    exitOnFailure(error, json)
  }
  if (json) {
    const [only] = result.credentials
    if (result.credentials.length === 1 && only) printJson({ file, format: 'pdf', ...only })
    else printJson({ file, format: 'pdf', valid: result.valid, credentials: result.credentials })
  } else {
    for (const report of result.credentials) {
      if (result.credentials.length > 1) printLine(`${report.attachment}:`)
      for (const check of report.checks) {
        printLine(
          `${check.status === 'passed' ? 'ok  ' : check.status === 'failed' ? 'FAIL' : check.status === 'skipped' ? 'skip' : 'warn'}  ${check.id.padEnd(9)} ${check.message}`
        )
      }
    }
    printLine(result.valid ? 'VALID' : 'INVALID')
  }
  if (!result.valid) throw new CliExit(1)
}
