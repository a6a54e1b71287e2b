/** Display formats shared by the awarding screens. */
const dateFormat = new Intl.DateTimeFormat(undefined, { dateStyle: 'medium' })
const countFormat = new Intl.NumberFormat('en')

export function formatDate(iso: string | undefined): string {
  if (!iso) return ''
  const date = new Date(iso)
  return Number.isNaN(date.getTime()) ? iso : dateFormat.format(date)
}

export function formatCount(n: number): string {
  return countFormat.format(n)
}

/** "1 person" / "3 people"-style plurals. */
export function plural(n: number, one: string, many: string): string {
  return `${formatCount(n)} ${n === 1 ? one : many}`
}

/** The public page of a credential under the site URL (as the bundle will publish it). */
export function credentialPageUrl(siteUrl: string, awardId: string): string {
  const base = siteUrl.endsWith('/') ? siteUrl : `${siteUrl}/`
  return `${base}credentials/${encodeURIComponent(awardId)}/`
}

/** True when a key press happens in a place that takes text (shortcuts must not steal it). */
export function isTypingTarget(target: EventTarget | null): boolean {
  if (!(target instanceof HTMLElement)) return false
  if (target.isContentEditable) return true
  if (target instanceof HTMLTextAreaElement || target instanceof HTMLSelectElement) return true
  if (target instanceof HTMLInputElement) {
    return !['button', 'checkbox', 'radio', 'submit', 'reset', 'file'].includes(target.type)
  }
  return false
}
