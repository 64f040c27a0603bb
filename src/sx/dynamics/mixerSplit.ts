/**
 * The equilibrium split of a mixer's content between its aqueous and organic hold-ups, for the two
 * nonlinear models of the dynamics (`simulateCascadeDynamics`): Xu's saturated organic and the competitive
 * Langmuir isotherm. Both reduce to one increasing, concave scalar equation in a stage factor; each is
 * solved by a safeguarded Newton iteration inside a bracket that is known in closed form, so it never
 * fails on valid input (a one-species content has a closed form). Cost: one or two passes over the
 * species when warm-started from the previous step's factor (the common case in a time step); the
 * bracketed iteration only when that fails.
 */

/** Machine epsilon: the noise level of a sum of positive terms is a few of it, relative. */
const EPS = 2 ** -52;

/**
 * A Newton step smaller than this (relative) is accepted without another evaluation: Newton's next error is
 * about the square of the step (the curvature of both equations is at most 2/factor), here below 1e-16.
 */
const ACCEPT = 1e-8;

/** Newton steps from the warm start before the bracket is formed (from a good warm start two suffice). */
const WARM_STEPS = 4;

/** Iteration cap of the safeguarded Newton (a bisection halves the log-bracket each time: ≤ 60 suffice). */
export const SPLIT_MAX_ITERATIONS = 100;

/**
 * Splits a saturated (Xu) mixer's content n (offset `o`) into aqueous a and organic n − a at equilibrium:
 * a_i + K β_i a_i / Σβa = n_i. With λ = K / Σβa, a_i = n_i / (1 + λβ_i) and λ solves
 * F(λ) = Σ n_i λβ_i / (1 + λβ_i) − K = 0, increasing and concave in λ. When Σn ≤ K the organic takes
 * everything (a = 0): the limit of infinite distribution ratios, where the saturated model has no root.
 *
 * **Method.** Newton from the warm start `lambda[j]` (up to 4 steps; from the previous time step's root
 * two suffice), stopping when |F| is at the round-off level of its terms (16 ε·K) or after a step below
 * 1e-8 relative (Newton's next error, about the step's square, is below round-off). Otherwise, or without
 * a warm start, the bracketed iteration: the root lies in [K/((Σn − K)·β_max), K/((Σn − K)·β_min)] (β over
 * the species present: at those λ every species' organic share is at least, at most, the overall share
 * K/Σn); Newton from inside it (else from its left end, where a concave increasing F converges
 * monotonically), a step that leaves it replaced by a geometric bisection; it stops as above, when the
 * bracket has collapsed, or after {@link SPLIT_MAX_ITERATIONS} (keeping the best point: never throws).
 * One species, or equal β: a = (Σn − K)/Σn of each.
 *
 * Writes each species' aqueous fraction a_i / n_i = 1 / (1 + λβ_i) into `share` (offset 0; 0 when the
 * organic takes everything), stores λ in `lambda[j]` and returns the evaluations of F used (0: a closed
 * form held).
 */
export function splitSaturated(
  content: Float64Array,
  o: number,
  c: number,
  beta: Float64Array,
  capacity: number,
  lambda: Float64Array,
  j: number,
  share: Float64Array,
): number {
  let total = 0;
  for (let i = 0; i < c; i++) total += content[o + i] as number;
  if (!(total > capacity)) {
    for (let i = 0; i < c; i++) share[i] = 0;
    return 0;
  }
  const tolerance = 16 * EPS * capacity;
  const warm = lambda[j] as number;
  let lam = warm > 0 && warm < Number.POSITIVE_INFINITY ? warm : Number.NaN;
  let lo = Number.NaN; // the bracket, computed when Newton from the warm start is not enough
  let hi = Number.NaN;
  let it = 0;
  for (;;) {
    if (!(lo > 0) && (it >= WARM_STEPS || !(lam > 0))) {
      let bMin = Number.POSITIVE_INFINITY;
      let bMax = 0;
      for (let i = 0; i < c; i++) {
        if ((content[o + i] as number) > 0) {
          const b = beta[o + i] as number;
          if (b < bMin) bMin = b;
          if (b > bMax) bMax = b;
        }
      }
      const excess = total - capacity;
      lo = capacity / (excess * bMax);
      hi = capacity / (excess * bMin);
      // One species, or equal β: every species leaves the same share (Σn − K)/Σn in the aqueous.
      if (!(hi > lo)) {
        lam = lo;
        break;
      }
      if (!(lam > lo && lam < hi)) lam = lo;
    }
    if (it >= SPLIT_MAX_ITERATIONS) break;
    it++;
    let f = -capacity;
    let df = 0;
    for (let i = 0; i < c; i++) {
      const n = content[o + i] as number;
      const b = beta[o + i] as number;
      const r = 1 / (1 + lam * b);
      f += n * lam * b * r;
      df += n * b * r * r;
    }
    if (Math.abs(f) <= tolerance) break;
    const next = lam - f / df;
    if (lo > 0) {
      if (f < 0) lo = lam;
      else hi = lam;
      if (!(hi - lo > 4 * EPS * hi)) break;
      if (!(next > lo && next < hi)) {
        lam = Math.sqrt(lo * hi);
        continue;
      }
    } else if (!(next > 0 && next < Number.POSITIVE_INFINITY)) {
      it = Math.max(it, WARM_STEPS); // Newton left the domain: bracket it
      continue;
    }
    const small = Math.abs(next - lam) <= ACCEPT * lam;
    lam = next;
    if (small) break;
  }
  for (let i = 0; i < c; i++) share[i] = 1 / (1 + lam * (beta[o + i] as number));
  lambda[j] = lam;
  return it;
}

