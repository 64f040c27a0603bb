/**
 * MP Materials stops shipping concentrate to China and separates at home, to layer on a scenario that has
 * MP's Mountain Pass facilities (`us-mountain-pass`, `us-mp-separation`, e.g. `baseline2024`).
 *
 * **What happened (MP25):** on 17 April 2025, after China raised its tariffs on US goods to 125 %, MP said it
 * had stopped shipping concentrate to China and would stockpile concentrate while ramping up separation in
 * California; its Q3 2025 report says it ceased all sales to China in July 2025. MP separated 1,294 t NdPr
 * oxide in 2024 (ree-data.md 4.4), 2,599 t in 2025, and ended 2025 at a run rate of nearly 4,000 t/yr. Its
 * light rare-earth separation line was built for about 20,000 t TREO/yr, enough for upwards of 6,000 t/yr
 * NdPr oxide (ADAMAS22). Downstream, the Independence plant (Fort Worth, Texas) began commercial NdPr metal
 * in January 2025 and is built for about 1,000 t/yr of NdFeB magnets, with first commercial magnets at the
 * end of 2025; the 10X plant agreed with the US Department of Defense in July 2025 is to start commissioning
 * in 2028 and bring MP's magnet capacity to about 10,000 t/yr (MP25).
 *
 * **Model:** a `domesticProcessing` policy (no US concentrate exports) from `from`; an export ban on US oxide
 * to China from `noSalesToChinaFrom`; a cracking and a separation expansion at Mountain Pass (light rare
 * earths, as the baseline plant: La, Pr, Nd, with Ce rejected at the front end) that bring MP's NdPr
 * capacity from the base scenario's to `ndprCapacity` (6,000 t/yr: 18,200 t/yr of La, Pr and Nd oxide in all,
 * within the line's 20,000 t TREO/yr, ADAMAS22),
 * ramped linearly from `rampStart` over `rampMonths`; and, unless `magnets` is false, Independence and 10X as
 * metal and magnet plants fed by US oxide and selling to US magnet demand. Magnet plant capacities are t of
 * RE content: magnets x 1/3 (NdPr is about a third of a finished magnet, FM24). Left out: MP's heavy
 * rare-earth circuit (commissioning mid-2026, 200 t/yr Dy/Tb, mostly on bought-in feed): the model separates
 * each mixed lot once, so a circuit on the light plant's residue cannot be represented. Mountain Pass mines
 * its 2025 output, 50,692 t REO in concentrate (MP25; 45,455 t in 2024), from January 2025 (a
 * `facilityChange` of `us-mountain-pass`); what it cannot separate it stockpiles, as MP did.
 */

import { fail } from '../../core/errors.js';
import { boolean, inRange, integer, knownKeys, optional, record } from '../../core/validate.js';
import { depositDistribution } from '../../data/deposits.js';
import { cite, sourced } from '../../data/provenance.js';
import {
  CRACKING_RECOVERY,
  MAGNET_RECOVERY,
  METAL_RECOVERY,
  MP_SEPARATED_ELEMENTS,
  SEPARATION_RECOVERY,
} from '../baseline/plants.js';
import { monthIndex } from '../calendar.js';
import { MAGNET_CHAIN_ELEMENTS } from '../network.js';
import type { Facility, SupplyEvent, SupplyScenario, TradeLink } from '../types.js';

// Full references of the source keys, with URLs: src/supply/scenarios/SOURCES.md.

