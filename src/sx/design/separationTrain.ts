/**
 * A separation train: the sequence of counter-current extraction–scrub cascades that splits a mixed
 * rare-earth chloride into individual products (the whole SX plant of a refinery), each cut designed by
 * {@link designCascade} and simulated with every species present; where it saves solvent, a three-outlet
 * cascade ({@link designThreeOutletCascade}) takes the place of two cuts.
 *
 * **Plan.** The products are contiguous groups in the extractant's order of extractability (a single element,
 * or a concentrate such as Eu…Lu). The list is split recursively at the boundary with the largest separation
 * factor between the keys (the easiest cut first, as plants take Nd/Sm before the light-group splits); each
 * side is split again until every group stands alone. Each cut's feed is what the cut before it actually
 * delivered (impurities included), so leakage accumulates along each product's path as in a plant.
 *
 * **Purity.** Each cut targets on each side the group purity 1 − (1 − P)/d, where P is the required purity
 * of the product next to the boundary on that side (its own `purity`, else the train's) and d the number of
 * cuts on the deepest path (the impurity budget shared along a path). If a final product still misses its
 * purity, the cuts on its path get half the budget and the train is designed again (at most four rounds;
 * then INFEASIBLE names the product).
 *
 * **Three-outlet cascades** (`threeOutlet: 'auto'`, the default). Where a cut's next cut isolates the product
 * next to the first cut's boundary, the pair makes A | M | B with M one product between them: one cascade
 * with an aqueous side draw in its scrub section can make the same three products. Each such candidate of
 * the two-outlet plan is first screened without simulation: Underwood's minimum organic load times Fenske's
 * stages of the three sections (a floor under the three-outlet cascade's S·(n + m)) against the pair's actual
 * S·(n + m) per mol of the pair's feed; a floor at or above it rules the candidate out. The rest are designed
 * at the closed forms' optimum S, with the pair's end purities, the pair's recovery of B and M at the
 * product's required purity, on a bounded share of the simulation budget, and used where their S·(n + m) is
 * smaller (of two candidates sharing a cut, the larger saving). The train is then designed again with those
 * cascades in place (cuts whose feed and targets did not change are reused), so every cut downstream of a
 * three-outlet cascade is designed from its real outlets; if that train misses a purity, the two-outlet plan
 * is returned and the candidates say why. `threeOutlet` in the result lists every candidate with the
 * decision, the screen's numbers and, for those designed, both plans' stages, S and S·(n + m) and the saving.
 *
 * **Reagents and inventory (per cascade).** Saponification base: 3 mol NaOH per mol RE carried by the organic
 * out of the extraction section (S·F); strip acid: 3 mol H⁺ per mol RE stripped from the loaded organic
 * (ree-data 2.6, derived); with `strip`, the acid supplied to each cut's designed strip section (3 mol H⁺ per
 * mol RE plus its excess). Solvent inventory: organic volume flow × organic residence time per stage × stages
 * of each section (default 25 min per stage: mixer 3–5 min plus settler 15–30 min, ree-data 4.2; an
 * assumption). Three-outlet cascades are designed without a strip section, so a train with `strip` keeps
 * two-outlet cuts (the candidates are listed as not used).
 *
 * **Impurity budget.** What crosses a cut is mostly its key species, which end in the products next to the
 * boundary; each side's impurity share is therefore the side's budget times the amount of the product next
 * to the boundary over the side's amount (so a minor product beside a major one is not swamped).
 *
 * **Work** is bounded by `maxSimulations` over the whole train, three-outlet designs included (each at most
 * 400); `hooks.onProgress` reports each cascade and simulation.
 *
 * **The user specifies:** feed amounts of each element in `unit` (mol/h unless it says `kmol/h`, `mol/s`,
 * `kmol/s` or `t REO/yr`), the extractant system and the products.
 * **Units:** the feed is converted to mol/h; results are in mol/h, volumes in L/h (feed at `concentration`
 * mol/L), inventory in m³.
 */
