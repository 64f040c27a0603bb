import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    setupFiles: ['test/setup.ts'],
    benchmark: { include: ['bench/**/*.bench.ts'] },
    // Vitest's default on 2 cores is one worker (cores − 1): the files then run one after another.
    // Two workers halve the suite's wall time here (no test asserts on timing).
    maxWorkers: 2,
    testTimeout: 120_000,
    hookTimeout: 180_000,
  },
});
