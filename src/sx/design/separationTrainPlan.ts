/**
 * The plan of a separation train ({@link designSeparationTrain}): one design of the tree of cuts for given
 * impurity budgets and fixed three-outlet cascades (`designPlan`), every cascade fed what the one before it
 * delivered; the rounds that tighten the budgets until every product meets its purity (`rounds`); the
 * result with its totals and balance (`result`); and the checked request they work from (`TrainContext`).
 */
import { fail } from '../../core/errors.js';
import {
  type ExtractantSystem,
  type SeparationFactorOverrides,
  separationFactorModel,
} from '../equilibrium/extractants.js';
import { type CascadeDesign, type DesignRequest, designCascade } from './designCascade.js';
import { type ThreeOutletDesign, type ThreeOutletTargets, threeOutlet } from './threeOutlet.js';
import { impurity } from './threeOutletBalance.js';
import type {
  SeparationTrain,
  ThreeOutletTrainCascade,
  TrainCascade,
  TrainHooks,
  TrainOutput,
  TrainThreeOutletCandidate,
  TwoOutletTrainCascade,
} from './trainTypes.js';

export const FN = 'designSeparationTrain';

/** Most simulations one three-outlet design of the train may run. */
const THREE_OUTLET_SIMULATIONS = 400;

/** A product group: its elements' positions in the extractant order and its own purity, if any. */
export interface Group {
  readonly name: string;
  readonly elements: readonly string[];
  readonly lo: number;
  readonly hi: number;
  /** Position in the request's `products` (the default list: in extractant order). */
  readonly index: number;
  readonly purity?: number;
}

/** The checked request and the plan's shape. */
export interface TrainContext {
  readonly system: ExtractantSystem;
  readonly order: readonly string[];
  readonly feed: Readonly<Record<string, number>>;
  readonly present: readonly string[];
  readonly groups: readonly Group[];
  readonly purity: number;
  readonly overrides: SeparationFactorOverrides;
  readonly concentration: number;
  readonly residence: number;
  readonly strip: DesignRequest['strip'] | undefined;
  readonly maxSimulations: number;
  /** The boundary (after group g) splitting groups[lo..hi]; the key pair across boundary g. */
  readonly split: (lo: number, hi: number) => number;
  readonly boundaryKeys: (g: number) => { readonly A: string; readonly B: string };
  /** Cuts on the deepest path of the two-outlet plan. */
  readonly depth: number;
}

/** The purity a product must reach: its own, the train's for a single element, none for a group. */
export function required(ctx: TrainContext, g: Group): number | undefined {
  return g.purity ?? (g.elements.length === 1 ? ctx.purity : undefined);
}

/** Impurity budget of each boundary's two sides (before the share of the product next to the boundary). */
export type Budgets = Map<number, { readonly organic: number; readonly aqueous: number }>;

/** What the designs of one train share: simulations so far, and the two-outlet designs by request. */
export interface PlanState {
  simulations: number;
  readonly cache: Map<string, CascadeDesign>;
}

/** A three-outlet cascade fixed in the plan around middle group `middle`, as designed for `feed`. */
export interface FixedThreeOutlet {
  readonly middle: number;
  readonly organicLoad: number;
  readonly targets: ThreeOutletTargets;
  readonly feed: Readonly<Record<string, number>>;
  readonly design: ThreeOutletDesign;
}

/** A cascade's place: groups[lo..hi] split at boundary `g` (two-outlet) or around middle group `g`. */
export interface PlanNode {
  readonly lo: number;
  readonly hi: number;
  readonly g: number;
  readonly cascade: TrainCascade;
  readonly organic: Readonly<Record<string, number>>;
  readonly aqueous: Readonly<Record<string, number>>;
}

/** One design of the train. */
export interface Plan {
  readonly cascades: TrainCascade[];
  readonly nodes: PlanNode[];
  readonly outputs: TrainOutput[];
  /** The boundaries on each product's path. */
  readonly paths: Map<string, number[]>;
  /** Products leaving a three-outlet cascade directly. */
  readonly fromThreeOutlet: Set<string>;
}

type Flows = Readonly<Record<string, number>>;

const total = (r: Flows) => Object.values(r).reduce((a, b) => a + b, 0);
const amountIn = (r: Flows, list: readonly string[]) => list.reduce((a, e) => a + (r[e] ?? 0), 0);

/** Reports progress of cascade `cut` of `cuts`. */
type Progress = (simulations: number) => void;

// ── One plan ─────────────────────────────────────────────────────────────────────────────────────────────

