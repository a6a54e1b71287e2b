/**
 * Redaction of every log line before it reaches a sink: e-mail addresses, bearer and basic
 * credentials, passwords in URLs, session tokens and one-time codes in URLs, private keys,
 * and the value of anything labelled as a passphrase, password, secret, token, API or access
 * key, private key, authorization or cookie (JSON `"key": "value"`, `key=value`, `key: value`).
 * The log must stay useful, so ids, hashes, paths and error codes are left alone.
 */
const MASK = '<redacted>'

const PRIVATE_KEY_BLOCK =
  /-----BEGIN [A-Z ]*PRIVATE KEY-----[\s\S]*?(?:-----END [A-Z ]*PRIVATE KEY-----|$)/g
const URL_PASSWORD = /\b([a-z][a-z0-9+.-]*:\/\/[^\s/:@]*):[^\s/@]*@/gi
const AUTH_SCHEME = /\b(Bearer|Basic)\s+[A-Za-z0-9._~+/=-]+/g
const URL_SECRET_PARAM =
  /([#?&;](?:token|code|key|secret|password|passphrase|sig|signature)=)[^&\s#"'<>]+/gi
const LABELLED =
  /(["']?)\b([A-Za-z_-]*(?:passphrase|password|passwd|secret|token|api[_-]?key|access[_-]?key|private[_-]?key|authorization|cookie))\1(\s*[:=]\s*)("(?:[^"\\]|\\.)*"|'[^']*'|[^\s,;&}\]]+)/gi
const EMAIL = /[\p{L}\p{N}._%+-]+@[\p{L}\p{N}-]+(?:\.[\p{L}\p{N}-]+)+/gu

export function redactSecrets(line: string): string {
  return line
    .replace(PRIVATE_KEY_BLOCK, '<private key redacted>')
    .replace(URL_PASSWORD, `$1:${MASK}@`)
    .replace(AUTH_SCHEME, `$1 ${MASK}`)
    .replace(URL_SECRET_PARAM, `$1${MASK}`)
    .replace(LABELLED, (_all, quote: string, key: string, sep: string, value: string) => {
      const q = value.startsWith('"') ? '"' : value.startsWith("'") ? "'" : ''
      return `${quote}${key}${quote}${sep}${q}${MASK}${q}`
    })
    .replace(EMAIL, '<e-mail>')
}
