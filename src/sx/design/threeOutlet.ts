/**
 * Design of a three-outlet counter-current extraction–scrub cascade: one cascade that splits a feed into a
 * pure organic product (group A), a pure raffinate (group B) and a middle concentrate (group M) drawn from
 * the aqueous of a scrub-section stage, in place of the two two-outlet cascades it replaces (the Yan group's
 * three-outlet process in Xu's cascade theory, ree-data §3.7).
 *
 * **Layout** (stage 1 = raffinate end, N = n + m stages): barren organic enters stage 1 and the raffinate R
 * leaves it; the aqueous feed enters stage n; D of the aqueous leaving the scrub-section stage I (n < I < N)
 * is drawn; the scrub reflux W (product composition) enters stage N, whose loaded organic less W is the
 * product P. Saturated (Xu) organic, S mol RE per mol feed in every stage, so the aqueous RE leaving each
 * stage follows from the balance: W in stages I..N, W − D in n + 1..I − 1, W − D + 1 in 1..n.
 *
 * **Flows by balance** (per mol of rare earths fed): the B recovery fixes R = Y_B·f_B/P_B (or the A
 * recovery P = Y_A·f_A/P_A); the middle purity c fixes D from the middle group's balance with both end
 * products just at their purities (their impurities taken from the adjacent middle species):
 * c·D = f_M − (1 − P_A)·P − (1 − P_B)·R; the third flow closes the balance and W = S − P. Meeting both end
 * purities then guarantees the group purity of the draw (it holds the rest of M). This reading (aqueous
 * draw, S the organic's RE flow per mol feed, flows by balance) reproduces the ZZS16 trade-off table of
 * ree-data §3.8b exactly in n + m and the draw stage; it was inferred from that fit, not read in a primary
 * source.
 *
 * Sources: ree-data §3.3–3.8 (XU85, ZZS16 via the sheet); the §3.8b example; Underwood's minimum-flow
 * equations (constant relative volatility, Underwood 1948, recalled) for the minimum organic load.
 */
import { fail, ReesimError } from '../../core/errors.js';
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
import { cite, type Provenance } from '../../data/provenance.js';
import { checkFlows } from '../cascadeSpec.js';
import type { SeparationFactorModel } from '../equilibrium/equilibrium.js';
import { type CascadeResult, simulateCascade } from '../steady/simulateCascade.js';
import { type CascadeDesign, designCascade } from './designCascade.js';
import { fmt } from './designFlows.js';

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

/** One design of a trade-off over S. */
export interface ThreeOutletRow {
  /** S, mol per mol feed. */
  readonly organicLoad: number;
  readonly extraction: number;
  readonly scrub: number;
  readonly total: number;
  readonly drawStage: number;
  /** S·(n + m): organic flow × stages per mol feed, proportional to the solvent inventory (Xu's optimum criterion). */
  readonly holdupIndex: number;
  readonly simulations: number;
}

/** Result of {@link designThreeOutletCascade}. Loads are per mol of rare earths fed; flows per unit time. */
export interface ThreeOutletDesign {
  /** The groups' species present in the feed, most extractable first. */
  readonly groups: ThreeOutletGroups;
  /** Separation factors of the key pairs A/M and M/B in the extraction and the scrub section. */
  readonly beta: {
    readonly AM: { readonly extraction: number; readonly scrub: number };
    readonly MB: { readonly extraction: number; readonly scrub: number };
  };
  /** n extraction and m scrub stages: m = (I − n) below the draw and (N − I) from the draw stage up. */
  readonly stages: {
    readonly extraction: number;
    readonly scrub: number;
    readonly total: number;
    readonly belowDraw: number;
    readonly aboveDraw: number;
  };
  /** The side draw: stage I, the fraction of its aqueous outflow (D/W) and the amount per unit time. */
  readonly draw: {
    readonly stage: number;
    readonly phase: 'aqueous';
    readonly fraction: number;
    readonly amount: number;
  };
  /** Loads per mol feed (S organic, W scrub reflux, D draw, P product, R raffinate) and real flows. */
  readonly flows: {
    readonly perMolFeed: {
      readonly S: number;
      readonly W: number;
      readonly D: number;
      readonly P: number;
      readonly R: number;
    };
    readonly feed: number;
    readonly feedVolume: number;
    readonly organicVolume: number;
    readonly scrubVolume: number;
    readonly drawVolume: number;
    readonly loading: number;
    readonly reflux: number;
  };
  /** Smallest S for these targets (Underwood pinch at the feed and at the draw; at least P + D). */
  readonly minimumOrganicLoad: number;
  /**
   * Closed forms per section at the design's S (pseudo-binary, ree-data §3.5; null where a section's
   * mixed extraction ratio leaves it no enrichment per stage, so the form does not apply) and Fenske's
   * limit (E = 1) of the three sections together.
   */
  readonly shortcut: {
    readonly extraction: number | null;
    readonly belowDraw: number | null;
    readonly aboveDraw: number | null;
    readonly total: number | null;
    readonly fenske: number;
  };
  /** Reached by the verifying simulation: group purities of A (product) and B (raffinate); M of the draw. */
  readonly purity: { readonly A: number; readonly M: number; readonly B: number };
  /** A into the product, M (or its key) into the draw, B into the raffinate. */
  readonly recovery: { readonly A: number; readonly M: number; readonly B: number };
  /** The verifying simulation at the design, all species. */
  readonly simulation: CascadeResult;
  /** One row per S designed (a single row for one S), in increasing S. */
  readonly tradeOff: readonly ThreeOutletRow[];
  /** The check behind the guarantee: this total failed at every draw stage in `drawStages` (at its best n). */
  readonly oneFewer: { readonly total: number; readonly drawStages: readonly [number, number] };
  /** Simulations over all S, and how many did not converge. */
  readonly simulations: number;
  readonly unsolvedSimulations: number;
  readonly provenance: readonly Provenance[];
  readonly notes: readonly string[];
}

/** Most values of S in one request, and the largest `maxSimulations` (per value of S) accepted. */
const MAX_ORGANIC_LOADS = 24;
const MAX_SIMULATIONS = 2000;

const FN = 'designThreeOutletCascade';

