/**
 * Rare-earth deposits: what a mine delivers. Each entry gives the REO distribution (% of TREO per rare earth,
 * oxide basis) with one provenance for the whole column, the ore grade (TREO mass fraction of dry ore), and
 * where known the Th, U and Fe/Ca/Al contents of the ore as reported oxides (ThO2, U3O8, Fe2O3, CaO, Al2O3).
 *
 * **Data:** distributions from ree-data.md 5.1 (CH06, recalled), grades from 5.2 (MP10K, LYC, SW16, BEY,
 * DREW90), mineral Th contents from section 1. Published columns sum to ~98-100 % ("tr" is taken as 0);
 * {@link depositDistribution} normalises them to fractions summing to 1. Entries with `proxy: true` stand in
 * for deposits whose distribution is unpublished: they borrow another deposit's column (confidence `assumed`).
 * (Layering: this table imports `oxideFactor` and `RARE_EARTHS` from chemistry.)
 */
import { RARE_EARTHS, type RareEarth } from '../chemistry/elements.js';
import { oxideFactor } from '../chemistry/oxide.js';
import { fail } from '../core/errors.js';
import { isRecord, knownKeys, nonNegative, oneOf } from '../core/validate.js';
import { type Sourced, sourced } from './provenance.js';

/** Every deposit type. */
export const DEPOSIT_TYPES = [
  'carbonatite',
  'laterite',
  'ion-adsorption clay',
  'placer monazite',
  'placer xenotime',
  'fluorite-barite',
  'other',
] as const;

/** Geological type of a deposit. */
export type DepositType = (typeof DEPOSIT_TYPES)[number];

/** REO distribution: % of TREO per rare earth (oxide basis); absent elements are 0. */
export type ReoDistribution = Readonly<Partial<Record<RareEarth, number>>>;

/** Non-RE assay items of an ore: mass fraction of dry ore as Fe2O3, CaO, Al2O3. */
export type OreAssay = Readonly<Partial<Record<'Fe' | 'Ca' | 'Al', Sourced<number>>>>;

/** A rare-earth deposit as a mine sees it. All fractions refer to dry ore (oxide basis). */
export interface Deposit {
  readonly id: string;
  readonly name: string;
  readonly country: string;
  readonly type: DepositType;
  /** Rare-earth-bearing minerals, e.g. `['bastnaesite']`. */
  readonly hostMinerals: readonly string[];
  /** % of TREO per rare earth, as published (columns sum to ~98-100 %), with one provenance. */
  readonly distribution: Sourced<ReoDistribution>;
  /** Ore grade: TREO mass fraction of dry ore (0.0597 = 5.97 % TREO). */
  readonly grade: Sourced<number>;
  /** ThO2 mass fraction of dry ore. */
  readonly thorium?: Sourced<number>;
  /** U3O8 mass fraction of dry ore. */
  readonly uranium?: Sourced<number>;
  /** Fe2O3, CaO, Al2O3 mass fractions of dry ore. */
  readonly assay?: OreAssay;
  /** True when the distribution (and maybe grade) is borrowed from another deposit: no published data. */
  readonly proxy: boolean;
  readonly note: string;
}

/** Order of the sheet's distribution columns (ree-data.md 5.1 rows); Sc and Pm are absent (0). */
const COLUMN: readonly RareEarth[] = ['La', 'Ce', 'Pr', 'Nd', 'Sm', 'Eu', 'Gd', 'Tb', 'Dy', 'Ho', 'Er', 'Tm'];
const TAIL: readonly RareEarth[] = ['Yb', 'Lu', 'Y'];
const reo = (v: readonly number[]): ReoDistribution =>
  Object.fromEntries([...COLUMN, ...TAIL].map((s, i) => [s, v[i] ?? 0]));

// ree-data.md 5.1 columns, % of TREO ('tr' = 0; Bayan Obo Y ~0.3; medium-Y Eu-rich: mid-points of the ranges).
const BAYAN = reo([23.0, 50.0, 6.2, 18.5, 0.8, 0.2, 0.7, 0.1, 0.1, 0, 0, 0, 0, 0, 0.3]);
const MP = reo([
  33.2, 49.1, 4.34, 12.0, 0.789, 0.118, 0.166, 0.0159, 0.0312, 0.0051, 0.0035, 0.0009, 0.0006, 0, 0.0913,
]);
const WELD = reo([25.5, 46.7, 5.3, 18.5, 2.3, 0.44, 1.0, 0.07, 0.12, 0, 0, 0, 0, 0, 0.25]);
const LONGNAN = reo([1.8, 0.4, 0.7, 3.0, 2.8, 0.1, 6.9, 1.3, 6.7, 1.6, 4.9, 0.7, 2.5, 0.4, 65.0]);
const MED_Y = reo([27.5, 3, 5.5, 18.5, 4.5, 0.85, 5, 0.75, 4.5, 0.8, 2.5, 0.3, 1.75, 0.3, 26]);
const LAHAT = reo([1.24, 3.13, 0.49, 1.59, 1.14, 0.01, 3.47, 0.91, 8.32, 1.98, 6.43, 1.12, 6.77, 0.99, 61.0]);
const CAPEL = reo([
  23.9, 46.0, 5.04, 17.4, 2.53, 0.053, 1.49, 0.035, 0.69, 0.05, 0.21, 0.01, 0.12, 0.04, 2.41,
]);
const COVE = reo([17.5, 43.7, 5.0, 17.5, 4.9, 0.16, 6.6, 0.26, 0.9, 0.11, 0.04, 0.03, 0.21, 0.03, 3.2]);

