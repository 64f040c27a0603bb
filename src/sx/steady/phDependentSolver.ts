/**
 * Steady state of a counter-current cascade under the pH-dependent model ({@link phDependent}): Newton's
 * method on all stage equations at once, with an analytic block-tridiagonal Jacobian.
 *
 * Unknowns per stage j (n = 2m + 2, or 2m + 4 with bisulfate; m metals): the aqueous and organic amounts of
 * each metal leaving the stage (x_i, y_i), the free H+ (aqueous), the free extractant E (organic), and
 * HSO4−, SO4²− (aqueous). A species that stays in one phase has no unknown in the other (its amount there
 * is reported as 0). With A_in, O_in what the stage receives (aqueous from stage j+1 or the scrub, organic
 * from stage j−1 or the barren organic, plus the feed), V_A, V_O the volume flows and ν_i the protons per
 * ion, the equations are
 *
 *   metal balance        x_i,in + y_i,in − x_i − y_i = 0
 *   metal equilibrium    y_i − (1−E)·y_i,in − E·D_i(pH, dosage)·(V_O/V_A)·x_i = 0   (E: organic Murphree)
 *   proton balance       (H + HSO4)_in − (H + HSO4) + Σ ν_i (y_i − y_i,in) = 0
 *   extractant balance   E_in − E − Σ ν_i (y_i − y_i,in) = 0
 *   sulfate balance      (HSO4 + SO4)_in − (HSO4 + SO4) = 0
 *   bisulfate            HSO4 − H·SO4 / (Ka·V_A) = 0
 *
 * Each equation is scaled by what enters the cascade of its quantity. The Jacobian's blocks couple a
 * stage to its neighbours through the inflows only; the block Thomas sweep costs O(N·n³) per iteration.
 * The start is the acid and extractant that enter, with no extraction; a backtracking line search on
 * ½‖R/scale‖² guards each step and an amount the step would make negative is cut to a tenth instead, so
 * every amount (and the pH's H+ and the dosage's E) stays positive.
 */
import { fail } from '../../core/errors.js';
import type { NormalisedCascade } from '../cascadeSpec.js';
import type { PhDependentModel, PhMetal } from '../equilibrium/phDependent.js';
import { luFactor, luSolve } from './dense.js';
import type { SteadySolution } from './steadySolution.js';

/** The cascade's layout for this model: which species play which role, and the scales of the equations. */
interface Layout {
  readonly c: number;
  readonly N: number;
  /** Species index of each metal, and its parameters per stage ([stage][metal]). */
  readonly metalIdx: readonly number[];
  readonly metals: readonly (readonly PhMetal[])[];
  readonly nu: Float64Array;
  readonly h: number;
  readonly e: number;
  /** Species indices of HSO4− and SO4²−, or −1 without the bisulfate equilibrium. */
  readonly hso4: number;
  readonly so4: number;
  /** Unknowns per stage. */
  readonly n: number;
  /** Ka (mol/L) per stage, dosage per mol/h of free extractant per stage (100·M / (density·V_O)). */
  readonly ka: Float64Array;
  readonly dosagePerE: Float64Array;
  /** Scale of each equation row. */
  readonly scale: Float64Array;
  /** Aqueous and organic inflow from outside the cascade to each stage (species vectors, stage-major). */
  readonly aqIn: Float64Array;
  readonly orgIn: Float64Array;
}

const LN10 = Math.LN10;

function phModel(p: NormalisedCascade, j: number): PhDependentModel {
  const m = p.models[j];
  if (m?.kind !== 'phDependent')
    fail(
      'NOT_SUPPORTED',
      'cascade.equilibrium',
      m?.kind,
      'phDependent in every section (no mixing of models)',
    );
  return m;
}

