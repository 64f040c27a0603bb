/**
 * A separation train: the sequence of counter-current extraction–scrub cascades that splits a mixed
 * rare-earth chloride into individual products (the whole SX plant of a refinery), each cut designed by
 * {@link designCascade} and simulated with every species present.
 *
 * **Plan.** The products are contiguous groups in the extractant's order of extractability (a single element,
 * or a concentrate such as Eu…Lu). The list is split recursively at the boundary with the largest separation
 * factor between the keys (the easiest cut first, as plants take Nd/Sm before the light-group splits); each
 * side is split again until every group stands alone. Each cut's feed is what the cut before it actually
 * delivered (impurities included), so leakage accumulates along each product's path as in a plant.
 *
 * **Purity.** Each cut targets the group purity 1 − (1 − P)/d on both sides, where P is the required product
 * purity and d the number of cuts on the deepest path (the impurity budget shared along a path). If a final
 * product still misses P, the cuts on its path get half the budget and the train is designed again (at most
 * four rounds; then INFEASIBLE names the product).
 *
 * **Reagents and inventory (per cut).** Saponification base: 3 mol NaOH per mol RE carried by the organic out
 * of the extraction section (S·F); strip acid: 3 mol H⁺ per mol RE stripped from the loaded organic
 * (ree-data 2.6, derived); with `strip`, the acid supplied to each cut's designed strip section (3 mol H⁺ per
 * mol RE plus its excess). Solvent inventory: organic volume flow × organic residence time per stage × stages
 * of each section (default 25 min per stage: mixer 3–5 min plus settler 15–30 min, ree-data 4.2; an
 * assumption).
 *
 * **Impurity budget.** What crosses a cut is mostly its key species, which end in the products next to the
 * boundary; each side's impurity share is therefore the cut's budget times the amount of the product next
 * to the boundary over the side's amount (so a minor product beside a major one is not swamped).
 *
 * **Work** is bounded by `maxSimulations` over the whole train; `hooks.onProgress` reports each cut and
 * simulation.
 *
 * **The user specifies:** feed amounts (mol/h of each element), the extractant system and the products.
 * **Units:** amounts mol/h, volumes L/h (feed at `concentration` mol/L), inventory m³.
 */
import { fail } from '../../core/errors.js';
import {
  fraction,
  integer,
  isRecord,
  knownKeys,
  nonNegative,
  optional,
  positive,
  record,
} from '../../core/validate.js';
import {
  type ExtractantSystem,
  extractants,
  findSystem,
  type SeparationFactorOverrides,
  separationFactorModel,
} from '../equilibrium/extractants.js';
import type { CascadeDesign, DesignRequest } from './designCascade.js';
import { designCascade } from './designCascade.js';

/** A product of the train: one element, or a named group of elements adjacent in extractability. */
export type TrainProduct = string | { readonly name: string; readonly elements: readonly string[] };

/** What the user specifies for {@link designSeparationTrain}. */
export interface SeparationTrainRequest {
  /** Feed, mol/h of each rare earth (elements outside the extractant's table are not accepted). */
  readonly feed: Readonly<Record<string, number>>;
  /** Extractant system (default `'P507'`). */
  readonly system?: ExtractantSystem | string;
  /** Separation-factor and loading overrides, as in {@link separationFactorModel}. */
  readonly overrides?: SeparationFactorOverrides;
  /** Products; default every element of the feed on its own. Each feed element must be in one product. */
  readonly products?: readonly TrainProduct[];
  /** Smallest purity of each single-element product, in (0.5, 1) (default 0.999). Groups count as one. */
  readonly purity?: number;
  /** Feed concentration, mol RE per litre (default 1); sets every cut's aqueous volumes. */
  readonly concentration?: number;
  /** Organic residence time per stage, hours (default 25/60, at most 1,000), for the solvent inventory. */
  readonly residenceTime?: number;
  /** A strip section for every cut, designed as in {@link designCascade} (`strip` there); none by default. */
  readonly strip?: DesignRequest['strip'];
  /** Most simulations the whole train may run (default 5,000, at most 50,000); each cut gets what is left. */
  readonly maxSimulations?: number;
}

