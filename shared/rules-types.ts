/** Automatic awarding rules and the check-ins they count: plain data shared by core, hosts and UI. */
import type { RowProblem } from './types.js'

export type { RowProblem }

/** What a rule asks of a recipient. */
export type RuleCriteria =
  /** Attended at least `minSessions` distinct sessions tagged `tag` (case-insensitive). */
  | Readonly<{ kind: 'attendance'; minSessions: number; tag: string }>
  /** Holds every one of these badges (active or expiring; never revoked or expired). */
  | Readonly<{ kind: 'pathway'; requiredBadgeIds: readonly string[] }>
  /**
   * Holds badges whose `creditsAvailable` (from the version each award pinned) add up to at
   * least `minCredits`; only `fromBadgeIds` count when given (default: every badge).
   */
  | Readonly<{ kind: 'credits'; minCredits: number; fromBadgeIds?: readonly string[] }>

export type RuleKind = RuleCriteria['kind']

/** A rule as stored in station.json and returned by rules:list / create / update. */
export type Rule = Readonly<
  {
    id: string
    name: string
    /** The badge awarded to everyone who meets the criteria (must be published to run). */
    awardBadgeId: string
    enabled: boolean
    createdAt: string
    updatedAt: string
  } & RuleCriteria
>

/** One attendance line, imported from CSV and kept in the journal (`checkin.imported`). */
export type CheckIn = Readonly<{
  id: string
  /** Normalised (trimmed, lower-case); absent when the row gave only a member id. */
  recipientEmail?: string
  memberId?: string
  name: string
  session: string
  tags: readonly string[]
  /** As given (YYYY-MM-DD or an ISO date-time). */
  date: string
  importId: string
  importedAt: string
}>

export type CheckInImportResult = Readonly<{
  /** False when nothing was written (dry run, or rejected rows without acceptValidRows). */
  committed: boolean
  importId?: string
  /** Rows written (or that would be written, on a dry run / when blocked by rejected rows). */
  imported: number
  /** Rows already present (same person, session and date), in the station or earlier in the file. */
  duplicates: number
  rejected: readonly RowProblem[]
  /** The automatic rules run that followed a committed import (when the station is unlocked). */
  autoRun?: RulesRunResult
}>

export type RuleCandidate = Readonly<{
  recipientEmail: string
  name: string
  /** Set once the award is issued (real runs only). */
  awardId?: string
}>

export type RuleSkip = Readonly<{
  /** Empty for reason 'no-email' (then memberId is set). */
  recipientEmail: string
  memberId?: string
  name: string
  /**
   * already-holds: holds the badge (not revoked); no-email: known only by member id (import a
   * check-in that gives the e-mail); failed: issuing failed (see message).
   */
  reason: 'already-holds' | 'no-email' | 'failed'
  message?: string
}>

export type RuleRun = Readonly<{
  runId: string
  ruleId: string
  ruleName: string
  awardBadgeId: string
  dryRun: boolean
  /** Everyone who meets the criteria and does not hold the badge yet (incl. via chained rules). */
  wouldAward: readonly RuleCandidate[]
  /** Issued in this run, each with its awardId (always empty on a dry run). */
  awarded: readonly RuleCandidate[]
  /** Meets the criteria but already holds the badge, or issuing failed (with a message). */
  skipped: readonly RuleSkip[]
  /** Why the rule could not run at all (e.g. its badge is not published). */
  error?: Readonly<{ code: string; message: string }>
}>

export type RulesRunResult = Readonly<{
  dryRun: boolean
  trigger: RuleRunTrigger
  runs: readonly RuleRun[]
}>

export type RuleRunTrigger = 'manual' | 'checkins' | 'awards'
