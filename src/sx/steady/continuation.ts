/**
 * Continuation in stage count for the factor Newton solve (`factorNewton.ts`).
 *
 * The cascade is cut at its landmark stages (the ends, the feed stage, the last extraction and first scrub
 * stage, side draws) into runs of identical stages. A cascade with every run at one stage is solved first;
 * then every run grows (doubling; a quarter of that after a failure) by copying its flattest stage (the
 * smallest change of the log factor to its neighbour) — or, when that guess fails, the stage of the run
 * nearest the feed, or, when a front has to jump, from a profile with a pinch moved across its front
 * (`shiftedPinches`) — and Newton starts from the grown profile. Over-staged sections put their extra stages
 * in pinches (zones of nearly constant composition), where copies are nearly exact, so each level starts
 * close to its solution; the total cost is about twice the last level's.
 */
import { cascadeOf, type NormalisedCascade } from '../cascadeSpec.js';
import {
  evaluate,
  type FactorProblem,
  type FactorState,
  factorProblem,
  initialState,
  type NewtonOutcome,
  newton,
  pseudoTransient,
} from './factorNewton.js';

/** Landmarks and runs of a cascade: `layout[k]` is a landmark stage (≥ 0) or a run (−1 − run index). */
interface Runs {
  /** Original stage of each landmark, in order. */
  readonly landmarks: readonly number[];
  /** First original stage and length of each run (between landmark k and k + 1). */
  readonly runStart: readonly number[];
  readonly runLength: readonly number[];
}

function runsOf(p: NormalisedCascade): Runs {
  const N = p.total;
  const marks = new Set<number>([0, N - 1, p.feedStage]);
  if (p.scrub > 0) {
    marks.add(p.extraction - 1);
    marks.add(p.extraction);
  }
  for (const d of p.draws) marks.add(d.stage);
  const landmarks = [...marks].filter((j) => j >= 0 && j < N).sort((a, b) => a - b);
  const runStart: number[] = [];
  const runLength: number[] = [];
  for (let k = 0; k + 1 < landmarks.length; k++) {
    const a = landmarks[k] as number;
    const b = landmarks[k + 1] as number;
    runStart.push(a + 1);
    runLength.push(b - a - 1);
  }
  return { landmarks, runStart, runLength };
}

/** The original stage of every stage of the cascade with run lengths `lengths`. */
function stageMap(r: Runs, lengths: readonly number[]): number[] {
  const map: number[] = [];
  r.landmarks.forEach((m, k) => {
    map.push(m);
    if (k < r.runStart.length) {
      for (let t = 0; t < (lengths[k] as number); t++) map.push((r.runStart[k] as number) + t);
    }
  });
  return map;
}

/** The cascade `p` with the stages of `map` (each an original stage index): a smaller cascade of the same kind. */
export function subCascade(p: NormalisedCascade, map: readonly number[]): NormalisedCascade {
  const N = map.length;
  const pick = (a: Float64Array) => Float64Array.from(map, (j) => a[j] as number);
  const index = new Map<number, number>();
  map.forEach((orig, j) => {
    if (!index.has(orig)) index.set(orig, j);
  });
  const extraction = map.filter((j) => j < p.extraction).length;
  return cascadeOf({
    ...p,
    total: N,
    extraction,
    scrub: N - extraction,
    feedStage: index.get(p.feedStage) as number,
    draws: p.draws.map((d) => ({ ...d, stage: index.get(d.stage) as number })),
    drawAqueous: pick(p.drawAqueous),
    drawOrganic: pick(p.drawOrganic),
    aqueousVolume: pick(p.aqueousVolume),
    organicVolume: pick(p.organicVolume),
    models: map.map((j) => p.models[j] as (typeof p.models)[number]),
  });
}

/** One level of the continuation: the problem on a sub-cascade, or undefined when it has no steady state. */
export type LevelProblem = (p: NormalisedCascade) => FactorProblem | undefined;

