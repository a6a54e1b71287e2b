/**
 * What the core asks of the host it runs in: show a file in the file manager, let the person pick
 * a folder, open a web page, and where log lines go. Each host passes one implementation to
 * createCore (Electron: shell and dialog; the web host: the platform's opener where that makes
 * sense; the CLI: none). Plain async functions taking and returning plain data (Results), so a
 * host can run the core in a worker and answer these calls from its own process.
 */
import type { Result } from '../../shared/result.js'
import { err } from '../../shared/result.js'

export type HostServices = Readonly<{
  /** Shows the file (already checked by the core: one it wrote) in the system's file manager. */
  revealPath(file: string): Promise<Result<{ shown: string }>>
  /** A native folder picker; `path: null` when the person cancelled. */
  pickFolder(request: Readonly<{ title: string }>): Promise<Result<{ path: string | null }>>
  /** Opens an http(s) address (already checked by the core) in the person's browser. */
  openUrl(url: string): Promise<Result<{ opened: string }>>
  /** Where log lines go (absent: stderr). Never receives secrets. */
  log?: (line: string) => void
}>

const desktopOnly = (what: string) =>
  err('NEEDS_DESKTOP_APP', `${what} needs the Kiln desktop app.`)

/** A host without any of these (the CLI, tests): every call answers NEEDS_DESKTOP_APP. */
export const noHostServices: HostServices = {
  revealPath: async () => desktopOnly('Showing a file in its folder'),
  pickFolder: async () =>
    err(
      'NEEDS_DESKTOP_APP',
      'Choosing a folder with a dialog needs the Kiln desktop app; type the folder’s full path instead.',
      { field: 'folder' }
    ),
  openUrl: async () => desktopOnly('Opening a web page')
}
