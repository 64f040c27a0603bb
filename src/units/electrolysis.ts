/**
 * Molten-salt electrolysis: electrowinning of rare-earth metal (Nd, NdPr, ...) from its oxide.
 *
 * **Process.** The oxide dissolves in a fluoride melt (NdF3/PrF3–LiF) at ~1050 °C in a closed steel cell
 * under Ar; the metal deposits on a W or Mo cathode and collects as a liquid in a W crucible, while the oxide
 * ions discharge on the carbon anode as CO/CO2 (EURARE, primary, high).
 *
 * **Model.** Every species of the reduced feed reports to the metal with a fraction (rare earths:
 * `metalYield`; the rest from {@link electrolysisSpeciesDefaults}), the remainder to the salt sludge.
 * Sm, Eu, Tm and Yb do not deposit (their divalent ions shuttle between the electrodes) and go to the salt.
 * The charge follows Faraday's law at valence 3 for every rare earth ({@link electrolysisValence} for the
 * others) divided by the current efficiency. With `cells` given, throughput is capped at their current and
 * the excess oxide leaves unreduced; without, the report gives the cells the feed needs. The oxygen of the
 * reduced oxides (reported oxide, so CeO2, Pr6O11, Tb4O7 too) burns the anode carbon to CO and CO2.
 * Anode effects (CF4, C2F6) and fluoride make-up are not modelled.
 *
 * **The user specifies:** nothing is required; usually `currentEfficiency`, `cellCurrent`, `cells`.
 * **Units:** fractions in [0, 1]; `cellCurrent` A; `cellVoltage` V; `hoursPerMonth` h; flows kg/h.
 * **Data:** ree-data §6.4: Chinese cells 2.5–4.5 kA making 2.3–4.5 t Nd per cell-month imply 71–77 % current
 * efficiency; 6–10 kA cells now common (CNCELL); reported industrial DC consumption 8–11 kWh/kg, whose
 * mid-point at the default current efficiency sets the default cell voltage (12.8 V, derived, low).
 */

import { RARE_EARTHS, type RareEarth } from '../chemistry/elements.js';
import { ampereHoursPerKg } from '../chemistry/faraday.js';
import { OXYGEN_MASS } from '../chemistry/oxide.js';
import { reagentMass } from '../chemistry/reagents.js';
import { elementAt, isElementIndex, SPECIES, SPECIES_INDEX, WATER } from '../chemistry/species.js';
import { fail } from '../core/errors.js';
import {
  fraction,
  inRange,
  integer,
  knownKeys,
  optional,
  positive,
  ratio,
  record,
} from '../core/validate.js';
import { type Sourced, sourced } from '../data/provenance.js';
import { OXIDE_FACTORS } from '../stream/basis.js';
import { total } from '../stream/composition.js';
import { partition, split } from '../stream/split.js';
import type { Stream } from '../stream/stream.js';
import {
  feedOfForm,
  finishUnit,
  inlet,
  metalRouting,
  type SpeciesFractions,
  speciesFractions,
  type UnitDefinition,
  type UnitResult,
} from './unit.js';

/** Parameters of {@link electrolysis}; every one has a default. */
export interface ElectrolysisParams {
  /** Current efficiency, fraction in [0.01, 1]. Default 0.75. */
  readonly currentEfficiency?: number;
  /** Current of one cell, A in [1, 1e6]. Default 6000. */
  readonly cellCurrent?: number;
  /** Cell voltage, V in (0, 100] (DC per cell at the rectifier). Default 12.8. */
  readonly cellVoltage?: number;
  /** Installed cells, an integer in [1, 1e6]. Absent: as many as the feed needs (reported as `cellsNeeded`). */
  readonly cells?: number;
  /** Fraction of each depositing rare earth that reaches the metal (rest to the salt sludge). Default 0.97. */
  readonly metalYield?: number;
  /** Mole fraction of CO in the anode gas, the rest CO2. Default 0.5. */
  readonly coFraction?: number;
  /** Operating hours per month, h in (0, 744]. Default 730. */
  readonly hoursPerMonth?: number;
  /** Fraction of any species of the reduced feed that reports to the metal, overriding the defaults. */
  readonly toMetal?: SpeciesFractions;
}

