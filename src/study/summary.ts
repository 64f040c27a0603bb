/**
 * Summaries of a Monte Carlo run table: per output the mean, spread, quantiles, a confidence interval of
 * the mean and the probability of meeting a threshold; per input and output the Spearman rank correlation
 * (sensitivity) and a tornado table. Statistics from simple-statistics.
 */
import {
  max,
  mean,
  min,
  quantileSorted,
  sampleCorrelation,
  sampleStandardDeviation,
} from 'simple-statistics';
import type { RunTable } from './models.js';
import type { MonteCarloParameter, Threshold } from './studyInputs.js';

/** Φ⁻¹(0.975): the standard normal's 97.5 % quantile (Abramowitz and Stegun 1964, table 26.5). */
export const Z_975 = 1.959963984540054;

/**
 * The 97.5 % quantile of Student's t with `df` degrees of freedom (the half-width factor of a two-sided
 * 95 % interval). Exact closed forms for df = 1, 2 and 4 (Shaw 2006, "Sampling Student's T
 * distribution"); otherwise the Cornish–Fisher expansion in 1/df to the fourth order (Abramowitz and
 * Stegun 26.7.5), within 0.13 % of the tables at df = 3, 1.1e-4 at df = 5 and 4e-6 from df = 10.
 *
 * @param df degrees of freedom, an integer >= 1
 * @example
 * ```ts
 * tQuantile975(1); // 12.706
 * tQuantile975(10); // 2.2281
 * tQuantile975(1e9); // 1.9600
 * ```
 */
export function tQuantile975(df: number): number {
  const p = 0.975;
  if (df === 1) return Math.tan(Math.PI * (p - 0.5));
  if (df === 2) return (2 * p - 1) / Math.sqrt(2 * p * (1 - p));
  if (df === 4) {
    const a = Math.sqrt(4 * p * (1 - p));
    return 2 * Math.sqrt(Math.cos(Math.acos(a) / 3) / a - 1);
  }
  const z = Z_975;
  const g1 = (z ** 3 + z) / 4;
  const g2 = (5 * z ** 5 + 16 * z ** 3 + 3 * z) / 96;
  const g3 = (3 * z ** 7 + 19 * z ** 5 + 17 * z ** 3 - 15 * z) / 384;
  const g4 = (79 * z ** 9 + 776 * z ** 7 + 1482 * z ** 5 - 1920 * z ** 3 - 945 * z) / 92160;
  return z + g1 / df + g2 / df ** 2 + g3 / df ** 3 + g4 / df ** 4;
}

/** A proportion with its 95 % Wilson score interval. */
export interface Proportion {
  /** Runs counted (succeeded runs), runs that met the condition, and their ratio. */
  readonly n: number;
  readonly met: number;
  readonly probability: number;
  readonly interval: readonly [number, number];
}

/**
 * The proportion met/n with its 95 % Wilson score interval (Wilson 1927), which stays inside [0, 1] and
 * is sound at 0 and n successes, unlike the normal approximation.
 *
 * @example
 * ```ts
 * const p = proportion(10, 0);
 * p.probability; // 0
 * p.interval[1]; // 0.2775
 * ```
 */
export function proportion(n: number, met: number): Proportion {
  if (n === 0) return { n, met, probability: 0, interval: [0, 1] };
  const p = met / n;
  const z2 = Z_975 ** 2;
  const centre = (p + z2 / (2 * n)) / (1 + z2 / n);
  const half = (Z_975 / (1 + z2 / n)) * Math.sqrt((p * (1 - p)) / n + z2 / (4 * n * n));
  return { n, met, probability: p, interval: [Math.max(0, centre - half), Math.min(1, centre + half)] };
}

/** Summary of one output over the runs that succeeded. */
export interface OutputSummary {
  readonly n: number;
  readonly mean: number;
  /** Sample standard deviation (n − 1 in the denominator); 0 for one run. */
  readonly standardDeviation: number;
  readonly min: number;
  readonly max: number;
  /** Quantiles by linear interpolation between order statistics (type 7, as numpy and R's default). */
  readonly quantiles: {
    readonly p5: number;
    readonly p25: number;
    readonly p50: number;
    readonly p75: number;
    readonly p95: number;
  };
  /** 95 % confidence interval of the mean: mean ± t(0.975, n − 1)·s/√n; [mean, mean] for one run. */
  readonly meanInterval: readonly [number, number];
  /** Probability of meeting the output's threshold, when the study gives one. */
  readonly threshold?: Proportion & Threshold;
}

/** One bar of a tornado table: a parameter and its rank correlation with the output. */
export interface TornadoBar {
  readonly parameter: string;
  readonly rho: number;
}

/** Result of {@link summarise}. */
export interface MonteCarloSummary {
  /** Runs in the table, runs that succeeded and runs that threw. */
  readonly runs: number;
  readonly succeeded: number;
  readonly failed: number;
  /** By output path; absent when no run succeeded. */
  readonly outputs: Readonly<Record<string, OutputSummary>>;
  /**
   * Spearman rank correlation ρ of each parameter (by path) with each output, over the succeeded runs
   * (mid-ranks for ties); 0 when either is constant or fewer than 3 runs succeeded.
   */
  readonly rankCorrelation: Readonly<Record<string, Readonly<Record<string, number>>>>;
  /** Per output, the parameters sorted by |ρ|, largest first (the tornado chart's bars, top down). */
  readonly tornado: Readonly<Record<string, readonly TornadoBar[]>>;
  /** Probability that a run meets every threshold at once (when thresholds are given). */
  readonly allThresholds?: Proportion;
}

