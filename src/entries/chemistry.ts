/**
 * `reesim/chemistry`: the data the models rest on. Elements, species and rare-earth groups, oxide and
 * metal factors, reagents, Faraday's law, radioactivity, salt formulas, the deposit catalogue, and the
 * sources and confidence of every built-in value.
 *
 * @module reesim/chemistry
 */

// ── Chemistry ────────────────────────────────────────────────────────────────
export {
  type PrecipitateCompound,
  type SaltFormula,
  saltFormula,
  saltMolarMass,
} from '../chemistry/compounds.js';
export {
  ELEMENT_SYMBOLS,
  type ElementCategory,
  type ElementData,
  type ElementSymbol,
  elements,
  isElement,
  isRareEarth,
  type OxideFormula,
  RARE_EARTHS,
  type RareEarth,
} from '../chemistry/elements.js';
export { ampereHoursPerKg, FARADAY, kgPerAmpereHour } from '../chemistry/faraday.js';
export { type GroupConvention, type REGroup, reGroup, reGroupMembers } from '../chemistry/groups.js';
export { metalFactor, OXYGEN_MASS, oxideFactor, oxideMassPerMole } from '../chemistry/oxide.js';
export {
  EXEMPTION_BQ_PER_G,
  type ProductRadioactivity,
  parentActivity,
  productRadioactivity,
} from '../chemistry/radioactivity.js';
export { REAGENT_MOLAR_MASS, type Reagent, reagentMass } from '../chemistry/reagents.js';
export { isSpecies, SPECIES, SPECIES_COUNT, SPECIES_INDEX, type Species } from '../chemistry/species.js';
// ── Built-in data and its provenance ─────────────────────────────────────────
export {
  DEPOSIT_IDS,
  DEPOSIT_TYPES,
  type Deposit,
  type DepositId,
  type DepositType,
  depositDistribution,
  deposits,
  getDeposit,
  type OreAssay,
  type ReoDistribution,
} from '../data/deposits.js';
export {
  type Basis,
  type Confidence,
  type Provenance,
  type Sourced,
  type SourceKey,
  sources,
} from '../data/provenance.js';
