/** kiln checkins import | list, kiln rules list | create | enable | disable | delete | run */
import { readFileSync } from 'node:fs'
import type { Command } from 'commander'
import type { MethodInput } from '../../../shared/contract.js'
import type { Rule, RuleRun, RulesRunResult } from '../../../shared/rules-types.js'
import { err } from '../../../shared/result.js'
import { call, withCore, type GlobalOptions } from '../context.js'
import { CliExit, printError, printJson, printLine } from '../output.js'

type CreateOptions = {
  name: string
  award: string
  kind: string
  minSessions?: string
  tag?: string
  requires: string[]
  minCredits?: string
  from: string[]
  disabled?: boolean
}

const collect = (v: string, all: string[]): string[] => [
  ...all,
  ...v
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean)
]

function numberFlag(value: string | undefined, flag: string, json: boolean): number {
  const n = Number(value)
  if (value === undefined || value.trim() === '' || !Number.isFinite(n)) {
    printError(
      err(
        'INVALID_INPUT',
        `${flag} must be a number${value === undefined ? '' : `, not "${value}"`}.`,
        { field: flag }
      ).error,
      json
    )
  }
  return n
}

function ruleInput(o: CreateOptions, json: boolean): MethodInput<'rules:create'> {
  const common = { name: o.name, awardBadgeId: o.award, enabled: !o.disabled }
  switch (o.kind) {
    case 'attendance':
      if (!o.tag) {
        printError(
          err('INVALID_INPUT', 'An attendance rule needs --tag.', { field: '--tag' }).error,
          json
        )
      }
      return {
        ...common,
        kind: 'attendance',
        minSessions: numberFlag(o.minSessions, '--min-sessions', json),
        tag: o.tag
      }
    case 'pathway':
      return { ...common, kind: 'pathway', requiredBadgeIds: o.requires }
    case 'credits':
      return {
        ...common,
        kind: 'credits',
        minCredits: numberFlag(o.minCredits, '--min-credits', json),
        ...(o.from.length > 0 ? { fromBadgeIds: o.from } : {})
      }
    default:
      return printError(
        err('INVALID_INPUT', `--kind must be attendance, pathway or credits, not "${o.kind}".`, {
          field: '--kind'
        }).error,
        json
      )
  }
}

export function describeRule(r: Rule): string {
  const what =
    r.kind === 'attendance'
      ? `attended ≥ ${r.minSessions} sessions tagged "${r.tag}"`
      : r.kind === 'pathway'
        ? `holds ${r.requiredBadgeIds.join(' + ')}`
        : `≥ ${r.minCredits} credits${r.fromBadgeIds ? ` from ${r.fromBadgeIds.join(', ')}` : ''}`
  return `${r.id}\t${r.enabled ? 'enabled' : 'disabled'}\t${what} → ${r.awardBadgeId}\t${r.name}`
}

function printRun(run: RuleRun): void {
  const people = run.dryRun ? run.wouldAward : run.awarded
  const verb = run.dryRun ? 'would award' : 'awarded'
  printLine(
    `${run.ruleName} (${run.ruleId}): ${verb} ${people.length}, skipped ${run.skipped.length}${run.error ? ` — ${run.error.message}` : ''}`
  )
  for (const p of people) {
    printLine(`  ${p.name} <${p.recipientEmail}>${p.awardId ? ` ${p.awardId}` : ''}`)
  }
  for (const s of run.skipped.filter((x) => x.reason !== 'already-holds')) {
    printLine(
      `  skipped ${s.name} <${s.recipientEmail || s.memberId || '?'}>: ${s.message ?? s.reason}`
    )
  }
}

function printRuns(result: RulesRunResult): void {
  if (result.runs.length === 0) {
    printLine('No rules to run (create one with "kiln rules create", or enable one).')
  }
  for (const run of result.runs) printRun(run)
}

