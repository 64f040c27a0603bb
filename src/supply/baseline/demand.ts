/**
 * Magnet rare-earth demand of the baseline-2024 supply-chain scenario, by country and element, at stage
 * `magnet` (t of RE content per year in 2024, growing at the IEA's 2023-2030 rate).
 *
 * **Total:** 93,000 t magnet REE (Nd, Pr, Dy, Tb) in 2023 and 131,000 t in 2030 in the IEA's Announced Pledges
 * Scenario (IEA24 via SEAISI; ree-data.md 7.2, 2nd, M). The constant growth rate through both points is
 * (131/93)^(1/7) - 1 = 5.02 %/yr, and the 2024 figure is 93,000 t x (1 + that rate). The sheet does not say
 * whether the IEA counts element or oxide mass; reesim takes the figure as t of RE content (element basis),
 * the unit of the `magnet` stage, and as what magnet makers consume (swarf included: it returns as recycled
 * oxide, see recycling.ts). The 2024 figure is the calendar year's total (growth counts from mid-year).
 *
 * **Elements (assumed):** Pr/(Pr + Nd) = 0.25, the top of the 20-25 % range of NdPr product (ree-data.md 6.5,
 * K, M), which is Bayan Obo's 6.2/24.7; Dy 3 % and Tb 0.6 % of magnet RE content are reesim's market averages
 * (sintered NdFeB grades carry from 0 to several % Dy + Tb; no figure in the sheet). **Countries (assumed):**
 * China 72 %, Japan 8 %, EU 7 %, US 6 %, South Korea 3 %, rest of world 4 %: no sourced split; chosen so that
 * most magnets are used where most are made (China makes 94 % of sintered magnets, IEA25C).
 *
 * **Other uses** (La, Ce for catalysts, glass, polishing, at stage `oxide`) are left out: the reference sheet
 * has no sourced tonnage for them. Without them, separated La and Ce are stocked at the separation plants.
 */

import { cite, type Sourced, sourced } from '../../data/provenance.js';
import type { Demand } from '../types.js';

/** Magnet REE demand 2023, t (IEA GCMO 2024). */
export const MAGNET_REE_DEMAND_2023: Sourced<number> = sourced(
  93_000,
  'IEA24',
  'secondary',
  'medium',
  'magnet rare earths (Nd, Pr, Dy, Tb), 2023; taken as t of RE content',
);

/** Magnet REE demand 2030 in the Announced Pledges Scenario, t (IEA GCMO 2024). */
export const MAGNET_REE_DEMAND_2030: Sourced<number> = sourced(
  131_000,
  'IEA24',
  'secondary',
  'medium',
  'APS 2030; taken as t of RE content',
);

const YEARS = 2030 - 2023;
/** Constant yearly growth through the IEA's 2023 and 2030 figures: (131,000/93,000)^(1/7) - 1. */
export const MAGNET_REE_GROWTH: Sourced<number> = sourced(
  (MAGNET_REE_DEMAND_2030.value / MAGNET_REE_DEMAND_2023.value) ** (1 / YEARS) - 1,
  'IEA24',
  'derived',
  'medium',
  '(131,000 / 93,000)^(1/7) - 1',
);

/** Magnet REE demand 2024, t: the 2023 figure grown one year. */
export const MAGNET_REE_DEMAND_2024: Sourced<number> = sourced(
  MAGNET_REE_DEMAND_2023.value * (1 + MAGNET_REE_GROWTH.value),
  'IEA24',
  'derived',
  'medium',
  '93,000 t x (1 + growth)',
);

const NDPR = 1 - 0.03 - 0.006;
/** Shares of Nd, Pr, Dy, Tb in magnet RE content (sum 1; reesim assumptions, see the module notes). */
export const MAGNET_ELEMENT_SHARES: Sourced<Readonly<Record<'Nd' | 'Pr' | 'Dy' | 'Tb', number>>> = sourced(
  { Nd: 0.75 * NDPR, Pr: 0.25 * NDPR, Dy: 0.03, Tb: 0.006 },
  'REESIM',
  'assumed',
  'assumed',
  'Pr/(Pr+Nd) 0.25 (top of the 20-25 % range, ree-data 6.5); Dy 3 %, Tb 0.6 % market averages (assumed)',
);

/** Shares of world magnet REE demand by country (sum 1; reesim assumptions, see the module notes). */
export const MAGNET_DEMAND_SHARES: Sourced<Readonly<Record<string, number>>> = sourced(
  { CN: 0.72, JP: 0.08, EU: 0.07, US: 0.06, KR: 0.03, ROW: 0.04 },
  'REESIM',
  'assumed',
  'assumed',
  'no sourced split; most magnets are used where they are made (China 94 % of sintered magnets, IEA25C)',
);

/** Magnet demand of the baseline-2024 scenario: one entry per country, t RE content per year in 2024. */
export const MAGNET_DEMAND_2024: readonly Demand[] = Object.entries(MAGNET_DEMAND_SHARES.value).map(
  ([country, share]): Demand => ({
    id: `${country.toLowerCase()}-magnets`,
    country,
    sector: 'magnets',
    stage: 'magnet',
    elements: Object.fromEntries(
      Object.entries(MAGNET_ELEMENT_SHARES.value).map(([el, f]) => [
        el,
        MAGNET_REE_DEMAND_2024.value * share * f,
      ]),
    ),
    // The numbers are 2024's: growth counts from January 2024 whatever month a run starts.
    year: 2024,
    growth: MAGNET_REE_GROWTH.value,
    provenance: cite(
      'IEA24',
      'derived',
      'low',
      `IEA world total x ${share} (country share, assumed) x element shares (assumed)`,
    ),
  }),
);