/**
 * Splits a loading-limited (competitive Langmuir) mixer's content n (offset `o`) into aqueous a and
 * organic n − a at equilibrium: organic o_i = κ_i a_i λ with λ = 1 / (1 + φ), φ = Σκa / K (κ_i = D_i·V_o/V_a,
 * K = capacity·V_o). With m_i = κ_i n_i / K, a_i = n_i (1 + φ)/(1 + φ + κ_i) and φ solves
 * F(φ) = φ/(1 + φ) − Σ m_i/(1 + φ + κ_i) = 0, increasing and concave in φ; F(0) ≤ 0 and F(Σm) ≥ 0.
 *
 * **Method.** One species present: the quadratic φ² + (1 + κ − m)φ − m = 0, taken in its cancellation-free
 * form. Otherwise Newton from the warm start φ = `lambda[j]` as in {@link splitSaturated} (stopping at
 * |F| ≤ 16 ε·φ/(1 + φ) or a step below 1e-8 relative), then the bracketed iteration in [r/(1 − r), Σm] with
 * r = Σ m_i/(1 + Σm + κ_i) (1 − r summed from positive terms). Never throws; an empty mixer gets φ = 0.
 *
 * Writes each species' aqueous fraction (1 + φ)/(1 + φ + κ_i) = 1/(1 + κ_i λ) into `share`, stores φ in
 * `lambda[j]` (the warm start of the next call) and returns the Newton iterations used.
 */
export function splitLimited(
  content: Float64Array,
  o: number,
  c: number,
  kappa: Float64Array,
  capacity: number,
  lambda: Float64Array,
  j: number,
  share: Float64Array,
): number {
  let sumM = 0;
  let present = 0;
  let only = 0;
  for (let i = 0; i < c; i++) {
    const m = ((kappa[o + i] as number) * (content[o + i] as number)) / capacity;
    if (m > 0) {
      sumM += m;
      present++;
      only = i;
    }
  }
  let phi = 0;
  let it = 0;
  if (present === 1) {
    const k = kappa[o + only] as number;
    const b = 1 + k - sumM;
    const root = Math.sqrt(b * b + 4 * sumM);
    phi = b > 0 ? (2 * sumM) / (b + root) : (root - b) / 2;
  } else if (present > 1) {
    const warm = lambda[j] as number;
    phi = warm > 0 && warm < Number.POSITIVE_INFINITY ? warm : Number.NaN;
    let lo = Number.NaN; // the bracket, computed when the warm start does not hold
    let hi = Number.NaN;
    for (;;) {
      if (!(lo > 0) && (it >= WARM_STEPS || !(phi > 0))) {
        // Bracket: r = Σ m_i/(D + κ_i) with D = 1 + Σm; 1 − r = 1/D + Σ m_i κ_i/(D(D + κ_i)), all positive.
        const d = 1 + sumM;
        let r = 0;
        let rest = 1 / d;
        for (let i = 0; i < c; i++) {
          const k = kappa[o + i] as number;
          const m = (k * (content[o + i] as number)) / capacity;
          r += m / (d + k);
          rest += (m * k) / (d * (d + k));
        }
        lo = r / rest;
        hi = sumM;
        if (!(phi > lo && phi < hi)) phi = lo;
      }
      if (it >= SPLIT_MAX_ITERATIONS) break;
      it++;
      // F = φ/(1 + φ) − Σ m_i/(1 + φ + κ_i) and F' = 1/(1 + φ)² + Σ m_i/(1 + φ + κ_i)².
      let s1 = 0;
      let s2 = 0;
      for (let i = 0; i < c; i++) {
        const k = kappa[o + i] as number;
        const m = (k * (content[o + i] as number)) / capacity;
        const q = 1 / (1 + phi + k);
        s1 += m * q;
        s2 += m * q * q;
      }
      const g = 1 / (1 + phi);
      const held = phi * g;
      const f = held - s1;
      if (Math.abs(f) <= 16 * EPS * held) break;
      const next = phi - f / (g * g + s2);
      if (lo > 0) {
        if (f < 0) lo = phi;
        else hi = phi;
        if (!(hi - lo > 4 * EPS * hi)) break;
        if (!(next > lo && next < hi)) {
          phi = Math.sqrt(lo * hi);
          continue;
        }
      } else if (!(next > 0 && next < Number.POSITIVE_INFINITY)) {
        it = Math.max(it, WARM_STEPS); // Newton left the domain: bracket it
        continue;
      }
      const small = Math.abs(next - phi) <= ACCEPT * phi;
      phi = next;
      if (small) break;
    }
  }
  for (let i = 0; i < c; i++) share[i] = (1 + phi) / (1 + phi + (kappa[o + i] as number));
  lambda[j] = phi;
  return it;
}