import { fail, ReesimError } from '../../core/errors.js';
import {
  fraction,
  integer,
  isRecord,
  knownKeys,
  nonNegative,
  oneOf,
  optional,
  positive,
  record,
} from '../../core/validate.js';
import {
  extractants,
  findSystem,
  type SeparationFactorOverrides,
  separationFactorModel,
} from '../equilibrium/extractants.js';
import { FEED_UNITS, type FeedUnit, molPerHour } from '../flowUnits.js';
import type { DesignRequest } from './designCascade.js';
import {
  type Budgets,
  FN,
  type Group,
  type PlanState,
  required,
  result,
  rounds,
  type TrainContext,
} from './separationTrainPlan.js';
import { chooseThreeOutlets, evaluateCandidates } from './separationTrainThreeOutlet.js';

import type { SeparationTrain, SeparationTrainRequest, TrainHooks } from './trainTypes.js';

export type {
  SeparationTrain,
  SeparationTrainRequest,
  ThreeOutletReason,
  ThreeOutletTrainCascade,
  ThreeProducts,
  TrainCascade,
  TrainCascadeBase,
  TrainHooks,
  TrainOutput,
  TrainProduct,
  TrainProgress,
  TrainThreeOutletCandidate,
  TwoOutletTrainCascade,
} from './trainTypes.js';

function groupsOf(order: readonly string[], feed: Record<string, number>, products: unknown): Group[] {
  const path = `${FN}.products`;
  const list: unknown[] =
    products === undefined
      ? order.filter((e) => (feed[e] ?? 0) > 0)
      : Array.isArray(products)
        ? products
        : fail('INVALID_TYPE', path, products, 'an array of elements or { name, elements, purity? }');
  const groups = list.map((p, i): Group => {
    const name = typeof p === 'string' ? p : isRecord(p) && typeof p.name === 'string' ? p.name : undefined;
    const elements =
      typeof p === 'string' ? [p] : isRecord(p) && Array.isArray(p.elements) ? (p.elements as unknown[]) : [];
    if (name === undefined || elements.length === 0)
      fail(
        'INVALID_TYPE',
        `${path}[${i}]`,
        p,
        "an element or { name, elements: ['Eu', 'Gd', ...], purity? }",
      );
    if (isRecord(p)) knownKeys(`${path}[${i}]`, p, ['name', 'elements', 'purity']);
    const pos = elements.map((e, k) => {
      const at = typeof e === 'string' ? order.indexOf(e) : -1;
      if (at < 0) fail('UNKNOWN_KEY', `${path}[${i}].elements[${k}]`, e, `an element of ${order.join(', ')}`);
      return at;
    });
    const lo = Math.min(...pos);
    const hi = Math.max(...pos);
    if (hi - lo + 1 !== new Set(pos).size)
      fail('INVALID_TYPE', `${path}[${i}]`, p, 'elements adjacent in the extractant order');
    const own =
      isRecord(p) && p.purity !== undefined ? fraction(`${path}[${i}].purity`, p.purity) : undefined;
    if (own !== undefined && !(own > 0 && own < 1))
      fail('OUT_OF_RANGE', `${path}[${i}].purity`, own, 'a purity in (0, 1)');
    return {
      name,
      elements: order.slice(lo, hi + 1),
      lo,
      hi,
      index: i,
      ...(own === undefined ? {} : { purity: own }),
    };
  });
  groups.sort((a, b) => a.lo - b.lo);
  for (let i = 1; i < groups.length; i++) {
    if ((groups[i] as Group).lo <= (groups[i - 1] as Group).hi)
      fail('INVALID_TYPE', path, products, 'products that do not share elements');
  }
  for (const [e, x] of Object.entries(feed)) {
    if (x > 0 && !groups.some((g) => g.elements.includes(e)))
      fail('MISSING', path, products, `a product containing ${e} (it is in the feed)`);
  }
  if (groups.length < 2) fail('OUT_OF_RANGE', path, products, 'at least two products');
  return groups;
}

/** The split point of groups[lo..hi]: the boundary g (between groups g and g + 1) with the largest β. */
function plan(beta: (g: number) => number): (lo: number, hi: number) => number {
  return (lo, hi) => {
    let best = lo;
    for (let g = lo + 1; g < hi; g++) if (beta(g) > beta(best)) best = g;
    return best;
  };
}

