/**
 * The numerical core of the dynamic mixer-settler cascade (see `simulateCascadeDynamics` in
 * `dynamics.ts`): the tanks' state in typed arrays, the rate constants of one operating point, and the
 * explicit, conservative time step (the mixers' equilibrium splits are in `mixerSplit.ts`).
 *
 * Tanks per stage j (stage-major arrays, N × c): the mixer's total content `mix` (aqueous + organic, split
 * at equilibrium every step), the settler's aqueous content `sa` and organic content `so` (one well-mixed
 * tank per phase). Each settler's outflows leave as in the steady equations: the stream going down (its
 * aqueous, less what is entrained up, plus the organic entrained down) and the stream going up (its
 * organic, less what is entrained down, plus the aqueous entrained up); a side draw takes its fraction of
 * the stream of its phase before it reaches the neighbour, and the entrained parts join their own phase's
 * inflow at the next mixer. Every step moves amounts between tanks as fluxes computed from the state at
 * the start of the step (forward Euler in flux form): what leaves one tank enters the next in the same
 * floating-point number, so the inventory identity holds to round-off.
 *
 * With a strip section the arrays hold the strip stages after the cascade's (`chain.ts`): the organic runs
 * on from the cascade's top stage into the strip and from the last strip stage back into stage 1, the
 * reflux is taken from the strip liquor, and the organic's content is no input (it circulates).
 */
import { fail } from '../../core/errors.js';
import type { NormalisedCascade } from '../cascadeSpec.js';
import { stageKernel } from '../steady/stageKernels.js';
import { type StageChain, stageChain } from './chain.js';
import { splitLimited, splitSaturated } from './mixerSplit.js';

export { splitLimited, splitSaturated };

/** Hold-up volumes of every stage's tanks (constant in time). */
export interface Holdups {
  /** Mixer aqueous and organic volumes per stage. */
  readonly mixerAqueous: Float64Array;
  readonly mixerOrganic: Float64Array;
  /** Settler aqueous and organic volumes per stage. */
  readonly settlerAqueous: Float64Array;
  readonly settlerOrganic: Float64Array;
}

/** Rate constants of one operating point (the flows between two events). */
export interface OperatingPoint {
  readonly c: number;
  /** Stages of the organic's path: the cascade's, then any strip stages. */
  readonly n: number;
  /** The cascade's top stage (0-based; N − 1): where the scrub and the reflux enter. */
  readonly top: number;
  /** There is a strip section: the organic loops back to stage 1 and the product is the strip liquor. */
  readonly loop: boolean;
  /**
   * Mixer aqueous and organic outflow per unit mixer content, per stage and species: constants for linear
   * stages, rewritten every step for saturated ones (from that step's equilibrium split).
   */
  readonly ka: Float64Array;
  readonly ko: Float64Array;
  /** 1 where the stage's model is linear (distribution ratios), 0 for the saturated and capacity-limited models. */
  readonly linear: Uint8Array;
  /** 1 where the stage's model is the capacity-limited distribution model (competitive Langmuir). */
  readonly limited: Uint8Array;
  /** Capacity-limited stages: κ_i = D_i·V_mix,o/V_mix,a per stage and species. */
  readonly kappa: Float64Array;
  /** Saturated stages: mixer aqueous outflow per unit aqueous content, organic per unit organic content. */
  readonly qa: Float64Array;
  readonly qo: Float64Array;
  /**
   * Saturated stages: β per stage and species, and the mixer organic's capacity K = loading · V_mix,o (at
   * the last stage less acid/3 ÷ the mixer's organic outflow per unit content, so that the organic leaving
   * the mixer carries acid/3 less); capacity-limited stages: K = capacity · V_mix,o.
   */
  readonly beta: Float64Array;
  readonly capacity: Float64Array;
  /** Settler outflow per unit content: aqueous A_j / V_set,a and organic O_j / V_set,o. */
  readonly kx: Float64Array;
  readonly ky: Float64Array;
  /** Per stage, the fractions of the entering aqueous and organic that bypass the mixer (1 − E on the Murphree phase). */
  readonly aqueousBypass: Float64Array;
  readonly organicBypass: Float64Array;
  readonly feed: Float64Array;
  readonly organicIn: Float64Array;
  readonly scrubIn: Float64Array;
  readonly feedStage: number;
  /** The feed joins this phase's inflow (and its Murphree bypass). */
  readonly feedPhase: 'aqueous' | 'organic';
  readonly reflux: number;
  /** Per stage, the entrained fractions of the settler's aqueous (up with the organic) and organic (down with the aqueous) outflows. */
  readonly entrainAqueous: Float64Array;
  readonly entrainOrganic: Float64Array;
  /**
   * Share of each stage's downward stream that reaches the stage below (1 − its aqueous draw) and of its
   * upward stream that reaches the stage above (1 − its organic draw), per stage.
   */
  readonly passDown: Float64Array;
  readonly passUp: Float64Array;
  /** Side draws (0-based stage, phase, fraction of that phase's stream leaving the stage), in the spec's order. */
  readonly draws: NormalisedCascade['draws'];
  /** How each stage takes its inflows in normal operation and at total reflux (see {@link couplings}). */
  readonly open: Couplings;
  readonly closed: Couplings;
}

