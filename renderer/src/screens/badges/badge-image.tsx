/**
 * A badge's stored PNG (badges:image), fetched once per image and size and cached, so a
 * scrolling list asks only for the rows it shows. Until it arrives, a neutral placeholder.
 */
import { ImageOff } from 'lucide-react'
import { useEffect, useState, type ReactElement } from 'react'
import type { Badge } from '../../../../shared/types.js'
import type { KilnApi } from '../../../../shared/api.js'
import { useKiln } from '../../api/kiln-context.js'

type BadgeImageProps = Readonly<{
  badge: Badge
  /** Shown size in CSS pixels; the PNG asked for is twice that (sharp on high-DPI screens). */
  size: number
  /** A frozen version's image instead of the working copy. */
  version?: number
  /** True when the name is written next to it (the image adds nothing for a screen reader). */
  decorative?: boolean
}>

/** One cache per client (the app has one; a test brings its own). */
const caches = new WeakMap<KilnApi, Map<string, Promise<string | null>>>()
const MAX_CACHED = 500

function loadImage(
  kiln: KilnApi,
  id: string,
  key: string,
  size: number,
  version?: number
): Promise<string | null> {
  const cache = caches.get(kiln) ?? new Map<string, Promise<string | null>>()
  caches.set(kiln, cache)
  const cached = cache.get(key)
  if (cached) return cached
  const request = kiln
    .badgesImage({ id, size, ...(version !== undefined ? { version } : {}) })
    .then((result) => (result.ok ? `data:image/png;base64,${result.value.pngBase64}` : null))
  if (cache.size >= MAX_CACHED) cache.clear()
  cache.set(key, request)
  return request
}

export function BadgeImage({ badge, size, version, decorative }: BadgeImageProps): ReactElement {
  const pixels = Math.min(600, Math.max(16, size * 2))
  const frozen =
    version === undefined ? undefined : badge.versions.find((v) => v.version === version)
  const sha = (frozen?.content ?? badge.content).imageSha256 ?? 'none'
  const key = `${badge.id}:${version ?? 'current'}:${sha}:${pixels}`
  const kiln = useKiln()
  const [loaded, setLoaded] = useState<Readonly<{ key: string; src: string | null }> | null>(null)

  useEffect(() => {
    let active = true
    void loadImage(kiln, badge.id, key, pixels, version).then((src) => {
      if (active) setLoaded({ key, src })
    })
    return () => {
      active = false
    }
  }, [kiln, badge.id, key, pixels, version])

  const src = loaded?.key === key ? loaded.src : null
  const alt = decorative ? '' : `Badge image of ${badge.content.name}`
  if (!src) {
    return (
      <span
        className="badge-image badge-image-placeholder"
        style={{ width: size, height: size }}
        role={decorative ? undefined : 'img'}
        aria-label={decorative ? undefined : alt}
      >
        {loaded?.key === key ? <ImageOff aria-hidden="true" size={size / 2} /> : null}
      </span>
    )
  }
  return <img className="badge-image" src={src} alt={alt} width={size} height={size} />
}