/**
 * Checks a separation-train request without designing: the feed, the system and its overrides, the products
 * (each with some of its elements in the feed), the purities and the limits (what
 * {@link designSeparationTrain} checks before its first design; `reesim validate` runs it).
 *
 * @throws ReesimError at the first problem
 * @example
 * ```ts
 * try {
 *   checkSeparationTrainRequest({ feed: { La: 30, Ce: 50 }, products: ['Nd'], purity: 0.99 });
 * } catch (e) {
 *   if (!(e instanceof ReesimError)) throw e;
 *   e.code; // 'MISSING'
 * }
 * ```
 */
export function checkSeparationTrainRequest(request: SeparationTrainRequest): void {
  checkTrain(request);
}

/** Checks the request; the context every design of the train shares. */
function checkTrain(request: unknown): TrainContext & { readonly threeOutlet: 'auto' | 'never' } {
  const q = record(FN, request, 'a separation-train request');
  knownKeys(FN, q, [
    'feed',
    'system',
    'overrides',
    'products',
    'purity',
    'concentration',
    'residenceTime',
    'strip',
    'maxSimulations',
    'threeOutlet',
    'unit',
  ]);
  const system = findSystem(
    `${FN}.system`,
    optional(q.system, 'P507', (v) => v),
  ).name;
  const order = extractants[system].order as readonly string[];
  // The feed in its declared unit, converted to the mol/h the designs work in.
  const unit = optional(q.unit, 'mol/h' as FeedUnit, (v) => oneOf(`${FN}.unit`, v, FEED_UNITS));
  const feedIn = record(`${FN}.feed`, q.feed, `${unit} by element`);
  const feed: Record<string, number> = {};
  for (const [e, v] of Object.entries(feedIn)) {
    if (!order.includes(e)) fail('UNKNOWN_KEY', `${FN}.feed.${e}`, e, `an element of ${order.join(', ')}`);
    const x = nonNegative(`${FN}.feed.${e}`, v) * molPerHour(unit, e);
    if (x > 1e12) fail('OUT_OF_RANGE', `${FN}.feed.${e}`, v, `at most 1e12 mol/h (${unit})`);
    if (x > 0) feed[e] = x;
  }
  const groups = groupsOf(order, feed, q.products);
  const purity = optional(q.purity, 0.999, (v) => {
    const p = fraction(`${FN}.purity`, v);
    if (!(p > 0.5 && p < 1)) fail('OUT_OF_RANGE', `${FN}.purity`, p, 'a purity in (0.5, 1)');
    return p;
  });
  const bounded = (key: string, v: unknown, hi: number, what: string) => {
    const x = positive(`${FN}.${key}`, v);
    if (x > hi) fail('OUT_OF_RANGE', `${FN}.${key}`, x, `${what} in (0, ${hi}]`);
    return x;
  };
  // Rare-earth chloride feeds run at 0.5-1.5 mol/L; 10 mol/L bounds every volume away from 0.
  const concentration = optional(q.concentration, 1, (v) => bounded('concentration', v, 10, 'mol/L'));
  const residence = optional(q.residenceTime, 25 / 60, (v) => bounded('residenceTime', v, 1000, 'hours'));
  const maxSimulations = optional(q.maxSimulations, 5000, (v) => {
    const x = integer(`${FN}.maxSimulations`, v, 1);
    if (x > 50_000) fail('OUT_OF_RANGE', `${FN}.maxSimulations`, x, 'an integer in [1, 50000]');
    return x;
  });
  const threeOutlet = optional(q.threeOutlet, 'auto' as const, (v) =>
    oneOf(`${FN}.threeOutlet`, v, ['auto', 'never'] as const),
  );
  const present = order.filter((e) => (feed[e] ?? 0) > 0);
  const overrides = (q.overrides ?? {}) as SeparationFactorOverrides;
  const model = separationFactorModel(system, present, overrides);
  // β across the boundary after group g: between the most extractable present element of g and the least
  // extractable present element of g + 1 (absent elements are skipped).
  const inFeed = (g: Group) => g.elements.filter((e) => (feed[e] ?? 0) > 0);
  const boundaryKeys = (g: number) => {
    const lower = inFeed(groups[g] as Group);
    const upper = inFeed(groups[g + 1] as Group);
    return { A: upper[0] as string, B: lower[lower.length - 1] as string };
  };
  const betaAt = (g: number) => {
    const k = boundaryKeys(g);
    return (model.beta[k.A] as number) / (model.beta[k.B] as number);
  };
  for (let g = 0; g + 1 < groups.length; g++) {
    if (inFeed(groups[g] as Group).length === 0)
      fail('MISSING', `${FN}.feed`, feedIn, `some of product ${(groups[g] as Group).name} in the feed`);
  }
  if (inFeed(groups[groups.length - 1] as Group).length === 0)
    fail('MISSING', `${FN}.feed`, feedIn, `some of product ${(groups[groups.length - 1] as Group).name}`);
  const split = plan(betaAt);
  const depth = (lo: number, hi: number): number =>
    lo === hi ? 0 : 1 + Math.max(depth(lo, split(lo, hi)), depth(split(lo, hi) + 1, hi));
  return {
    system,
    order,
    feed,
    present,
    groups,
    purity,
    overrides,
    concentration,
    residence,
    strip: q.strip as DesignRequest['strip'] | undefined,
    maxSimulations,
    split,
    boundaryKeys,
    depth: depth(0, groups.length - 1),
    threeOutlet,
  };
}

