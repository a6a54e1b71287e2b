/**
 * Child process for the zip-bomb tests: checks one backup archive and prints its verdict and
 * the process's peak resident memory (KiB), so a test can prove the memory stayed bounded.
 */
import fs from 'node:fs'
import { checkArchiveBytes } from '../backup.js'

const file = process.argv[2] ?? ''
let verdict: string
try {
  await checkArchiveBytes(fs.readFileSync(file))
  verdict = 'accepted'
} catch (e) {
  verdict = e instanceof Error ? `${e.constructor.name}: ${e.message}` : String(e)
}
process.stdout.write(JSON.stringify({ verdict, maxRssKiB: process.resourceUsage().maxRSS }) + '\n')
