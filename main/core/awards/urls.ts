/** Public URLs under the site where bundles are uploaded (ARCHITECTURE §5). */
export function badgeImageUrl(siteUrl: string, badgeId: string, version: number): string {
  return `${siteUrl}achievements/${encodeURIComponent(badgeId)}-v${version}.png`
}

export function credentialPageUrl(siteUrl: string, awardId: string): string {
  return `${siteUrl}credentials/${encodeURIComponent(awardId)}/`
}
