// Summaries (src/study/summary.ts) against values computed by hand and published tables.
import fc from 'fast-check';
import { sampleRankCorrelation } from 'simple-statistics';
import { describe, expect, it } from 'vitest';
import type { RunTable } from '../../src/study/models.js';
import type { MonteCarloParameter } from '../../src/study/monteCarlo.js';
import { midranks, proportion, summarise, tQuantile975 } from '../../src/study/summary.js';
import { near } from '../helpers.js';

const U: MonteCarloParameter['distribution'] = { kind: 'uniform', min: 0, max: 1 };

function table(inputs: number[][], outputs: number[][], failed = 0): RunTable {
  return {
    runs: inputs.map((_, i) => i),
    inputs,
    outputs,
    failures: Array.from({ length: failed }, (_, k) => ({
      run: 100 + k,
      code: 'NOT_CONVERGED',
      message: '',
      inputs: [],
    })),
  };
}

describe('tQuantile975', () => {
  it('tQuantile975 matches the t table (two-sided 95 %, 3 decimals); df = 3 within 0.13 %', () => {
    // Student t 0.975 quantiles (NIST/SEMATECH e-Handbook 1.3.6.7.2), 3 decimals: within half a unit.
    const table: [number, number][] = [
      [1, 12.706],
      [2, 4.303],
      [4, 2.776],
      [7, 2.365],
      [10, 2.228],
      [30, 2.042],
      [100, 1.984],
    ];
    for (const [df, t] of table) expect(Math.abs(tQuantile975(df) - t), `df ${df}`).toBeLessThanOrEqual(5e-4);
    // The two Cornish–Fisher cases furthest from the limit, against 7-digit values (R: qt(0.975, df)).
    near(tQuantile975(3), 3.182446, 1.3e-3);
    near(tQuantile975(5), 2.570582, 1.1e-4);
  });
});

describe('proportion', () => {
  it('proportion(10, 8): Wilson 95 % interval [0.4902, 0.9433] (by hand from Wilson 1927)', () => {
    const p = proportion(10, 8);
    expect(p.probability).toBe(0.8);
    expect(p.interval[0]).toBeCloseTo(0.4902, 4);
    expect(p.interval[1]).toBeCloseTo(0.9433, 4);
  });

  it('proportion at 0 and n successes stays in [0, 1]; with n = 0 it is [0, 1]', () => {
    expect(proportion(20, 20).interval[1]).toBe(1);
    expect(proportion(20, 20).interval[0]).toBeCloseTo(20 / (20 + 1.959963984540054 ** 2), 12); // n/(n + z²)
    expect(proportion(0, 0).interval).toEqual([0, 1]);
  });
});

