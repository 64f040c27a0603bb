/**
 * The built-in `baseline-2024` supply-chain scenario: who mined, cracked, separated, made metal and magnets in
 * 2024, the routes between them, and magnet demand. Every number carries its provenance (the facility's
 * `provenance`, or a `{ value, provenance }` capacity); numbers reesim chose are labelled `assumed`.
 *
 * Parts: {@link MINES_2024} (USGS MCS 2025 mine production by country, China split by quota holder),
 * {@link PLANTS_2024} (cracking, separation, metal, magnet), {@link LINKS_2024} (routes with lead times),
 * {@link MAGNET_DEMAND_2024} (IEA magnet REE demand by country and element). No policies and no events: the
 * baseline is the world before the 2025 export licensing. Demand values are for 2024 (a run starting in
 * 2024-01); they grow at the IEA's 2023-2030 rate.
 *
 * {@link RECYCLING_2024} (China's oxide from magnet scrap, Argus) and {@link UNDOCUMENTED_2024} (China's ore
 * beyond the quota, sized so that China makes Argus's ~106,000 t PrNd oxide; low confidence).
 *
 * **Calibration (2024, tested in test/supply/baseline.test.ts):** USGS mine output by country (the quota for
 * China), with China's undocumented ore and the Mount Weld feed Lynas's reported NdPr needs
 * ({@link MOUNT_WELD_BEYOND_USGS}) beside it; 99.3 %
 * of the IEA's magnet-REE demand met (target >= 97 %); China 94.1 % of magnet making (IEA 94 %); China
 * 90.8 % of separated magnet-REE oxide and 91.8 % of all separated oxide (IEA 91-92 %, a magnet-REE
 * figure). **Known gaps (see each module):** no sourced La/Ce demand (their
 * oxide is the surplus the results report); Solvay has no feed route; downstream shares and routes are
 * assumptions.
 */
import type { SupplyScenario } from '../types.js';
import { COUNTRIES } from './countries.js';
import { MAGNET_DEMAND_2024 } from './demand.js';
import { LINKS_2024 } from './links.js';
import { MINES_2024 } from './mines.js';
import { MOUNT_WELD_BEYOND_USGS, PLANTS_2024, UNDOCUMENTED_2024 } from './plants.js';
import { RECYCLING_2024 } from './recycling.js';

/**
 * The baseline-2024 scenario (plain data: copy it and edit the copy to build a scenario of your own).
 *
 * @example
 * ```ts
 * baseline2024.name; // 'baseline-2024'
 * baseline2024.facilities.filter((f) => f.country === 'CN' && f.kind === 'mine').length; // 4 (3 quota holders' mines and the undocumented ore)
 * baseline2024.countries.MM; // 'Myanmar (Burma)'
 * ```
 */
export const baseline2024: SupplyScenario = {
  name: 'baseline-2024',
  description:
    '2024 rare-earth supply chain: USGS MCS 2025 mine production by country, China by quota holder, named plants ' +
    "(Lynas, MP, Silmet, Solvay, IREL), China's scrap recycling and undocumented ore (Argus), routes to China and " +
    'Malaysia, IEA magnet demand; no policies or events.',
  countries: COUNTRIES,
  facilities: [
    ...MINES_2024,
    ...UNDOCUMENTED_2024,
    ...MOUNT_WELD_BEYOND_USGS,
    ...PLANTS_2024,
    ...RECYCLING_2024,
  ],
  links: LINKS_2024,
  demand: MAGNET_DEMAND_2024,
};