/**
 * Per stage j, what flows into it per unit content of its neighbours' settler tanks (precomputed from the
 * operating point: the time step's inner loop only reads them): `aboveX`, `aboveY` the aqueous and the
 * entrained organic from stage j + 1 (0 where the aqueous does not come from above: the cascade's top
 * stage, which takes the scrub and the reflux, and the last stage); `belowY`, `belowX` the organic and the
 * entrained aqueous from stage j − 1's carried outflows (at stage 1: the organic entering, whole); each less
 * its draw in normal operation (a draw returns to its stage at total reflux).
 */
export interface Couplings {
  readonly up: Uint8Array;
  readonly aboveX: Float64Array;
  readonly aboveY: Float64Array;
  readonly belowY: Float64Array;
  readonly belowX: Float64Array;
}

/** The {@link Couplings} of a chain of `n` stages with top stage `top`, in normal operation or at total reflux. */
function couplings(
  n: number,
  top: number,
  kx: Float64Array,
  ky: Float64Array,
  ea: Float64Array,
  eo: Float64Array,
  passDown: Float64Array,
  passUp: Float64Array,
  closed: boolean,
): Couplings {
  const up = new Uint8Array(n);
  const aboveX = new Float64Array(n);
  const aboveY = new Float64Array(n);
  const belowY = new Float64Array(n);
  const belowX = new Float64Array(n);
  for (let j = 0; j < n; j++) {
    const isUp = j + 1 < n && j !== top;
    const down = j > 0;
    up[j] = isUp ? 1 : 0;
    const fromAbove = isUp && !closed ? (passDown[j + 1] as number) : 1;
    const fromBelow = down && !closed ? (passUp[j - 1] as number) : 1;
    aboveX[j] = isUp ? fromAbove * (1 - (ea[j + 1] as number)) * (kx[j + 1] as number) : 0;
    aboveY[j] = isUp ? fromAbove * (eo[j + 1] as number) * (ky[j + 1] as number) : 0;
    belowY[j] = down ? fromBelow * (1 - (eo[j - 1] as number)) : 1;
    belowX[j] = down ? fromBelow * (ea[j - 1] as number) : 0;
  }
  return { up, aboveX, aboveY, belowY, belowX };
}

/** The dynamic state: tank contents, the warm starts of the mixer roots, cumulative flows and work buffers. */
export interface DynamicState {
  readonly mix: Float64Array;
  readonly sa: Float64Array;
  readonly so: Float64Array;
  /** Nonlinear mixers: the last stage factor per stage (λ saturated, φ Langmuir; 0: none yet), the warm start. */
  readonly lambda: Float64Array;
  /** Inventory at time 0 and now, per species. */
  readonly inventory0: Float64Array;
  readonly inventory: Float64Array;
  /** Cumulative amounts in and out per species, with their Kahan compensations. */
  readonly totalIn: Float64Array;
  readonly totalOut: Float64Array;
  readonly inComp: Float64Array;
  readonly outComp: Float64Array;
  readonly work: Float64Array;
  /** Largest number of iterations any mixer's equilibrium split has needed (evidence). */
  splitIterations: number;
}

/** Largest relative inventory error accepted at any step. */
export const BALANCE_TOLERANCE = 1e-9;

