// Disruption ensembles of the supply chain through the engine's Monte Carlo (the `supply-chain` model is
// async): the same seed gives the same bits on 0, 1 and 2 threads, equal to the async batch function run
// in batch order with the engine's generators; the drawn inputs reach the model.
import seedrandom from 'seedrandom';
import { describe, expect, it } from 'vitest';
import { monteCarlo } from '../../src/engine/monteCarlo.js';
import {
  type MonteCarloStudy,
  monteCarloBatch,
  monteCarloBatchAsync,
  monteCarloBatches,
} from '../../src/study/monteCarlo.js';
import { clayEnsemble } from '../helpers.js';

const scenario = clayEnsemble;
const study: MonteCarloStudy = {
  model: 'supply-chain',
  base: { scenario, options: { start: '2025-01', months: 24, seed: 0 } },
  parameters: [
    // A new outage history per run (the seed drawn), and an outage rate and length drawn.
    { path: 'options.seed', distribution: { kind: 'uniform', min: 0, max: 1e9 } },
    {
      path: 'scenario.facilities.kachin.outage.ratePerMonth',
      distribution: { kind: 'uniform', min: 0, max: 0.2 },
    },
    {
      path: 'scenario.facilities.kachin.outage.months',
      distribution: { kind: 'discrete', values: [1, 3, 6] },
    },
  ],
  outputs: ['years.2026.demand.cn.met', 'years.2026.production.oxide.CN', 'balanceResidual'],
  runs: 12,
};

describe('supply-chain Monte Carlo', () => {
  it('gives the same bits on 0, 1 and 2 threads, equal to the async batches run in order', async () => {
    const zero = await monteCarlo(study, { threads: 0, seed: 'ens', batchSize: 5 });
    const one = await monteCarlo(study, { threads: 1, seed: 'ens', batchSize: 5 });
    const two = await monteCarlo(study, { threads: 2, seed: 'ens', batchSize: 5 });
    const table = (r: typeof zero) => ({
      runs: r.runs,
      inputs: r.inputs,
      outputs: r.outputs,
      failures: r.failures,
    });
    expect(zero.failures).toEqual([]);
    expect(table(one)).toEqual(table(zero));
    expect(table(two)).toEqual(table(zero));
    const byHand = [];
    for (const [i, b] of monteCarloBatches(study, 5).entries()) {
      byHand.push(await monteCarloBatchAsync(b, { random: seedrandom.alea(`ens:${i}`) }));
    }
    expect(zero.outputs).toEqual(byHand.flatMap((t) => t.outputs));
    // Every run conserves material; outages make runs differ; met never exceeds the 2026 demand.
    const outputs = zero.outputs;
    for (const [, , residual] of outputs) expect(residual).toBeLessThanOrEqual(1e-9);
    expect(new Set(outputs.map(([met]) => met)).size).toBeGreaterThan(1);
    for (const [met] of outputs) expect(met).toBeLessThanOrEqual(1_700 + 1e-6);
  });

  it('more outage means less separated output (rank correlation of the drawn rate is negative)', async () => {
    // The outage history's seed fixed: a higher rate starts an outage in every month a lower one does.
    const rateOnly = { ...study, parameters: [study.parameters[1]], runs: 30 } as MonteCarloStudy;
    const r = await monteCarlo(rateOnly, { threads: 0, seed: 'rank' });
    const rho =
      r.summary.rankCorrelation['years.2026.production.oxide.CN']?.[
        'scenario.facilities.kachin.outage.ratePerMonth'
      ];
    expect(rho).toBeLessThan(-0.6); // unrelated draws: 0 ± 0.19 (1/sqrt(29))
  });

  it('the synchronous batch function refuses the async model with a typed error', () => {
    const [b] = monteCarloBatches(study, 5);
    expect(() => monteCarloBatch(b as typeof study & { first: number }, { random: Math.random })).toThrow(
      expect.objectContaining({ code: 'INVALID_TYPE', path: 'study.model' }),
    );
  });
});