/** ThO2 per TREO in monazite: ~8 % ThO2 (4-12 %) over ~60 % REO (55-65 %) in the mineral (ree-data.md 1, 5.2). */
export const MONAZITE_THO2_PER_TREO = sourced(0.08 / 0.6, 'GK05', 'derived', 'low', '0.08 / 0.6');
/** U3O8 per TREO in monazite: ~0.3 % U (0.1-0.5 %, taken as U3O8) over ~60 % REO (ree-data.md 1). */
export const MONAZITE_U3O8_PER_TREO = sourced(0.003 / 0.6, 'GK05', 'derived', 'low', '0.003 / 0.6');

const SANDS = 0.0006;
const SANDS_WHY = 'sand as mined: ~5 % heavy minerals x ~2 % monazite x ~60 % REO';
/** Typical ion-adsorption clay: ~800 ppm REY (element basis; range 140-6,500 ppm), SW16 (primary, high). */
const CLAY_REY = 0.0008;

/** TREO mass fraction of an ore whose rare earths (element basis) are `rey`, with this oxide distribution. */
function treoFromElements(rey: number, distribution: ReoDistribution): number {
  let oxide = 0;
  let element = 0;
  for (const [s, pct] of Object.entries(distribution) as [RareEarth, number][]) {
    oxide += pct;
    element += pct / oxideFactor(s);
  }
  return element > 0 ? (rey * oxide) / element : 0;
}
const clayGrade = (distribution: ReoDistribution) =>
  sourced(
    treoFromElements(CLAY_REY, distribution),
    'SW16',
    'derived',
    'medium',
    'typical ~800 ppm REY (element basis) turned into TREO with this distribution; real clays span 140-6,500 ppm',
  );
const CLAY_MINERALS = ['REE adsorbed on kaolinite/halloysite'];
const assumed = <T>(value: T, note: string) => sourced(value, 'REESIM', 'assumed', 'assumed', note);
const monazite = (grade: number) => ({
  thorium: sourced(grade * MONAZITE_THO2_PER_TREO.value, 'GK05', 'derived', 'low', 'grade x ThO2/TREO'),
  uranium: sourced(grade * MONAZITE_U3O8_PER_TREO.value, 'GK05', 'derived', 'low', 'grade x U3O8/TREO'),
});
const PROXY = 'no published distribution exists';
const BEY_TH = 'grade x 250 t Th (as metal) per 10,000 t REO (plant plan), as ThO2';

/** Every built-in deposit id. */
export const DEPOSIT_IDS = [
  'bayan-obo',
  'mountain-pass',
  'mount-weld',
  'longnan',
  'medium-y-eu-clay',
  'lahat',
  'north-capel',
  'green-cove-springs',
  'kachin-clay-proxy',
  'pakistan-proxy',
  'beylikova-proxy',
  'serra-verde-proxy',
] as const;

/** Id of a built-in deposit. */
export type DepositId = (typeof DEPOSIT_IDS)[number];

