/**
 * Mines of the baseline-2024 supply-chain scenario: the USGS Mineral Commodity Summaries 2025 mine production
 * by country for 2024 (t REO in concentrate; ree-data.md 7.1), with named mines where the reference sheet names
 * them (ree-data.md 4.4).
 *
 * **Capacity convention:** a mine's `capacity` is its 2024 output and its availability is 1 (utilisation is
 * folded into the capacity), so capacity x availability reproduces the USGS 2024 figure country by country.
 * Scenarios that model a mine's nameplate and utilisation separately can override both.
 *
 * **China** (270,000 t, the 2024 mining quota, which USGS uses as China's production): the sheet gives the H1
 * 2024 quota per group, China Northern Rare Earth 94,580 t (light RE, Bayan Obo) and China Rare Earth Group
 * 40,420 t (of which ion-adsorption 10,140 t). Their sum, 135,000 t, is exactly half the full-year 270,000 t,
 * so the full year is taken as twice H1 for each group and for the ion-adsorption share (the second batch is
 * assumed to keep H1's proportions). That leaves no "rest of China": the two groups hold the whole quota.
 * Undocumented (illegal) Chinese output is outside the USGS figure and outside this scenario.
 *
 * **Element mixes** come from deposit ids of `src/data/deposits.ts`; where the mine's own distribution is
 * unpublished the mix is a labelled proxy (`note` says which): China Rare Earth Group's light-RE mines
 * (Sichuan/Shandong bastnaesite) use Mountain Pass; China's clays use Longnan (high-Y); Myanmar uses the
 * catalogue's Kachin proxy (a medium-Y clay column); the monazite producers (Nigeria, Thailand, India,
 * Madagascar, Vietnam, Other) and Russia's loparite use North Capel monazite; Malaysia uses Lahat xenotime;
 * Brazil uses the Serra Verde proxy.
 */

import { cite, type Provenance } from '../../data/provenance.js';
import type { Facility } from '../types.js';

/** One row of the USGS MCS 2025 table: 2024 estimated mine production, t REO. */
const usgs = (value: number, note?: string) => ({
  value,
  provenance: cite('USGS25', 'primary', 'high', note ?? 'MCS 2025 table, mine production 2024e, t REO'),
});

/**
 * USGS Mineral Commodity Summaries 2025, rare earths, mine production 2024 (estimated), t REO, by country
 * code (ree-data.md 7.1, read verbatim; high confidence). `ROW` is the table's "Other" row. World total
 * (rounded) 390,000 t.
 */
export const USGS_MINE_2024 = {
  CN: usgs(270_000, 'China = 2024 mining quota (USGS uses the quota; excludes undocumented output)'),
  US: usgs(45_000),
  MM: usgs(31_000, 'estimated by USGS from Chinese import data'),
  AU: usgs(13_000, 'estimated by USGS from Chinese import data'),
  NG: usgs(13_000, 'estimated by USGS from Chinese import data'),
  TH: usgs(13_000, 'estimated by USGS from Chinese import data'),
  IN: usgs(2_900),
  RU: usgs(2_500),
  MG: usgs(2_000, 'estimated by USGS from Chinese import data'),
  VN: usgs(300, 'estimated by USGS from Chinese import data'),
  MY: usgs(130, 'estimated by USGS from Chinese import data'),
  BR: usgs(20),
  ROW: usgs(1_100, 'the table row "Other"'),
} as const;

/** China's H1 2024 mining quotas per group, t REO (MIIT notice via Fastmarkets; ree-data.md 4.4, 2nd, H). */
export const CHINA_H1_2024_MINING_QUOTA = {
  northern: {
    value: 94_580,
    provenance: cite('MIIT24', 'secondary', 'high', 'China Northern Rare Earth, H1 2024'),
  },
  chinaRareEarth: {
    value: 40_420,
    provenance: cite('MIIT24', 'secondary', 'high', 'China Rare Earth Group, H1 2024, all mines'),
  },
  ionAdsorption: {
    value: 10_140,
    provenance: cite('MIIT24', 'secondary', 'high', 'China Rare Earth Group ion-adsorption clays, H1 2024'),
  },
} as const;

const q = CHINA_H1_2024_MINING_QUOTA;
/** Full year = 2 x H1: H1 total 135,000 t is exactly half the 270,000 t annual quota. */
const YEAR_PER_H1 = USGS_MINE_2024.CN.value / (q.northern.value + q.chinaRareEarth.value);
const fullYear = (value: number, what: string): Provenance =>
  cite(
    'MIIT24',
    'derived',
    'high',
    `${what}: H1 2024 quota x ${YEAR_PER_H1} (the H1 total, 135,000 t, is half the 270,000 t full-year quota; H1 proportions assumed for the second batch) = ${value} t`,
  );

const NORTHERN = q.northern.value * YEAR_PER_H1;
const CREG_ION = q.ionAdsorption.value * YEAR_PER_H1;
const CREG_LIGHT = (q.chinaRareEarth.value - q.ionAdsorption.value) * YEAR_PER_H1;