describe('summarise', () => {
  // y = [2, 4, 4, 4, 5, 5, 7, 9]: mean 5, Σ(y − 5)² = 32, s² = 32/7.
  const y = [2, 4, 4, 4, 5, 5, 7, 9];
  const x = [1, 2, 3, 4, 5, 6, 7, 8];
  const t = table(
    x.map((v) => [v, 10 - v, 3]),
    y.map((v) => [v]),
    2,
  );
  const study = {
    parameters: [
      { path: 'up', distribution: U },
      { path: 'down', distribution: U },
      { path: 'flat', distribution: U },
    ],
    outputs: ['y'],
    thresholds: { y: { min: 4, max: 6 } },
  };
  const s = summarise(study, t);
  const o = s.outputs.y;

  it('summarise: n, mean, sample standard deviation, min, max by hand', () => {
    expect([s.runs, s.succeeded, s.failed]).toEqual([10, 8, 2]);
    expect(o?.n).toBe(8);
    expect(o?.mean).toBe(5);
    near(o?.standardDeviation, Math.sqrt(32 / 7));
    expect([o?.min, o?.max]).toEqual([2, 9]);
  });

  it('summarise: type-7 quantiles by hand (h = (n − 1)p, linear between order statistics)', () => {
    // p5: h 0.35 → 2 + 0.35·2; p25: h 1.75 → 4; p50: h 3.5 → 4.5; p75: h 5.25 → 5 + 0.25·2; p95: h 6.65 → 7 + 0.65·2
    const q = o?.quantiles;
    near(q?.p5, 2.7);
    near(q?.p25, 4);
    near(q?.p50, 4.5);
    near(q?.p75, 5.5);
    near(q?.p95, 8.3);
  });

  it('summarise: 95 % interval of the mean = 5 ± t(0.975, 7)·s/√8 with t = 2.3646 (table)', () => {
    const half = (2.364624 * Math.sqrt(32 / 7)) / Math.sqrt(8);
    // The Cornish–Fisher t is within 2e-5 relative at df = 7.
    expect(Math.abs((o?.meanInterval[0] ?? 0) - (5 - half))).toBeLessThanOrEqual(1e-4);
    expect(Math.abs((o?.meanInterval[1] ?? 0) - (5 + half))).toBeLessThanOrEqual(1e-4);
  });

  it('summarise: threshold 4 <= y <= 6 met by 5 of 8 runs; every threshold at once likewise', () => {
    expect(o?.threshold?.met).toBe(5);
    expect(o?.threshold?.probability).toBe(5 / 8);
    expect(o?.threshold?.min).toBe(4);
    expect(s.allThresholds?.met).toBe(5);
  });

  it('summarise: rank correlation +1 for a rising input, −1 for a falling one, 0 for a constant; tornado by |ρ|', () => {
    // y is non-decreasing in x (ties at 4, 4, 4 and 5, 5): Spearman ρ with mid-ranks is below 1 by the
    // ties: ρ = corr(ranks(x), midranks(y)), computed here by hand.
    const ry = [0, 2, 2, 2, 4.5, 4.5, 6, 7];
    const mean = (v: number[]) => v.reduce((a, b) => a + b, 0) / v.length;
    const mx = mean(x);
    const my = mean(ry);
    const cov = x.reduce((a, v, i) => a + (v - mx) * ((ry[i] as number) - my), 0);
    const rho =
      cov / Math.sqrt(x.reduce((a, v) => a + (v - mx) ** 2, 0) * ry.reduce((a, v) => a + (v - my) ** 2, 0));
    near(s.rankCorrelation.y?.up, rho);
    near(s.rankCorrelation.y?.down, -rho);
    expect(s.rankCorrelation.y?.flat).toBe(0);
    expect(s.tornado.y?.map((b) => b.parameter)).toEqual(['up', 'down', 'flat']);
  });

  it('summarise with one run: standard deviation 0 and a collapsed interval; with none: no output summary', () => {
    const one = summarise(
      { parameters: [{ path: 'a', distribution: U }], outputs: ['y'] },
      table([[1]], [[3]]),
    );
    expect(one.outputs.y?.standardDeviation).toBe(0);
    expect(one.outputs.y?.meanInterval).toEqual([3, 3]);
    expect(one.rankCorrelation.y?.a).toBe(0);
    const none = summarise(
      { parameters: [{ path: 'a', distribution: U }], outputs: ['y'] },
      table([], [], 3),
    );
    expect(none.outputs.y).toBeUndefined();
    expect(none.failed).toBe(3);
  });
});

describe('midranks', () => {
  it('midranks([3, 1, 3, 2]) is [2.5, 0, 2.5, 1]: ties share the mean of the ranks they span', () => {
    expect(midranks([3, 1, 3, 2])).toEqual([2.5, 0, 2.5, 1]);
  });

  it('summarise ranks each column once: the same ρ to the bit as simple-statistics’ sampleRankCorrelation (random columns with ties)', () => {
    const value = fc.oneof(fc.integer({ min: 0, max: 5 }), fc.double({ min: -10, max: 10, noNaN: true }));
    fc.assert(
      fc.property(fc.array(fc.tuple(value, value), { minLength: 3, maxLength: 60 }), (pairs) => {
        const x = pairs.map((p) => p[0]);
        const y = pairs.map((p) => p[1]);
        const s = summarise(
          { parameters: [{ path: 'x', distribution: U }], outputs: ['y'] },
          table(
            x.map((v) => [v]),
            y.map((v) => [v]),
          ),
        );
        const rho = sampleRankCorrelation(x, y);
        const expected = Number.isFinite(rho) ? Math.min(1, Math.max(-1, rho)) : 0;
        expect(Object.is(s.rankCorrelation.y?.x, expected)).toBe(true);
      }),
      { numRuns: 500 },
    );
  });
});
