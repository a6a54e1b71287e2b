/** Where a station's data lives when neither --data nor $KILN_DATA says otherwise. */
import os from 'node:os'
import path from 'node:path'

export function defaultDataDir(env: NodeJS.ProcessEnv = process.env): string {
  if (env.KILN_DATA) return path.resolve(env.KILN_DATA)
  const home = os.homedir()
  switch (process.platform) {
    case 'win32':
      return path.join(env.APPDATA ?? path.join(home, 'AppData', 'Roaming'), 'Kiln', 'station')
    case 'darwin':
      return path.join(home, 'Library', 'Application Support', 'Kiln', 'station')
    default:
      return path.join(env.XDG_DATA_HOME ?? path.join(home, '.local', 'share'), 'kiln', 'station')
  }
}
