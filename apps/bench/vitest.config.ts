import { defineConfig } from 'vitest/config';

// The runner's pure pieces, and Outlay's side of `bench:peer` against a real PGlite (which takes
// seconds to start on two cores). Timings are never asserted in tests (DESIGN §7).
export default defineConfig({
  test: {
    include: ['src/**/*.test.ts'],
    env: { TZ: 'UTC' },
    testTimeout: 60_000,
    hookTimeout: 120_000,
  },
});
