/**
 * Rare-earth totals of a cascade whose every stage follows the saturated (Xu) model: the organic leaving a
 * stage carries a known total, so every stage's aqueous and organic totals follow from the total balance
 * before any composition is known. They decide feasibility (a stage whose aqueous total would be zero or
 * negative has no steady state: the organic would have to take more than the aqueous brings), fix the
 * reflux's share of the loaded organic, and give the split equation its product total.
 */
import { zeros } from '../../core/scratch.js';
import type { NormalisedCascade } from '../cascadeSpec.js';
import type { StageKernel } from './stageKernels.js';

/** Totals per stage (aqueous and organic outflows, before draws) and of the loaded-organic outlet. */
export interface SaturatedTotals {
  readonly aqueous: Float64Array;
  readonly organic: Float64Array;
  readonly loaded: number;
  /** First stage (0-based) whose aqueous total is not positive, or −1. */
  readonly dryStage: number;
}

/**
 * The totals when every kernel is saturated; undefined otherwise. Organic: Y_j = (1 − E)·O_j + E·S_j with
 * O_j = passUp_{j−1}(1 − e_o)·Y_{j−1} + passDown_{j+1}·e_o·Y_{j+1} (+ fresh organic, organic feed): a
 * tridiagonal system (a recursion without organic entrainment). Aqueous: the balance of each stage,
 * X_j − passUp_{j−1}·e_a·X_{j−1} − passDown_{j+1}(1 − e_a)·X_{j+1} = O_j + sources − Y_j (+ reflux at
 * the top), tridiagonal as well.
 */
export function saturatedTotals(
  p: NormalisedCascade,
  kernels: readonly StageKernel[],
  reflux: number,
): SaturatedTotals | undefined {
  if (!kernels.every((k) => k.kind === 'saturated')) return undefined;
  if (p.murphree < 1 && p.murphreePhase === 'aqueous') return undefined;
  const N = p.total;
  const E = p.murphree;
  const ea = p.entrainAqueous;
  const eo = p.entrainOrganic;
  const sum = (v: Float64Array) => v.reduce((a, b) => a + b, 0);
  const feed = sum(p.feed);
  const organicIn = sum(p.organicIn);
  const scrubIn = sum(p.scrubIn);
  const up = (j: number) => 1 - (p.drawOrganic[j] as number);
  const down = (j: number) => 1 - (p.drawAqueous[j] as number);
  const sub = zeros(N);
  const diag = zeros(N);
  const sup = zeros(N);
  const rhs = zeros(N);
  const organicSource = (j: number) =>
    (j === 0 ? organicIn : 0) + (j === p.feedStage && p.feedPhase === 'organic' ? feed : 0);
  // Y_j − (1−E)·[up_{j−1}(1−e_o) Y_{j−1} + down_{j+1} e_o Y_{j+1}] = E·S_j + (1−E)·organic sources
  for (let j = 0; j < N; j++) {
    diag[j] = 1;
    sub[j] = j > 0 ? -(1 - E) * up(j - 1) * (1 - eo) : 0;
    sup[j] = j < N - 1 ? -(1 - E) * down(j + 1) * eo : 0;
    rhs[j] = E * (kernels[j] as StageKernel).capacity + (1 - E) * organicSource(j);
  }
  const Y = thomas(sub, diag, sup, rhs);
  // The loaded organic: (1 − e_o)·Y_N + e_a·X_N; the reflux returns `reflux` of it with the scrub. With
  // aqueous entrainment the top aqueous depends on X_N: solve for X with the reflux as reflux·(share of
  // the loaded outlet) — the loaded total is (1−e_o)Y_N + e_a X_N and the reflux a fixed amount.
  for (let j = 0; j < N; j++) {
    const organicInflow =
      (j > 0 ? up(j - 1) * (1 - eo) * (Y[j - 1] as number) : 0) +
      (j < N - 1 ? down(j + 1) * eo * (Y[j + 1] as number) : 0) +
      organicSource(j);
    diag[j] = 1;
    sub[j] = j > 0 ? -up(j - 1) * ea : 0;
    sup[j] = j < N - 1 ? -down(j + 1) * (1 - ea) : 0;
    rhs[j] =
      organicInflow -
      (Y[j] as number) +
      (j === p.feedStage && p.feedPhase === 'aqueous' ? feed : 0) +
      (j === N - 1 ? scrubIn + reflux : 0);
  }
  const X = thomas(sub, diag, sup, rhs);
  const entering = organicIn + feed + scrubIn + reflux;
  let dryStage = -1;
  for (let j = 0; j < N; j++) {
    if (!((X[j] as number) > 1e-12 * entering)) {
      dryStage = j;
      break;
    }
  }
  return {
    aqueous: X,
    organic: Y,
    loaded: (1 - eo) * (Y[N - 1] as number) + ea * (X[N - 1] as number),
    dryStage,
  };
}

/** Thomas algorithm for sub_j v_{j−1} + diag_j v_j + sup_j v_{j+1} = rhs_j (diagonally dominant here). */
function thomas(sub: Float64Array, diag: Float64Array, sup: Float64Array, rhs: Float64Array): Float64Array {
  const n = diag.length;
  const cp = zeros(n);
  const dp = zeros(n);
  for (let j = 0; j < n; j++) {
    const m = (diag[j] as number) - (j > 0 ? (sub[j] as number) * (cp[j - 1] as number) : 0);
    cp[j] = (sup[j] as number) / m;
    dp[j] = ((rhs[j] as number) - (j > 0 ? (sub[j] as number) * (dp[j - 1] as number) : 0)) / m;
  }
  const v = zeros(n);
  for (let j = n - 1; j >= 0; j--)
    v[j] = (dp[j] as number) - (j < n - 1 ? (cp[j] as number) * (v[j + 1] as number) : 0);
  return v;
}
