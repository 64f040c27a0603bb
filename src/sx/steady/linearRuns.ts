/**
 * Linear cascades as runs of identical stages, solved species by species with the coefficients formed in
 * the sweep (the prepared cascade's solver, `prepareCascade.ts`).
 *
 * A run is a stretch of stages with one section model, one aqueous and one organic volume flow and no
 * source or draw inside it: its distribution ratio in amounts, K_i = D_i·O/A, is one number per species.
 * Runs start at stage 1, at the scrub section, around the feed stage and every draw stage, and at the top
 * stage; feed, draw and top stages are runs of their own. With the ratios fixed per run the species
 * equations are the scalar ones of `speciesSolve.ts` (equilibrium stages, no entrainment): each species is
 * swept on its own with its run's ratio in a register, in Grassmann–Taksar–Heyman form (pivots as sums of
 * what leaves, never differences), so every amount is non-negative and accurate to a few ulps of its size.
 * No stage profile is kept: the back substitution keeps only each run's first stage, which is all the
 * outlets need.
 */
import type { NormalisedCascade } from '../cascadeSpec.js';
import { sharedWork } from './speciesSolve.js';

/** The stage structure of a linear cascade, fixed when it is prepared. */
export interface RunLayout {
  readonly N: number;
  readonly c: number;
  /** Number of runs. */
  readonly count: number;
  /** First stage of each run (0-based), then N: count + 1 entries. */
  readonly start: Int32Array;
  /** 1 for a run in the scrub section, 0 in the extraction section. */
  readonly scrub: Uint8Array;
  /** Run of the feed stage, of each side draw (spec order) and of the top stage. */
  readonly feedRun: number;
  readonly drawRun: Int32Array;
  readonly topRun: number;
}

/** What changes from one solve to the next, per run: volume flows, pass shares, ratios and sources. */
export interface RunState {
  /** Aqueous and organic volume flow leaving each run's stages (before a draw). */
  readonly aqueous: Float64Array;
  readonly organic: Float64Array;
  /** Share of a run's aqueous going down (1 − aqueous draw) and of its organic going up (1 − organic draw). */
  readonly passDown: Float64Array;
  readonly passUp: Float64Array;
  /** K_i of each run, run-major (count × c). */
  readonly K: Float64Array;
  /** External inflow of each species at each run's first stage, both phases (count × c). */
  readonly source: Float64Array;
}

/** The runs of `p`'s stages (see the module comment). */
export function runLayout(p: NormalisedCascade): RunLayout {
  const N = p.total;
  // Candidate first stages, sorted and without repeats (a handful: plain loops, no typed-array `from`).
  const candidates = [0, p.feedStage, p.feedStage + 1, N - 1, p.extraction];
  for (const d of p.draws) candidates.push(d.stage, d.stage + 1);
  candidates.sort((x, y) => x - y);
  const sorted: number[] = [];
  for (const j of candidates) if (j < N && j !== sorted[sorted.length - 1]) sorted.push(j);
  const count = sorted.length;
  const start = new Int32Array(count + 1);
  const scrub = new Uint8Array(count);
  for (let r = 0; r < count; r++) {
    start[r] = sorted[r] as number;
    scrub[r] = (sorted[r] as number) >= p.extraction ? 1 : 0;
  }
  start[count] = N;
  const drawRun = new Int32Array(p.draws.length);
  p.draws.forEach((d, k) => {
    drawRun[k] = sorted.indexOf(d.stage);
  });
  return {
    N,
    c: p.species.length,
    count,
    start,
    scrub,
    feedRun: sorted.indexOf(p.feedStage),
    drawRun,
    topRun: count - 1,
  };
}

/** Work arrays for one run layout's solves. */
export function runState(R: RunLayout): RunState {
  // Views of one buffer: a typed array beyond 64 bytes is allocated off the heap (~0.5 µs each).
  const n = R.count;
  const m = R.count * R.c;
  const b = new Float64Array(4 * n + 2 * m);
  const passes = b.subarray(2 * n, 4 * n).fill(1);
  return {
    aqueous: b.subarray(0, n),
    organic: b.subarray(n, 2 * n),
    passDown: passes.subarray(0, n),
    passUp: passes.subarray(n, 2 * n),
    K: b.subarray(4 * n, 4 * n + m),
    source: b.subarray(4 * n + m, 4 * n + 2 * m),
  };
}

/**
 * Sweeps every species through the runs: writes the aqueous amount leaving each run's first stage into
 * `first` (count × c, run-major), using `m` and `s` (N each) as the elimination's work space.
 *
 * Scalar row j: b_j x_j − passUp_{j−1}·K_{j−1}·x_{j−1} − passDown_{j+1}·x_{j+1} = source_j, b_j = 1 + K_j;
 * the pivot is accumulated from the column's excess (what leaves the cascade from stage j: the raffinate at
 * stage 1, the loaded organic at the top, the draws) as in `speciesSolve.ts`'s scalar path.
 */
