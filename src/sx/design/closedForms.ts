/**
 * Closed-form stage counts of counter-current solvent extraction: Fenske's minimum stages at total reflux
 * (the two-component limit of Xu's theory) and Kremser's equation for one solute at a constant extraction
 * factor, with Lewis's overall efficiency for stages of constant Murphree efficiency.
 *
 * Sources: ree-data.md §3.9 (Fenske and Kremser as written there, derived [D, H]); Kremser A., Natl.
 * Petroleum News 22(21):43 (1930) and Souders M., Brown G.G., Ind. Eng. Chem. 24:519 (1932) for the
 * absorption-factor equation; Lewis W.K., Ind. Eng. Chem. 28:399 (1936), as given in Seader & Henley,
 * Separation Process Principles, for the overall efficiency (these three recalled, not re-read; each form
 * is checked in test/sx/closedForms.test.ts against an independent stage-by-stage calculation).
 */
import { fail } from '../../core/errors.js';
import { finite, nonNegative, oneOf, positive } from '../../core/validate.js';

/** Largest separation factor accepted (far beyond any solvent-extraction pair; keeps logs and powers finite). */
export const MAX_SEPARATION_FACTOR = 1e6;

/**
 * Input check for a separation factor β: a finite number in (1, {@link MAX_SEPARATION_FACTOR}], returned
 * as is, else a ReesimError (`path must be a separation factor in (1, 1000000], got value`).
 *
 * @example
 * ```ts
 * checkSeparationFactor('beta', 1.5); // 1.5
 * ```
 */
export function checkSeparationFactor(path: string, value: unknown): number {
  const x = finite(path, value);
  if (!(x > 1 && x <= MAX_SEPARATION_FACTOR)) {
    fail('OUT_OF_RANGE', path, x, `a separation factor in (1, ${MAX_SEPARATION_FACTOR}]`);
  }
  return x;
}

/** A fraction in the open interval (0, 1). */
function openFraction(path: string, value: unknown): number {
  const x = finite(path, value);
  if (!(x > 0 && x < 1)) fail('OUT_OF_RANGE', path, x, 'a number in (0, 1)');
  return x;
}

/** ln x/(1 − x), accurate near both ends. */
function logOdds(x: number): number {
  return Math.log(x) - Math.log1p(-x);
}

/**
 * Fenske's minimum number of equilibrium stages (total reflux: E_M = E′_M = 1, no feed, no product) to take
 * the key pair from x_R in the B product to x_P in the A product at a constant separation factor β:
 *
 *   N_min = ln{ [x_P/(1 − x_P)] · [(1 − x_R)/x_R] } / ln β
 *
 * It is the limit of Xu's n + (m + 1) as the reflux grows without bound, and the exact stage count of a
 * McCabe–Thiele staircase at total reflux (rounded up). Every real design needs more (≈2× N_min for Xu's
 * optimum, ree-data §3.8a). Source: ree-data §3.9 [D, H]; the SX form of Fenske (1932).
 *
 * @param xP A-fraction among the rare earths of the A (organic) product, in (0, 1)
 * @param xR A-fraction of the B (aqueous, raffinate) product, in (0, xP)
 * @param beta separation factor β = D_A/D_B, in (1, 1e6]
 * @returns stages (a real number; round up for a cascade)
 * @throws ReesimError OUT_OF_RANGE for fractions outside (0, 1), xR >= xP, or β outside (1, 1e6]
 * @example
 * ```ts
 * fenskeStages(0.999, 0.001, 1.5); // 34.1
 * fenskeStages(0.999, 0.0001, 2); // 23.3 (ree-data §3.8a: ln(999·9999)/ln 2)
 * ```
 */
export function fenskeStages(xP: number, xR: number, beta: number): number {
  const p = openFraction('fenskeStages.xP', xP);
  const r = openFraction('fenskeStages.xR', xR);
  const b = checkSeparationFactor('fenskeStages.beta', beta);
  if (!(r < p)) fail('OUT_OF_RANGE', 'fenskeStages.xR', r, `a number below xP = ${p}`);
  return (logOdds(p) - logOdds(r)) / Math.log1p(b - 1);
}

