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
 *
 * **Modules.** The request and its check (threeOutletRequest.ts), the flows by balance, the minimum organic
 * load and the closed forms (threeOutletBalance.ts), the stage search (threeOutletSearch.ts), the design and
 * its report (here), the comparison with the two-outlet pair (threeOutletCompare.ts).
 */
import { cite, type Provenance } from '../../data/provenance.js';
import type { CascadeResult } from '../steady/simulateCascade.js';
import { fmt } from './designFlows.js';
import {
  type Balance,
  balance,
  closedFormOptimum,
  estimates,
  impurity,
  keyBeta,
  minimumLoad,
} from './threeOutletBalance.js';
import {
  checkLoads,
  checkRequest,
  type Problem,
  type ThreeOutletGroups,
  type ThreeOutletRequest,
} from './threeOutletRequest.js';
import { type AtLoad, designAt, holdup, type OnSimulation, optimumWalk } from './threeOutletSearch.js';

export type { ThreeOutletGroups, ThreeOutletRequest, ThreeOutletTargets } from './threeOutletRequest.js';

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

/**
 * The design with its checked problem and balance (for {@link compareThreeOutlet} and the separation
 * train); `onSimulation` hears each simulation of the searches.
 */
export function threeOutlet(
  request: unknown,
  path: string,
  extraKeys: readonly string[],
  onSimulation?: OnSimulation,
) {
  const pb = checkRequest(request, path, extraKeys);
  const loads = checkLoads(`${path}.organicLoad`, pb.organicLoad);
  const bal = balance(pb);
  const Smin = minimumLoad(pb, bal);
  const designs =
    loads === 'optimum'
      ? optimumWalk(pb, bal, Smin, onSimulation)
      : loads.map((S) => designAt(pb, bal, S, Smin, onSimulation));
  const chosen = designs.reduce((a, b) => (holdup(b) < holdup(a) ? b : a));
  return { pb, bal, design: report(pb, bal, Smin, chosen, designs, loads === 'optimum') };
}

/** What a three-outlet cascade needs at least, from its balance and closed forms alone (no simulation). */
export interface ThreeOutletScreen {
  /** Underwood's smallest S for the targets, mol per mol feed. */
  readonly minimumOrganicLoad: number;
  /** Fenske's stages (total reflux) of the three sections together. */
  readonly fenske: number;
  /** S_min × Fenske: a floor under every design's S·(n + m) (S > S_min and n + m >= Fenske). */
  readonly lowerBound: number;
  /** The closed forms' optimum S (3 significant digits), and S × the closed forms' total there (null if pinched). */
  readonly organicLoad: number;
  readonly estimate: number | null;
  /** Outlet loads per mol feed by balance: raffinate R, draw D, product P. */
  readonly flows: { readonly R: number; readonly D: number; readonly P: number };
}

/**
 * The screen of a three-outlet request (checked as {@link designThreeOutletCascade}'s, `organicLoad`
 * ignored): its balance, Underwood's minimum S, Fenske's stages and the closed forms' optimum S, at the
 * cost of a few hundred closed-form evaluations. Throws INFEASIBLE where the balance does.
 */
export function threeOutletScreen(request: unknown, path: string): ThreeOutletScreen {
  const pb = checkRequest(request, path, []);
  const bal = balance(pb);
  const Smin = minimumLoad(pb, bal);
  const S = Number(closedFormOptimum(pb, bal, Smin).toPrecision(3));
  const e = estimates(pb, bal, S);
  const fenske = e.fenske.extraction + e.fenske.belowDraw + e.fenske.aboveDraw;
  return {
    minimumOrganicLoad: Smin,
    fenske,
    lowerBound: Smin * fenske,
    organicLoad: S,
    estimate: orNull(S * (e.extraction + e.belowDraw + e.aboveDraw)),
    flows: { R: bal.R, D: bal.D, P: bal.P },
  };
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
