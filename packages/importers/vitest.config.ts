import { defineConfig } from 'vitest/config';

// Property tests run hundreds of parses per test; on a busy two-core machine that can pass 5 s.
export default defineConfig({
  test: { include: ['src/**/*.test.ts'], env: { TZ: 'UTC' }, testTimeout: 60_000 },
});
