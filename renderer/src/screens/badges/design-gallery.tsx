/**
 * Ready designs to start from (shared/design/gallery.ts): a speaker ribbon, an attendee circle,
 * a CE-credit shield… Choosing one sets the design (undoable) and suggests wording for the fields
 * still empty; everything stays editable.
 */
import type { ReactElement } from 'react'
import { Button } from 'react-aria-components'
import { BADGE_GALLERY, designSvg, svgDataUrl, type GalleryEntry } from './design-source.js'

const NO_UPLOADS: ReadonlyMap<string, string> = new Map()

export type { GalleryEntry }

export function DesignGallery({
  onPick
}: Readonly<{ onPick: (entry: GalleryEntry) => void }>): ReactElement {
  return (
    <ul className="designer-gallery" aria-label="Badge templates">
      {BADGE_GALLERY.map((entry) => (
        <li key={entry.id}>
          <Button
            className="designer-gallery-item"
            aria-label={`Start from the ${entry.name} template`}
            onPress={() => onPick(entry)}
          >
            <img
              src={svgDataUrl(designSvg(entry.design, NO_UPLOADS))}
              alt=""
              width={88}
              height={88}
            />
            <span>{entry.name}</span>
          </Button>
        </li>
      ))}
    </ul>
  )
}
