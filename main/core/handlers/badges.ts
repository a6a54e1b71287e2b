/** Handlers of the badge catalog. */
import { ok } from '../../../shared/result.js'
import type { BadgeResults } from '../../../shared/methods/badges.js'
import type { Handlers } from '../dispatcher.js'
import type { Station } from '../station/station.js'
import {
  archiveBadge,
  badgeImageSha,
  createBadge,
  findBadge,
  listBadges,
  publishBadge,
  toBadge,
  updateBadge
} from '../badges/badge-service.js'
import { renderDesignFromStore } from '../badges/badge-image.js'
import { readImage, storeUploadedImage } from '../badges/images.js'
import { thumbnail } from '../badges/thumbnails.js'

export function badgeHandlers(station: Station): Pick<Handlers, keyof BadgeResults> {
  const images = () => station.paths.images
  return {
    'badges:list': async () => ok({ badges: listBadges(station) }),
    'badges:get': async (input) => ok(toBadge(station, findBadge(station, input.id))),
    'badges:create': async (input) => ok(await createBadge(station, input)),
    'badges:update': async (input) => ok(await updateBadge(station, input)),
    'badges:publish': async (input) => ok(await publishBadge(station, input.id)),
    'badges:archive': async (input) => ok(await archiveBadge(station, input.id)),
    'badges:image': async (input) => {
      const sha256 = input.sha256 ?? badgeImageSha(station, input.id ?? '', input.version)
      const png = readImage(images(), sha256)
      const bytes = input.size && input.size < 600 ? thumbnail(sha256, png, input.size) : png
      return ok({ sha256, pngBase64: bytes.toString('base64') })
    },
    'badges:uploadImage': async (input) => {
      const stored = await storeUploadedImage(images(), Buffer.from(input.imageBase64, 'base64'))
      return ok({
        sha256: stored.sha256,
        pngBase64: stored.png.toString('base64'),
        width: stored.width,
        height: stored.height
      })
    },
    'badges:renderPreview': async (input) => {
      const { svg, png } = renderDesignFromStore(images(), input.design)
      return ok({ svg, pngBase64: png.toString('base64') })
    }
  }
}
