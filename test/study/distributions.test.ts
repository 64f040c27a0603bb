// Distributions (src/study/distributions.ts): sample moments against the closed forms on many draws, with
// tolerances from the central limit theorem (5 standard errors, fixed seed), Kolmogorov–Smirnov distances
// against closed-form CDFs, bounds, discrete frequencies, determinism and validation.
import fc from 'fast-check';
import seedrandom from 'seedrandom';
import { cumulativeStdNormalProbability } from 'simple-statistics';
import { describe, expect, it } from 'vitest';
import { ReesimError } from '../../src/core/errors.js';
import { checkDistribution, type Distribution, sample } from '../../src/study/distributions.js';
import { codeOf } from '../helpers.js';

const N = 20_000;

function draws(d: Distribution, seed = 'distributions', n = N): number[] {
  const rng = seedrandom.alea(seed);
  return Array.from({ length: n }, () => sample(d, rng));
}

/**
 * Sample mean within 5 standard errors σ/√n of `mean`; sample variance within 5 of its standard errors,
 * σ²·√(2/(n − 1) + κ/n) with κ the excess kurtosis (the variance of s² for any distribution).
 */
function expectMoments(x: number[], mean: number, variance: number, kurtosis: number): void {
  const n = x.length;
  const m = x.reduce((a, b) => a + b, 0) / n;
  const s2 = x.reduce((a, b) => a + (b - m) ** 2, 0) / (n - 1);
  expect(Math.abs(m - mean)).toBeLessThanOrEqual(5 * Math.sqrt(variance / n));
  expect(Math.abs(s2 - variance)).toBeLessThanOrEqual(5 * variance * Math.sqrt(2 / (n - 1) + kurtosis / n));
}

/** Kolmogorov–Smirnov distance between the sample and a CDF. */
function ksDistance(x: number[], cdf: (v: number) => number): number {
  const s = [...x].sort((a, b) => a - b);
  return s.reduce(
    (d, v, i) => Math.max(d, Math.abs(cdf(v) - i / s.length), Math.abs(cdf(v) - (i + 1) / s.length)),
    0,
  );
}
/** KS critical distance at the 0.1 % level, 1.95/√n (asymptotic). */
const KS_CRITICAL = 1.95 / Math.sqrt(N);

/** Beta(a, b) moments: mean, variance, excess kurtosis (textbook closed forms). */
function betaMoments(a: number, b: number): [number, number, number] {
  const s = a + b;
  const kurt = (6 * ((a - b) ** 2 * (s + 1) - a * b * (s + 2))) / (a * b * (s + 2) * (s + 3));
  return [a / s, (a * b) / (s * s * (s + 1)), kurt];
}