/**
 * Kremser's fraction of a solute left in the raffinate by N counter-current equilibrium stages fed with
 * fresh (solute-free) solvent, at a constant extraction factor ε = D·O/A (D = C_org/C_aq, O/A the
 * volumetric flow ratio):
 *
 *   x_N / x_F = (ε − 1) / (ε^(N+1) − 1),   and 1/(N + 1) at ε = 1
 *
 * Evaluated as (ε − 1)/expm1((N + 1)·ln ε), so it is smooth through ε = 1. For ε < 1 it tends to 1 − ε as
 * N grows (the best any number of stages can do). For stages of Murphree efficiency E, pass
 * N·{@link overallEfficiency}(ε, E): exact for a straight equilibrium line. Source: ree-data §3.9 [D, H];
 * Kremser (1930), Souders & Brown (1932).
 *
 * @param epsilon extraction factor ε = D·O/A, > 0
 * @param stages number of equilibrium stages N, >= 0 (fractional values interpolate)
 * @returns fraction of the feed's solute left in the raffinate, in (0, 1]
 * @example
 * ```ts
 * kremserUnextracted(2, 3); // 0.0667 (1/15)
 * kremserUnextracted(1, 4); // 0.2 (the ε = 1 limit, 1/(N + 1))
 * kremserUnextracted(0.5, 50); // 0.5 (ε < 1: never below 1 − ε)
 * ```
 */
export function kremserUnextracted(epsilon: number, stages: number): number {
  const e = positive('kremserUnextracted.epsilon', epsilon);
  const n = nonNegative('kremserUnextracted.stages', stages);
  return unextracted(e, n);
}

function unextracted(e: number, n: number): number {
  if (e === 1) return 1 / (n + 1);
  // e − 1 is exact for e in [0.5, 2] (Sterbenz), and expm1/log1p keep the ratio accurate near ε = 1.
  const phi = (e - 1) / Math.expm1((n + 1) * Math.log1p(e - 1));
  // ε^(N+1) beyond the double range: nothing is left; rounding may put N ≈ 0 a hair above 1.
  return Number.isFinite(phi) ? Math.min(1, phi) : 0;
}

/** Parameters of {@link kremserRaffinate}. */
export interface KremserRaffinateParams {
  /** Solute concentration of the aqueous feed x_F (any concentration unit, e.g. g/L), >= 0. */
  readonly feed: number;
  /** Solute concentration of the organic entering the cascade y_in (same unit, per organic volume), >= 0; default 0. */
  readonly organicIn?: number;
  /** Distribution ratio D = C_org/C_aq at equilibrium, > 0. */
  readonly D: number;
  /** Volumetric flow ratio O/A, > 0. */
  readonly phaseRatio: number;
  /** Number of equilibrium stages N, >= 0. */
  readonly stages: number;
}

/**
 * Raffinate concentration of a counter-current cascade whose solvent enters pre-loaded (a recycled or
 * partly stripped organic). Kremser's general form measures both ends from the aqueous concentration in
 * equilibrium with the incoming organic, y_in/D:
 *
 *   (x_N − y_in/D) / (x_F − y_in/D) = (ε − 1)/(ε^(N+1) − 1),   ε = D·O/A
 *
 * With y_in = 0 it is {@link kremserUnextracted} times x_F. Source: ree-data §3.9 [D, H].
 *
 * @returns raffinate concentration x_N, in the unit of `feed`
 * @example
 * ```ts
 * kremserRaffinate({ feed: 10, D: 2, phaseRatio: 1, stages: 3 }); // 0.667
 * kremserRaffinate({ feed: 10, organicIn: 0.4, D: 2, phaseRatio: 1, stages: 3 }); // 0.853 (0.2 + 9.8/15)
 * ```
 */
export function kremserRaffinate(params: KremserRaffinateParams): number {
  const feed = nonNegative('kremserRaffinate.feed', params.feed);
  const organicIn =
    params.organicIn === undefined ? 0 : nonNegative('kremserRaffinate.organicIn', params.organicIn);
  const D = positive('kremserRaffinate.D', params.D);
  const ratio = positive('kremserRaffinate.phaseRatio', params.phaseRatio);
  const n = nonNegative('kremserRaffinate.stages', params.stages);
  const epsilon = D * ratio;
  if (!Number.isFinite(epsilon)) fail('OUT_OF_RANGE', 'kremserRaffinate.D', D, 'D·O/A finite');
  const xStar = organicIn / D;
  const x = xStar + (feed - xStar) * unextracted(epsilon, n);
  if (!Number.isFinite(x)) fail('OUT_OF_RANGE', 'kremserRaffinate.organicIn', organicIn, 'y_in/D finite');
  return x;
}

