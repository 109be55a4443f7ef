import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['lab-engine/**/*.test.ts', 'app/**/*.test.ts', 'scripts/**/*.test.ts', 'content/**/*.test.ts'],
    exclude: ['**/node_modules/**', 'lab-engine/dist/**', 'e2e/**'],
    pool: 'forks',
    testTimeout: 20000,
  },
});
