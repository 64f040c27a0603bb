/**
 * The search for the smallest stage counts (n extraction, m scrub) whose verifying simulation meets a
 * design's targets, given a function that scores a trial cascade. Used by `designCascade`.
 *
 * With Xu's flows fixed, the net product is fixed too (S − W = f′_A), so the two purities of a two-component
 * cut are tied by the balance: they are met or missed together, and many (n, m) of the same total meet them
 * (moving a stage between the sections shifts the feed stage). "Smallest" therefore means the smallest total
 * n + m, at the split (feed-stage position) that does best.
 */
import { fail } from '../../core/errors.js';

/** One scored trial: `margin` >= 0 when every target is met (larger is better, −Infinity if unsolved). */
export interface StageTrial<T> {
  readonly margin: number;
  readonly value: T;
}

/** Result of {@link searchStages}. */
export interface StageSearchResult<T> {
  readonly extraction: number;
  readonly scrub: number;
  /** The trial at the returned counts. */
  readonly best: StageTrial<T>;
  /** Trials evaluated (each is one cascade simulation); repeated counts are cached, not re-run. */
  readonly evaluations: number;
  /** Trials whose score was −Infinity (the simulation did not converge), counted among `evaluations`. */
  readonly unsolved: number;
  /** The largest total found not to meet the targets (at its best split), 0 when none was tried. */
  readonly failedTotal: number;
}

/** Limits and starting point of {@link searchStages}. */
export interface StageSearchOptions {
  /** Where to start, e.g. the McCabe–Thiele stepped counts. */
  readonly start: { readonly extraction: number; readonly scrub: number };
  /** Largest counts per section (each >= 1). */
  readonly limits: { readonly extraction: number; readonly scrub: number };
  /** Most trials to evaluate before giving up (NOT_CONVERGED). */
  readonly maxEvaluations: number;
  /** Prefix of error paths. */
  readonly path: string;
  /** Called after every trial with the trials run so far and the limit. */
  readonly onProgress?: (evaluations: number, maxEvaluations: number) => void;
}

interface Point<T> {
  readonly n: number;
  readonly N: number;
  readonly trial: StageTrial<T>;
}

/**
 * Finds the smallest total n + m (n >= 1 extraction, m >= 1 scrub stages) at which some split meets the
 * targets (`evaluate(n, m).margin >= 0`), and the split of that total with the largest margin.
 *
 * **Method.** For a total N the best split is found by a pattern search over n (steps from ~N/32 halved
 * down to 1; the margin is assumed unimodal in the feed-stage position). Totals are searched from the start:
 * up in steps extrapolated from the margin gained per stage (at most doubling) until a total meets, down
 * in doubling steps until one fails, then by the secant of the margin (bisection when that is slow). Finally, while (n − 1, m) or (n, m − 1) meets, it
 * moves there. **Guarantee:** the returned counts meet the targets and no single-section decrement does;
 * under the unimodality and monotonicity assumptions no cascade with fewer stages does.
 *
 * @throws ReesimError INFEASIBLE when no total up to the limits meets the targets, or when the margin
 *   stops growing with stages (a pinch) or grows too slowly to reach them within the limits (the message
 *   gives the estimate); NOT_CONVERGED when every split tried at some total was unsolved, or after
 *   `maxEvaluations` trials
 * @example
 * ```ts
 * // A toy score: met when n >= 10 and m >= 5.
 * const r = searchStages((n, m) => ({ margin: Math.min(n - 10, m - 5), value: null }), {
 *   start: { extraction: 20, scrub: 20 },
 *   limits: { extraction: 100, scrub: 100 },
 *   maxEvaluations: 200,
 *   path: 'toy',
 * });
 * r.extraction; // 10
 * r.scrub; // 5
 * ```
 */
