/**
 * The three-outlet candidates of a separation train's two-outlet plan ({@link designSeparationTrain}): every
 * pair of cuts making A | M | B with M one product, screened by S_min × Fenske against the pair's
 * S·(n + m), designed where the screen lets it through, and the winners chosen.
 */
import { ReesimError } from '../../core/errors.js';
import { fmt } from './designFlows.js';
import {
  designThreeOutlet,
  type FixedThreeOutlet,
  FN,
  type Group,
  type Plan,
  type PlanNode,
  type PlanState,
  required,
  type TrainContext,
  threeOutletRequest,
} from './separationTrainPlan.js';
import { type ThreeOutletDesign, type ThreeOutletTargets, threeOutletScreen } from './threeOutlet.js';
import { impurity } from './threeOutletBalance.js';
import type { PlanSize } from './threeOutletCompare.js';
import type {
  ThreeOutletReason,
  ThreeProducts,
  TrainHooks,
  TrainThreeOutletCandidate,
} from './trainTypes.js';

type Flows = Readonly<Record<string, number>>;

const total = (r: Flows) => Object.values(r).reduce((a, b) => a + b, 0);
const amountIn = (r: Flows, list: readonly string[]) => list.reduce((a, e) => a + (r[e] ?? 0), 0);

/** Reports progress of the candidate's design (simulations so far over the train). */
type Progress = (simulations: number) => void;

/** A candidate with its decision so far and, for a winner, the cascade to fix. */
export interface Evaluated {
  readonly middle: number;
  readonly candidate: TrainThreeOutletCandidate;
  readonly fixed?: FixedThreeOutlet;
}

/** A purity or recovery target strictly inside (0, 1) (a trace rounded to 1 would be refused). */
const inside = (x: number) => Math.min(x, 1 - 1e-12);

/** The pair of cuts around middle group m (parent first) in a two-outlet plan: sizes and products. */
function pairOf(ctx: TrainContext, parent: PlanNode, child: PlanNode, order: 'A-first' | 'B-first') {
  const p = parent.cascade;
  const c = child.cascade;
  const m = order === 'A-first' ? parent.g : parent.g + 1;
  const mg = ctx.groups[m] as Group;
  const feed = p.feed;
  const share = total(c.feed) / total(feed);
  const products =
    order === 'A-first'
      ? { A: parent.organic, M: child.organic, B: child.aqueous }
      : { A: child.organic, M: child.aqueous, B: parent.aqueous };
  const at = (e: string) => ctx.order.indexOf(e);
  const species = Object.keys(feed);
  const own = {
    A: species.filter((e) => at(e) > mg.hi),
    M: species.filter((e) => at(e) >= mg.lo && at(e) <= mg.hi),
    B: species.filter((e) => at(e) < mg.lo),
  };
  const of = (k: 'A' | 'M' | 'B') => 1 - impurity(products[k], own[k]);
  const rec = (k: 'A' | 'M' | 'B') =>
    amountIn(products[k], own[k]) / Math.max(amountIn(feed, own[k]), 1e-300);
  const size: PlanSize = {
    stages: p.stages.total + c.stages.total,
    organicLoad: p.organicLoad + c.organicLoad * share,
    holdupIndex: p.holdupIndex + c.holdupIndex * share,
  };
  const sizes: PlanSize & ThreeProducts = {
    ...size,
    purity: { A: of('A'), M: of('M'), B: of('B') },
    recovery: { A: rec('A'), M: rec('M'), B: rec('B') },
  };
  return { m, mg, feed, pair: sizes };
}