/** Defaults of {@link withMpDomesticProcessing}, each with its source. */
export const MP_DOMESTIC_DEFAULTS = {
  from: sourced(
    '2025-04',
    'MP25',
    'secondary',
    'high',
    'MP stopped concentrate shipments to China on 17 Apr 2025',
  ),
  noSalesToChinaFrom: sourced(
    '2025-07',
    'MP25',
    'secondary',
    'high',
    'Q3 2025 10-Q: ceased sales to China in July',
  ),
  ndprCapacity: sourced(
    6_000,
    'ADAMAS22',
    'secondary',
    'medium',
    '"upwards of 6,000 t NdPr oxide per annum"',
  ),
  rampStart: sourced(
    '2025-01',
    'MP25',
    'secondary',
    'medium',
    'NdPr output doubled over 2025 (2,599 t vs 1,294 t)',
  ),
  rampMonths: sourced(
    24,
    'MP25',
    'derived',
    'medium',
    'linear from 1,294 t/yr (Jan 2025) to 6,000 t/yr: 24 months gives 2,599 t NdPr in 2025 and ~1,000 t in Q1 2026 (MP: 2,599 t; 917 t)',
  ),
  mineCapacity2025: sourced(
    50_692,
    'MP25',
    'secondary',
    'high',
    'REO in concentrate produced in 2025 (FY2025 results), t/yr',
  ),
  independenceMetalStart: sourced(
    '2025-01',
    'MP25',
    'secondary',
    'high',
    'commercial NdPr metal at Independence from January 2025',
  ),
  independenceStart: sourced(
    '2025-12',
    'MP25',
    'secondary',
    'medium',
    'first commercial magnets by end 2025',
  ),
  independenceMagnets: sourced(
    1_000,
    'MP25',
    'secondary',
    'high',
    'Independence: ~1,000 t/yr finished NdFeB',
  ),
  tenXStart: sourced('2028-01', 'MP25', 'secondary', 'medium', '10X commissioning expected to begin in 2028'),
  totalMagnets: sourced(10_000, 'MP25', 'secondary', 'medium', "MP's magnet capacity with 10X: ~10,000 t/yr"),
  magnetRampMonths: sourced(12, 'REESIM', 'assumed', 'assumed', 'magnet plants reach nameplate in a year'),
  reContentOfMagnet: sourced(
    1 / 3,
    'FM24',
    'secondary',
    'medium',
    'NdPr is about a third of a finished magnet',
  ),
} as const;

/** Parameters of {@link withMpDomesticProcessing} (defaults in {@link MP_DOMESTIC_DEFAULTS}). */
export interface MpDomesticParams {
  /** First month with no US concentrate exports, 'YYYY-MM' (default '2025-04'). */
  readonly from?: string;
  /** First month with no US oxide sales to China, 'YYYY-MM' (default '2025-07'). */
  readonly noSalesToChinaFrom?: string;
  /** NdPr oxide capacity MP ramps up to, t/yr (default 6,000; at least the base scenario's). */
  readonly ndprCapacity?: number;
  /** First month of the separation ramp, 'YYYY-MM' (default '2025-01'). */
  readonly rampStart?: string;
  /** Months from `rampStart` to `ndprCapacity` (default 24). */
  readonly rampMonths?: number;
  /** Add Independence and 10X (metal and magnets) (default true). */
  readonly magnets?: boolean;
  /** First month of 10X, 'YYYY-MM' (default '2028-01'). */
  readonly tenXStart?: string;
}

const FN = 'withMpDomesticProcessing';
const NEEDS = ['us-mountain-pass', 'us-mp-separation'];

const month = (key: string, value: unknown, fallback: string): string =>
  optional(value, fallback, (v) => {
    monthIndex(`${FN}.params.${key}`, v);
    return v as string;
  });
const capacityOf = (f: Facility): number => (typeof f.capacity === 'number' ? f.capacity : f.capacity.value);

/**
 * The scenario with MP Materials separating its concentrate at home (see the module notes): new facilities
 * `mp-domestic-cracking` and `mp-domestic-separation` at Mountain Pass, and (with `magnets`)
 * `mp-independence-*` and `mp-10x-*` metal and magnet plants in Texas, as `newFacility` events; policies
 * `mp-domestic-processing` and `mp-no-sales-to-china`. Capacities are t REO/yr (cracking, separation) and t
 * RE content/yr (metal, magnets). Returns a new scenario; `base` is not changed.
 *
 * @throws ReesimError for unknown or invalid params, a base without MP's facilities, or a base that has this
 * scenario already
 * @example
 * ```ts
 * const s = withMpDomesticProcessing(baseline2024);
 * s.policies?.map((p) => p.kind); // ['domesticProcessing', 'exportControl']
 * s.events?.length; // 7
 * withMpDomesticProcessing(baseline2024, { magnets: false }).events?.length; // 3
 * ```
 */
