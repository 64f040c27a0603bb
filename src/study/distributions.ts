/**
 * Probability distributions of uncertain inputs, as plain data (a `kind` plus numbers), so a study can be
 * written in a scenario file and sent to a worker thread; and {@link sample}, which draws from them using
 * only the uniform generator it is given, so the same generator state gives the same value on any thread.
 */
import { fail } from '../core/errors.js';
import { finite, knownKeys, nonNegative, oneOf, optional, positive, record } from '../core/validate.js';

/** Uniform on [min, max] (min = max: a constant). */
export interface UniformDistribution {
  readonly kind: 'uniform';
  readonly min: number;
  readonly max: number;
}

/** Normal (Gaussian) with mean and standard deviation `sd` (>= 0). Unbounded: prefer PERT near a physical limit. */
export interface NormalDistribution {
  readonly kind: 'normal';
  readonly mean: number;
  readonly sd: number;
}

/**
 * Lognormal: ln X is normal with mean `mu` and standard deviation `sigma`; or, equivalently, given by its
 * `median` (= e^mu) and geometric standard deviation `gsd` (= e^sigma, >= 1).
 */
export type LognormalDistribution =
  | { readonly kind: 'lognormal'; readonly mu: number; readonly sigma: number }
  | { readonly kind: 'lognormal'; readonly median: number; readonly gsd: number };

/** Triangular on [min, max] with its peak at `mode` (min < max). */
export interface TriangularDistribution {
  readonly kind: 'triangular';
  readonly min: number;
  readonly mode: number;
  readonly max: number;
}

/**
 * PERT: a beta distribution on [min, max] with shapes α = 1 + λ(mode − min)/(max − min) and
 * β = 1 + λ(max − mode)/(max − min), mean (min + λ·mode + max)/(λ + 2); `lambda` default 4 (the classic
 * three-point estimate). Smoother than the triangular near the mode, bounded unlike the normal.
 */
export interface PertDistribution {
  readonly kind: 'pert';
  readonly min: number;
  readonly mode: number;
  readonly max: number;
  readonly lambda?: number;
}

/** One of `values`, with probabilities proportional to `weights` (default: equal). */
export interface DiscreteDistribution {
  readonly kind: 'discrete';
  readonly values: readonly number[];
  readonly weights?: readonly number[];
}

/**
 * A distribution around the parameter's value in the study's base, written relative to it: `relative` is
 * the half-width of a uniform, triangular or PERT distribution as a fraction of the base value (0.1: ±10 %,
 * the mode at the base value), the standard deviation of a normal one, and for a lognormal `gsd − 1` (its
 * median at the base value). {@link resolveRelative} turns it into the absolute distribution.
 */
export interface RelativeDistribution {
  readonly kind: 'uniform' | 'normal' | 'lognormal' | 'triangular' | 'pert';
  readonly relative: number;
}

/**
 * The absolute distribution a {@link RelativeDistribution} means around `base` (the parameter's value in
 * the study's base scenario); any other distribution is returned as it is.
 *
 * @throws ReesimError OUT_OF_RANGE for a relative width that is not in (0, 10), or a base value of 0 (a
 *   relative width around 0 is no width), or a negative base for a lognormal
 * @example
 * ```ts
 * resolveRelative('p', { kind: 'uniform', relative: 0.1 }, 1.5); // { kind: 'uniform', min: 1.35, max: 1.65 }
 * resolveRelative('p', { kind: 'pert', relative: 0.2 }, 10).mode; // 10
 * ```
 */