/**
 * Equilibrium stages for a duty: the inverse of Kremser's equation,
 *
 *   N = ln[ (1/φ)·(1 − 1/ε) + 1/ε ] / ln ε,   and 1/φ − 1 at ε = 1,
 *
 * where φ = x_N/x_F is the fraction left unextracted (1 − recovery) with fresh solvent, or
 * (x_N − y_in/D)/(x_F − y_in/D) with pre-loaded solvent. For ε < 1 no number of stages gets below
 * φ = 1 − ε. Source: ree-data §3.9 [D, H].
 *
 * @param epsilon extraction factor ε = D·O/A, > 0
 * @param unextracted φ, in (0, 1]; for a recovery R pass 1 − R
 * @returns equilibrium stages N (real; round up for a cascade)
 * @throws ReesimError INFEASIBLE when ε < 1 and φ <= 1 − ε (infinite stages)
 * @example
 * ```ts
 * kremserStages(2, 1 / 15); // 3
 * kremserStages(1.5, 0.01); // 8.70
 * kremserStages(1, 0.2); // 4
 * ```
 */
export function kremserStages(epsilon: number, unextracted: number): number {
  const e = positive('kremserStages.epsilon', epsilon);
  const phi = finite('kremserStages.unextracted', unextracted);
  if (!(phi > 0 && phi <= 1)) fail('OUT_OF_RANGE', 'kremserStages.unextracted', phi, 'a number in (0, 1]');
  if (e < 1 && phi <= 1 - e) {
    fail(
      'INFEASIBLE',
      'kremserStages.unextracted',
      phi,
      `above 1 − ε = ${1 - e}, the fraction infinitely many stages leave at ε = ${e}`,
    );
  }
  let n: number;
  if (e === 1) {
    n = (1 - phi) / phi;
  } else {
    const t = ((1 - phi) / phi) * ((e - 1) / e);
    const log = Number.isFinite(t) ? Math.log1p(t) : Math.log1p(-phi) - Math.log(phi) + Math.log1p(-1 / e);
    n = log / Math.log1p(e - 1);
  }
  if (!Number.isFinite(n)) {
    fail(
      'OUT_OF_RANGE',
      'kremserStages.unextracted',
      phi,
      'a fraction large enough for a finite stage count',
    );
  }
  return Math.max(0, n);
}

/** Phase on which a Murphree efficiency is defined. */
export type MurphreePhase = 'organic' | 'aqueous';

/**
 * Overall efficiency E_o of a counter-current cascade whose stages each reach a Murphree efficiency E (the
 * fraction of the equilibrium change achieved in one phase), for a straight equilibrium line at constant
 * extraction factor ε: N real stages do the work of N·E_o equilibrium stages (Lewis's relation):
 *
 *   organic phase, E = (y_out − y_in)/(D·x_out − y_in):  E_o = ln[1 + E(ε − 1)] / ln ε
 *   aqueous phase, E = (x_in − x_out)/(x_in − y_out/D):  E_o = ln[1 + E(1/ε − 1)] / ln(1/ε)
 *
 * Both tend to E at ε = 1. With {@link kremserUnextracted} this is the Kremser–Colburn design form for
 * real stages. Source: Lewis W.K., Ind. Eng. Chem. 28:399 (1936), as given in Seader & Henley (recalled);
 * derived here from the pseudo-equilibrium line, which meets the operating line at the same pinch, so each
 * real stage shrinks the distance to the pinch by 1 + E(ε − 1) instead of ε; checked against a
 * stage-by-stage solve in the tests.
 *
 * @param epsilon extraction factor ε = D·O/A, > 0
 * @param murphree Murphree stage efficiency E, in (0, 1]
 * @param phase phase the efficiency is measured on (default `'organic'`)
 * @returns E_o, in (0, 1]
 * @example
 * ```ts
 * overallEfficiency(2, 0.8); // 0.848
 * kremserUnextracted(2, 5 * overallEfficiency(2, 0.8)); // 0.0272 (5 mixer-settlers at 80 %)
 * overallEfficiency(1, 0.9, 'aqueous'); // 0.9
 * ```
 */
export function overallEfficiency(
  epsilon: number,
  murphree: number,
  phase: MurphreePhase = 'organic',
): number {
  const e = positive('overallEfficiency.epsilon', epsilon);
  const E = finite('overallEfficiency.murphree', murphree);
  if (!(E > 0 && E <= 1)) fail('OUT_OF_RANGE', 'overallEfficiency.murphree', E, 'a number in (0, 1]');
  const p = oneOf('overallEfficiency.phase', phase, ['organic', 'aqueous'] as const);
  if (e === 1) return E;
  const lnE = Math.log1p(e - 1);
  return p === 'organic' ? Math.log1p(E * (e - 1)) / lnE : Math.log1p((E * (1 - e)) / e) / -lnE;
}
