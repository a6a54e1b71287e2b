/**
 * QR codes as vector paths: one rectangle per horizontal run of dark modules, filled
 * once. A page's QR code costs a few hundred bytes and stays sharp at any zoom.
 */
import QRCode from 'qrcode'

export type QrMatrix = Readonly<{ size: number; dark: (row: number, col: number) => boolean }>

export function qrMatrix(text: string): QrMatrix {
  // One byte-mode segment and a fixed mask skip the segment optimiser and the scoring of
  // all eight masks (2.5 ms → 0.2 ms a code); any mask is valid and decodes the same.
  const qr = QRCode.create([{ data: Buffer.from(text, 'utf8'), mode: 'byte' }], {
    errorCorrectionLevel: 'M',
    maskPattern: 4
  })
  const { size, data } = qr.modules
  return { size, dark: (row, col) => data[row * size + col] === 1 }
}

/** Draws the code (without a quiet zone) in a `side`×`side` square at (x, y). */
export function drawQr(
  doc: PDFKit.PDFDocument,
  text: string,
  x: number,
  y: number,
  side: number,
  color: string
): void {
  const matrix = qrMatrix(text)
  const cell = side / matrix.size
  doc.save()
  for (let row = 0; row < matrix.size; row++) {
    let col = 0
    while (col < matrix.size) {
      if (!matrix.dark(row, col)) {
        col++
        continue
      }
      const start = col
      while (col < matrix.size && matrix.dark(row, col)) col++
      // A hair of overlap hides anti-aliasing seams between rows in viewers.
      doc.rect(x + start * cell, y + row * cell, (col - start) * cell, cell + 0.01)
    }
  }
  doc.fillColor(color).fill()
  doc.restore()
}
