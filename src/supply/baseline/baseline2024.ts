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
 * **Known gaps (see each module):** no recycling or undocumented Chinese mining (the USGS table excludes both),
 * so the mined supply of Nd, Pr, Dy and Tb falls short of the IEA demand; no sourced La/Ce demand; Solvay has
 * no feed route; downstream shares and routes are assumptions.
 */
import type { SupplyScenario } from '../types.js';
import { COUNTRIES } from './countries.js';
import { MAGNET_DEMAND_2024 } from './demand.js';
import { LINKS_2024 } from './links.js';
import { MINES_2024 } from './mines.js';
import { PLANTS_2024 } from './plants.js';

/**
 * The baseline-2024 scenario (plain data: copy it and edit the copy to build a scenario of your own).
 *
 * @example
 * ```ts
 * baseline2024.name; // 'baseline-2024'
 * baseline2024.facilities.filter((f) => f.country === 'CN' && f.kind === 'mine').length; // 3
 * baseline2024.countries.MM; // 'Myanmar (Burma)'
 * ```
 */
export const baseline2024: SupplyScenario = {
  name: 'baseline-2024',
  description:
    '2024 rare-earth supply chain: USGS MCS 2025 mine production by country, China by quota holder, named plants ' +
    '(Lynas, MP, Silmet, Solvay, IREL), routes to China and Malaysia, IEA magnet demand; no policies or events.',
  countries: COUNTRIES,
  facilities: [...MINES_2024, ...PLANTS_2024],
  links: LINKS_2024,
  demand: MAGNET_DEMAND_2024,
};
