import { createHash } from 'node:crypto'
import fs from 'node:fs'
import path from 'node:path'
import { describe, expect, it } from 'vitest'
import { REPO_ROOT } from '../../test/vendor-paths.js'
import { CONTENT_SECURITY_POLICY, PRESSABLE_STYLE_HASH } from './security-headers.js'

describe('the Content-Security-Policy', () => {
  it('allows no inline style but React Aria’s one <style> block, by the hash of its text', () => {
    const source = fs.readFileSync(
      path.join(REPO_ROOT, 'node_modules/react-aria/dist/private/interactions/usePress.mjs'),
      'utf8'
    )
    const template = /style\.textContent = `([\s\S]*?)`\.trim\(\)/.exec(source)?.[1]
    expect(template, 'react-aria no longer injects its pressable style this way').toBeDefined()
    const attribute = /PRESSABLE_ATTRIBUTE = '([a-z-]+)'/.exec(source)?.[1]
    expect(attribute).toBe('data-react-aria-pressable')
    const text = (template ?? '').replace(/\$\{[^}]+\}/, attribute ?? '').trim()
    const hash = `'sha256-${createHash('sha256').update(text).digest('base64')}'`
    expect(PRESSABLE_STYLE_HASH).toBe(hash)
    expect(CONTENT_SECURITY_POLICY).toContain(`style-src 'self' ${hash};`)
    expect(CONTENT_SECURITY_POLICY).not.toContain('unsafe-inline')
    // The page's own <meta> copy (renderer/vite.config.ts) says the same.
    const vite = fs.readFileSync(path.join(REPO_ROOT, 'renderer/vite.config.ts'), 'utf8')
    expect(vite).toContain(`"style-src 'self' ${hash}"`)
    expect(vite).not.toContain('unsafe-inline')
  })
})
