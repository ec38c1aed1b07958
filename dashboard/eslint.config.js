// ESLint for the dashboard (flat config): JavaScript's and typescript-eslint's recommended
// rules, eslint-plugin-vue's recommended rules for Vue 3, and eslint-config-prettier last so
// that no rule argues with Prettier about layout (`npm run lint` checks both).
import js from '@eslint/js'
import prettier from 'eslint-config-prettier/flat'
import vue from 'eslint-plugin-vue'
import { defineConfig, globalIgnores } from 'eslint/config'
import globals from 'globals'
import tseslint from 'typescript-eslint'

export default defineConfig([
  globalIgnores(['target/']),
  js.configs.recommended,
  tseslint.configs.recommended,
  vue.configs['flat/recommended'],
  {
    rules: {
      // `const { page: _page, ...filters } = q` drops keys on purpose; tsc's noUnusedLocals allows it too.
      '@typescript-eslint/no-unused-vars': ['error', { ignoreRestSiblings: true }],
    },
  },
  {
    files: ['**/*.vue'],
    // <script setup lang="ts">: the TypeScript parser inside vue-eslint-parser.
    languageOptions: { parserOptions: { parser: tseslint.parser } },
    rules: {
      // vue-tsc checks names; this rule does not know TypeScript's global types (as for .ts).
      'no-undef': 'off',
    },
  },
  {
    files: ['src/**', 'e2e/**'],
    // The browser suite (e2e/) runs in Node, and its page.evaluate() callbacks in the browser.
    languageOptions: { globals: { ...globals.browser } },
  },
  {
    files: ['e2e/**', 'scripts/**', '*.config.*'],
    languageOptions: { globals: { ...globals.node } },
  },
  prettier,
])
