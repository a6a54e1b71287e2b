import QRCode from 'qrcode'
import { useEffect, useState, type ReactElement } from 'react'

type QrCodeProps = Readonly<{ value: string; label: string; size?: number }>

/**
 * A QR code of `value`, rendered by the qrcode package to an SVG string and shown as a
 * `data:` image (the CSP allows data: images; no canvas, no inline SVG markup).
 */
export function QrCode({ value, label, size = 176 }: QrCodeProps): ReactElement {
  const [src, setSrc] = useState<string | null>(null)

  useEffect(() => {
    let active = true
    QRCode.toString(value, { type: 'svg', errorCorrectionLevel: 'M', margin: 2 })
      .then((svg) => {
        if (active) setSrc(`data:image/svg+xml;charset=utf-8,${encodeURIComponent(svg)}`)
      })
      .catch(() => {
        if (active) setSrc(null)
      })
    return () => {
      active = false
    }
  }, [value])

  return src ? (
    <img className="qr-code" src={src} alt={label} width={size} height={size} />
  ) : (
    <span className="qr-code qr-code-empty" style={{ width: size, height: size }} />
  )
}
