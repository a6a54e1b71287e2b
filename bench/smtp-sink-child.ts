/**
 * The benchmark's SMTP server in its own process, so the station's figures (memory, CPU) are the
 * station's alone. Prints "port N", then "rx <Message-ID> <bytes>" per message; stops on SIGTERM.
 */
import { startSink } from '../main/core/delivery/test-support/smtp-sink.js'

const sink = await startSink()
process.stdout.write(`port ${sink.port}\n`)
let seen = 0
const timer = setInterval(() => {
  while (seen < sink.received.length) {
    const r = sink.received[seen++]
    if (r) process.stdout.write(`rx ${r.messageId} ${r.bytes}\n`)
  }
}, 20)
process.once('SIGTERM', () => {
  clearInterval(timer)
  void sink.close().then(() => process.exit(0))
})