/** Progress of a train design: the cut being designed (from 1), the cuts of the plan and the round. */
export interface TrainProgress {
  readonly round: number;
  readonly cut: number;
  readonly cuts: number;
  /** Simulations run so far over the whole train, and its limit. */
  readonly simulations: number;
  readonly maxSimulations: number;
}

/** Hooks of {@link designSeparationTrain}. */
export interface TrainHooks {
  /** Called before each cut's design and after each of its simulations. */
  readonly onProgress?: (progress: TrainProgress) => void;
}

/** One cascade of the train. */
export interface TrainCascade {
  /** Position in the design order, from 1. */
  readonly index: number;
  /** Key pair, `'A/B'` (more/less extractable), e.g. `'Sm/Nd'`. */
  readonly cut: string;
  /** Product groups leaving in the organic (A side) and in the raffinate (B side). */
  readonly organicProducts: readonly string[];
  readonly aqueousProducts: readonly string[];
  /** Feed to this cascade, mol/h per element. */
  readonly feed: Readonly<Record<string, number>>;
  readonly stages: { readonly extraction: number; readonly scrub: number; readonly total: number };
  /** Organic, feed and scrub volume flows, L/h; product reflux, mol/h. */
  readonly organicVolume: number;
  readonly feedVolume: number;
  readonly scrubVolume: number;
  readonly reflux: number;
  /** NaOH for saponification and HCl for stripping (the acid supplied to the strip section, if any), mol/h. */
  readonly reagents: { readonly NaOH: number; readonly HCl: number };
  /** Strip stages (0 without a strip section). */
  readonly stripStages: number;
  /** Organic hold-up of the cascade's extraction, scrub and strip sections and in all, m³. */
  readonly solventInventory: {
    readonly extraction: number;
    readonly scrub: number;
    readonly strip: number;
    readonly total: number;
  };
  /** Group purities reached by the verifying simulation (A side in the organic, B side in the raffinate). */
  readonly purity: { readonly organic: number; readonly aqueous: number };
  /** The design (flows, shortcut, McCabe–Thiele data, verifying simulation). */
  readonly design: CascadeDesign;
}

/** A product leaving the train. */
export interface TrainOutput {
  readonly name: string;
  readonly elements: readonly string[];
  /** mol/h of every element in the product stream. */
  readonly flows: Readonly<Record<string, number>>;
  /** Share of the product's own elements in the stream. */
  readonly purity: number;
  /** Fraction of the feed's amount of the product's elements recovered in it. */
  readonly recovery: number;
}

/** Result of {@link designSeparationTrain}. */
export interface SeparationTrain {
  readonly system: ExtractantSystem;
  readonly cascades: readonly TrainCascade[];
  readonly products: readonly TrainOutput[];
  /** Sums over the cascades: stages (extraction + scrub + strip), solvent inventory m³, reagents mol/h. */
  readonly totals: {
    readonly stages: number;
    readonly stripStages: number;
    readonly solventInventory: number;
    readonly NaOH: number;
    readonly HCl: number;
  };
  /** Largest relative species-balance error over the train (feed vs all products). */
  readonly balanceError: number;
  /** Design rounds (a round tightens the cuts of products that missed the purity). */
  readonly rounds: number;
  /** Simulations run over all rounds. */
  readonly simulations: number;
}

const FN = 'designSeparationTrain';

interface Group {
  readonly name: string;
  readonly elements: readonly string[];
  /** Position range in the extractant order. */
  readonly lo: number;
  readonly hi: number;
}