function meets(x: number, t: Threshold): boolean {
  return (t.min === undefined || x >= t.min) && (t.max === undefined || x <= t.max);
}

function describeOutput(values: number[], threshold: Threshold | undefined): OutputSummary {
  const n = values.length;
  const sorted = [...values].sort((a, b) => a - b);
  const m = mean(values);
  const sd = n > 1 ? sampleStandardDeviation(values) : 0;
  const half = n > 1 ? (tQuantile975(n - 1) * sd) / Math.sqrt(n) : 0;
  const q = (p: number) => quantileSorted(sorted, p);
  return {
    n,
    mean: m,
    standardDeviation: sd,
    min: min(values),
    max: max(values),
    quantiles: { p5: q(0.05), p25: q(0.25), p50: q(0.5), p75: q(0.75), p95: q(0.95) },
    meanInterval: [m - half, m + half],
    ...(threshold
      ? { threshold: { ...threshold, ...proportion(n, values.filter((x) => meets(x, threshold)).length) } }
      : {}),
  };
}

/**
 * Ranks from 0 in the order of `values`, tied values sharing the mean of the ranks they span (mid-ranks):
 * Spearman's ρ is Pearson's correlation of these. The same numbers as simple-statistics' own (so the same
 * ρ to the bit), computed once per column.
 */
export function midranks(values: readonly number[]): number[] {
  const order = Array.from(values, (_, i) => i).sort((a, b) => (values[a] as number) - (values[b] as number));
  const ranks = new Array<number>(values.length);
  for (let i = 0; i < order.length; ) {
    let j = i;
    while (j + 1 < order.length && values[order[j + 1] as number] === values[order[i] as number]) j++;
    const rank = (i + j) / 2;
    for (let k = i; k <= j; k++) ranks[order[k] as number] = rank;
    i = j + 1;
  }
  return ranks;
}

/**
 * Summarises a Monte Carlo run table (see {@link RunTable}) over its succeeded runs: per output the
 * mean, sample standard deviation, min, max, 5/25/50/75/95 % quantiles, the 95 % confidence interval of
 * the mean (Student t with n − 1 degrees of freedom: the runs are independent draws, and the mean's
 * sampling distribution is near normal for the usual hundreds of runs), and, for outputs with a
 * threshold, the probability of meeting it with its 95 % Wilson interval; sensitivity as Spearman rank
 * correlations and tornado tables. Failed runs are counted, not summarised: read `failed` beside every
 * probability (a failure to converge is not evidence that a design works).
 *
 * @param study the study's `parameters` (for their paths), `outputs` and optional `thresholds`
 * @example
 * ```ts
 * const table = { runs: [0, 1, 2, 3], inputs: [[1], [2], [3], [4]], outputs: [[10], [40], [90], [160]], failures: [] };
 * const s = summarise({ parameters: [{ path: 'x', distribution: { kind: 'uniform', min: 0, max: 5 } }],
 *   outputs: ['y'], thresholds: { y: { max: 50 } } }, table);
 * s.outputs.y?.mean; // 75
 * s.outputs.y?.threshold?.probability; // 0.5
 * s.rankCorrelation.y?.x; // 1
 * ```
 */
export function summarise(
  study: {
    readonly parameters: readonly MonteCarloParameter[];
    readonly outputs: readonly string[];
    readonly thresholds?: Readonly<Record<string, Threshold>>;
  },
  table: RunTable,
): MonteCarloSummary {
  const n = table.outputs.length;
  const column = (rows: readonly (readonly number[])[], j: number) => rows.map((r) => r[j] as number);
  // Each column ranked once (simple-statistics' sampleRankCorrelation ranks both columns on every call).
  const inputRanks = n >= 3 ? study.parameters.map((_, i) => midranks(column(table.inputs, i))) : [];
  const outputs: Record<string, OutputSummary> = {};
  const rankCorrelation: Record<string, Record<string, number>> = {};
  const tornado: Record<string, TornadoBar[]> = {};
  study.outputs.forEach((name, j) => {
    const values = column(table.outputs, j);
    if (n > 0) outputs[name] = describeOutput(values, study.thresholds?.[name]);
    const rhos: Record<string, number> = {};
    const ranks = n >= 3 ? midranks(values) : [];
    study.parameters.forEach((p, i) => {
      const rho = n >= 3 ? sampleCorrelation(inputRanks[i] as number[], ranks) : 0;
      rhos[p.path] = Number.isFinite(rho) ? Math.min(1, Math.max(-1, rho)) : 0; // round-off can pass ±1
    });
    rankCorrelation[name] = rhos;
    tornado[name] = Object.entries(rhos)
      .map(([parameter, rho]) => ({ parameter, rho }))
      .sort((a, b) => Math.abs(b.rho) - Math.abs(a.rho));
  });
  const thresholds = Object.entries(study.thresholds ?? {});
  const all =
    thresholds.length > 0
      ? proportion(
          n,
          table.outputs.filter((row) =>
            thresholds.every(([name, t]) => meets(row[study.outputs.indexOf(name)] as number, t)),
          ).length,
        )
      : undefined;
  return {
    runs: n + table.failures.length,
    succeeded: n,
    failed: table.failures.length,
    outputs,
    rankCorrelation,
    tornado,
    ...(all ? { allThresholds: all } : {}),
  };
}