/** Checks the cascade's streams against the model's phases and builds the layout. */
function layout(p: NormalisedCascade): Layout {
  const c = p.species.length;
  const N = p.total;
  const first = phModel(p, 0);
  for (let j = 1; j < N; j++) {
    const m = phModel(p, j);
    if (
      m.proton !== first.proton ||
      m.extractant.species !== first.extractant.species ||
      m.bisulfate?.hso4 !== first.bisulfate?.hso4 ||
      m.bisulfate?.so4 !== first.bisulfate?.so4
    ) {
      fail(
        'NOT_SUPPORTED',
        'cascade.equilibrium.scrub',
        'phDependent',
        'the same proton, extractant and bisulfate species in both sections',
      );
    }
  }
  const index = (s: string) => p.species.indexOf(s);
  const h = index(first.proton);
  const e = index(first.extractant.species);
  if (h < 0)
    fail(
      'MISSING',
      `cascade.feed.flows.${first.proton}`,
      undefined,
      `${first.proton} listed in the feed (it sets the pH)`,
    );
  if (e < 0)
    fail(
      'MISSING',
      `cascade.organic.flows.${first.extractant.species}`,
      undefined,
      `the free extractant ${first.extractant.species} entering with the organic`,
    );
  let hso4 = -1;
  let so4 = -1;
  if (first.bisulfate) {
    hso4 = index(first.bisulfate.hso4);
    so4 = index(first.bisulfate.so4);
    if (hso4 < 0 !== so4 < 0) {
      const absent = hso4 < 0 ? first.bisulfate.hso4 : first.bisulfate.so4;
      fail(
        'MISSING',
        `cascade.feed.flows.${absent}`,
        undefined,
        `${absent} listed in the feed (0 allowed) with its partner`,
      );
    }
  }
  const aqueousOnly = [h, hso4, so4].filter((i) => i >= 0);
  const special = new Set([h, e, hso4, so4]);
  // Outside inflows per stage and phase.
  const aqIn = new Float64Array(N * c);
  const orgIn = new Float64Array(N * c);
  for (let i = 0; i < c; i++) {
    aqIn[(N - 1) * c + i] = p.scrubIn[i] as number;
    orgIn[i] = p.organicIn[i] as number;
  }
  const feedTo = p.feedPhase === 'aqueous' ? aqIn : orgIn;
  for (let i = 0; i < c; i++)
    feedTo[p.feedStage * c + i] = (feedTo[p.feedStage * c + i] as number) + (p.feed[i] as number);
  const organicPath = p.feedPhase === 'organic' ? 'cascade.feed.flows' : 'cascade.organic.flows';
  const aqueousPath = p.feedPhase === 'aqueous' ? 'cascade.feed.flows' : 'cascade.scrub.flows';
  for (const i of aqueousOnly) {
    const inOrganic = (p.organicIn[i] as number) + (p.feedPhase === 'organic' ? (p.feed[i] as number) : 0);
    if (inOrganic > 0)
      fail(
        'NOT_SUPPORTED',
        `${organicPath}.${p.species[i]}`,
        inOrganic,
        'no aqueous-only species in the organic',
      );
  }
  const eAqueous = (p.scrubIn[e] as number) + (p.feedPhase === 'aqueous' ? (p.feed[e] as number) : 0);
  if (eAqueous > 0)
    fail('NOT_SUPPORTED', `${aqueousPath}.${p.species[e]}`, eAqueous, 'no free extractant in the aqueous');
  let acid = 0;
  let extractant = 0;
  for (let j = 0; j < N; j++) {
    acid += (aqIn[j * c + h] as number) + (hso4 >= 0 ? (aqIn[j * c + hso4] as number) : 0);
    extractant += orgIn[j * c + e] as number;
  }
  if (!(acid > 0))
    fail('INFEASIBLE', `cascade.feed.flows.${first.proton}`, 0, 'an acid aqueous (H+ or HSO4- entering > 0)');
  if (!(extractant > 0))
    fail(
      'INFEASIBLE',
      `cascade.organic.flows.${first.extractant.species}`,
      0,
      'free extractant entering > 0',
    );
  let sulfate = 0;
  if (hso4 >= 0)
    for (let j = 0; j < N; j++) sulfate += (aqIn[j * c + hso4] as number) + (aqIn[j * c + so4] as number);
  if (!(sulfate > 0)) {
    // No sulfate enters: no bisulfate equilibrium to solve (HSO4− and SO4²− stay 0).
    hso4 = -1;
    so4 = -1;
  }
  const metalIdx: number[] = [];
  for (let i = 0; i < c; i++) if (!special.has(i)) metalIdx.push(i);
  const metals = Array.from({ length: N }, (_, j) =>
    metalIdx.map((i) => phModel(p, j).metals[p.species[i] as string] as PhMetal),
  );
  const nu = Float64Array.from(metalIdx, (i) => first.metals[p.species[i] as string]?.protons ?? 0);
  for (let j = 1; j < N; j++) {
    metals[j]?.forEach((mt, k) => {
      if (mt.protons !== nu[k])
        fail(
          'NOT_SUPPORTED',
          `cascade.equilibrium.scrub.metals.${p.species[metalIdx[k] as number]}.protons`,
          mt.protons,
          'the same protons in both sections',
        );
    });
  }
  const m = metalIdx.length;
  const bis = hso4 >= 0;
  const n = 2 * m + (bis ? 4 : 2);
  const ka = Float64Array.from({ length: N }, (_, j) => {
    const b = phModel(p, j).bisulfate;
    return b ? 10 ** -b.pKa : 0;
  });
  const dosagePerE = Float64Array.from({ length: N }, (_, j) => {
    const x = phModel(p, j).extractant;
    return (100 * x.molarMass) / (x.density * (p.organicVolume[j] as number));
  });
  const dosageIn = (p.organicIn[e] as number) * (dosagePerE[0] as number);
  if (dosageIn > 100)
    fail(
      'INFEASIBLE',
      `cascade.organic.flows.${p.species[e]}`,
      p.organicIn[e],
      `a free-extractant dosage of at most 100 % v/v (this is ${dosageIn.toPrecision(3)} %)`,
    );
  // Scales: what enters the cascade of each conserved quantity (floored).
  const totalIn = (i: number) =>
    (p.feed[i] as number) + (p.organicIn[i] as number) + (p.scrubIn[i] as number);
  const scale = new Float64Array(n);
  let metalTotal = 0;
  for (const i of metalIdx) metalTotal += totalIn(i);
  let boundProtons = 0;
  metalIdx.forEach((i, k) => {
    const s = Math.max(totalIn(i), 1e-12 * metalTotal, 1e-300);
    scale[k] = s;
    scale[m + k] = s;
    boundProtons += (nu[k] as number) * totalIn(i);
  });
  scale[2 * m] = acid + boundProtons;
  scale[2 * m + 1] = extractant;
  if (bis) {
    scale[2 * m + 2] = sulfate;
    scale[2 * m + 3] = sulfate;
  }
  return { c, N, metalIdx, metals, nu, h, e, hso4, so4, n, ka, dosagePerE, scale, aqIn, orgIn };
}

