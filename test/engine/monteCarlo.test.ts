// Monte Carlo and sweeps on the engine (src/engine/monteCarlo.ts, src/engine/sweep.ts): the same results
// in-process and on worker threads, equal to the batch functions run in index order with the engine's
// per-batch generators; options checked before any run.
import seedrandom from 'seedrandom';
import { describe, expect, it } from 'vitest';
import { type MonteCarloResult, monteCarlo } from '../../src/engine/monteCarlo.js';
import { sweep } from '../../src/engine/sweep.js';
import { concatRuns } from '../../src/study/models.js';
import { type MonteCarloStudy, monteCarloBatch, monteCarloBatches } from '../../src/study/monteCarlo.js';
import { gridPoints, sweepBatch } from '../../src/study/sweep.js';
import type { CascadeSpec } from '../../src/sx/cascadeSpec.js';
import { distribution } from '../../src/sx/equilibrium/equilibrium.js';

const threeStages: CascadeSpec = {
  stages: { extraction: 3 },
  feed: { flows: { A: 1, B: 1 }, volume: 1 },
  organic: { volume: 1 },
  equilibrium: distribution({ A: 2, B: 0.5 }),
};

const study: MonteCarloStudy = {
  model: 'cascade',
  base: threeStages,
  parameters: [
    { path: 'equilibrium.D.A', distribution: { kind: 'pert', min: 1.5, mode: 2, max: 3 } },
    { path: 'organic.volume', distribution: { kind: 'normal', mean: 1, sd: 0.05 } },
  ],
  outputs: ['loadedOrganic.purity.A', 'raffinate.flows.B'],
  runs: 90,
  thresholds: { 'loadedOrganic.purity.A': { min: 0.75 } },
};

describe('monteCarlo', () => {
  it('monteCarlo gives identical results on 0 and 2 threads, equal to the batches run in index order', async () => {
    const zero = await monteCarlo(study, { threads: 0, seed: 'mc', batchSize: 20 });
    const two = await monteCarlo(study, { threads: 2, seed: 'mc', batchSize: 20 });
    expect(two).toEqual(zero);
    const local = concatRuns(
      monteCarloBatches(study, 20).map((b, i) => monteCarloBatch(b, { random: seedrandom.alea(`mc:${i}`) })),
    );
    expect(zero.inputs).toEqual(local.inputs);
    expect(zero.outputs).toEqual(local.outputs);
    expect(zero.runs).toEqual(Array.from({ length: 90 }, (_, i) => i));
    expect([zero.batches, zero.batchSize, zero.seed]).toEqual([5, 20, 'mc']);
    expect(zero.columns).toEqual({
      inputs: ['equilibrium.D.A', 'organic.volume'],
      outputs: ['loadedOrganic.purity.A', 'raffinate.flows.B'],
    });
    expect(zero.summary.succeeded).toBe(90);
    // More organic or a larger D_A carries more B too: the raffinate's B falls with the organic volume.
    expect(zero.summary.rankCorrelation['raffinate.flows.B']?.['organic.volume']).toBeLessThan(-0.9);
  }, 60_000);

  it('monteCarlo with another seed draws other runs; the default batch size is 25', async () => {
    const a = await monteCarlo(study, { threads: 0, seed: 'a' });
    const b = await monteCarlo(study, { threads: 0, seed: 'b' });
    expect(a.inputs).not.toEqual(b.inputs);
    expect([a.batchSize, a.batches]).toEqual([25, 4]);
  });

  it('monteCarlo with a shard runs only its batches and pieces; the shards together are the whole study', async () => {
    const all = await monteCarlo(study, { threads: 0, seed: 'mc', batchSize: 20 });
    const shards = await Promise.all(
      [0, 1].map((index) =>
        monteCarlo(study, { threads: 0, seed: 'mc', batchSize: 20, shard: { index, count: 2 } }),
      ),
    );
    const [even, odd] = shards as [MonteCarloResult, MonteCarloResult];
    // 5 batches of 20, all among the last 8: each in 5 pieces of 4 runs, dealt in turn.
    expect(odd.runs.slice(0, 8)).toEqual([4, 5, 6, 7, 12, 13, 14, 15]);
    expect([...even.runs, ...odd.runs].sort((a, b) => a - b)).toEqual(all.runs);
    for (const shard of shards)
      expect(shard.outputs).toEqual(shard.runs.map((run) => all.outputs[all.runs.indexOf(run)]));
    // 25 pieces dealt in turn: each shard holds runs of all 5 batches.
    expect([even.batches, odd.batches]).toEqual([5, 5]);
  });

  it('monteCarlo checks the study and options before running', async () => {
    await expect(monteCarlo({ ...study, runs: 0 }, { threads: 0 })).rejects.toMatchObject({
      code: 'OUT_OF_RANGE',
      path: 'study.runs',
    });
    await expect(monteCarlo(study, { threads: 0, batchSize: 0 })).rejects.toMatchObject({
      path: 'options.batchSize',
    });
    await expect(monteCarlo(study, { threads: 0, batch: 5 } as never)).rejects.toMatchObject({
      code: 'UNKNOWN_KEY',
    });
    const aborted = AbortSignal.abort();
    expect(await monteCarlo(study, { threads: 0, signal: aborted }).catch((e) => e.code)).toBe('ABORTED');
  });
});

describe('sweep', () => {
  it('sweep gives identical results on 0 and 2 threads, equal to one batch of all points', async () => {
    const grid = gridPoints([
      { path: 'equilibrium.D.A', values: [1, 2, 4, 8] },
      { path: 'organic.volume', values: [0.5, 1, 2] },
    ]);
    const s = { model: 'cascade' as const, base: threeStages, ...grid, outputs: ['loadedOrganic.purity.A'] };
    const zero = await sweep(s, { threads: 0, batchSize: 5 });
    const two = await sweep(s, { threads: 2, batchSize: 5 });
    expect(two).toEqual(zero);
    expect(zero.outputs).toEqual(sweepBatch(s).outputs);
    expect(zero.runs).toEqual(Array.from({ length: 12 }, (_, i) => i));
    expect(zero.batches).toBe(3);
  }, 60_000);
});
