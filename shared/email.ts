/**
 * The one normalisation of a recipient's e-mail address, used for hashing it into credentials
 * (IdentityHash), matching (`kiln verify --email`, the recipient book) and duplicate checks:
 *
 * 1. Unicode NFC: "josé@exämple.org" typed on a Mac (decomposed, NFD: e + U+0301) and on
 *    Windows (precomposed, NFC: é) are the same address and the same person;
 * 2. trimmed (spaces and line breaks around it);
 * 3. lower-cased, the domain AND the local part. Domains are case-insensitive (RFC 5321 §2.4).
 *    The local part may be case-sensitive in theory, but no mail provider people use treats
 *    Ana@ and ana@ as two mailboxes, people type them both ways, and Kiln has lower-cased the
 *    whole address since its first version: keeping that means every credential issued so far
 *    still matches and no recipient splits in two. (Unicode lower-casing, locale-independent.)
 *
 * Not changed: dots or "+tags" in the local part (they are different mailboxes at some
 * providers), and an internationalised domain in punycode (xn--…) is not converted to Unicode.
 * Browser-safe (no node:*): the renderer and the contract use it too.
 */
export function normaliseEmail(email: string): string {
  // ASCII is its own NFC form; most addresses are ASCII, and the ledger normalises every award.
  // eslint-disable-next-line no-control-regex
  const text = /^[\x00-\x7f]*$/.test(email) ? email : email.normalize('NFC')
  return text.trim().toLowerCase()
}

/**
 * The forms an address may have been hashed in by earlier versions of Kiln (trimmed and
 * lower-cased, but not NFC) or by other issuers (as typed): the normalised address first,
 * then its decomposed (NFD) form and the text as given. Matching a credential tries each, so
 * a credential issued before NFC normalisation still verifies with the address in either form.
 */
export function emailCandidates(email: string): string[] {
  const normalised = normaliseEmail(email)
  const forms = [
    normalised,
    normalised.normalize('NFD'),
    email.trim().toLowerCase(),
    email.trim(),
    email
  ]
  return [...new Set(forms)]
}
