/**
 * The cut of a multicomponent feed at a key pair (ree-data §3.1, assumption 1): the more-extractable key A
 * and the less-extractable key B, every other species lumped to the side of the key it follows, so that a
 * two-component design (Xu's theory, src/sx/xu.ts) can size the cascade.
 */
import { fail } from '../../core/errors.js';
import { isRecord, knownKeys, nonEmptyString } from '../../core/validate.js';
import type { SeparationFactorModel } from '../equilibrium/equilibrium.js';
import { checkFlows } from '../flows.js';

/** The key pair of a cut: A is extracted to the organic product, B stays in the raffinate. */
export interface KeyPair {
  readonly A: string;
  readonly B: string;
}

/** A feed cut at its key pair, with both sides lumped. */
export interface KeySplit {
  /** The feed's species, most extractable first (extraction-section β order). */
  readonly species: readonly string[];
  readonly keys: KeyPair;
  /** Species lumped with A (β >= β_A: the organic side) and with B (the rest: the raffinate side). */
  readonly sides: { readonly A: readonly string[]; readonly B: readonly string[] };
  /** Separation factor of the key pair, β_A/β_B, in the extraction and the scrub section. */
  readonly beta: number;
  readonly betaScrub: number;
  /** The feed's amounts per unit time, species with a positive amount only. */
  readonly feed: Readonly<Record<string, number>>;
  /** Total feed amount per unit time, and the A side's share of it (the lumped f_A). */
  readonly feedTotal: number;
  readonly fA: number;
}

/** The feed's amounts, checked: finite, >= 0, at most 1e12, at least two species present. */
function checkFeed(path: string, value: unknown): Record<string, number> {
  const out = checkFlows(path, value);
  if (Object.values(out).filter((x) => x > 0).length < 2) {
    fail('MISSING', path, value, 'at least two species with a positive amount (a cut needs two sides)');
  }
  return out;
}

/** β of a feed species in a model; MISSING when the model does not hold it. */
function betaOf(path: string, model: SeparationFactorModel, species: string): number {
  const b = model.beta[species];
  if (b === undefined)
    fail('MISSING', `${path}.beta.${species}`, undefined, `a separation factor for ${species}`);
  return b;
}

/**
 * Cuts a feed at its key pair. Species present in the feed (amount > 0) are ordered by their extraction
 * β; with two species the keys default to (more, less extractable); with more the caller must name them,
 * and they must be adjacent in that order (a species between them would make the hardest pair a
 * non-key one). Species with β >= β_A join the A side, the rest the B side.
 *
 * @param path prefix of error paths (e.g. `designCascade`); the feed is checked as `${path}.feed`
 * @param feedAmounts amounts per unit time by species (any consistent unit), each in [0, 1e12]
 * @param extraction model of the extraction section, scrub model of the scrub section
 * @param keys `{ A, B }`, or undefined for a two-species feed
 * @param oneModel true when one model serves both sections (error paths then name `${path}.equilibrium`)
 * @throws ReesimError INVALID_TYPE / NOT_FINITE / OUT_OF_RANGE for a bad amount; MISSING for fewer than
 *   two species, an absent key pair (more than two species) or model parameter; UNKNOWN_KEY for a key not
 *   in the feed; INFEASIBLE when A is not more extractable than B in both sections or the keys are not
 *   adjacent
 * @example
 * ```ts
 * const m = separationFactors({ La: 1, Ce: 5, Pr: 9, Nd: 13.5 });
 * const s = splitAtKeys('cut', { La: 3, Ce: 5, Pr: 0.5, Nd: 1.5 }, m, m, { A: 'Pr', B: 'Ce' });
 * s.sides.A; // ['Nd', 'Pr']
 * s.fA; // 0.2
 * s.beta; // 1.8
 * ```
 */
export function splitAtKeys(
  path: string,
  feedAmounts: unknown,
  extraction: SeparationFactorModel,
  scrub: SeparationFactorModel,
  keys: unknown,
  oneModel = false,
): KeySplit {
  const all = checkFeed(`${path}.feed`, feedAmounts);
  const present = Object.keys(all).filter((s) => (all[s] as number) > 0);
  const feed = Object.fromEntries(present.map((s) => [s, all[s] as number]));
  const at = (section: string) => `${path}.equilibrium${oneModel ? '' : `.${section}`}`;
  const eBeta = new Map(present.map((s) => [s, betaOf(at('extraction'), extraction, s)]));
  const sBeta = new Map(present.map((s) => [s, betaOf(at('scrub'), scrub, s)]));
  const species = [...present].sort((a, b) => (eBeta.get(b) as number) - (eBeta.get(a) as number));
  const adjacent = species.slice(1).map((s, i) => `{ A: '${species[i]}', B: '${s}' }`);

  let A: string;
  let B: string;
  if (keys === undefined) {
    if (species.length > 2) {
      fail('MISSING', `${path}.keys`, undefined, `the key pair of the cut, one of ${adjacent.join(', ')}`);
    }
    A = species[0] as string;
    B = species[1] as string;
  } else {
    if (!isRecord(keys)) fail('INVALID_TYPE', `${path}.keys`, keys, 'an object { A, B } of feed species');
    knownKeys(`${path}.keys`, keys, ['A', 'B']);
    A = nonEmptyString(`${path}.keys.A`, keys.A);
    B = nonEmptyString(`${path}.keys.B`, keys.B);
    for (const [k, s] of [
      ['A', A],
      ['B', B],
    ] as const) {
      if (!eBeta.has(s))
        fail('UNKNOWN_KEY', `${path}.keys.${k}`, s, `a species of the feed (${species.join(', ')})`);
    }
  }
  const beta = (eBeta.get(A) as number) / (eBeta.get(B) as number);
  const betaScrub = (sBeta.get(A) as number) / (sBeta.get(B) as number);
  if (!(beta > 1 && betaScrub > 1)) {
    fail(
      'INFEASIBLE',
      `${path}.keys`,
      { A, B },
      `a key A more extractable than B in both sections (β_A/β_B = ${beta} in extraction, ${betaScrub} in scrub)`,
    );
  }
  const sideA = species.filter((s) => (eBeta.get(s) as number) >= (eBeta.get(A) as number));
  const sideB = species.filter((s) => !sideA.includes(s));
  if (sideB[0] !== B) {
    fail(
      'INFEASIBLE',
      `${path}.keys`,
      { A, B },
      `keys adjacent in extractability: one of ${adjacent.join(', ')}`,
    );
  }
  const feedTotal = species.reduce((t, s) => t + (feed[s] as number), 0);
  const fA = sideA.reduce((t, s) => t + (feed[s] as number), 0) / feedTotal;
  return { species, keys: { A, B }, sides: { A: sideA, B: sideB }, beta, betaScrub, feed, feedTotal, fA };
}
