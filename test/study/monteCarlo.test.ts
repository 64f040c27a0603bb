// Monte Carlo batches (src/study/monteCarlo.ts): a Pr/Nd cascade with β ±10 %, deterministic for a seed;
// rank correlation on a monotone model; failures recorded, not fatal; study validation.
import seedrandom from 'seedrandom';
import { beforeAll, describe, expect, it } from 'vitest';
import {
  ASYNC_MODELS,
  concatRuns,
  evaluatePoint,
  evaluatePointAsync,
  MODEL_NAMES,
  models,
} from '../../src/study/models.js';
import {
  checkMonteCarloStudy,
  type MonteCarloStudy,
  monteCarloBatch,
  monteCarloBatches,
} from '../../src/study/monteCarlo.js';
import { summarise } from '../../src/study/summary.js';
import type { CascadeSpec } from '../../src/sx/cascadeSpec.js';
import { designCascade } from '../../src/sx/design/designCascade.js';
import { distribution } from '../../src/sx/equilibrium/equilibrium.js';
import { separationFactorModel } from '../../src/sx/equilibrium/extractants.js';
import { caught } from '../helpers.js';

/** The engine's per-batch generator (src/engine/context.ts): alea seeded `${seed}:${index}`. */
const ctx = (seed: string, index = 0) => ({ random: seedrandom.alea(`${seed}:${index}`) });

// One extraction stage, D = 1, equal volumes: the organic takes D/(1 + D) of A (Kremser, one stage).
const oneStage: CascadeSpec = {
  stages: { extraction: 1 },
  feed: { flows: { A: 1 }, volume: 1 },
  organic: { volume: 1 },
  equilibrium: distribution({ A: 1 }),
};

describe('monteCarloBatch on a Pr/Nd cascade (β Nd/Pr 1.5 ± 10 %)', () => {
  // ree-data §3.8d: P507, β(Nd/Pr) = 1.5, Pr:Nd = 25:75, 99.9 % / 99.9 %: the verified design (26 + 26).
  let study: MonteCarloStudy;
  beforeAll(() => {
    const equilibrium = separationFactorModel('P507', ['Pr', 'Nd']);
    const d = designCascade({
      feed: { Pr: 25, Nd: 75 },
      equilibrium,
      purity: { organic: 0.999, aqueous: 0.999 },
    });
    const base: CascadeSpec = {
      stages: { extraction: d.stages.extraction, scrub: d.stages.scrub },
      feed: { flows: { Pr: 25, Nd: 75 }, volume: d.flows.feedVolume },
      organic: { volume: d.flows.organicVolume },
      scrub: { volume: d.flows.scrubVolume, reflux: d.flows.reflux },
      equilibrium,
    };
    study = {
      model: 'cascade',
      base,
      parameters: [{ path: 'equilibrium.beta.Nd', distribution: { kind: 'uniform', min: 1.35, max: 1.65 } }],
      outputs: ['product.purity.Nd', 'raffinate.purity.Pr', 'converged'],
      runs: 30,
    };
  });

  it('monteCarloBatch(same seed) gives identical tables; another seed another table', () => {
    const a = monteCarloBatch(study, ctx('pr-nd'));
    const b = monteCarloBatch(study, ctx('pr-nd'));
    expect(a).toEqual(b);
    expect(a.runs).toEqual(Array.from({ length: 30 }, (_, i) => i));
    expect(monteCarloBatch(study, ctx('other')).inputs).not.toEqual(a.inputs);
  });

  it('the draws are β in [1.35, 1.65]; a larger β gives purer products (ρ > 0.9), every run converged', () => {
    const t = monteCarloBatch(study, ctx('pr-nd'));
    expect(t.failures).toEqual([]);
    for (const [beta] of t.inputs) {
      expect(beta).toBeGreaterThanOrEqual(1.35);
      expect(beta).toBeLessThan(1.65);
    }
    const s = summarise(study, t);
    // At fixed stages and flows both purities rise with the separation factor (Fenske: N ∝ 1/ln β).
    expect(s.rankCorrelation['product.purity.Nd']?.['equilibrium.beta.Nd']).toBeGreaterThan(0.9);
    expect(s.rankCorrelation['raffinate.purity.Pr']?.['equilibrium.beta.Nd']).toBeGreaterThan(0.9);
    expect(s.outputs.converged?.mean).toBe(1);
  });

  it('batches of a split study reproduce the same runs as the batch generators dictate', () => {
    const batches = monteCarloBatches(study, 12);
    expect(batches.map((b) => [b.first, b.runs])).toEqual([
      [0, 12],
      [12, 12],
      [24, 6],
    ]);
    const joined = concatRuns(batches.map((b, i) => monteCarloBatch(b, ctx('pr-nd', i))));
    expect(joined.runs).toEqual(Array.from({ length: 30 }, (_, i) => i));
    // Batch 1's runs are the first 12 draws of generator `pr-nd:1`.
    expect(joined.inputs.slice(12, 24)).toEqual(
      monteCarloBatch({ ...study, runs: 12 }, ctx('pr-nd', 1)).inputs,
    );
  });
});

