/**
 * The live preview. It draws the design's SVG at once (shared/design, as an <img> from a data:
 * URL, never as inline markup); a moment after the last change it swaps in the station's own
 * 600×600 PNG of the same design (badges:renderPreview), which is exactly what credentials carry.
 */
import { Undo2 } from 'lucide-react'
import { useEffect, useState, type ReactElement } from 'react'
import { Button } from 'react-aria-components'
import { useKiln } from '../../api/kiln-context.js'
import { designSvg, svgDataUrl, type BadgeDesign, type UploadedImages } from './design-source.js'

const SETTLE_MS = 350

type DesignPreviewProps = Readonly<{
  design: BadgeDesign
  uploads: UploadedImages
  canUndo: boolean
  onUndo: () => void
}>

export function DesignPreview({
  design,
  uploads,
  canUndo,
  onUndo
}: DesignPreviewProps): ReactElement {
  const kiln = useKiln()
  const key = JSON.stringify(design)
  const [exact, setExact] = useState<Readonly<{ key: string; src: string }> | null>(null)

  useEffect(() => {
    let active = true
    const timer = window.setTimeout(() => {
      void kiln.badgesRenderPreview({ design }).then((result) => {
        if (active && result.ok) {
          setExact({ key, src: `data:image/png;base64,${result.value.pngBase64}` })
        }
      })
    }, SETTLE_MS)
    return () => {
      active = false
      window.clearTimeout(timer)
    }
  }, [kiln, design, key])

  const src = exact?.key === key ? exact.src : svgDataUrl(designSvg(design, uploads))
  const text = design.lines.filter((l) => l.trim()).join(' / ')
  return (
    <>
      <img
        className="designer-preview-image"
        src={src}
        alt={`Preview: a ${design.template} badge${text ? ` reading “${text}”` : ''}`}
        width={300}
        height={300}
      />
      <Button
        className="button badges-button-icon"
        isDisabled={!canUndo}
        aria-keyshortcuts="Control+Z"
        onPress={onUndo}
      >
        <Undo2 aria-hidden="true" size={16} /> Undo
      </Button>
    </>
  )
}

/** The uploaded badge image in "use an uploaded image" mode. */
export function UploadPreview({
  pngBase64
}: Readonly<{ pngBase64: string | undefined }>): ReactElement {
  return pngBase64 ? (
    <img
      className="designer-preview-image"
      src={`data:image/png;base64,${pngBase64}`}
      alt="Preview: the uploaded badge image"
      width={300}
      height={300}
    />
  ) : (
    <p className="designer-preview-empty">Choose an image file to see it here.</p>
  )
}
