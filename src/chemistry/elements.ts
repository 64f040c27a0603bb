/**
 * The elements reesim tracks: the 17 rare-earth elements, Th and U, and the major non-RE elements of ores
 * and leach liquors (Fe, Al, Ca). Atomic masses are IUPAC/CIAAW standard atomic weights; the reported oxide
 * is the form in which each element is traded and assayed (CeO2, Pr6O11, Tb4O7, else R2O3). Oxide factors are
 * computed from these masses in `oxide.ts`, never typed in.
 */
import { cite, type Provenance } from '../data/provenance.js';

/** The 17 rare-earth elements in order of atomic number. */
export const RARE_EARTHS = [
  'Sc',
  'Y',
  'La',
  'Ce',
  'Pr',
  'Nd',
  'Pm',
  'Sm',
  'Eu',
  'Gd',
  'Tb',
  'Dy',
  'Ho',
  'Er',
  'Tm',
  'Yb',
  'Lu',
] as const;

/** Symbol of a rare-earth element. */
export type RareEarth = (typeof RARE_EARTHS)[number];

/** Every element reesim tracks, rare earths first. */
export const ELEMENT_SYMBOLS = [...RARE_EARTHS, 'Th', 'U', 'Fe', 'Al', 'Ca'] as const;

/** Symbol of a tracked element. */
export type ElementSymbol = (typeof ELEMENT_SYMBOLS)[number];

/** Which family an element belongs to in reesim's accounting. */
export type ElementCategory = 'rare-earth' | 'actinide' | 'base';

/** Formula of the reported oxide, MₐOᵦ, as atom counts. */
export interface OxideFormula {
  readonly formula: string;
  readonly metalAtoms: number;
  readonly oxygenAtoms: number;
}

/** Facts about one element. */
export interface ElementData {
  readonly symbol: ElementSymbol;
  readonly name: string;
  /** Atomic number. */
  readonly Z: number;
  /** Standard atomic weight, g/mol (Pm: mass number of its longest-lived isotope). */
  readonly atomicMass: number;
  /** Reported oxide: the form the element is traded and assayed in. */
  readonly oxide: OxideFormula;
  readonly category: ElementCategory;
  /** Main uses, one line. */
  readonly uses: string;
  /** Source of the atomic mass and of the oxide form. */
  readonly provenance: {
    readonly atomicMass: Provenance;
    readonly oxide: Provenance;
    readonly uses: Provenance;
  };
}

const ATOMIC_MASS = cite('CIAAW', 'recalled', 'high', 'IUPAC/CIAAW standard atomic weight');
const OXIDE_FORM = cite(
  'GK05',
  'recalled',
  'high',
  'stable oxide on calcination in air; the trade/assay form',
);
const USES = cite('GK05', 'recalled', 'medium');

function oxide(formula: string, metalAtoms: number, oxygenAtoms: number): OxideFormula {
  return { formula, metalAtoms, oxygenAtoms };
}

const R2O3 = (symbol: string) => oxide(`${symbol}2O3`, 2, 3);

function element(
  symbol: ElementSymbol,
  name: string,
  Z: number,
  atomicMass: number,
  reportedOxide: OxideFormula,
  category: ElementCategory,
  uses: string,
): ElementData {
  return {
    symbol,
    name,
    Z,
    atomicMass,
    oxide: reportedOxide,
    category,
    uses,
    provenance: { atomicMass: ATOMIC_MASS, oxide: OXIDE_FORM, uses: USES },
  };
}

/**
 * Element table keyed by symbol.
 *
 * @example
 * ```ts
 * elements.Nd.atomicMass; // 144.242 g/mol
 * elements.Ce.oxide.formula; // 'CeO2'
 * ```
 */
