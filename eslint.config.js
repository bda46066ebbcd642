import js from '@eslint/js';
import tseslint from 'typescript-eslint';

const ioModules = [
  'fs',
  'fs/*',
  'node:*',
  'child_process',
  'http',
  'https',
  'net',
  'os',
  'path',
  'process',
  'worker_threads',
  '@actions/*',
  '@octokit/*',
];

export default tseslint.config(
  { ignores: ['dist/', 'node_modules/', 'coverage/', '.bench/'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: {
      globals: {
        process: 'readonly',
        console: 'readonly',
        URL: 'readonly',
        Buffer: 'readonly',
        setTimeout: 'readonly',
        clearTimeout: 'readonly',
        setInterval: 'readonly',
        clearInterval: 'readonly',
      },
    },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      eqeqeq: ['error', 'smart'],
    },
  },
  {
    // src/core is pure: data in, data out. I/O lives behind the ports in src/core/ports.ts.
    files: ['src/core/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            { group: ioModules, message: 'src/core is pure: do I/O in src/adapters behind a port.' },
            {
              group: ['**/adapters', '**/adapters/**', '**/app', '**/app/**'],
              message: 'src/core must not depend on adapters or use cases.',
            },
          ],
        },
      ],
      'no-restricted-globals': [
        'error',
        { name: 'process', message: 'src/core is pure: pass values in.' },
        { name: 'fetch', message: 'src/core is pure: use a port.' },
        { name: 'console', message: 'src/core is pure: return data, let the caller log.' },
      ],
    },
  },
  {
    // Use cases speak to the world only through the ports of src/core/ports.ts; the entries (src/main.ts,
    // src/cli.ts) choose the adapters and pass them in, so tests can pass others.
    files: ['src/app/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: ['**/adapters', '**/adapters/**'],
              message:
                'src/app must not import adapters: take the port as a parameter, the entry passes it in.',
            },
          ],
        },
      ],
    },
  },
  {
    files: ['src/adapters/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        { patterns: [{ group: ['**/app', '**/app/**'], message: 'adapters must not import use cases.' }] },
      ],
    },
  },
);
