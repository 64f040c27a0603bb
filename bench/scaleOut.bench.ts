// Question (issue 15): how much faster is the cascade Monte Carlo on 2 threads than on 1, measured in the
// same run, with a pool per call (the default) and with a long-lived engine (`createEngine`) that keeps its
// threads warm between studies? Goal: >= 1.8x at 1,000 runs. Runs the built package (`npm run build`).
// Vitest runs one bench after another, so a slow minute of a shared machine falls on one thread count only:
// bench/speedup.mjs measures the same study alternately and is the one bench/README.md reports for the goal.
import { afterAll, beforeAll, bench, describe } from 'vitest';
import { createEngine, monteCarlo, separationFactors } from '../dist/index.js';
import { prNdStudy } from './shared.mjs';

/** The study of bench/speedup.mjs: 1,000 runs of a saturated 26 + 26-stage Pr/Nd-like cascade. */
const { study } = prNdStudy(separationFactors, 1000);

const engines = { 1: createEngine({ threads: 1 }), 2: createEngine({ threads: 2 }) };
/**
 * Studies each engine runs before it is timed. A 2-thread engine's workers warm up more slowly than a
 * 1-thread one's: each sees half the solves, and V8's optimising compiler shares the two CPUs with them.
 * Measured here (2026-12-07): 1 thread 612, 329, 276 ms for its first studies; 2 threads 570, 215, 197, 197,
 * 204, 180, 158, 159 ms.
 */
const WARM_STUDIES = 8;
beforeAll(async () => {
  for (const engine of [engines[1], engines[2]])
    for (let k = 0; k < WARM_STUDIES; k++)
      await monteCarlo(study, { backend: engine, seed: 'bench', progressBar: false });
}, 120_000);
afterAll(async () => {
  await engines[1].close();
  await engines[2].close();
});

describe('Monte Carlo: 1,000 runs of the 26 + 26 cascade (batches of 25, 2 outputs)', () => {
  for (const threads of [1, 2] as const) {
    bench(
      `pool per call, threads: ${threads}`,
      async () => {
        await monteCarlo(study, { threads, seed: 'bench', progressBar: false });
      },
      { iterations: 6, warmupIterations: 1 },
    );
  }
  for (const threads of [1, 2] as const) {
    bench(
      `long-lived engine, threads: ${threads}`,
      async () => {
        await monteCarlo(study, { backend: engines[threads], seed: 'bench', progressBar: false });
      },
      { iterations: 6, warmupIterations: 2 },
    );
  }
});