/** Outcome of {@link solveByContinuation}. */
export interface ContinuationOutcome {
  readonly state: FactorState;
  readonly problem: FactorProblem;
  readonly converged: boolean;
  /** Newton iterations over every level. */
  readonly iterations: number;
  /** Levels solved (1 = the whole cascade directly). */
  readonly levels: number;
}

/**
 * The residual at which an intermediate level is good enough as the start of the next. Long sections at a
 * low Murphree efficiency have a round-off floor of ~1e-7 in their stage residuals at a few hundred stages
 * (measured: 2 species, 500 + 4 stages, E = 0.56: Newton's full steps hold 1.6e-7 at 114 stages), which
 * the next, larger level's Newton then resolves; only the whole cascade must meet the tolerance.
 */
const STEPPING_STONE = 1e-6;

/** Newton iterations of one attempt at a level: one that wanders longer is given a smaller growth instead. */
export const LEVEL_ITERATIONS = 60;

/**
 * Newton iterations of an attempt from a shifted pinch (see shiftedPinches): a front that moved several
 * stages takes longer to settle than a level grown in place (measured on the 10,000-spec fuzz family: 23-94
 * iterations where the guess was right).
 */
const SHIFTED_ITERATIONS = 120;

/**
 * Longest cascade (stages) that is first tried by Newton on the whole cascade from a flat start. Longer
 * ones go to the continuation at once and try that attempt only when the continuation fails, so every
 * cascade either path solved is still solved. Why: each whole-cascade iteration of a long cascade costs
 * more than the continuation's levels up to a quarter of its length together, and the attempt rarely
 * converges there. Measured on the first 2,000 specs of the 10,000-spec fuzz family (scripts/fuzz-steady.ts):
 * it converged for 87 of the 443 solved specs over 300 stages (654 of 812 up to 100 stages) and otherwise
 * failed after 2 iterations and their line searches; skipping it, those 443 solve 1.55× faster in all
 * (timed in pairs, one process), none fails, and the 87 agree with the direct solutions to 5e-13 of each
 * outlet's total; the designed β = 1.05 cut (395 + 399 stages, 11 simulations) is no slower. Skipping it for
 * every cascade made the designs of 46-122 stages 2-3× slower (they converge directly in 4-8 iterations).
 */
const DIRECT_UP_TO = 300;

/** Pseudo-transient iterations of a level (it reaches a stepping stone within ~20 where it helps at all). */
const PTC_ITERATIONS = 30;

/**
 * The work of all levels together, in Newton iterations of the whole cascade (an iteration on a level of
 * n of the N stages counts n/N): at most 3 × `maxIterations`, and at most what WORK_SCALE allows for the
 * cascade's size (an iteration factors N blocks of up to 2c + 1 rows, ~N·(2c + 1)³ operations), but never
 * fewer than WORK_FLOOR. Then the solve fails. It bounds the time of a failing solve: an iteration bound
 * alone let one solve of 600 stages × 17 species at Murphree 0.66 run 292 s. Measured on the 10,000-spec
 * fuzz family (scripts/fuzz-steady.ts): none of 8,177 feasible specs fails (18 before the cancellation-free
 * Murphree species solve and the split equation driven from the start, 8 before the shifted pinches), the
 * slowest solve 26.9 s with others' jobs on the machine (a 17-species, 597-stage spec that failed after
 * 30-46 s before the shifted pinches now solves in 25-30 s). With 200-iteration levels, a quarter of this
 * budget failed 21 where this one failed 12: the difference mostly 10-17 species with 500-stage sections
 * that solve in 5-24 s.
 */
const WORK_BUDGET = 3;
const WORK_SCALE = 4.8e9;
const WORK_FLOOR = 160;

/**
 * Solves the cascade `p` by continuation in stage count. `problemOf` builds the factor problem of a
 * (sub-)cascade. `maxIterations` bounds the Newton iterations of each level; see WORK_BUDGET for all levels.
 */
