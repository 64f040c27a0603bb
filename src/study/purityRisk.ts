/**
 * The chance that a line of the parallelization study meets its purity targets when its inputs are
 * uncertain: Monte Carlo over the key pair's separation factor, the feed composition and the stage
 * efficiency, with the line's flows and stages fixed as designed.
 */
import seedrandom from 'seedrandom';
import { quantile } from 'simple-statistics';
import { fail } from '../core/errors.js';
import {
  fraction,
  integer,
  knownKeys,
  nonEmptyString,
  optional,
  positive,
  record,
} from '../core/validate.js';
import type { SeparationFactorModel } from '../sx/equilibrium/equilibrium.js';
import { simulateCascade } from '../sx/steady/simulateCascade.js';
import type { LineOption } from './parallelTrains.js';

/** Uniform ranges of the uncertain inputs of {@link purityRisk}. */
export interface PurityUncertainty {
  /** Relative half-width s of the key pair's separation factor: β × U[1 − s, 1 + s] (default 0.1). */
  readonly betaSpread?: number;
  /** Range of the A key's mole fraction in the feed, total feed unchanged (default nominal ± 0.02). */
  readonly keyFraction?: { readonly min: number; readonly max: number };
  /** Range of the Murphree efficiency on the organic phase (default 0.85 to 1). */
  readonly murphree?: { readonly min: number; readonly max: number };
}

/** One draw of the uncertain inputs. */
export interface PurityDraw {
  /** Multiplies the key pair's separation factor. */
  readonly betaFactor: number;
  /** Mole fraction of the A key in the feed. */
  readonly keyFraction: number;
  /** Murphree efficiency, organic phase. */
  readonly murphree: number;
}

/** Result of {@link purityRisk}. */
export interface PurityRisk {
  readonly runs: number;
  readonly seed: string;
  /** Runs that met both targets (an unconverged run counts as not met). */
  readonly met: number;
  readonly probability: number;
  /** 95 % Wilson score interval of the probability. */
  readonly interval: { readonly lower: number; readonly upper: number };
  readonly unconverged: number;
  /** 5 % quantile and median of each product's key purity over the converged runs. */
  readonly purity: {
    readonly organic: { readonly p05: number; readonly median: number };
    readonly aqueous: { readonly p05: number; readonly median: number };
  };
}

const FN = 'purityRisk';

/**
 * The 95 % (z = 1.96 by default) Wilson score interval of a binomial proportion: better than the normal
 * approximation near 0 and 1 and never outside [0, 1] (Wilson 1927; Newcombe 1998, method 3).
 *
 * @example
 * ```ts
 * // Newcombe (1998), 81 of 263: 0.2553 to 0.3662.
 * wilsonInterval(81, 263).lower; // 0.2553
 * wilsonInterval(81, 263).upper; // 0.3662
 * ```
 */
export function wilsonInterval(successes: number, n: number, z = 1.959963984540054) {
  const runs = integer('wilsonInterval.n', n, 1);
  const k = integer('wilsonInterval.successes', successes, 0);
  if (k > runs) fail('OUT_OF_RANGE', 'wilsonInterval.successes', k, `an integer in [0, ${runs}]`);
  const p = k / runs;
  const z2 = z * z;
  const centre = (p + z2 / (2 * runs)) / (1 + z2 / runs);
  const half = (z * Math.sqrt((p * (1 - p)) / runs + z2 / (4 * runs * runs))) / (1 + z2 / runs);
  return { lower: Math.max(0, centre - half), upper: Math.min(1, centre + half) };
}

