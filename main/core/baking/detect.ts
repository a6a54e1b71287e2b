/**
 * `kiln verify FILE`: work out what a file is (baked PNG, baked SVG, credential JSON, compact
 * JWS) from its bytes, not its name, and pull the credential text out of it.
 */
import { KilnFailure } from '../failure.js'
import { hasPngSignature, unbakePng } from './png.js'
import { unbakeSvg } from './svg.js'

export type CredentialFileFormat = 'png' | 'svg' | 'json' | 'jwt'

export type UnbakedFile = Readonly<{
  format: CredentialFileFormat
  /** The credential as found: JSON text, a compact JWS, or (OB 2.0 only) a hosted assertion URL. */
  credentialText: string
  encoding: 'json' | 'jwt' | 'url'
  /** Open Badges generation the container used (PNG keyword / SVG element); JSON/JWT files: 3. */
  obVersion: 2 | 3
}>

const COMPACT_JWS = /^[A-Za-z0-9_-]+\.[A-Za-z0-9_-]*\.[A-Za-z0-9_-]*$/

function textOf(bytes: Uint8Array): string | undefined {
  try {
    // fatal: a binary file that is not UTF-8 is not one of our text formats
    return new TextDecoder('utf-8', { fatal: true, ignoreBOM: false }).decode(bytes)
  } catch {
    return undefined
  }
}

function looksLikeSvg(text: string): boolean {
  // Skip the XML declaration, comments and DOCTYPE; the first element must be <svg>.
  const head = text
    .slice(0, 64 * 1024)
    .replace(/<\?[\s\S]*?\?>|<!--[\s\S]*?-->|<!DOCTYPE[^>[]*(\[[\s\S]*?\])?\s*>/gi, '')
  return /^\s*<(?:[A-Za-z_][\w.-]*:)?svg[\s>/]/.test(head)
}

/** What kind of file this is, or undefined if it is none of ours. */
export function sniffFormat(bytes: Uint8Array): CredentialFileFormat | undefined {
  if (hasPngSignature(bytes)) return 'png'
  const text = textOf(bytes)?.trim()
  if (text === undefined || text.length === 0) return undefined
  if (text.startsWith('{')) return 'json'
  if (COMPACT_JWS.test(text)) return 'jwt'
  if (text.startsWith('<') && looksLikeSvg(text)) return 'svg'
  return undefined
}

function encodingOf(text: string): UnbakedFile['encoding'] {
  if (text.startsWith('{')) return 'json'
  return /^https?:\/\//i.test(text) ? 'url' : 'jwt'
}

/**
 * The credential inside a file. Undefined when the file is a PNG/SVG that carries no baked
 * credential; KilnFailure UNREADABLE_INPUT when the file is none of the known formats or damaged.
 */
export function unbakeAny(bytes: Uint8Array): UnbakedFile | undefined {
  const format = sniffFormat(bytes)
  switch (format) {
    case 'png': {
      const v3 = unbakePng(bytes, 'openbadgecredential')
      if (v3 !== undefined) {
        return { format, credentialText: v3, encoding: encodingOf(v3), obVersion: 3 }
      }
      const v2 = unbakePng(bytes, 'openbadges')
      return v2 === undefined
        ? undefined
        : { format, credentialText: v2, encoding: encodingOf(v2), obVersion: 2 }
    }
    case 'svg': {
      const found = unbakeSvg(textOf(bytes) ?? '')
      if (found === undefined) return undefined
      const obVersion = found.element === 'credential' ? 3 : 2
      return { format, credentialText: found.text, encoding: found.kind, obVersion }
    }
    case 'json':
    case 'jwt': {
      const text = (textOf(bytes) ?? '').trim()
      return { format, credentialText: text, encoding: format, obVersion: 3 }
    }
    case undefined:
      throw new KilnFailure(
        'UNREADABLE_INPUT',
        'this file is not a baked PNG or SVG badge, credential JSON or a compact JWS'
      )
  }
}
