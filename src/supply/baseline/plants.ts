/**
 * Cracking, separation, metal and magnet plants of the baseline-2024 supply-chain scenario (capacities in
 * t REO of output per year for cracking and separation, t of RE content for metal and magnets).
 *
 * **Recoveries:** China's 2024 smelting/separation quota (254,000 t) over its mining quota (270,000 t) is
 * 0.9407; reesim reads it as the ore-to-separated-oxide recovery and splits it equally between cracking and
 * separation (sqrt(254/270) = 0.9699 each, derived, low). Metal making recovers 0.97
 * (metal assumed; magnet making 1, see {@link MAGNET_RECOVERY}; per element, element basis: converting t REO
 * to t RE content is the model's oxide factor).
 *
 * **China:** the two quota holders' separation capacity is twice their H1 2024 smelting/separation quota
 * (China Northern 88,010 t, China Rare Earth Group 38,990 t: 127,000 t, half of 254,000 t). Their mining quota
 * is their own feed; imported feed (Myanmar clays, MP's concentrate, African and Southeast Asian monazite) is
 * separated by "other" Chinese separators whose capacity reesim sizes to that 2024 feed plus 10 % headroom
 * (assumed): China's separated share then follows from the flows, not from a typed-in share.
 * **Elsewhere:** Lynas: Kalgoorlie cracking sized from its ~9,000 t/yr NdPr nameplate, Lynas Malaysia (LAMP)
 * from its ~10,500 t/yr NdPr finishing capacity, separating La-Nd only in 2024 (its heavy-RE circuit starts
 * in 2025), fed by Mount Weld at the USGS's figure for Australia plus the concentrate its reported NdPr
 * needs beyond it ({@link MOUNT_WELD_BEYOND_USGS}). MP: 2024 separation
 * output sized to its 1,294 t NdPr oxide. Neo Silmet ~3,000 t (low confidence), fed by Russian mixed
 * concentrate (assumed route). Solvay La Rochelle 2,000 t (the low end of "2,000-5,000 t REO possible"); the
 * sheet names no 2024 feed for it, so it has no inbound link in the baseline and stays idle. IREL: sized to
 * India's own monazite (assumed). Cracking plants without a published capacity are sized to their 2024 feed
 * plus 10 % headroom (assumed).
 * **Metal and magnets:** China's capacities are ample (150,000 t, assumed: above 2030 demand). Outside China,
 * magnet capacity is 6 % of 2024 demand (China makes 94 % of sintered magnets, IEA25C), split Japan 80 % / EU
 * 20 % (assumed); Japan's metal makers (including their plants in Vietnam, counted under Japan) take Lynas and
 * other non-Chinese oxide (6,000 t, assumed). No US metal or magnet plant ran in 2024 in this scenario.
 */

import { depositDistribution } from '../../data/deposits.js';
import { cite, type Provenance } from '../../data/provenance.js';
import { MAGNET_CHAIN_ELEMENTS } from '../network.js';
import type { Facility } from '../types.js';
import { MAGNET_REE_DEMAND_2024 } from './demand.js';
import { CHINA_H1_2024_MINING_QUOTA, USGS_MINE_2024 } from './mines.js';
import { CHINA_RECYCLED_2024 } from './recycling.js';

/** China's H1 2024 smelting/separation quotas, t REO (MIIT notice via Fastmarkets; ree-data.md 4.4, 2nd, H). */
export const CHINA_H1_2024_SEPARATION_QUOTA = {
  northern: {
    value: 88_010,
    provenance: cite('MIIT24', 'secondary', 'high', 'China Northern Rare Earth, H1 2024'),
  },
  chinaRareEarth: {
    value: 38_990,
    provenance: cite('MIIT24', 'secondary', 'high', 'China Rare Earth Group, H1 2024'),
  },
} as const;

/** China's full-year 2024 smelting/separation quota, t REO (ree-data.md 4.4). */
export const CHINA_2024_SEPARATION_QUOTA = {
  value: 254_000,
  provenance: cite('MIIT24', 'secondary', 'high', 'smelting and separation, 2024'),
} as const;

