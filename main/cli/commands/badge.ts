/** kiln badge create | update | publish | archive | list | show */
import { readFileSync } from 'node:fs'
import type { Command } from 'commander'
import type { Badge } from '../../../shared/types.js'
import type { MethodInput } from '../../../shared/contract.js'
import { err } from '../../../shared/result.js'
import { call, withCore, type GlobalOptions } from '../context.js'
import { printError, printJson, printLine } from '../output.js'

type FieldOptions = {
  name?: string
  description?: string
  criteria?: string
  criteriaUrl?: string
  image?: string
  design?: string
  tag: string[]
  type?: string
  credits?: string
  validMonths?: string
  fieldOfStudy?: string
  humanCode?: string
  public?: boolean
}

function numberFlag(value: string | undefined, flag: string, json: boolean): number | undefined {
  if (value === undefined) return undefined
  const n = Number(value)
  if (!Number.isFinite(n)) {
    printError(
      err('INVALID_INPUT', `${flag} must be a number, not "${value}".`, { field: flag }).error,
      json
    )
  }
  return n
}

function readFlagFile(file: string, flag: string, json: boolean): Buffer {
  try {
    return readFileSync(file)
  } catch (error) {
    return printError(
      err('UNREADABLE_INPUT', `Cannot read ${file}: ${(error as Error).message}`, { field: flag })
        .error,
      json
    )
  }
}

/** The image flags: --image FILE (PNG/JPEG/SVG) or --design FILE.json, never both. */
function imageFlags(
  options: FieldOptions,
  json: boolean
): { imageBase64?: string; design?: unknown } {
  if (options.image && options.design) {
    printError(
      err('INVALID_INPUT', 'Give either --image or --design, not both.', { field: '--design' })
        .error,
      json
    )
  }
  if (options.image) {
    return { imageBase64: readFlagFile(options.image, '--image', json).toString('base64') }
  }
  if (options.design) {
    const text = readFlagFile(options.design, '--design', json).toString('utf8')
    try {
      return { design: JSON.parse(text) as unknown }
    } catch (error) {
      return printError(
        err('INVALID_INPUT', `${options.design} is not JSON: ${(error as Error).message}`, {
          field: '--design'
        }).error,
        json
      )
    }
  }
  return {}
}

/** The badge fields given on the command line (only those given). */
function fieldFlags(options: FieldOptions, json: boolean): Record<string, unknown> {
  const months = numberFlag(options.validMonths, '--valid-months', json)
  const credits = numberFlag(options.credits, '--credits', json)
  return {
    ...(options.name !== undefined ? { name: options.name } : {}),
    ...(options.description !== undefined ? { description: options.description } : {}),
    ...(options.criteria !== undefined ? { criteriaNarrative: options.criteria } : {}),
    ...(options.criteriaUrl !== undefined ? { criteriaUrl: options.criteriaUrl } : {}),
    ...(options.tag.length > 0 ? { tags: options.tag } : {}),
    ...(options.type !== undefined ? { achievementType: options.type } : {}),
    ...(credits !== undefined ? { creditsAvailable: credits } : {}),
    ...(options.fieldOfStudy !== undefined ? { fieldOfStudy: options.fieldOfStudy } : {}),
    ...(options.humanCode !== undefined ? { humanCode: options.humanCode } : {}),
    ...(options.public !== undefined ? { public: options.public } : {}),
    ...(months !== undefined
      ? { expiry: months === 0 ? { kind: 'never' } : { kind: 'months', months } }
      : {}),
    ...imageFlags(options, json)
  }
}

function fieldOptions(command: Command): Command {
  return command
    .option('--criteria <text>', 'how it is earned (Markdown)')
    .option('--criteria-url <url>', 'a page describing the criteria')
    .option('--image <file>', 'a PNG, JPEG or SVG image (checked and sanitised)')
    .option('--design <file.json>', 'a badge design (JSON, as the designer saves it)')
    .option('--tag <tag>', 'a tag (repeatable)', (v: string, all: string[]) => [...all, v], [])
    .option('--type <type>', 'OB achievementType (Badge, Certificate, Course, … or ext:Name)')
    .option('--credits <n>', 'CE credits available')
    .option('--valid-months <n>', 'credentials expire N months after the award (0: never)')
    .option('--field-of-study <text>', 'field of study')
    .option('--human-code <code>', 'a human-readable code, e.g. SPK-2025')
    .option('--public', 'let search engines index its credential pages (default: noindex)')
    .option('--no-public', 'keep its credential pages out of search engines')
}

