/**
 * `reesim/supply`: the supply chain's building blocks beside `simulateSupplyChain` and the scenario
 * builders in `reesim`: the sourced 2024 data the baseline is made of, the scenario builders' defaults,
 * the parts of a scenario, warnings, yearly summaries and a facility from a designed separation train.
 *
 * @module reesim/supply
 */

// ── Supply chain ─────────────────────────────────────────────────────────────
export { type InventoryBreakdown, type MonthlySeries, summariseYears } from '../supply/annual.js';
export { COUNTRIES, type CountryCode } from '../supply/baseline/countries.js';
export {
  MAGNET_DEMAND_2024,
  MAGNET_DEMAND_SHARES,
  MAGNET_ELEMENT_SHARES,
  MAGNET_REE_DEMAND_2023,
  MAGNET_REE_DEMAND_2024,
  MAGNET_REE_DEMAND_2030,
  MAGNET_REE_GROWTH,
} from '../supply/baseline/demand.js';
export { LINKS_2024 } from '../supply/baseline/links.js';
export { CHINA_H1_2024_MINING_QUOTA, MINES_2024, USGS_MINE_2024 } from '../supply/baseline/mines.js';
export {
  CHINA_2024_SEPARATION_QUOTA,
  CHINA_H1_2024_SEPARATION_QUOTA,
  CHINA_NDPR_DOCUMENTED_2024,
  CHINA_NDPR_OXIDE_2024,
  CHINA_UNDOCUMENTED_ORE_2024,
  CRACKING_2024,
  CRACKING_RECOVERY,
  LYNAS_NDPR_2024,
  MAGNET_2024,
  MAGNET_RECOVERY,
  METAL_2024,
  METAL_RECOVERY,
  MOUNT_WELD_BEYOND_USGS,
  MOUNT_WELD_BEYOND_USGS_2024,
  MP_CONCENTRATE_TO_CHINA,
  PLANTS_2024,
  SEPARATION_2024,
  SEPARATION_RECOVERY,
  UNDOCUMENTED_2024,
} from '../supply/baseline/plants.js';
export { CHINA_RECYCLED_2024, RECYCLING_2024 } from '../supply/baseline/recycling.js';
export { type SeparationFromTrainOptions, separationFromTrain } from '../supply/fromProcess.js';
export { DEVELOPMENTS_2025_DEFAULTS } from '../supply/scenarios/developments2025.js';
export { LYNAS_HEAVY_DEFAULTS } from '../supply/scenarios/lynasHeavy.js';
export { MP_DOMESTIC_DEFAULTS } from '../supply/scenarios/mpDomestic.js';
export { MYANMAR_DISRUPTION_DEFAULTS } from '../supply/scenarios/myanmarDisruption.js';
export { PAKISTAN_US_DEFAULTS } from '../supply/scenarios/pakistanUs.js';
export { SERRA_VERDE_DEFAULTS } from '../supply/scenarios/serraVerde.js';
export { TURKEY_BEYLIKOVA_DEFAULTS } from '../supply/scenarios/turkeyBeylikova.js';
export { WARM_UP_MONTHS } from '../supply/simulate.js';
export type { ApprovalStep, FacilityKind, Month, SourcedValue, Stage } from '../supply/types.js';
export { type SupplyWarning, type SupplyWarningCode, supplyWarnings } from '../supply/warnings.js';