const catalogue = {
  'bayan-obo': {
    name: 'Bayan Obo',
    country: 'China',
    type: 'carbonatite',
    hostMinerals: ['bastnaesite', 'monazite'],
    distribution: sourced(BAYAN, 'CH06', 'recalled', 'medium', 'mixed bastnaesite + monazite concentrate'),
    grade: sourced(0.06, 'DREW90', 'recalled', 'low', '~3-6 % REO, ~6 % for main/east orebodies'),
    thorium: assumed(0.0004, 'Th-bearing monazite present; no figure in the sheet'),
    assay: { Fe: sourced(0.325 * oxideFactor('Fe'), 'DREW90', 'derived', 'low', '~30-35 % Fe, as Fe2O3') },
    proxy: false,
    note: 'Fe-Nb-REE ore (Inner Mongolia); the distribution is that of the mixed concentrate',
  },
  'mountain-pass': {
    name: 'Mountain Pass',
    country: 'United States',
    type: 'carbonatite',
    hostMinerals: ['bastnaesite'],
    distribution: sourced(MP, 'CH06', 'recalled', 'medium', 'Molycorp set agrees within ~1 point'),
    grade: sourced(0.0597, 'MP10K', 'secondary', 'high', 'P&P reserves 29.69 M short t at 5.97 % TREO'),
    thorium: assumed(0.0002, 'bastnaesite ore is low in Th'),
    assay: {
      Ca: sourced(
        0.117,
        'JOR13',
        'derived',
        'low',
        'CaO of ore that gives the ~5 % CaO of the ~60 % REO flotation concentrate when Ca floats with the rest of the gangue',
      ),
    },
    proxy: false,
    note: 'carbonatite bastnaesite in calcite/barite gangue: the calcite as CaO (its Ca consumes acid), the rest lumped into Gangue',
  },
  'mount-weld': {
    name: 'Mount Weld (CLD)',
    country: 'Australia',
    type: 'laterite',
    hostMinerals: ['monazite (secondary)', 'rhabdophane', 'churchite'],
    distribution: sourced(WELD, 'LYC', 'recalled', 'low', 'Lynas CLD distribution as recalled'),
    grade: sourced(0.0644, 'LYC', 'secondary', 'high', 'Ore Reserve 32.0 Mt at 6.44 % TREO (2024)'),
    thorium: assumed(0.0644 * 0.005, 'grade x ThO2/TREO ~0.005 (Th-poor secondary phosphates)'),
    proxy: false,
    note: 'weathered laterite over carbonatite; REE in secondary phosphates',
  },
  longnan: {
    name: 'Longnan (high-Y clay)',
    country: 'China',
    type: 'ion-adsorption clay',
    hostMinerals: CLAY_MINERALS,
    distribution: sourced(LONGNAN, 'CH06', 'recalled', 'medium'),
    grade: clayGrade(LONGNAN),
    proxy: false,
    note: 'Jiangxi heavy (high-Y) ion-adsorption clay; leached in situ or in heaps, no beneficiation',
  },
  'medium-y-eu-clay': {
    name: 'Medium-Y Eu-rich clay (Xinfeng type)',
    country: 'China',
    type: 'ion-adsorption clay',
    hostMinerals: CLAY_MINERALS,
    distribution: sourced(
      MED_Y,
      'REESIM',
      'recalled',
      'low',
      'mid-points of ranges recalled in the reference sheet (ree-data 5.1 note), no primary source read',
    ),
    grade: clayGrade(MED_Y),
    proxy: false,
    note: 'medium-Y Eu-rich ion-adsorption type (Xinfeng, parts of Ganzhou); mid-points sum to ~102 %',
  },
  lahat: {
    name: 'Lahat xenotime',
    country: 'Malaysia',
    type: 'placer xenotime',
    hostMinerals: ['xenotime'],
    distribution: sourced(LAHAT, 'CH06', 'recalled', 'medium'),
    grade: assumed(0.0003, 'placer as mined: ~0.05 % xenotime x ~60 % REO; no published figure'),
    proxy: false,
    note: 'xenotime from tin-placer tailings; its Th and U are not modelled (no figure in the sheet)',
  },
  'north-capel': {
    name: 'North Capel monazite',
    country: 'Australia',
    type: 'placer monazite',
    hostMinerals: ['monazite'],
    distribution: sourced(CAPEL, 'CH06', 'recalled', 'medium'),
    grade: assumed(SANDS, `${SANDS_WHY}; no published figure`),
    ...monazite(SANDS),
    proxy: false,
    note: 'beach-sand monazite, Western Australia',
  },
  'green-cove-springs': {
    name: 'Green Cove Springs monazite',
    country: 'United States',
    type: 'placer monazite',
    hostMinerals: ['monazite'],
    distribution: sourced(COVE, 'CH06', 'recalled', 'medium'),
    grade: assumed(SANDS, `${SANDS_WHY}; no published figure`),
    ...monazite(SANDS),
    proxy: false,
    note: 'heavy-mineral sand monazite, Florida',
  },
  'kachin-clay-proxy': {
    name: 'Kachin clays (proxy)',
    country: 'Myanmar',
    type: 'ion-adsorption clay',
    hostMinerals: CLAY_MINERALS,
    distribution: assumed(MED_Y, 'proxy: medium-Y Eu-rich clay column'),
    grade: assumed(
      treoFromElements(CLAY_REY, MED_Y),
      'proxy: south-China typical ~800 ppm REY (SW16) as TREO with the medium-Y distribution',
    ),
    proxy: true,
    note: `proxy of the medium-Y Eu-rich clay; HREE (Dy, Tb)-rich per DIPLOMAT21 (qualitative); ${PROXY}`,
  },
  'pakistan-proxy': {
    name: 'Pakistan monazite/bastnaesite (proxy)',
    country: 'Pakistan',
    type: 'placer monazite',
    hostMinerals: ['monazite', 'bastnaesite'],
    distribution: assumed(CAPEL, 'proxy: North Capel monazite column'),
    grade: assumed(SANDS, `proxy: North Capel assumed grade (${SANDS_WHY})`),
    ...monazite(SANDS),
    proxy: true,
    note: `proxy of North Capel monazite (LREE, monazite-like); ${PROXY}, nor a grade`,
  },
  'beylikova-proxy': {
    name: 'Beylikova / Kizilcaoren (proxy)',
    country: 'Turkey',
    type: 'fluorite-barite',
    hostMinerals: ['bastnaesite', 'fluorite', 'barite'],
    distribution: assumed(MP, 'proxy: Mountain Pass bastnaesite column'),
    grade: sourced(0.0278, 'BEY', 'secondary', 'medium', 'historic Kizilcaoren data, 2.78 % REO'),
    thorium: sourced(0.0278 * 0.025 * oxideFactor('Th'), 'BEY', 'derived', 'low', BEY_TH),
    proxy: true,
    note: `proxy of Mountain Pass-like bastnaesite (LREE); ${PROXY}; fluorite-barite-REE-Th ore`,
  },
  'serra-verde-proxy': {
    name: 'Serra Verde (proxy)',
    country: 'Brazil',
    type: 'ion-adsorption clay',
    hostMinerals: CLAY_MINERALS,
    distribution: assumed(MED_Y, 'proxy: medium-Y Eu-rich clay column'),
    grade: assumed(0.001, 'proxy: ~0.1 % TREO order of magnitude, like other ionic clays'),
    proxy: true,
    note: `proxy of the medium-Y Eu-rich clay; elevated Nd, Pr, Tb, Dy per SV; ${PROXY}, nor a grade`,
  },
} satisfies Record<DepositId, Omit<Deposit, 'id'>>;

