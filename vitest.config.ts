import { defineConfig } from 'vitest/config'

export default defineConfig({
  test: {
    include: [
      'main/**/*.test.ts',
      'shared/**/*.test.ts',
      'test/**/*.test.ts',
      // The renderer's pure logic (node), and components in happy-dom (`@vitest-environment`).
      'renderer/**/*.test.ts',
      'renderer/**/*.test.tsx'
    ],
    exclude: ['test/e2e/**', 'node_modules/**', 'out/**'],
    environment: 'node',
    testTimeout: 30_000,
    hookTimeout: 60_000,
    globalSetup: ['test/global-setup.ts'],
    reporters: ['default', './test/summary-reporter.ts']
  }
})
