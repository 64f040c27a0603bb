/**
 * The built-in extractant systems of rare-earth solvent extraction in chloride media: P507 (PC88A),
 * P204 (D2EHPA), Cyanex 272 and naphthenic acid. For each: the order of extractability, the separation
 * factor β(more/less extractable) = D_more / D_less of every adjacent pair of that order, the typical organic
 * loading, and notes on stripping and saponification. {@link relativeExtractability} multiplies the pairs
 * along the chain; {@link separationFactorModel} turns them into Xu's constant-separation-factor model.
 *
 * **Data (ree-data.md §2), and how far to trust it.**
 * - P507: the sheet gives ranges (XU95, recalled, low) except Nd/Pr 1.4-1.6 (medium) and the ZZS16 design
 *   values Eu/Sm 2.0 and Gd/Eu 1.4 (secondary, medium). reesim stores the mid-point of each range; the
 *   product La -> Lu is then ≈ 10^5.2, as the sheet's consistency check says.
 * - P204: only the mean adjacent β ≈ 2.5 (PEP57, high) and LREE ranges (low) are given. reesim takes the
 *   mid-points of the LREE ranges and spreads the rest of the La -> Lu span (2.5^14) over the Sm/Nd ... Lu/Yb
 *   pairs in the shape of the P507 table (every log β multiplied by one factor). The shape is an assumption,
 *   so those pairs are `low`, basis `derived`; their product, and so the mean 2.5, is exact.
 * - Cyanex 272: the geometric-mean adjacent β Ho -> Lu is 2.08 (USTB18, high); the Y/Ho ... Lu/Yb pairs
 *   spread that span in the P507 shape (low, derived). Nd/Pr is the mid-point of 1.2-1.4 (XIE14, low). The
 *   other La ... Ho pairs have no published value in the sheet: they are the P507 values raised to the power
 *   that maps P507 Nd/Pr onto the Cyanex 272 one, labelled `assumed` (placeholders, not measurements).
 * - Naphthenic acid: Ce/La 2.5, Pr/Ce 1.2, Nd/Pr 1.3 (NA79, high for that system). Y is the least extracted
 *   rare earth (LI17, medium); La/Y takes the mid-point of the sheet's smallest β(Ln/Y) range 1.3-2 (low). The
 *   sheet gives no other pair, and the order of the heavier lanthanides in carboxylic acids is not simply by
 *   atomic number, so the table holds Y and La-Nd only; other elements are `NOT_SUPPORTED`.
 *
 * **Pm** is absent from ores and plants: it is left out of every chain, and the Nd -> Sm step is stored as
 * the single pair Sm/Nd (two atomic-number steps; the "Nd/Sm gap"). **Sc** is not in these tables (its
 * chemistry differs from the lanthanides'; it is removed separately): asking for it is `NOT_SUPPORTED`.
 * β also depends on extractant concentration, saponification, acidity and loading: published values scatter
 * by ±10-30 %. Replace the pairs with plant data through the overrides of {@link separationFactorModel}.
 */
import { isRareEarth, type RareEarth } from '../../chemistry/elements.js';
import { fail } from '../../core/errors.js';
import { isRecord, knownKeys, positive } from '../../core/validate.js';
import {
  type Basis,
  type Confidence,
  cite,
  type Provenance,
  type Sourced,
  type SourceKey,
  sourced,
} from '../../data/provenance.js';
import { DEFAULT_LOADING, type SeparationFactorModel, separationFactors } from './equilibrium.js';

/**
 * Key of a built-in extractant system in {@link extractants}. Functions also accept the aliases listed in
 * each system's `aliases` (e.g. `'PC88A'`, `'D2EHPA'`).
 *
 * @example
 * ```ts
 * const system: ExtractantSystem = 'P507';
 * extractants[system].aliases.includes('PC88A'); // true
 * ```
 */
export type ExtractantSystem = 'P507' | 'P204' | 'Cyanex 272' | 'naphthenic acid';

/**
 * A rare earth the extractant tables can hold: every one but Sc (not in these tables) and Pm (absent in
 * practice, left out of the chains).
 *
 * @example
 * ```ts
 * const e: ChainElement = 'Nd';
 * extractants.P507.order.includes(e); // true
 * ```
 */
