// ESLint: typescript-eslint's recommended type-checked rules over the TypeScript tree.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  { ignores: ['dist/', 'src/generated/', 'node_modules/', 'data/', 'coverage/', 'scripts/', '*.js', '*.mjs'] },
  js.configs.recommended,
  ...tseslint.configs.recommendedTypeChecked,
  {
    languageOptions: { parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname } },
    rules: {
      // Fastify hooks and handlers, Apollo's context and MCP's callbacks are declared async so that a throw
      // becomes a rejected promise, which is how those frameworks route errors; many never await.
      '@typescript-eslint/require-await': 'off',
      // A leading underscore marks a binding that exists only to be left out (`{ format: _f, ...rest }`).
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_', destructuredArrayIgnorePattern: '^_' },
      ],
    },
  },
  {
    // Tests read HTTP response bodies, which supertest and fetch type as `any`: the body is the JSON under
    // test, and the assertions are what check its shape, so typing every body first would only restate them.
    files: ['**/*.test.ts'],
    rules: {
      '@typescript-eslint/no-unsafe-member-access': 'off',
      '@typescript-eslint/no-unsafe-assignment': 'off',
      '@typescript-eslint/no-unsafe-call': 'off',
      '@typescript-eslint/no-unsafe-argument': 'off',
      '@typescript-eslint/no-unsafe-return': 'off',
      '@typescript-eslint/no-explicit-any': 'off',
    },
  },
);