describe('sample: moments against closed forms', () => {
  it('uniform(2, 5): mean 3.5, variance 9/12, excess kurtosis −6/5', () => {
    expectMoments(draws({ kind: 'uniform', min: 2, max: 5 }), 3.5, 9 / 12, -1.2);
  });

  it('normal(10, 2): mean 10, variance 4, excess kurtosis 0; KS distance below the 0.1 % critical value', () => {
    const x = draws({ kind: 'normal', mean: 10, sd: 2 });
    expectMoments(x, 10, 4, 0);
    // cumulativeStdNormalProbability is tabulated to 1e-4: far below the critical distance 0.0138.
    expect(ksDistance(x, (v) => cumulativeStdNormalProbability((v - 10) / 2))).toBeLessThan(KS_CRITICAL);
  });

  it('lognormal(mu 0.5, sigma 0.25): mean e^(mu + σ²/2), variance (e^σ² − 1)e^(2mu + σ²)', () => {
    const mu = 0.5;
    const s2 = 0.25 ** 2;
    const w = Math.exp(s2);
    expectMoments(
      draws({ kind: 'lognormal', mu, sigma: 0.25 }),
      Math.exp(mu + s2 / 2),
      (w - 1) * Math.exp(2 * mu + s2),
      w ** 4 + 2 * w ** 3 + 3 * w ** 2 - 6,
    );
  });

  it('lognormal { median, gsd } is { mu: ln median, sigma: ln gsd }: the same draws', () => {
    const a = draws({ kind: 'lognormal', median: 2, gsd: 1.5 }, 'ln', 100);
    const b = draws({ kind: 'lognormal', mu: Math.log(2), sigma: Math.log(1.5) }, 'ln', 100);
    expect(a).toEqual(b);
  });

  it('triangular(1, 2, 4): mean 7/3, variance (a² + b² + c² − ab − ac − bc)/18, excess kurtosis −3/5; KS', () => {
    const [a, c, b] = [1, 2, 4];
    const x = draws({ kind: 'triangular', min: a, mode: c, max: b });
    expectMoments(x, (a + b + c) / 3, (a * a + b * b + c * c - a * b - a * c - b * c) / 18, -0.6);
    const cdf = (v: number) =>
      v <= c ? (v - a) ** 2 / ((b - a) * (c - a)) : 1 - (b - v) ** 2 / ((b - a) * (b - c));
    expect(ksDistance(x, cdf)).toBeLessThan(KS_CRITICAL);
  });

  it('pert(0, 3, 10, λ = 4): the scaled Beta(1 + 4·3/10, 1 + 4·7/10), mean (min + 4·mode + max)/6', () => {
    const [m, v, k] = betaMoments(2.2, 3.8);
    expect(m * 10).toBeCloseTo((0 + 4 * 3 + 10) / 6, 12); // the PERT mean formula agrees
    expectMoments(draws({ kind: 'pert', min: 0, mode: 3, max: 10 }), 10 * m, 100 * v, k);
  });

  it('pert with λ = 10 and the mode at min: Beta(1, 11)', () => {
    const [m, v, k] = betaMoments(1, 11);
    expectMoments(draws({ kind: 'pert', min: -1, mode: -1, max: 1, lambda: 10 }), -1 + 2 * m, 4 * v, k);
  });

  it('discrete: mean and variance of the weighted values; each frequency within 5σ of its weight', () => {
    const values = [1, 2, 5, 7];
    const weights = [1, 0, 3, 6];
    const p = weights.map((w) => w / 10);
    const mean = values.reduce((a, v, i) => a + v * (p[i] as number), 0);
    const variance = values.reduce((a, v, i) => a + (v - mean) ** 2 * (p[i] as number), 0);
    const mu4 = values.reduce((a, v, i) => a + (v - mean) ** 4 * (p[i] as number), 0);
    const x = draws({ kind: 'discrete', values, weights });
    expectMoments(x, mean, variance, mu4 / variance ** 2 - 3);
    values.forEach((v, i) => {
      const f = x.filter((y) => y === v).length / N;
      const pi = p[i] as number;
      expect(Math.abs(f - pi)).toBeLessThanOrEqual(5 * Math.sqrt((pi * (1 - pi)) / N));
    });
    expect(x.includes(2)).toBe(false); // weight 0: never drawn
  });

  it('discrete without weights: equally likely values', () => {
    const x = draws({ kind: 'discrete', values: [3, 4] });
    expect(Math.abs(x.filter((y) => y === 3).length / N - 0.5)).toBeLessThanOrEqual(5 * Math.sqrt(0.25 / N));
  });
});

