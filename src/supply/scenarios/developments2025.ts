/**
 * What happened to the supply chain after 2024 that the other layers do not cover, as one layer on a scenario
 * with the baseline's facilities (e.g. `baseline2024`):
 *
 * - **Kalgoorlie power outages:** grid outages through 2025 cost Lynas's Kalgoorlie cracking plant about a
 *   month of output in the December quarter 2025, the worst outages in November (LYC26, medium). Model: a
 *   disruption of `au-kalgoorlie` for November 2025. The model's Kalgoorlie has room to spare (it is sized to
 *   Lynas's nameplate, above what the USGS's 13,000 t for Australia feeds it), so it catches up in the
 *   following months, which the real plant, short of power, could not.
 * - **Vietnam's raw-ore export ban:** the amended Law on Geology and Minerals, in force 1 January 2026,
 *   prohibits exports of raw rare-earth ore (VN25, medium). Model: a `domesticProcessing` policy on Vietnam's
 *   concentrate from 2026-01. Vietnam has no processing in the baseline, so its ~300 t/yr stays in stock.
 *
 * Left out: Neo Performance Materials' Narva (Estonia) magnet plant (2,000 t/yr of NdFeB from September 2025,
 * NEO25): the monthly allocation has no look-ahead, so under the baseline's Nd/Pr scarcity metal goes to
 * magnet makers that can deliver within the month and a plant behind a two-month metal route stays idle (the
 * baseline's EU magnet makers make nothing for the same reason; DESIGN.md). Left out for want of sourced
 * numbers the model can use: Iluka's Eneabba refinery (commissioning 2027,
 * feed from a stockpile the baseline does not have), Energy Fuels' NdPr and Dy/Tb (no 2025 output
 * published), Solvay's magnet-metal line (its feed is not published), China's 2025 quotas (issued, not
 * published: the baseline's 2024 quotas stand, assumed).
 */

import { fail } from '../../core/errors.js';
import { boolean, knownKeys, optional, record } from '../../core/validate.js';
import { sourced } from '../../data/provenance.js';
import type { SupplyEvent, SupplyScenario } from '../types.js';

/** Defaults of {@link withDevelopments2025}, each with its source. */
export const DEVELOPMENTS_2025_DEFAULTS = {
  kalgoorlieOutage: sourced(
    '2025-11',
    'LYC26',
    'derived',
    'medium',
    'about a month of output lost in the December quarter 2025, the worst outages in November: November down',
  ),
  vietnamBanFrom: sourced('2026-01', 'VN25', 'secondary', 'medium', 'the law is in force from 1 Jan 2026'),
} as const;

/** Parameters of {@link withDevelopments2025}: each part on (default) or off. */
export interface Developments2025Params {
  /** Lynas's Kalgoorlie power outages of late 2025 (default true). */
  readonly kalgoorlieOutage?: boolean;
  /** Vietnam's raw-ore export ban from 2026 (default true). */
  readonly vietnamOreBan?: boolean;
}

const FN = 'withDevelopments2025';

/**
 * The scenario with the developments of 2025 the other layers leave out (see the module notes): disruption
 * `kalgoorlie-power-2025` and policy `vn-ore-export-ban`. Returns a new scenario; `base` is not changed.
 *
 * @throws ReesimError for unknown or invalid params, or a base that has this layer already
 * @example
 * ```ts
 * const s = withDevelopments2025(baseline2024);
 * s.events?.map((e) => e.id); // ['kalgoorlie-power-2025']
 * s.policies?.map((p) => p.id); // ['vn-ore-export-ban']
 * withDevelopments2025(baseline2024, { kalgoorlieOutage: false }).events?.length; // 0
 * ```
 */
export function withDevelopments2025(
  base: SupplyScenario,
  params: Developments2025Params = {},
): SupplyScenario {
  const D = DEVELOPMENTS_2025_DEFAULTS;
  const p = record(`${FN}.params`, params, 'a parameter object');
  knownKeys(`${FN}.params`, p, ['kalgoorlieOutage', 'vietnamOreBan']);
  const on = (key: 'kalgoorlieOutage' | 'vietnamOreBan') =>
    optional(p[key], true, (v) => boolean(`${FN}.params.${key}`, v));
  if ((base.events ?? []).some((e) => e.id === 'kalgoorlie-power-2025'))
    fail('INFEASIBLE', `${FN}.base`, base.name, 'a scenario without this layer already applied');
  const events: SupplyEvent[] = [];
  const policies = [...(base.policies ?? [])];
  if (on('kalgoorlieOutage'))
    events.push({
      kind: 'disruption',
      id: 'kalgoorlie-power-2025',
      target: 'au-kalgoorlie',
      from: D.kalgoorlieOutage.value,
      months: 1,
      severity: 1,
    });
  if (on('vietnamOreBan')) {
    policies.push({
      kind: 'domesticProcessing',
      id: 'vn-ore-export-ban',
      country: 'VN',
      stages: ['concentrate'],
      from: D.vietnamBanFrom.value,
    });
  }
  return {
    ...base,
    name: `${base.name} + developments of 2025`,
    policies,
    events: [...(base.events ?? []), ...events],
  };
}