const PROVENANCE: readonly Provenance[] = [
  cite('ZZS16', 'secondary', 'medium', 'three-outlet Gd/Eu/Sm example and trade-off table (ree-data §3.8b)'),
  cite('XU85', 'recalled', 'medium', "Xu's cascade theory: constant mixed extraction ratios per section"),
  cite(
    'REESIM',
    'derived',
    'medium',
    'aqueous scrub-section draw and flows by balance, inferred by reproducing §3.8b; stage counts verified by simulation',
  ),
];

// ── Input ────────────────────────────────────────────────────────────────────────────────────────────────

/** The checked request, species present in the feed only, feed in fractions. */
interface Problem {
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

function checkRequest(
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

function checkLoads(path: string, value: unknown): number[] | 'optimum' {
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

// ── Flows by balance ─────────────────────────────────────────────────────────────────────────────────────

/** Outlet loads per mol feed and each species' estimated share of them (impurities from adjacent species). */
interface Balance {
  readonly R: number;
  readonly D: number;
  readonly P: number;
  readonly product: Readonly<Record<string, number>>;
  readonly draw: Readonly<Record<string, number>>;
  readonly raffinate: Readonly<Record<string, number>>;
}

/** Takes `amount` from `order`'s species in turn, up to what each has; what is left over is returned too. */
function takeInOrder(order: readonly string[], have: Readonly<Record<string, number>>, amount: number) {
  const taken: Record<string, number> = {};
  let left = amount;
  for (const s of order) {
    const x = Math.min(left, have[s] as number);
    taken[s] = x;
    left -= x;
  }
  return { taken, left };
}

/** The outlets with both end products just at their purities and the draw just at the middle purity. */
function balance(pb: Problem): Balance {
  const { z, groups, target } = pb;
  const sum = (list: readonly string[], r: Readonly<Record<string, number>> = z) =>
    list.reduce((t, s) => t + (r[s] ?? 0), 0);
  const fA = sum(groups.A);
  const fB = sum(groups.B);
  const outlets = (R: number, P: number) => {
    // Product: A at P_A·P (the A lost to the draw taken from the least extractable A species first) plus
    // impurity from M's most extractable species on; the raffinate mirrors it.
    const lostA = takeInOrder([...groups.A].reverse(), z, fA - target.A * P);
    const lostB = takeInOrder(groups.B, z, fB - target.B * R);
    const inP = takeInOrder([...groups.M, ...groups.B], z, (1 - target.A) * P);
    const inR = takeInOrder([...groups.M].reverse().concat([...groups.A].reverse()), z, (1 - target.B) * R);
    const product: Record<string, number> = {};
    const raffinate: Record<string, number> = {};
    const draw: Record<string, number> = {};
    for (const s of pb.species) {
      product[s] =
        (groups.A.includes(s) ? (z[s] as number) - (lostA.taken[s] as number) : 0) + (inP.taken[s] ?? 0);
      raffinate[s] =
        (groups.B.includes(s) ? (z[s] as number) - (lostB.taken[s] as number) : 0) + (inR.taken[s] ?? 0);
      draw[s] = (z[s] as number) - (product[s] as number) - (raffinate[s] as number);
    }
    const short = Math.max(lostA.left, lostB.left, inP.left, inR.left);
    return { product, raffinate, draw, short };
  };
  // D: where the draw holds just the middle purity (bisection; the other end's flow is 1 − fixed − D).
  const fixed =
    pb.recovery.side === 'B' ? (pb.recovery.value * fB) / target.B : (pb.recovery.value * fA) / target.A;
  const at = (D: number) =>
    pb.recovery.side === 'B' ? outlets(fixed, 1 - fixed - D) : outlets(1 - fixed - D, fixed);
  const excess = (D: number) => sum(pb.middle, at(D).draw) - target.M * D;
  let lo = 0;
  let hi = Math.max(0, 1 - fixed);
  const bracketed = excess(lo) > 0 && excess(hi) < 0;
  for (let k = 0; bracketed && k < 200 && hi - lo > 1e-16; k++) {
    const mid = (lo + hi) / 2;
    if (excess(mid) > 0) lo = mid;
    else hi = mid;
  }
  const D = bracketed ? (lo + hi) / 2 : 0;
  const o = at(D);
  const R = pb.recovery.side === 'B' ? fixed : 1 - fixed - D;
  const P = pb.recovery.side === 'A' ? fixed : 1 - fixed - D;
  const negative = pb.species.find((s) => (o.draw[s] as number) < -1e-12);
  const fixedName = pb.recovery.side === 'B' ? 'raffinate' : 'product';
  if (!bracketed) {
    fail(
      'INFEASIBLE',
      `${pb.path}.purity`,
      target,
      `targets the feed can meet: with the ${fixedName} fixed at ${fmt(fixed)} mol per mol feed by the ` +
        `recovery and both ends at their purities, ` +
        (excess(0) > 0
          ? `the middle product is richer than ${fmt(target.M)} at every draw flow, so that purity cannot ` +
            'set the flows (ask for a purer middle product)'
          : `the ends' impurities leave no middle product of purity ${fmt(target.M)}`),
    );
  }
  if (!(R > 0 && P > 0 && D > 0) || o.short > 1e-12 || negative !== undefined) {
    fail(
      'INFEASIBLE',
      `${pb.path}.purity`,
      target,
      `targets the feed can meet: with both ends at their purities and the middle product at ${fmt(target.M)}, ` +
        `the balance gives raffinate ${fmt(R)}, draw ${fmt(D)}, product ${fmt(P)} mol per mol feed` +
        (negative === undefined ? '' : `, and the draw would need a negative amount of ${negative}`),
    );
  }
  // Each end product must lose some of its group to the draw: a draw free of A or B needs infinitely many stages.
  const empty = (['A', 'B'] as const).find((k) => !(sum(groups[k], o.draw) > 0));
  if (empty !== undefined) {
    fail(
      'INFEASIBLE',
      `${pb.path}.recovery`,
      pb.recovery.value,
      `a recovery below the one that leaves the draw with none of group ${empty} (it would need infinitely many stages)`,
    );
  }
  return { R, D, P, product: o.product, draw: o.draw, raffinate: o.raffinate };
}

// ── Closed forms and the minimum organic load ────────────────────────────────────────────────────────────

/** Root θ in (lo, hi) of Σ α_i w_i/(α_i − θ) = 0 (Underwood), or NaN when a key holds none. */
function underwoodRoot(alpha: readonly number[], w: readonly number[], lo: number, hi: number): number {
  const f = (t: number) => alpha.reduce((s, a, i) => s + (a * (w[i] as number)) / (a - t), 0);
  let a = lo;
  let b = hi;
  if (!(f(a + (b - a) * 1e-12) < 0 && f(b - (b - a) * 1e-12) > 0)) return Number.NaN;
  for (let k = 0; k < 200 && b - a > 1e-15 * b; k++) {
    const t = (a + b) / 2;
    if (f(t) > 0) b = t;
    else a = t;
  }
  return (a + b) / 2;
}

/**
 * Smallest S for the targets (infinitely many stages): Underwood's common root at the feed pinch (M/B, on
 * the feed) and at the draw pinch (A/M, on the draw's composition, a liquid side draw), each giving
 * S = Σ α_i d_i/(α_i − θ) over the net upward flows d above the pinch; at least P + D (W > D).
 */
function minimumLoad(pb: Problem, bal: Balance): number {
  const { groups, species } = pb;
  const last = (l: readonly string[]) => l[l.length - 1] as string;
  let S = bal.P + bal.D;
  for (const m of Object.values(pb.models)) {
    const alpha = species.map((s) => m.beta[s] as number);
    const feedRoot = underwoodRoot(
      alpha,
      species.map((s) => pb.z[s] as number),
      alpha[species.indexOf(groups.B[0] as string)] as number,
      alpha[species.indexOf(last(groups.M))] as number,
    );
    const up = species.map((s) => (bal.product[s] as number) + (bal.draw[s] as number));
    if (Number.isFinite(feedRoot))
      S = Math.max(
        S,
        alpha.reduce((t, a, i) => t + (a * (up[i] as number)) / (a - feedRoot), 0),
      );
  }
  const alpha = species.map((s) => pb.models.scrub.beta[s] as number);
  const drawRoot = underwoodRoot(
    alpha,
    species.map((s) => bal.draw[s] as number),
    alpha[species.indexOf(groups.M[0] as string)] as number,
    alpha[species.indexOf(last(groups.A))] as number,
  );
  if (Number.isFinite(drawRoot))
    S = Math.max(
      S,
      alpha.reduce((t, a, i) => t + (a * (bal.product[species[i] as string] as number)) / (a - drawRoot), 0),
    );
  return S;
}

/** Closed-form stage counts per section at S (Infinity where a section is pinched) and Fenske's limits. */
interface Estimates {
  readonly extraction: number;
  readonly belowDraw: number;
  readonly aboveDraw: number;
  readonly fenske: { readonly extraction: number; readonly belowDraw: number; readonly aboveDraw: number };
}

function keyBeta(m: SeparationFactorModel, hi: readonly string[], lo: readonly string[]): number {
  return (m.beta[hi[hi.length - 1] as string] as number) / (m.beta[lo[0] as string] as number);
}

/**
 * Each section as a pseudo-binary with constant mixed extraction ratio (ree-data §3.5): n = ln b/ln(β·E_M)
 * for M/B below the feed, ln a′/ln(β/E′) for M/B between feed and draw, ln a/ln(β/E″) for A/M above the
 * draw, with E_M = S/(W − D + 1), E′ = S/(W − D), E″ = S/W and the purification factors of each section's
 * ends; Fenske's limits are the same with E = 1.
 */
function estimates(pb: Problem, bal: Balance, S: number): Estimates {
  const { groups } = pb;
  const W = S - bal.P;
  const sum = (list: readonly string[], r: Readonly<Record<string, number>>) =>
    list.reduce((t, s) => t + (r[s] as number), 0);
  const fB = sum(groups.B, pb.z);
  const drawB = sum(groups.B, bal.draw);
  const drawA = sum(groups.A, bal.draw);
  const b = Math.log(pb.target.B / (1 - pb.target.B) / (fB / (1 - fB)));
  const a1 = Math.log((bal.D - drawB) / drawB / ((1 - fB) / fB));
  const a2 = Math.log(pb.target.A / (1 - pb.target.A) / (drawA / (bal.D - drawA)));
  const betaE = keyBeta(pb.models.extraction, groups.M, groups.B);
  const betaS = keyBeta(pb.models.scrub, groups.M, groups.B);
  const betaA = keyBeta(pb.models.scrub, groups.A, groups.M);
  const count = (lnFactor: number, perStage: number) =>
    perStage > 1 ? Math.max(1, lnFactor / Math.log(perStage)) : Number.POSITIVE_INFINITY;
  return {
    extraction: count(b, (betaE * S) / (W - bal.D + 1)),
    belowDraw: count(a1, (betaS * (W - bal.D)) / S),
    aboveDraw: count(a2, (betaA * W) / S),
    fenske: { extraction: count(b, betaE), belowDraw: count(a1, betaS), aboveDraw: count(a2, betaA) },
  };
}

// ── The search ───────────────────────────────────────────────────────────────────────────────────────────

interface Trial {
  readonly margin: number;
  readonly result: CascadeResult;
}

/** A point (n, I, N) of the search with its trial. */
interface Point {
  readonly n: number;
  readonly I: number;
  readonly N: number;
  readonly trial: Trial;
}

interface Found {
  readonly best: Point;
  /** Feed stages that meet the targets at the design's total and draw stage. */
  readonly feedStages: readonly [number, number];
  readonly failedTotal: number;
  readonly window: readonly [number, number];
  readonly simulations: number;
  readonly unsolved: number;
}

/** An outlet's impurity: the share of the species not in `wanted` (summed directly, no cancellation). */
function impurity(flows: Readonly<Record<string, number>>, wanted: readonly string[]): number {
  let other = 0;
  let all = 0;
  for (const [s, x] of Object.entries(flows)) {
    all += x;
    if (!wanted.includes(s)) other += x;
  }
  return all > 0 ? other / all : 1;
}

/** The cascade at (n, I, N) and its margin: min over the targets of ln(allowed impurity / impurity). */
function scoreAt(pb: Problem, bal: Balance, S: number, n: number, I: number, N: number): Trial {
  const W = S - bal.P;
  const result = simulateCascade({
    stages: { extraction: n, scrub: N - n },
    feed: { flows: pb.feed, volume: pb.feedVolume },
    organic: { volume: (S * pb.F) / pb.loading },
    scrub: { volume: W * pb.feedVolume, reflux: W * pb.F },
    equilibrium: pb.models,
    draws: [{ stage: I, phase: 'aqueous', fraction: bal.D / W }],
    solver: { onNonConvergence: 'flag' },
  });
  if (!result.converged) return { margin: Number.NEGATIVE_INFINITY, result };
  const ln = (x: number) => Math.log(Math.max(x, 1e-300));
  let margin = Math.min(
    ln(1 - pb.target.A) - ln(impurity(result.product.flows, pb.groups.A)),
    ln(1 - pb.target.B) - ln(impurity(result.raffinate.flows, pb.groups.B)),
  );
  if (!pb.middleImplied) {
    const drawn = result.draws[0] as CascadeResult['draws'][number];
    margin = Math.min(margin, ln(1 - pb.target.M) - ln(impurity(drawn.flows, pb.middle)));
  }
  return { margin, result };
}

/**
 * The smallest total N = n + m over (n, I) whose simulation meets the targets at organic load S.
 *
 * At a fixed total and draw stage the best feed stage n is found by a local search (steps of one while
 * the margin grows); at a fixed total the best draw stage I likewise, each I's search starting from its
 * neighbour's n. Totals: from the closed forms' seed up (steps extrapolated from the margin gained per
 * stage, at most doubling) until one meets the targets, down (doubling steps) until one fails, then by
 * bisection; n and I scale with N between totals. Finally the total one smaller is searched at every draw
 * stage within `window` of the design's (each at its best n); if any meets the targets the design moves
 * there and the check repeats.
 */
function search(pb: Problem, bal: Balance, S: number, seed: Estimates): Found {
  const cache = new Map<string, Trial>();
  let unsolved = 0;
  const trial = (n: number, I: number, N: number): Trial => {
    const key = `${n},${I},${N}`;
    const hit = cache.get(key);
    if (hit) return hit;
    if (cache.size >= pb.maxSimulations)
      fail(
        'NOT_CONVERGED',
        `${pb.path}.maxSimulations`,
        pb.maxSimulations,
        `enough simulations to finish the search at S = ${fmt(S)} (it was at ${n} + ${N - n} stages, draw at ${I})`,
      );
    const t = scoreAt(pb, bal, S, n, I, N);
    if (t.margin === Number.NEGATIVE_INFINITY) unsolved++;
    cache.set(key, t);
    return t;
  };
  const clamp = (x: number, lo: number, hi: number) => Math.min(hi, Math.max(lo, Math.round(x)));
  // Best n at (I, N): local search; unless `full`, stop at the first point that meets the targets.
  const bestN = (N: number, I: number, n0: number, full: boolean): Point => {
    let n = clamp(n0, 1, I - 1);
    let t = trial(n, I, N);
    for (const dir of [1, -1]) {
      let moved = false;
      for (let k = n + dir; k >= 1 && k <= I - 1 && (full || t.margin < 0); k += dir) {
        const u = trial(k, I, N);
        if (!(u.margin > t.margin)) break;
        n = k;
        t = u;
        moved = true;
      }
      if (moved || (!full && t.margin >= 0)) break;
    }
    return { n, I, N, trial: t };
  };
  // Best (n, I) at N: local search over I with each I's best n.
  const bestAt = (N: number, I0: number, n0: number, full: boolean): Point => {
    let p = bestN(N, clamp(I0, 2, N - 1), n0, full);
    for (const dir of [1, -1]) {
      let moved = false;
      for (let I = p.I + dir; I >= 2 && I <= N - 1 && (full || p.trial.margin < 0); I += dir) {
        const q = bestN(N, I, p.n, full);
        if (!(q.trial.margin > p.trial.margin)) break;
        p = q;
        moved = true;
      }
      if (moved || (!full && p.trial.margin >= 0)) break;
    }
    if (p.trial.margin === Number.NEGATIVE_INFINITY)
      fail(
        'NOT_CONVERGED',
        pb.path,
        N,
        `cascades whose simulation converges (none tried at ${N} stages, S = ${fmt(S)}, did)`,
      );
    return p;
  };
  const moveTo = (p: Point, N: number, full = false) => bestAt(N, (p.I * N) / p.N, (p.n * N) / p.N, full);

  const finiteOr = (x: number, f: number) => (Number.isFinite(x) ? x : 3 * f);
  const n0 = finiteOr(seed.extraction, seed.fenske.extraction);
  const u0 = finiteOr(seed.belowDraw, seed.fenske.belowDraw);
  const v0 = finiteOr(seed.aboveDraw, seed.fenske.aboveDraw);
  const N0 = clamp(n0 + u0 + v0, 3, pb.maxStages);
  let pass: Point | undefined;
  let failed: Point | undefined;
  let lastFailed: Point | undefined;
  const classify = (p: Point) => {
    if (p.trial.margin >= 0) {
      if (!pass || p.N < pass.N) pass = p;
    } else if (!failed || p.N > failed.N) {
      lastFailed = failed;
      failed = p;
    }
  };
  classify(bestAt(N0, ((n0 + u0) * N0) / (n0 + u0 + v0), (n0 * N0) / (n0 + u0 + v0), false));
  // Up: extrapolate the margin per stage from the last two failures, at most doubling.
  while (!pass) {
    const f = failed as Point;
    if (f.N >= pb.maxStages) {
      const e = (x: number) => (Number.isFinite(x) ? fmt(x) : '∞ (pinched)');
      fail(
        'INFEASIBLE',
        `${pb.path}.maxStages`,
        pb.maxStages,
        `limits that hold the design: at S = ${fmt(S)} the closed forms give n ≈ ${e(seed.extraction)}, ` +
          `${e(seed.belowDraw)} stages below and ${e(seed.aboveDraw)} from the draw up (Fenske limits ` +
          `${fmt(seed.fenske.extraction)} + ${fmt(seed.fenske.belowDraw)} + ${fmt(seed.fenske.aboveDraw)}), and ` +
          `${pb.maxStages} stages miss the targets (margin ${f.trial.margin.toPrecision(3)})`,
      );
    }
    let step = Math.ceil(0.1 * f.N);
    if (lastFailed) {
      const slope = (f.trial.margin - lastFailed.trial.margin) / (f.N - lastFailed.N);
      step = slope > 0 ? Math.ceil(-f.trial.margin / slope) + 1 : f.N;
    }
    classify(moveTo(f, Math.min(pb.maxStages, f.N + clamp(step, 1, f.N))));
  }
  // Down until a total fails (doubling steps), then bisection.
  for (let step = 1; !failed && pass.N > 3; step *= 2) classify(moveTo(pass, Math.max(3, pass.N - step)));
  while (failed && pass.N - failed.N > 1) classify(moveTo(pass, Math.floor((pass.N + failed.N) / 2)));
  // The best (n, I) at the smallest total, then the check one stage fewer around its draw stage.
  let best = moveTo(pass, pass.N, true);
  for (;;) {
    const N = best.N - 1;
    const lo = Math.max(2, best.I - pb.window);
    const hi = Math.min(N - 1, best.I + pb.window);
    let better: Point | undefined;
    let n = best.n;
    for (const I of [
      best.I,
      ...Array.from({ length: 2 * pb.window }, (_, k) => best.I + (k % 2 ? -1 : 1) * (1 + (k >> 1))),
    ]) {
      if (I < lo || I > hi) continue;
      const p = bestN(N, I, n, false);
      n = p.n;
      if (p.trial.margin >= 0) {
        better = p;
        break;
      }
    }
    if (!better) break;
    best = bestAt(N, better.I, better.n, true);
  }
  // The split: the middle of the feed stages that meet the targets at this total and draw stage (the
  // margin is nearly flat in n when the product's purity binds, so its maximum is no better a choice).
  const meets = (k: number) => k >= 1 && k <= best.I - 1 && trial(k, best.I, best.N).margin >= 0;
  let lo = best.n;
  let hi = best.n;
  while (meets(lo - 1)) lo--;
  while (meets(hi + 1)) hi++;
  const n = Math.ceil((lo + hi) / 2);
  const centred = { ...best, n, trial: trial(n, best.I, best.N) };
  const N = best.N - 1;
  const window = [Math.max(2, best.I - pb.window), Math.min(N - 1, best.I + pb.window)] as const;
  return { best: centred, feedStages: [lo, hi], failedTotal: N, window, simulations: cache.size, unsolved };
}

// ── Designs over S ───────────────────────────────────────────────────────────────────────────────────────

interface AtLoad {
  readonly S: number;
  readonly found: Found;
  readonly seed: Estimates;
}

function designAt(pb: Problem, bal: Balance, S: number, Smin: number): AtLoad {
  if (!(S > Smin)) {
    const e = estimates(pb, bal, Smin * 1.5);
    fail(
      'INFEASIBLE',
      `${pb.path}.organicLoad`,
      S,
      `an organic load above the minimum ${fmt(Smin)} mol per mol feed for these targets (Underwood ` +
        `pinches at the feed and the draw; D = ${fmt(bal.D)}, P = ${fmt(bal.P)}); Fenske's limit is ` +
        `${fmt(e.fenske.extraction + e.fenske.belowDraw + e.fenske.aboveDraw)} stages`,
    );
  }
  const seed = estimates(pb, bal, S);
  return { S, found: search(pb, bal, S, seed), seed };
}

/** S·(n + m) of a design. */
const holdup = (d: AtLoad) => d.S * d.found.best.N;

/**
 * Walks S from the closed forms' optimum in steps of S_min/10, up then down, each way until S·(n + m) has
 * failed twice running to improve on the best (the verified curve is saw-toothed: n + m is an integer).
 */
function optimumWalk(pb: Problem, bal: Balance, Smin: number): AtLoad[] {
  const total = (S: number) => {
    const e = estimates(pb, bal, S);
    return S * (e.extraction + e.belowDraw + e.aboveDraw);
  };
  let start = Smin * 1.5;
  for (let f = 1.05; f <= 4; f += 0.01) if (total(Smin * f) < total(start)) start = Smin * f;
  const round = (S: number) => Number(S.toPrecision(3));
  const h = Smin / 10;
  const done = new Map<number, AtLoad>();
  const at = (S: number) => {
    const s = round(S);
    let d = done.get(s);
    if (!d) {
      d = designAt(pb, bal, s, Smin);
      done.set(s, d);
    }
    return d;
  };
  let best = at(start);
  for (const dir of [1, -1]) {
    for (let k = 1, misses = 0; k <= 12 && misses < 2; k++) {
      const S = start + dir * k * h;
      if (!(round(S) > Smin * 1.05)) break;
      const d = at(S);
      if (holdup(d) < holdup(best)) {
        best = d;
        misses = 0;
      } else misses++;
    }
  }
  return [...done.values()];
}

// ── The design ───────────────────────────────────────────────────────────────────────────────────────────

/**
 * Designs a three-outlet counter-current extraction–scrub cascade (aqueous feed, product reflux, an aqueous
 * side draw in the scrub section) and verifies it stage by stage.
 *
 * **Method.** (1) Flows per mol feed by balance (see the module notes): R, D, P from the recovery and the
 * three purities, W = S − P; the draw takes D/W of the aqueous leaving stage I. (2) The smallest S
 * (Underwood's pinches at the feed and the draw); S at or below it is INFEASIBLE at once. (3) Closed-form
 * counts per section seed the search. (4) The search (simulations of all species with the draw, at most
 * `maxSimulations` per S): at a fixed total and draw stage the feed stage n by local search (steps of one
 * while the margin grows; margin = the smallest ln(allowed impurity / reached impurity) over the targets),
 * at a fixed total the draw stage I likewise; totals up from the seed (steps extrapolated from the margin
 * gained per stage) until one meets the targets, then bisection. At the smallest total N the draw stage
 * is the one with the largest margin and n the middle of the feed stages that meet the targets there (the
 * margin is nearly flat in n when the product's purity binds).
 * **Guarantee.** The design meets both end purities and the middle purity in its verifying simulation.
 * At N − 1 stages, every draw stage within `drawWindow` of the design's was searched for its best feed
 * stage (local search from the neighbouring optimum) and none met the targets; a hit moves the design down
 * and the check repeats (`oneFewer` gives the total and the draw stages checked). This covers every n if the
 * margin is unimodal in n at each draw stage: an exhaustive check of all n found no miss for the six §3.8b
 * rows (±4 draw stages) nor in the randomised tests. Not guaranteed: draw stages outside the window, and
 * totals below N − 1 (a stage added to a section is taken never to hurt).
 * **S.** One value, a list (each designed; the result is the one with the smallest S·(n + m)) or
 * `'optimum'`: from the closed forms' optimum, S in steps of S_min/10 both ways until S·(n + m) has twice
 * failed to improve (the minimum is flat, and saw-toothed because n + m is an integer: ree-data §3.4, §3.8b).
 * **Cost.** 70–130 simulations per §3.8b row (55–85 stages, a few ms each): the six rows take ~2.5 s.
 * **The user specifies:** feed amounts, the saturated model(s), the three groups, purities, one recovery,
 * S, and optionally the feed volume, loading and limits. **Units:** amounts per unit time in any unit, loads
 * per mol feed, volumes per unit time (organic = S·F/loading; scrub = W·feedVolume, the reflux at the feed's
 * concentration).
 *
 * Sources: ree-data §3.8b (ZZS16 via the sheet) for the example; the draw phase and flows are inferred [D].
 *
 * @throws ReesimError for bad input (INVALID_TYPE, NOT_FINITE, OUT_OF_RANGE, UNKNOWN_KEY, MISSING,
 *   NOT_SUPPORTED for a distribution model); INFEASIBLE when the targets contradict the feed, S is at or
 *   below the minimum, the groups are not contiguous, or `maxStages` cannot hold a design (the message
 *   gives the closed-form and Fenske counts); NOT_CONVERGED when the search needs more than
 *   `maxSimulations` simulations for one S or no trial at some total converges
 * @example
 * ```ts
 * // ree-data §3.8b (ZZS16): Gd/Eu/Sm, β 1.4 and 2.0; design chosen at S = 2.00: 18 + 42 stages, draw at 30.
 * const d = designThreeOutletCascade({
 *   feed: { Gd: 0.39, Eu: 0.1, Sm: 0.51 },
 *   equilibrium: separationFactors({ Gd: 2.8, Eu: 2.0, Sm: 1.0 }),
 *   groups: { A: ['Gd'], M: ['Eu'], B: ['Sm'] },
 *   purity: { A: 0.999, M: 0.4, B: 0.9999 },
 *   recovery: { B: 0.999 },
 *   organicLoad: 2,
 * });
 * d.stages.total; // 60
 * d.draw.stage; // 30
 * d.recovery.A; // 0.618
 * d.purity.M >= 0.4; // true
 * d.minimumOrganicLoad; // 1.245
 * ```
 */
export function designThreeOutletCascade(request: ThreeOutletRequest): ThreeOutletDesign {
  return threeOutlet(request, FN, []).design;
}

/** The design with its checked problem and balance (for {@link compareThreeOutlet}). */
function threeOutlet(request: unknown, path: string, extraKeys: readonly string[]) {
  const pb = checkRequest(request, path, extraKeys);
  const loads = checkLoads(`${path}.organicLoad`, pb.organicLoad);
  const bal = balance(pb);
  const Smin = minimumLoad(pb, bal);
  const designs =
    loads === 'optimum' ? optimumWalk(pb, bal, Smin) : loads.map((S) => designAt(pb, bal, S, Smin));
  const chosen = designs.reduce((a, b) => (holdup(b) < holdup(a) ? b : a));
  return { pb, bal, design: report(pb, bal, Smin, chosen, designs, loads === 'optimum') };
}

/** x, or null when it is not finite (a pinched closed form). */
const orNull = (x: number): number | null => (Number.isFinite(x) ? x : null);

function report(
  pb: Problem,
  bal: Balance,
  Smin: number,
  d: AtLoad,
  all: readonly AtLoad[],
  optimum: boolean,
): ThreeOutletDesign {
  const { n, I, N } = d.found.best;
  const sim = d.found.best.trial.result;
  const W = d.S - bal.P;
  const sum = (list: readonly string[], r: Readonly<Record<string, number>>) =>
    list.reduce((t, s) => t + (r[s] ?? 0), 0);
  const drawn = sim.draws[0] as CascadeResult['draws'][number];
  const purity = (r: Readonly<Record<string, number>>, list: readonly string[]) => 1 - impurity(r, list);
  const g = pb.groups;
  const rows = [...all]
    .sort((a, b) => a.S - b.S)
    .map(
      (x): ThreeOutletRow => ({
        organicLoad: x.S,
        extraction: x.found.best.n,
        scrub: x.found.best.N - x.found.best.n,
        total: x.found.best.N,
        drawStage: x.found.best.I,
        holdupIndex: holdup(x),
        simulations: x.found.simulations,
      }),
    );
  const e = d.seed;
  const show = (x: number) => (Number.isFinite(x) ? fmt(x) : '∞');
  const beta = (hi: readonly string[], lo: readonly string[]) => ({
    extraction: keyBeta(pb.models.extraction, hi, lo),
    scrub: keyBeta(pb.models.scrub, hi, lo),
  });
  const notes = [
    `flows per mol feed by balance: R = ${fmt(bal.R)}, D = ${fmt(bal.D)}, P = ${fmt(bal.P)}; S = ${fmt(d.S)}, ` +
      `W = ${fmt(W)}; minimum S ≈ ${fmt(Smin)}`,
    `closed forms ${show(e.extraction)} + (${show(e.belowDraw)} + ${show(e.aboveDraw)}), verified ${n} + ` +
      `(${I - n} + ${N - I}) with the draw at stage ${I} (${d.found.simulations} simulations, ${d.found.unsolved} unsolved)`,
    `smallest: ${N} stages meet the targets; ${d.found.failedTotal} do not at any draw stage ` +
      `${d.found.window[0]}–${d.found.window[1]} (best feed stage by local search); feed stages ` +
      `${d.found.feedStages[0]}–${d.found.feedStages[1]} meet them at this draw stage, the middle one is used`,
  ];
  if (all.length > 1)
    notes.push(
      `${optimum ? 'optimum walk' : 'trade-off'} over ${all.length} values of S: smallest S·(n + m) = ` +
        `${fmt(holdup(d))} at S = ${fmt(d.S)}`,
    );
  const total = (x: AtLoad) => x.found.simulations;
  return {
    groups: g,
    beta: { AM: beta(g.A, g.M), MB: beta(g.M, g.B) },
    stages: { extraction: n, scrub: N - n, total: N, belowDraw: I - n, aboveDraw: N - I },
    draw: { stage: I, phase: 'aqueous', fraction: bal.D / W, amount: sum(pb.species, drawn.flows) },
    flows: {
      perMolFeed: { S: d.S, W, D: bal.D, P: bal.P, R: bal.R },
      feed: pb.F,
      feedVolume: pb.feedVolume,
      organicVolume: (d.S * pb.F) / pb.loading,
      scrubVolume: W * pb.feedVolume,
      drawVolume: drawn.volume,
      loading: pb.loading,
      reflux: W * pb.F,
    },
    minimumOrganicLoad: Smin,
    shortcut: {
      extraction: orNull(e.extraction),
      belowDraw: orNull(e.belowDraw),
      aboveDraw: orNull(e.aboveDraw),
      total: orNull(e.extraction + e.belowDraw + e.aboveDraw),
      fenske: e.fenske.extraction + e.fenske.belowDraw + e.fenske.aboveDraw,
    },
    purity: {
      A: purity(sim.product.flows, g.A),
      M: purity(drawn.flows, pb.middle),
      B: purity(sim.raffinate.flows, g.B),
    },
    recovery: {
      A: sum(g.A, sim.product.flows) / sum(g.A, pb.feed),
      M: sum(pb.middle, drawn.flows) / sum(pb.middle, pb.feed),
      B: sum(g.B, sim.raffinate.flows) / sum(g.B, pb.feed),
    },
    simulation: sim,
    tradeOff: rows,
    oneFewer: { total: d.found.failedTotal, drawStages: d.found.window },
    simulations: all.reduce((t, x) => t + total(x), 0),
    unsolvedSimulations: all.reduce((t, x) => t + x.found.unsolved, 0),
    provenance: PROVENANCE,
    notes,
  };
}

// ── Against the two-outlet pair ──────────────────────────────────────────────────────────────────────────

/** What {@link compareThreeOutlet} takes: a three-outlet request, S optional, and the pair's order. */
export interface ThreeOutletComparisonRequest extends Omit<ThreeOutletRequest, 'organicLoad'> {
  /** S of the three-outlet cascade (default `'optimum'`). */
  readonly organicLoad?: ThreeOutletRequest['organicLoad'];
  /**
   * Which cut the pair makes first: `'A-first'` (A/M, then M/B on its raffinate), `'B-first'` (M/B, then
   * A/M on its organic product), or `'auto'` (default): both where {@link designCascade} accepts the
   * cuts' targets, the one with the smaller S·(n + m).
   */
  readonly order?: 'auto' | 'A-first' | 'B-first';
}

/** One two-outlet cascade of the pair; loads per mol of the pair's (the three-outlet's) feed. */
export interface PairCascade {
  /** Key pair, `'A/B'`, e.g. `'Gd/Eu'`. */
  readonly cut: string;
  /** Amount fed to this cascade per mol of the pair's feed. */
  readonly feedShare: number;
  readonly stages: { readonly extraction: number; readonly scrub: number; readonly total: number };
  /** This cascade's S times its feed share. */
  readonly organicLoad: number;
  readonly holdupIndex: number;
  readonly design: CascadeDesign;
}

/** Stages, S and S·(n + m) per mol feed of one plan. */
export interface PlanSize {
  readonly stages: number;
  readonly organicLoad: number;
  readonly holdupIndex: number;
}

/** Result of {@link compareThreeOutlet}. */
export interface ThreeOutletComparison {
  readonly threeOutlet: PlanSize & { readonly design: ThreeOutletDesign };
  readonly pair: PlanSize & {
    readonly order: 'A-first' | 'B-first';
    readonly cascades: readonly [PairCascade, PairCascade];
    /** The pair's final products, as {@link ThreeOutletDesign.purity} and `recovery`. */
    readonly purity: { readonly A: number; readonly M: number; readonly B: number };
    readonly recovery: { readonly A: number; readonly M: number; readonly B: number };
  };
  /** Pair minus three-outlet: positive where the three-outlet cascade needs less. */
  readonly saving: PlanSize;
  readonly notes: readonly string[];
}

const CMP = 'compareThreeOutlet';

/** One pair plan: two designCascade calls in the given order, each cut's targets from the balance. */
function pairPlan(pb: Problem, bal: Balance, order: 'A-first' | 'B-first') {
  const g = pb.groups;
  const sum = (list: readonly string[], r: Readonly<Record<string, number>>) =>
    list.reduce((t, s) => t + (r[s] ?? 0), 0);
  const lastA = g.A[g.A.length - 1] as string;
  const lastM = g.M[g.M.length - 1] as string;
  const aInMiddle = sum(g.A, bal.draw) + sum(g.A, bal.raffinate);
  const bInMiddle = sum(g.B, bal.draw) + sum(g.B, bal.product);
  const cut = (
    feed: Readonly<Record<string, number>>,
    keys: { A: string; B: string },
    organic: number,
    aqueous: number,
  ) => {
    const amount = Object.values(feed).reduce((t, x) => t + x, 0);
    const design = designCascade({
      feed,
      equilibrium: pb.models,
      keys,
      purity: { organic, aqueous },
      feedVolume: (amount * pb.feedVolume) / pb.F,
      loading: pb.loading,
    });
    const share = amount / pb.F;
    const s = design.stages;
    return {
      cut: `${keys.A}/${keys.B}`,
      feedShare: share,
      stages: s,
      organicLoad: design.organicLoad * share,
      holdupIndex: design.organicLoad * share * s.total,
      design,
    } satisfies PairCascade;
  };
  let first: PairCascade;
  let second: PairCascade;
  let products: Record<'A' | 'M' | 'B', Readonly<Record<string, number>>>;
  if (order === 'A-first') {
    first = cut(pb.feed, { A: lastA, B: g.M[0] as string }, pb.target.A, 1 - aInMiddle / (bal.D + bal.R));
    const raffinate = first.design.simulation.raffinate.flows;
    second = cut(raffinate, { A: lastM, B: g.B[0] as string }, 1 - sum(g.B, bal.draw) / bal.D, pb.target.B);
    const s = second.design.simulation;
    products = { A: first.design.simulation.product.flows, M: s.product.flows, B: s.raffinate.flows };
  } else {
    first = cut(pb.feed, { A: lastM, B: g.B[0] as string }, 1 - bInMiddle / (bal.D + bal.P), pb.target.B);
    second = cut(
      first.design.simulation.product.flows,
      { A: lastA, B: g.M[0] as string },
      pb.target.A,
      1 - sum(g.A, bal.draw) / bal.D,
    );
    const s = second.design.simulation;
    products = { A: s.product.flows, M: s.raffinate.flows, B: first.design.simulation.raffinate.flows };
  }
  const size = (f: (c: PairCascade) => number) => f(first) + f(second);
  const own = { A: g.A, M: pb.middle, B: g.B };
  const of = (k: 'A' | 'M' | 'B') => 1 - impurity(products[k], own[k]);
  const rec = (k: 'A' | 'M' | 'B') => sum(own[k], products[k]) / sum(own[k], pb.feed);
  return {
    order,
    stages: size((c) => c.stages.total),
    organicLoad: size((c) => c.organicLoad),
    holdupIndex: size((c) => c.holdupIndex),
    cascades: [first, second] as const,
    purity: { A: of('A'), M: of('M'), B: of('B') },
    recovery: { A: rec('A'), M: rec('M'), B: rec('B') },
  };
}

/**
 * Compares one three-outlet cascade with the pair of two-outlet cascades it replaces, for the same feed,
 * model, groups and targets: what the separation-train designer needs to decide whether to draw a middle
 * product instead of making two cuts.
 *
 * **Contract.** The three-outlet cascade is {@link designThreeOutletCascade} at `organicLoad` (default
 * `'optimum'`: the smallest S·(n + m) found). The pair is two {@link designCascade} cuts at Xu's optimum
 * flows (each at its own best S), the second fed with what the first actually delivered: `'A-first'` cuts
 * A/M with the A product at `purity.A` and the M + B raffinate carrying the A the three-outlet draw carries,
 * then M/B with B at `purity.B` and the M concentrate holding the B the draw holds; `'B-first'` the mirror
 * image. So both plans make the same three products to the same balance (the pair's reached purities and
 * recoveries are returned to show it). A cut whose targets {@link designCascade} does not accept (a side
 * purity at or below 0.5, e.g. a 40 % concentrate as a raffinate) rules its order out; `'auto'` takes the
 * feasible order with the smaller S·(n + m) and throws INFEASIBLE when neither is. Loads are per mol of
 * the pair's feed: a cut's S times its feed share. `saving` is pair minus three-outlet (stages, S and
 * S·(n + m), the last proportional to the solvent inventory at equal residence times).
 * **Cost:** the three-outlet design (several S values for `'optimum'`) plus two or four cut designs.
 *
 * @throws ReesimError as {@link designThreeOutletCascade} (paths under `compareThreeOutlet`); UNKNOWN_KEY
 *   for a bad `order`; INFEASIBLE when no order's cuts can be designed (the message gives each reason)
 * @example
 * ```ts
 * // ree-data §3.8b: the three-outlet cascade at S = 2.00 against Gd/Eu then Eu/Sm.
 * const c = compareThreeOutlet({
 *   feed: { Gd: 0.39, Eu: 0.1, Sm: 0.51 },
 *   equilibrium: separationFactors({ Gd: 2.8, Eu: 2.0, Sm: 1.0 }),
 *   groups: { A: ['Gd'], M: ['Eu'], B: ['Sm'] },
 *   purity: { A: 0.999, M: 0.4, B: 0.9999 },
 *   recovery: { B: 0.999 },
 *   organicLoad: 2,
 * });
 * c.threeOutlet.stages; // 60
 * c.pair.order; // 'A-first'
 * c.pair.cascades.map((k) => k.cut); // ['Gd/Eu', 'Eu/Sm']
 * c.saving.holdupIndex > 0; // true
 * ```
 */
export function compareThreeOutlet(request: ThreeOutletComparisonRequest): ThreeOutletComparison {
  const q = record(CMP, request, 'a three-outlet comparison request');
  const order = optional(q.order, 'auto' as const, (v) =>
    oneOf(`${CMP}.order`, v, ['auto', 'A-first', 'B-first'] as const),
  );
  const { order: _, ...rest } = q;
  const { pb, bal, design } = threeOutlet({ organicLoad: 'optimum', ...rest }, CMP, []);
  const plans: ReturnType<typeof pairPlan>[] = [];
  const reasons: string[] = [];
  for (const o of order === 'auto' ? (['A-first', 'B-first'] as const) : [order]) {
    try {
      plans.push(pairPlan(pb, bal, o));
    } catch (e) {
      if (!(e instanceof ReesimError)) throw e;
      reasons.push(`${o}: ${e.message}`);
    }
  }
  const pair = plans.reduce<ReturnType<typeof pairPlan> | undefined>(
    (a, b) => (a === undefined || b.holdupIndex < a.holdupIndex ? b : a),
    undefined,
  );
  if (pair === undefined)
    return fail(
      'INFEASIBLE',
      `${CMP}.order`,
      order,
      `an order whose two cuts can be designed (${reasons.join('; ')})`,
    );
  const three = {
    stages: design.stages.total,
    organicLoad: design.flows.perMolFeed.S,
    holdupIndex: design.flows.perMolFeed.S * design.stages.total,
  };
  const notes = [
    `three-outlet: ${design.stages.extraction} + ${design.stages.scrub} stages at S = ${fmt(three.organicLoad)}; ` +
      `pair (${pair.order}): ${pair.cascades.map((c) => `${c.cut} ${c.stages.extraction} + ${c.stages.scrub}`).join(', ')}` +
      ` at S = ${fmt(pair.organicLoad)} per mol feed`,
    ...reasons.map((r) => `order ruled out, ${r}`),
  ];
  return {
    threeOutlet: { ...three, design },
    pair,
    saving: {
      stages: pair.stages - three.stages,
      organicLoad: pair.organicLoad - three.organicLoad,
      holdupIndex: pair.holdupIndex - three.holdupIndex,
    },
    notes,
  };
}