describe('monteCarloBatch on a monotone toy model', () => {
  it('the loaded fraction D/(1 + D) has rank correlation +1 with D, the raffinate −1; values by Kremser', () => {
    const study: MonteCarloStudy = {
      model: 'cascade',
      base: oneStage,
      parameters: [
        { path: 'equilibrium.D.A', distribution: { kind: 'lognormal', median: 1, gsd: 3 } },
        { path: 'organic.volume', distribution: { kind: 'discrete', values: [1] } },
      ],
      outputs: ['loadedOrganic.flows.A', 'raffinate.flows.A'],
      runs: 50,
    };
    const t = monteCarloBatch(study, ctx('toy'));
    t.inputs.forEach(([D], i) => {
      const E = D as number; // extraction factor D·O/A with O = A = 1
      expect(t.outputs[i]?.[0]).toBeCloseTo(E / (1 + E), 12);
    });
    const s = summarise(study, t);
    expect(s.rankCorrelation['loadedOrganic.flows.A']?.['equilibrium.D.A']).toBeCloseTo(1, 12);
    expect(s.rankCorrelation['raffinate.flows.A']?.['equilibrium.D.A']).toBeCloseTo(-1, 12);
    expect(s.rankCorrelation['raffinate.flows.A']?.['organic.volume']).toBe(0); // constant input
    expect(s.tornado['raffinate.flows.A']?.[0]).toEqual({
      parameter: 'equilibrium.D.A',
      rho: expect.closeTo(-1, 12),
    });
  });
});

describe('monteCarloBatch failures', () => {
  it('a run whose model throws is recorded with its code and inputs; the other runs go on', () => {
    const study: MonteCarloStudy = {
      model: 'cascade',
      base: oneStage,
      parameters: [{ path: 'stages.extraction', distribution: { kind: 'discrete', values: [0, 2] } }],
      outputs: ['converged'],
      runs: 40,
    };
    const t = monteCarloBatch(study, ctx('fail'));
    expect(t.failures.length).toBeGreaterThan(0);
    expect(t.runs.length).toBeGreaterThan(0);
    expect(t.failures.length + t.runs.length).toBe(40);
    for (const f of t.failures) {
      expect(f.code).toBe('OUT_OF_RANGE'); // 0 extraction stages: cascade.stages.extraction >= 1
      expect(f.inputs).toEqual([0]);
      expect(f.message).toContain('cascade.stages.extraction');
    }
    for (const row of t.inputs) expect(row).toEqual([2]);
    expect([...t.runs, ...t.failures.map((f) => f.run)].sort((a, b) => a - b)).toEqual(
      Array.from({ length: 40 }, (_, i) => i),
    );
  });

  it('an output path the result lacks fails every run with UNKNOWN_KEY naming it', () => {
    const t = monteCarloBatch(
      {
        model: 'cascade',
        base: oneStage,
        parameters: [{ path: 'equilibrium.D.A', distribution: { kind: 'uniform', min: 1, max: 2 } }],
        outputs: ['product.flows.B'],
        runs: 3,
      },
      ctx('x'),
    );
    expect(t.failures.map((f) => f.code)).toEqual(['UNKNOWN_KEY', 'UNKNOWN_KEY', 'UNKNOWN_KEY']);
    expect(t.failures[0]?.message).toContain('product.flows.B');
  });
});

describe('checkMonteCarloStudy', () => {
  const good: MonteCarloStudy = {
    model: 'cascade',
    base: oneStage,
    parameters: [{ path: 'equilibrium.D.A', distribution: { kind: 'uniform', min: 1, max: 2 } }],
    outputs: ['converged'],
    runs: 10,
  };
  const cases: [string, Record<string, unknown>, string, string][] = [
    ['an unknown model', { model: 'kiln' }, 'UNKNOWN_KEY', 'study.model'],
    [
      'a parameter path not in the base',
      { parameters: [{ path: 'equilibrium.D.B', distribution: { kind: 'uniform', min: 0, max: 1 } }] },
      'UNKNOWN_KEY',
      'study.parameters[0].path',
    ],
    [
      'a parameter path holding an object',
      { parameters: [{ path: 'equilibrium.D', distribution: { kind: 'uniform', min: 0, max: 1 } }] },
      'INVALID_TYPE',
      'study.parameters[0].path',
    ],
    [
      'a parameter varied twice',
      { parameters: [good.parameters[0], good.parameters[0]] },
      'INFEASIBLE',
      'study.parameters[1].path',
    ],
    [
      'a bad distribution',
      { parameters: [{ path: 'equilibrium.D.A', distribution: { kind: 'normal', mean: 1, sd: -1 } }] },
      'OUT_OF_RANGE',
      'study.parameters[0].distribution.sd',
    ],
    ['no outputs', { outputs: [] }, 'INVALID_TYPE', 'study.outputs'],
    ['0 runs', { runs: 0 }, 'OUT_OF_RANGE', 'study.runs'],
    [
      'a threshold on an unlisted output',
      { thresholds: { 'product.purity.A': { min: 0.9 } } },
      'UNKNOWN_KEY',
      'study.thresholds.product.purity.A',
    ],
    ['an empty threshold', { thresholds: { converged: {} } }, 'MISSING', 'study.thresholds.converged'],
    ['an unknown key', { seed: 'x' }, 'UNKNOWN_KEY', 'study.seed'],
  ];
  for (const [what, change, code, path] of cases) {
    it(`checkMonteCarloStudy(${what}) throws ${code} at ${path}`, () => {
      const e = caught(() => checkMonteCarloStudy({ ...good, ...change } as MonteCarloStudy));
      expect([e.code, e.path]).toEqual([code, path]);
    });
  }

  it('checkMonteCarloStudy normalises distributions and keeps thresholds', () => {
    const s = checkMonteCarloStudy({
      ...good,
      parameters: [{ path: 'equilibrium.D.A', distribution: { kind: 'lognormal', median: 1, gsd: 1 } }],
      thresholds: { converged: { min: 1 } },
    });
    expect(s.parameters[0]?.distribution).toEqual({ kind: 'lognormal', mu: 0, sigma: 0 });
    expect(s.thresholds).toEqual({ converged: { min: 1 } });
  });
});