/**
 * Mixer and settler flows of stage j of the chain: the mixer sees E·A (aqueous Murphree) or E·O (organic
 * Murphree) of its phase's flow, the rest bypasses it; the settler passes the stage's full phase flows.
 */
function mixerFlows(ch: StageChain, j: number): { aqueous: number; organic: number } {
  return {
    aqueous: (ch.aqueousMixed[j] as number) * (ch.aqueousVolume[j] as number),
    organic: (ch.organicMixed[j] as number) * (ch.organicVolume[j] as number),
  };
}

/** Smallest residence time V/Q of any tank at this operating point (the explicit step's stability limit). */
export function smallestResidenceTime(p: NormalisedCascade, h: Holdups): number {
  const ch = stageChain(p);
  let tau = Number.POSITIVE_INFINITY;
  for (let j = 0; j < ch.n; j++) {
    const m = mixerFlows(ch, j);
    tau = Math.min(
      tau,
      (h.mixerAqueous[j] as number) / m.aqueous,
      (h.mixerOrganic[j] as number) / m.organic,
      (h.settlerAqueous[j] as number) / (ch.aqueousVolume[j] as number),
      (h.settlerOrganic[j] as number) / (ch.organicVolume[j] as number),
    );
  }
  return tau;
}

/** The rate constants of the normalised cascade `p` with hold-ups `h` (one per stage of its chain). */
export function operatingPoint(p: NormalisedCascade, h: Holdups): OperatingPoint {
  const ch = stageChain(p);
  const c = p.species.length;
  const n = ch.n;
  const top = ch.cascade - 1;
  const ka = new Float64Array(n * c);
  const ko = new Float64Array(n * c);
  const linear = new Uint8Array(n);
  const limited = new Uint8Array(n);
  const kappa = new Float64Array(n * c);
  const qa = new Float64Array(n);
  const qo = new Float64Array(n);
  const beta = new Float64Array(n * c);
  const capacity = new Float64Array(n);
  const kx = new Float64Array(n);
  const ky = new Float64Array(n);
  for (let j = 0; j < n; j++) {
    const va = h.mixerAqueous[j] as number;
    const vo = h.mixerOrganic[j] as number;
    const m = mixerFlows(ch, j);
    qa[j] = m.aqueous / va;
    qo[j] = m.organic / vo;
    kx[j] = (ch.aqueousVolume[j] as number) / (h.settlerAqueous[j] as number);
    ky[j] = (ch.organicVolume[j] as number) / (h.settlerOrganic[j] as number);
    // The steady solver's stage equilibrium applied to the hold-ups' volumes: the organic content in
    // equilibrium with aqueous content a is κ·a (κ = D·V_mix,o / V_mix,a), or K β a / Σβa when saturated.
    const k = stageKernel(ch.models[j] as NormalisedCascade['models'][number], p.species, va, vo);
    if (k.kind === 'linear') {
      linear[j] = 1;
      for (let i = 0; i < c; i++) {
        const kap = k.kappa[i] as number;
        ka[j * c + i] = (qa[j] as number) / (1 + kap);
        ko[j * c + i] = ((qo[j] as number) * kap) / (1 + kap);
      }
    } else if (k.kind === 'langmuir') {
      limited[j] = 1;
      kappa.set(k.kappa, j * c);
      capacity[j] = k.capacity;
    } else {
      beta.set(k.kappa, j * c);
      capacity[j] = k.capacity;
    }
  }
  if (p.acid > 0) {
    // The mixer's organic leaves at qo × content: a capacity lower by W/qo carries W = acid/3 less.
    capacity[top] = (capacity[top] as number) - p.acid / 3 / (qo[top] as number);
  }
  // Draws are within the cascade; the strip stages pass everything on.
  const passDown = new Float64Array(n).fill(1);
  const passUp = new Float64Array(n).fill(1);
  p.drawAqueous.forEach((d, j) => {
    passDown[j] = 1 - d;
  });
  p.drawOrganic.forEach((d, j) => {
    passUp[j] = 1 - d;
  });
  const link = (closed: boolean) =>
    couplings(n, top, kx, ky, ch.entrainAqueous, ch.entrainOrganic, passDown, passUp, closed);
  return {
    c,
    n,
    top,
    loop: ch.loop,
    ka,
    ko,
    linear,
    limited,
    kappa,
    qa,
    qo,
    beta,
    capacity,
    kx,
    ky,
    aqueousBypass: ch.aqueousBypass,
    organicBypass: ch.organicBypass,
    feed: p.feed,
    organicIn: p.organicIn,
    scrubIn: p.scrubIn,
    feedStage: p.feedStage,
    feedPhase: p.feedPhase,
    reflux: p.reflux,
    entrainAqueous: ch.entrainAqueous,
    entrainOrganic: ch.entrainOrganic,
    passDown,
    passUp,
    draws: p.draws,
    open: link(false),
    closed: link(true),
  };
}

