// Lint rules for the whole repository (npm run lint, part of npm test): the recommended
// JavaScript and TypeScript rules, with the few exceptions this codebase has reasons for.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  {
    ignores: [
      'node_modules/',
      'miniprogram/**/*.js',
      'miniprogram/miniprogram_npm/',
      'cloudfunctions/*/index.js',
      'dist/',
      '.build/',
      '.doorstep/',
      'coverage/',
      'build/bundle/*.js',
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    rules: {
      // Declared-but-unused is a leftover; a leading underscore marks one kept on purpose.
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_', caughtErrors: 'none' }],
      // Heavy libraries are required inside the action that needs them (cold starts), and the
      // mini-program simulator and exparser are CommonJS without types.
      '@typescript-eslint/no-require-imports': 'off',
    },
  },
  {
    // CommonJS configuration files.
    files: ['**/*.js', '**/*.cjs'],
    languageOptions: { globals: { module: 'writable', require: 'readonly', __dirname: 'readonly', process: 'readonly' } },
  },
  {
    // Control and invisible characters are what these patterns are about (free text is cleaned of them).
    files: ['cloudfunctions/common/schemas.ts', 'test/reliability/hostile-inputs.test.ts'],
    rules: { 'no-control-regex': 'off' },
  },
  {
    // The mini-program's pages and components are written against WeChat's globals.
    files: ['miniprogram/**/*.ts'],
    languageOptions: {
      globals: { wx: 'readonly', Component: 'readonly', Behavior: 'readonly', App: 'readonly', getApp: 'readonly', getCurrentPages: 'readonly' },
    },
  },
);
