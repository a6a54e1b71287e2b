#!/usr/bin/env node
// The kiln CLI. `npm ci` builds out/ (the "prepare" script); this only loads it.
import { existsSync } from 'node:fs'
import { fileURLToPath } from 'node:url'

const entry = fileURLToPath(new URL('../out/cli/kiln.js', import.meta.url))
if (!existsSync(entry)) {
  process.stderr.write('kiln: not built yet; run "npm run build" (npm ci does it for you)\n')
  process.exit(2)
}
await import(entry)