/** Ore-to-separated recovery from the quotas: 254,000 / 270,000 (derived). */
const ORE_TO_OXIDE = CHINA_2024_SEPARATION_QUOTA.value / USGS_MINE_2024.CN.value;
/** Cracking recovery (fraction of REO in concentrate reaching the mixed product). */
export const CRACKING_RECOVERY = Math.sqrt(ORE_TO_OXIDE);
/** Separation recovery (fraction of mixed REO leaving as separated oxide). */
export const SEPARATION_RECOVERY = Math.sqrt(ORE_TO_OXIDE);
/** Metal-making recovery per element (assumed). */
export const METAL_RECOVERY = 0.97;
/**
 * Magnet-making recovery per element: 1. The magnet demand (IEA) is read as the magnet REE the magnet makers
 * consume; the 25-30 % of it that becomes swarf and offcuts comes back as oxide through the recyclers
 * (ARGUS25R, `recycling.ts`), so the magnet stage itself converts what it takes (derived from that reading;
 * the part of the scrap nobody recovers is inside the recyclers' reported output).
 */
export const MAGNET_RECOVERY = 1;
const HEADROOM = 1.1;

const assumed = (note: string): Provenance => cite('REESIM', 'assumed', 'assumed', note);
const sizedTo = (feed: number, recovery: number, what: string) => ({
  value: Math.ceil((feed * recovery * HEADROOM) / 100) * 100,
  provenance: assumed(`sized to ${what} (${Math.round(feed)} t REO) x recovery x 1.1 headroom`),
});

const share = (deposit: string, elements: readonly string[]): number => {
  const d = depositDistribution(deposit) as Record<string, number>;
  return elements.reduce((sum, el) => sum + (d[el] ?? 0), 0);
};
const LIGHT = ['La', 'Ce', 'Pr', 'Nd'] as const;
const NDPR = ['Pr', 'Nd'] as const;

/**
 * What MP Materials' Mountain Pass line separates: La, Pr and Nd. Cerium is rejected at the front end (after
 * the oxidising roast, ceric oxide stays out of the leach) and is not separated (ADAMAS22: a light
 * rare-earth line for 20,000 t TREO/yr "with cerium rejected at the front-end", upwards of 6,000 t/yr NdPr
 * oxide; La-Nd less Ce carries NdPr at 33 %, so 20,000 t holds ~6,600 t NdPr).
 */
export const MP_SEPARATED_ELEMENTS: readonly string[] = ['La', 'Pr', 'Nd'];

// China's quota mines (2 x the H1 2024 quotas, as mines.ts).
const NORTHERN_ORE = CHINA_H1_2024_MINING_QUOTA.northern.value * 2;
const CREG_CLAY_ORE = CHINA_H1_2024_MINING_QUOTA.ionAdsorption.value * 2;
const CREG_LIGHT_ORE =
  (CHINA_H1_2024_MINING_QUOTA.chinaRareEarth.value - CHINA_H1_2024_MINING_QUOTA.ionAdsorption.value) * 2;

// MP Materials: separated output whose NdPr part is the reported 1,294 t; its feed; the rest goes to China.
const MP_NDPR_2024 = 1_294;
const MP_SEPARATED =
  (MP_NDPR_2024 * share('mountain-pass', MP_SEPARATED_ELEMENTS)) / share('mountain-pass', NDPR);
const MP_MIXED_FEED = MP_SEPARATED / (SEPARATION_RECOVERY * share('mountain-pass', MP_SEPARATED_ELEMENTS));
/** Concentrate MP ships to China in the baseline: its 2024 output less what its own plant cracks, t REO. */
export const MP_CONCENTRATE_TO_CHINA = USGS_MINE_2024.US.value - MP_MIXED_FEED / CRACKING_RECOVERY;

// Feed that China's "other" separators take: imported concentrate and Myanmar's leached clays.
const IMPORT_DEPOSITS = {
  MM: 'kachin-clay-proxy',
  NG: 'north-capel',
  TH: 'north-capel',
  MG: 'north-capel',
  VN: 'north-capel',
  MY: 'lahat',
  BR: 'serra-verde-proxy',
  ROW: 'north-capel',
} as const;
const IMPORTS = Object.keys(IMPORT_DEPOSITS) as (keyof typeof IMPORT_DEPOSITS)[];
const IMPORTED_DOCUMENTED = IMPORTS.reduce(
  (sum, c) => sum + USGS_MINE_2024[c].value,
  MP_CONCENTRATE_TO_CHINA,
);