/** Default operating parameters with their sources. */
export const electrolysisDefaults = {
  currentEfficiency: sourced(0.75, 'CNCELL', 'derived', 'medium', '2.3-4.5 t Nd per 2.5-4.5 kA cell-month'),
  cellCurrent: sourced(6000, 'CNCELL', 'recalled', 'low', '6-10 kA cells now common; low end taken'),
  // The voltage at which Faraday's law for Nd (557.4 Ah/kg) and the default 75 % current efficiency give the
  // mid-point of the reported industrial DC consumption, 8-11 kWh/kg (ree-data §6.4, K, low):
  // 9.5 kWh/kg × 0.75 / 0.5574 kAh/kg = 12.8 V (DC at the rectifier: cell, busbar and anode-effect losses).
  cellVoltage: sourced(
    12.8,
    'REESIM',
    'derived',
    'low',
    'mid-point of the reported 8-11 kWh/kg DC consumption (ree-data 6.4) at the default 75 % CE for Nd',
  ),
  metalYield: sourced(0.97, 'REESIM', 'assumed', 'assumed', 'losses to sludge and tapping'),
  coFraction: sourced(0.5, 'REESIM', 'assumed', 'assumed', 'anode gas is CO/CO2 (EURARE), ratio unknown'),
  hoursPerMonth: sourced(730, 'REESIM', 'derived', 'high', '8760 h per year / 12'),
} satisfies Record<string, Sourced<number>>;

/** Rare earths that do not deposit: their divalent ions cycle between cathode and anode. */
export const electrolysisNonDepositing: Sourced<readonly RareEarth[]> = sourced(
  ['Sm', 'Eu', 'Tm', 'Yb'],
  'GK05',
  'recalled',
  'medium',
  'stable divalent states: Sm, Eu, Tm, Yb are made by lanthanothermic reduction instead (BRIT)',
);

/** Where the non-rare-earth species go by default: a fraction to the metal, or `metalYield`. */
export const electrolysisSpeciesDefaults: {
  readonly [S in 'Th' | 'U' | 'Fe' | 'Al' | 'Ca' | 'Gangue' | 'H2O']: Sourced<number | 'metalYield'>;
} = {
  Th: sourced('metalYield', 'REESIM', 'assumed', 'assumed', 'actinides deposit with the rare earths'),
  U: sourced('metalYield', 'REESIM', 'assumed', 'assumed', 'actinides deposit with the rare earths'),
  Fe: sourced(1, 'REESIM', 'assumed', 'assumed', 'Fe is nobler than the rare earths and co-deposits'),
  Al: sourced(0, 'REESIM', 'assumed', 'assumed', 'Al stays in the fluoride melt'),
  Ca: sourced(0, 'REESIM', 'assumed', 'assumed', 'Ca stays in the fluoride melt'),
  Gangue: sourced(0, 'REESIM', 'assumed', 'assumed', 'insoluble matter settles in the sludge'),
  H2O: sourced(0, 'REESIM', 'assumed', 'assumed', 'moisture booked to the salt outlet (no off-gas stream)'),
};

/** Electrons per atom deposited: 3 for every rare earth (RE³⁺), Th⁴⁺, U⁴⁺, Fe³⁺, Al³⁺, Ca²⁺. */
export const electrolysisValence: Sourced<Readonly<Record<string, number>>> = sourced(
  { ...Object.fromEntries(RARE_EARTHS.map((s) => [s, 3])), Th: 4, U: 4, Fe: 3, Al: 3, Ca: 2 },
  'GK05',
  'recalled',
  'medium',
  'oxidation states in fluoride melts; gangue carries no charge',
);

/** Ah per kg of each species at 100 % current efficiency (0 for gangue and water). */
const AH_PER_KG: readonly number[] = SPECIES.map((_, i) => {
  const el = elementAt(i);
  const z = el === undefined ? undefined : electrolysisValence.value[el];
  return el === undefined || z === undefined ? 0 : ampereHoursPerKg(el, z);
});