export function sweepRuns(
  R: RunLayout,
  S: RunState,
  first: Float64Array,
  m: Float64Array,
  s: Float64Array,
): void {
  const { N, c, count, start } = R;
  const { K, passDown, passUp, source } = S;
  for (let i = 0; i < c; i++) {
    // Carries from the stage below: its excess, eliminated right-hand side, sub-diagonal and reciprocal pivot.
    let excess = 0;
    let rhs = 0;
    let l = 0;
    let inv = 0;
    for (let r = 0; r < count; r++) {
      const j0 = start[r] as number;
      const end = start[r + 1] as number;
      const k = K[r * c + i] as number;
      const pd = passDown[r] as number;
      const pu = passUp[r] as number;
      const top = j0 === N - 1;
      // The run's first stage: its source, what leaves from it, and what the stage below passes on.
      let e = (j0 === 0 ? 1 : 1 - pd) + (top ? k : k * (1 - pu));
      let b = source[r * c + i] as number;
      if (j0 > 0) {
        e += pd * excess * inv;
        b += l * rhs * inv;
      }
      l = top ? 0 : pu * k;
      inv = 1 / (l + e);
      m[j0] = inv;
      s[j0] = b;
      excess = e;
      rhs = b;
      // The rest of the run: no source, no draw (pass shares 1), not the top stage.
      for (let j = j0 + 1; j < end; j++) {
        excess *= inv;
        rhs = l * rhs * inv;
        inv = 1 / (l + excess);
        m[j] = inv;
        s[j] = rhs;
      }
    }
    // Back substitution from the top: x_j = (s_j + passDown_{j+1}·x_{j+1}) / pivot_j.
    let up = 0;
    for (let r = count - 1; r >= 0; r--) {
      const j0 = start[r] as number;
      const last = (start[r + 1] as number) - 1;
      let x =
        ((s[last] as number) + (r + 1 < count ? (passDown[r + 1] as number) : 0) * up) * (m[last] as number);
      for (let j = last - 1; j >= j0; j--) x = ((s[j] as number) + x) * (m[j] as number);
      first[r * c + i] = x;
      up = x;
    }
  }
}

/**
 * The external inflows at each run's first stage: scrub amounts at the top, fresh organic at stage 1, the
 * feed at its stage, in either phase; a stage's aqueous and organic sources are summed in the order
 * `speciesSolve.ts` sums them (so the sweep's arithmetic is its scalar path's, to the bit).
 */
export function setSources(
  R: RunLayout,
  S: RunState,
  feedPhase: 'aqueous' | 'organic',
  feed: ArrayLike<number>,
  organicIn: ArrayLike<number>,
  scrubIn: ArrayLike<number>,
): void {
  const { N, c, count, start, feedRun } = R;
  const source = S.source;
  const aqueousFeed = feedPhase === 'aqueous';
  for (let r = 0; r < count; r++) {
    const j0 = start[r] as number;
    const top = j0 === N - 1;
    const here = r === feedRun;
    if (!(top || here || j0 === 0)) {
      source.fill(0, r * c, r * c + c);
      continue;
    }
    for (let i = 0; i < c; i++) {
      const f = here ? (feed[i] as number) : 0;
      const aqueous = (top ? (scrubIn[i] as number) : 0) + (aqueousFeed ? f : 0);
      const organic = (j0 === 0 ? (organicIn[i] as number) : 0) + (aqueousFeed ? 0 : f);
      source[r * c + i] = aqueous + organic;
    }
  }
}

/** Every stage's model is linear (constant distribution ratios, no loading capacity). */
function linearStages(p: NormalisedCascade): boolean {
  // The stages of a section share one model object.
  const ends = [p.models[0], p.models[p.total - 1]];
  return ends.every((m) => m?.kind === 'distribution' && m.capacity === undefined);
}

/**
 * The outlets of a plain linear cascade (equilibrium stages with constant distribution ratios, no
 * entrainment, side draws, reflux or strip section), without its stage profile: the raffinate and the
 * loaded organic per species, the same to the bit as the whole solve's (`speciesSolve.ts`, scalar path).
 * Undefined for any other cascade.
 */
export function plainLinearOutlets(
  p: NormalisedCascade,
): { readonly raffinate: Float64Array; readonly loaded: Float64Array } | undefined {
  const plain =
    !p.strip &&
    p.reflux === 0 &&
    p.acid === 0 &&
    p.draws.length === 0 &&
    p.murphree === 1 &&
    p.entrainAqueous === 0 &&
    p.entrainOrganic === 0;
  if (!plain || !linearStages(p)) return undefined;
  const R = runLayout(p);
  const S = runState(R);
  const { N, c, count, start, topRun } = R;
  const K = S.K;
  for (let r = 0; r < count; r++) {
    const j = start[r] as number;
    const m = p.models[j];
    const D = m?.kind === 'distribution' ? m.D : {};
    const a = p.aqueousVolume[j] as number;
    const o = p.organicVolume[j] as number;
    for (let i = 0; i < c; i++) K[r * c + i] = ((D[p.species[i] as string] as number) * o) / a;
  }
  setSources(R, S, p.feedPhase, p.feed, p.organicIn, p.scrubIn);
  const w = sharedWork(N, c);
  const first = new Float64Array(count * c);
  sweepRuns(R, S, first, w.a, w.g);
  const raffinate = first.slice(0, c);
  const loaded = new Float64Array(c);
  for (let i = 0; i < c; i++) loaded[i] = (K[topRun * c + i] as number) * (first[topRun * c + i] as number);
  return { raffinate, loaded };
}