/** A state with every tank empty (`n` stages of the chain); `work` holds 9 buffers of c. */
export function emptyState(n: number, c: number): DynamicState {
  return {
    mix: new Float64Array(n * c),
    sa: new Float64Array(n * c),
    so: new Float64Array(n * c),
    lambda: new Float64Array(n),
    inventory0: new Float64Array(c),
    inventory: new Float64Array(c),
    totalIn: new Float64Array(c),
    totalOut: new Float64Array(c),
    inComp: new Float64Array(c),
    outComp: new Float64Array(c),
    work: new Float64Array(9 * c),
    splitIterations: 0,
  };
}

/** Records the current contents as the inventory at time 0 (after a start-up fill). */
export function takeInitialInventory(s: DynamicState, c: number): void {
  s.inventory0.fill(0);
  for (let q = 0; q < s.mix.length; q++) {
    const i = q % c;
    s.inventory0[i] =
      (s.inventory0[i] as number) + (s.mix[q] as number) + (s.sa[q] as number) + (s.so[q] as number);
  }
  s.inventory.set(s.inventory0);
}

/** Stage j's downward stream of species i (its aqueous less what is entrained up, plus the organic entrained down). */
function downStream(op: OperatingPoint, s: DynamicState, j: number, i: number): number {
  const q = j * op.c + i;
  return (
    (1 - (op.entrainAqueous[j] as number)) * ((op.kx[j] as number) * (s.sa[q] as number)) +
    (op.entrainOrganic[j] as number) * ((op.ky[j] as number) * (s.so[q] as number))
  );
}

/** Stage j's upward stream of species i (its organic less what is entrained down, plus the aqueous entrained up). */
function upStream(op: OperatingPoint, s: DynamicState, j: number, i: number): number {
  const q = j * op.c + i;
  return (
    (1 - (op.entrainOrganic[j] as number)) * ((op.ky[j] as number) * (s.so[q] as number)) +
    (op.entrainAqueous[j] as number) * ((op.kx[j] as number) * (s.sa[q] as number))
  );
}

/**
 * Writes the outlets for the current state: the raffinate (stage 1's downward stream), the loaded organic
 * (the cascade's top stage's upward stream) and, with a strip section, the strip liquor (the first strip
 * stage's downward stream) and the stripped organic (the last strip stage's upward stream, returning to
 * stage 1); without one those two are left as they are.
 */
export function cascadeOutlets(
  op: OperatingPoint,
  s: DynamicState,
  raffinate: Float64Array,
  loaded: Float64Array,
  liquor?: Float64Array,
  stripped?: Float64Array,
): void {
  for (let i = 0; i < op.c; i++) {
    raffinate[i] = downStream(op, s, 0, i);
    loaded[i] = upStream(op, s, op.top, i);
    if (op.loop) {
      if (liquor) liquor[i] = downStream(op, s, op.top + 1, i);
      if (stripped) stripped[i] = upStream(op, s, op.n - 1, i);
    }
  }
}

/** Writes side draw k's amounts per unit time for the current state: its fraction of its stage's stream. */
export function drawOutlet(op: OperatingPoint, s: DynamicState, k: number, out: Float64Array): void {
  const d = op.draws[k] as OperatingPoint['draws'][number];
  for (let i = 0; i < op.c; i++)
    out[i] =
      d.fraction * (d.phase === 'aqueous' ? downStream(op, s, d.stage, i) : upStream(op, s, d.stage, i));
}