/** Screens and, where the screen lets it through, designs one candidate against its pair. */
function evaluate(
  ctx: TrainContext,
  parent: PlanNode,
  child: PlanNode,
  order: 'A-first' | 'B-first',
  state: PlanState,
  progress: Progress,
): Evaluated {
  const { m, mg, feed, pair } = pairOf(ctx, parent, child, order);
  const names = (from: number, to: number) => ctx.groups.slice(from, to + 1).map((x) => x.name);
  const base = {
    middle: mg.name,
    organicProducts: names(m + 1, parent.hi),
    aqueousProducts: names(parent.lo, m - 1),
    cuts: [parent.cascade.cut, child.cascade.cut] as const,
    order,
    pair,
    simulations: 0,
  };
  const notUsed = (
    reason: ThreeOutletReason,
    note: string,
    more: Partial<TrainThreeOutletCandidate> = {},
  ) => ({
    middle: m,
    candidate: { ...base, used: false, reason, note, ...more },
  });
  if (ctx.strip !== undefined)
    return notUsed(
      'strip',
      'not designed: three-outlet cascades have no strip section, and the train asks for one',
    );
  // The pair's end purities and B recovery; M at its requirement (a hair above it, so that round-off in the
  // draw cannot put it below), or at the pair's purity where the product has no requirement.
  const need = required(ctx, mg);
  const targets: ThreeOutletTargets = {
    purity: {
      A: inside(pair.purity.A),
      M: need === undefined ? inside(pair.purity.M) : inside(need + (1 - need) * 1e-6),
      B: inside(pair.purity.B),
    },
    recovery: { B: inside(pair.recovery.B) },
  };
  const path = `${FN}.threeOutlet.${mg.name}`;
  let screen: ReturnType<typeof threeOutletScreen>;
  try {
    screen = threeOutletScreen({ ...threeOutletRequest(ctx, m, feed, targets), organicLoad: 1 }, path);
  } catch (e) {
    if (!(e instanceof ReesimError)) throw e;
    return notUsed('infeasible', `not designed: ${e.message}`, { targets });
  }
  const passed = screen.lowerBound < pair.holdupIndex;
  const screenOut = {
    minimumOrganicLoad: screen.minimumOrganicLoad,
    fenske: screen.fenske,
    lowerBound: screen.lowerBound,
    organicLoad: screen.organicLoad,
    estimate: screen.estimate,
    passed,
  };
  const floor =
    `S_min ${fmt(screen.minimumOrganicLoad)} × Fenske ${fmt(screen.fenske)} stages = ${fmt(screen.lowerBound)}` +
    ` ${passed ? '<' : '≥'} the pair's S·(n + m) ${fmt(pair.holdupIndex)}`;
  if (!passed) return notUsed('screened out', `screened out: ${floor}`, { screen: screenOut, targets });
  if (ctx.maxSimulations - state.simulations < 1)
    return notUsed('budget', `not designed: the train's maxSimulations is spent (${floor})`, {
      screen: screenOut,
      targets,
    });
  const before = state.simulations;
  let design: ThreeOutletDesign;
  try {
    design = designThreeOutlet(ctx, m, feed, targets, screen.organicLoad, state, progress);
  } catch (e) {
    if (!(e instanceof ReesimError)) throw e;
    const reason = e.code === 'NOT_CONVERGED' ? 'not converged' : 'infeasible';
    return notUsed(reason, `designed at S = ${fmt(screen.organicLoad)}, ${reason}: ${e.message}`, {
      screen: screenOut,
      targets,
      simulations: state.simulations - before,
    });
  }
  const S = design.flows.perMolFeed.S;
  const three = {
    stages: design.stages.total,
    organicLoad: S,
    holdupIndex: S * design.stages.total,
    purity: design.purity,
    recovery: design.recovery,
    design,
  };
  const saving: PlanSize = {
    stages: pair.stages - three.stages,
    organicLoad: pair.organicLoad - three.organicLoad,
    holdupIndex: pair.holdupIndex - three.holdupIndex,
  };
  const wins = three.holdupIndex < pair.holdupIndex;
  const sizes =
    `three-outlet ${design.stages.extraction} + ${design.stages.scrub} stages (draw at ${design.draw.stage}) at ` +
    `S = ${fmt(S)}: S·(n + m) ${fmt(three.holdupIndex)} against the pair's ${pair.stages} stages, ` +
    `${fmt(pair.holdupIndex)}`;
  const candidate: TrainThreeOutletCandidate = {
    ...base,
    used: wins,
    reason: wins ? 'smaller holdup' : 'larger holdup',
    note: `${wins ? 'used' : 'not used'}: ${sizes}; screen passed (${floor})`,
    screen: screenOut,
    targets,
    threeOutlet: three,
    saving,
    simulations: state.simulations - before,
  };
  return wins
    ? { middle: m, candidate, fixed: { middle: m, organicLoad: S, targets, feed, design } }
    : { middle: m, candidate };
}

/**
 * Every candidate of a two-outlet plan: a cut whose next cut isolates the product next to its boundary
 * (`'A-first'`: on its raffinate, `'B-first'`: on its organic product), screened and, where the screen lets
 * it through, designed.
 */
export function evaluateCandidates(
  ctx: TrainContext,
  plan: Plan,
  round: number,
  state: PlanState,
  hooks: TrainHooks,
): Evaluated[] {
  const node = (lo: number, hi: number) => plan.nodes.find((n) => n.lo === lo && n.hi === hi) as PlanNode;
  const out: Evaluated[] = [];
  for (const parent of plan.nodes) {
    const { lo, g, hi } = parent;
    const progress = (done: number) =>
      hooks.onProgress?.({
        round,
        cut: parent.cascade.index,
        cuts: plan.cascades.length,
        simulations: done,
        maxSimulations: ctx.maxSimulations,
      });
    if (lo <= g - 1 && ctx.split(lo, g) === g - 1)
      out.push(evaluate(ctx, parent, node(lo, g), 'A-first', state, progress));
    if (g + 2 <= hi && ctx.split(g + 1, hi) === g + 1)
      out.push(evaluate(ctx, parent, node(g + 1, hi), 'B-first', state, progress));
  }
  return out;
}

/**
 * The winners to fix: by saving, largest first; a winner sharing a cut with one already taken (middle
 * groups next to each other) is left out.
 */
export function chooseThreeOutlets(evaluated: readonly Evaluated[]): {
  readonly fixed: Map<number, FixedThreeOutlet>;
  readonly candidates: readonly TrainThreeOutletCandidate[];
} {
  const fixed = new Map<number, FixedThreeOutlet>();
  const taken = new Map<number, TrainThreeOutletCandidate>();
  const saving = (e: Evaluated) => e.candidate.saving?.holdupIndex ?? 0;
  for (const e of [...evaluated].filter((x) => x.fixed).sort((a, b) => saving(b) - saving(a))) {
    if (taken.has(e.middle - 1) || taken.has(e.middle + 1)) continue;
    taken.set(e.middle, e.candidate);
    fixed.set(e.middle, e.fixed as FixedThreeOutlet);
  }
  const candidates = evaluated.map((e) => {
    if (!e.fixed || taken.has(e.middle)) return e.candidate;
    const other = (taken.get(e.middle - 1) ?? taken.get(e.middle + 1)) as TrainThreeOutletCandidate;
    const shared = e.candidate.cuts.find((c) => other.cuts.includes(c));
    return {
      ...e.candidate,
      used: false,
      reason: 'shares a cut' as const,
      note: `${e.candidate.note.replace(/^used: /, 'not used: ')}; it shares the cut ${shared} with the three-outlet cascade for ${other.middle}, which saves more`,
    };
  });
  return { fixed, candidates };
}
