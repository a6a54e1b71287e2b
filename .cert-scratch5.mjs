import PDFDocument from 'pdfkit'
import fs from 'node:fs'
const doc = new PDFDocument({ font: 'resources/fonts/certificate/NotoSansArabic-Regular.ttf' })
const chunks = []; doc.on('data', c => chunks.push(c)); const done = new Promise(r => doc.on('end', r))
doc.addPage().fontSize(20)
const name = 'محمد بن علي'
const words = name.split(' ')
const sp = doc.widthOfString(' ')
// A: visual order, no ActualText
let x = 50
for (const w of [...words].reverse()) { doc.text(w, x, 50, { lineBreak: false }); x += doc.widthOfString(w) + sp }
// C: logical order drawing, right to left positions
let right = 300
for (const w of words) { const ww = doc.widthOfString(w); doc.text(w, right - ww, 100, { lineBreak: false }); right -= ww + sp }
// D: whole run one call
doc.text(name, 50, 150, { lineBreak: false })
doc.end(); await done; fs.writeFileSync('/tmp/kp/p5.pdf', Buffer.concat(chunks))