const KEYS = [
  'currentEfficiency',
  'cellCurrent',
  'cellVoltage',
  'cells',
  'metalYield',
  'coFraction',
  'hoursPerMonth',
  'toMetal',
];

/**
 * Electrowins rare-earth metal from oxide in a fluoride melt.
 *
 * @param feed rare-earth oxide (form `oxide`), kg/h element basis
 * @param params see {@link ElectrolysisParams}
 * @returns outlets `metal` (form `metal`), `salt` (form `salt`: sludge, non-depositing rare earths) and
 *   `unreduced` (form `oxide`: feed beyond the installed cells' capacity, empty without `cells`); reagent
 *   `C` (anode carbon, kg/h); energy kW; figures `ahPerKgIdeal`, `ahPerKg`, `kwhPerKg`, `requiredCurrent`
 *   (A, whole feed), `current` (A), `cellsNeeded`, `cells`, `capacityTonnesPerMonth`, `tonnesPerMonth`,
 *   `utilisation`, `fractionReduced`, `oxygenRemoved`, `anodeCO`, `anodeCO2` (kg/h)
 * @throws ReesimError for invalid parameters, `NOT_SUPPORTED` for a feed that is not an oxide
 * @example
 * ```ts
 * const oxide = makeStream('oxide', { Nd: 75, Pr: 25 });
 * const { outlets, report } = electrolysis(oxide, { currentEfficiency: 0.77, cellCurrent: 4500 });
 * report.figures.cellsNeeded; // 16
 * amount(outlets.metal, 'Nd'); // 72.75 kg/h
 * ```
 */