export function solveByContinuation(
  p: NormalisedCascade,
  problemOf: LevelProblem,
  maxIterations: number,
): ContinuationOutcome {
  const whole = problemOf(p) as FactorProblem;
  let iterations = 0;
  // Newton on the whole cascade first, given up as soon as it is not converging quadratically: designed
  // cascades (near their minimum stage counts) converge in 3-6 iterations this way (Pr/Nd 26 + 26: 4, against
  // 20 through the levels); over-staged ones fail within ~4 iterations (random over-staged family: ~20 % more
  // time in all), and the continuation takes over. Long cascades try it only when the continuation fails
  // (see DIRECT_UP_TO).
  const quick = () => newton(whole, initialState(whole), maxIterations, { abandonSlow: true });
  let direct = p.total <= DIRECT_UP_TO ? quick() : undefined;
  if (direct?.converged)
    return { state: direct.state, problem: whole, converged: true, iterations: direct.iterations, levels: 1 };
  iterations += direct?.iterations ?? 0;
  const blockRows = 2 * p.species.length + 1;
  const budget = Math.min(
    WORK_BUDGET * maxIterations,
    Math.max(WORK_FLOOR, WORK_SCALE / (p.total * blockRows ** 3)),
  );
  let work = direct?.iterations ?? 0;
  // A failure reports a state of the whole cascade (its species balanced, its factors not consistent); a
  // long cascade first tries the direct attempt it skipped.
  const failed = (levels: number): ContinuationOutcome => {
    if (!direct) {
      direct = quick();
      iterations += direct.iterations;
      levels++;
    }
    return { state: direct.state, problem: whole, converged: direct.converged, iterations, levels };
  };
  // A small cascade is its own first level.
  if (p.total <= 16) {
    const small = solveSmall(p, problemOf, maxIterations);
    return {
      state: small.state,
      problem: whole,
      converged: small.converged,
      iterations: small.iterations,
      levels: 1,
    };
  }
  const runs = runsOf(p);
  const target = runs.runLength;
  let lengths = target.map(() => 0);
  let map = stageMap(runs, lengths);
  let problem = problemOf(subCascade(p, map));
  // A smaller cascade can lack a steady state the whole one has (a Murphree efficiency below 1 makes the
  // organic's totals grow along the cascade): start from the smallest one that has.
  while (!problem && lengths.some((l, k) => l < (target[k] as number))) {
    lengths = lengths.map((l, k) => Math.min(target[k] as number, Math.max(1, 2 * l)));
    map = stageMap(runs, lengths);
    problem = problemOf(subCascade(p, map));
  }
  let levels = 1;
  if (!problem) {
    const last = newton(whole, initialState(whole), maxIterations);
    return {
      state: last.state,
      problem: whole,
      converged: last.converged,
      iterations: last.iterations,
      levels: 1,
    };
  }
  let out = solveSmall(subCascade(p, map), problemOf, maxIterations);
  iterations += out.iterations;
  work += (out.iterations * problem.p.total) / p.total;
  // A loading-limited cascade with reflux can have no steady state when cut down to its landmarks (its
  // loaded organic too small for the reflux): start from a larger one.
  while (!out.converged && lengths.some((l, k) => l < (target[k] as number))) {
    lengths = lengths.map((l, k) => Math.min(target[k] as number, Math.max(1, 4 * l)));
    map = stageMap(runs, lengths);
    const bigger = problemOf(subCascade(p, map));
    if (!bigger) continue;
    problem = bigger;
    out = solveSmall(subCascade(p, map), problemOf, maxIterations);
    iterations += out.iterations;
    work += (out.iterations * problem.p.total) / p.total;
  }
  if (!out.converged) return failed(levels);
  let current: FactorProblem = problem;
  let grow = 3; // fraction of each run's length added per level
  while (lengths.some((l, k) => l < (target[k] as number))) {
    // The next size; one without a steady state is skipped by growing further.
    let factor = grow;
    let next = lengths;
    let guess: { map: number[]; u: Float64Array } | undefined;
    let nextProblem: FactorProblem | undefined;
    for (;;) {
      // `| 0` keeps the stage counts small integers to V8 (Math.round's result would make the array one of
      // doubles, and the functions that read stage counts were deoptimised by it in most studies).
      next = lengths.map(
        (l, k) => Math.min(target[k] as number, l + Math.max(1, Math.round(l * factor))) | 0,
      );
      guess = grownGuess(out.state, runs, lengths, next, map, p.feedStage, 'flat');
      const last = next.every((l, k) => l === target[k]);
      nextProblem = problemOf(subCascade(p, guess.map));
      if (nextProblem || last) break;
      factor *= 2;
    }
    if (!nextProblem || !guess || work >= budget) return failed(levels);
    const final = next.every((l, k) => l === target[k]);
    const share = nextProblem.p.total / p.total;
    // What is left of the budget, in iterations of this level.
    const room = () =>
      Math.max(1, Math.min(maxIterations, LEVEL_ITERATIONS, Math.ceil((budget - work) / share)));
    // Books an attempt's work; the attempt when it solves the level (or is a stepping stone to the next).
    const accepted = (attempt: NewtonOutcome): NewtonOutcome | undefined => {
      iterations += attempt.iterations;
      work += attempt.iterations * share;
      return attempt.converged || (!final && attempt.state.residual <= STEPPING_STONE) ? attempt : undefined;
    };
    let solved: NewtonOutcome | undefined;
    for (const where of ['flat', 'feed'] as const) {
      if (where === 'feed') guess = grownGuess(out.state, runs, lengths, next, map, p.feedStage, 'feed');
      if (work >= budget) break;
      levels++;
      const attempt = newton(nextProblem, evaluate(nextProblem, guess.u, out.state.r), room(), {
        finish: true,
      });
      solved = accepted(attempt);
      if (solved) break;
    }
    if (!solved) {
      // Both starts keep the fronts where they were; the level's solution may have jumped: a pinch on one
      // side of a front gone (see shiftedPinches). Newton from the profile with the pinch moved across it.
      for (const u of shiftedPinches(out.state, runs, lengths, p.species.length)) {
        for (const where of ['feed', 'flat'] as const) {
          if (solved || work >= budget) break;
          guess = grownGuess({ ...out.state, u }, runs, lengths, next, map, p.feedStage, where);
          levels++;
          const its = Math.max(
            1,
            Math.min(maxIterations, SHIFTED_ITERATIONS, Math.ceil((budget - work) / share)),
          );
          solved = accepted(
            newton(nextProblem, evaluate(nextProblem, guess.u, out.state.r), its, { finish: true }),
          );
        }
      }
    }
    if (!solved && work < budget) {
      // Newton's line search stalled from both starts: pseudo-transient steps from the flat one.
      guess = grownGuess(out.state, runs, lengths, next, map, p.feedStage, 'flat');
      const start = evaluate(nextProblem, guess.u, out.state.r);
      solved = accepted(pseudoTransient(nextProblem, start, Math.min(room(), PTC_ITERATIONS)));
    }
    if (solved) {
      lengths = next;
      map = guess.map;
      current = nextProblem;
      out = solved;
      // Levels that converge at once (pinched sections: the copies are nearly exact) grow faster.
      // Levels that converge quickly keep growing fourfold; slower ones twofold.
      if (solved.iterations <= 4) grow = Math.min(3, grow * 2);
      else if (solved.iterations <= 8) grow = Math.min(1, grow * 2);
      continue;
    }
    if (next.every((l, k) => l - (lengths[k] as number) <= 1)) return failed(levels);
    if (grow > 1) grow = 1;
    grow /= 4;
  }
  return { state: out.state, problem: current, converged: true, iterations, levels };
}

