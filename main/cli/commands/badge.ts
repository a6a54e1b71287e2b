/** kiln badge create | publish | archive | list | show */
import { readFileSync } from 'node:fs'
import type { Command } from 'commander'
import type { Badge } from '../../../shared/types.js'
import type { MethodInput } from '../../../shared/contract.js'
import { err } from '../../../shared/result.js'
import { call, withCore, type GlobalOptions } from '../context.js'
import { printError, printJson, printLine } from '../output.js'

type CreateOptions = {
  name: string
  description: string
  criteria?: string
  criteriaUrl?: string
  image?: string
  tag: string[]
  type: string
  credits?: string
  validMonths?: string
}

function numberFlag(value: string | undefined, flag: string, json: boolean): number | undefined {
  if (value === undefined) return undefined
  const n = Number(value)
  if (!Number.isFinite(n)) printError(err('INVALID_INPUT', `${flag} must be a number, not "${value}".`, { field: flag }).error, json)
  return n
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
    createdAt: badge.createdAt,
    updatedAt: badge.updatedAt
  }
}

export function registerBadgeCommands(program: Command, globals: () => GlobalOptions): void {
  const badge = program.command('badge').description('badge definitions: create, publish, archive, list')

  badge
    .command('create')
    .description('create a draft badge (publish it before awarding)')
    .requiredOption('--name <name>', 'badge name')
    .requiredOption('--description <text>', 'what the badge recognises')
    .option('--criteria <text>', 'how it is earned (Markdown)')
    .option('--criteria-url <url>', 'a page describing the criteria')
    .option('--image <file>', 'a PNG or SVG image (default: a generated rosette)')
    .option('--tag <tag>', 'a tag (repeatable)', (v: string, all: string[]) => [...all, v], [])
    .option('--type <type>', 'OB achievementType (Badge, Certificate, Course, … or ext:Name)', 'Badge')
    .option('--credits <n>', 'CE credits available')
    .option('--valid-months <n>', 'credentials expire N months after the award')
    .action(async (options: CreateOptions) => {
      const g = globals()
      const json = Boolean(g.json)
      let imageBase64: string | undefined
      if (options.image) {
        try {
          imageBase64 = readFileSync(options.image).toString('base64')
        } catch (error) {
          printError(err('UNREADABLE_INPUT', `Cannot read ${options.image}: ${(error as Error).message}`, { field: '--image' }).error, json)
        }
      }
      const months = numberFlag(options.validMonths, '--valid-months', json)
      const credits = numberFlag(options.credits, '--credits', json)
      const input: MethodInput<'badges:create'> = {
        name: options.name,
        description: options.description,
        ...(options.criteria ? { criteriaNarrative: options.criteria } : {}),
        ...(options.criteriaUrl ? { criteriaUrl: options.criteriaUrl } : {}),
        tags: options.tag,
        achievementType: options.type,
        ...(credits !== undefined ? { creditsAvailable: credits } : {}),
        expiry: months !== undefined ? { kind: 'months', months } : { kind: 'never' },
        ...(imageBase64 ? { imageBase64 } : {})
      }
      await withCore(g, 'none', async (core) => {
        const created = await call(core, 'badges:create', input, json)
        if (json) printJson({ id: created.id, ...summary(created) })
        else printLine(`Created draft badge ${created.id} ("${created.content.name}"). Publish it with: kiln badge publish ${created.id}`)
      })
    })

  for (const [verb, method, done] of [
    ['publish', 'badges:publish', 'Published'],
    ['archive', 'badges:archive', 'Archived']
  ] as const) {
    badge
      .command(`${verb} <id>`)
      .description(verb === 'publish' ? 'freeze the current content as a new version and allow awards' : 'stop new awards; existing awards stay valid')
      .action(async (id: string) => {
        const g = globals()
        await withCore(g, 'none', async (core) => {
          const result = await call(core, method, { id }, Boolean(g.json))
          if (g.json) printJson(summary(result))
          else printLine(`${done} ${result.id} (version ${result.versions.at(-1)?.version ?? '-'}).`)
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
        else if (badges.length === 0) printLine('No badges yet. Create one with "kiln badge create".')
        else for (const b of badges) printLine(`${b.id}\t${b.status}\t${b.awardCount} awards\t${b.content.name}`)
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
          printLine(`${result.content.name} (${result.id}) — ${result.status}, ${result.awardCount} awards`)
          printLine(result.content.description)
          for (const v of result.versions) printLine(`  version ${v.version} published ${v.publishedAt}`)
        }
      })
    })
}