export type ChainElement = Exclude<RareEarth, 'Sc' | 'Pm'>;

/**
 * The separation factor of two elements adjacent in an order of extractability: `value` = β(more/less) =
 * D_more / D_less (dimensionless, > 1), with its source, basis and confidence. `range` is the published range
 * when `value` is its mid-point.
 *
 * @example
 * ```ts
 * const pair: AdjacentPair | undefined = extractants.P507.pairs['Nd/Pr'];
 * pair?.value; // 1.5
 * pair?.confidence; // 'medium'
 * ```
 */
export interface AdjacentPair extends Sourced<number> {
  /** The more extractable element. */
  readonly more: ChainElement;
  /** The less extractable element (next below `more` in the order). */
  readonly less: ChainElement;
  /** Published range [low, high] of β, when `value` is its mid-point. */
  readonly range?: readonly [number, number];
}

/**
 * One extractant system: identity, order of extractability, adjacent-pair separation factors and typical
 * operating figures, each with its provenance.
 *
 * @example
 * ```ts
 * const d: ExtractantData = extractants.P204;
 * d.chemicalName; // 'di(2-ethylhexyl) phosphoric acid'
 * ```
 */
export interface ExtractantData {
  /** The key in {@link extractants}. */
  readonly name: ExtractantSystem;
  /** Other names of the extractant (trade names, abbreviations). */
  readonly aliases: readonly string[];
  readonly chemicalName: string;
  /** Aqueous medium the separation factors apply to. */
  readonly medium: 'chloride';
  /** Elements from least to most extractable; adjacent elements form the `pairs`. */
  readonly order: readonly ChainElement[];
  /** Source of the order (the position of Y is usually the least certain part). */
  readonly orderProvenance: Provenance;
  /** β(more/less) of each adjacent pair of `order`, keyed `'more/less'` (e.g. `'Nd/Pr'`), least first. */
  readonly pairs: Readonly<Record<string, AdjacentPair>>;
  /** Typical total rare-earth loading of the organic, mol RE per litre of organic. */
  readonly loading: Sourced<number>;
  /** Acid that strips the loaded organic. */
  readonly stripAcid: Sourced<string>;
  /** How the extractant is saponified (pre-neutralised) before extraction. */
  readonly saponification: Sourced<string>;
  /** What the system is used for in industry. */
  readonly use: Sourced<string>;
}

/**
 * User replacements for {@link separationFactorModel}: β of any pair adjacent in the system's order or among
 * the selected elements (keyed `'more/less'`, e.g. `{ 'Nd/Pr': 1.6 }`, each a positive number), and the organic
 * loading in mol/L.
 *
 * @example
 * ```ts
 * const o: SeparationFactorOverrides = { pairs: { 'Nd/Pr': 1.6 }, loading: 0.2 };
 * separationFactorModel('P507', ['Pr', 'Nd'], o).loading; // 0.2
 * ```
 */
export interface SeparationFactorOverrides {
  readonly pairs?: Readonly<Record<string, number>>;
  readonly loading?: number;
}

// ---------------------------------------------------------------------------------------------------------
// Table builders

/** A pair whose value is the mid-point of a recalled range. */
function midpoint(
  more: ChainElement,
  less: ChainElement,
  low: number,
  high: number,
  source: SourceKey,
  confidence: Confidence,
  remark?: string,
): AdjacentPair {
  const note = `mid-point of range ${low}-${high}${remark === undefined ? '' : `; ${remark}`}`;
  return {
    more,
    less,
    value: (low + high) / 2,
    range: [low, high],
    ...cite(source, 'recalled', confidence, note),
  };
}

/** A pair with a single value. */
function pair(
  more: ChainElement,
  less: ChainElement,
  value: number,
  source: SourceKey,
  basis: Basis,
  confidence: Confidence,
  note: string,
): AdjacentPair {
  return { more, less, ...sourced(value, source, basis, confidence, note) };
}

