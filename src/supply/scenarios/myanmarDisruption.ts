/**
 * A disruption of Myanmar's Kachin rare-earth supply to China, as a supply-chain scenario: the Kachin mines
 * and leach plants lose part of their capacity for some months, and may also suffer random outages.
 *
 * **What happened (MM25):** in October 2024 the Kachin Independence Army took Pangwa and Chipwi, the hubs of
 * the ion-adsorption clay mines that supply China; in September China had halted rare-earth imports from
 * Myanmar and its exports of the ammonium sulphate used to leach the clays, and it closed the border trade
 * posts in late October. From mid-February 2025 most mining sites in Pangwa and Chipwi were shut; China's
 * rare-earth imports in March 2025 were 42 % lower than a year before; in April 2025 the mines began to
 * recover. Myanmar had sent about 50,000 t REO of clay material to China in 2023 (ree-data.md 4.4, low).
 *
 * **Defaults:** from 2024-10 for 6 months (to the April 2025 recovery) at severity 0.5: half the capacity
 * lost (assumed; the months are sourced, the depth is not: reports speak of most sites shut for some weeks
 * and of imports down by about 40 %). Targets are the baseline's `mm-kachin` and `mm-kachin-leach`. An
 * optional random outage (`outage: { ratePerMonth, months }`) on the targets models a recurring risk for
 * Monte Carlo runs.
 */

import { fail } from '../../core/errors.js';
import { fraction, integer, knownKeys, nonEmptyString, optional, record } from '../../core/validate.js';
import { sourced } from '../../data/provenance.js';
import { monthIndex } from '../calendar.js';
import type { Facility, SupplyEvent, SupplyScenario } from '../types.js';

// Source key listed in src/supply/scenarios/SOURCES.md.

/** Defaults of {@link withMyanmarDisruption}, each with its source. */
export const MYANMAR_DISRUPTION_DEFAULTS = {
  from: sourced('2024-10', 'MM25', 'secondary', 'medium', 'KIA took Pangwa in October 2024'),
  months: sourced(6, 'MM25', 'secondary', 'low', 'Oct 2024 to Mar 2025; mines recovering from April 2025'),
  severity: sourced(
    0.5,
    'REESIM',
    'assumed',
    'assumed',
    "half of Kachin's capacity lost (imports fell ~40 %)",
  ),
  targets: sourced(
    ['mm-kachin', 'mm-kachin-leach'],
    'DIPLOMAT21',
    'secondary',
    'medium',
    'Kachin mines, leach',
  ),
} as const;

/** Parameters of {@link withMyanmarDisruption} (defaults in {@link MYANMAR_DISRUPTION_DEFAULTS}). */
export interface MyanmarDisruptionParams {
  /** First month of the disruption, 'YYYY-MM' (default '2024-10'). */
  readonly from?: string;
  /** Its length in months (default 6). */
  readonly months?: number;
  /** Fraction of capacity lost, in [0, 1] (default 0.5, assumed). */
  readonly severity?: number;
  /** Facility ids or `country:XX` (default the Kachin mine and leach plant). */
  readonly targets?: readonly string[];
  /** Random outages of the target facilities: chance per month that one starts, and its months. */
  readonly outage?: { readonly ratePerMonth: number; readonly months: number };
}

const FN = 'withMyanmarDisruption';

/**
 * The scenario with a disruption of Myanmar's supply (see the module notes): one `disruption` event per
 * target (`myanmar-<target>`), and with `outage` the random-outage rate set on every target facility. Returns
 * a new scenario; `base` is not changed.
 *
 * @throws ReesimError for unknown or invalid params, targets the base does not have, or a base that has this
 * scenario already
 * @example
 * ```ts
 * const s = withMyanmarDisruption(baseline2024, { severity: 0.8 });
 * s.events?.map((e) => e.id); // ['myanmar-mm-kachin', 'myanmar-mm-kachin-leach']
 * const o = withMyanmarDisruption(baseline2024, { outage: { ratePerMonth: 0.05, months: 3 } });
 * o.facilities.find((f) => f.id === 'mm-kachin')?.outage?.months; // 3
 * ```
 */
export function withMyanmarDisruption(
  base: SupplyScenario,
  params: MyanmarDisruptionParams = {},
): SupplyScenario {
  const D = MYANMAR_DISRUPTION_DEFAULTS;
  const path = `${FN}.params`;
  const p = record(path, params, 'a parameter object');
  knownKeys(path, p, ['from', 'months', 'severity', 'targets', 'outage']);
  const from = optional(p.from, D.from.value, (v) => {
    monthIndex(`${path}.from`, v);
    return v as string;
  });
  const months = optional(p.months, D.months.value, (v) => integer(`${path}.months`, v, 1));
  const severity = optional(p.severity, D.severity.value, (v) => fraction(`${path}.severity`, v));
  const targets = optional(p.targets, D.targets.value, (v) => {
    if (!Array.isArray(v) || v.length === 0)
      fail('INVALID_TYPE', `${path}.targets`, v, 'a non-empty list of ids');
    return v.map((t, i) => nonEmptyString(`${path}.targets[${i}]`, t));
  });
  const outage = optional(p.outage, undefined, (v) => {
    const o = record(`${path}.outage`, v, '{ ratePerMonth, months }');
    knownKeys(`${path}.outage`, o, ['ratePerMonth', 'months']);
    return {
      ratePerMonth: fraction(`${path}.outage.ratePerMonth`, o.ratePerMonth),
      months: integer(`${path}.outage.months`, o.months, 1),
    };
  });

  const newFacilities = (base.events ?? []).flatMap((e) => (e.kind === 'newFacility' ? [e.facility] : []));
  const all = [...base.facilities, ...newFacilities];
  const hits = (f: Facility, target: string) =>
    target.startsWith('country:') ? f.country === target.slice(8) : f.id === target;
  targets.forEach((t, i) => {
    if (!all.some((f) => hits(f, t)))
      fail('UNKNOWN_KEY', `${path}.targets[${i}]`, t, 'a facility id or country:XX of the base scenario');
  });
  const events: SupplyEvent[] = targets.map((target) => ({
    kind: 'disruption',
    id: `myanmar-${target.replace(':', '-')}`,
    target,
    from,
    months,
    severity,
  }));
  if ((base.events ?? []).some((e) => events.some((n) => n.id === e.id)))
    fail('INFEASIBLE', `${FN}.base`, base.name, 'a scenario without this scenario already applied');

  const withOutage = (f: Facility): Facility =>
    outage !== undefined && targets.some((t) => hits(f, t)) ? { ...f, outage } : f;
  return {
    ...base,
    name: `${base.name} + Myanmar disruption`,
    facilities: base.facilities.map(withOutage),
    events: [
      ...(base.events ?? []).map((e) =>
        e.kind === 'newFacility' ? { ...e, facility: withOutage(e.facility) } : e,
      ),
      ...events,
    ],
  };
}