export function registerRuleCommands(program: Command, globals: () => GlobalOptions): void {
  const checkins = program.command('checkins').description('attendance check-ins that rules count')
  checkins
    .command('import <file>')
    .description('import check-ins from CSV (e-mail and/or member id, name, session, tags, date)')
    .option('--accept-valid-rows', 'import the valid rows even if some are rejected')
    .option('--dry-run', 'check the file and report, write nothing')
    .option('--operator <name>', 'who is importing (shown in the audit log)')
    .action(
      async (
        file: string,
        o: { acceptValidRows?: boolean; dryRun?: boolean; operator?: string }
      ) => {
        const g = globals()
        const json = Boolean(g.json)
        let bytes: Buffer = Buffer.alloc(0)
        try {
          bytes = readFileSync(file)
        } catch (error) {
          printError(
            err('UNREADABLE_INPUT', `Cannot read ${file}: ${(error as Error).message}`, {
              field: 'file'
            }).error,
            json
          )
        }
        await withCore(g, 'if-given', async (core) => {
          const result = await call(
            core,
            'checkins:import',
            {
              csvBase64: bytes.toString('base64'),
              acceptValidRows: Boolean(o.acceptValidRows),
              dryRun: Boolean(o.dryRun),
              ...(o.operator ? { operator: o.operator } : {})
            },
            json
          )
          if (json) printJson(result)
          else {
            const verb = result.committed ? 'Imported' : 'Would import'
            printLine(
              `${verb} ${result.imported} check-ins (${result.duplicates} duplicates, ${result.rejected.length} rejected rows).`
            )
            for (const r of result.rejected) {
              process.stderr.write(`  row ${r.row}: ${r.field}: ${r.message}\n`)
            }
            if (result.autoRun) printRuns(result.autoRun)
          }
          if (!result.committed && !o.dryRun) {
            if (!json) {
              process.stderr.write(
                'kiln: nothing was imported; fix the rows or use --accept-valid-rows.\n'
              )
            }
            throw new CliExit(2)
          }
        })
      }
    )
  checkins
    .command('list')
    .description('list check-ins')
    .option('--email <email>', 'only this person’s')
    .action(async (o: { email?: string }) => {
      const g = globals()
      await withCore(g, 'none', async (core) => {
        const result = await call(
          core,
          'checkins:list',
          o.email ? { recipientEmail: o.email } : {},
          Boolean(g.json)
        )
        if (g.json) printJson(result)
        else {
          for (const c of result.checkins) {
            printLine(
              `${c.date}\t${c.recipientEmail ?? c.memberId ?? ''}\t${c.session}\t${c.tags.join('; ')}`
            )
          }
        }
      })
    })

  const rules = program.command('rules').description('automatic awarding rules')
  rules
    .command('list')
    .description('list rules')
    .action(async () => {
      const g = globals()
      await withCore(g, 'none', async (core) => {
        const result = await call(core, 'rules:list', {}, Boolean(g.json))
        if (g.json) printJson(result)
        else if (result.rules.length === 0) {
          printLine('No rules yet. Create one with "kiln rules create".')
        } else for (const r of result.rules) printLine(describeRule(r))
      })
    })
  rules
    .command('create')
    .description(
      'create a rule: attendance (--min-sessions, --tag), pathway (--requires), credits (--min-credits, --from)'
    )
    .requiredOption('--name <name>', 'what the rule is called')
    .requiredOption('--award <badgeId>', 'the badge it awards')
    .requiredOption('--kind <kind>', 'attendance | pathway | credits')
    .option('--min-sessions <n>', 'attendance: at least this many distinct sessions')
    .option('--tag <tag>', 'attendance: sessions with this tag')
    .option(
      '--requires <badgeIds>',
      'pathway: badges required (comma-separated or repeated)',
      collect,
      []
    )
    .option('--min-credits <n>', 'credits: at least this many credits')
    .option('--from <badgeIds>', 'credits: count only these badges (default: all)', collect, [])
    .option('--disabled', 'create it disabled (runs only with --rule)')
    .action(async (o: CreateOptions) => {
      const g = globals()
      const json = Boolean(g.json)
      const input = ruleInput(o, json)
      await withCore(g, 'none', async (core) => {
        const rule = await call(core, 'rules:create', input, json)
        if (json) printJson(rule)
        else {
          printLine(
            `Created rule ${rule.id}. Preview it with: kiln rules run --dry-run --rule ${rule.id}`
          )
        }
      })
    })
  for (const [verb, enabled] of [
    ['enable', true],
    ['disable', false]
  ] as const) {
    rules
      .command(`${verb} <id>`)
      .description(`${verb} a rule`)
      .action(async (id: string) => {
        const g = globals()
        const json = Boolean(g.json)
        await withCore(g, 'none', async (core) => {
          const { rules: all } = await call(core, 'rules:list', {}, json)
          const rule = all.find((r) => r.id === id)
          if (!rule) {
            return printError(
              err('NOT_FOUND', `There is no rule with id "${id}".`, { field: 'id' }).error,
              json
            )
          }
          const { createdAt: _c, updatedAt: _u, ...definition } = rule
          const updated = await call(
            core,
            'rules:update',
            { ...definition, enabled } as MethodInput<'rules:update'>,
            json
          )
          if (json) printJson(updated)
          else printLine(`${enabled ? 'Enabled' : 'Disabled'} ${updated.id}.`)
        })
      })
  }
  rules
    .command('delete <id>')
    .description('delete a rule (awards it made stay)')
    .action(async (id: string) => {
      const g = globals()
      await withCore(g, 'none', async (core) => {
        const result = await call(core, 'rules:delete', { id }, Boolean(g.json))
        if (g.json) printJson(result)
        else printLine(`Deleted ${result.id}.`)
      })
    })
  rules
    .command('run')
    .description('run the enabled rules (or one with --rule); --dry-run shows who would be awarded')
    .option('--dry-run', 'issue nothing, show who would be awarded')
    .option('--rule <id>', 'run only this rule (even if disabled)')
    .option('--operator <name>', 'who is running it (shown in the audit log)')
    .action(async (o: { dryRun?: boolean; rule?: string; operator?: string }) => {
      const g = globals()
      const json = Boolean(g.json)
      await withCore(g, o.dryRun ? 'none' : 'unlock', async (core) => {
        const result = await call(
          core,
          'rules:run',
          {
            dryRun: Boolean(o.dryRun),
            ...(o.rule ? { ruleId: o.rule } : {}),
            ...(o.operator ? { operator: o.operator } : {})
          },
          json
        )
        if (json) printJson(result)
        else printRuns(result)
      })
    })
}