/**
 * Newton on a small cascade (the continuation's first level); when it stalls, a homotopy from a cascade
 * whose species are all alike (separation factors β^t, loading capacities Q/t for t from 0 to 1: at t = 0
 * the saturated stages split every species alike and the loading-limited ones are linear, so the first
 * solve is immediate), first with the reflux following (t·W), then, when that path fails or its start is
 * infeasible (an organic that carries more than the feed needs its reflux), with the reflux held at W.
 */
function solveSmall(
  q: NormalisedCascade,
  problemOf: LevelProblem,
  maxIterations: number,
): ReturnType<typeof newton> {
  const P = problemOf(q) as FactorProblem;
  const first = newton(P, initialState(P), maxIterations);
  if (first.converged) return first;
  let iterations = first.iterations;
  // The homotopy from β = 1 (every species alike, a uniform cascade) to the real β; the reflux follows t
  // when the cascade without it is feasible (its start is then flat), else it is held (an organic that
  // carries more than the feed needs the reflux from the start).
  for (const withReflux of [true, false]) {
    const path = homotopy(q, problemOf, maxIterations, withReflux);
    iterations += path.iterations;
    if (path.state) {
      const final = newton(P, evaluate(P, path.state.u, path.state.r), maxIterations);
      iterations += final.iterations;
      if (final.converged) return { state: final.state, iterations, converged: true };
    }
  }
  return { state: first.state, iterations, converged: false };
}

