// ESLint flat config: `npm run lint` runs `eslint .` and then `prettier --check .`.
import js from '@eslint/js';
import { defineConfig, globalIgnores } from 'eslint/config';
import tseslint from 'typescript-eslint';

// Node's own globals (process, console, URL, setTimeout…), read from the Node that runs ESLint, so no `globals` package is needed.
const nodeGlobals = Object.fromEntries(Object.getOwnPropertyNames(globalThis).map((name) => [name, 'readonly']));

export default defineConfig([
  globalIgnores(['dist/', 'dist-test/', 'node_modules/', 'db/', 'coverage/', 'test-results/', 'playwright-report/', 'screenshots/']),

  // Plain JavaScript: the npm scripts, the `myrecord` command, the worker's tsx loader, this file.
  {
    files: ['scripts/*.mjs', 'bin/*.js', 'src/**/*.mjs', 'eslint.config.js'],
    extends: [js.configs.recommended],
    languageOptions: { globals: nodeGlobals },
  },

  // TypeScript, with type information from tsconfig.check.json: the only tsconfig that covers the tests, e2e/, bench/ and playwright.config.ts.
  {
    files: ['src/**/*.ts', 'e2e/**/*.ts', 'bench/**/*.ts', 'playwright.config.ts'],
    extends: [js.configs.recommended, tseslint.configs.recommendedTypeChecked],
    languageOptions: {
      parserOptions: { project: ['./tsconfig.check.json'], tsconfigRootDir: import.meta.dirname },
    },
    rules: {
      '@typescript-eslint/no-floating-promises': [
        'error',
        {
          // node:test awaits the promises its test(), describe(), it() and suite() return, so they need no await.
          allowForKnownSafeCalls: [{ from: 'package', package: 'node:test', name: ['test', 'describe', 'it', 'suite'] }],
        },
      ],
      '@typescript-eslint/no-misused-promises': 'error',
      '@typescript-eslint/await-thenable': 'error',
      '@typescript-eslint/require-await': 'error',
      // Services and controllers are objects of closures made by factory functions, not classes: their methods never use `this`.
      '@typescript-eslint/unbound-method': 'off',
      // `const { secret: _s, ...rest } = x` is how the code leaves a field out of a copy.
      '@typescript-eslint/no-unused-vars': ['error', { ignoreRestSiblings: true }],
    },
  },
]);
