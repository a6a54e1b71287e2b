import { readFileSync } from 'node:fs'
import { pdfAttachments } from './main/core/pdf/attachments.js'
const a = pdfAttachments(readFileSync('/tmp/kp/classic.pdf'))
console.log(a.length, a.map(x => [x.name, x.mediaType, x.data.toString()]).slice(0, 3))
