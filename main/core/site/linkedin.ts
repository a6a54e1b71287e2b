/** LinkedIn "Add to profile" (certification) link, OPEN-BADGES.md §8: every value URL-encoded. */
import { query } from './escape.js'

export type LinkedInInput = Readonly<{
  badgeName: string
  organizationName: string
  organizationId?: string
  issuedAt: string
  expiresAt?: string
  certUrl: string
  certId: string
}>

export function linkedInAddToProfileUrl(input: LinkedInInput): string {
  const issued = new Date(input.issuedAt)
  const expires = input.expiresAt ? new Date(input.expiresAt) : undefined
  return (
    'https://www.linkedin.com/profile/add?' +
    query([
      ['startTask', 'CERTIFICATION_NAME'],
      ['name', input.badgeName],
      ...(input.organizationId
        ? ([['organizationId', input.organizationId]] as const)
        : ([['organizationName', input.organizationName]] as const)),
      ['issueYear', issued.getUTCFullYear()],
      ['issueMonth', issued.getUTCMonth() + 1],
      ['expirationYear', expires?.getUTCFullYear()],
      ['expirationMonth', expires ? expires.getUTCMonth() + 1 : undefined],
      ['certUrl', input.certUrl],
      ['certId', input.certId]
    ])
  )
}