/**
 * Built-in deposits keyed by id (see the module notes for sources; `proxy: true` entries are labelled stand-ins).
 *
 * @example
 * ```ts
 * deposits['mountain-pass'].grade.value; // 0.0597 (TREO fraction, MP10K)
 * deposits['mountain-pass'].distribution.value.Nd; // 12.0 (% of TREO, CH06)
 * ```
 */
export const deposits = Object.fromEntries(
  Object.entries(catalogue).map(([id, d]): [string, Deposit] => [id, { id, ...d }]),
) as { readonly [K in DepositId]: Deposit };

/**
 * The built-in deposit with this id.
 *
 * @throws ReesimError `UNKNOWN_KEY` for an unknown id (`INVALID_TYPE` if not a string)
 * @example
 * ```ts
 * getDeposit('mount-weld').grade.value; // 0.0644
 * ```
 */
export function getDeposit(id: DepositId | string, path = 'deposit'): Deposit {
  return deposits[oneOf(path, id, DEPOSIT_IDS)];
}

/**
 * A distribution in % of TREO (or any positive scale) as fractions of TREO summing to 1, one per rare earth.
 *
 * @throws ReesimError `UNKNOWN_KEY` for a key that is not a rare earth, `OUT_OF_RANGE`/`NOT_FINITE` for a bad
 *   share, `INFEASIBLE` when all shares are 0
 * @example
 * ```ts
 * normaliseDistribution({ La: 30, Ce: 70 }).Ce; // 0.7
 * ```
 */
export function normaliseDistribution(
  distribution: ReoDistribution,
  path = 'distribution',
): Record<RareEarth, number> {
  if (!isRecord(distribution))
    fail('INVALID_TYPE', path, distribution, 'a record of rare earth -> % of TREO');
  knownKeys(path, distribution, RARE_EARTHS);
  let sum = 0;
  for (const s of RARE_EARTHS) sum += nonNegative(`${path}.${s}`, distribution[s] ?? 0);
  if (!(sum > 0) || !Number.isFinite(sum)) fail('INFEASIBLE', path, sum, 'shares with a finite positive sum');
  const out = {} as Record<RareEarth, number>;
  for (const s of RARE_EARTHS) out[s] = (distribution[s] ?? 0) / sum;
  return out;
}

/**
 * The REO distribution of a built-in deposit as fractions of TREO summing to 1 (oxide basis). Published
 * columns sum to ~98-100 % (trace elements count as 0); reesim normalises them.
 *
 * @throws ReesimError `UNKNOWN_KEY` for an unknown id
 * @example
 * ```ts
 * depositDistribution('mountain-pass').Nd; // 0.1202 (12.0 / 99.86)
 * ```
 */
export function depositDistribution(id: DepositId | string): Record<RareEarth, number> {
  return normaliseDistribution(getDeposit(id).distribution.value, `deposits.${String(id)}.distribution`);
}
