// Questions (issue 5): what does a 10-year monthly run of the baseline-2024 supply chain cost, and how long
// does a 1,000-run disruption ensemble take on 2 threads? Runs the built package (dist/: `npm run build`
// first), as users do. The ensemble: baseline-2024 with China's 2025 export licensing, 36 months from
// 2024-01; each run draws a random Myanmar (Kachin) outage history (seed, rate, length) and the licence's
// approval rate and delay (ensembleStudy below).
import { bench, describe } from 'vitest';
import {
  baseline2024,
  type MonteCarloStudy,
  monteCarlo,
  type SupplyScenario,
  simulateSupplyChain,
  withExportLicensing2025,
} from '../dist/index.js';

/** The ensemble's study: `runs` runs of the licensing scenario with a random Kachin outage. */
function ensembleStudy(runs: number): MonteCarloStudy {
  const licensed = withExportLicensing2025(baseline2024);
  const scenario: SupplyScenario = {
    ...licensed,
    facilities: licensed.facilities.map((f) =>
      f.id === 'mm-kachin' ? { ...f, outage: { ratePerMonth: 0.05, months: 3 } } : f,
    ),
  };
  return {
    model: 'supply-chain',
    base: { scenario, options: { start: '2024-01', months: 36, seed: 0 } },
    parameters: [
      { path: 'options.seed', distribution: { kind: 'uniform', min: 0, max: 1e9 } },
      {
        path: 'scenario.facilities.mm-kachin.outage.ratePerMonth',
        distribution: { kind: 'uniform', min: 0, max: 0.1 },
      },
      {
        path: 'scenario.facilities.mm-kachin.outage.months',
        distribution: { kind: 'discrete', values: [1, 3, 6, 12] },
      },
      {
        path: 'scenario.policies.cn-licensing-2025-04.approvalRate',
        distribution: { kind: 'uniform', min: 0.2, max: 0.8 },
      },
      {
        path: 'scenario.policies.cn-licensing-2025-04.licenceDelayMonths',
        distribution: { kind: 'discrete', values: [1, 2, 3, 4] },
      },
    ],
    outputs: [
      'years.2026.demand.jp-magnets.shortfall.Dy',
      'years.2026.demand.us-magnets.shortfall.Tb',
      'balanceResidual',
    ],
    runs,
  };
}

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
