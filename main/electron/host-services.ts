/**
 * What the Electron main process does for the core: show a file in the file manager, a native
 * folder picker (attached to the window), and web pages in the person's browser.
 */
import { dialog, shell, type BrowserWindow } from 'electron'
import { err, ok } from '../../shared/result.js'
import type { HostServices } from '../core/host-services.js'

export function electronHostServices(window: () => BrowserWindow | undefined): HostServices {
  return {
    revealPath: async (file) => {
      shell.showItemInFolder(file)
      return ok({ shown: file })
    },
    pickFolder: async ({ title }) => {
      const options = {
        title: title.slice(0, 200),
        properties: ['openDirectory', 'createDirectory'] as Array<
          'openDirectory' | 'createDirectory'
        >
      }
      const parent = window()
      const picked = parent
        ? await dialog.showOpenDialog(parent, options)
        : await dialog.showOpenDialog(options)
      return ok({ path: picked.canceled ? null : (picked.filePaths[0] ?? null) })
    },
    openUrl: async (url) => {
      try {
        await shell.openExternal(url)
        return ok({ opened: url })
      } catch (error) {
        return err('INTERNAL', `The page could not be opened: ${(error as Error).message}.`)
      }
    }
  }
}