/** ln D of a metal and its derivatives with respect to the stage's H+ and free-extractant amounts. */
function logD(mt: PhMetal, H: number, E: number, Va: number, perE: number, out: Float64Array): void {
  if ('D' in mt) {
    out[0] = mt.D > 0 ? Math.log(mt.D) : Number.NEGATIVE_INFINITY;
    out[1] = 0;
    out[2] = 0;
    return;
  }
  const pH = -Math.log10(H / Va);
  const d = perE * E;
  const slope = mt.m0 + mt.m1 * d;
  const log10D = slope * pH + mt.B0 + mt.B1 * Math.log10(d);
  // Bounded so that wild trial steps give large, finite numbers (the line search rejects them).
  out[0] = LN10 * Math.min(250, Math.max(-250, log10D));
  out[1] = -slope / H; // ∂lnD/∂H: pH = −log10(H/V_A)
  out[2] = LN10 * mt.m1 * perE * pH + mt.B1 / E; // ∂lnD/∂E
}

/** Stage-major unknowns z (n per stage) → residuals R; returns the largest scaled residual and the merit. */
function residuals(
  p: NormalisedCascade,
  L: Layout,
  z: Float64Array,
  r: Float64Array,
  tmp: Float64Array,
): { max: number; merit: number } {
  const { N, n, c, nu, metalIdx } = L;
  const m = metalIdx.length;
  const bis = L.hso4 >= 0;
  const em = p.murphree;
  let max = 0;
  let merit = 0;
  for (let j = 0; j < N; j++) {
    const o = j * n;
    const up = j + 1 < N ? (j + 1) * n : -1;
    const down = j > 0 ? (j - 1) * n : -1;
    const H = z[o + 2 * m] as number;
    const E = z[o + 2 * m + 1] as number;
    const Va = p.aqueousVolume[j] as number;
    const ratio = (p.organicVolume[j] as number) / Va;
    let released = 0;
    for (let k = 0; k < m; k++) {
      const i = metalIdx[k] as number;
      const xIn = (up >= 0 ? (z[up + k] as number) : 0) + (L.aqIn[j * c + i] as number);
      const yIn = (down >= 0 ? (z[down + m + k] as number) : 0) + (L.orgIn[j * c + i] as number);
      const x = z[o + k] as number;
      const y = z[o + m + k] as number;
      logD((L.metals[j] as PhMetal[])[k] as PhMetal, H, E, Va, L.dosagePerE[j] as number, tmp);
      const eps = Math.exp(tmp[0] as number) * ratio;
      r[o + k] = xIn + yIn - x - y;
      r[o + m + k] = y - (1 - em) * yIn - em * eps * x;
      released += (nu[k] as number) * (y - yIn);
    }
    const hIn = (up >= 0 ? (z[up + 2 * m] as number) : 0) + (L.aqIn[j * c + L.h] as number);
    const eIn = (down >= 0 ? (z[down + 2 * m + 1] as number) : 0) + (L.orgIn[j * c + L.e] as number);
    if (bis) {
      const bIn = (up >= 0 ? (z[up + 2 * m + 2] as number) : 0) + (L.aqIn[j * c + L.hso4] as number);
      const sIn = (up >= 0 ? (z[up + 2 * m + 3] as number) : 0) + (L.aqIn[j * c + L.so4] as number);
      const B = z[o + 2 * m + 2] as number;
      const S = z[o + 2 * m + 3] as number;
      r[o + 2 * m] = hIn + bIn - H - B + released;
      r[o + 2 * m + 2] = bIn + sIn - B - S;
      r[o + 2 * m + 3] = B - (H * S) / ((L.ka[j] as number) * Va);
    } else {
      r[o + 2 * m] = hIn - H + released;
    }
    r[o + 2 * m + 1] = eIn - E - released;
    for (let q = 0; q < n; q++) {
      const s = (r[o + q] as number) / (L.scale[q] as number);
      max = Math.max(max, Math.abs(s));
      merit += 0.5 * s * s;
    }
  }
  return { max: Number.isNaN(max) ? Number.POSITIVE_INFINITY : max, merit };
}