/** `base` with its β raised to the power `k` (the same reshaping of every log β), under a new provenance. */
function scaled(base: AdjacentPair, k: number, provenance: Provenance): AdjacentPair {
  return { more: base.more, less: base.less, value: base.value ** k, ...provenance };
}

/** The pairs of a chain from element `from` up to element `to`. */
function between(chain: readonly AdjacentPair[], from: ChainElement, to: ChainElement): AdjacentPair[] {
  const start = chain.findIndex((p) => p.less === from);
  const end = chain.findIndex((p) => p.more === to);
  return chain.slice(start, end + 1);
}

/** Σ ln β over a list of pairs. */
function logSpan(pairs: readonly AdjacentPair[]): number {
  return pairs.reduce((sum, p) => sum + Math.log(p.value), 0);
}

/** β of the pair `key` of a chain (the key must exist: a programming error otherwise). */
function pairValue(c: Pick<ExtractantData, 'pairs'>, key: string): number {
  const p = c.pairs[key];
  if (p === undefined) throw new Error(`extractants: no pair ${key}`);
  return p.value;
}

function keyOf(p: { readonly more: string; readonly less: string }): string {
  return `${p.more}/${p.less}`;
}

/** Order and keyed pairs of a chain given least-first. */
function chain(
  pairs: readonly AdjacentPair[],
): Pick<ExtractantData, 'order' | 'pairs'> & { readonly list: readonly AdjacentPair[] } {
  const first = pairs[0];
  const order = first === undefined ? [] : [first.less, ...pairs.map((p) => p.more)];
  return { order, pairs: Object.fromEntries(pairs.map((p) => [keyOf(p), p])), list: pairs };
}

// ---------------------------------------------------------------------------------------------------------
// P507 (ree-data 2.2)

const P507 = chain([
  midpoint('Ce', 'La', 4, 7, 'XU95', 'low', 'large; also LI19'),
  midpoint('Pr', 'Ce', 1.6, 2.1, 'XU95', 'low', 'also LI19'),
  midpoint('Nd', 'Pr', 1.4, 1.6, 'XU95', 'medium', '1.5 is the usual Chinese design value'),
  midpoint('Sm', 'Nd', 6, 10, 'XU95', 'low', 'the Nd/Sm gap: two atomic-number steps, Pm absent; also LI19'),
  pair('Eu', 'Sm', 2, 'ZZS16', 'secondary', 'medium', 'design-example value for an acidic extractant'),
  pair('Gd', 'Eu', 1.4, 'ZZS16', 'secondary', 'medium', 'design-example value for an acidic extractant'),
  midpoint('Tb', 'Gd', 3.5, 5.5, 'XU95', 'low', 'the gadolinium break; also LI19'),
  midpoint('Dy', 'Tb', 2, 2.5, 'XU95', 'low'),
  midpoint('Ho', 'Dy', 1.8, 2.2, 'XU95', 'low'),
  midpoint('Y', 'Ho', 1.2, 1.5, 'XU95', 'low', 'Y sits between Ho and Er; also LI17'),
  midpoint('Er', 'Y', 1.1, 1.3, 'XU95', 'low', 'also LI17'),
  midpoint('Tm', 'Er', 2.5, 3.5, 'XU95', 'low', 'also LIU21'),
  midpoint('Yb', 'Tm', 2.5, 3.5, 'XU95', 'low', 'also LIU21'),
  midpoint('Lu', 'Yb', 1.5, 1.8, 'XU95', 'low', 'also LIU21'),
]);

// ---------------------------------------------------------------------------------------------------------
// P204 (ree-data 2.3): LREE mid-points, then the rest of the La -> Lu span of a mean adjacent β of 2.5

/** Mean adjacent β of D2EHPA in chloride media over the lanthanides (PEP57, recalled, high). */
const P204_MEAN_BETA = 2.5;
/** Atomic-number steps from La to Lu (Pm included: the mean is per step of Z). */
const LA_LU_STEPS = 14;

