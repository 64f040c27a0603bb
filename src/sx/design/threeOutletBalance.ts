/**
 * The flows of a three-outlet cascade by balance, its smallest organic load and its closed-form stage
 * counts: everything {@link designThreeOutletCascade} knows before it simulates, and what the separation
 * train's screen uses (Underwood's minimum S, Fenske's stage counts).
 *
 * **Flows by balance** (per mol of rare earths fed): the B recovery fixes R = Y_B·f_B/P_B (or the A
 * recovery P = Y_A·f_A/P_A); the middle purity c fixes D from the middle group's balance with both end
 * products just at their purities (their impurities taken from the adjacent middle species); the third flow
 * closes the balance. Sources: ree-data §3.3–3.8 (XU85, ZZS16 via the sheet); Underwood's minimum-flow
 * equations (constant relative volatility, Underwood 1948, recalled).
 */
import { fail } from '../../core/errors.js';
import type { SeparationFactorModel } from '../equilibrium/equilibrium.js';
import { fmt } from './designFlows.js';
import type { Problem } from './threeOutletRequest.js';

/** Outlet loads per mol feed and each species' estimated share of them (impurities from adjacent species). */
export interface Balance {
  readonly R: number;
  readonly D: number;
  readonly P: number;
  readonly product: Readonly<Record<string, number>>;
  readonly draw: Readonly<Record<string, number>>;
  readonly raffinate: Readonly<Record<string, number>>;
}

/** Takes `amount` from `order`'s species in turn, up to what each has; what is left over is returned too. */
function takeInOrder(order: readonly string[], have: Readonly<Record<string, number>>, amount: number) {
  const taken: Record<string, number> = {};
  let left = amount;
  for (const s of order) {
    const x = Math.min(left, have[s] as number);
    taken[s] = x;
    left -= x;
  }
  return { taken, left };
}

/** The outlets with both end products just at their purities and the draw just at the middle purity. */
export function balance(pb: Problem): Balance {
  const { z, groups, target } = pb;
  const sum = (list: readonly string[], r: Readonly<Record<string, number>> = z) =>
    list.reduce((t, s) => t + (r[s] ?? 0), 0);
  const fA = sum(groups.A);
  const fB = sum(groups.B);
  const outlets = (R: number, P: number) => {
    // Product: A at P_A·P (the A lost to the draw taken from the least extractable A species first) plus
    // impurity from M's most extractable species on; the raffinate mirrors it.
    const lostA = takeInOrder([...groups.A].reverse(), z, fA - target.A * P);
    const lostB = takeInOrder(groups.B, z, fB - target.B * R);
    const inP = takeInOrder([...groups.M, ...groups.B], z, (1 - target.A) * P);
    const inR = takeInOrder([...groups.M].reverse().concat([...groups.A].reverse()), z, (1 - target.B) * R);
    const product: Record<string, number> = {};
    const raffinate: Record<string, number> = {};
    const draw: Record<string, number> = {};
    for (const s of pb.species) {
      product[s] =
        (groups.A.includes(s) ? (z[s] as number) - (lostA.taken[s] as number) : 0) + (inP.taken[s] ?? 0);
      raffinate[s] =
        (groups.B.includes(s) ? (z[s] as number) - (lostB.taken[s] as number) : 0) + (inR.taken[s] ?? 0);
      draw[s] = (z[s] as number) - (product[s] as number) - (raffinate[s] as number);
    }
    const short = Math.max(lostA.left, lostB.left, inP.left, inR.left);
    return { product, raffinate, draw, short };
  };
  // D: where the draw holds just the middle purity (bisection; the other end's flow is 1 − fixed − D).
  const fixed =
    pb.recovery.side === 'B' ? (pb.recovery.value * fB) / target.B : (pb.recovery.value * fA) / target.A;
  const at = (D: number) =>
    pb.recovery.side === 'B' ? outlets(fixed, 1 - fixed - D) : outlets(1 - fixed - D, fixed);
  const excess = (D: number) => sum(pb.middle, at(D).draw) - target.M * D;
  let lo = 0;
  let hi = Math.max(0, 1 - fixed);
  const bracketed = excess(lo) > 0 && excess(hi) < 0;
  for (let k = 0; bracketed && k < 200 && hi - lo > 1e-16; k++) {
    const mid = (lo + hi) / 2;
    if (excess(mid) > 0) lo = mid;
    else hi = mid;
  }
  const D = bracketed ? (lo + hi) / 2 : 0;
  const o = at(D);
  const R = pb.recovery.side === 'B' ? fixed : 1 - fixed - D;
  const P = pb.recovery.side === 'A' ? fixed : 1 - fixed - D;
  const negative = pb.species.find((s) => (o.draw[s] as number) < -1e-12);
  const fixedName = pb.recovery.side === 'B' ? 'raffinate' : 'product';
  if (!bracketed) {
    fail(
      'INFEASIBLE',
      `${pb.path}.purity`,
      target,
      `targets the feed can meet: with the ${fixedName} fixed at ${fmt(fixed)} mol per mol feed by the ` +
        `recovery and both ends at their purities, ` +
        (excess(0) > 0
          ? `the middle product is richer than ${fmt(target.M)} at every draw flow, so that purity cannot ` +
            'set the flows (ask for a purer middle product)'
          : `the ends' impurities leave no middle product of purity ${fmt(target.M)}`),
    );
  }
  if (!(R > 0 && P > 0 && D > 0) || o.short > 1e-12 || negative !== undefined) {
    fail(
      'INFEASIBLE',
      `${pb.path}.purity`,
      target,
      `targets the feed can meet: with both ends at their purities and the middle product at ${fmt(target.M)}, ` +
        `the balance gives raffinate ${fmt(R)}, draw ${fmt(D)}, product ${fmt(P)} mol per mol feed` +
        (negative === undefined ? '' : `, and the draw would need a negative amount of ${negative}`),
    );
  }
  // Each end product must lose some of its group to the draw: a draw free of A or B needs infinitely many stages.
  const empty = (['A', 'B'] as const).find((k) => !(sum(groups[k], o.draw) > 0));
  if (empty !== undefined) {
    fail(
      'INFEASIBLE',
      `${pb.path}.recovery`,
      pb.recovery.value,
      `a recovery below the one that leaves the draw with none of group ${empty} (it would need infinitely many stages)`,
    );
  }
  return { R, D, P, product: o.product, draw: o.draw, raffinate: o.raffinate };
}