/** Free H+ of an aqueous holding `P` = H + HSO4 and `T` = HSO4 + SO4 (mol/h) at Ka·V_A = `kv`. */
function freeProton(P: number, T: number, kv: number): number {
  if (!(T > 0)) return P;
  // HSO4 = b: (P − b)(T − b) = kv·b → b² − (P + T + kv) b + P T = 0, smaller root.
  const s = P + T + kv;
  const b = (2 * P * T) / (s + Math.sqrt(Math.max(0, s * s - 4 * P * T)));
  return P - b;
}

/** Starting point: the acid and extractant that reach each stage with no extraction; metals at their inflows. */
function initial(p: NormalisedCascade, L: Layout): Float64Array {
  const { N, n, c, metalIdx } = L;
  const m = metalIdx.length;
  const bis = L.hso4 >= 0;
  const z = new Float64Array(N * n);
  let P = 0;
  let T = 0;
  let metalsAbove = new Float64Array(m);
  for (let j = N - 1; j >= 0; j--) {
    P += (L.aqIn[j * c + L.h] as number) + (bis ? (L.aqIn[j * c + L.hso4] as number) : 0);
    if (bis) T += (L.aqIn[j * c + L.hso4] as number) + (L.aqIn[j * c + L.so4] as number);
    const o = j * n;
    const H = bis ? freeProton(P, T, (L.ka[j] as number) * (p.aqueousVolume[j] as number)) : P;
    z[o + 2 * m] = Math.max(H, 1e-6 * P);
    if (bis) {
      const B = P - (z[o + 2 * m] as number);
      z[o + 2 * m + 2] = Math.max(B, 1e-12 * T);
      z[o + 2 * m + 3] = Math.max(T - B, 1e-12 * T);
    }
    metalsAbove = metalsAbove.map((v, k) => v + (L.aqIn[j * c + (metalIdx[k] as number)] as number));
    for (let k = 0; k < m; k++) z[o + k] = metalsAbove[k] as number;
  }
  let E = 0;
  const yBelow = new Float64Array(m);
  for (let j = 0; j < N; j++) {
    E += L.orgIn[j * c + L.e] as number;
    z[j * n + 2 * m + 1] = E;
    for (let k = 0; k < m; k++) {
      yBelow[k] = (yBelow[k] as number) + (L.orgIn[j * c + (metalIdx[k] as number)] as number);
      z[j * n + m + k] = yBelow[k] as number;
    }
  }
  // Floors keep every unknown positive (the line search cuts steps to a tenth, never to zero).
  const floor = new Float64Array(n);
  for (let q = 0; q < n; q++) floor[q] = 1e-30 * (L.scale[q] as number);
  for (let j = 0; j < N; j++) {
    for (let q = 0; q < n; q++) z[j * n + q] = Math.max(z[j * n + q] as number, floor[q] as number);
  }
  return z;
}