const P204_LREE = [
  midpoint('Ce', 'La', 2.5, 3, 'PEP57', 'low', 'bare D2EHPA; also XIE14'),
  midpoint('Pr', 'Ce', 1.5, 2, 'PEP57', 'low', 'bare D2EHPA; also XIE14'),
  midpoint('Nd', 'Pr', 1.3, 1.4, 'PEP57', 'low', 'bare D2EHPA; also XIE14'),
];
const P507_SM_LU = between(P507.list, 'Nd', 'Lu');
const P204_POWER = (LA_LU_STEPS * Math.log(P204_MEAN_BETA) - logSpan(P204_LREE)) / logSpan(P507_SM_LU);
const P204_REST = cite(
  'PEP57',
  'derived',
  'low',
  `P507 value to the power ${P204_POWER.toFixed(4)}: the rest of the La-Lu span 2.5^14 (mean adjacent β 2.5, ` +
    'PEP57, high) spread in the shape of the P507 table; the shape is assumed, not a measured pair',
);
const P204 = chain([...P204_LREE, ...P507_SM_LU.map((p) => scaled(p, P204_POWER, P204_REST))]);

// ---------------------------------------------------------------------------------------------------------
// Cyanex 272 (ree-data 2.4): Ho -> Lu from the geometric mean 2.08; Nd/Pr from a range; the rest assumed

/** Geometric-mean adjacent β of Cyanex 272 from Ho to Lu, chloride (USTB18, abstract, high). */
const CYANEX_HO_LU_MEAN_BETA = 2.08;
/** Atomic-number steps from Ho to Lu. */
const HO_LU_STEPS = 4;

const CYANEX_ND_PR = midpoint('Nd', 'Pr', 1.2, 1.4, 'XIE14', 'low', 'LREE pairs poorer than with P507');
const CYANEX_LIGHT_POWER = Math.log(CYANEX_ND_PR.value) / Math.log(pairValue(P507, 'Nd/Pr'));
const CYANEX_LIGHT = cite(
  'REESIM',
  'assumed',
  'assumed',
  `no published pair: P507 value to the power ${CYANEX_LIGHT_POWER.toFixed(4)}, the power that maps P507 ` +
    'Nd/Pr 1.5 onto the Cyanex 272 value 1.3 (LREE pairs are poorer than with P507, XIE14); a placeholder',
);
const P507_HO_LU = between(P507.list, 'Ho', 'Lu');
const CYANEX_HEAVY_POWER = (HO_LU_STEPS * Math.log(CYANEX_HO_LU_MEAN_BETA)) / logSpan(P507_HO_LU);
const CYANEX_HEAVY = cite(
  'USTB18',
  'derived',
  'low',
  `P507 value to the power ${CYANEX_HEAVY_POWER.toFixed(4)}: the Ho-Lu span 2.08^4 (geometric-mean adjacent ` +
    'β 2.08, USTB18, high) spread in the shape of the P507 table; the product is sourced, the single pair is not',
);
const CYANEX = chain([
  ...between(P507.list, 'La', 'Ho').map((p) =>
    keyOf(p) === 'Nd/Pr' ? CYANEX_ND_PR : scaled(p, CYANEX_LIGHT_POWER, CYANEX_LIGHT),
  ),
  ...P507_HO_LU.map((p) => scaled(p, CYANEX_HEAVY_POWER, CYANEX_HEAVY)),
]);

// ---------------------------------------------------------------------------------------------------------
// Naphthenic acid (ree-data 2.5)

const NA79_CONDITIONS = '0.51 M RECl3 vs 1.8 M naphthenic acid, 48 % ammoniated, in kerosene';
const NAPHTHENIC = chain([
  midpoint(
    'La',
    'Y',
    1.3,
    2,
    'LI17',
    'low',
    'the smallest β(Ln/Y) over the lanthanides; giving it to La/Y (La is the least extracted lanthanide of ' +
      'this chain) is a reesim assumption',
  ),
  pair(
    'Ce',
    'La',
    2.5,
    'NA79',
    'primary',
    'high',
    `${NA79_CONDITIONS}; 2.2-2.4 is the literature value quoted`,
  ),
  pair('Pr', 'Ce', 1.2, 'NA79', 'primary', 'high', NA79_CONDITIONS),
  pair('Nd', 'Pr', 1.3, 'NA79', 'primary', 'high', NA79_CONDITIONS),
]);