export function resolveRelative(path: string, value: unknown, base: number): unknown {
  const d = record(path, value, 'a distribution');
  if (d.relative === undefined) return value;
  knownKeys(path, d, ['kind', 'relative']);
  const kind = oneOf(`${path}.kind`, d.kind, [
    'uniform',
    'normal',
    'lognormal',
    'triangular',
    'pert',
  ] as const);
  const r = positive(`${path}.relative`, d.relative);
  if (r >= 10) fail('OUT_OF_RANGE', `${path}.relative`, r, 'a fraction of the base value in (0, 10)');
  if (base === 0)
    fail('OUT_OF_RANGE', `${path}.relative`, r, 'an absolute distribution: the base value is 0');
  const round = (x: number) => Number(x.toPrecision(15));
  const lo = round(base * (1 - r));
  const hi = round(base * (1 + r));
  const [min, max] = lo <= hi ? [lo, hi] : [hi, lo];
  switch (kind) {
    case 'uniform':
      return { kind, min, max };
    case 'normal':
      return { kind, mean: base, sd: round(Math.abs(base) * r) };
    case 'lognormal':
      if (base < 0) fail('OUT_OF_RANGE', path, base, 'a lognormal around a positive base value');
      return { kind, median: base, gsd: round(1 + r) };
    default:
      return { kind, min, mode: base, max };
  }
}

/** Any distribution {@link sample} draws from. */
export type Distribution =
  | UniformDistribution
  | NormalDistribution
  | LognormalDistribution
  | TriangularDistribution
  | PertDistribution
  | DiscreteDistribution;

/** Kinds of {@link Distribution}. */
export const DISTRIBUTION_KINDS = [
  'uniform',
  'normal',
  'lognormal',
  'triangular',
  'pert',
  'discrete',
] as const;

/** Largest |parameter| accepted (and largest |value| a draw may take): catches typos and overflow. */
const LIMIT = 1e15;
/** Largest number of discrete values. */
const MAX_VALUES = 1e6;

function bounded(path: string, value: unknown): number {
  const x = finite(path, value);
  if (Math.abs(x) > LIMIT) fail('OUT_OF_RANGE', path, x, `a number in [-${LIMIT}, ${LIMIT}]`);
  return x;
}

function interval(path: string, d: Record<string, unknown>): { min: number; max: number } {
  const min = bounded(`${path}.min`, d.min);
  const max = bounded(`${path}.max`, d.max);
  if (!(min < max)) fail('OUT_OF_RANGE', `${path}.max`, max, `a number > min (${min})`);
  return { min, max };
}

function numbers(path: string, value: unknown): number[] {
  if (!Array.isArray(value)) fail('INVALID_TYPE', path, value, 'an array of numbers');
  if (value.length === 0 || value.length > MAX_VALUES)
    fail('OUT_OF_RANGE', path, value, `an array of 1 to ${MAX_VALUES} numbers`);
  return value.map((x, i) => bounded(`${path}[${i}]`, x));
}

/**
 * Checks a distribution and returns it normalised (lognormal as `{ mu, sigma }`, PERT with its λ).
 *
 * **The user specifies** `kind` and its parameters: uniform `min <= max`; normal `mean`, `sd >= 0`;
 * lognormal `mu`, `sigma >= 0` or `median > 0`, `gsd >= 1`; triangular and PERT `min <= mode <= max` with
 * min < max, PERT `lambda` in (0, 1000] (default 4); discrete `values` and optional `weights` (>= 0, same
 * length, positive sum). Every number within ±1e15.
 *
 * @param path name of the distribution in error messages
 * @throws ReesimError (INVALID_TYPE, NOT_FINITE, OUT_OF_RANGE, UNKNOWN_KEY, MISSING) naming the field
 * @example
 * ```ts
 * checkDistribution('beta', { kind: 'lognormal', median: 1, gsd: 1 }); // { kind: 'lognormal', mu: 0, sigma: 0 }
 * checkDistribution('beta', { kind: 'pert', min: 0, mode: 1, max: 2 }).lambda; // 4
 * ```
 */