/**
 * China's 2024 PrNd oxide output, t: ~106,000 t (ARGUS24V, market participants), recycled oxide included.
 */
export const CHINA_NDPR_OXIDE_2024 = {
  value: 106_000,
  provenance: cite('ARGUS24V', 'secondary', 'low', "market participants' estimate, recycling included"),
} as const;

/**
 * PrNd oxide China's documented flows give in 2024, t: its quota ore and imported feed at the ore-to-oxide
 * recovery, and the PrNd its recyclers recover (derived; the supply run reproduces it, see the tests).
 */
export const CHINA_NDPR_DOCUMENTED_2024 =
  ORE_TO_OXIDE *
    (NORTHERN_ORE * share('bayan-obo', NDPR) +
      CREG_LIGHT_ORE * share('mountain-pass', NDPR) +
      CREG_CLAY_ORE * share('longnan', NDPR) +
      MP_CONCENTRATE_TO_CHINA * share('mountain-pass', NDPR) +
      IMPORTS.reduce((sum, c) => sum + USGS_MINE_2024[c].value * share(IMPORT_DEPOSITS[c], NDPR), 0)) +
  CHINA_RECYCLED_2024.named.PrNd;

/** The mix reesim gives China's undocumented ore: southern ion-adsorption clay (assumed). */
const UNDOCUMENTED_DEPOSIT = 'medium-y-eu-clay';

/**
 * China's undocumented (over-quota or unlicensed) ore in 2024, t REO: what closes the gap between Argus's
 * estimate of China's PrNd oxide output and what its documented flows give, as clay ore of
 * the medium-Y clay's mix (derived from a low-confidence estimate; the USGS table excludes such
 * output).
 */
export const CHINA_UNDOCUMENTED_ORE_2024 = {
  value:
    Math.round(
      (CHINA_NDPR_OXIDE_2024.value - CHINA_NDPR_DOCUMENTED_2024) /
        (ORE_TO_OXIDE * share(UNDOCUMENTED_DEPOSIT, NDPR)) /
        100,
    ) * 100,
  provenance: cite(
    'ARGUS24V',
    'derived',
    'low',
    "(China's ~106,000 t PrNd oxide (ARGUS24V) - its documented flows) / (ore-to-oxide recovery x PrNd share of a medium-Y clay); clay mix assumed",
  ),
} as const;

const IMPORTED = IMPORTED_DOCUMENTED + CHINA_UNDOCUMENTED_ORE_2024.value;
const DOMESTIC_H1 = CHINA_H1_2024_MINING_QUOTA;
const YEAR = 2;

// Kalgoorlie: ~9,000 t/yr NdPr in the cracked product.
const KALGOORLIE = 9_000 / share('mount-weld', NDPR);
// Lynas Malaysia: ~10,500 t/yr NdPr finishing capacity (ree-data.md 4.4) over NdPr's share of its La-Nd output.
const LAMP = 10_500 / (share('mount-weld', NDPR) / share('mount-weld', LIGHT));

/**
 * Lynas's NdPr oxide output in calendar 2024, t: the mean of its FY24 (Jul 2023-Jun 2024) 5,655 t and FY25
 * 6,558 t (derived; its quarters Apr-Jun 2024 1,504 t and Jul-Sep 2024 1,677 t bracket the same rate).
 */
export const LYNAS_NDPR_2024 = {
  value: Math.round((5_655 + 6_558) / 2 / 100) * 100,
  provenance: cite('LYC', 'derived', 'medium', 'mean of FY24 5,655 t and FY25 6,558 t NdPr oxide'),
} as const;

/**
 * Mount Weld REO in concentrate beyond the USGS's 2024 figure for Australia, t: what Lynas's reported NdPr
 * needs at Mount Weld's mix and the ore-to-oxide recovery, less the USGS's 13,000 t (derived). The USGS
 * figure is close to Lynas's reported REO products (FY24 10,908 t), which leave out the La and Ce it does
 * not sell, so it cannot carry the NdPr Lynas makes (13,000 t of Mount Weld REO holds ~3,100 t NdPr).
 */
