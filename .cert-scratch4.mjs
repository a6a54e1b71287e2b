import PDFDocument from 'pdfkit'
import fs from 'node:fs'
const doc = new PDFDocument({ font: 'resources/fonts/certificate/NotoSans-Regular.ttf' })
const chunks = []; doc.on('data', c => chunks.push(c)); const done = new Promise(r => doc.on('end', r))
doc.addPage()
doc.markContent('Span', { actual: 'EXAMPLE ASSOCIATION' })
doc.fontSize(10).text('EXAMPLE ASSOCIATION', 50, 50, { characterSpacing: 2.4, lineBreak: false })
doc.endMarkedContent()
doc.text('Nguyễn Thị Ánh', 50, 100, { features: { ccmp: false }, lineBreak: false })
doc.end(); await done; fs.writeFileSync('/tmp/kp/p4.pdf', Buffer.concat(chunks))
