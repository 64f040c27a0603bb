/**
 * Eti Maden's Beylikova (Eskisehir, Turkey) rare-earth project with a US partner, as a supply-chain scenario:
 * a mine, cracking and separation in Turkey, selling separated oxide to US and Japanese metal makers.
 *
 * **Sources:** the planned plant treats 570,000 t of ore a year for 10,000 t REO (with barite, fluorite and
 * thorium by-products); its first-phase products are La, Ce, Pr, Nd, Sm, Eu and Gd oxides (BEY, ree-data.md
 * 5.1 and 5.2; medium for the tonnage, low for the product list). Turkey and China signed a memorandum in
 * October 2024 that stalled because China wanted the ore processed in China; in October 2025 Turkey was
 * reported to be in talks with the United States instead, planning a refinery at Beylikova, and Eti Maden
 * planned to start the industrial plant's design in 2026 and open it in 2027-2028 (BEY25). So the whole chain
 * to separated oxide is placed in Turkey, and the US partner buys oxide.
 *
 * **Assumptions:** the start (default 2028-01, the later end of 2027-2028) and a two-year ramp; no element
 * distribution has been published (a gap), so the mine uses the catalogue's `beylikova-proxy` mix (Mountain
 * Pass bastnaesite, an LREE stand-in) and the 10,000 t REO/yr is the separation plant's output, with the mine
 * and cracking sized to feed it through the baseline's recoveries (derived).
 */

import { fail } from '../../core/errors.js';
import { inRange, integer, knownKeys, optional, record } from '../../core/validate.js';
import { depositDistribution } from '../../data/deposits.js';
import { cite, sourced } from '../../data/provenance.js';
import { CRACKING_RECOVERY, SEPARATION_RECOVERY } from '../baseline/plants.js';
import { monthIndex } from '../calendar.js';
import type { Facility, SupplyEvent, SupplyScenario, TradeLink } from '../types.js';

// Source key listed in src/supply/scenarios/SOURCES.md.

/** Defaults of {@link withTurkeyBeylikova}, each with its source. */
export const TURKEY_BEYLIKOVA_DEFAULTS = {
  start: sourced('2028-01', 'BEY25', 'secondary', 'low', 'Eti Maden plans to open the plant in 2027-2028'),
  rampMonths: sourced(24, 'REESIM', 'assumed', 'assumed', 'two years to nameplate'),
  reoPerYear: sourced(
    10_000,
    'BEY',
    'secondary',
    'medium',
    'planned plant: 570,000 t ore/yr -> 10,000 t REO',
  ),
  ore: sourced(570_000, 'BEY', 'secondary', 'medium', 't ore per year of the planned plant'),
  products: sourced(
    ['La', 'Ce', 'Pr', 'Nd', 'Sm', 'Eu', 'Gd'],
    'BEY',
    'secondary',
    'low',
    'first-phase oxides',
  ),
} as const;

/** Parameters of {@link withTurkeyBeylikova} (defaults in {@link TURKEY_BEYLIKOVA_DEFAULTS}). */
export interface TurkeyBeylikovaParams {
  /** First month of output, 'YYYY-MM' (default '2028-01'). */
  readonly start?: string;
  /** Months from the start to nameplate (default 24, assumed). */
  readonly rampMonths?: number;
  /** Separated oxide at nameplate, t REO/yr (default 10,000). */
  readonly reoPerYear?: number;
}

const FN = 'withTurkeyBeylikova';

/**
 * The scenario with Beylikova (see the module notes): country `TR`; facilities `tr-beylikova-mine`,
 * `tr-beylikova-cracking` and `tr-beylikova-separation` as `newFacility` events, ramped from `start`; oxide
 * routes to the United States and Japan. Capacities are t REO/yr. Returns a new scenario; `base` is not
 * changed.
 *
 * @throws ReesimError for unknown or invalid params, or a base that has this scenario already
 * @example
 * ```ts
 * const s = withTurkeyBeylikova(baseline2024);
 * s.countries.TR; // 'Türkiye (Turkey)'
 * s.events?.length; // 3
 * ```
 */