export const MOUNT_WELD_BEYOND_USGS_2024 = {
  value:
    Math.round(
      (LYNAS_NDPR_2024.value / (ORE_TO_OXIDE * share('mount-weld', NDPR)) - USGS_MINE_2024.AU.value) / 100,
    ) * 100,
  provenance: cite(
    'LYC',
    'derived',
    'medium',
    "Lynas's 2024 NdPr / (ore-to-oxide recovery x NdPr share of Mount Weld REO) - USGS Australia 2024",
  ),
} as const;
const NON_CHINA_MAGNETS = (1 - 0.94) * MAGNET_REE_DEMAND_2024.value;

function plant(
  id: string,
  name: string,
  country: string,
  kind: Facility['kind'],
  capacity: { value: number; provenance: Provenance },
  provenance: Provenance,
  extra: Partial<Facility> = {},
): Facility {
  const recovery = {
    mine: undefined,
    concentrator: undefined,
    cracking: CRACKING_RECOVERY,
    separation: SEPARATION_RECOVERY,
    metal: METAL_RECOVERY,
    magnet: MAGNET_RECOVERY,
    recycling: undefined,
  }[kind];
  return {
    id,
    name,
    country,
    kind,
    capacity,
    ...(recovery === undefined ? {} : { recovery }),
    // Metal and magnet makers take only the magnet chain's elements (La and Ce are not made into magnets).
    ...(kind === 'metal' || kind === 'magnet' ? { elements: MAGNET_CHAIN_ELEMENTS } : {}),
    provenance,
    ...extra,
  };
}

const quotaSeparation = (h1: { value: number; provenance: Provenance }) => ({
  value: h1.value * YEAR,
  provenance: cite('MIIT24', 'derived', 'high', `H1 2024 smelting/separation quota ${h1.value} t x 2`),
});
const S = CHINA_H1_2024_SEPARATION_QUOTA;
const CREG_MINES = DOMESTIC_H1.chinaRareEarth.value * YEAR;
const NORTHERN_MINES = DOMESTIC_H1.northern.value * YEAR;

/** Cracking (and clay leaching) plants: concentrate -> mixed, t REO of mixed product per year. */
export const CRACKING_2024: readonly Facility[] = [
  plant(
    'cn-northern-cracking',
    'China Northern Rare Earth, Baotou (acid roasting)',
    'CN',
    'cracking',
    sizedTo(NORTHERN_MINES, CRACKING_RECOVERY, 'its mining quota'),
    cite('MIIT24', 'secondary', 'high', 'quota holder (smelting and separation)'),
  ),
  plant(
    'cn-creg-cracking',
    'China Rare Earth Group (Ganzhou and Sichuan; includes clay leaching)',
    'CN',
    'cracking',
    sizedTo(CREG_MINES, CRACKING_RECOVERY, 'its mining quota'),
    cite('MIIT24', 'secondary', 'high', 'quota holder (smelting and separation)'),
  ),
  plant(
    'cn-other-cracking',
    'Other Chinese crackers on imported concentrate',
    'CN',
    'cracking',
    sizedTo(
      IMPORTED - USGS_MINE_2024.MM.value,
      CRACKING_RECOVERY,
      'imported concentrate and undocumented ore in 2024',
    ),
    assumed(
      'stand-in for the Chinese plants that crack imported concentrate (MP, African, Southeast Asian) and undocumented ore',
    ),
  ),
  plant(
    'mm-kachin-leach',
    'Kachin in-situ leaching and precipitation (mixed carbonate)',
    'MM',
    'cracking',
    sizedTo(USGS_MINE_2024.MM.value, CRACKING_RECOVERY, "Myanmar's 2024 output"),
    cite('DIPLOMAT21', 'secondary', 'medium', 'ammonium sulfate in-situ leaching; product trucked to China'),
  ),
  plant(
    'au-kalgoorlie',
    'Lynas Kalgoorlie (cracking and leaching)',
    'AU',
    'cracking',
    {
      value: KALGOORLIE,
      provenance: cite(
        'LYC',
        'derived',
        'medium',
        'nameplate ~9,000 t/yr NdPr / NdPr share of Mount Weld REO',
      ),
    },
    cite('LYC', 'secondary', 'high', 'Mount Weld -> Kalgoorlie -> Malaysia'),
  ),
  plant(
    'us-mp-cracking',
    'MP Materials, Mountain Pass (roasting and leaching)',
    'US',
    'cracking',
    {
      value: MP_MIXED_FEED,
      provenance: cite(
        'MP10K',
        'derived',
        'medium',
        'the feed its 2024 separation needed (1,294 t NdPr oxide)',
      ),
    },
    cite('MP10K', 'secondary', 'high', 'MP separates part of its concentrate at Mountain Pass'),
  ),
  plant(
    'in-irel-cracking',
    'IREL (India) monazite caustic digestion',
    'IN',
    'cracking',
    sizedTo(USGS_MINE_2024.IN.value, CRACKING_RECOVERY, "India's 2024 output"),
    assumed('IREL cracks its own monazite; no capacity in the sheet'),
  ),
  plant(
    'ru-solikamsk',
    'Solikamsk (loparite chlorination)',
    'RU',
    'cracking',
    sizedTo(USGS_MINE_2024.RU.value, CRACKING_RECOVERY, "Russia's 2024 output"),
    assumed('route Lovozero -> Solikamsk -> Silmet is assumed (historic); no figure in the sheet'),
  ),
];

