// Questions (issue 5): what does a 10-year monthly run of the baseline-2024 supply chain cost, and how long
// does a 1,000-run disruption ensemble take on 2 threads? Runs the built package (dist/: `npm run build`
// first), as users do. The ensemble: baseline-2024 with China's 2025 export licensing, 36 months from
// 2024-01; each run draws a random Myanmar (Kachin) outage history (seed, rate, length) and the licence's
// first-month approval rate and delay (bench/shared.mjs).
import { bench, describe } from 'vitest';
import * as reesim from '../dist/index.js';
import { supplyEnsemble } from './shared.mjs';

const { baseline2024, monteCarlo, simulateSupplyChain } = reesim;

/** The ensemble's study (bench/shared.mjs): `runs` runs of the licensing scenario with a random Kachin outage. */
const ensembleStudy = (runs: number) => supplyEnsemble(reesim, runs);

describe('baseline-2024, monthly LP', () => {
  bench(
    '10 years (120 months) from 2024-01',
    async () => {
      await simulateSupplyChain(baseline2024, { start: '2024-01', months: 120 });
    },
    { iterations: 5, warmupIterations: 1 },
  );
});

describe('disruption ensemble (36 months per run)', () => {
  for (const threads of [1, 2]) {
    bench(
      `100 runs, threads: ${threads}`,
      async () => {
        await monteCarlo(ensembleStudy(100), { threads, seed: 'bench', progressBar: false });
      },
      { iterations: 1, warmupIterations: 0 },
    );
  }
  bench(
    '1,000 runs, threads: 2',
    async () => {
      await monteCarlo(ensembleStudy(1000), { threads: 2, seed: 'bench', progressBar: false });
    },
    { iterations: 1, warmupIterations: 0 },
  );
});
