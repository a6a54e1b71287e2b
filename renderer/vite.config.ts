/**
 * Builds the renderer for both hosts: Electron loads out/renderer/index.html from disk and the
 * web host (`kiln serve`) serves the same folder, so paths are relative (base './').
 * The app is offline: no external fonts, CDNs or remote assets.
 */
import { defineConfig, type Plugin } from 'vite'
import react from '@vitejs/plugin-react'

// Vite's config loader injects import.meta.dirname (the renderer folder); no Node import needed here.
const root = import.meta.dirname

/** The page's own CSP (the web host also sends it as a header). Build only: the dev server injects inline scripts. */
export const CONTENT_SECURITY_POLICY = [
  "default-src 'self'",
  "script-src 'self'",
  // Only React Aria's one <style> block, by hash (main/host/security-headers.ts says why).
  "style-src 'self' 'sha256-38RhXrc7EdReTKsOm23ZPOCUgniTUUcjky8QOOrQx6o='",
  "img-src 'self' data: blob:",
  "connect-src 'self'",
  "font-src 'self'",
  // The certificate preview: a PDF the page itself made (URL.createObjectURL) in an <iframe>.
  'frame-src blob:',
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'none'"
].join('; ')

function cspMeta(): Plugin {
  return {
    name: 'kiln-csp-meta',
    apply: 'build',
    transformIndexHtml() {
      return [
        {
          tag: 'meta',
          attrs: { 'http-equiv': 'Content-Security-Policy', content: CONTENT_SECURITY_POLICY },
          injectTo: 'head-prepend'
        }
      ]
    }
  }
}

export default defineConfig({
  root,
  base: './',
  plugins: [react(), cspMeta()],
  build: {
    outDir: '../out/renderer',
    emptyOutDir: true,
    sourcemap: true
  }
})