/**
 * Plans, designs and simulates a separation train (see the module notes).
 *
 * **Three-outlet cascades.** With `threeOutlet: 'auto'` (default) the two-outlet plan is designed first
 * (exactly the `'never'` train); then every pair of cuts that makes A | M | B with M one product is screened
 * (S_min × Fenske against the pair's S·(n + m)), the survivors designed, the winners fixed and the train
 * designed again around them. `threeOutlet` in the result gives every candidate's numbers and decision.
 * **Cost:** the two-outlet plan's simulations, plus up to 400 per three-outlet design and the cuts
 * downstream of a used one.
 *
 * @throws ReesimError for a bad request; `INFEASIBLE` when a product cannot reach its purity
 * @example
 * ```ts
 * const t = designSeparationTrain({ feed: { La: 30, Ce: 50, Nd: 20 }, purity: 0.99 });
 * t.cascades.length; // 2
 * t.cascades[0]?.cut; // 'Ce/La' (β 5.5, the easiest cut first)
 * t.products.every((p) => p.purity >= 0.99); // true
 * // Ce between La and Nd: a 99 % Ce side draw would need S >= 18.6 (Underwood), far above the pair.
 * t.threeOutlet[0]?.reason; // 'screened out'
 * ```
 */
export function designSeparationTrain(
  request: SeparationTrainRequest,
  hooks: TrainHooks = {},
): SeparationTrain {
  const ctx = checkTrain(request);
  // Impurity budget of each boundary's sides, halved on the paths of failing products.
  const budgets: Budgets = new Map();
  for (let g = 0; g + 1 < ctx.groups.length; g++) {
    const side = (k: number) => (1 - (required(ctx, ctx.groups[k] as Group) ?? ctx.purity)) / ctx.depth;
    budgets.set(g, { aqueous: side(g), organic: side(g + 1) });
  }
  const state: PlanState = { simulations: 0, cache: new Map() };
  const twoOutlet = rounds(ctx, budgets, new Map(), 0, state, hooks);
  if (ctx.threeOutlet === 'never')
    return result(ctx, twoOutlet.plan, twoOutlet.rounds, state.simulations, []);
  const evaluated = evaluateCandidates(ctx, twoOutlet.plan, twoOutlet.rounds, state, hooks);
  const { fixed, candidates } = chooseThreeOutlets(evaluated);
  if (fixed.size === 0) return result(ctx, twoOutlet.plan, twoOutlet.rounds, state.simulations, candidates);
  try {
    const t = rounds(ctx, new Map(twoOutlet.budgets), fixed, twoOutlet.rounds, state, hooks);
    return result(ctx, t.plan, t.rounds, state.simulations, candidates);
  } catch (e) {
    if (!(e instanceof ReesimError && (e.code === 'INFEASIBLE' || e.code === 'NOT_CONVERGED'))) throw e;
    const failed = candidates.map((c) =>
      c.used
        ? {
            ...c,
            used: false,
            reason: 'train failed' as const,
            note: `${c.note}; not used: the train designed around it failed (${e.message}), so the two-outlet plan stands`,
          }
        : c,
    );
    return result(ctx, twoOutlet.plan, twoOutlet.rounds, state.simulations, failed);
  }
}
