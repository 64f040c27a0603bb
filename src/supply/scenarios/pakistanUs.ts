/**
 * The Pakistan-US critical-minerals deal as a supply-chain scenario: Pakistani rare-earth concentrate shipped
 * to the United States, and later a refinery in Pakistan.
 *
 * **What happened (PKUS25):** on 8 September 2025 US Strategic Metals (USSM, Missouri) and Pakistan's
 * Frontier Works Organization (FWO) signed memoranda for a partnership of about $500 million covering
 * exploration, beneficiation, concentrate production and, eventually, refineries (a poly-metallic refinery)
 * in Pakistan. The first shipment, which included concentrate carrying Nd and Pr together with antimony and
 * copper concentrate, reached USSM in early October 2025. USSM has a site in Missouri permitted for
 * processing, where it plans rare earth production with partners (USSM25).
 *
 * **Gaps, so assumptions (low confidence):** no tonnage, deposit, grade or refinery date has been published.
 * The mine is one country-level facility with the catalogue's `pakistan-proxy` mix (North Capel monazite, an
 * LREE stand-in: the shipment named Nd and Pr); its output is a parameter (default 500 t REO/yr, of the order
 * of the smallest producers in the USGS table), ramped over a year from the first shipment. In the United
 * States the concentrate goes to a USSM processing plant that cracks and separates it (sized to the
 * shipments); the Pakistani refinery (cracking and separation in one plant) starts in `refineryStart`
 * (default 2028-01) and, being nearer and cheaper (no freight), takes the concentrate from then on. Separated
 * oxide from both goes to US and Japanese metal makers where the scenario has any.
 */

import { fail } from '../../core/errors.js';
import { inRange, integer, knownKeys, optional, record } from '../../core/validate.js';
import { cite, sourced } from '../../data/provenance.js';
import { CRACKING_RECOVERY, SEPARATION_RECOVERY } from '../baseline/plants.js';
import { monthIndex } from '../calendar.js';
import type { Facility, SupplyEvent, SupplyScenario, TradeLink } from '../types.js';

// Full references of the source keys, with URLs: src/supply/scenarios/SOURCES.md.

/** Defaults of {@link withPakistanUsDeal}, each with its source. */
export const PAKISTAN_US_DEFAULTS = {
  firstShipment: sourced(
    '2025-10',
    'PKUS25',
    'secondary',
    'medium',
    'first shipment reached USSM in early Oct 2025',
  ),
  concentrate: sourced(
    500,
    'REESIM',
    'assumed',
    'assumed',
    'no tonnage published; of the order of the smallest USGS producers (Vietnam 300 t, Malaysia 130 t)',
  ),
  rampMonths: sourced(12, 'REESIM', 'assumed', 'assumed', 'a year to full shipments'),
  refineryStart: sourced(
    '2028-01',
    'REESIM',
    'assumed',
    'assumed',
    'the deal plans refineries; no date published',
  ),
} as const;

/** Parameters of {@link withPakistanUsDeal} (defaults in {@link PAKISTAN_US_DEFAULTS}). */
export interface PakistanUsParams {
  /** First month of concentrate output and shipments, 'YYYY-MM' (default '2025-10'). */
  readonly firstShipment?: string;
  /** Pakistani concentrate at full rate, t REO/yr (default 500, assumed). */
  readonly concentrate?: number;
  /** Months from the first shipment to the full rate (default 12, assumed). */
  readonly rampMonths?: number;
  /** First month of the refinery in Pakistan, 'YYYY-MM' (default '2028-01', assumed). */
  readonly refineryStart?: string;
}

const FN = 'withPakistanUsDeal';

const month = (key: string, value: unknown, fallback: string): string =>
  optional(value, fallback, (v) => {
    monthIndex(`${FN}.params.${key}`, v);
    return v as string;
  });

/**
 * The scenario with the Pakistan-US deal (see the module notes): country `PK`; facilities `pkus-fwo-mines`
 * (PK), `pkus-ussm-refinery` (US) and `pkus-fwo-refinery` (PK) as `newFacility` events; routes from the mines
 * to both refineries and from the refineries to US and Japanese metal makers. Tonnages are t REO/yr and are
 * assumptions. Returns a new scenario; `base` is not changed.
 *
 * @throws ReesimError for unknown or invalid params, or a base that has this scenario already
 * @example
 * ```ts
 * const s = withPakistanUsDeal(baseline2024, { concentrate: 1_000 });
 * s.countries.PK; // 'Pakistan'
 * s.events?.length; // 3
 * ```
 */
