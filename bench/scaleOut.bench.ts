// Question (issue 15): how much faster is the cascade Monte Carlo on 2 threads than on 1, measured in the
// same run, with a pool per call (the default) and with a long-lived engine (`createEngine`) that keeps its
// threads warm between studies? Goal: >= 1.8x at 1,000 runs. Runs the built package (`npm run build`).
import { afterAll, bench, describe } from 'vitest';
import { createEngine, monteCarlo, separationFactors } from '../dist/index.js';

/** A saturated Pr/Nd-like cascade with product reflux: ~1 ms per solve. */
const heavy = {
  stages: { extraction: 26, scrub: 26 },
  feed: { flows: { A: 0.75, B: 0.25 }, volume: 1 },
  organic: { volume: 4.09 / 0.18 },
  scrub: { volume: 1, reflux: 3.34 },
  equilibrium: separationFactors({ A: 1.5, B: 1 }),
};
const study = {
  model: 'cascade' as const,
  base: heavy,
  runs: 1000,
  outputs: ['product.purity.A', 'raffinate.purity.B'],
  parameters: [
    { path: 'equilibrium.beta.A', distribution: { kind: 'uniform' as const, min: 1.35, max: 1.65 } },
    { path: 'feed.flows.A', distribution: { kind: 'triangular' as const, min: 0.7, mode: 0.75, max: 0.8 } },
  ],
};

const engines = { 1: createEngine({ threads: 1 }), 2: createEngine({ threads: 2 }) };
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