// ── Closed forms and the minimum organic load ────────────────────────────────────────────────────────────

/** Root θ in (lo, hi) of Σ α_i w_i/(α_i − θ) = 0 (Underwood), or NaN when a key holds none. */
function underwoodRoot(alpha: readonly number[], w: readonly number[], lo: number, hi: number): number {
  const f = (t: number) => alpha.reduce((s, a, i) => s + (a * (w[i] as number)) / (a - t), 0);
  let a = lo;
  let b = hi;
  if (!(f(a + (b - a) * 1e-12) < 0 && f(b - (b - a) * 1e-12) > 0)) return Number.NaN;
  for (let k = 0; k < 200 && b - a > 1e-15 * b; k++) {
    const t = (a + b) / 2;
    if (f(t) > 0) b = t;
    else a = t;
  }
  return (a + b) / 2;
}

/**
 * Smallest S for the targets (infinitely many stages): Underwood's common root at the feed pinch (M/B, on
 * the feed) and at the draw pinch (A/M, on the draw's composition, a liquid side draw), each giving
 * S = Σ α_i d_i/(α_i − θ) over the net upward flows d above the pinch; at least P + D (W > D).
 */
export function minimumLoad(pb: Problem, bal: Balance): number {
  const { groups, species } = pb;
  const last = (l: readonly string[]) => l[l.length - 1] as string;
  let S = bal.P + bal.D;
  for (const m of Object.values(pb.models)) {
    const alpha = species.map((s) => m.beta[s] as number);
    const feedRoot = underwoodRoot(
      alpha,
      species.map((s) => pb.z[s] as number),
      alpha[species.indexOf(groups.B[0] as string)] as number,
      alpha[species.indexOf(last(groups.M))] as number,
    );
    const up = species.map((s) => (bal.product[s] as number) + (bal.draw[s] as number));
    if (Number.isFinite(feedRoot))
      S = Math.max(
        S,
        alpha.reduce((t, a, i) => t + (a * (up[i] as number)) / (a - feedRoot), 0),
      );
  }
  const alpha = species.map((s) => pb.models.scrub.beta[s] as number);
  const drawRoot = underwoodRoot(
    alpha,
    species.map((s) => bal.draw[s] as number),
    alpha[species.indexOf(groups.M[0] as string)] as number,
    alpha[species.indexOf(last(groups.A))] as number,
  );
  if (Number.isFinite(drawRoot))
    S = Math.max(
      S,
      alpha.reduce((t, a, i) => t + (a * (bal.product[species[i] as string] as number)) / (a - drawRoot), 0),
    );
  return S;
}

