import js from '@eslint/js';
import ts from 'typescript-eslint';
import svelte from 'eslint-plugin-svelte';
import globals from 'globals';

// Which room may import which (README "Layout"): components -> lib -> contract <- workers.
// The page starts a worker by URL (`new URL('…worker.ts', import.meta.url)` in src/lib/*/spawn.ts),
// never by import. Folder-level cycles are checked by scripts/check-imports.ts.
const NOT_PRODUCTION = ['**/scripts/**', '**/tests/**', '**/e2e/**'];
const rooms = (message, group) => ['error', { patterns: [{ group, message }] }];

export default ts.config(
  { ignores: ['src/paraglide/', 'dist/', 'dist-*/', '.prof/', 'node_modules/', 'e2e/.models/', 'test-results/', 'playwright-report/', 'bench-results/'] },
  js.configs.recommended,
  ...ts.configs.recommended,
  ...svelte.configs.recommended,
  {
    rules: {
      '@typescript-eslint/no-explicit-any': 'error',
      '@typescript-eslint/consistent-type-imports': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      'no-console': ['error', { allow: ['warn', 'error'] }],
    },
  },
  {
    files: ['**/*.svelte', '**/*.svelte.ts'],
    languageOptions: { parserOptions: { parser: ts.parser } },
  },
  // Globals per room: the page has the DOM, workers the worker scope, the contract neither.
  { files: ['src/**'], ignores: ['src/contract/**'], languageOptions: { globals: globals.browser } },
  { files: ['workers/**'], languageOptions: { globals: globals.worker } },
  { files: ['src/contract/**'], languageOptions: { globals: globals.es2021 } },
  {
    files: ['scripts/**', 'tests/**', 'e2e/**', '**/*.test.ts', '*.config.{js,ts}'],
    languageOptions: { globals: { ...globals.node, ...globals.browser } },
  },
  // Boundaries.
  {
    files: ['src/contract/**'],
    ignores: ['**/*.test.ts'],
    rules: { 'no-restricted-imports': rooms('src/contract is imported by both sides and imports neither.', ['**/lib/**', '**/components/**', '**/workers/**', ...NOT_PRODUCTION]) },
  },
  {
    files: ['workers/**'],
    ignores: ['**/*.test.ts'],
    rules: { 'no-restricted-imports': rooms('Workers share only src/contract with the page.', ['**/src/lib/**', '**/src/components/**', ...NOT_PRODUCTION]) },
  },
  {
    files: ['src/lib/**'],
    ignores: ['**/*.test.ts'],
    rules: { 'no-restricted-imports': rooms('src/lib is the page logic: no components, no worker code (start workers in spawn.ts by URL), nothing test-only.', ['**/components/**', '**/workers/**', ...NOT_PRODUCTION]) },
  },
  {
    files: ['src/components/**', 'src/*.{ts,svelte}'],
    rules: { 'no-restricted-imports': rooms('The page reaches workers through src/lib, and never imports test code.', ['**/workers/**', ...NOT_PRODUCTION]) },
  },
  {
    // Scripts print their figures; a test may print the figure it checks.
    files: ['scripts/**', 'e2e/**', '**/*.test.ts'],
    rules: { 'no-console': 'off' },
  },
);
