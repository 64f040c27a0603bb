/**
 * The request of a three-outlet cascade design ({@link designThreeOutletCascade}): its types and the check
 * that turns it into a {@link Problem} (species present in the feed only, groups ordered and contiguous in
 * extractability, feed in fractions, defaults filled in).
 */
import { fail } from '../../core/errors.js';
import {
  finite,
  integer,
  knownKeys,
  nonEmptyString,
  oneOf,
  optional,
  positive,
  record,
} from '../../core/validate.js';
import type { SeparationFactorModel } from '../equilibrium/equilibrium.js';
import { checkFlows } from '../flows.js';

/** The three product groups, each a list of species contiguous in extractability (A most extractable). */
export interface ThreeOutletGroups {
  /** Leaves in the organic product. */
  readonly A: readonly string[];
  /** Leaves in the aqueous side draw (the middle concentrate). */
  readonly M: readonly string[];
  /** Leaves in the raffinate. */
  readonly B: readonly string[];
}

/** What the three products must meet. */
export interface ThreeOutletTargets {
  /**
   * A: group purity of the organic product, B: of the raffinate, each in (0.5, 1); M: smallest purity of
   * the middle product (its `middleKey`, else the M group), in (0, 1).
   */
  readonly purity: { readonly A: number; readonly M: number; readonly B: number };
  /** Exactly one: recovery of the B group into the raffinate, or of the A group into the product, in (0, 1). */
  readonly recovery: { readonly B: number } | { readonly A: number };
  /** A species of M whose share of the middle product is `purity.M` (default: the whole M group). */
  readonly middleKey?: string;
}

/** What the user specifies for {@link designThreeOutletCascade}. */
export interface ThreeOutletRequest extends ThreeOutletTargets {
  /** Feed amounts per unit time by species (mol/h or any consistent unit), >= 0. */
  readonly feed: Readonly<Record<string, number>>;
  /** Xu's saturated separation-factor model, one for both sections or one per section. */
  readonly equilibrium:
    | SeparationFactorModel
    | { readonly extraction: SeparationFactorModel; readonly scrub?: SeparationFactorModel };
  readonly groups: ThreeOutletGroups;
  /**
   * S, mol RE carried by the organic per mol RE fed: one value, a list to trade off (at most 24; the
   * design returned is the one with the smallest S·(n + m)), or `'optimum'`
   * (a walk over S from the closed forms' optimum to the smallest verified S·(n + m)).
   */
  readonly organicLoad: number | readonly number[] | 'optimum';
  /** Feed volume flow (default: the total feed amount, i.e. 1 mol/L). */
  readonly feedVolume?: number;
  /** Organic loading, amount per volume (default: the model's, e.g. 0.18 mol/L). */
  readonly loading?: number;
  /** Largest total stages n + m (default 500, at most 5,000). */
  readonly maxStages?: number;
  /** Most simulations per value of S (default 400, at most 2,000). */
  readonly maxSimulations?: number;
  /** Draw stages either side of the design's checked at one stage fewer (default 4, in [1, 20]). */
  readonly drawWindow?: number;
}

/** Most values of S in one request, and the largest `maxSimulations` (per value of S) accepted. */
const MAX_ORGANIC_LOADS = 24;
const MAX_SIMULATIONS = 2000;

/** The checked request, species present in the feed only, feed in fractions. */
export interface Problem {
  readonly path: string;
  readonly groups: { readonly A: string[]; readonly M: string[]; readonly B: string[] };
  readonly species: readonly string[];
  readonly feed: Readonly<Record<string, number>>;
  readonly F: number;
  readonly z: Readonly<Record<string, number>>;
  readonly models: { readonly extraction: SeparationFactorModel; readonly scrub: SeparationFactorModel };
  readonly target: { readonly A: number; readonly M: number; readonly B: number };
  readonly recovery: { readonly side: 'A' | 'B'; readonly value: number };
  /** Species counted for the middle purity; whether meeting the end purities implies it. */
  readonly middle: readonly string[];
  readonly middleImplied: boolean;
  readonly feedVolume: number;
  readonly loading: number;
  readonly maxStages: number;
  readonly maxSimulations: number;
  readonly window: number;
}

