/**
 * The delivery tests' SMTP server (smtp-server with AUTH, smtp-sink.ts) in its own process,
 * for tests that run the CLI synchronously. Prints "ready <port>", then "rx <count>" after
 * each message it accepted; stops on SIGTERM.
 */
import { startSink } from '../../../main/core/delivery/test-support/smtp-sink.js'

const sink = await startSink()
process.stdout.write(`ready ${sink.port}\n`)
let seen = 0
const timer = setInterval(() => {
  if (sink.received.length !== seen) {
    seen = sink.received.length
    process.stdout.write(`rx ${seen}\n`)
  }
}, 20)
process.once('SIGTERM', () => {
  clearInterval(timer)
  void sink.close().then(() => process.exit(0))
})
