// Preloaded with `node --import` by test/cli/cli-startup.test.ts: appends to $KILN_TRACE_FILE one
// line per module the process loads ("module <url or path>") and one per key derivation
// ("scrypt", one per call), so a test can check what a command loads and whether it derives the key.
import { appendFileSync } from 'node:fs'
import { createRequire, register, syncBuiltinESMExports } from 'node:module'
import { MessageChannel } from 'node:worker_threads'

const file = process.env.KILN_TRACE_FILE
if (!file) throw new Error('module-trace.mjs needs KILN_TRACE_FILE')
const seen = new Set()
const record = (line) => {
  if (seen.has(line)) return
  seen.add(line)
  appendFileSync(file, line + '\n')
}

// ES modules: a resolve hook (it runs on the loader thread) posts every resolved URL here.
const { port1, port2 } = new MessageChannel()
port1.on('message', (url) => record(`module ${url}`))
port1.unref()
const hooks = `
let port
export function initialize(data) { port = data.port }
export async function resolve(specifier, context, next) {
  const result = await next(specifier, context)
  port.postMessage(result.url)
  return result
}`
register('data:text/javascript,' + encodeURIComponent(hooks), {
  data: { port: port2 },
  transferList: [port2]
})

const require = createRequire(import.meta.url)
// CommonJS: every require() goes through Module._load.
const Module = require('node:module')
const load = Module._load
Module._load = function (request, parent, isMain) {
  const loaded = load.apply(this, arguments)
  try {
    record(`module ${Module._resolveFilename(request, parent, isMain)}`)
  } catch {
    // built-ins and unresolvable requests are not files
  }
  return loaded
}

// Key derivation: node:crypto's scrypt, as the keystore calls it.
const crypto = require('node:crypto')
for (const name of ['scrypt', 'scryptSync']) {
  const original = crypto[name]
  crypto[name] = function (...args) {
    // One line per call (not deduplicated): a test can count the derivations.
    appendFileSync(file, name + '\n')
    return original.apply(this, args)
  }
}
syncBuiltinESMExports()