function checkModel(path: string, value: unknown): SeparationFactorModel {
  const m = record(path, value, 'a separation-factor model (separationFactors(...))');
  if (oneOf(`${path}.kind`, m.kind, ['separationFactors', 'distribution']) !== 'separationFactors')
    fail(
      'NOT_SUPPORTED',
      `${path}.kind`,
      m.kind,
      "'separationFactors' (the design assumes a saturated organic)",
    );
  knownKeys(path, m, ['kind', 'beta', 'loading']);
  const beta = checkFlows(`${path}.beta`, m.beta);
  for (const [s, b] of Object.entries(beta)) {
    if (!(b >= 1e-12 && b <= 1e12)) fail('OUT_OF_RANGE', `${path}.beta.${s}`, b, 'a number in [1e-12, 1e12]');
  }
  positive(`${path}.loading`, m.loading);
  return m as unknown as SeparationFactorModel;
}

function openUnit(path: string, value: unknown, low: number): number {
  const x = finite(path, value);
  if (!(x > low && x < 1)) fail('OUT_OF_RANGE', path, x, `a number in (${low}, 1)`);
  return x;
}

function checkGroups(
  root: string,
  path: string,
  value: unknown,
  feed: Record<string, number>,
  models: Problem['models'],
  oneModel: boolean,
): Problem['groups'] {
  const g = record(path, value, '{ A, M, B }: lists of species');
  knownKeys(path, g, ['A', 'M', 'B']);
  const seen = new Set<string>();
  const out = { A: [] as string[], M: [] as string[], B: [] as string[] };
  for (const key of ['A', 'M', 'B'] as const) {
    const list = g[key];
    if (!Array.isArray(list) || list.length === 0)
      fail('INVALID_TYPE', `${path}.${key}`, list, 'a non-empty array of feed species');
    list.forEach((s, i) => {
      const name = nonEmptyString(`${path}.${key}[${i}]`, s);
      if (!(name in feed)) fail('UNKNOWN_KEY', `${path}.${key}[${i}]`, name, 'a species of the feed');
      if (seen.has(name)) fail('INVALID_TYPE', `${path}.${key}[${i}]`, name, 'a species in one group only');
      seen.add(name);
      for (const [section, m] of Object.entries(models)) {
        if (m.beta[name] === undefined)
          fail(
            'MISSING',
            `${root}.equilibrium${oneModel ? '' : `.${section}`}.beta.${name}`,
            undefined,
            `a separation factor for ${name}`,
          );
      }
      if ((feed[name] as number) > 0) out[key].push(name);
    });
    if (out[key].length === 0) fail('MISSING', `${root}.feed`, feed, `some of group ${key} in the feed`);
  }
  for (const [s, x] of Object.entries(feed)) {
    if (x > 0 && !seen.has(s)) fail('MISSING', path, value, `a group containing ${s} (it is in the feed)`);
  }
  for (const m of Object.values(models)) {
    const b = (s: string) => m.beta[s] as number;
    for (const list of Object.values(out)) list.sort((x, y) => b(y) - b(x));
    const ordered = (hi: string[], lo: string[]) => Math.min(...hi.map(b)) > Math.max(...lo.map(b));
    if (!(ordered(out.A, out.M) && ordered(out.M, out.B)))
      fail(
        'INFEASIBLE',
        path,
        value,
        'groups contiguous in extractability: every A species more extractable than every M species, every M than every B, in each section',
      );
  }
  return out;
}