export function withPakistanUsDeal(base: SupplyScenario, params: PakistanUsParams = {}): SupplyScenario {
  const D = PAKISTAN_US_DEFAULTS;
  const p = record(`${FN}.params`, params, 'a parameter object');
  knownKeys(`${FN}.params`, p, ['firstShipment', 'concentrate', 'rampMonths', 'refineryStart']);
  const firstShipment = month('firstShipment', p.firstShipment, D.firstShipment.value);
  const refineryStart = month('refineryStart', p.refineryStart, D.refineryStart.value);
  const concentrate = optional(p.concentrate, D.concentrate.value, (v) =>
    inRange(`${FN}.params.concentrate`, v, 0, 1e6),
  );
  const rampMonths = optional(p.rampMonths, D.rampMonths.value, (v) =>
    integer(`${FN}.params.rampMonths`, v, 0),
  );
  if (
    base.facilities.some((f) => f.id === 'pkus-fwo-mines') ||
    (base.events ?? []).some((e) => e.id === 'pkus-fwo-mines')
  )
    fail('INFEASIBLE', `${FN}.base`, base.name, 'a scenario without this scenario already applied');

  const refined = {
    value: concentrate,
    provenance: cite('REESIM', 'assumed', 'assumed', 'sized to take all the concentrate'),
  };
  const plants: Facility[] = [
    {
      id: 'pkus-fwo-mines',
      name: 'Pakistan rare-earth concentrate (FWO)',
      country: 'PK',
      kind: 'mine',
      capacity: {
        value: concentrate,
        provenance:
          p.concentrate === undefined
            ? cite('REESIM', 'assumed', 'assumed', D.concentrate.note)
            : cite('USER', 'assumed', 'assumed', 'params.concentrate'),
      },
      mix: { deposit: 'pakistan-proxy' },
      start: firstShipment,
      rampMonths,
      provenance: cite(
        'PKUS25',
        'secondary',
        'medium',
        'FWO concentrate for USSM; mix: pakistan-proxy (assumed)',
      ),
    },
    {
      id: 'pkus-ussm-refinery',
      name: 'US Strategic Metals, Missouri (cracking and separation)',
      country: 'US',
      kind: 'separation',
      capacity: refined,
      recovery: CRACKING_RECOVERY * SEPARATION_RECOVERY,
      start: firstShipment,
      provenance: cite(
        'USSM25',
        'secondary',
        'low',
        'permitted processing site; a rare-earth plant is assumed',
      ),
    },
    {
      id: 'pkus-fwo-refinery',
      name: 'Planned refinery in Pakistan (USSM-FWO)',
      country: 'PK',
      kind: 'separation',
      capacity: refined,
      recovery: CRACKING_RECOVERY * SEPARATION_RECOVERY,
      start: refineryStart,
      rampMonths: D.rampMonths.value,
      provenance: cite(
        'PKUS25',
        'secondary',
        'medium',
        'refineries in Pakistan are part of the deal; size assumed',
      ),
    },
  ];
  const links: TradeLink[] = [
    { from: 'pkus-fwo-mines', to: 'pkus-ussm-refinery', stage: 'concentrate', leadTime: 2 },
    { from: 'pkus-fwo-mines', to: 'pkus-fwo-refinery', stage: 'concentrate' },
    { from: 'pkus-ussm-refinery', to: 'country:US', stage: 'oxide' },
    { from: 'pkus-ussm-refinery', to: 'country:JP', stage: 'oxide', leadTime: 2 },
    { from: 'pkus-fwo-refinery', to: 'country:US', stage: 'oxide', leadTime: 2 },
    { from: 'pkus-fwo-refinery', to: 'country:JP', stage: 'oxide', leadTime: 2 },
  ];
  const events: SupplyEvent[] = plants.map((f) => ({ kind: 'newFacility', id: f.id, facility: f }));
  return {
    ...base,
    name: `${base.name} + Pakistan-US deal`,
    countries: { ...base.countries, PK: 'Pakistan' },
    links: [...base.links, ...links],
    events: [...(base.events ?? []), ...events],
  };
}