export function checkDistribution(path: string, value: unknown): Distribution {
  const d = record(path, value, 'a distribution ({ kind, ...parameters })');
  const kind = oneOf(`${path}.kind`, d.kind, DISTRIBUTION_KINDS);
  switch (kind) {
    case 'uniform': {
      knownKeys(path, d, ['kind', 'min', 'max']);
      const min = bounded(`${path}.min`, d.min);
      const max = bounded(`${path}.max`, d.max);
      if (max < min) fail('OUT_OF_RANGE', `${path}.max`, max, `a number >= min (${min})`);
      return { kind, min, max };
    }
    case 'normal': {
      knownKeys(path, d, ['kind', 'mean', 'sd']);
      const sd = nonNegative(`${path}.sd`, d.sd);
      if (sd > LIMIT) fail('OUT_OF_RANGE', `${path}.sd`, sd, `a number in [0, ${LIMIT}]`);
      return { kind, mean: bounded(`${path}.mean`, d.mean), sd };
    }
    case 'lognormal': {
      if ('median' in d || 'gsd' in d) {
        knownKeys(path, d, ['kind', 'median', 'gsd']);
        const median = positive(`${path}.median`, d.median);
        const gsd = finite(`${path}.gsd`, d.gsd);
        if (gsd < 1) fail('OUT_OF_RANGE', `${path}.gsd`, gsd, 'a geometric standard deviation >= 1');
        return lognormal(path, Math.log(median), Math.log(gsd));
      }
      knownKeys(path, d, ['kind', 'mu', 'sigma']);
      return lognormal(path, finite(`${path}.mu`, d.mu), nonNegative(`${path}.sigma`, d.sigma));
    }
    case 'triangular':
    case 'pert': {
      knownKeys(
        path,
        d,
        kind === 'pert' ? ['kind', 'min', 'mode', 'max', 'lambda'] : ['kind', 'min', 'mode', 'max'],
      );
      const { min, max } = interval(path, d);
      const mode = bounded(`${path}.mode`, d.mode);
      if (mode < min || mode > max)
        fail('OUT_OF_RANGE', `${path}.mode`, mode, `a number in [${min}, ${max}]`);
      if (kind === 'triangular') return { kind, min, mode, max };
      const lambda = optional(d.lambda, 4, (v) => positive(`${path}.lambda`, v));
      if (lambda > 1000) fail('OUT_OF_RANGE', `${path}.lambda`, lambda, 'a number in (0, 1000]');
      return { kind, min, mode, max, lambda };
    }
    case 'discrete': {
      knownKeys(path, d, ['kind', 'values', 'weights']);
      const values = numbers(`${path}.values`, d.values);
      if (d.weights === undefined) return { kind, values };
      const weights = numbers(`${path}.weights`, d.weights);
      if (weights.length !== values.length)
        fail('OUT_OF_RANGE', `${path}.weights`, weights, `${values.length} weights, one per value`);
      weights.forEach((w, i) => {
        nonNegative(`${path}.weights[${i}]`, w);
      });
      if (!(weights.reduce((a, b) => a + b, 0) > 0))
        fail('OUT_OF_RANGE', `${path}.weights`, weights, 'weights with a positive sum');
      return { kind, values, weights };
    }
  }
}

function lognormal(path: string, mu: number, sigma: number): LognormalDistribution {
  // Box–Muller's |Z| < 8.6, so e^(mu + sigma·Z) < e^644 stays finite.
  if (Math.abs(mu) > 300)
    fail('OUT_OF_RANGE', `${path}.mu`, mu, 'a number in [-300, 300] (ln of the median)');
  if (sigma > 40) fail('OUT_OF_RANGE', `${path}.sigma`, sigma, 'a number in [0, 40] (ln of the gsd)');
  return { kind: 'lognormal', mu, sigma };
}

/** A uniform draw from `random`, checked to lie in [0, 1). */
function uniform01(random: () => number): number {
  const u = random();
  if (!(u >= 0 && u < 1)) fail('OUT_OF_RANGE', 'random()', u, 'a number in [0, 1) from the generator');
  return u;
}

/** A standard normal draw by the Box–Muller transform (two uniforms; 1 − u keeps the log finite). */
function standardNormal(random: () => number): number {
  const u1 = 1 - uniform01(random); // in (0, 1]
  const u2 = uniform01(random);
  return Math.sqrt(-2 * Math.log(u1)) * Math.cos(2 * Math.PI * u2);
}

