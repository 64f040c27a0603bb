import { relative } from 'node:path';
import { defineConfig } from 'vitest/config';
import { BaseSequencer, type TestSpecification } from 'vitest/node';

/**
 * The files that take longest (~15-75 s each on 2 cores, most of them child processes), started first so
 * that the short files fill the other worker around them. Vitest orders by the durations it cached on the
 * last run; a fresh clone (CI) has none, and by file size the examples, whose five child processes are the
 * suite's longest chain, started last and held the end (.ci/run took 5 m 27 s).
 */
const SLOW_FIRST = [
  'test/examples/examples.test.ts',
  'test/package/pack.test.ts',
  'test/sx/steadyFuzz.test.ts',
  'test/distributed/redis.test.ts',
  'test/cli/cli.test.ts',
  'test/browser/playground.test.ts',
  'test/sx/steadyReference.test.ts',
  'test/engine/runBatches.test.ts',
  'test/core/hostileInputs.test.ts',
];

class SlowFirst extends BaseSequencer {
  override async sort(files: TestSpecification[]): Promise<TestSpecification[]> {
    const sorted = await super.sort(files);
    const rank = (f: TestSpecification) => {
      const i = SLOW_FIRST.indexOf(relative(process.cwd(), f.moduleId).replaceAll('\\', '/'));
      return i < 0 ? SLOW_FIRST.length : i;
    };
    return sorted
      .map((f, i) => ({ f, i }))
      .sort((a, b) => rank(a.f) - rank(b.f) || a.i - b.i)
      .map((x) => x.f);
  }
}

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
    sequence: { sequencer: SlowFirst },
  },
});
