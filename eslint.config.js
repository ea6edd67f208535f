import js from '@eslint/js';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  {
    ignores: [
      '**/node_modules/**',
      '**/dist/**',
      'artifacts/**',
      '.cache/**',
      '**/coverage/**',
      'dashboard/public/build/**',
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: {
      globals: {
        process: 'readonly',
        console: 'readonly',
        Buffer: 'readonly',
        URL: 'readonly',
        setTimeout: 'readonly',
        clearTimeout: 'readonly',
        setInterval: 'readonly',
        clearInterval: 'readonly',
        fetch: 'readonly',
        AbortController: 'readonly',
        performance: 'readonly',
      },
    },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      // Libraries print only through the injected logger; the CLI entry point and scripts may use console.
      'no-console': 'error',
    },
  },
  {
    files: [
      'pipeline/src/cli/**',
      'scripts/**',
      'bench/**',
      '**/*.test.ts',
      '**/test/**',
      'dashboard/src/**',
      '**/bin/**',
    ],
    rules: { 'no-console': 'off' },
  },
);
