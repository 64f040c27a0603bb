/**
 * Start-up metrics of a dynamic cascade run, read off its samples: when each outlet meets its purity spec
 * for good, when its impurity settles near its steady value, and when every outlet flow settles within a
 * band of its steady value. Every time is a sample time (resolution: the sampling interval).
 */
import type { CascadeOutlet, CascadeResult } from '../steady/simulateCascade.js';
import type { CascadeSample, OutletSpecs, OutletTimes, PurityTarget } from './types.js';

function total(o: CascadeOutlet): number {
  let sum = 0;
  for (const v of Object.values(o.flows)) sum += v;
  return sum;
}

/** The species with the largest share of the outlet (undefined when it carries nothing). */
function mainComponent(o: CascadeOutlet | undefined, species: readonly string[]): string | undefined {
  if (!o || !(total(o) > 0)) return undefined;
  let best: string | undefined;
  for (const s of species) if (best === undefined || (o.purity[s] ?? 0) > (o.purity[best] ?? 0)) best = s;
  return best;
}

/** The first sample time from which `ok` holds at every later sample; undefined if it fails at the last. */
function holdsFrom(samples: readonly CascadeSample[], ok: (x: CascadeSample) => boolean): number | undefined {
  let from: number | undefined;
  for (let k = samples.length - 1; k >= 0; k--) {
    const x = samples[k] as CascadeSample;
    if (!ok(x)) break;
    from = x.time;
  }
  return from;
}

/** The times of one outlet; `at` picks it from a sample, `steadyOutlet` is its steady value. */
function timesOf(
  samples: readonly CascadeSample[],
  species: readonly string[],
  at: (x: CascadeSample) => CascadeOutlet | undefined,
  steadyOutlet: CascadeOutlet | undefined,
  target: PurityTarget | undefined,
  band: number,
): OutletTimes {
  const named = typeof target === 'object' ? Object.keys(target)[0] : undefined;
  const last = samples.at(-1);
  const key = named ?? mainComponent(steadyOutlet, species) ?? mainComponent(last && at(last), species);
  const purity =
    typeof target === 'number'
      ? target
      : named === undefined
        ? undefined
        : (target as Record<string, number>)[named];
  const steadyImpurity =
    key !== undefined && steadyOutlet && total(steadyOutlet) > 0
      ? 1 - (steadyOutlet.purity[key] ?? 0)
      : undefined;
  // A sample counts only in normal operation with the outlet flowing (at total reflux no product leaves).
  const flowing = (x: CascadeSample) => {
    const o = at(x);
    return x.operation === 'normal' && o !== undefined && total(o) > 0 ? o : undefined;
  };
  const timeToSpec =
    key === undefined || purity === undefined
      ? undefined
      : holdsFrom(samples, (x) => {
          const o = flowing(x);
          return o !== undefined && (o.purity[key] ?? 0) >= purity;
        });
  const timeToSteadyImpurity =
    key === undefined || steadyImpurity === undefined
      ? undefined
      : holdsFrom(samples, (x) => {
          const o = flowing(x);
          return (
            o !== undefined && Math.abs(1 - (o.purity[key] ?? 0) - steadyImpurity) <= band * steadyImpurity
          );
        });
  return { species: key, target: purity, steadyImpurity, timeToSpec, timeToSteadyImpurity };
}

/** The start-up times of the product, the raffinate and every side draw. */
export function outletTimes(
  samples: readonly CascadeSample[],
  species: readonly string[],
  drawCount: number,
  steady: CascadeResult | undefined,
  specs: OutletSpecs,
  band: number,
): {
  readonly product: OutletTimes;
  readonly raffinate: OutletTimes;
  readonly draws: readonly OutletTimes[];
} {
  return {
    product: timesOf(samples, species, (x) => x.product, steady?.product, specs.product, band),
    raffinate: timesOf(samples, species, (x) => x.raffinate, steady?.raffinate, specs.raffinate, band),
    draws: Array.from({ length: drawCount }, (_, k) =>
      timesOf(samples, species, (x) => x.draws[k], steady?.draws[k], specs.draws?.[k], band),
    ),
  };
}

/** Is every raffinate, net-product and draw species flow within tolerance × that outlet's steady total of the steady value? */
function withinBand(x: CascadeSample, steady: CascadeResult, tolerance: number): boolean {
  const pairs: [CascadeOutlet | undefined, CascadeOutlet][] = [
    [x.raffinate, steady.raffinate],
    [x.product, steady.product],
    ...steady.draws.map((d, k): [CascadeOutlet | undefined, CascadeOutlet] => [x.draws[k], d]),
  ];
  const throughput = pairs.reduce((s, [, ss]) => s + total(ss), 0);
  return pairs.every(([now, ss]) => {
    const scale = tolerance * (total(ss) > 0 ? total(ss) : throughput);
    return steady.species.every((sp) => Math.abs((now?.flows[sp] ?? 0) - (ss.flows[sp] ?? 0)) <= scale);
  });
}

/**
 * The first sample time from which every later sample has each species' flow in every outlet (raffinate,
 * net product, side draws) within `tolerance` × that outlet's steady total of its steady value.
 */
export function timeToFlowBand(
  samples: readonly CascadeSample[],
  steady: CascadeResult | undefined,
  tolerance: number,
): number | undefined {
  return steady ? holdsFrom(samples, (x) => withinBand(x, steady, tolerance)) : undefined;
}