export function searchStages<T>(
  evaluate: (extraction: number, scrub: number) => StageTrial<T>,
  options: StageSearchOptions,
): StageSearchResult<T> {
  const { limits, path, maxEvaluations } = options;
  const maxTotal = limits.extraction + limits.scrub;
  const cache = new Map<string, StageTrial<T>>();
  let unsolved = 0;

  const trialAt = (n: number, m: number): StageTrial<T> => {
    const key = `${n},${m}`;
    const hit = cache.get(key);
    if (hit) return hit;
    if (cache.size >= maxEvaluations) {
      fail(
        'NOT_CONVERGED',
        `${path}.maxSimulations`,
        maxEvaluations,
        `enough simulations to find the smallest stage counts (the search was at ${n} + ${m} stages)`,
      );
    }
    const t = evaluate(n, m);
    if (t.margin === Number.NEGATIVE_INFINITY) unsolved++;
    cache.set(key, t);
    options.onProgress?.(cache.size, maxEvaluations);
    return t;
  };

  /**
   * Best split of N stages by a pattern search from the split `ratio` (n/N): steps of h (from about N/32,
   * or 2 once a total has been searched) either way while the margin grows, h doubled after a gain and
   * halved when neither side gains, down to one stage; unless `full`, it stops at the first split that
   * meets the targets, or once the split is bracketed and the parabola through the bracket says the rest
   * of the search cannot gain half of what is missing (enough to classify N). A unimodal margin takes
   * O(log N) trials.
   */
  let searched = false; // after the first total the best ratio is known closely: small first steps
  const bestSplit = (N: number, ratio: number, full = false): Point<T> => {
    const lo = Math.max(1, N - limits.scrub);
    const hi = Math.min(limits.extraction, N - 1);
    let n = Math.min(hi, Math.max(lo, Math.round(N * ratio)));
    let t = trialAt(n, N - n);
    const done = () => !full && t.margin >= 0;
    let dir = 1;
    const first = searched ? Math.min(2, N / 32) : N / 32;
    searched = true;
    for (let h = Math.max(1, 2 ** Math.floor(Math.log2(first))); h >= 1 && !done(); ) {
      let moved = false;
      const side: number[] = [];
      for (const d of [dir, -dir]) {
        const k = n + d * h;
        if (k < lo || k > hi) continue;
        const u = trialAt(k, N - k);
        side.push(u.margin);
        if (u.margin > t.margin) {
          n = k;
          t = u;
          dir = d;
          moved = true;
          break;
        }
      }
      // Grow the step while moves succeed (the start may be far off), shrink it when neither side gains.
      h = moved ? Math.min(2 * h, Math.max(1, 2 ** Math.floor(Math.log2(N / 8)))) : h / 2;
      // Bracketed (neither side gains): the parabola through the three margins bounds what the rest of the
      // search can gain; a total that would still miss by twice that is classified without it.
      if (!full && !moved && side.length === 2 && t.margin < 0) {
        const [a, c] = side as [number, number];
        const curvature = 2 * t.margin - a - c;
        const gain = curvature > 0 ? (a - c) ** 2 / (8 * curvature) : 0;
        if (t.margin + 2 * gain < 0) break;
      }
    }
    if (t.margin === Number.NEGATIVE_INFINITY) {
      fail(
        'NOT_CONVERGED',
        path,
        N,
        `stage counts whose simulation converges (none tried at ${N} stages did)`,
      );
    }
    return { n, N, trial: t };
  };

  const startTotal = Math.min(maxTotal, Math.max(2, options.start.extraction + options.start.scrub));
  let ratio = options.start.extraction / (options.start.extraction + options.start.scrub);
  let pass: Point<T> | undefined;
  let failed: Point<T> | undefined;
  let previousFailed: Point<T> | undefined;
  let previousPass: Point<T> | undefined;
  const classify = (p: Point<T>): void => {
    if (p.trial.margin >= 0) {
      if (!pass || p.N < pass.N) {
        previousPass = pass;
        pass = p;
      }
    } else if (!failed || p.N > failed.N) {
      previousFailed = failed;
      failed = p;
    }
    // A failing total was searched to its best split; a passing one only to its first passing split.
    if (p.trial.margin < 0) ratio = p.n / p.N;
  };
  classify(bestSplit(startTotal, ratio));

  // Up: extrapolate the margin per stage from the last two failures (at most doubling each step).
  while (!pass) {
    const f = failed as Point<T>;
    if (f.N >= maxTotal) {
      fail(
        'INFEASIBLE',
        `${path}.maxStages`,
        limits,
        `limits that leave room for the targets: ${limits.extraction} + ${limits.scrub} stages miss them`,
      );
    }
    let step = Math.max(1, Math.ceil(0.05 * f.N));
    if (previousFailed) {
      const slope = (f.trial.margin - previousFailed.trial.margin) / (f.N - previousFailed.N);
      const need = slope > 0 ? f.N - f.trial.margin / slope : Number.POSITIVE_INFINITY;
      if (!(need <= maxTotal)) {
        fail(
          'INFEASIBLE',
          `${path}.purity`,
          f.trial.margin,
          `targets these flows can reach within ${limits.extraction} + ${limits.scrub} stages: from ` +
            `${previousFailed.N} to ${f.N} stages the margin (ln of impurity allowed / impurity reached) went ` +
            `from ${previousFailed.trial.margin.toPrecision(3)} to ${f.trial.margin.toPrecision(3)}, ` +
            (slope > 0 ? `which extrapolates to ~${Math.ceil(need)} stages` : 'no progress (a pinch)'),
        );
      }
      step = Math.ceil(need - f.N + 1);
    }
    classify(bestSplit(Math.min(maxTotal, f.N + Math.min(Math.max(1, step), f.N)), ratio));
  }
  // Down (only when the start met the targets) until a total fails, or 2 stages: one stage, then to where
  // the margin per stage extrapolates to zero (at most halving), else doubling steps.
  for (let step = 1; !failed && pass.N > 2; step *= 2) {
    let next = pass.N - step;
    if (previousPass) {
      const slope = (previousPass.trial.margin - pass.trial.margin) / (previousPass.N - pass.N);
      if (slope > 0) next = Math.floor(pass.N - pass.trial.margin / slope);
    }
    next = Math.min(pass.N - 1, Math.max(2, Math.ceil(pass.N / 2), next));
    classify(bestSplit(next, ratio));
  }
  // Between the largest failing and the smallest passing total: the margin is nearly linear in the total,
  // so the next total is where the line through the two crosses zero (a little above, so that it passes),
  // with a bisection whenever the last step did not halve the bracket.
  let width = Number.POSITIVE_INFINITY;
  while (failed && pass.N - failed.N > 1) {
    const f = failed as Point<T>;
    const gap = pass.N - f.N;
    let next = Math.floor((pass.N + f.N) / 2);
    if (gap <= width / 2) {
      const slope = (pass.trial.margin - f.trial.margin) / gap;
      if (slope > 0) next = Math.ceil(f.N - f.trial.margin / slope);
    }
    width = gap;
    classify(bestSplit(Math.min(pass.N - 1, Math.max(f.N + 1, next)), ratio));
  }
  // One stage fewer searched to its best split (its classification may have stopped early), and lower
  // while that passes.
  while (pass.N > 2) {
    const below = bestSplit(pass.N - 1, ratio, true);
    if (below.trial.margin < 0) {
      failed = below;
      break;
    }
    pass = below;
  }
  // The best split of the smallest total, then the guarantee: no single-section decrement meets the targets.
  let { n, N, trial } = bestSplit(pass.N, failed ? ratio : pass.n / pass.N, true);
  for (let moved = true; moved; ) {
    moved = false;
    for (const [dn, dm] of [
      [-1, 0],
      [0, -1],
    ] as const) {
      const k = n + dn;
      const j = N - n + dm;
      if (k < 1 || j < 1) continue;
      const u = trialAt(k, j);
      if (u.margin >= 0) {
        n = k;
        N = k + j;
        trial = u;
        moved = true;
        break;
      }
    }
  }
  return {
    extraction: n,
    scrub: N - n,
    best: trial,
    evaluations: cache.size,
    unsolved,
    failedTotal: failed ? failed.N : 0,
  };
}