describe('sample: bounds, edge uniforms, determinism', () => {
  it('triangular and PERT draws stay within [min, max] for any parameters and seed', () => {
    fc.assert(
      fc.property(
        fc.double({ min: -1e3, max: 1e3, noNaN: true }),
        fc.double({ min: 1e-6, max: 1e3, noNaN: true }),
        fc.double({ min: 0, max: 1, noNaN: true }),
        fc.string(),
        (min, width, at, seed) => {
          const max = min + width;
          const mode = Math.min(max, min + at * width);
          const rng = seedrandom.alea(seed);
          for (let i = 0; i < 50; i++) {
            for (const kind of ['triangular', 'pert'] as const) {
              const x = sample({ kind, min, mode, max }, rng);
              if (!(x >= min && x <= max)) return false;
            }
          }
          return true;
        },
      ),
      { numRuns: 100 },
    );
  });

  it('a generator returning exactly 0 (alea can) gives finite draws of every kind', () => {
    const zero = () => 0;
    const all: Distribution[] = [
      { kind: 'uniform', min: 0, max: 1 },
      { kind: 'normal', mean: 0, sd: 1 },
      { kind: 'lognormal', mu: 0, sigma: 1 },
      { kind: 'triangular', min: 0, mode: 0, max: 1 },
      { kind: 'pert', min: 0, mode: 0.5, max: 1 },
      { kind: 'discrete', values: [1, 2] },
    ];
    for (const d of all) expect(Number.isFinite(sample(d, zero))).toBe(true);
  });

  it('a generator returning 1 or NaN is rejected (OUT_OF_RANGE)', () => {
    expect(codeOf(() => sample({ kind: 'uniform', min: 0, max: 1 }, () => 1))).toBe('OUT_OF_RANGE');
    expect(codeOf(() => sample({ kind: 'normal', mean: 0, sd: 1 }, () => Number.NaN))).toBe('OUT_OF_RANGE');
  });

  it('the same seed gives the same draws, another seed others', () => {
    const d: Distribution = { kind: 'pert', min: 0, mode: 1, max: 4 };
    expect(draws(d, 's', 200)).toEqual(draws(d, 's', 200));
    expect(draws(d, 's', 200)).not.toEqual(draws(d, 't', 200));
  });
});

describe('checkDistribution', () => {
  const cases: [unknown, string, string][] = [
    [{ kind: 'beta', a: 1 }, 'UNKNOWN_KEY', 'd.kind'],
    [{ kind: 'uniform', min: 2, max: 1 }, 'OUT_OF_RANGE', 'd.max'],
    [{ kind: 'uniform', min: 0, max: 1, mode: 0.5 }, 'UNKNOWN_KEY', 'd.mode'],
    [{ kind: 'normal', mean: 0, sd: -1 }, 'OUT_OF_RANGE', 'd.sd'],
    [{ kind: 'normal', mean: Number.NaN, sd: 1 }, 'NOT_FINITE', 'd.mean'],
    [{ kind: 'lognormal', median: 0, gsd: 2 }, 'OUT_OF_RANGE', 'd.median'],
    [{ kind: 'lognormal', median: 1, gsd: 0.5 }, 'OUT_OF_RANGE', 'd.gsd'],
    [{ kind: 'lognormal', mu: 0, sigma: 1, median: 1 }, 'UNKNOWN_KEY', 'd.mu'],
    [{ kind: 'triangular', min: 0, mode: 2, max: 1 }, 'OUT_OF_RANGE', 'd.mode'],
    [{ kind: 'triangular', min: 1, mode: 1, max: 1 }, 'OUT_OF_RANGE', 'd.max'],
    [{ kind: 'pert', min: 0, mode: 1, max: 2, lambda: 0 }, 'OUT_OF_RANGE', 'd.lambda'],
    [{ kind: 'discrete', values: [] }, 'OUT_OF_RANGE', 'd.values'],
    [{ kind: 'discrete', values: [1, 2], weights: [1] }, 'OUT_OF_RANGE', 'd.weights'],
    [{ kind: 'discrete', values: [1, 2], weights: [1, -1] }, 'OUT_OF_RANGE', 'd.weights[1]'],
    [{ kind: 'discrete', values: [1, 2], weights: [0, 0] }, 'OUT_OF_RANGE', 'd.weights'],
    [{ kind: 'discrete', values: [1, '2'] }, 'INVALID_TYPE', 'd.values[1]'],
    [null, 'INVALID_TYPE', 'd'],
  ];
  for (const [d, code, path] of cases) {
    it(`checkDistribution(${JSON.stringify(d)}) throws ${code} at ${path}`, () => {
      try {
        checkDistribution('d', d);
        expect.unreachable();
      } catch (e) {
        expect(e).toBeInstanceOf(ReesimError);
        expect((e as ReesimError).code).toBe(code);
        expect((e as ReesimError).path).toBe(path);
      }
    });
  }
});