/** The two-outlet cut at boundary g of groups[lo..hi] for `flows` (a cached design when one matches). */
function designCut(
  ctx: TrainContext,
  at: { readonly lo: number; readonly g: number; readonly hi: number },
  flows: Flows,
  budget: { readonly organic: number; readonly aqueous: number },
  state: PlanState,
  progress: Progress,
): CascadeDesign {
  const { lo, g, hi } = at;
  const keys = ctx.boundaryKeys(g);
  const species = ctx.order.filter((e) => (flows[e] ?? 0) > 0);
  const amount = total(flows);
  // What crosses a cut is mostly its keys, which end in the products next to the boundary: each side's
  // impurity share is sized so that the product next to the boundary gets the side's budget.
  const amountOf = (from: number, to: number) =>
    ctx.groups.slice(from, to + 1).reduce((t, x) => t + amountIn(flows, x.elements), 0);
  const side = (b: number, next: number, from: number, to: number) =>
    Math.min(
      0.45,
      (b * Math.max(amountOf(next, next), 1e-12 * amount)) / Math.max(amountOf(from, to), 1e-300),
    );
  const purity = {
    organic: 1 - side(budget.organic, g + 1, g + 1, hi),
    aqueous: 1 - side(budget.aqueous, g, lo, g),
  };
  const feed = Object.fromEntries(species.map((e) => [e, flows[e] as number]));
  const key = JSON.stringify([keys, purity, feed]);
  const hit = state.cache.get(key);
  if (hit) return hit;
  const left = ctx.maxSimulations - state.simulations;
  if (left < 1)
    fail('NOT_CONVERGED', `${FN}.maxSimulations`, ctx.maxSimulations, 'a budget that covers the train');
  const before = state.simulations;
  const design = designCascade(
    {
      feed,
      equilibrium: separationFactorModel(ctx.system, species, ctx.overrides),
      keys,
      purity,
      feedVolume: amount / ctx.concentration,
      residenceTime: ctx.residence,
      maxSimulations: Math.min(left, 5000),
      ...(ctx.strip === undefined ? {} : { strip: ctx.strip }),
    },
    { onProgress: (done) => progress(before + done) },
  );
  state.simulations += design.simulations;
  state.cache.set(key, design);
  return design;
}

function twoOutletCascade(
  ctx: TrainContext,
  index: number,
  at: { readonly lo: number; readonly g: number; readonly hi: number },
  flows: Flows,
  design: CascadeDesign,
): TwoOutletTrainCascade {
  const names = (from: number, to: number) => ctx.groups.slice(from, to + 1).map((x) => x.name);
  const inventory = design.solventInventory;
  return {
    kind: 'two-outlet',
    index,
    cut: `${design.keys.A}/${design.keys.B}`,
    organicProducts: names(at.g + 1, at.hi),
    aqueousProducts: names(at.lo, at.g),
    feed: flows,
    stages: design.stages,
    organicLoad: design.organicLoad,
    holdupIndex: design.organicLoad * design.stages.total,
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
  };
}

/** The three-outlet cascade around middle group m of groups[lo..hi]: flows, reagents and inventory as a cut's. */
function threeOutletCascade(
  ctx: TrainContext,
  index: number,
  at: { readonly lo: number; readonly g: number; readonly hi: number },
  flows: Flows,
  d: ThreeOutletDesign,
): ThreeOutletTrainCascade {
  const names = (from: number, to: number) => ctx.groups.slice(from, to + 1).map((x) => x.name);
  const middle = ctx.groups[at.g] as Group;
  const sim = d.simulation;
  const drawn = sim.draws[0] as (typeof sim.draws)[number];
  const S = d.flows.perMolFeed.S;
  // m³ of organic per stage: L/h × h / 1000.
  const perStage = (d.flows.organicVolume * ctx.residence) / 1000;
  return {
    kind: 'three-outlet',
    index,
    cut: `${d.groups.A[d.groups.A.length - 1]}/${middle.name}/${d.groups.B[0]}`,
    organicProducts: names(at.g + 1, at.hi),
    aqueousProducts: names(at.lo, at.g - 1),
    feed: flows,
    stages: { extraction: d.stages.extraction, scrub: d.stages.scrub, total: d.stages.total },
    organicLoad: S,
    holdupIndex: S * d.stages.total,
    organicVolume: d.flows.organicVolume,
    feedVolume: d.flows.feedVolume,
    scrubVolume: d.flows.scrubVolume,
    reflux: d.flows.reflux,
    reagents: { NaOH: 3 * S * d.flows.feed, HCl: 3 * total(sim.loadedOrganic.flows) },
    stripStages: 0,
    solventInventory: {
      extraction: perStage * d.stages.extraction,
      scrub: perStage * d.stages.scrub,
      strip: 0,
      total: perStage * d.stages.total,
    },
    purity: { organic: d.purity.A, aqueous: d.purity.B },
    middle: {
      product: middle.name,
      drawStage: d.draw.stage,
      drawFraction: d.draw.fraction,
      flows: drawn.flows,
      volume: drawn.volume,
      purity: 1 - impurity(drawn.flows, middle.elements),
    },
    design: d,
  };
}