// ---------------------------------------------------------------------------------------------------------
// The table

const ASSUMED_LOADING = sourced(
  DEFAULT_LOADING,
  'REESIM',
  'assumed',
  'assumed',
  'the P507 figure (1.5 mol/L, 36 % saponified, / 3); the reference sheet gives none for this extractant',
);

/**
 * The built-in extractant systems, keyed by name. Chloride media throughout; β(more/less) > 1 for every
 * adjacent pair of `order`; loading in mol RE per litre of organic. Every value carries its source, basis and
 * confidence (see the module notes: only the naphthenic-acid LREE pairs, the P204 mean and the Cyanex 272
 * Ho-Lu mean are high confidence; most single pairs are indicative design values).
 *
 * - `P507` (PC88A, HEH(EHP), EHEHPA): the Chinese workhorse for LREE, MREE and HREE cuts. Loading
 *   1.5 mol/L × 36 % saponified / 3 = 0.18 mol/L (derived, high given those inputs).
 * - `P204` (D2EHPA, HDEHP): stronger acid, harder to strip.
 * - `Cyanex 272`: phosphinic acid for Tm/Yb/Lu; easy stripping.
 * - `naphthenic acid`: Y purification (Y is the least extracted); table holds Y and La-Nd only.
 *
 * @example
 * ```ts
 * extractants.P507.order.join(' < '); // 'La < Ce < Pr < Nd < Sm < Eu < Gd < Tb < Dy < Ho < Y < Er < Tm < Yb < Lu'
 * extractants.P507.pairs['Sm/Nd'].value; // 8 (mid-point of 6-10, two steps: Pm absent)
 * extractants.P507.loading.value; // 0.18 mol/L
 * extractants['naphthenic acid'].order[0]; // 'Y'
 * extractants['Cyanex 272'].pairs['Lu/Yb'].confidence; // 'low'
 * ```
 */
