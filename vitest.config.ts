import { relative } from 'node:path';
import { defineConfig } from 'vitest/config';
import { BaseSequencer, type TestSpecification } from 'vitest/node';

/**
 * The examples test starts first: its five child processes are the suite's longest chain (~60-75 s), and on a
 * fresh clone (CI) Vitest has no cached durations and ordered it by file size, last, so it held the end
 * alone. Starting every slow file first was worse (they oversubscribed the 2 cores: 5 m 47 s against 5 m 27 s).
 */
const SLOW_FIRST = ['test/examples/examples.test.ts'];

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
