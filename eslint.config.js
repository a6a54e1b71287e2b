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
    files: ['main/core/**/*.ts', 'main/cli/**/*.ts', 'main/host/**/*.ts', 'main/relay/**/*.ts'],
    rules: { 'no-restricted-imports': ['error', { paths: [noElectron] }] }
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
            { group: ['**/main/**'], message: 'The renderer talks only to shared/ (the contract).' }
          ]
        }
      ]
    }
  }
)