export const extractants: { readonly [S in ExtractantSystem]: ExtractantData } = {
  P507: {
    name: 'P507',
    aliases: ['PC88A', 'HEH(EHP)', 'EHEHPA'],
    chemicalName: '2-ethylhexyl phosphonic acid mono-2-ethylhexyl ester',
    medium: 'chloride',
    order: P507.order,
    orderProvenance: cite(
      'LI19',
      'recalled',
      'medium',
      'extractability rises with Z, La least and Lu most (high; also GK05, XIE14); Y between Ho and Er (medium)',
    ),
    pairs: P507.pairs,
    loading: sourced(
      DEFAULT_LOADING,
      'XU95',
      'derived',
      'high',
      '1.5 mol/L P507 × 36 % saponified / 3 (three extractant anions per RE3+) ≈ 30 g REO/L; the inputs are ' +
        'XU95 (recalled, medium), the arithmetic exact',
    ),
    stripAcid: sourced(
      '4-6 mol/L HCl: LREE about 4 M, HREE higher; Tm, Yb, Lu strip incompletely even at 6 M or more',
      'XIE14',
      'recalled',
      'medium',
    ),
    saponification: sourced(
      '30-40 % of the acid neutralised before extraction (NH3 historically; NaOH, Mg or Ca bases now favoured ' +
        'to avoid ammonium effluent); a common set is 1.5 M P507 with 0.54 M saponified (36 %). Three ' +
        'equivalents of base per mol RE extracted, three mol H+ per mol RE stripped',
      'XU95',
      'recalled',
      'medium',
    ),
    use: sourced(
      'LREE, MREE and HREE group and pair separations; cuts placed at Nd/Sm and Gd/Tb where β is large',
      'XU95',
      'recalled',
      'medium',
    ),
  },
  P204: {
    name: 'P204',
    aliases: ['D2EHPA', 'HDEHP'],
    chemicalName: 'di(2-ethylhexyl) phosphoric acid',
    medium: 'chloride',
    order: P204.order,
    orderProvenance: cite(
      'LI19',
      'recalled',
      'medium',
      'extractability rises with Z, La least and Lu most (high; also GK05, XIE14); Y between Ho and Er (medium)',
    ),
    pairs: P204.pairs,
    loading: ASSUMED_LOADING,
    stripAcid: sourced(
      'higher acidity than P507 for the same element (D2EHPA is the stronger acid); HREE need 6 mol/L HCl or more',
      'XIE14',
      'recalled',
      'medium',
    ),
    saponification: sourced(
      'no figure in the reference sheet; reesim assumes the P507 practice (30-40 % neutralised)',
      'REESIM',
      'assumed',
      'assumed',
    ),
    use: sourced(
      'LREE/MREE group separations and impurity removal; mean adjacent β ≈ 2.5',
      'PEP57',
      'recalled',
      'medium',
    ),
  },
  'Cyanex 272': {
    name: 'Cyanex 272',
    aliases: ['CYANEX 272', 'Cyanex272'],
    chemicalName: 'bis(2,4,4-trimethylpentyl)phosphinic acid',
    medium: 'chloride',
    order: CYANEX.order,
    orderProvenance: cite(
      'XIE14',
      'recalled',
      'medium',
      'extractability rises with Z, La least and Lu most (high; also LI19); Y placed between Ho and Er as for ' +
        'P507 and P204 (assumed)',
    ),
    pairs: CYANEX.pairs,
    loading: ASSUMED_LOADING,
    stripAcid: sourced(
      'about 1-2 mol/L HCl: easy stripping (a weaker acid than P507)',
      'LIU21',
      'recalled',
      'medium',
    ),
    saponification: sourced(
      'a weaker extractant: needs a higher pH, hence saponification (degree not given in the reference sheet)',
      'XIE14',
      'recalled',
      'medium',
    ),
    use: sourced(
      'Tm/Yb/Lu separations, where P507 strips poorly; geometric-mean adjacent β Ho-Lu 2.08',
      'LIU21',
      'recalled',
      'medium',
    ),
  },
  'naphthenic acid': {
    name: 'naphthenic acid',
    aliases: ['NA'],
    chemicalName: 'naphthenic acids (cycloalkyl carboxylic acids from petroleum refining)',
    medium: 'chloride',
    order: NAPHTHENIC.order,
    orderProvenance: cite(
      'LI17',
      'recalled',
      'medium',
      'Y is the least extracted rare earth (medium); La < Ce < Pr < Nd from the NA79 pairs (high)',
    ),
    pairs: NAPHTHENIC.pairs,
    loading: sourced(
      (1.8 * 0.48) / 3,
      'NA79',
      'derived',
      'medium',
      '1.8 mol/L naphthenic acid × 48 % ammoniated / 3 (the NA79 conditions, high); assumes the ammoniated ' +
        'acid loads fully',
    ),
    stripAcid: sourced(
      'dilute HCl (a carboxylic acid strips readily); no figure in the reference sheet',
      'REESIM',
      'assumed',
      'assumed',
    ),
    saponification: sourced(
      '45-48 % ammoniated (NA79 designs at 1.6-1.8 mol/L naphthenic acid, feed pH 3.4-3.7)',
      'NA79',
      'primary',
      'high',
    ),
    use: sourced(
      'Y purification: every lanthanide is extracted and Y reports alone to the raffinate (4N-5N Y2O3 from ' +
        'ion-adsorption concentrates)',
      'LI17',
      'recalled',
      'medium',
    ),
  },
};

// ---------------------------------------------------------------------------------------------------------
// Functions

const SYSTEMS = Object.keys(extractants) as ExtractantSystem[];

/**
 * The built-in extractant system named by `value` (a key of {@link extractants} or an alias).
 * @throws ReesimError `UNKNOWN_KEY` for an unknown name, `INVALID_TYPE` for a non-string
 */
export function findSystem(path: string, value: unknown): ExtractantData {
  if (typeof value === 'string') {
    for (const key of SYSTEMS) {
      const data = extractants[key];
      if (key === value || data.aliases.includes(value)) return data;
    }
  }
  const names = SYSTEMS.map((key) => `'${key}'`).join(', ');
  return fail(
    typeof value === 'string' ? 'UNKNOWN_KEY' : 'INVALID_TYPE',
    path,
    value,
    `one of ${names} or an alias (${SYSTEMS.flatMap((key) => extractants[key].aliases).join(', ')})`,
  );
}

