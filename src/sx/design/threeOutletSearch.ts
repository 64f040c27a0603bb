/**
 * The stage search of a three-outlet cascade at one organic load S, and the designs over S: the smallest
 * total n + m over the feed stage n and the draw stage I whose stage-wise simulation (all species, the
 * aqueous side draw) meets the targets ({@link designThreeOutletCascade} describes the method and its
 * guarantee).
 */
import { fail } from '../../core/errors.js';
import { type CascadeResult, simulateCascade } from '../steady/simulateCascade.js';
import { fmt } from './designFlows.js';
import {
  type Balance,
  closedFormOptimum,
  type Estimates,
  estimates,
  impurity,
} from './threeOutletBalance.js';
import type { Problem } from './threeOutletRequest.js';

/** Called after each new simulation of the search (the caller counts them). */
export type OnSimulation = () => void;

export interface Trial {
  readonly margin: number;
  readonly result: CascadeResult;
}

/** A point (n, I, N) of the search with its trial. */
export interface Point {
  readonly n: number;
  readonly I: number;
  readonly N: number;
  readonly trial: Trial;
}

export interface Found {
  readonly best: Point;
  /** Feed stages that meet the targets at the design's total and draw stage. */
  readonly feedStages: readonly [number, number];
  readonly failedTotal: number;
  readonly window: readonly [number, number];
  readonly simulations: number;
  readonly unsolved: number;
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
function search(pb: Problem, bal: Balance, S: number, seed: Estimates, onSimulation?: OnSimulation): Found {
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
    onSimulation?.();
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

/** The design at one S: its smallest verified layout and the closed forms that seeded the search. */
export interface AtLoad {
  readonly S: number;
  readonly found: Found;
  readonly seed: Estimates;
}

/** Designs at one S: INFEASIBLE at or below S_min (with Fenske's limit), else the search from the closed forms. */
export function designAt(
  pb: Problem,
  bal: Balance,
  S: number,
  Smin: number,
  onSimulation?: OnSimulation,
): AtLoad {
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
  return { S, found: search(pb, bal, S, seed, onSimulation), seed };
}

/** S·(n + m) of a design. */
export const holdup = (d: AtLoad) => d.S * d.found.best.N;

/**
 * Walks S from the closed forms' optimum in steps of S_min/10, up then down, each way until S·(n + m) has
 * failed twice running to improve on the best (the verified curve is saw-toothed: n + m is an integer).
 */
export function optimumWalk(pb: Problem, bal: Balance, Smin: number, onSimulation?: OnSimulation): AtLoad[] {
  const start = closedFormOptimum(pb, bal, Smin);
  const round = (S: number) => Number(S.toPrecision(3));
  const h = Smin / 10;
  const done = new Map<number, AtLoad>();
  const at = (S: number) => {
    const s = round(S);
    let d = done.get(s);
    if (!d) {
      d = designAt(pb, bal, s, Smin, onSimulation);
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
