// ESLint (flat config) over the extension and the build and test scripts.
// Formatting: the rules below, not a formatter (the code keeps its compact
// style); lines up to 120 columns.
import js from '@eslint/js';
import globals from 'globals';

export default [
  { ignores: ['dist/', 'pkg/', 'node_modules/', 'target/', 'extension/vendor/', '.cache/'] },
  js.configs.recommended,
  {
    files: ['extension/**/*.js'],
    languageOptions: {
      ecmaVersion: 2025,
      sourceType: 'module',
      // __FIREFOX__ and __TEST__: esbuild `define`s (scripts/build.mjs).
      globals: { ...globals.browser, ...globals.webextensions, __FIREFOX__: 'readonly', __TEST__: 'readonly' },
    },
  },
  {
    files: ['scripts/**/*.mjs', 'scripts/**/*.js', 'eslint.config.js'],
    // `chrome` in the callbacks they run inside the browser (page.evaluate).
    languageOptions: { ecmaVersion: 2025, sourceType: 'module', globals: { ...globals.node, chrome: 'readonly' } },
  },
  {
    files: ['extension/**/*.js', 'scripts/**/*.mjs', 'scripts/**/*.js'],
    rules: {
      'max-len': ['error', { code: 120, ignoreUrls: true, ignoreRegExpLiterals: true, ignoreTemplateLiterals: true }],
      'no-unused-vars': ['error', { argsIgnorePattern: '^_', caughtErrors: 'none', ignoreRestSiblings: true }],
      eqeqeq: ['error', 'always', { null: 'ignore' }],
      'prefer-const': 'error',
      'no-var': 'error',
      semi: ['error', 'always'],
      quotes: ['error', 'single', { avoidEscape: true }],
      'comma-dangle': ['error', 'always-multiline'],
      'no-trailing-spaces': 'error',
      'eol-last': 'error',
    },
  },
];