/** The distinct elements of `value`, checked against the system's chain, in order of extractability. */
function chainElements(path: string, data: ExtractantData, value: unknown): ChainElement[] {
  const order = data.order as readonly string[];
  const chainText = `an element of the ${data.name} chain (${order.join(', ')})`;
  if (!Array.isArray(value)) return fail('INVALID_TYPE', path, value, 'an array of rare-earth symbols');
  if (value.length === 0) fail('MISSING', path, value, 'at least one element');
  const seen = new Set<string>();
  value.forEach((symbol: unknown, i) => {
    const at = `${path}[${i}]`;
    if (typeof symbol !== 'string') fail('INVALID_TYPE', at, symbol, 'a rare-earth symbol');
    if (!order.includes(symbol)) {
      if (symbol === 'Sc')
        fail('NOT_SUPPORTED', at, symbol, `${chainText}; Sc is not in the extractant tables`);
      if (symbol === 'Pm') fail('NOT_SUPPORTED', at, symbol, `${chainText}; Pm is absent in practice`);
      if (isRareEarth(symbol)) {
        fail('NOT_SUPPORTED', at, symbol, `${chainText}; the table has no pairs for ${symbol}`);
      }
      fail('UNKNOWN_KEY', at, symbol, chainText);
    }
    if (seen.has(symbol)) fail('INVALID_TYPE', at, symbol, 'each element once');
    seen.add(symbol);
  });
  return data.order.filter((e) => seen.has(e));
}

/** β of each selected element relative to the first (least extractable), multiplying pairs along the chain. */
function chainProducts(
  data: ExtractantData,
  selected: readonly ChainElement[],
  overrides: ReadonlyMap<string, number>,
): Record<string, number> {
  const out: Record<string, number> = {};
  let product = 1;
  let previous = -1;
  for (const element of selected) {
    const index = data.order.indexOf(element);
    const lower = data.order[previous];
    if (lower !== undefined) {
      let step = overrides.get(`${element}/${lower}`);
      if (step === undefined) {
        step = 1;
        for (let i = previous + 1; i <= index; i++) {
          const key = `${data.order[i]}/${data.order[i - 1]}`;
          step *= overrides.get(key) ?? data.pairs[key]?.value ?? 1;
        }
      }
      product *= step;
    }
    out[element] = product;
    previous = index;
  }
  return out;
}

/**
 * Relative extractability of rare earths in one extractant system: β of each element over the least
 * extractable of the given elements, the product of the adjacent-pair separation factors along the order
 * of extractability (β(C/A) = β(C/B)·β(B/A), ree-data 2.1). Keys come out in order of extractability, the
 * least first (value 1).
 *
 * **Model.** Constant separation factors (chloride medium, the system's typical conditions); dimensionless.
 * **Data.** {@link extractants}: pairs of mixed confidence, see there; Pm and Sc are not in the chains.
 *
 * @param system a key of {@link extractants} or an alias (`'PC88A'`, `'D2EHPA'`, ...)
 * @param elements the elements to compare, any order, each once (default: the whole chain of the system)
 * @throws ReesimError `UNKNOWN_KEY` for an unknown system or symbol; `NOT_SUPPORTED` for Sc, Pm, or a rare
 *   earth the system's table does not hold; `INVALID_TYPE` / `MISSING` for a malformed list
 * @example
 * ```ts
 * const r = relativeExtractability('P507', ['Sm', 'Pr', 'Nd']);
 * r.Pr; // 1
 * r.Nd; // 1.5 (Nd/Pr)
 * r.Sm; // 12 (Nd/Pr × Sm/Nd)
 * Math.log10(relativeExtractability('PC88A').Lu); // ~5.22 (La -> Lu, ree-data 2.2)
 * relativeExtractability('naphthenic acid', ['La', 'Y']).La; // 1.65
 * ```
 */
