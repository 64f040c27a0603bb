// The 6-element light-REE cascade the maintainer needs (its results are in sixElement.json, written by
// generate.ts): La Ce Pr Nd Sm Eu with β 1, 5, 10, 15, 120, 240 in both sections; 1 mol/h of feed (1 L/h)
// with mole fractions ∝ 33.2, 49.1, 4.34, 12.0, 0.789, 0.118; scrub (1 L/h) carrying only the reflux
// W = 0.45 mol/h; organic S = W + (Sm + Eu fraction) mol/h at 0.18 mol/L, so the net product takes exactly
// the feed's Sm + Eu (a Nd/Sm cut); n extraction and n scrub stages. The volumes of the feed and the scrub
// do not enter the saturated-organic model.
//
// The cut is knife-edge (net product = the feed's Sm + Eu exactly), so the trace outlets at large n hang on
// the last bit of S: one ulp more S (5.6e-17 mol/h) moves the Nd in the product by 3e-9 of itself at
// n = 8 and by 4e-4 of itself at n = 14 (≈ 9e-17 mol/h). Compare trace amounts against this table in
// absolute terms (a fraction of the species' feed), and build S as here: S = loading × organicVolume with
// organicVolume = (W + Sm + Eu) / 0.18 (S = 0.4591112740715441, O = 2.5506181892863564 L/h).
import type { SaturatedCascadeInput } from './saturatedReference.js';

/** Species, β (both sections) and feed share (before normalising to 1 mol/h). */
const TABLE: readonly (readonly [string, number, number])[] = [
  ['La', 1, 33.2],
  ['Ce', 5, 49.1],
  ['Pr', 10, 4.34],
  ['Nd', 15, 12.0],
  ['Sm', 120, 0.789],
  ['Eu', 240, 0.118],
];
const TOTAL = TABLE.reduce((sum, [, , share]) => sum + share, 0);

export const SIX_ELEMENT_SPECIES = TABLE.map(([name]) => name);
const BETA = Object.fromEntries(TABLE.map(([name, beta]) => [name, beta]));
/** Feed, mol/h (1 mol/h in all). */
export const SIX_ELEMENT_FEED: Readonly<Record<string, number>> = Object.fromEntries(
  TABLE.map(([name, , share]) => [name, share / TOTAL]),
);
export const SIX_ELEMENT_REFLUX = 0.45;
export const SIX_ELEMENT_LOADING = 0.18;
/** Organic load S = W + (Sm + Eu of the feed), mol/h. */
export const SIX_ELEMENT_S = SIX_ELEMENT_REFLUX + (0.789 + 0.118) / TOTAL;

/** The cascade with n extraction and n scrub stages. */
export function sixElementInput(n: number): SaturatedCascadeInput {
  return {
    stages: { extraction: n, scrub: n },
    feed: SIX_ELEMENT_FEED,
    beta: BETA,
    loading: SIX_ELEMENT_LOADING,
    organicVolume: SIX_ELEMENT_S / SIX_ELEMENT_LOADING,
    scrub: { reflux: SIX_ELEMENT_REFLUX },
  };
}

/** The values of n tabulated in sixElement.json. */
export const SIX_ELEMENT_N = Array.from({ length: 13 }, (_, k) => k + 2);
