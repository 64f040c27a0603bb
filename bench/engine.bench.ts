// Questions (issue 4): how much faster does a batch of cascade solves run on 2 threads than on 1, and what
// does a batch cost on the pool? Runs the built package (dist/: `npm run build` first), as users do; from
// the TypeScript sources the workers would also pay tsx's start-up (~0.25 s per pool).
// Target on this 2-core machine: 1,000 cascade solves at least 1.8× faster on 2 threads than on 1.
import { bench, describe } from 'vitest';
import { monteCarlo, runBatches, separationFactors } from '../dist/index.js';
import { mountainPass } from '../examples/01-mountain-pass-to-metal.js';
import { prNdStudy } from './shared.mjs';

/** A saturated Pr/Nd-like cascade with product reflux (bench/shared.mjs), and its 1,000-run Monte Carlo. */
const { heavy, study: cascadeStudy } = prNdStudy(separationFactors, 1000);
/** A 3-stage linear cascade: a few µs per solve, so the pool's per-batch cost shows. */
const light = {
  stages: { extraction: 3 },
  feed: { flows: { A: 1 }, volume: 1 },
  organic: { volume: 1 },
  equilibrium: { kind: 'distribution', D: { A: 2 } },
};

const heavyInputs = Array.from({ length: 1000 }, () => heavy);
const lightInputs = Array.from({ length: 2000 }, () => light);

describe('1,000 saturated cascade solves (one per batch)', () => {
  for (const threads of [0, 1, 2]) {
    bench(
      `threads: ${threads}`,
      async () => {
        await runBatches(heavyInputs, { task: 'cascade', threads, progressBar: false });
      },
      { iterations: 3, warmupIterations: 1 },
    );
  }
});

describe('1,000 saturated cascade solves in 20 batches of 50', () => {
  const batches = Array.from({ length: 20 }, () => heavyInputs.slice(0, 50));
  for (const threads of [0, 1, 2]) {
    bench(
      `threads: ${threads}`,
      async () => {
        await runBatches(batches, { task: 'cascade', threads, progressBar: false });
      },
      { iterations: 5, warmupIterations: 1 },
    );
  }
});

describe('2,000 tiny batches (per-batch overhead)', () => {
  for (const threads of [0, 1, 2]) {
    bench(
      `threads: ${threads}`,
      async () => {
        await runBatches(lightInputs, { task: 'cascade', threads, progressBar: false });
      },
      { iterations: 3, warmupIterations: 1 },
    );
  }
});

// Monte Carlo: each run returns only its outputs, so little crosses the thread boundary.
describe('Monte Carlo: 1,000 cascade solves (batches of 25, outputs only)', () => {
  for (const threads of [0, 1, 2]) {
    bench(
      `threads: ${threads}`,
      async () => {
        await monteCarlo(cascadeStudy, { threads, seed: 'bench', progressBar: false });
      },
      { iterations: 5, warmupIterations: 1 },
    );
  }
});

// The demo plant without its SX train (the front end: mine to mixed oxide), ~0.3 ms per run.
const frontEnd = {
  ...mountainPass,
  blocks: mountainPass.blocks.slice(
    0,
    mountainPass.blocks.findIndex((b) => b.id === 'reoDissolve'),
  ),
  products: ['calcinedOxide'],
  residues: ['flotationTails', 'calciteLiquor', 'bakeResidue', 'barrenLiquor'],
};
const flowsheetStudy = {
  model: 'flowsheet' as const,
  base: frontEnd,
  runs: 400,
  outputs: ['kpis.products.calcinedOxide.recovery.Nd'],
  parameters: [
    {
      path: 'blocks.rougher.params.recovery',
      distribution: { kind: 'uniform' as const, min: 0.65, max: 0.8 },
    },
  ],
};

describe('Monte Carlo: 400 runs of the Mountain Pass front end (ore to mixed oxide)', () => {
  for (const threads of [0, 2]) {
    bench(
      `threads: ${threads}`,
      async () => {
        await monteCarlo(flowsheetStudy, { threads, seed: 'bench', progressBar: false });
      },
      { iterations: 3, warmupIterations: 1 },
    );
  }
});
