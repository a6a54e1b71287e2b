/**
 * kiln site settings [--language en|de|fr|es] [--brand-color C] [--accent-color C] [--logo FILE]
 *                    [--no-logo] [--linkedin-org ID] [--json]
 * kiln site showcase RECIPIENT_ID [--order ID,ID...] [--hide ID,ID...] [--json]
 * The badge site's look (used by the next `kiln export bundle`), and a recipient's personal page:
 * its address and the order and visibility of their badges on it.
 */
import { readFileSync } from 'node:fs'
import type { Command } from 'commander'
import { err } from '../../../shared/result.js'
import type { MethodInput } from '../../../shared/contract.js'
import type { Showcase, SiteSettingsView } from '../../../shared/methods/site.js'
import { isSiteLanguage, SITE_LANGUAGES } from '../../../shared/site-languages.js'
import { call, withCore, type GlobalOptions } from '../context.js'
import { printError, printJson, printLine } from '../output.js'

type SettingsFlags = {
  language?: string
  brandColor?: string
  accentColor?: string
  logo?: string | false
  linkedinOrg?: string
}

function printSettings(view: SiteSettingsView): void {
  const s = view.settings
  printLine(`Language: ${s.language}`)
  printLine(`Brand colour: ${s.brandColor ?? `${view.defaults.brandColor} (default)`}`)
  printLine(`Accent colour: ${s.accentColor ?? `${view.defaults.accentColor} (default)`}`)
  printLine(`Logo: ${s.logoSha256 ?? 'none'}`)
  printLine(
    `LinkedIn organisation: ${s.linkedInOrganizationId ?? 'none (the issuer name is used)'}`
  )
}

function printShowcase(s: Showcase): void {
  printLine(`Personal page of ${s.name}: ${s.pageUrl}`)
  if (s.badges.length === 0) printLine('No active badges.')
  for (const b of s.badges) {
    printLine(`  ${b.hidden ? 'hidden ' : 'shown  '} ${b.awardId}  ${b.badgeName}  ${b.issuedAt}`)
  }
}

const list = (value: string | undefined): string[] =>
  (value ?? '')
    .split(',')
    .map((s) => s.trim())
    .filter((s) => s !== '')

export function registerSiteCommands(program: Command, globals: () => GlobalOptions): void {
  const site = program.command('site').description('the badge site: its look and personal pages')

  site
    .command('settings')
    .description(
      'show or change the badge site’s language, colours, logo and LinkedIn organisation'
    )
    .option('--language <code>', 'language of the site’s texts: en, de, fr or es')
    .option('--brand-color <#rrggbb>', 'the issuer’s main colour (page header)')
    .option('--accent-color <#rrggbb>', 'the second colour (focus rings)')
    .option('--logo <file>', 'the issuer’s logo (PNG, JPEG or SVG)')
    .option('--no-logo', 'remove the logo')
    .option('--linkedin-org <id>', 'LinkedIn’s numeric company id for “Add to profile” links')
    .action(async (options: SettingsFlags) => {
      const g = globals()
      const json = Boolean(g.json)
      const language = options.language
      if (language !== undefined && !isSiteLanguage(language)) {
        printError(
          err('INVALID_INPUT', `--language must be one of ${SITE_LANGUAGES.join(', ')}.`, {
            field: '--language'
          }).error,
          json
        )
      }
      await withCore(g, 'none', async (core) => {
        const input: MethodInput<'site:settings'> = {
          ...(language !== undefined ? { language } : {}),
          ...(options.brandColor !== undefined ? { brandColor: options.brandColor } : {}),
          ...(options.accentColor !== undefined ? { accentColor: options.accentColor } : {}),
          ...(options.linkedinOrg !== undefined
            ? { linkedInOrganizationId: options.linkedinOrg }
            : {}),
          ...(options.logo === false ? { logoSha256: null } : {})
        }
        if (typeof options.logo === 'string') {
          let bytes: Buffer
          try {
            bytes = readFileSync(options.logo)
          } catch (error) {
            return printError(
              err('UNREADABLE_INPUT', `Cannot read ${options.logo}: ${(error as Error).message}`, {
                field: '--logo'
              }).error,
              json
            )
          }
          const stored = await call(
            core,
            'badges:uploadImage',
            { imageBase64: bytes.toString('base64') },
            json
          )
          input.logoSha256 = stored.sha256
        }
        const view = await call(core, 'site:settings', input, json)
        if (json) printJson(view)
        else printSettings(view)
      })
    })

  site
    .command('showcase <recipient>')
    .description('show a recipient’s personal page address, or set the order and hidden badges')
    .option('--order <ids>', 'award ids, comma-separated, in the order the page shows them')
    .option('--hide <ids>', 'award ids, comma-separated, the page leaves out (--hide "" shows all)')
    .action(async (recipient: string, options: { order?: string; hide?: string }) => {
      const g = globals()
      const json = Boolean(g.json)
      await withCore(g, 'none', async (core) => {
        let showcase = await call(core, 'site:showcase', { recipientId: recipient }, json)
        if (options.order !== undefined || options.hide !== undefined) {
          showcase = await call(
            core,
            'site:setShowcase',
            {
              recipientId: recipient,
              order:
                options.order !== undefined
                  ? list(options.order)
                  : showcase.badges.map((b) => b.awardId),
              hidden:
                options.hide !== undefined
                  ? list(options.hide)
                  : showcase.badges.filter((b) => b.hidden).map((b) => b.awardId)
            },
            json
          )
        }
        if (json) printJson(showcase)
        else printShowcase(showcase)
      })
    })
}
