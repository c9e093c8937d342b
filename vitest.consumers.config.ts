/**
 * The consumer projects (`npm run test:consumers`, test/consumers): each bundler recipe of
 * docs/runtimes.md built from the packed tarball and driven in Debian's Chromium. Needs `npm run build`.
 */
import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/consumers/**/*.test.ts'],
    testTimeout: 300_000,
    hookTimeout: 300_000,
    pool: 'forks',
  },
});