export const elements: { readonly [S in ElementSymbol]: ElementData } = {
  Sc: element(
    'Sc',
    'scandium',
    21,
    44.955907,
    R2O3('Sc'),
    'rare-earth',
    'Al-Sc alloys, stabilised zirconia for fuel cells, lamps',
  ),
  Y: element(
    'Y',
    'yttrium',
    39,
    88.905838,
    R2O3('Y'),
    'rare-earth',
    'YSZ ceramics and coatings, phosphor hosts, YAG lasers',
  ),
  La: element(
    'La',
    'lanthanum',
    57,
    138.90547,
    R2O3('La'),
    'rare-earth',
    'FCC catalysts, NiMH anodes, optical glass',
  ),
  Ce: element(
    'Ce',
    'cerium',
    58,
    140.116,
    oxide('CeO2', 1, 2),
    'rare-earth',
    'polishing powders, autocatalysts, mischmetal',
  ),
  Pr: element(
    'Pr',
    'praseodymium',
    59,
    140.90766,
    oxide('Pr6O11', 6, 11),
    'rare-earth',
    'NdFeB magnets (NdPr), pigments',
  ),
  Nd: element(
    'Nd',
    'neodymium',
    60,
    144.242,
    R2O3('Nd'),
    'rare-earth',
    'NdFeB permanent magnets, Nd:YAG lasers',
  ),
  Pm: element('Pm', 'promethium', 61, 145, R2O3('Pm'), 'rare-earth', 'not mined; Pm-147 beta sources'),
  Sm: element('Sm', 'samarium', 62, 150.36, R2O3('Sm'), 'rare-earth', 'SmCo magnets, radiopharmaceuticals'),
  Eu: element(
    'Eu',
    'europium',
    63,
    151.964,
    R2O3('Eu'),
    'rare-earth',
    'red and blue phosphors, security inks',
  ),
  Gd: element(
    'Gd',
    'gadolinium',
    64,
    157.25,
    R2O3('Gd'),
    'rare-earth',
    'MRI contrast agents, neutron shielding',
  ),
  Tb: element(
    'Tb',
    'terbium',
    65,
    158.925354,
    oxide('Tb4O7', 4, 7),
    'rare-earth',
    'NdFeB coercivity, green phosphor',
  ),
  Dy: element(
    'Dy',
    'dysprosium',
    66,
    162.5,
    R2O3('Dy'),
    'rare-earth',
    'NdFeB coercivity for hot motors, Terfenol-D',
  ),
  Ho: element(
    'Ho',
    'holmium',
    67,
    164.930329,
    R2O3('Ho'),
    'rare-earth',
    'Ho:YAG surgical lasers, magnet pole pieces',
  ),
  Er: element(
    'Er',
    'erbium',
    68,
    167.259,
    R2O3('Er'),
    'rare-earth',
    'erbium-doped fibre amplifiers, Er:YAG lasers',
  ),
  Tm: element(
    'Tm',
    'thulium',
    69,
    168.934219,
    R2O3('Tm'),
    'rare-earth',
    'portable X-ray sources, 2 um fibre lasers',
  ),
  Yb: element(
    'Yb',
    'ytterbium',
    70,
    173.045,
    R2O3('Yb'),
    'rare-earth',
    'fibre and disk lasers, optical clocks',
  ),
  Lu: element('Lu', 'lutetium', 71, 174.9668, R2O3('Lu'), 'rare-earth', 'PET scintillators, Lu-177 therapy'),
  Th: element(
    'Th',
    'thorium',
    90,
    232.0377,
    oxide('ThO2', 1, 2),
    'actinide',
    'monazite by-product; potential nuclear fuel',
  ),
  U: element(
    'U',
    'uranium',
    92,
    238.02891,
    oxide('U3O8', 3, 8),
    'actinide',
    'nuclear fuel; trace in monazite',
  ),
  Fe: element(
    'Fe',
    'iron',
    26,
    55.845,
    oxide('Fe2O3', 2, 3),
    'base',
    'gangue iron oxides; Bayan Obo iron ore',
  ),
  Al: element(
    'Al',
    'aluminium',
    13,
    26.9815384,
    oxide('Al2O3', 2, 3),
    'base',
    'clay and silicate gangue; leach-liquor impurity',
  ),
  Ca: element(
    'Ca',
    'calcium',
    20,
    40.078,
    oxide('CaO', 1, 1),
    'base',
    'calcite/fluorite gangue; calciothermic reductant',
  ),
};

/**
 * Is `symbol` one of the 17 rare-earth elements?
 *
 * @example
 * ```ts
 * isRareEarth('Y'); // true
 * isRareEarth('Th'); // false
 * ```
 */
export function isRareEarth(symbol: string): symbol is RareEarth {
  return (RARE_EARTHS as readonly string[]).includes(symbol);
}

/**
 * Is `symbol` a tracked element?
 *
 * @example
 * ```ts
 * isElement('Fe'); // true
 * isElement('Gangue'); // false
 * ```
 */
export function isElement(symbol: string): symbol is ElementSymbol {
  return Object.hasOwn(elements, symbol);
}