/** Follows β^t (and Langmuir capacity / t, and the reflux t·W when `withReflux`) from t = 0 to 1. */
function homotopy(
  q: NormalisedCascade,
  problemOf: LevelProblem,
  maxIterations: number,
  withReflux: boolean,
): { state?: FactorState; iterations: number } {
  const at = (t: number): FactorProblem | undefined => {
    const Q = problemOf(withReflux ? cascadeOf({ ...q, reflux: t * q.reflux }) : q);
    if (!Q) return undefined;
    return factorProblem({
      ...Q,
      kernels: Q.kernels.map((k) =>
        k.kind === 'saturated'
          ? { ...k, kappa: k.kappa.map((b) => b ** t) }
          : k.kind === 'langmuir'
            ? { ...k, capacity: t > 0 ? k.capacity / t : Number.MAX_VALUE }
            : k,
      ),
    });
  };
  const zero = at(0);
  if (!zero) return { iterations: 0 };
  let t = 0;
  const start = newton(zero, initialState(zero), maxIterations);
  let iterations = start.iterations;
  if (!start.converged) return { iterations };
  let state = start.state;
  let dt = 0.25;
  while (t < 1 && dt > 1 / 1024) {
    const next = Math.min(1, t + dt);
    const Q = at(next);
    const attempt = Q ? newton(Q, evaluate(Q, state.u, state.r), maxIterations) : undefined;
    if (attempt) iterations += attempt.iterations;
    if (attempt?.converged) {
      t = next;
      state = attempt.state;
      dt = Math.min(0.5, dt * 2);
    } else dt /= 2;
  }
  return t < 1 ? { iterations } : { state, iterations };
}

/**
 * The grown cascade's stage map and log factors: each run k of `from` stages becomes `to[k]` stages by
 * copying one of its stages (its flattest, or the one nearest the feed).
 */
function grownGuess(
  s: FactorState,
  runs: Runs,
  from: readonly number[],
  to: readonly number[],
  map: readonly number[],
  feedStage: number,
  where: 'flat' | 'feed',
): { map: number[]; u: Float64Array } {
  const u: number[] = [];
  const newMap = stageMap(runs, to);
  let j = 0; // stage of the current (small) cascade
  runs.landmarks.forEach((_, k) => {
    u.push(s.u[j] as number);
    j++;
    if (k >= runs.runStart.length) return;
    const len = from[k] as number;
    const add = (to[k] as number) - len;
    if (len === 0) {
      // An empty run grows from copies of the landmark below it.
      for (let t = 0; t < add; t++) u.push(s.u[j - 1] as number);
      return;
    }
    // Which stage of the run to copy: flattest neighbour step, or the one nearest the feed.
    let pick = 0;
    if (where === 'flat') {
      let best = Number.POSITIVE_INFINITY;
      for (let t = 0; t < len; t++) {
        const a = s.u[j + t] as number;
        const prev = s.u[j + t - 1] as number;
        const next = s.u[j + t + 1] as number;
        const step = Math.min(Math.abs(a - prev), Math.abs(next - a));
        if (step < best) {
          best = step;
          pick = t;
        }
      }
    } else {
      pick = (map[j] as number) > feedStage ? 0 : len - 1;
    }
    for (let t = 0; t < len; t++) {
      u.push(s.u[j + t] as number);
      if (t === pick) for (let q = 0; q < add; q++) u.push(s.u[j + t] as number);
    }
    j += len;
  });
  return { map: newMap, u: Float64Array.from(u) };
}