function summary(badge: Badge): Record<string, unknown> {
  return {
    id: badge.id,
    name: badge.content.name,
    status: badge.status,
    version: badge.versions.at(-1)?.version ?? null,
    awards: badge.awardCount,
    tags: badge.content.tags,
    achievementType: badge.content.achievementType,
    public: badge.public === true,
    createdAt: badge.createdAt,
    updatedAt: badge.updatedAt
  }
}

export function registerBadgeCommands(program: Command, globals: () => GlobalOptions): void {
  const badge = program
    .command('badge')
    .description('badge definitions: create, publish, archive, list')

  fieldOptions(
    badge
      .command('create')
      .description('create a draft badge (publish it before awarding)')
      .requiredOption('--name <name>', 'badge name')
      .requiredOption('--description <text>', 'what the badge recognises')
  ).action(async (options: FieldOptions) => {
    const g = globals()
    const json = Boolean(g.json)
    const input = {
      tags: [],
      ...fieldFlags(options, json)
    } as unknown as MethodInput<'badges:create'>
    await withCore(g, 'none', async (core) => {
      const created = await call(core, 'badges:create', input, json)
      if (json) printJson({ id: created.id, ...summary(created) })
      else {
        printLine(
          `Created draft badge ${created.id} ("${created.content.name}"). Publish it with: kiln badge publish ${created.id}`
        )
      }
    })
  })

  fieldOptions(
    badge
      .command('update <id>')
      .description('edit a badge: a draft in place; a published badge gets a new version')
      .option('--name <name>', 'badge name')
      .option('--description <text>', 'what the badge recognises')
  ).action(async (id: string, options: FieldOptions) => {
    const g = globals()
    const json = Boolean(g.json)
    const input = { id, ...fieldFlags(options, json) } as unknown as MethodInput<'badges:update'>
    await withCore(g, 'none', async (core) => {
      const updated = await call(core, 'badges:update', input, json)
      if (json) printJson(summary(updated))
      else if (updated.status === 'published') {
        printLine(`Updated ${updated.id}: now version ${updated.versions.at(-1)?.version ?? '-'}.`)
      } else printLine(`Updated draft ${updated.id}.`)
    })
  })

  for (const [verb, method, done] of [
    ['publish', 'badges:publish', 'Published'],
    ['archive', 'badges:archive', 'Archived']
  ] as const) {
    badge
      .command(`${verb} <id>`)
      .description(
        verb === 'publish'
          ? 'freeze the current content as a new version and allow awards'
          : 'stop new awards; existing awards stay valid'
      )
      .action(async (id: string) => {
        const g = globals()
        await withCore(g, 'none', async (core) => {
          const result = await call(core, method, { id }, Boolean(g.json))
          if (g.json) printJson(summary(result))
          else {
            printLine(`${done} ${result.id} (version ${result.versions.at(-1)?.version ?? '-'}).`)
          }
        })
      })
  }

  badge
    .command('list')
    .description('list badges')
    .action(async () => {
      const g = globals()
      await withCore(g, 'none', async (core) => {
        const { badges } = await call(core, 'badges:list', {}, Boolean(g.json))
        if (g.json) printJson({ badges: badges.map(summary) })
        else if (badges.length === 0) {
          printLine('No badges yet. Create one with "kiln badge create".')
        } else {
          for (const b of badges) {
            printLine(`${b.id}\t${b.status}\t${b.awardCount} awards\t${b.content.name}`)
          }
        }
      })
    })

  badge
    .command('show <id>')
    .description('everything about one badge, with its versions')
    .action(async (id: string) => {
      const g = globals()
      await withCore(g, 'none', async (core) => {
        const result = await call(core, 'badges:get', { id }, Boolean(g.json))
        if (g.json) printJson(result)
        else {
          printLine(
            `${result.content.name} (${result.id}) — ${result.status}, ${result.awardCount} awards`
          )
          printLine(result.content.description)
          for (const v of result.versions) {
            printLine(`  version ${v.version} published ${v.publishedAt}`)
          }
        }
      })
    })
}
