import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    // The bundler consumer projects run on their own: npm run test:consumers (vitest.consumers.config.ts).
    exclude: ['test/consumers/**', '**/node_modules/**'],
    testTimeout: 60_000,
    pool: 'forks',
  },
});