/** Largest change of a major species' log amount from one stage to the next inside a pinch. */
const PINCH_FLAT = 1e-2;
/** Share of a stage's total from which a species counts as major (traces may change along a pinch). */
const PINCH_MAJOR = 1e-3;
/** Fewest stages of a pinch that {@link shiftedPinches} moves. */
const PINCH_MIN = 3;
/** Most shifted profiles tried at a level (the runs with the longest pinches). */
const SHIFTED_MAX = 2;

/** Whether every major species' amount in `a` (stage-major, c species) changes by less than PINCH_FLAT from stage t to t + 1. */
function flatStep(a: Float64Array, t: number, c: number): boolean {
  let here = 0;
  let there = 0;
  for (let i = 0; i < c; i++) {
    here += a[t * c + i] as number;
    there += a[(t + 1) * c + i] as number;
  }
  for (let i = 0; i < c; i++) {
    const p = a[t * c + i] as number;
    const q = a[(t + 1) * c + i] as number;
    if (!(p >= PINCH_MAJOR * here || q >= PINCH_MAJOR * there)) continue;
    if (!(p > 0 && q > 0) || !(Math.abs(Math.log(q / p)) < PINCH_FLAT)) return false;
  }
  return true;
}

/**
 * Profiles of the state with one run's longest pinch (stages of nearly constant composition) moved to the
 * run's far end, as copies of the stage there: the front next to the pinch shifted across it, whatever its
 * length. One per run with a pinch of at least PINCH_MIN stages, the longest first, at most SHIFTED_MAX.
 *
 * Why: adding a stage can move a front by many stages. A knife-edge split with a pre-loaded organic (2
 * species, 500 + 4 stages, Murphree 0.56; test/sx/steadyFuzz.test.ts) has, with up to 113 stages below
 * the feed, a 50-stage pinch of the raffinate species just above the feed, set where the product's trace
 * of it closes the balance (1e-9 mol/h); at 114 stages the pinch is gone and that trace is 1e-21: the front
 * above the feed moved down ~50 stages, which Newton from the grown profile does not find (nor PTC, whose
 * stepping stone there put the front in the wrong place for every later level). From the shifted profile:
 * 7-9 iterations. Also found in the same family: fronts below the feed moving 6-10 stages at 11-14 stages
 * per section.
 */
function shiftedPinches(s: FactorState, runs: Runs, lengths: readonly number[], c: number): Float64Array[] {
  const found: { start: number; first: number; count: number; len: number }[] = [];
  let j = 0; // stage of the current cascade
  runs.landmarks.forEach((_, k) => {
    j++;
    if (k >= runs.runStart.length) return;
    const len = lengths[k] as number;
    let first = j;
    let count = 0;
    let from = j;
    for (let t = j; t < j + len; t++) {
      if (t + 1 < j + len && flatStep(s.x, t, c) && flatStep(s.y, t, c)) continue;
      if (t + 1 - from > count) {
        count = t + 1 - from;
        first = from;
      }
      from = t + 1;
    }
    if (count >= PINCH_MIN && count < len) found.push({ start: j, first, count, len });
    j += len;
  });
  found.sort((a, b) => b.count - a.count);
  return found.slice(0, SHIFTED_MAX).map(({ start, first, count, len }) => {
    const u = Float64Array.from(s.u);
    const before = first - start;
    const after = start + len - (first + count);
    const rest = [...s.u.subarray(start, first), ...s.u.subarray(first + count, start + len)];
    // The pinch's stages go to the end farther from it, as copies of the stage there.
    const toEnd = before <= after;
    const fill = new Array<number>(count).fill((toEnd ? rest[rest.length - 1] : rest[0]) as number);
    u.set(toEnd ? [...rest, ...fill] : [...fill, ...rest], start);
    return u;
  });
}
