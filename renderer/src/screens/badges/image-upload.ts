/**
 * Reading an image file the person chose and handing it to the core (badges:uploadImage), which
 * checks, sanitises and stores it. The checks here only spare a round trip for obvious mistakes.
 */
import { err, type Result } from '../../../../shared/result.js'
import type { UploadedImage } from '../../../../shared/methods/badges.js'
import type { KilnApi } from '../../../../shared/api.js'

export const ACCEPTED_IMAGES = 'image/png,image/jpeg,image/svg+xml,.png,.jpg,.jpeg,.svg'
const MAX_BYTES = 5 * 1024 * 1024

function readBase64(file: File): Promise<string> {
  return new Promise((resolve, reject) => {
    const reader = new FileReader()
    reader.onload = () => {
      const url = typeof reader.result === 'string' ? reader.result : ''
      resolve(url.slice(url.indexOf(',') + 1))
    }
    reader.onerror = () => reject(reader.error ?? new Error('unreadable'))
    reader.readAsDataURL(file)
  })
}

export async function uploadImageFile(kiln: KilnApi, file: File): Promise<Result<UploadedImage>> {
  if (!/\.(png|jpe?g|svg)$/i.test(file.name) && !/^image\/(png|jpeg|svg\+xml)$/.test(file.type)) {
    return err('IMAGE_REJECTED', `“${file.name}” is not a PNG, JPEG or SVG image.`)
  }
  if (file.size > MAX_BYTES) {
    return err('IMAGE_REJECTED', `“${file.name}” is larger than 5 MB; use a smaller image.`)
  }
  let imageBase64: string
  try {
    imageBase64 = await readBase64(file)
  } catch {
    return err('UNREADABLE_INPUT', `“${file.name}” could not be read.`)
  }
  return kiln.badgesUploadImage({ imageBase64 })
}
