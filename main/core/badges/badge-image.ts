/**
 * Where a badge's PNG comes from: a design (rendered), an upload (cleaned, fitted to 600×600),
 * an image already uploaded (by hash), or a default design from the badge name.
 */
import { defaultDesign, type BadgeDesign } from '../../../shared/design/design-schema.js'
import { readImage, storeAsBadgeImage, storePng, storeUploadedImage } from './images.js'
import { renderDesign } from './render-png.js'

export type ImageChoice = Readonly<{
  design?: BadgeDesign | undefined
  imageBase64?: string | undefined
  imageSha256?: string | undefined
}>

export type ResolvedImage = Readonly<{ imageSha256: string; design?: BadgeDesign }>

export function hasImageChoice(choice: ImageChoice): boolean {
  return (
    choice.design !== undefined ||
    choice.imageBase64 !== undefined ||
    choice.imageSha256 !== undefined
  )
}

export function renderDesignFromStore(
  imagesDir: string,
  design: BadgeDesign
): { svg: string; png: Buffer } {
  const icon = design.icon.kind === 'upload' ? readImage(imagesDir, design.icon.sha256) : undefined
  return renderDesign(design, icon)
}

/** Stores the badge image for `choice` (nothing when it is refused) and returns its hash. */
export async function resolveBadgeImage(
  imagesDir: string,
  choice: ImageChoice,
  name: string
): Promise<ResolvedImage> {
  if (choice.imageBase64 !== undefined) {
    const uploaded = await storeUploadedImage(imagesDir, Buffer.from(choice.imageBase64, 'base64'))
    return { imageSha256: await storeAsBadgeImage(imagesDir, uploaded.sha256) }
  }
  if (choice.imageSha256 !== undefined) {
    return { imageSha256: await storeAsBadgeImage(imagesDir, choice.imageSha256) }
  }
  const design = choice.design ?? defaultDesign(name)
  const { png } = renderDesignFromStore(imagesDir, design)
  return { imageSha256: await storePng(imagesDir, png), design }
}
