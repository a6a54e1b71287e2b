/**
 * Delivery from the command line: kiln mail setup | test | options | show, kiln deliver,
 * kiln outbox list | retry | cancel | resend, kiln export mail-merge, kiln recipients import-badge.
 * The SMTP password comes from KILN_SMTP_PASSWORD or a hidden prompt, never from argv.
 */
import { existsSync, readFileSync } from 'node:fs'
import type { Command } from 'commander'
import type { DeliverReport, OutboxMessage } from '../../../shared/methods/delivery.js'
import { MESSAGE_STATES, SMTP_SECURITY } from '../../../shared/methods/delivery-values.js'
import { err } from '../../../shared/result.js'
import type { Core } from '../../core/create-core.js'
import { call, withCore, type GlobalOptions } from '../context.js'
import { CliExit, printError, printJson, printLine } from '../output.js'
import { waitForJob } from '../jobs.js'
import { askHidden, canPrompt } from '../passphrase.js'

const collect = (value: string, all: string[]): string[] => [...all, value]

function usage(message: string, field: string, json: boolean): never {
  return printError(err('INVALID_INPUT', message, { field }).error, json)
}

function intFlag(value: string | undefined, flag: string, json: boolean): number | undefined {
  if (value === undefined) return undefined
  const n = Number(value)
  if (!Number.isInteger(n) || n < 1) {
    usage(`${flag} must be a whole number above 0, not "${value}".`, flag, json)
  }
  return n
}

function onOff(value: string | undefined, flag: string, json: boolean): boolean | undefined {
  if (value === undefined) return undefined
  if (value === 'on' || value === 'true') return true
  if (value === 'off' || value === 'false') return false
  return usage(`${flag} must be on or off, not "${value}".`, flag, json)
}

/** KILN_SMTP_PASSWORD, else a hidden prompt on a terminal, else undefined. */
async function smtpPassword(user: string, host: string): Promise<string | undefined> {
  const fromEnv = process.env.KILN_SMTP_PASSWORD
  if (fromEnv !== undefined && fromEnv.length > 0) return fromEnv
  if (!canPrompt()) return undefined
  return askHidden(`Password of ${user} on ${host}: `)
}

function describeMessage(m: OutboxMessage): string {
  const waiting = m.waiting ? ` (waiting: ${m.waiting})` : ''
  const interrupted = m.interrupted ? ' (interrupted: may have arrived)' : ''
  const error = m.lastError && m.state !== 'sent' ? ` — ${m.lastError.message}` : ''
  return `${m.id}  ${m.state.padEnd(9)} ${m.email}  ${m.badgeId}${waiting}${interrupted}${error}`
}

function progressBar(done: number, total: number): void {
  const width = 30
  const filled = total > 0 ? Math.round((done / total) * width) : width
  process.stderr.write(`\r[${'#'.repeat(filled)}${' '.repeat(width - filled)}] ${done}/${total}`)
}

/** The one line a person acts on when messages wait for the site (stderr, --json or not). */
function siteWaitLine(n: number): void {
  if (n <= 0) return
  const many = n !== 1
  process.stderr.write(
    `kiln: ${n} ${many ? 'messages wait' : 'message waits'} for the badge site: export or publish it (kiln export bundle / kiln publish), or send ${many ? 'them' : 'it'} now with --now\n`
  )
}

function printReport(report: DeliverReport): void {
  printLine(
    `Sent ${report.sent.length}, failed ${report.failed.length}, waiting ${report.waiting}.`
  )
  for (const s of report.sent.slice(0, 50)) printLine(`  sent    ${s.email}  ${s.messageId}`)
  for (const f of report.failed) printLine(`  failed  ${f.email}: ${f.reason}`)
}

/** Runs a sending job and waits for it; Ctrl-C stops it after the messages in flight. */
async function runDelivery(
  core: Core,
  input: { awardIds?: string[]; now?: boolean },
  json: boolean
): Promise<void> {
  const tty = Boolean(process.stderr.isTTY)
  const state = await waitForJob(
    core,
    'delivery:send',
    async () => (await call(core, 'delivery:start', input, json)).jobId,
    {
      json,
      cancelNote: 'kiln: stopping after the messages being sent; the rest stay queued',
      ...(tty ? { onProgress: progressBar } : {})
    }
  )
  if (tty) process.stderr.write('\n')
  if (state.state === 'failed') {
    printError(state.error ?? { code: 'INTERNAL', message: 'The sending run failed.' }, json)
  }
  const run = state.result ?? {
    report: { sent: [], failed: [], waiting: 0 },
    waitingForSite: 0,
    repeated: []
  }
  if (run.repeated.length > 0) {
    process.stderr.write(
      `kiln: ${run.repeated.length} message(s) were being sent when Kiln stopped last time; they were sent again and may arrive twice: ${run.repeated.join(', ')}\n`
    )
  }
  if (json) printJson(run.report)
  else printReport(run.report)
  if (run.stopped) process.stderr.write(`kiln: ${run.stopped.message}\n`)
  siteWaitLine(run.waitingForSite)
  if (state.state === 'cancelled' || run.stopped || run.report.failed.length > 0) {
    throw new CliExit(1)
  }
}