/** Closed-form stage counts per section at S (Infinity where a section is pinched) and Fenske's limits. */
export interface Estimates {
  readonly extraction: number;
  readonly belowDraw: number;
  readonly aboveDraw: number;
  readonly fenske: { readonly extraction: number; readonly belowDraw: number; readonly aboveDraw: number };
}

export function keyBeta(m: SeparationFactorModel, hi: readonly string[], lo: readonly string[]): number {
  return (m.beta[hi[hi.length - 1] as string] as number) / (m.beta[lo[0] as string] as number);
}

/**
 * Each section as a pseudo-binary with constant mixed extraction ratio (ree-data §3.5): n = ln b/ln(β·E_M)
 * for M/B below the feed, ln a′/ln(β/E′) for M/B between feed and draw, ln a/ln(β/E″) for A/M above the
 * draw, with E_M = S/(W − D + 1), E′ = S/(W − D), E″ = S/W and the purification factors of each section's
 * ends; Fenske's limits are the same with E = 1.
 */
export function estimates(pb: Problem, bal: Balance, S: number): Estimates {
  const { groups } = pb;
  const W = S - bal.P;
  const sum = (list: readonly string[], r: Readonly<Record<string, number>>) =>
    list.reduce((t, s) => t + (r[s] as number), 0);
  const fB = sum(groups.B, pb.z);
  const drawB = sum(groups.B, bal.draw);
  const drawA = sum(groups.A, bal.draw);
  const b = Math.log(pb.target.B / (1 - pb.target.B) / (fB / (1 - fB)));
  const a1 = Math.log((bal.D - drawB) / drawB / ((1 - fB) / fB));
  const a2 = Math.log(pb.target.A / (1 - pb.target.A) / (drawA / (bal.D - drawA)));
  const betaE = keyBeta(pb.models.extraction, groups.M, groups.B);
  const betaS = keyBeta(pb.models.scrub, groups.M, groups.B);
  const betaA = keyBeta(pb.models.scrub, groups.A, groups.M);
  const count = (lnFactor: number, perStage: number) =>
    perStage > 1 ? Math.max(1, lnFactor / Math.log(perStage)) : Number.POSITIVE_INFINITY;
  return {
    extraction: count(b, (betaE * S) / (W - bal.D + 1)),
    belowDraw: count(a1, (betaS * (W - bal.D)) / S),
    aboveDraw: count(a2, (betaA * W) / S),
    fenske: { extraction: count(b, betaE), belowDraw: count(a1, betaS), aboveDraw: count(a2, betaA) },
  };
}

/**
 * S minimising S × the closed forms' total over S in [1.05, 4]·S_min (steps of 0.01·S_min; 1.5·S_min unless
 * a step beats it): where the optimum walk over S starts, and the one S the separation train designs at.
 */
export function closedFormOptimum(pb: Problem, bal: Balance, Smin: number): number {
  const total = (S: number) => {
    const e = estimates(pb, bal, S);
    return S * (e.extraction + e.belowDraw + e.aboveDraw);
  };
  let start = Smin * 1.5;
  for (let f = 1.05; f <= 4; f += 0.01) if (total(Smin * f) < total(start)) start = Smin * f;
  return start;
}

/** An outlet's impurity: the share of the species not in `wanted` (summed directly, no cancellation). */
export function impurity(flows: Readonly<Record<string, number>>, wanted: readonly string[]): number {
  let other = 0;
  let all = 0;
  for (const [s, x] of Object.entries(flows)) {
    all += x;
    if (!wanted.includes(s)) other += x;
  }
  return all > 0 ? other / all : 1;
}