/** Separation plants: mixed -> separated oxide, t REO of separated product per year. */
export const SEPARATION_2024: readonly Facility[] = [
  plant(
    'cn-northern-separation',
    'China Northern Rare Earth, Baotou (separation)',
    'CN',
    'separation',
    quotaSeparation(S.northern),
    cite('MIIT24', 'secondary', 'high', 'quota holder'),
  ),
  plant(
    'cn-creg-separation',
    'China Rare Earth Group, Ganzhou and others (separation)',
    'CN',
    'separation',
    quotaSeparation(S.chinaRareEarth),
    cite('MIIT24', 'secondary', 'high', 'quota holder'),
  ),
  plant(
    'cn-other-separation',
    'Other Chinese separators on imported feed',
    'CN',
    'separation',
    sizedTo(
      IMPORTED * CRACKING_RECOVERY,
      SEPARATION_RECOVERY,
      'imported feed and undocumented ore in 2024 after cracking',
    ),
    assumed('imported feed and undocumented ore are separated outside the domestic-ore quota (assumed)'),
  ),
  plant(
    'my-lynas-lamp',
    'Lynas Malaysia (LAMP), Kuantan',
    'MY',
    'separation',
    {
      value: LAMP,
      provenance: cite(
        'LYC',
        'derived',
        'medium',
        '~10,500 t/yr NdPr finishing capacity / NdPr share of Mount Weld La-Nd (the original nameplate was 22,000 t REO/yr)',
      ),
    },
    cite('LYC', 'secondary', 'high', 'separates Mount Weld material cracked at Kalgoorlie'),
    { elements: LIGHT },
  ),
  plant(
    'us-mp-separation',
    'MP Materials, Mountain Pass (separation)',
    'US',
    'separation',
    {
      value: MP_SEPARATED,
      provenance: cite(
        'MP10K',
        'derived',
        'medium',
        '2024 output: 1,294 t NdPr oxide x (La+Pr+Nd)/(Pr+Nd) of Mountain Pass (Ce rejected, ADAMAS22)',
      ),
    },
    cite('MP10K', 'secondary', 'high', '2024 NdPr oxide 1,294 t; capacity here is the 2024 throughput'),
    { elements: MP_SEPARATED_ELEMENTS },
  ),
  plant(
    'in-irel-separation',
    'IREL (India) separation',
    'IN',
    'separation',
    sizedTo(
      USGS_MINE_2024.IN.value * CRACKING_RECOVERY,
      SEPARATION_RECOVERY,
      "India's 2024 output after cracking",
    ),
    assumed('IREL separates its own monazite; no capacity in the sheet'),
  ),
  plant(
    'ee-silmet',
    'Neo Performance Materials, NPM Silmet (Sillamae)',
    'EE',
    'separation',
    { value: 3_000, provenance: cite('SILMET', 'secondary', 'low', '2011 figure; current figure not found') },
    cite('SILMET', 'secondary', 'low'),
  ),
  plant(
    'fr-solvay',
    'Solvay, La Rochelle',
    'FR',
    'separation',
    {
      value: 2_000,
      provenance: cite('SOLV', 'secondary', 'medium', 'low end of "2,000-5,000 t REO possible"'),
    },
    cite('SOLV', 'secondary', 'medium', 'no 2024 feed route in the sheet: idle in the baseline'),
  ),
];

