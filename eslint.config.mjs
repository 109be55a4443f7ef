// ESLint for the whole repository: the recommended JavaScript and typescript-eslint rules, Node's
// globals for the plain .mjs/.cjs scripts, and `_` as the name of a value kept on purpose unused
// (a rest-destructuring that drops a field, a parameter a callback signature requires).
// Layering is checked by dependency-cruiser (lab-engine/.dependency-cruiser.cjs), not here.

import js from '@eslint/js';
import globals from 'globals';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  { ignores: ['**/node_modules/**', 'lab-engine/dist/**', '.next/**', 'app/_server/generated/**', 'next-env.d.ts', 'test-results/**', 'playwright-report/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    files: ['**/*.{ts,tsx,mts}'],
    languageOptions: { ecmaVersion: 2023, sourceType: 'module' },
  },
  {
    files: ['**/*.{mjs,cjs,js}'],
    languageOptions: { ecmaVersion: 2023, globals: globals.node },
  },
  {
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_', destructuredArrayIgnorePattern: '^_', ignoreRestSiblings: true }],
    },
  },
);