/**
 * Key purities of one train of a line at one draw of the uncertain inputs: the line's flows, stages and
 * organic volume fixed, the A species' β scaled by `betaFactor`, the feed's A key fraction x set (total
 * unchanged), a Murphree efficiency on the organic, and the product draw set to the targets' split of
 * this feed, P = (x − (1 − p′))/(p − (1 − p′)) per mol feed (p, p′ the organic and aqueous targets), by
 * the reflux: organic load − P × feed (operators assay the feed and set the draw; at the nominal feed
 * this is the design's reflux). `meets`: converged and both targets met. Trains are identical, so this is the line's purity; a line
 * scaled as a whole (larger mixer-settlers) has the same purity as its base at every draw.
 *
 * @example
 * ```ts
 * const base = designBaseLine({
 *   feed: { Pr: 0.5, Nd: 0.5 },
 *   feedVolume: 1,
 *   equilibrium: separationFactors({ Pr: 1, Nd: 2 }),
 *   purity: { organic: 0.999, aqueous: 0.999 },
 * });
 * const worse = drawPurity(baseLine(base), { betaFactor: 1, keyFraction: 0.5, murphree: 0.85 });
 * worse.organic < 0.999; // true
 * ```
 */
export function drawPurity(option: LineOption, draw: PurityDraw) {
  const d = record('drawPurity.draw', draw, '{ betaFactor, keyFraction, murphree }');
  knownKeys('drawPurity.draw', d, ['betaFactor', 'keyFraction', 'murphree']);
  positive('drawPurity.draw.betaFactor', d.betaFactor);
  fraction('drawPurity.draw.keyFraction', d.keyFraction);
  if (!(fraction('drawPurity.draw.murphree', d.murphree) > 0))
    fail('OUT_OF_RANGE', 'drawPurity.draw.murphree', d.murphree, 'a number in (0, 1]');
  const t = option.train;
  const { A, B } = option.keys;
  const eq = t.equilibrium;
  if (!('kind' in eq) || eq.kind !== 'separationFactors')
    fail('NOT_SUPPORTED', 'drawPurity.option.train.equilibrium', eq, 'one separation-factor model');
  const m: SeparationFactorModel = {
    ...eq,
    beta: { ...eq.beta, [A]: (eq.beta[A] as number) * draw.betaFactor },
  };
  const total = Object.values(t.feed.flows).reduce((s, x) => s + x, 0);
  // The product draw follows the feed: net product = the target split of this feed, P = (x − (1 − p′))/(p − (1 − p′)).
  const { organic: po, aqueous: pa } = option.target;
  const split = (draw.keyFraction - (1 - pa)) / (po - (1 - pa));
  const load = t.organic.volume * m.loading;
  const reflux = load - split * total;
  if (!(reflux >= 0 && t.scrub))
    fail('INFEASIBLE', 'drawPurity.draw.keyFraction', draw.keyFraction, 'a feed the organic can carry');
  const r = simulateCascade({
    ...t,
    feed: { ...t.feed, flows: { [A]: total * draw.keyFraction, [B]: total * (1 - draw.keyFraction) } },
    scrub: { ...t.scrub, reflux },
    equilibrium: m,
    efficiency: { murphree: draw.murphree, phase: 'organic' },
    solver: { onNonConvergence: 'flag' },
  });
  const a = (f: Readonly<Record<string, number>>) => f[A] ?? 0;
  const b = (f: Readonly<Record<string, number>>) => f[B] ?? 0;
  const organic = a(r.product.flows) / (a(r.product.flows) + b(r.product.flows));
  const aqueous = b(r.raffinate.flows) / (a(r.raffinate.flows) + b(r.raffinate.flows));
  const meets = r.converged && organic >= po && aqueous >= pa;
  return { organic, aqueous, meets, converged: r.converged };
}

function range(path: string, value: unknown, fallback: { min: number; max: number }) {
  const r = optional(value, fallback, (v) => {
    const o = record(path, v, '{ min, max }');
    knownKeys(path, o, ['min', 'max']);
    return { min: fraction(`${path}.min`, o.min), max: fraction(`${path}.max`, o.max) };
  });
  if (!(r.min <= r.max)) fail('OUT_OF_RANGE', `${path}.max`, r.max, `a number >= min (${r.min})`);
  return r;
}