/** The middle group of a fixed three-outlet cascade at the node groups[lo..hi] split at g, if any. */
function fixedMiddle(
  ctx: TrainContext,
  fixed: ReadonlyMap<number, FixedThreeOutlet>,
  lo: number,
  g: number,
  hi: number,
): number | undefined {
  if (fixed.has(g) && lo <= g - 1 && ctx.split(lo, g) === g - 1) return g;
  if (fixed.has(g + 1) && g + 2 <= hi && ctx.split(g + 1, hi) === g + 1) return g + 1;
  return undefined;
}

const sameFlows = (a: Flows, b: Flows) =>
  [...new Set([...Object.keys(a), ...Object.keys(b)])].every((k) => (a[k] ?? 0) === (b[k] ?? 0));

/**
 * Designs the train once: the tree of cuts, each fed what the cascade before it delivered; at a node where
 * a three-outlet cascade is fixed, that cascade (designed again at its S and targets if its feed changed).
 */
export function designPlan(
  ctx: TrainContext,
  budgets: Budgets,
  fixed: ReadonlyMap<number, FixedThreeOutlet>,
  round: number,
  state: PlanState,
  hooks: TrainHooks,
): Plan {
  const cuts = ctx.groups.length - 1 - fixed.size;
  const plan: Plan = { cascades: [], nodes: [], outputs: [], paths: new Map(), fromThreeOutlet: new Set() };
  const output = (k: number, flows: Flows, path: number[], direct: boolean) => {
    const g = ctx.groups[k] as Group;
    plan.paths.set(g.name, path);
    if (direct) plan.fromThreeOutlet.add(g.name);
    const all = total(flows);
    const fed = amountIn(ctx.feed, g.elements);
    plan.outputs.push({
      name: g.name,
      elements: g.elements,
      flows,
      purity: all > 0 ? amountIn(flows, g.elements) / all : 0,
      recovery: fed > 0 ? amountIn(flows, g.elements) / fed : 0,
    });
  };
  const run = (lo: number, hi: number, flows: Flows, path: number[], direct: boolean) => {
    if (lo === hi) return output(lo, flows, path, direct);
    const g = ctx.split(lo, hi);
    const index = plan.cascades.length + 1;
    const progress = (done: number) =>
      hooks.onProgress?.({ round, cut: index, cuts, simulations: done, maxSimulations: ctx.maxSimulations });
    progress(state.simulations);
    const m = fixedMiddle(ctx, fixed, lo, g, hi);
    if (m !== undefined) {
      const f = fixed.get(m) as FixedThreeOutlet;
      const design = sameFlows(flows, f.feed)
        ? f.design
        : designThreeOutlet(ctx, m, flows, f.targets, f.organicLoad, state, progress);
      const at = { lo, g: m, hi };
      const cascade = threeOutletCascade(ctx, index, at, flows, design);
      const sim = design.simulation;
      const organic = { ...sim.product.flows };
      const aqueous = { ...sim.raffinate.flows };
      plan.cascades.push(cascade);
      plan.nodes.push({ ...at, cascade, organic, aqueous });
      const through = [...path, m - 1, m];
      run(lo, m - 1, aqueous, through, true);
      output(m, { ...cascade.middle.flows }, through, true);
      run(m + 1, hi, organic, through, true);
      return;
    }
    const at = { lo, g, hi };
    const design = designCut(
      ctx,
      at,
      flows,
      budgets.get(g) as { organic: number; aqueous: number },
      state,
      progress,
    );
    const cascade = twoOutletCascade(ctx, index, at, flows, design);
    const organic = { ...design.simulation.product.flows };
    const aqueous = { ...design.simulation.raffinate.flows };
    plan.cascades.push(cascade);
    plan.nodes.push({ ...at, cascade, organic, aqueous });
    run(lo, g, aqueous, [...path, g], false);
    run(g + 1, hi, organic, [...path, g], false);
  };
  run(0, ctx.groups.length - 1, { ...ctx.feed }, [], false);
  return plan;
}

// ── Three-outlet candidates ──────────────────────────────────────────────────────────────────────────────

