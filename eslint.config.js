// Lint enforces the architecture: main/core and shared never import electron;
// shared and renderer never import Node built-ins; the renderer talks only to shared/.
import js from '@eslint/js'
import tseslint from 'typescript-eslint'
import reactHooks from 'eslint-plugin-react-hooks'
import globals from 'globals'
import { builtinModules } from 'node:module'

const nodeBuiltins = [...builtinModules, ...builtinModules.map((m) => `node:${m}`), 'node:*']
const noNode = {
  group: nodeBuiltins,
  message: 'shared/ and renderer/ run without Node: no Node built-ins.'
}
const noElectron = {
  name: 'electron',
  message: 'main/core and shared/ must run in plain Node: never import electron.'
}

export default tseslint.config(
  {
    ignores: ['out/**', 'release/**', 'node_modules/**', 'test-results/**', 'playwright-report/**']
  },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    // Lint that sees types: a promise is awaited, returned or explicitly voided, and never handed
    // to something that expects a plain function or condition (issue 15 item 10).
    files: ['**/*.{ts,tsx}'],
    languageOptions: {
      parserOptions: {
        projectService: { allowDefaultProject: ['renderer/vite.config.ts'] },
        tsconfigRootDir: import.meta.dirname
      }
    },
    rules: {
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/no-misused-promises': 'error',
      '@typescript-eslint/await-thenable': 'error',
      '@typescript-eslint/require-await': 'off'
    }
  },
  {
    languageOptions: { globals: { ...globals.node } },
    rules: {
      '@typescript-eslint/no-explicit-any': 'error',
      '@typescript-eslint/consistent-type-imports': 'error',
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }
      ],
      'no-console': 'off',
      eqeqeq: ['error', 'always', { null: 'ignore' }],
      curly: ['error', 'multi-line']
    }
  },
  {
    files: ['main/cli/**/*.ts', 'main/host/**/*.ts', 'main/relay/**/*.ts'],
    rules: { 'no-restricted-imports': ['error', { paths: [noElectron] }] }
  },
  {
    // The core is the hosts' library, never the other way round: no electron, no host, no CLI,
    // no relay (host services come in through HostServices, main/core/host-services.ts).
    files: ['main/core/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: [noElectron],
          patterns: [
            {
              group: ['**/host/**', '**/electron/**', '**/cli/**', '**/relay/**'],
              message:
                'main/core never imports a host, the CLI or the relay: hosts call the core through the dispatcher.'
            }
          ]
        }
      ]
    }
  },
  {
    // CLI start-up (main/cli/index.ts): registering commands loads no core, no host and no
    // schema; actions load what they use with `await import()` (types are free).
    files: ['main/cli/**/*.ts'],
    rules: {
      'no-restricted-imports': 'off',
      '@typescript-eslint/no-restricted-imports': [
        'error',
        {
          paths: [noElectron],
          patterns: [
            {
              group: [
                '**/core/**',
                '!**/core/failure.js',
                '!**/core/logger.js',
                '!**/core/version.js',
                // (a file in a refused folder is allowed only once its folder is)
                '!**/core/station/',
                '**/core/station/*',
                '!**/core/station/default-data-dir.js',
                '**/host/**',
                '**/shared/**',
                '!**/shared/result.js',
                '!**/shared/error-messages.js',
                // (zod-free values a command offers as flag choices)
                '!**/shared/methods/',
                '**/shared/methods/*',
                '!**/shared/methods/*-values.js',
                '!**/shared/site-languages.js',
                'zod',
                'jsonld',
                'pdfkit',
                'fontkit',
                '@resvg/resvg-js',
                'pngjs',
                'ajv',
                'lowdb'
              ],
              allowTypeImports: true,
              message:
                'The CLI registers commands without loading the core: import it inside the action with `await import()` (see main/cli/index.ts).'
            }
          ]
        }
      ]
    }
  },
  {
    files: ['shared/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        { paths: [noElectron, ...nodeBuiltins.map((name) => ({ name, message: noNode.message }))] }
      ]
    }
  },
  {
    files: ['renderer/**/*.{ts,tsx}'],
    languageOptions: { globals: { ...globals.browser } },
    plugins: { 'react-hooks': reactHooks },
    rules: {
      ...reactHooks.configs.recommended.rules,
      // Kiln does not use the React Compiler; TanStack Virtual's hook is fine without it.
      'react-hooks/incompatible-library': 'off',
      'no-restricted-imports': [
        'error',
        {
          paths: [noElectron, ...nodeBuiltins.map((name) => ({ name, message: noNode.message }))],
          patterns: [
            {
              group: ['**/main/**'],
              message: 'The renderer talks only to shared/ (the contract).'
            },
            {
              group: ['**/api/client.js'],
              message: 'Components get the client from context: useKiln() (main.tsx provides it).'
            }
          ]
        }
      ]
    }
  },
  {
    // The one place that creates the real client and provides it.
    files: ['renderer/src/main.tsx'],
    rules: { 'no-restricted-imports': 'off' }
  }
)