export function withTurkeyBeylikova(
  base: SupplyScenario,
  params: TurkeyBeylikovaParams = {},
): SupplyScenario {
  const D = TURKEY_BEYLIKOVA_DEFAULTS;
  const p = record(`${FN}.params`, params, 'a parameter object');
  knownKeys(`${FN}.params`, p, ['start', 'rampMonths', 'reoPerYear']);
  const start = optional(p.start, D.start.value, (v) => {
    monthIndex(`${FN}.params.start`, v);
    return v as string;
  });
  const rampMonths = optional(p.rampMonths, D.rampMonths.value, (v) =>
    integer(`${FN}.params.rampMonths`, v, 0),
  );
  const reo = optional(p.reoPerYear, D.reoPerYear.value, (v) =>
    inRange(`${FN}.params.reoPerYear`, v, 0, 1e6),
  );
  if (
    base.facilities.some((f) => f.id === 'tr-beylikova-mine') ||
    (base.events ?? []).some((e) => e.id === 'tr-beylikova-mine')
  )
    fail('INFEASIBLE', `${FN}.base`, base.name, 'a scenario without this scenario already applied');

  // Size the mine and cracking to the separated output through the baseline recoveries.
  const mix = depositDistribution('beylikova-proxy') as Record<string, number>;
  const products = D.products.value;
  const productShare = products.reduce((s, e) => s + (mix[e] ?? 0), 0);
  const mixed = reo / (SEPARATION_RECOVERY * productShare);
  const mined = mixed / CRACKING_RECOVERY;
  const reoSource =
    p.reoPerYear === undefined
      ? cite('BEY', 'secondary', 'medium', D.reoPerYear.note)
      : cite('USER', 'assumed', 'assumed', 'params.reoPerYear');
  const derived = (what: string) =>
    cite('BEY', 'derived', 'low', `${what} for ${Math.round(reo)} t/yr REO through the baseline recoveries`);
  const ramp = { start, rampMonths };
  const plants: Facility[] = [
    {
      id: 'tr-beylikova-mine',
      name: 'Eti Maden, Beylikova (Eskisehir)',
      country: 'TR',
      kind: 'mine',
      capacity: { value: mined, provenance: derived('REO mined') },
      mix: { deposit: 'beylikova-proxy' },
      ...ramp,
      provenance: cite(
        'BEY',
        'secondary',
        'medium',
        'fluorite-barite-REE-Th ore; mix: beylikova-proxy (gap)',
      ),
    },
    {
      id: 'tr-beylikova-cracking',
      name: 'Eti Maden, Beylikova (cracking)',
      country: 'TR',
      kind: 'cracking',
      capacity: { value: mixed, provenance: derived('mixed REO') },
      recovery: CRACKING_RECOVERY,
      ...ramp,
      provenance: cite('BEY25', 'secondary', 'low', 'Turkey plans to refine at Beylikova'),
    },
    {
      id: 'tr-beylikova-separation',
      name: 'Eti Maden, Beylikova (separation, with a US partner)',
      country: 'TR',
      kind: 'separation',
      capacity: { value: reo, provenance: reoSource },
      recovery: SEPARATION_RECOVERY,
      elements: products,
      ...ramp,
      provenance: cite('BEY25', 'secondary', 'low', 'refinery at Beylikova; US partner in talks (Oct 2025)'),
    },
  ];
  const links: TradeLink[] = [
    { from: 'tr-beylikova-mine', to: 'tr-beylikova-cracking', stage: 'concentrate' },
    { from: 'tr-beylikova-cracking', to: 'tr-beylikova-separation', stage: 'mixed' },
    { from: 'tr-beylikova-separation', to: 'country:US', stage: 'oxide', leadTime: 2 },
    { from: 'tr-beylikova-separation', to: 'country:JP', stage: 'oxide', leadTime: 2 },
  ];
  const events: SupplyEvent[] = plants.map((f) => ({ kind: 'newFacility', id: f.id, facility: f }));
  return {
    ...base,
    name: `${base.name} + Turkey Beylikova`,
    countries: { ...base.countries, TR: 'Türkiye (Turkey)' },
    links: [...base.links, ...links],
    events: [...(base.events ?? []), ...events],
  };
}