export function registerDeliveryCommands(program: Command, globals: () => GlobalOptions): void {
  const mail = program
    .command('mail')
    .description('e-mail delivery: the mail server and its settings')
  mail
    .command('setup')
    .description('set the SMTP server (the password comes from KILN_SMTP_PASSWORD or a prompt)')
    .requiredOption('--host <host>', 'the SMTP server')
    .requiredOption('--port <port>', 'its port (587 for STARTTLS, 465 for TLS, 25)')
    .requiredOption('--security <mode>', SMTP_SECURITY.join(' | '))
    .option('--user <user>', 'the user name to log in with')
    .requiredOption('--from <address>', 'the sender address of badge messages')
    .option('--reply-to <address>', 'where replies go')
    .option('--rate <n>', 'at most this many messages per minute (your provider’s limit)')
    .option('--connections <n>', 'connections at once (default 3)')
    .option(
      '--forget-certificate',
      'forget the server certificate pinned on first use (the next connection pins the one it sees)'
    )
    .action(
      async (o: {
        host: string
        port: string
        security: string
        user?: string
        from: string
        replyTo?: string
        rate?: string
        connections?: string
        forgetCertificate?: boolean
      }) => {
        const g = globals()
        const json = Boolean(g.json)
        const security = SMTP_SECURITY.find((s) => s === o.security)
        if (!security) {
          return usage(
            `--security must be one of ${SMTP_SECURITY.join(', ')}, not "${o.security}".`,
            '--security',
            json
          )
        }
        const port = intFlag(o.port, '--port', json) ?? 0
        const rate = intFlag(o.rate, '--rate', json)
        const connections = intFlag(o.connections, '--connections', json)
        const password = o.user ? await smtpPassword(o.user, o.host) : undefined
        await withCore(g, password !== undefined ? 'unlock' : 'none', async (core) => {
          const view = await call(
            core,
            'mail:setup',
            {
              host: o.host,
              port,
              security,
              ...(o.user ? { user: o.user } : {}),
              ...(password !== undefined ? { password } : {}),
              from: o.from,
              ...(o.replyTo ? { replyTo: o.replyTo } : {}),
              ...(rate ? { ratePerMinute: rate } : {}),
              ...(connections ? { connections } : {}),
              ...(o.forgetCertificate ? { forgetCertificate: true } : {})
            },
            json
          )
          if (json) printJson(view)
          else {
            printLine(
              `E-mail set up: ${o.from} through ${o.host}:${port} (${o.security}${view.smtp?.hasPassword ? ', password sealed' : ''}).`
            )
            printLine(
              `New awards ${view.autoQueue ? 'queue a message automatically' : 'do not queue a message'}. Try it: kiln mail test --to you@example.org`
            )
          }
        })
      }
    )
  mail
    .command('test')
    .description('send a test message')
    .requiredOption('--to <address>', 'who gets it')
    .action(async (o: { to: string }) => {
      const g = globals()
      const json = Boolean(g.json)
      await withCore(g, 'unlock', async (core) => {
        const result = await call(core, 'mail:test', { to: o.to }, json)
        if (json) printJson(result)
        else {
          printLine(`Sent to ${o.to}: ${result.response}`)
          if (result.pinned) {
            printLine(
              `No public authority vouches for the server’s certificate, so Kiln pinned it on this first use: ${result.pinned}. Compare it with the one the server’s administrator gives you; a different certificate later is refused.`
            )
          }
        }
      })
    })
  mail
    .command('show')
    .description('the e-mail settings (never the password)')
    .action(async () => {
      const g = globals()
      await withCore(g, 'none', async (core) => {
        const view = await call(core, 'mail:settings', {}, Boolean(g.json))
        if (g.json) printJson(view)
        else if (!view.smtp) printLine('E-mail is not set up. Run: kiln mail setup --help')
        else {
          const s = view.smtp
          printLine(
            `Server:      ${s.host}:${s.port} (${s.security})${s.user ? `, user ${s.user}` : ''}${s.hasPassword ? ', password sealed' : ''}`
          )
          printLine(`From:        ${s.from}${s.replyTo ? `, replies to ${s.replyTo}` : ''}`)
          printLine(
            `Rate:        ${s.ratePerMinute ? `${s.ratePerMinute} per minute` : 'no limit'}, ${s.connections} connection(s)`
          )
          if (s.certificate) {
            printLine(
              `Certificate: ${s.certificate.fingerprint} (pinned on first use, ${s.certificate.pinnedAt})`
            )
          }
          printLine(
            `Auto-queue:  ${view.autoQueue ? 'on' : 'off'}; wait for the site: ${view.waitForSite ? 'on' : 'off'}`
          )
        }
      })
    })
  mail
    .command('options')
    .description('whether new awards queue a message, and whether messages wait for the site')
    .option(
      '--auto-queue <on|off>',
      'new awards queue a message (default: on once e-mail is set up)'
    )
    .option(
      '--wait-for-site <on|off>',
      'messages wait until their credential is on the site: published to the default target, or (with no target) in an exported bundle (default on)'
    )
    .action(async (o: { autoQueue?: string; waitForSite?: string }) => {
      const g = globals()
      const json = Boolean(g.json)
      const autoQueue = onOff(o.autoQueue, '--auto-queue', json)
      const waitForSite = onOff(o.waitForSite, '--wait-for-site', json)
      await withCore(g, 'none', async (core) => {
        const view = await call(
          core,
          'mail:options',
          {
            ...(autoQueue !== undefined ? { autoQueue } : {}),
            ...(waitForSite !== undefined ? { waitForSite } : {})
          },
          json
        )
        if (json) printJson(view)
        else {
          printLine(
            `Auto-queue ${view.autoQueue ? 'on' : 'off'}; wait for the site ${view.waitForSite ? 'on' : 'off'}.`
          )
        }
      })
    })

  program
    .command('deliver')
    .description('send the queued messages whose credentials are on the site (or all with --now)')
    .option(
      '--award <id>',
      'only this award (repeat the flag for more); queues a message if it has none',
      collect,
      []
    )
    .option('--now', 'send without waiting for the site (the attachments carry the credential)')
    .option('--dry-run', 'send nothing, show what would be sent')
    .action(async (o: { award: string[]; now?: boolean; dryRun?: boolean }) => {
      const g = globals()
      const json = Boolean(g.json)
      const input = {
        ...(o.award.length > 0 ? { awardIds: o.award } : {}),
        ...(o.now ? { now: true } : {})
      }
      await withCore(g, o.dryRun ? 'none' : 'unlock', async (core) => {
        if (o.dryRun) {
          const plan = await call(core, 'delivery:plan', input, json)
          // Without --now everything a dry run does not send waits for the site.
          siteWaitLine(o.now ? 0 : plan.waiting)
          if (json) printJson(plan)
          else {
            printLine(`Would send ${plan.sent.length}; ${plan.waiting} waiting.`)
            for (const s of plan.sent.slice(0, 50)) printLine(`  ${s.email}  ${s.messageId}`)
          }
          return
        }
        await runDelivery(core, input, json)
      })
    })

  const outbox = program.command('outbox').description('messages waiting, sent, failed')
  outbox
    .command('list')
    .description('list messages, newest first')
    .option('--state <state>', MESSAGE_STATES.join(' | '))
    .option('--badge <id>', 'only this badge')
    .option('--batch <id>', 'only this batch')
    .option('--limit <n>', 'at most this many')
    .action(async (o: { state?: string; badge?: string; batch?: string; limit?: string }) => {
      const g = globals()
      const json = Boolean(g.json)
      const state = o.state === undefined ? undefined : MESSAGE_STATES.find((s) => s === o.state)
      if (o.state !== undefined && !state) {
        usage(
          `--state must be one of ${MESSAGE_STATES.join(', ')}, not "${o.state}".`,
          '--state',
          json
        )
      }
      const limit = intFlag(o.limit, '--limit', json)
      await withCore(g, 'none', async (core) => {
        const result = await call(
          core,
          'outbox:list',
          {
            ...(state ? { state } : {}),
            ...(o.badge ? { badgeId: o.badge } : {}),
            ...(o.batch ? { batchId: o.batch } : {}),
            ...(limit ? { limit } : {})
          },
          json
        )
        if (json) printJson(result)
        else {
          const c = result.counts
          printLine(
            `${c.queued} queued (${c.waitingForSite} waiting for the site), ${c.sending} sending, ${c.sent} sent, ${c.failed} failed, ${c.cancelled} cancelled`
          )
          for (const m of result.messages) printLine(describeMessage(m))
          if (c.interrupted > 0) {
            process.stderr.write(
              `kiln: ${c.interrupted} message(s) were being sent when Kiln stopped; the next kiln deliver sends them again (they may arrive twice).\n`
            )
          }
        }
      })
    })
  for (const [verb, method, text] of [
    ['retry', 'outbox:retry', 'queue failed messages again'],
    ['cancel', 'outbox:cancel', 'cancel queued messages'],
    ['resend', 'outbox:resend', 'send a sent or failed message again (a new message)']
  ] as const) {
    outbox
      .command(`${verb} <ids...>`)
      .description(text)
      .action(async (ids: string[]) => {
        const g = globals()
        const json = Boolean(g.json)
        await withCore(g, 'none', async (core) => {
          const result = await call(core, method, { ids }, json)
          if (json) printJson(result)
          else {
            const list = 'messages' in result ? result.messages : result.queued
            for (const m of list) printLine(describeMessage(m))
          }
        })
      })
  }

  const exportCommand = program.commands.find((c) => c.name() === 'export')
  exportCommand
    ?.command('mail-merge')
    .description('a CSV for your own mailing tool: name, e-mail, badge, date and every link')
    .requiredOption('--out <file>', 'where to write the CSV')
    .option('--badge <id>', 'only this badge')
    .option('--batch <id>', 'only this batch (see kiln outbox list)')
    .option('--from <date>', 'awarded on or after (YYYY-MM-DD)')
    .option('--to <date>', 'awarded on or before (YYYY-MM-DD)')
    .option('--undelivered', 'only awards no message was sent for')
    .option('--force', 'overwrite the output file if it exists')
    .action(
      async (o: {
        out: string
        badge?: string
        batch?: string
        from?: string
        to?: string
        undelivered?: boolean
        force?: boolean
      }) => {
        const g = globals()
        const json = Boolean(g.json)
        if (existsSync(o.out) && !o.force) {
          printError(
            err('DESTINATION_EXISTS', `${o.out} exists; use --force to overwrite it.`, {
              field: '--out'
            }).error,
            json
          )
        }
        await withCore(g, 'none', async (core) => {
          const result = await call(
            core,
            'mailMerge:export',
            {
              ...(o.badge ? { badgeId: o.badge } : {}),
              ...(o.batch ? { batchId: o.batch } : {}),
              ...(o.from ? { from: o.from } : {}),
              ...(o.to ? { to: o.to } : {}),
              ...(o.undelivered ? { undelivered: true } : {})
            },
            json
          )
          const { writeFileAtomic } = await import('../../core/storage/atomic-write.js')
          await writeFileAtomic(o.out, Buffer.from(result.csv, 'utf8'))
          if (json) printJson({ file: o.out, rows: result.rows })
          else printLine(`Wrote ${o.out} (${result.rows} rows).`)
        })
      }
    )

  const recipients = program.commands.find((c) => c.name() === 'recipients')
  recipients
    ?.command('import-badge <recipientId> <file>')
    .description(
      'add a badge from another issuer to a member’s record, after verifying it (OB 3.0 JSON, baked PNG/SVG, OB 2.0 hosted: its JSON, a PNG baked with it, or its https URL instead of FILE)'
    )
    .option('--counts-as <badgeId>', 'for rules: it counts as this badge of the station')
    .option('--credits <n>', 'for credit rules: the credits it is worth (default: its own)')
    .action(
      async (recipientId: string, file: string, o: { countsAs?: string; credits?: string }) => {
        const g = globals()
        const json = Boolean(g.json)
        const url = /^https?:\/\//i.test(file) ? file : undefined
        let bytes: Buffer | undefined
        if (url === undefined) {
          try {
            bytes = readFileSync(file)
          } catch (error) {
            const reason = error instanceof Error ? error.message : String(error)
            return printError(
              err('UNREADABLE_INPUT', `Cannot read ${file}: ${reason}`, { field: 'file' }).error,
              json
            )
          }
        }
        const credits = o.credits === undefined ? undefined : Number(o.credits)
        if (credits !== undefined && (!Number.isFinite(credits) || credits < 0)) {
          usage(`--credits must be a number, not "${o.credits}".`, '--credits', json)
        }
        await withCore(g, 'none', async (core) => {
          const imported = await call(
            core,
            'recipients:importBadge',
            {
              recipientId,
              ...(bytes ? { fileBase64: bytes.toString('base64'), filename: file } : { url }),
              ...(o.countsAs ? { countsAsBadgeId: o.countsAs } : {}),
              ...(credits !== undefined ? { credits } : {})
            },
            json
          )
          if (json) printJson(imported)
          else {
            printLine(
              `Imported “${imported.achievement.name}” from ${imported.issuer.name} for ${imported.email} (verified: ${imported.kind === 'ob3' ? 'signature, issuer key, status' : 'hosted by the issuer'}).`
            )
          }
        })
      }
    )
}
