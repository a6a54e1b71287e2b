/**
 * The fixed values of the delivery contract, without zod: the CLI offers them as flag choices
 * while it registers commands, before (and without) loading the contract's schemas.
 */
export const MESSAGE_STATES = ['queued', 'sending', 'sent', 'failed', 'cancelled'] as const
export type MessageState = (typeof MESSAGE_STATES)[number]

export const SMTP_SECURITY = ['none', 'starttls', 'tls'] as const
export type SmtpSecurity = (typeof SMTP_SECURITY)[number]