/** Fills the stage's own block B (n×n) and its coupling blocks A (to stage j−1) and C (to stage j+1). */
function blocks(
  p: NormalisedCascade,
  L: Layout,
  z: Float64Array,
  j: number,
  A: Float64Array,
  B: Float64Array,
  C: Float64Array,
  tmp: Float64Array,
): void {
  const { n, metalIdx, nu } = L;
  const m = metalIdx.length;
  const bis = L.hso4 >= 0;
  const em = p.murphree;
  const o = j * n;
  const H = z[o + 2 * m] as number;
  const E = z[o + 2 * m + 1] as number;
  const Va = p.aqueousVolume[j] as number;
  const ratio = (p.organicVolume[j] as number) / Va;
  A.fill(0);
  B.fill(0);
  C.fill(0);
  const rowH = 2 * m;
  const rowE = 2 * m + 1;
  const colH = 2 * m;
  const colE = 2 * m + 1;
  for (let k = 0; k < m; k++) {
    logD((L.metals[j] as PhMetal[])[k] as PhMetal, H, E, Va, L.dosagePerE[j] as number, tmp);
    const eps = Math.exp(tmp[0] as number) * ratio;
    const x = z[o + k] as number;
    const v = nu[k] as number;
    // metal balance
    B[k * n + k] = -1;
    B[k * n + m + k] = -1;
    A[k * n + m + k] = 1;
    C[k * n + k] = 1;
    // metal equilibrium
    const eq = (m + k) * n;
    B[eq + m + k] = 1;
    B[eq + k] = -em * eps;
    B[eq + colH] = -em * eps * x * (tmp[1] as number);
    B[eq + colE] = -em * eps * x * (tmp[2] as number);
    A[eq + m + k] = -(1 - em);
    // proton and extractant balances: ± ν (y − y_in)
    B[rowH * n + m + k] = v;
    A[rowH * n + m + k] = -v;
    B[rowE * n + m + k] = -v;
    A[rowE * n + m + k] = v;
  }
  B[rowH * n + colH] = -1;
  C[rowH * n + colH] = 1;
  B[rowE * n + colE] = -1;
  A[rowE * n + colE] = 1;
  if (bis) {
    const colB = 2 * m + 2;
    const colS = 2 * m + 3;
    B[rowH * n + colB] = -1;
    C[rowH * n + colB] = 1;
    const rowS = 2 * m + 2;
    B[rowS * n + colB] = -1;
    B[rowS * n + colS] = -1;
    C[rowS * n + colB] = 1;
    C[rowS * n + colS] = 1;
    const rowK = (2 * m + 3) * n;
    const kv = (L.ka[j] as number) * Va;
    B[rowK + colB] = 1;
    B[rowK + colH] = -(z[o + colS] as number) / kv;
    B[rowK + colS] = -H / kv;
  }
}