const PROXY = 'proxy mix (unpublished distribution; see src/data/deposits.ts)';
/** A country-level mine: the whole USGS row of one country. */
function countryMine(
  country: keyof typeof USGS_MINE_2024,
  name: string,
  deposit: string,
  why: string,
): Facility {
  return {
    id: `${country.toLowerCase()}-mines`,
    name,
    country,
    kind: 'mine',
    capacity: USGS_MINE_2024[country],
    mix: { deposit },
    provenance: cite('USGS25', 'primary', 'high', `country-level mine (USGS row); mix: ${why}`),
  };
}

/** Mines of the baseline-2024 scenario (t REO in concentrate per year; capacity = 2024 output). */
export const MINES_2024: readonly Facility[] = [
  {
    id: 'cn-bayan-obo',
    name: 'China Northern Rare Earth (Bayan Obo, Inner Mongolia)',
    country: 'CN',
    kind: 'mine',
    capacity: { value: NORTHERN, provenance: fullYear(NORTHERN, 'China Northern Rare Earth') },
    mix: { deposit: 'bayan-obo' },
    provenance: cite(
      'MIIT24',
      'secondary',
      'high',
      'light-RE quota holder; mix of the Bayan Obo concentrate (CH06)',
    ),
  },
  {
    id: 'cn-creg-light',
    name: 'China Rare Earth Group, light-RE mines (Sichuan, Shandong)',
    country: 'CN',
    kind: 'mine',
    capacity: {
      value: CREG_LIGHT,
      provenance: fullYear(CREG_LIGHT, 'China Rare Earth Group less its clays'),
    },
    mix: { deposit: 'mountain-pass' },
    provenance: cite(
      'MIIT24',
      'secondary',
      'high',
      `quota holder; mix: Mountain Pass bastnaesite as a ${PROXY} for Sichuan/Shandong bastnaesite (assumed)`,
    ),
  },
  {
    id: 'cn-creg-clays',
    name: 'China Rare Earth Group, ion-adsorption clays (Jiangxi, Guangdong, Fujian)',
    country: 'CN',
    kind: 'mine',
    capacity: { value: CREG_ION, provenance: fullYear(CREG_ION, 'ion-adsorption clays') },
    mix: { deposit: 'longnan' },
    provenance: cite(
      'MIIT24',
      'secondary',
      'high',
      'quota holder; mix: Longnan high-Y clay for all southern clays (assumed; real clays range from high-Y to La-rich)',
    ),
  },
  {
    id: 'us-mountain-pass',
    name: 'MP Materials, Mountain Pass (California)',
    country: 'US',
    kind: 'mine',
    capacity: USGS_MINE_2024.US,
    mix: { deposit: 'mountain-pass' },
    provenance: cite(
      'MP10K',
      'secondary',
      'high',
      'MP reports 45,455 t REO in concentrate for 2024; USGS 45,000 t is used',
    ),
  },
  {
    id: 'mm-kachin',
    name: 'Kachin ion-adsorption clays (Chipwi, Pangwa)',
    country: 'MM',
    kind: 'mine',
    capacity: USGS_MINE_2024.MM,
    mix: { deposit: 'kachin-clay-proxy' },
    provenance: cite('DIPLOMAT21', 'secondary', 'medium', `Kachin clay mining; mix: ${PROXY}`),
  },
  {
    id: 'au-mount-weld',
    name: 'Lynas, Mount Weld (Western Australia)',
    country: 'AU',
    kind: 'mine',
    capacity: USGS_MINE_2024.AU,
    mix: { deposit: 'mount-weld' },
    provenance: cite(
      'LYC',
      'secondary',
      'high',
      "Australia's USGS figure taken as Mount Weld (Lynas is its only producer)",
    ),
  },
  countryMine(
    'NG',
    'Nigeria (monazite from tin/columbite tailings)',
    'north-capel',
    `North Capel monazite, ${PROXY}`,
  ),
  countryMine(
    'TH',
    'Thailand',
    'north-capel',
    `North Capel monazite, ${PROXY}; the USGS figure comes from Chinese imports`,
  ),
  countryMine(
    'IN',
    'IREL (India) beach-sand monazite',
    'north-capel',
    'North Capel monazite (ree-data 5.1 note: Indian monazite is alike)',
  ),
  countryMine(
    'RU',
    'Russia (Lovozero loparite)',
    'north-capel',
    `North Capel monazite as an LREE ${PROXY} for loparite`,
  ),
  countryMine(
    'MG',
    'Madagascar (monazite from mineral sands)',
    'north-capel',
    `North Capel monazite, ${PROXY}`,
  ),
  countryMine('VN', 'Vietnam', 'north-capel', `North Capel monazite, ${PROXY}`),
  countryMine('MY', 'Malaysia (tin-tailings xenotime/monazite)', 'lahat', 'Lahat xenotime (CH06)'),
  countryMine('BR', 'Serra Verde (Goias) and other Brazil', 'serra-verde-proxy', `Serra Verde ${PROXY}`),
  countryMine('ROW', 'Other producers (USGS "Other")', 'north-capel', `North Capel monazite, ${PROXY}`),
];