export function electrolysis(
  feed: Stream,
  params: ElectrolysisParams = {},
): UnitResult<'metal' | 'salt' | 'unreduced'> {
  feedOfForm('electrolysis.feed', feed, ['oxide'], '(calcine the precipitate first)');
  const p = record('electrolysis', params, 'electrolysis parameters');
  knownKeys('electrolysis', p, KEYS);
  const D = electrolysisDefaults;
  const ce = optional(p.currentEfficiency, D.currentEfficiency.value, (v) =>
    inRange('electrolysis.currentEfficiency', v, 0.01, 1),
  );
  const cellCurrent = optional(p.cellCurrent, D.cellCurrent.value, (v) =>
    inRange('electrolysis.cellCurrent', v, 1, 1e6),
  );
  const voltage = optional(p.cellVoltage, D.cellVoltage.value, (v) =>
    positive('electrolysis.cellVoltage', v),
  );
  if (voltage > 100) fail('OUT_OF_RANGE', 'electrolysis.cellVoltage', voltage, 'a voltage in (0, 100] V');
  const cells = optional<number | undefined>(p.cells, undefined, (v) => integer('electrolysis.cells', v, 1));
  if (cells !== undefined && cells > 1e6)
    fail('OUT_OF_RANGE', 'electrolysis.cells', cells, 'an integer in [1, 1e6]');
  const metalYield = optional(p.metalYield, D.metalYield.value, (v) =>
    fraction('electrolysis.metalYield', v),
  );
  const coFraction = optional(p.coFraction, D.coFraction.value, (v) =>
    fraction('electrolysis.coFraction', v),
  );
  const hours = optional(p.hoursPerMonth, D.hoursPerMonth.value, (v) =>
    inRange('electrolysis.hoursPerMonth', v, 0, 744),
  );
  if (hours === 0) fail('OUT_OF_RANGE', 'electrolysis.hoursPerMonth', hours, 'a number of hours in (0, 744]');

  const base = metalRouting(metalYield, electrolysisNonDepositing.value, electrolysisSpeciesDefaults);
  const toMetal = speciesFractions('electrolysis.toMetal', p.toMetal as SpeciesFractions | undefined, base);

  // Charge (A at 100 % CE) and mass of the metal the whole feed would give.
  let idealCurrent = 0;
  let metalIfAll = 0;
  feed.amounts.forEach((x, i) => {
    const m = x * (toMetal[i] ?? 0);
    idealCurrent += m * (AH_PER_KG[i] ?? 0);
    if (i !== WATER) metalIfAll += m;
  });
  const requiredCurrent = idealCurrent / ce;
  const cellsNeeded = requiredCurrent > 0 ? Math.max(1, Math.ceil(requiredCurrent / cellCurrent - 1e-9)) : 0;
  const installed = cells ?? cellsNeeded;
  const capacityCurrent = installed * cellCurrent;
  const share = requiredCurrent > 0 ? capacityCurrent / requiredCurrent : 1;
  const reduced = cells === undefined || share > 1 - 1e-12 ? 1 : share;

  const [charged, unreduced] = split(feed, reduced);
  const [metal, salt] = partition(charged, toMetal, {
    firstForm: 'metal',
    secondForm: 'salt',
    firstCompound: 'metal',
    secondCompound: 'fluoride',
  });

  const metalRate = total(metal);
  const current = requiredCurrent * reduced;
  const ahPerKgIdeal = ratio(idealCurrent, metalIfAll);
  const ahPerKg = ahPerKgIdeal / ce;
  const kwhPerKg = (voltage * ahPerKg) / 1000;
  const capacityKgPerHour = ratio(capacityCurrent * ce, ahPerKgIdeal);

  // Anode: the oxygen of the reduced oxides burns carbon; y = CO/(CO + CO2) so n_C = n_O / (2 - y).
  let oxygen = 0;
  metal.amounts.forEach((x, i) => {
    if (isElementIndex(i)) oxygen += x * ((OXIDE_FACTORS[i] ?? 1) - 1);
  });
  const carbon = oxygen / OXYGEN_MASS / (2 - coFraction);

  const present = electrolysisNonDepositing.value.filter((s) => (feed.amounts[SPECIES_INDEX[s]] ?? 0) > 0);
  const notes = [
    'fluoride-melt electrowinning (~1050 °C, W/Mo cathode, carbon anode; EURARE); Faraday charge at valence 3 for every rare earth',
    cells === undefined
      ? `${cellsNeeded} cells of ${cellCurrent} A sized to the feed`
      : `${cells} cells of ${cellCurrent} A reduce ${(100 * reduced).toFixed(2)} % of the feed; the rest leaves unreduced`,
    `anode gas ${(100 * coFraction).toFixed(0)} mol% CO; anode effect (CF4, C2F6) and salt make-up not modelled`,
    `current efficiency ${ce}${p.currentEfficiency === undefined ? ' (default, derived from CNCELL)' : ''}; metal yield and species routing: reesim assumptions unless given`,
  ];
  if (present.length > 0)
    notes.push(`${present.join(', ')} do not deposit (divalent ions cycle between the electrodes): to salt`);
  return finishUnit('electrolysis', {
    inlets: [feed],
    outlets: { metal, salt, unreduced },
    reagents: { C: reagentMass('C', carbon) },
    energy: kwhPerKg * metalRate,
    figures: {
      ahPerKgIdeal,
      ahPerKg,
      kwhPerKg,
      requiredCurrent,
      current,
      cellsNeeded,
      cells: installed,
      capacityTonnesPerMonth: (capacityKgPerHour * hours) / 1000,
      tonnesPerMonth: (metalRate * hours) / 1000,
      utilisation: ratio(current, capacityCurrent),
      fractionReduced: reduced,
      oxygenRemoved: oxygen,
      anodeCO: reagentMass('CO', carbon * coFraction),
      anodeCO2: reagentMass('CO2', carbon * (1 - coFraction)),
    },
    notes,
  });
}

/**
 * The old name of {@link electrolysis}.
 *
 * @deprecated Renamed `electrolysis` (a unit's file, kind and function share one name); this alias goes in the
 * next version.
 */
export const electrowin = electrolysis;

/** Flowsheet definition of {@link electrolysis}: inlet `feed`, outlets `metal`, `salt`, `unreduced`. */
export const electrolysisUnit: UnitDefinition<ElectrolysisParams, 'metal' | 'salt' | 'unreduced'> = {
  kind: 'electrolysis',
  inlets: ['feed'],
  outlets: ['metal', 'salt', 'unreduced'],
  outletForms: { metal: 'metal', salt: 'salt', unreduced: 'oxide' },
  run: (inlets, params) => electrolysis(inlet(inlets, 'feed', 'electrolysis'), params),
};
