/**
 * QR codes as vector paths: one rectangle per horizontal run of dark modules, filled
 * once. A page's QR code costs a few hundred bytes and stays sharp at any zoom.
 */
import QRCode from 'qrcode'

export type QrMatrix = Readonly<{ size: number; dark: (row: number, col: number) => boolean }>

export function qrMatrix(text: string): QrMatrix {
  const qr = QRCode.create(text, { errorCorrectionLevel: 'M' })
  const { size, data } = qr.modules
  return { size, dark: (row, col) => data[row * size + col] === 1 }
}

/** Draws the code (without a quiet zone) in a `side`×`side` square at (x, y). */
export function drawQr(doc: PDFKit.PDFDocument, text: string, x: number, y: number, side: number, color: string): void {
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
