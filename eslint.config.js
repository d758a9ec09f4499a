// Lint: typescript-eslint's recommended rules plus the architecture's boundaries (STYLE.md,
// "Boundaries you can see"): enforced here, not only stated in comments.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import importX, { createNodeResolver } from 'eslint-plugin-import-x';

export default tseslint.config(
  {
    ignores: [
      'node_modules/**',
      'dist/**',
      'src/generated/**',
      'scripts/bank-pull/gql/**',
      'bench/results/**',
      'coverage/**',
      'test/artifacts/**',
      'src/playground/assets/**',
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    plugins: { 'import-x': importX },
    settings: {
      'import-x/resolver-next': [createNodeResolver({ extensions: ['.ts', '.js'] })],
      'import-x/extensions': ['.ts', '.js'],
      'import-x/ignore': ['node_modules'],
      'import-x/parsers': { '@typescript-eslint/parser': ['.ts'] },
    },
    languageOptions: {
      ecmaVersion: 2023,
      sourceType: 'module',
      globals: {
        process: 'readonly',
        console: 'readonly',
        Buffer: 'readonly',
        URL: 'readonly',
        setTimeout: 'readonly',
        clearTimeout: 'readonly',
        setInterval: 'readonly',
        clearInterval: 'readonly',
      },
    },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      // Cycles among our own modules; external packages (some ship huge minified bundles) are not parsed.
      'import-x/no-cycle': ['error', { ignoreExternal: true }],
      // Only src/config reads the environment.
      'no-restricted-properties': [
        'error',
        { object: 'process', property: 'env', message: 'Read configuration through src/config only.' },
      ],
    },
  },
  {
    files: [
      'src/config/**',
      'src/main.ts',
      'sandbox/dev.ts',
      'sandbox/cli.ts',
      'test/**',
      'bench/**',
      'scripts/**',
      'vitest.config.ts',
      'eslint.config.js',
    ],
    rules: { 'no-restricted-properties': 'off' },
  },
  {
    files: ['src/**/client/**/*.js'],
    languageOptions: {
      sourceType: 'script',
      globals: { document: 'readonly', window: 'readonly', fetch: 'readonly', localStorage: 'readonly' },
    },
  },
  {
    files: ['src/**/client/**/*.ts'],
    languageOptions: {
      globals: {
        document: 'readonly',
        window: 'readonly',
        fetch: 'readonly',
        sessionStorage: 'readonly',
        URL: 'readonly',
        Blob: 'readonly',
        HTMLElement: 'readonly',
      },
    },
  },
  { files: ['test/**'], rules: { '@typescript-eslint/no-explicit-any': 'off' } },
  {
    // Connectors know their department and nothing of GraphQL.
    files: ['connectors/**'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: [
                'graphql',
                'graphql/*',
                '@graphql-tools/*',
                '@apollo/*',
                'graphql-shield',
                '../../resolvers/*',
                '../../src/server/*',
              ],
              message: 'connectors/ must not know GraphQL.',
            },
            { group: ['**/sandbox/**'], message: 'production code must not import the sandbox.' },
          ],
        },
      ],
    },
  },
  {
    // Files and functions stay small enough to read: a file at most 300 lines (every line: comments
    // and blank lines are read too), a function 80 lines of code, wherever code is written, the
    // browser scripts included.
    files: [
      'src/**/*.{ts,js}',
      'resolvers/**/*.ts',
      'connectors/**/*.ts',
      'sandbox/**/*.ts',
      'bench/**/*.ts',
      'scripts/**/*.{ts,js}',
    ],
    ignores: ['src/generated/**'],
    rules: {
      'max-lines': ['error', { max: 300 }],
      'max-lines-per-function': ['error', { max: 80, skipBlankLines: true, skipComments: true }],
    },
  },
  {
    // Data tables, not logic: metric definitions, the playground's examples.
    files: ['src/metrics/metrics.ts', 'src/playground/playgroundPage.ts'],
    rules: { 'max-lines-per-function': 'off' },
  },
  {
    // Production code never imports the sandbox (a test double): only sandbox/dev.ts composes the two.
    files: ['src/**'],
    rules: {
      'no-restricted-imports': [
        'error',
        { patterns: [{ group: ['**/sandbox/**'], message: 'production code must not import the sandbox.' }] },
      ],
    },
  },
  {
    // Resolvers never see a department's wire types.
    files: ['resolvers/**'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: ['**/connectors/*/wire*', '**/sandbox/**'],
              message: 'resolvers/ must not import wire types.',
            },
          ],
        },
      ],
    },
  },
  {
    // Domain logic is pure: no I/O, no clock.
    files: ['src/credit/**'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: [
                'node:*',
                'ioredis',
                'undici',
                '**/connectors/**',
                'graphql',
                'graphql/*',
                '**/sandbox/**',
              ],
              message: 'src/credit/ is pure: no I/O.',
            },
          ],
        },
      ],
      'no-restricted-syntax': [
        'error',
        {
          selector: "CallExpression[callee.object.name='Date'][callee.property.name='now']",
          message: 'Take the clock as an argument.',
        },
      ],
    },
  },
);