export function withMpDomesticProcessing(
  base: SupplyScenario,
  params: MpDomesticParams = {},
): SupplyScenario {
  const D = MP_DOMESTIC_DEFAULTS;
  const p = record(`${FN}.params`, params, 'a parameter object');
  knownKeys(`${FN}.params`, p, [
    'from',
    'noSalesToChinaFrom',
    'ndprCapacity',
    'rampStart',
    'rampMonths',
    'magnets',
    'tenXStart',
  ]);
  const from = month('from', p.from, D.from.value);
  const noSalesFrom = month('noSalesToChinaFrom', p.noSalesToChinaFrom, D.noSalesToChinaFrom.value);
  const rampStart = month('rampStart', p.rampStart, D.rampStart.value);
  const tenXStart = month('tenXStart', p.tenXStart, D.tenXStart.value);
  const ndprCapacity = optional(p.ndprCapacity, D.ndprCapacity.value, (v) =>
    inRange(`${FN}.params.ndprCapacity`, v, 0, 1e6),
  );
  const rampMonths = optional(p.rampMonths, D.rampMonths.value, (v) =>
    integer(`${FN}.params.rampMonths`, v, 0),
  );
  const magnets = optional(p.magnets, true, (v) => boolean(`${FN}.params.magnets`, v));

  const facilities = [
    ...base.facilities,
    ...(base.events ?? []).flatMap((e) => (e.kind === 'newFacility' ? [e.facility] : [])),
  ];
  for (const id of NEEDS)
    if (!facilities.some((f) => f.id === id))
      fail(
        'MISSING',
        `${FN}.base.facilities`,
        id,
        "a scenario with MP's Mountain Pass facilities (baseline2024)",
      );
  if (facilities.some((f) => f.id === 'mp-domestic-separation'))
    fail('INFEASIBLE', `${FN}.base`, base.name, 'a scenario without this scenario already applied');

  // Separation: the base plant's output and the expansion that brings NdPr oxide to `ndprCapacity`.
  const mix = depositDistribution('mountain-pass') as Record<string, number>;
  const lightShare = MP_SEPARATED_ELEMENTS.reduce((s, e) => s + (mix[e] ?? 0), 0);
  const ndprOfLight = ((mix.Pr ?? 0) + (mix.Nd ?? 0)) / lightShare;
  const existing = capacityOf(facilities.find((f) => f.id === 'us-mp-separation') as Facility);
  const separation = ndprCapacity / ndprOfLight - existing;
  if (separation < 0)
    fail(
      'INFEASIBLE',
      `${FN}.params.ndprCapacity`,
      ndprCapacity,
      `at least the base scenario's ${Math.round(existing * ndprOfLight)} t/yr NdPr`,
    );
  const cracking = separation / (SEPARATION_RECOVERY * lightShare);
  const ramp = { start: rampStart, rampMonths };
  const derived = (note: string) => cite('ADAMAS22', 'derived', 'medium', note);

  const plants: Facility[] = [
    {
      id: 'mp-domestic-cracking',
      name: 'MP Materials, Mountain Pass (cracking expansion)',
      country: 'US',
      kind: 'cracking',
      capacity: { value: cracking, provenance: derived('the feed the separation expansion needs') },
      recovery: CRACKING_RECOVERY,
      ...ramp,
      provenance: cite('MP25', 'secondary', 'high', 'MP ramped up California processing from April 2025'),
    },
    {
      id: 'mp-domestic-separation',
      name: 'MP Materials, Mountain Pass (separation expansion)',
      country: 'US',
      kind: 'separation',
      capacity: {
        value: separation,
        provenance: cite(
          p.ndprCapacity === undefined ? 'ADAMAS22' : 'USER',
          'derived',
          p.ndprCapacity === undefined ? 'medium' : 'assumed',
          `${ndprCapacity} t/yr NdPr / (Pr+Nd)/(La+Pr+Nd) of Mountain Pass (Ce rejected), less the base plant`,
        ),
      },
      recovery: SEPARATION_RECOVERY,
      elements: MP_SEPARATED_ELEMENTS,
      ...ramp,
      provenance: cite('MP25', 'secondary', 'high', 'light rare-earth separation at Mountain Pass'),
    },
  ];
  const links: TradeLink[] = [
    { from: 'us-mountain-pass', to: 'mp-domestic-cracking', stage: 'concentrate' },
    { from: 'mp-domestic-cracking', to: 'mp-domestic-separation', stage: 'mixed' },
    { from: 'mp-domestic-separation', to: 'country:JP', stage: 'oxide', leadTime: 2 },
  ];
  if (magnets) {
    const re = D.reContentOfMagnet.value;
    const magnetPlant = (
      id: string,
      name: string,
      start: string,
      tonnes: number,
      why: string,
      metalStart = start,
    ): Facility[] => [
      {
        id: `${id}-metal`,
        name: `${name} (NdPr metal and alloy)`,
        country: 'US',
        kind: 'metal',
        capacity: {
          value: (tonnes * re) / MAGNET_RECOVERY,
          provenance: cite('FM24', 'derived', 'medium', `${why} x 1/3 RE / magnet recovery`),
        },
        recovery: METAL_RECOVERY,
        elements: MAGNET_CHAIN_ELEMENTS,
        start: metalStart,
        rampMonths: D.magnetRampMonths.value,
        provenance: cite('MP25', 'secondary', 'medium', 'metal, alloy and magnets in one plant'),
      },
      {
        id: `${id}-magnet`,
        name: `${name} (sintered NdFeB)`,
        country: 'US',
        kind: 'magnet',
        capacity: {
          value: tonnes * re,
          provenance: cite('FM24', 'derived', 'medium', `${why} x 1/3 RE content`),
        },
        recovery: MAGNET_RECOVERY,
        elements: MAGNET_CHAIN_ELEMENTS,
        start,
        rampMonths: D.magnetRampMonths.value,
        provenance: cite('MP25', 'secondary', 'medium', 'magnets for US makers (GM, Apple, DoD offtake)'),
      },
    ];
    const independence = D.independenceMagnets.value;
    plants.push(
      ...magnetPlant(
        'mp-independence',
        'MP Materials, Independence (Fort Worth, Texas)',
        D.independenceStart.value,
        independence,
        `${independence} t/yr magnets`,
        D.independenceMetalStart.value,
      ),
      ...magnetPlant(
        'mp-10x',
        'MP Materials, 10X (Texas)',
        tenXStart,
        D.totalMagnets.value - independence,
        `${D.totalMagnets.value} t/yr in all less Independence`,
      ),
    );
    links.push(
      { from: 'country:US', to: 'country:US', stage: 'oxide' },
      { from: 'country:US', to: 'country:US', stage: 'metal' },
      { from: 'country:US', to: 'country:US', stage: 'magnet' },
    );
  }
  const events: SupplyEvent[] = [
    ...plants.map((f): SupplyEvent => ({ kind: 'newFacility', id: f.id, facility: f })),
    {
      kind: 'facilityChange',
      id: 'us-mountain-pass-2025',
      facility: 'us-mountain-pass',
      from: '2025-01',
      capacity: D.mineCapacity2025.value,
      provenance: cite('MP25', 'secondary', 'high', D.mineCapacity2025.note),
    },
  ];
  return {
    ...base,
    name: `${base.name} + MP domestic processing`,
    links: [...base.links, ...links],
    policies: [
      ...(base.policies ?? []),
      {
        kind: 'domesticProcessing',
        id: 'mp-domestic-processing',
        country: 'US',
        stages: ['concentrate'],
        from,
      },
      {
        kind: 'exportControl',
        id: 'mp-no-sales-to-china',
        exporter: 'US',
        stages: ['oxide'],
        destinations: ['CN'],
        approvalRate: 0,
        from: noSalesFrom,
        provenance: cite(
          'MP25',
          'secondary',
          'high',
          'MP ceased all sales to China in July 2025 (Q3 2025 10-Q)',
        ),
      },
    ],
    events: [...(base.events ?? []), ...events],
  };
}