export function checkRequest(
  request: unknown,
  path: string,
  extraKeys: readonly string[],
): Problem & { organicLoad: unknown } {
  const q = record(path, request, 'a three-outlet design request');
  knownKeys(path, q, [
    ...extraKeys,
    'feed',
    'equilibrium',
    'groups',
    'purity',
    'recovery',
    'middleKey',
    'organicLoad',
    'feedVolume',
    'loading',
    'maxStages',
    'maxSimulations',
    'drawWindow',
  ]);
  const feedIn = checkFlows(`${path}.feed`, q.feed);
  const eq = record(`${path}.equilibrium`, q.equilibrium, 'a model or { extraction, scrub? }');
  let extraction: SeparationFactorModel;
  let scrub: SeparationFactorModel;
  if ('kind' in eq) {
    extraction = scrub = checkModel(`${path}.equilibrium`, eq);
  } else {
    knownKeys(`${path}.equilibrium`, eq, ['extraction', 'scrub']);
    extraction = checkModel(`${path}.equilibrium.extraction`, eq.extraction);
    scrub = eq.scrub === undefined ? extraction : checkModel(`${path}.equilibrium.scrub`, eq.scrub);
  }
  const loading = optional(q.loading, extraction.loading, (v) => positive(`${path}.loading`, v));
  if (q.loading === undefined && scrub.loading !== extraction.loading)
    fail(
      'NOT_SUPPORTED',
      `${path}.equilibrium.scrub.loading`,
      scrub.loading,
      `the extraction section's loading ${extraction.loading}, or give loading`,
    );
  const models = { extraction: { ...extraction, loading }, scrub: { ...scrub, loading } };
  const groups = checkGroups(path, `${path}.groups`, q.groups, feedIn, models, 'kind' in eq);
  const species = [...groups.A, ...groups.M, ...groups.B];
  const feed = Object.fromEntries(species.map((s) => [s, feedIn[s] as number]));
  const F = species.reduce((t, s) => t + (feed[s] as number), 0);
  const z = Object.fromEntries(species.map((s) => [s, (feed[s] as number) / F]));

  const p = record(`${path}.purity`, q.purity, '{ A, M, B }');
  knownKeys(`${path}.purity`, p, ['A', 'M', 'B']);
  const target = {
    A: openUnit(`${path}.purity.A`, p.A, 0.5),
    M: openUnit(`${path}.purity.M`, p.M, 0),
    B: openUnit(`${path}.purity.B`, p.B, 0.5),
  };
  const r = record(`${path}.recovery`, q.recovery, '{ B } or { A }');
  knownKeys(`${path}.recovery`, r, ['A', 'B']);
  if ((r.A === undefined) === (r.B === undefined))
    fail('MISSING', `${path}.recovery`, r, 'exactly one of A (product) or B (raffinate) recovery');
  const side = r.A === undefined ? 'B' : 'A';
  const recovery = { side, value: openUnit(`${path}.recovery.${side}`, r[side], 0) } as const;
  const key = optional(q.middleKey, undefined, (v) => {
    const k = nonEmptyString(`${path}.middleKey`, v);
    if (!groups.M.includes(k))
      fail('UNKNOWN_KEY', `${path}.middleKey`, k, `a species of M in the feed (${groups.M.join(', ')})`);
    return k;
  });
  const middle = key === undefined ? groups.M : [key];
  const limited = (name: string, fallback: number, min: number, max: number) =>
    optional(q[name], fallback, (v) => {
      const x = integer(`${path}.${name}`, v, min);
      if (x > max) fail('OUT_OF_RANGE', `${path}.${name}`, x, `an integer in [${min}, ${max}]`);
      return x;
    });
  return {
    path,
    groups,
    species,
    feed,
    F,
    z,
    models,
    target,
    recovery,
    middle,
    middleImplied: middle.length === groups.M.length,
    feedVolume: optional(q.feedVolume, F, (v) => {
      const x = positive(`${path}.feedVolume`, v);
      if (x > 1e12) fail('OUT_OF_RANGE', `${path}.feedVolume`, x, 'a number in (0, 1e12]');
      return x;
    }),
    loading,
    maxStages: limited('maxStages', 500, 3, 5000),
    maxSimulations: limited('maxSimulations', 400, 1, MAX_SIMULATIONS),
    window: limited('drawWindow', 4, 1, 20),
    organicLoad: q.organicLoad,
  };
}

export function checkLoads(path: string, value: unknown): number[] | 'optimum' {
  if (value === 'optimum') return value;
  const one = (p: string, v: unknown) => {
    const x = positive(p, v);
    if (x > 1e6) fail('OUT_OF_RANGE', p, x, 'a number in (0, 1e6] mol per mol feed');
    return x;
  };
  if (!Array.isArray(value)) {
    if (typeof value === 'string')
      fail('UNKNOWN_KEY', path, value, "a number, a list of numbers or 'optimum'");
    return [one(path, value)];
  }
  if (value.length === 0 || value.length > MAX_ORGANIC_LOADS)
    fail('OUT_OF_RANGE', path, value.length, `a list of 1 to ${MAX_ORGANIC_LOADS} values`);
  return value.map((v, i) => one(`${path}[${i}]`, v));
}