/** The three-outlet request around middle group m for `flows` (groups by position in the extractant order). */
export function threeOutletRequest(ctx: TrainContext, m: number, flows: Flows, targets: ThreeOutletTargets) {
  const mg = ctx.groups[m] as Group;
  const species = ctx.order.filter((e) => (flows[e] ?? 0) > 0);
  const at = (e: string) => ctx.order.indexOf(e);
  return {
    feed: Object.fromEntries(species.map((e) => [e, flows[e] as number])),
    equilibrium: separationFactorModel(ctx.system, species, ctx.overrides),
    groups: {
      A: species.filter((e) => at(e) > mg.hi),
      M: species.filter((e) => at(e) >= mg.lo && at(e) <= mg.hi),
      B: species.filter((e) => at(e) < mg.lo),
    },
    ...targets,
    feedVolume: total(flows) / ctx.concentration,
  };
}

/** Designs the three-outlet cascade around m at S (at most 400 simulations, counted in the train's). */
export function designThreeOutlet(
  ctx: TrainContext,
  m: number,
  flows: Flows,
  targets: ThreeOutletTargets,
  S: number,
  state: PlanState,
  progress: Progress,
): ThreeOutletDesign {
  const left = ctx.maxSimulations - state.simulations;
  if (left < 1)
    fail('NOT_CONVERGED', `${FN}.maxSimulations`, ctx.maxSimulations, 'a budget that covers the train');
  const request = {
    ...threeOutletRequest(ctx, m, flows, targets),
    organicLoad: S,
    maxSimulations: Math.min(left, THREE_OUTLET_SIMULATIONS),
  };
  return threeOutlet(request, `${FN}.threeOutlet.${(ctx.groups[m] as Group).name}`, [], () => {
    state.simulations++;
    progress(state.simulations);
  }).design;
}

// ── Rounds and the result ────────────────────────────────────────────────────────────────────────────────

/**
 * Designs plans until every product meets its purity (at most four rounds), halving the impurity budget of
 * the cuts on the paths of the products that miss. A product made directly by a fixed three-outlet cascade
 * cannot be helped that way: it ends the rounds at once.
 */
export function rounds(
  ctx: TrainContext,
  budgets: Budgets,
  fixed: ReadonlyMap<number, FixedThreeOutlet>,
  first: number,
  state: PlanState,
  hooks: TrainHooks,
): { readonly plan: Plan; readonly rounds: number; readonly budgets: Budgets } {
  for (let round = first + 1; ; round++) {
    const p = designPlan(ctx, budgets, fixed, round, state, hooks);
    const missing = p.outputs.filter((o) => {
      const need = required(ctx, ctx.groups.find((g) => g.name === o.name) as Group);
      return need !== undefined && o.purity < need;
    });
    if (missing.length === 0) return { plan: p, rounds: round, budgets };
    const worst = missing[0] as TrainOutput;
    if (round === first + 4 || missing.some((o) => p.fromThreeOutlet.has(o.name))) {
      const g = ctx.groups.find((x) => x.name === worst.name) as Group;
      fail(
        'INFEASIBLE',
        g.purity === undefined ? `${FN}.purity` : `${FN}.products[${g.index}].purity`,
        g.purity ?? ctx.purity,
        `a purity the train can reach: ${worst.name} reaches ${worst.purity} after ${round - first} design rounds`,
      );
    }
    for (const o of missing) {
      for (const g of p.paths.get(o.name) ?? []) {
        const b = budgets.get(g) as { organic: number; aqueous: number };
        budgets.set(g, { organic: b.organic / 2, aqueous: b.aqueous / 2 });
      }
    }
  }
}

/** The result of a plan: products in train order, totals, the balance over the train. */
export function result(
  ctx: TrainContext,
  p: Plan,
  rounds: number,
  simulations: number,
  candidates: readonly TrainThreeOutletCandidate[],
): SeparationTrain {
  let balanceError = 0;
  for (const e of ctx.present) {
    const out = p.outputs.reduce((a, o) => a + (o.flows[e] ?? 0), 0);
    const fed = ctx.feed[e] as number;
    balanceError = Math.max(balanceError, Math.abs(out - fed) / fed);
  }
  const sum = (f: (c: TrainCascade) => number) => p.cascades.reduce((a, c) => a + f(c), 0);
  return {
    system: ctx.system,
    cascades: p.cascades,
    products: ctx.order
      .map((e) => p.outputs.find((o) => o.elements[0] === e))
      .filter((o): o is TrainOutput => o !== undefined),
    totals: {
      stages: sum((c) => c.stages.total + c.stripStages),
      stripStages: sum((c) => c.stripStages),
      solventInventory: sum((c) => c.solventInventory.total),
      NaOH: sum((c) => c.reagents.NaOH),
      HCl: sum((c) => c.reagents.HCl),
    },
    threeOutlet: candidates,
    balanceError,
    rounds,
    simulations,
  };
}
