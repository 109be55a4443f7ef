import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';

export default defineConfig({
  // The app's `@/…` imports (tsconfig paths), so route handlers can be imported by tests.
  resolve: { alias: [{ find: /^@\//, replacement: fileURLToPath(new URL('./', import.meta.url)) }] },
  test: {
    include: ['lab-engine/**/*.test.ts', 'app/**/*.test.ts', 'scripts/**/*.test.ts', 'content/**/*.test.ts'],
    exclude: ['**/node_modules/**', 'lab-engine/dist/**', 'e2e/**'],
    pool: 'forks',
    testTimeout: 20000,
  },
});
