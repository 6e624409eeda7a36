import { defineConfig } from 'vitest/config';

// Only the runner's pure pieces are tested; timings are never asserted in tests (DESIGN §7).
export default defineConfig({ test: { include: ['src/**/*.test.ts'] } });