/**
 * Monte Carlo of a line's purity: the probability that both products meet their targets when the
 * separation factor, the feed composition and the stage efficiency are uncertain, with its 95 % Wilson
 * interval and the purities' 5 % quantiles.
 *
 * **Method.** Run i draws three uniforms from seedrandom's alea seeded `${seed}:${i}` (the project's
 * seeding rule, so a run's inputs do not depend on which runs precede it): β × U[1 − s, 1 + s], the A
 * key's feed fraction and the organic Murphree efficiency in their ranges; {@link drawPurity} solves the
 * line's train at those inputs. Organic and scrub flows and stages stay as designed; the product draw
 * follows the feed (see drawPurity): a cut at fixed flows cannot absorb a feed 0.02 richer or poorer in A.
 * **Defaults** (assumed): s = 0.1 (P507 Nd/Pr β is quoted 1.4–1.6, ree-data 2.2); feed A fraction ± 0.02
 * around the nominal; Murphree 0.85–1 (typical mixer-settler stage efficiencies).
 *
 * @throws ReesimError for bad input (runs an integer in [1, 1e6])
 * @example
 * ```ts
 * const base = designBaseLine({
 *   feed: { Pr: 0.5, Nd: 0.5 },
 *   feedVolume: 1,
 *   equilibrium: separationFactors({ Pr: 1, Nd: 2 }),
 *   purity: { organic: 0.999, aqueous: 0.999 },
 * });
 * const risk = purityRisk(baseLine(base), {}, { runs: 20, seed: 'doc' });
 * risk.probability < 1; // true
 * risk.interval.lower <= risk.probability; // true
 * ```
 */
export function purityRisk(
  option: LineOption,
  uncertainty: PurityUncertainty,
  run: { readonly runs: number; readonly seed: string },
): PurityRisk {
  const u = record(`${FN}.uncertainty`, uncertainty, 'the uncertain inputs');
  knownKeys(`${FN}.uncertainty`, u, ['betaSpread', 'keyFraction', 'murphree']);
  const spread = optional(u.betaSpread, 0.1, (v) => fraction(`${FN}.uncertainty.betaSpread`, v));
  if (spread >= 1) fail('OUT_OF_RANGE', `${FN}.uncertainty.betaSpread`, spread, 'a number in [0, 1)');
  const feed = option.train.feed.flows;
  const total = Object.values(feed).reduce((s, x) => s + x, 0);
  const nominal = (feed[option.keys.A] ?? 0) / total;
  const key = range(`${FN}.uncertainty.keyFraction`, u.keyFraction, {
    min: Math.max(0, nominal - 0.02),
    max: Math.min(1, nominal + 0.02),
  });
  const murphree = range(`${FN}.uncertainty.murphree`, u.murphree, { min: 0.85, max: 1 });
  if (!(murphree.min > 0))
    fail('OUT_OF_RANGE', `${FN}.uncertainty.murphree.min`, murphree.min, 'a number in (0, 1]');
  const r = record(`${FN}.run`, run, '{ runs, seed }');
  knownKeys(`${FN}.run`, r, ['runs', 'seed']);
  const runs = integer(`${FN}.run.runs`, r.runs, 1);
  if (runs > 1e6) fail('OUT_OF_RANGE', `${FN}.run.runs`, runs, 'an integer in [1, 1e6]');
  const seed = nonEmptyString(`${FN}.run.seed`, r.seed);

  let met = 0;
  let unconverged = 0;
  const organic: number[] = [];
  const aqueous: number[] = [];
  const between = (lo: number, hi: number, x: number) => lo + (hi - lo) * x;
  for (let i = 0; i < runs; i++) {
    const rng = seedrandom.alea(`${seed}:${i}`);
    const draw: PurityDraw = {
      betaFactor: between(1 - spread, 1 + spread, rng()),
      keyFraction: between(key.min, key.max, rng()),
      murphree: between(murphree.min, murphree.max, rng()),
    };
    const p = drawPurity(option, draw);
    if (!p.converged) {
      unconverged++;
      continue;
    }
    organic.push(p.organic);
    aqueous.push(p.aqueous);
    if (p.meets) met++;
  }
  const q = (xs: number[], x: number) => (xs.length > 0 ? (quantile(xs, x) as number) : 0);
  return {
    runs,
    seed,
    met,
    probability: met / runs,
    interval: wilsonInterval(met, runs),
    unconverged,
    purity: {
      organic: { p05: q(organic, 0.05), median: q(organic, 0.5) },
      aqueous: { p05: q(aqueous, 0.05), median: q(aqueous, 0.5) },
    },
  };
}