/** Metal plants: separated oxide -> metal, t RE content per year. */
export const METAL_2024: readonly Facility[] = [
  plant(
    'cn-metal',
    'Chinese metal makers (molten-salt electrolysis)',
    'CN',
    'metal',
    { value: 150_000, provenance: assumed('ample: above 2030 demand') },
    assumed('China makes most of the world RE metal (no figure in the sheet)'),
  ),
  plant(
    'jp-metal',
    'Japanese metal makers (with their plants in Vietnam)',
    'JP',
    'metal',
    { value: 6_000, provenance: assumed('sized to take Lynas NdPr (~6,000 t/yr in 2024, LYC quarterlies)') },
    assumed('stand-in for the non-Chinese metal makers that buy Lynas and other non-Chinese oxide'),
  ),
];

/** Magnet plants: metal -> sintered NdFeB, t RE content per year. */
export const MAGNET_2024: readonly Facility[] = [
  plant(
    'cn-magnet',
    'Chinese NdFeB magnet makers',
    'CN',
    'magnet',
    { value: 150_000, provenance: assumed('ample: above 2030 demand') },
    cite('IEA25C', 'secondary', 'medium', 'China 94 % of sintered magnet manufacturing'),
  ),
  plant(
    'jp-magnet',
    'Japanese NdFeB magnet makers (Shin-Etsu, Proterial, TDK)',
    'JP',
    'magnet',
    {
      value: 0.8 * NON_CHINA_MAGNETS,
      provenance: cite(
        'IEA25C',
        'derived',
        'low',
        '6 % of 2024 demand outside China (IEA25C) x 0.8 for Japan (assumed)',
      ),
    },
    assumed('named makers are illustrative'),
  ),
  plant(
    'eu-magnet',
    'EU NdFeB magnet makers (e.g. VAC, Germany)',
    'EU',
    'magnet',
    {
      value: 0.2 * NON_CHINA_MAGNETS,
      provenance: cite(
        'IEA25C',
        'derived',
        'low',
        '6 % of 2024 demand outside China (IEA25C) x 0.2 for the EU (assumed)',
      ),
    },
    assumed('named maker is illustrative'),
  ),
];

/**
 * China's undocumented ore as a mine of its own (not in the USGS table, which counts the quota), feeding the
 * "other" Chinese crackers.
 */
export const UNDOCUMENTED_2024: readonly Facility[] = [
  {
    id: 'cn-undocumented',
    name: 'Undocumented Chinese ore (over-quota or unlicensed; calibration to Argus PrNd output)',
    country: 'CN',
    kind: 'mine',
    capacity: CHINA_UNDOCUMENTED_ORE_2024,
    mix: { deposit: UNDOCUMENTED_DEPOSIT },
    provenance: cite('ARGUS24V', 'derived', 'low', 'sized so that China makes ~106,000 t PrNd oxide in 2024'),
  },
];

/**
 * The Mount Weld concentrate Lynas separates beyond the USGS's figure for Australia, as a mine of its own
 * (kept apart so the USGS comparison stays on the USGS's numbers), feeding Kalgoorlie.
 */
export const MOUNT_WELD_BEYOND_USGS: readonly Facility[] = [
  {
    id: 'au-mount-weld-beyond-usgs',
    name: "Lynas, Mount Weld: concentrate beyond the USGS's Australia figure (calibration to Lynas's NdPr)",
    country: 'AU',
    kind: 'mine',
    capacity: MOUNT_WELD_BEYOND_USGS_2024,
    mix: { deposit: 'mount-weld' },
    provenance: cite(
      'LYC',
      'derived',
      'medium',
      'sized so that Lynas Malaysia makes ~6,100 t NdPr oxide in 2024',
    ),
  },
];

/** Every non-mine facility of the baseline-2024 scenario. */
export const PLANTS_2024: readonly Facility[] = [
  ...CRACKING_2024,
  ...SEPARATION_2024,
  ...METAL_2024,
  ...MAGNET_2024,
];