/** Adds `h` × what the side draws take now to `sum` (per species). */
function addDraws(op: OperatingPoint, s: DynamicState, h: number, sum: Float64Array): void {
  for (const d of op.draws) {
    for (let i = 0; i < op.c; i++) {
      const stream = d.phase === 'aqueous' ? downStream(op, s, d.stage, i) : upStream(op, s, d.stage, i);
      sum[i] = (sum[i] as number) + h * d.fraction * stream;
    }
  }
}

/** Adds `d` to the Kahan-compensated sum `total[i]` (compensation in `comp[i]`). */
function accumulate(total: Float64Array, comp: Float64Array, i: number, d: number): void {
  const y = d - (comp[i] as number);
  const t = (total[i] as number) + y;
  comp[i] = t - (total[i] as number) - y;
  total[i] = t;
}

/**
 * Advances the state by `steps` explicit steps of length `h`. `closed` is total reflux: no feed, organic or
 * scrub species enter, the product stream (loaded organic, or strip liquor) all returns with the scrub,
 * the raffinate returns with the organic into stage 1 and no side draw is taken (a draw returned to its
 * stage). Checks the inventory identity after every step and returns the largest relative error; throws
 * BALANCE_VIOLATION above {@link BALANCE_TOLERANCE}.
 */
export function advance(
  op: OperatingPoint,
  s: DynamicState,
  h: number,
  steps: number,
  closed: boolean,
): number {
  const { c, n, top, loop, ka, ko, linear, limited, kappa, qa, qo, beta, capacity, kx, ky } = op;
  const { feed, organicIn, scrubIn, feedStage, reflux, aqueousBypass, organicBypass } = op;
  const { up, aboveX, aboveY, belowY, belowX } = closed ? op.closed : op.open;
  const aqueousFeed = op.feedPhase === 'aqueous';
  const { mix, sa, so, lambda, inventory0, inventory, totalIn, totalOut, inComp, outComp, work } = s;
  const carry = work.subarray(0, c);
  const topIn = work.subarray(c, 2 * c);
  const raffinate = work.subarray(2 * c, 3 * c);
  const loaded = work.subarray(3 * c, 4 * c);
  const stripped = work.subarray(4 * c, 5 * c);
  const aq = work.subarray(5 * c, 6 * c);
  const carryX = work.subarray(6 * c, 7 * c);
  const drawn = work.subarray(7 * c, 8 * c);
  const liquor = work.subarray(8 * c, 9 * c);
  // The stream the product (and its reflux) is taken from.
  const product = loop ? liquor : loaded;
  let worst = 0;
  for (let step = 0; step < steps; step++) {
    // Outlets of the state at the start of the step, the product reflux, and the cumulative flows.
    cascadeOutlets(op, s, raffinate, loaded, liquor, stripped);
    drawn.fill(0);
    if (!closed) addDraws(op, s, h, drawn);
    let productTotal = 0;
    for (let i = 0; i < c; i++) productTotal += product[i] as number;
    const share = closed ? 1 : reflux > 0 && productTotal > 0 ? Math.min(1, reflux / productTotal) : 0;
    for (let i = 0; i < c; i++) {
      const y = product[i] as number;
      topIn[i] = (closed ? 0 : (scrubIn[i] as number)) + share * y;
      // Into stage 1: the fresh organic (or, with a strip section, the stripped organic), and at total
      // reflux the raffinate.
      const organic = loop ? (stripped[i] as number) : closed ? 0 : (organicIn[i] as number);
      carry[i] = organic + (closed ? (raffinate[i] as number) : 0);
      carryX[i] = 0;
      inventory[i] = 0;
      if (!closed) {
        // Kahan-compensated sums: long runs add millions of small increments. A circulating organic's
        // content is no input.
        const input = (feed[i] as number) + (loop ? 0 : (organicIn[i] as number)) + (scrubIn[i] as number);
        accumulate(totalIn, inComp, i, h * input);
        accumulate(
          totalOut,
          outComp,
          i,
          h * ((raffinate[i] as number) + (1 - share) * y) + (drawn[i] as number),
        );
      }
    }
    for (let j = 0; j < n; j++) {
      const o = j * c;
      if (linear[j] === 0) {
        // Nonlinear mixer: this step's split fractions become the stage's outflow coefficients.
        const its =
          limited[j] === 1
            ? splitLimited(mix, o, c, kappa, capacity[j] as number, lambda, j, aq)
            : splitSaturated(mix, o, c, beta, capacity[j] as number, lambda, j, aq);
        if (its > s.splitIterations) s.splitIterations = its;
        const qaj = qa[j] as number;
        const qoj = qo[j] as number;
        for (let i = 0; i < c; i++) {
          const r = aq[i] as number;
          ka[o + i] = qaj * r;
          ko[o + i] = qoj * (1 - r);
        }
      }
      // Stage j + 1's downward stream (its settler, not yet updated this step; at the cascade's top the
      // scrub inflow and the reflux, at the strip's top the strip acid, which carries no species) and stage
      // j − 1's upward stream (carried from the start of the step; at stage 1 the organic entering), each
      // less its draw; their entrained parts join their own phase's inflow.
      const fromAbove = up[j] === 1;
      const ax = aboveX[j] as number;
      const ay = aboveY[j] as number;
      const by = belowY[j] as number;
      const bx = belowX[j] as number;
      const external = j === top ? 1 : 0;
      const feedHere = j === feedStage && !closed;
      const kxj = kx[j] as number;
      const kyj = ky[j] as number;
      const aqBypass = aqueousBypass[j] as number;
      const orgBypass = organicBypass[j] as number;
      const aqIn = 1 - aqBypass;
      const orgIn = 1 - orgBypass;
      const above = o + c;
      for (let i = 0; i < c; i++) {
        const q = o + i;
        const xOut = kxj * (sa[q] as number);
        const yOut = kyj * (so[q] as number);
        let aIn =
          (fromAbove ? ax * (sa[above + i] as number) : external * (topIn[i] as number)) +
          bx * (carryX[i] as number);
        let oIn = by * (carry[i] as number) + (fromAbove ? ay * (so[above + i] as number) : 0);
        // The feed joins its phase's inflow, Murphree bypass included.
        if (feedHere) {
          if (aqueousFeed) aIn += feed[i] as number;
          else oIn += feed[i] as number;
        }
        carry[i] = yOut;
        carryX[i] = xOut;
        const content = mix[q] as number;
        const mai = (ka[q] as number) * content;
        const moi = (ko[q] as number) * content;
        const m = content + h * (aqIn * aIn + orgIn * oIn - mai - moi);
        const a = (sa[q] as number) + h * (mai + aqBypass * aIn - xOut);
        const b = (so[q] as number) + h * (moi + orgBypass * oIn - yOut);
        mix[q] = m;
        sa[q] = a;
        so[q] = b;
        inventory[i] = (inventory[i] as number) + m + a + b;
      }
    }
    // Error of each species relative to all of it that has been in the cascade (floored at 1e-12 of all
    // species together, so a trace species' round-off is not magnified).
    let all = 0;
    for (let i = 0; i < c; i++) all += (inventory0[i] as number) + (totalIn[i] as number);
    for (let i = 0; i < c; i++) {
      const had = (inventory0[i] as number) + (totalIn[i] as number);
      const err = Math.abs((inventory[i] as number) - had + (totalOut[i] as number));
      const scale = Math.max(had, 1e-12 * all);
      const rel = scale > 0 ? err / scale : err > 0 ? Number.POSITIVE_INFINITY : 0;
      if (!(rel <= worst)) worst = rel;
    }
    if (!(worst <= BALANCE_TOLERANCE)) {
      fail(
        'BALANCE_VIOLATION',
        'cascade',
        worst,
        `an inventory equal to initial + in − out within ${BALANCE_TOLERANCE} relative at every step`,
      );
    }
  }
  return worst;
}

/**
 * Writes the amounts per unit time leaving every stage (aqueous into `x`, organic into `y`, N × c) for the
 * current state.
 */
export function stageOutflows(op: OperatingPoint, s: DynamicState, x: Float64Array, y: Float64Array): void {
  const { c, n, kx, ky } = op;
  for (let j = 0; j < n; j++) {
    for (let i = 0; i < c; i++) {
      x[j * c + i] = (kx[j] as number) * (s.sa[j * c + i] as number);
      y[j * c + i] = (ky[j] as number) * (s.so[j * c + i] as number);
    }
  }
}
