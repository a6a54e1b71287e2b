/**
 * Every keyboard shortcut of Kiln, in one table: the dispatcher (shortcut-provider.tsx) finds the
 * shortcut for a key press here, and the help panel ("Shortcuts", or "?") is drawn from the same
 * table. A handler can only be attached to an id of this table (useShortcut), so a shortcut
 * cannot exist without its line in the help panel. Entries without `match` are keys that the
 * focused control handles itself (a picker's Enter, a list's arrows): documented, not dispatched.
 */
export type KeyEventLike = Pick<
  KeyboardEvent,
  'key' | 'code' | 'altKey' | 'ctrlKey' | 'metaKey' | 'shiftKey'
>

export const SHORTCUT_GROUPS = [
  'Everywhere',
  'Award desk',
  'Pickers and lists',
  'Badge designer'
] as const
export type ShortcutGroup = (typeof SHORTCUT_GROUPS)[number]

export type ShortcutDef = Readonly<{
  group: ShortcutGroup
  /** Alternatives, each one chord as its key caps: [['Ctrl', 'Enter'], ['Alt', 'A']]. */
  keys: ReadonlyArray<readonly string[]>
  /** What it does, as the help panel says it. */
  does: string
  /** Recognises the key press; absent when the focused control handles the key itself. */
  match?: (event: KeyEventLike) => boolean
  /** Also fires while the focus is in a text field (default: no, the key types). */
  inTextFields?: boolean
  /** Fires only when the focus is inside an element matching this selector. */
  within?: string
}>

const plain = (e: KeyEventLike) => !e.altKey && !e.ctrlKey && !e.metaKey
/** Alt (Option) plus a key by its physical position, so keyboard layouts don't matter. */
const altCode = (code: string) => (e: KeyEventLike) =>
  e.altKey && !e.ctrlKey && !e.metaKey && !e.shiftKey && e.code === code

export const SHORTCUTS = {
  help: {
    group: 'Everywhere',
    keys: [['?']],
    does: 'Open this panel (outside text fields)',
    match: (e) => plain(e) && e.key === '?'
  },
  section: {
    group: 'Everywhere',
    keys: [['Alt', '1…9']],
    does: 'Open a section of Kiln, in the order of the menu (the number beside each section)',
    match: (e) =>
      e.altKey && !e.ctrlKey && !e.metaKey && !e.shiftKey && /^Digit[1-9]$/.test(e.code),
    inTextFields: true
  },
  dialogClose: {
    group: 'Everywhere',
    keys: [['Esc']],
    does: 'Close a dialog or a list of matches'
  },
  award: {
    group: 'Award desk',
    keys: [
      ['Ctrl', 'Enter'],
      ['Alt', 'A']
    ],
    does: 'Award (from any field of the form)',
    match: (e) =>
      (e.key === 'Enter' && (e.ctrlKey || e.metaKey) && !e.altKey) || altCode('KeyA')(e),
    inTextFields: true
  },
  deskSearch: {
    group: 'Award desk',
    keys: [['Type']],
    does: 'Search people by name, e-mail or member id (the search has the focus when the desk opens)'
  },
  deskEnter: {
    group: 'Award desk',
    keys: [['Enter']],
    does: 'Pick the highlighted match, or the first one. A complete e-mail or member id (typed, or read by a barcode scanner) is picked on this Enter however fast it was typed; with nobody found, add a new person'
  },
  pickerMove: {
    group: 'Pickers and lists',
    keys: [['↑'], ['↓']],
    does: 'Move through the matches of a picker, or the rows of a list'
  },
  listJump: {
    group: 'Pickers and lists',
    keys: [['Home'], ['End'], ['Page Up'], ['Page Down']],
    does: 'Jump to the first, last, previous or next page of rows in a long list (badges)'
  },
  listOpen: {
    group: 'Pickers and lists',
    keys: [['Enter'], ['Space']],
    does: 'Open the highlighted row of a list'
  },
  designUndo: {
    group: 'Badge designer',
    keys: [['Ctrl', 'Z']],
    does: 'Undo the last change of the design (while the focus is in the design controls)',
    match: (e) =>
      (e.ctrlKey || e.metaKey) && !e.altKey && !e.shiftKey && e.key.toLowerCase() === 'z',
    inTextFields: true,
    within: '[data-design-controls]'
  }
} as const satisfies Record<string, ShortcutDef>

export type ShortcutId = keyof typeof SHORTCUTS

/** The ids a handler can be attached to (those the dispatcher recognises). */
export type ActionShortcutId = {
  [K in ShortcutId]: (typeof SHORTCUTS)[K] extends { match: unknown } ? K : never
}[ShortcutId]

/** Where the key was pressed, as far as shortcuts care. */
export type KeyTarget = Readonly<{
  /** The focus is in a field that takes text. */
  typing: boolean
  /** A modal dialog is open (its own keys win: nothing is dispatched behind it). */
  inDialog: boolean
  /** The focus is inside an element matching the selector. */
  within: (selector: string) => boolean
}>

/**
 * The shortcut a key press triggers among those with a handler attached, or null. Pure: the
 * provider passes what it knows of the page.
 */
export function shortcutFor(
  event: KeyEventLike,
  target: KeyTarget,
  attached: ReadonlySet<string>
): ActionShortcutId | null {
  if (target.inDialog) return null
  for (const [id, raw] of Object.entries(SHORTCUTS)) {
    const def: ShortcutDef = raw
    if (!def.match || !attached.has(id) || !def.match(event)) continue
    if (target.typing && !def.inTextFields) continue
    if (def.within && !target.within(def.within)) continue
    return id as ActionShortcutId
  }
  return null
}

/** The table grouped for the help panel, in group order. */
export function shortcutsByGroup(): ReadonlyArray<
  readonly [ShortcutGroup, ReadonlyArray<readonly [ShortcutId, ShortcutDef]>]
> {
  const entries = Object.entries(SHORTCUTS) as Array<[ShortcutId, ShortcutDef]>
  return SHORTCUT_GROUPS.map(
    (group) => [group, entries.filter(([, def]) => def.group === group)] as const
  )
}

/** "Ctrl + Enter, or Alt + A": the keys as one phrase (for aria-keyshortcuts-like labels). */
export function describeKeys(def: ShortcutDef): string {
  return def.keys.map((chord) => chord.join(' + ')).join(', or ')
}
