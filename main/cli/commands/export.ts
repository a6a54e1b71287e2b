/** kiln export credential AWARD_ID --format ob3|png|svg|ob2 --out FILE */
import { existsSync } from 'node:fs'
import type { Command } from 'commander'
import { err } from '../../../shared/result.js'
import { call, withCore, type GlobalOptions } from '../context.js'
import { printError, printJson, printLine } from '../output.js'
import { exportCredentialPdf, registerCertificateExport } from './certificates.js'

const FORMATS = ['ob3', 'png', 'svg', 'ob2'] as const
type Format = (typeof FORMATS)[number]

export function registerExportCommands(program: Command, globals: () => GlobalOptions): void {
  const exp = program.command('export').description('write credentials and other files')
  exp
    .command('credential <awardId>')
    .description('one credential: ob3 (JSON), png/svg (baked badge image), ob2 (hosted assertion)')
    .requiredOption('--format <format>', FORMATS.join('|') + '|pdf')
    .requiredOption('--out <file>', 'where to write it')
    .option('--force', 'overwrite the output file if it exists')
    .option('--template <name>', 'pdf only: classic|modern')
    .option('--page <size>', 'pdf only: a4|letter')
    .action(
      async (
        awardId: string,
        options: { format: string; out: string; force?: boolean; template?: string; page?: string }
      ) => {
        const g = globals()
        const json = Boolean(g.json)
        if (options.format === 'pdf') return exportCredentialPdf(awardId, options, g)
        if (!(FORMATS as readonly string[]).includes(options.format)) {
          printError(
            err('INVALID_INPUT', `--format must be one of ${FORMATS.join(', ')}.`, {
              field: '--format'
            }).error,
            json
          )
        }
        if (existsSync(options.out) && !options.force) {
          printError(
            err('DESTINATION_EXISTS', `${options.out} exists; use --force to overwrite it.`, {
              field: '--out'
            }).error,
            json
          )
        }
        await withCore(g, 'none', async (core) => {
          const file = await call(
            core,
            'credentials:export',
            { id: awardId, format: options.format as Format },
            json
          )
          const bytes = Buffer.from(file.base64, 'base64')
          const { writeFileAtomic } = await import('../../core/storage/atomic-write.js')
          await writeFileAtomic(options.out, bytes)
          if (json) printJson({ file: options.out, mediaType: file.mediaType, bytes: bytes.length })
          else printLine(`Wrote ${options.out} (${file.mediaType}, ${bytes.length} bytes).`)
        })
      }
    )
  registerCertificateExport(exp, globals)
}