/** Newton's method from `z` (updated in place) on the layout's equations. */
function newton(
  p: NormalisedCascade,
  L: Layout,
  z: Float64Array,
  maxIterations: number,
): { iterations: number; residual: number; converged: boolean } {
  const { N, n } = L;
  const r = new Float64Array(N * n);
  const tmp = new Float64Array(3);
  const A = new Float64Array(n * n);
  const B = new Float64Array(n * n);
  const C = new Float64Array(n * n);
  const piv = new Int32Array(n);
  const W = new Float64Array(N * n * (n + 1)); // B'^{-1}[C | r'] per stage
  const dz = new Float64Array(N * n);
  const zTry = new Float64Array(N * n);
  const rTry = new Float64Array(N * n);
  const aw = new Float64Array(n * (n + 1));
  const w = n + 1;

  let norms = residuals(p, L, z, r, tmp);
  let iterations = 0;
  let converged = norms.max <= p.tolerance;
  let singular = false;
  while (!converged && iterations < maxIterations) {
    iterations++;
    // Forward sweep: B'_j = B_j − A_j W_{j−1}, r'_j = −R_j − A_j w_{j−1}; store B'_j^{-1} [C_j | r'_j].
    for (let j = 0; j < N; j++) {
      blocks(p, L, z, j, A, B, C, tmp);
      const Wj = W.subarray(j * n * w, (j + 1) * n * w);
      for (let row = 0; row < n; row++) {
        for (let col = 0; col < n; col++) Wj[row * w + col] = C[row * n + col] as number;
        Wj[row * w + n] = -(r[j * n + row] as number);
      }
      if (j > 0) {
        const Wp = W.subarray((j - 1) * n * w, j * n * w);
        aw.fill(0);
        for (let row = 0; row < n; row++) {
          for (let k = 0; k < n; k++) {
            const a = A[row * n + k] as number;
            if (a === 0) continue;
            for (let col = 0; col < w; col++)
              aw[row * w + col] = (aw[row * w + col] as number) + a * (Wp[k * w + col] as number);
          }
        }
        for (let row = 0; row < n; row++) {
          for (let col = 0; col < n; col++)
            B[row * n + col] = (B[row * n + col] as number) - (aw[row * w + col] as number);
          Wj[row * w + n] = (Wj[row * w + n] as number) - (aw[row * w + n] as number);
        }
      }
      if (!luFactor(B, n, piv)) {
        singular = true;
        break;
      }
      luSolve(B, n, piv, Wj, w);
    }
    if (singular) break;
    // Back substitution: dz_j = w_j − W_j dz_{j+1}.
    for (let j = N - 1; j >= 0; j--) {
      const Wj = W.subarray(j * n * w, (j + 1) * n * w);
      for (let row = 0; row < n; row++) {
        let v = Wj[row * w + n] as number;
        if (j + 1 < N)
          for (let k = 0; k < n; k++) v -= (Wj[row * w + k] as number) * (dz[(j + 1) * n + k] as number);
        dz[j * n + row] = v;
      }
    }
    // Backtracking line search; an amount driven to or below zero is cut to a tenth of its value instead.
    let alpha = 1;
    let accepted = false;
    for (let tries = 0; tries < 40; tries++) {
      for (let q = 0; q < N * n; q++) {
        const old = z[q] as number;
        const next = old + alpha * (dz[q] as number);
        zTry[q] = next > 0 ? next : 0.1 * old;
      }
      const next = residuals(p, L, zTry, rTry, tmp);
      if (Number.isFinite(next.merit) && (next.merit < norms.merit || next.max <= p.tolerance)) {
        z.set(zTry);
        r.set(rTry);
        norms = next;
        accepted = true;
        break;
      }
      alpha /= 2;
    }
    if (!accepted) break;
    converged = norms.max <= p.tolerance;
  }
  return { iterations, residual: norms.max, converged };
}

/** The layout with the metals' outside inflows scaled by t (continuation from a lightly loaded cascade). */
function scaledMetals(L: Layout, t: number): Layout {
  const aqIn = Float64Array.from(L.aqIn);
  const orgIn = Float64Array.from(L.orgIn);
  for (let j = 0; j < L.N; j++) {
    for (const i of L.metalIdx) {
      aqIn[j * L.c + i] = t * (aqIn[j * L.c + i] as number);
      orgIn[j * L.c + i] = t * (orgIn[j * L.c + i] as number);
    }
  }
  return { ...L, aqIn, orgIn };
}