describe('models by name', () => {
  // One small scenario per built-in model, a parameter set by path and an output read back.
  const cases: Record<(typeof MODEL_NAMES)[number], [unknown, string, number, string]> = {
    cascade: [oneStage, 'equilibrium.D.A', 3, 'loadedOrganic.flows.A'],
    design: [
      {
        feed: { A: 0.5, B: 0.5 },
        equilibrium: { kind: 'separationFactors', beta: { A: 2, B: 1 }, loading: 0.18 },
        purity: { organic: 0.999, aqueous: 0.9999 },
      },
      'purity.organic',
      0.999,
      'stages.total',
    ],
    train: [{ feed: { La: 30, Ce: 50, Nd: 20 }, purity: 0.99 }, 'feed.Nd', 25, 'cascades.length'],
    flowsheet: [
      {
        blocks: [
          {
            id: 'mine',
            unit: 'mine',
            params: { deposit: 'mountain-pass', oreRate: 100 },
            outlets: { ore: 'ore' },
          },
          {
            id: 'split',
            unit: 'splitter',
            params: { fraction: 0.25 },
            inlets: { feed: 'ore' },
            outlets: { first: 'a', second: 'b' },
          },
        ],
        products: ['a'],
      },
      'blocks.split.params.fraction',
      0.5,
      'kpis.products.a.recovery.Nd',
    ],
    'cascade-dynamics': [
      {
        spec: oneStage,
        options: {
          holdup: { mixer: { residenceTime: 0.05 }, settler: { residenceTime: 0.5 } },
          duration: 20,
        },
      },
      'spec.equilibrium.D.A',
      3,
      'samples[-1].product.flows.A',
    ],
    'supply-chain': [
      {
        scenario: {
          name: 'one mine',
          countries: { US: 'United States' },
          facilities: [{ id: 'mine', country: 'US', kind: 'mine', capacity: 1_200, mix: { Nd: 1 } }],
          links: [],
          demand: [],
        },
        options: { start: '2025-01', months: 2 },
      },
      'scenario.facilities.mine.capacity',
      2_400,
      'production.concentrate.US[1]',
    ],
    'parallel-lines': [
      {
        feed: { Pr: 0.5, Nd: 0.5 },
        unit: 'kmol/h',
        feedVolume: 1,
        purity: { organic: 0.99, aqueous: 0.99 },
        k: 2,
        f: 1.1,
        beta: 2,
      },
      'k',
      3,
      'lines[1].trains',
    ],
  };
  for (const name of MODEL_NAMES) {
    it(`models['${name}'] runs its scenario with a parameter set by path`, async () => {
      const [base, path, value, output] = cases[name];
      const r = await evaluatePointAsync(models[name], base, [path], [value], [output]);
      if (!('outputs' in r)) throw new Error(`${name}: ${r.code} ${r.message}`);
      expect(Number.isFinite(r.outputs[0])).toBe(true);
      // One stage, D = 3, equal volumes: 3/4 of A to the organic (Kremser), steady or dynamic.
      if (name === 'cascade') expect(r.outputs[0]).toBeCloseTo(0.75, 12);
      if (name === 'cascade-dynamics') expect(r.outputs[0]).toBeCloseTo(0.75, 3);
      if (name === 'flowsheet') expect(r.outputs[0]).toBeCloseTo(0.5, 12); // half the ore to product a
      if (name === 'train') expect(r.outputs[0]).toBe(2); // La | Ce | Nd: two cuts
      if (name === 'supply-chain') expect(r.outputs[0]).toBeCloseTo(200, 12); // 2,400 t/yr: 200 t a month
      if (name === 'parallel-lines') expect(r.outputs[0]).toBe(3); // (a): k = 3 trains in parallel
      // The synchronous evaluation gives the same for synchronous models and refuses the async one.
      const sync = evaluatePoint(models[name], base, [path], [value], [output]);
      expect(sync).toEqual(ASYNC_MODELS.has(name) ? expect.objectContaining({ code: 'INVALID_TYPE' }) : r);
    });
  }
});