export function relativeExtractability(
  system: ExtractantSystem | string,
  elements?: readonly string[],
): Record<string, number> {
  const data = findSystem('relativeExtractability.system', system);
  const selected =
    elements === undefined ? data.order : chainElements('relativeExtractability.elements', data, elements);
  return chainProducts(data, selected, new Map());
}

/**
 * Xu's constant-separation-factor model ({@link separationFactors}) for a set of rare earths in one built-in
 * extractant system: β of each element relative to the least extractable of them (products of the
 * adjacent pairs, as in {@link relativeExtractability}), and the system's typical organic loading.
 *
 * **Overrides.** `pairs` replaces β of any pair adjacent in the system's order (e.g. `'Sm/Nd'`) or adjacent
 * among the selected elements (e.g. `'Sm/Pr'` when Nd is not selected; this replaces the product of the
 * chain pairs between them). Keys are written more/less extractable; a chain pair outside the selected
 * elements has no effect. `loading` replaces the loading, mol RE per litre of organic.
 * **Data.** {@link extractants}; mostly indicative pairs, so give plant values where you have them.
 *
 * @param system a key of {@link extractants} or an alias
 * @param elements the species of the model, any order, each once
 * @param overrides replacement pairs and loading
 * @throws ReesimError `UNKNOWN_KEY` for an unknown system, symbol, option or pair; `NOT_SUPPORTED` for Sc,
 *   Pm or an element outside the system's table; `OUT_OF_RANGE` / `NOT_FINITE` for a bad β or loading
 * @example
 * ```ts
 * const m = separationFactorModel('P507', ['Nd', 'Pr']);
 * m.beta.Nd / m.beta.Pr; // 1.5
 * m.loading; // 0.18 mol/L
 * const plant = separationFactorModel('P507', ['Pr', 'Nd', 'Sm'], { pairs: { 'Nd/Pr': 1.6 }, loading: 0.2 });
 * plant.beta.Sm / plant.beta.Pr; // 12.8
 * separationFactorModel('Cyanex 272', ['Lu', 'Yb', 'Tm']).beta.Lu; // ~4.36
 * ```
 */
export function separationFactorModel(
  system: ExtractantSystem | string,
  elements: readonly string[],
  overrides: SeparationFactorOverrides = {},
): SeparationFactorModel {
  const fn = 'separationFactorModel';
  const data = findSystem(`${fn}.system`, system);
  const selected = chainElements(`${fn}.elements`, data, elements);
  if (!isRecord(overrides))
    fail('INVALID_TYPE', `${fn}.overrides`, overrides, 'an object { pairs?, loading? }');
  knownKeys(`${fn}.overrides`, overrides, ['pairs', 'loading']);

  const pairs = new Map<string, number>();
  if (overrides.pairs !== undefined) {
    const path = `${fn}.overrides.pairs`;
    if (!isRecord(overrides.pairs))
      fail('INVALID_TYPE', path, overrides.pairs, "a record like { 'Nd/Pr': 1.6 }");
    const allowed = new Set(Object.keys(data.pairs));
    selected.forEach((e, i) => {
      const lower = selected[i - 1];
      if (lower !== undefined) allowed.add(`${e}/${lower}`);
    });
    for (const [key, value] of Object.entries(overrides.pairs)) {
      if (!allowed.has(key)) {
        fail(
          'UNKNOWN_KEY',
          `${path}.${key}`,
          key,
          `a pair written more/less, one of ${[...allowed].join(', ')}`,
        );
      }
      pairs.set(key, positive(`${path}.${key}`, value));
    }
  }
  const loading =
    overrides.loading === undefined
      ? data.loading.value
      : positive(`${fn}.overrides.loading`, overrides.loading);

  const beta = chainProducts(data, selected, pairs);
  for (const value of Object.values(beta)) {
    if (!(value >= 1e-12 && value <= 1e12)) {
      fail(
        'OUT_OF_RANGE',
        `${fn}.overrides.pairs`,
        overrides.pairs,
        'pairs whose products stay in [1e-12, 1e12]',
      );
    }
  }
  return separationFactors(beta, { loading });
}