/**
 * Solves a cascade whose stages all follow the pH-dependent model. Newton starts from the acid and
 * extractant that enter with no extraction; if it fails, the metals' inflows are raised from a tenth of
 * their value to the full value (continuation, each step from the last solution, failed steps halved).
 * Throws NOT_SUPPORTED / MISSING / INFEASIBLE for a cascade this model cannot run (mixed models, no acid,
 * no extractant, an aqueous-only species in the organic or the extractant in the aqueous, or metals that
 * would bind more extractant than enters: the correlations have no loading limit). The result's
 * `generated` holds, per species, the net amount the reactions produce over the cascade: H+ from
 * extraction (ν per ion) and bisulfate dissociation, HSO4− and SO4²− by the dissociation, and (negative)
 * the extractant bound by the metals; the cascade's balance adds it to the inputs, so the balance error
 * checks the conservation of protons, sulfate and extractant.
 */
export function solvePhDependentCascade(p: NormalisedCascade): SteadySolution {
  const L = layout(p);
  const { N, n, c, metalIdx } = L;
  const m = metalIdx.length;
  const z = initial(p, L);
  let { iterations, residual, converged } = newton(p, L, z, p.maxIterations);
  if (!converged) {
    const base = initial(p, L);
    const first = newton(p, scaledMetals(L, 0.1), base, 50);
    iterations += first.iterations;
    let t = 0.1;
    let dt = 0.2;
    if (first.converged) {
      const trial = new Float64Array(base.length);
      while (t < 1 && dt >= 1 / 1024 && iterations < 20 * p.maxIterations) {
        const next = Math.min(1, t + dt);
        trial.set(base);
        const step = newton(p, scaledMetals(L, next), trial, 50);
        iterations += step.iterations;
        if (step.converged) {
          base.set(trial);
          t = next;
          dt = Math.min(0.5, 2 * dt);
        } else dt /= 2;
      }
    }
    if (t === 1) {
      z.set(base);
      const polish = newton(p, L, z, 5);
      iterations += polish.iterations;
      residual = polish.residual;
      converged = polish.converged;
    }
  }

  if (!converged) {
    // The model has no loading limit: when the metals a stage's organic carries would bind more extractant
    // than reaches it (more than enters, or metal refluxing between scrub and extraction), no steady state
    // exists and Newton drives the free extractant of that stage towards 0.
    let eMin = Number.POSITIVE_INFINITY;
    for (let j = 0; j < N; j++) eMin = Math.min(eMin, z[j * n + 2 * m + 1] as number);
    const supply = L.scale[2 * m + 1] as number;
    if (eMin < 1e-9 * supply) {
      fail(
        'INFEASIBLE',
        `cascade.organic.flows.${p.species[L.e]}`,
        supply,
        'enough free extractant for the metals each stage loads (the correlations have no loading limit)',
      );
    }
  }
  // Species-major outputs, and what the reactions generated over the cascade.
  const x = new Float64Array(N * c);
  const y = new Float64Array(N * c);
  const bis = L.hso4 >= 0;
  for (let j = 0; j < N; j++) {
    const o = j * n;
    metalIdx.forEach((i, k) => {
      x[j * c + i] = z[o + k] as number;
      y[j * c + i] = z[o + m + k] as number;
    });
    x[j * c + L.h] = z[o + 2 * m] as number;
    y[j * c + L.e] = z[o + 2 * m + 1] as number;
    if (bis) {
      x[j * c + L.hso4] = z[o + 2 * m + 2] as number;
      x[j * c + L.so4] = z[o + 2 * m + 3] as number;
    }
  }
  const generated = new Float64Array(c);
  let bound = 0;
  metalIdx.forEach((i, k) => {
    let orgEntering = 0;
    for (let j = 0; j < N; j++) orgEntering += L.orgIn[j * c + i] as number;
    bound += (L.nu[k] as number) * ((y[(N - 1) * c + i] as number) - orgEntering);
  });
  generated[L.h] = bound;
  generated[L.e] = -bound;
  if (bis) {
    let hso4In = 0;
    for (let j = 0; j < N; j++) hso4In += L.aqIn[j * c + L.hso4] as number;
    const dissociated = hso4In - (x[L.hso4] as number);
    generated[L.h] = (generated[L.h] as number) + dissociated;
    generated[L.hso4] = -dissociated;
    generated[L.so4] = dissociated;
  }
  return { x, y, iterations, residual, converged, generated };
}
