/** Every file of a data folder with its bytes (but the lock), to prove a refusal changed nothing. */
import fs from 'node:fs'
import path from 'node:path'

export function snapshotFiles(dir: string): Map<string, string> {
  const files = new Map<string, string>()
  const walk = (sub: string): void => {
    for (const entry of fs.readdirSync(path.join(dir, sub), { withFileTypes: true })) {
      const rel = path.join(sub, entry.name)
      if (entry.isDirectory()) walk(rel)
      else if (entry.name !== 'kiln.lock') {
        files.set(rel, fs.readFileSync(path.join(dir, rel)).toString('base64'))
      }
    }
  }
  walk('')
  return files
}
