/**
 * A three-outlet cascade against the pair of two-outlet cascades that makes the same three products
 * ({@link compareThreeOutlet}): what a plant designer weighs before drawing a middle product.
 */
import { fail, ReesimError } from '../../core/errors.js';
import { oneOf, optional, record } from '../../core/validate.js';
import { type CascadeDesign, designCascade } from './designCascade.js';
import { fmt } from './designFlows.js';
import { type ThreeOutletDesign, threeOutlet } from './threeOutlet.js';
import { type Balance, impurity } from './threeOutletBalance.js';
import type { Problem, ThreeOutletRequest } from './threeOutletRequest.js';

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