function groupsOf(order: readonly string[], feed: Record<string, number>, products: unknown): Group[] {
  const path = `${FN}.products`;
  const list: unknown[] =
    products === undefined
      ? order.filter((e) => (feed[e] ?? 0) > 0)
      : Array.isArray(products)
        ? products
        : fail('INVALID_TYPE', path, products, 'an array of elements or { name, elements }');
  const groups = list.map((p, i): Group => {
    const name = typeof p === 'string' ? p : isRecord(p) && typeof p.name === 'string' ? p.name : undefined;
    const elements =
      typeof p === 'string' ? [p] : isRecord(p) && Array.isArray(p.elements) ? (p.elements as unknown[]) : [];
    if (name === undefined || elements.length === 0)
      fail('INVALID_TYPE', `${path}[${i}]`, p, "an element or { name, elements: ['Eu', 'Gd', ...] }");
    const pos = elements.map((e, k) => {
      const at = typeof e === 'string' ? order.indexOf(e) : -1;
      if (at < 0) fail('UNKNOWN_KEY', `${path}[${i}].elements[${k}]`, e, `an element of ${order.join(', ')}`);
      return at;
    });
    const lo = Math.min(...pos);
    const hi = Math.max(...pos);
    if (hi - lo + 1 !== new Set(pos).size)
      fail('INVALID_TYPE', `${path}[${i}]`, p, 'elements adjacent in the extractant order');
    return { name, elements: order.slice(lo, hi + 1), lo, hi };
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
 * Plans, designs and simulates a separation train (see the module notes).
 *
 * @throws ReesimError for a bad request; `INFEASIBLE` when a product cannot reach the purity
 * @example
 * ```ts
 * const t = designSeparationTrain({ feed: { La: 30, Ce: 50, Nd: 20 }, purity: 0.99 });
 * t.cascades.length; // 2
 * t.cascades[0]?.cut; // 'Ce/La' (β 5.5, the easiest cut first)
 * t.products.every((p) => p.purity >= 0.99); // true
 * ```
 */
export function designSeparationTrain(
  request: SeparationTrainRequest,
  hooks: TrainHooks = {},
): SeparationTrain {
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
  ]);
  const system = findSystem(
    `${FN}.system`,
    optional(q.system, 'P507', (v) => v),
  ).name;
  const order = extractants[system].order as readonly string[];
  const feedIn = record(`${FN}.feed`, q.feed, 'mol/h by element');
  const feed: Record<string, number> = {};
  for (const [e, v] of Object.entries(feedIn)) {
    if (!order.includes(e)) fail('UNKNOWN_KEY', `${FN}.feed.${e}`, e, `an element of ${order.join(', ')}`);
    const x = nonNegative(`${FN}.feed.${e}`, v);
    if (x > 1e12) fail('OUT_OF_RANGE', `${FN}.feed.${e}`, x, 'an amount in [0, 1e12] mol/h');
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
  let simulations = 0;
  const present = order.filter((e) => (feed[e] ?? 0) > 0);
  const model = separationFactorModel(system, present, (q.overrides ?? {}) as SeparationFactorOverrides);
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
  const d = depth(0, groups.length - 1);
  // Impurity budget of each cut, keyed by its boundary index; halved on the paths of failing products.
  const budget = new Map<number, number>();
  for (let g = 0; g + 1 < groups.length; g++) budget.set(g, (1 - purity) / d);

  for (let round = 1; round <= 4; round++) {
    const cascades: TrainCascade[] = [];
    const outputs: TrainOutput[] = [];
    const paths = new Map<string, number[]>();
    const run = (lo: number, hi: number, flows: Record<string, number>, path: number[]) => {
      if (lo === hi) {
        const g = groups[lo] as Group;
        paths.set(g.name, path);
        const total = Object.values(flows).reduce((a, b) => a + b, 0);
        const own = g.elements.reduce((a, e) => a + (flows[e] ?? 0), 0);
        const fed = g.elements.reduce((a, e) => a + (feed[e] ?? 0), 0);
        outputs.push({
          name: g.name,
          elements: g.elements,
          flows,
          purity: total > 0 ? own / total : 0,
          recovery: fed > 0 ? own / fed : 0,
        });
        return;
      }
      const g = split(lo, hi);
      const keys = boundaryKeys(g);
      const b = budget.get(g) as number;
      const species = order.filter((e) => (flows[e] ?? 0) > 0);
      const cutModel = separationFactorModel(
        system,
        species,
        (q.overrides ?? {}) as SeparationFactorOverrides,
      );
      const amount = Object.values(flows).reduce((a, x) => a + x, 0);
      // What crosses a cut is mostly its keys, which end in the products next to the boundary: each side's
      // impurity share is sized so that the product next to the boundary gets the cut's budget.
      const amountOf = (from: number, to: number) =>
        groups
          .slice(from, to + 1)
          .reduce((t, x) => t + x.elements.reduce((u, e) => u + (flows[e] ?? 0), 0), 0);
      const side = (next: number, from: number, to: number) =>
        Math.min(
          0.5,
          (b * Math.max(amountOf(next, next), 1e-12 * amount)) / Math.max(amountOf(from, to), 1e-300),
        );
      const index = cascades.length + 1;
      const before = simulations;
      const progress = (done: number) =>
        hooks.onProgress?.({ round, cut: index, cuts: groups.length - 1, simulations: done, maxSimulations });
      progress(before);
      const left = maxSimulations - before;
      if (left < 1)
        fail('NOT_CONVERGED', `${FN}.maxSimulations`, maxSimulations, 'a budget that covers the train');
      const design = designCascade(
        {
          feed: Object.fromEntries(species.map((e) => [e, flows[e] as number])),
          equilibrium: cutModel,
          keys,
          purity: { organic: 1 - side(g + 1, g + 1, hi), aqueous: 1 - side(g, lo, g) },
          feedVolume: amount / concentration,
          residenceTime: residence,
          maxSimulations: Math.min(left, 5000),
          ...(q.strip === undefined ? {} : { strip: q.strip as DesignRequest['strip'] }),
        },
        { onProgress: (done) => progress(before + done) },
      );
      simulations += design.simulations;
      const sim = design.simulation;
      const organic = { ...sim.product.flows };
      const aqueous = { ...sim.raffinate.flows };
      const s = design.stages;
      const inventory = design.solventInventory;
      cascades.push({
        index,
        cut: `${keys.A}/${keys.B}`,
        organicProducts: groups.slice(g + 1, hi + 1).map((x) => x.name),
        aqueousProducts: groups.slice(lo, g + 1).map((x) => x.name),
        feed: flows,
        stages: s,
        organicVolume: design.flows.organicVolume,
        feedVolume: design.flows.feedVolume,
        scrubVolume: design.flows.scrubVolume,
        reflux: design.flows.reflux,
        reagents: { NaOH: design.reagents.saponificationBase, HCl: design.reagents.stripAcid },
        stripStages: design.strip?.stages ?? 0,
        solventInventory: {
          extraction: inventory.extraction / 1000,
          scrub: inventory.scrub / 1000,
          strip: inventory.strip / 1000,
          total: inventory.total / 1000,
        },
        purity: design.purity,
        design,
      });
      run(lo, g, aqueous, [...path, g]);
      run(g + 1, hi, organic, [...path, g]);
    };
    run(0, groups.length - 1, feed, []);
    const missing = outputs.filter((o) => o.elements.length === 1 && o.purity < purity);
    if (missing.length === 0) {
      let balanceError = 0;
      for (const e of present) {
        const out = outputs.reduce((a, o) => a + (o.flows[e] ?? 0), 0);
        balanceError = Math.max(balanceError, Math.abs(out - (feed[e] as number)) / (feed[e] as number));
      }
      const sum = (f: (c: TrainCascade) => number) => cascades.reduce((a, c) => a + f(c), 0);
      return {
        system,
        cascades,
        products: order
          .map((e) => outputs.find((o) => o.elements[0] === e))
          .filter((o): o is TrainOutput => o !== undefined),
        totals: {
          stages: sum((c) => c.stages.total + c.stripStages),
          stripStages: sum((c) => c.stripStages),
          solventInventory: sum((c) => c.solventInventory.total),
          NaOH: sum((c) => c.reagents.NaOH),
          HCl: sum((c) => c.reagents.HCl),
        },
        balanceError,
        rounds: round,
        simulations,
      };
    }
    if (round === 4) {
      const worst = missing[0] as TrainOutput;
      fail(
        'INFEASIBLE',
        `${FN}.purity`,
        purity,
        `a purity the train can reach: ${worst.name} reaches ${worst.purity} after 4 design rounds`,
      );
    }
    for (const o of missing) {
      for (const g of paths.get(o.name) ?? []) budget.set(g, (budget.get(g) as number) / 2);
    }
  }
  /* c8 ignore next */
  return fail('NOT_CONVERGED', `${FN}.purity`, purity, 'a design within 4 rounds');
}