/** A Gamma(shape, 1) draw, shape >= 1, by Marsaglia and Tsang (2000), "A simple method for generating gamma variables". */
function gamma(shape: number, random: () => number): number {
  const d = shape - 1 / 3;
  const c = 1 / Math.sqrt(9 * d);
  for (let i = 0; i < 10_000; i++) {
    const z = standardNormal(random);
    const v = (1 + c * z) ** 3;
    if (v <= 0) continue;
    const u = 1 - uniform01(random); // in (0, 1]
    if (Math.log(u) <= 0.5 * z * z + d - d * v + d * Math.log(v)) return d * v; // <=: a u of 1 accepts
  }
  // Acceptance is above 95 % for every shape >= 1: 10,000 rejections mean a broken generator.
  return fail('NOT_CONVERGED', 'random()', shape, 'a generator whose draws are uniform');
}

/**
 * Draws from a distribution already checked by {@link checkDistribution} (no check: for loops that draw
 * many times); see {@link sample} for the methods.
 *
 * @example
 * ```ts
 * draw(checkDistribution('d', { kind: 'uniform', min: 0, max: 10 }), () => 0.5); // 5
 * ```
 */
export function draw(d: Distribution, random: () => number): number {
  switch (d.kind) {
    case 'uniform':
      return d.min + uniform01(random) * (d.max - d.min);
    case 'normal':
      return d.mean + d.sd * standardNormal(random);
    case 'lognormal': {
      const { mu, sigma } = 'mu' in d ? d : { mu: Math.log(d.median), sigma: Math.log(d.gsd) };
      return Math.exp(mu + sigma * standardNormal(random));
    }
    case 'triangular': {
      // Inverse CDF: F(mode) = (mode − min)/(max − min) splits the two branches.
      const { min, mode, max } = d;
      const u = uniform01(random);
      const range = max - min;
      if (u * range < mode - min) return min + Math.sqrt(u * range * (mode - min));
      return max - Math.sqrt((1 - u) * range * (max - mode));
    }
    case 'pert': {
      const lambda = d.lambda ?? 4;
      const range = d.max - d.min;
      const x = gamma(1 + (lambda * (d.mode - d.min)) / range, random);
      const y = gamma(1 + (lambda * (d.max - d.mode)) / range, random);
      return d.min + (range * x) / (x + y);
    }
    case 'discrete': {
      const weights = d.weights ?? d.values.map(() => 1);
      const total = weights.reduce((a, b) => a + b, 0);
      const target = uniform01(random) * total;
      let cumulative = 0;
      let last = 0;
      for (let i = 0; i < weights.length; i++) {
        const w = weights[i] as number;
        cumulative += w;
        if (w > 0) last = i;
        if (target < cumulative) return d.values[i] as number;
      }
      return d.values[last] as number; // round-off: target at the very top
    }
  }
}

/**
 * One draw from a distribution, driven only by `random` (uniform in [0, 1), e.g. seedrandom's alea), so
 * the same generator state gives the same value on any thread.
 *
 * **Methods** (exact, not approximations): uniform, triangular and discrete by the inverse CDF (one
 * uniform each); normal by the Box–Muller transform (two uniforms); lognormal as e^(mu + sigma·Z); PERT as
 * min + (max − min)·X/(X + Y) with X, Y gamma variables drawn by Marsaglia and Tsang's method (2000; a
 * rejection method, so the number of uniforms it uses varies). Uniforms of exactly 0 are handled (logs
 * are taken of 1 − u).
 *
 * @param dist a {@link Distribution}; checked first (see {@link checkDistribution})
 * @param random uniform generator in [0, 1)
 * @throws ReesimError for a bad distribution, or OUT_OF_RANGE when `random` returns a value outside [0, 1)
 * @example
 * ```ts
 * sample({ kind: 'uniform', min: 1, max: 3 }, () => 0.25); // 1.5
 * sample({ kind: 'triangular', min: 0, mode: 1, max: 2 }, () => 0.125); // 0.5
 * sample({ kind: 'discrete', values: [10, 20], weights: [1, 3] }, () => 0.3); // 20
 * sample({ kind: 'normal', mean: 5, sd: 2 }, () => 0); // 5 (Box–Muller with u1 = 0 gives Z = 0)
 * ```
 */
export function sample(dist: Distribution, random: () => number): number {
  return draw(checkDistribution('distribution', dist), random);
}
