/**
 * Lynas's heavy rare-earth circuit at Lynas Malaysia (Kuantan) as a supply-chain scenario: from 2025 the
 * plant separates Sm to Lu and Y from Mount Weld feed as well as the light rare earths.
 *
 * **Sources:** in June 2024 Lynas announced a reconfiguration of one of its Malaysian solvent-extraction
 * circuits to separate up to 1,500 t/yr of mixed heavy rare-earth (SEG-HRE) feed, for about $25 million,
 * commissioning and ramping up in mid-2025 (FM24; ree-data.md 4.4, M). The circuit was commissioned in the
 * March quarter of 2025; the first on-spec Dy oxide came in May 2025 and Tb followed in June (LYC25). A later
 * plant of about MYR 500 million for 5,000 t/yr of heavy rare-earth feedstock (samarium from April 2026, then
 * Dy, Gd, Lu, Tb and Y over two years) needs feed from outside Mount Weld (Malaysian clays, third parties)
 * that this scenario does not have; it is left out.
 *
 * **Model:** a `facilityChange` event `lynas-hre-lamp`: from `start`, Lynas Malaysia (`my-lynas-lamp`, light
 * rare earths only in the baseline) runs as `lynas-hre-lamp`, the same plant at the same capacity separating
 * every element, with the feed and oxide it holds (nothing is stranded). `rampMonths` is kept for files
 * that set it: at an unchanged capacity it changes nothing (the heavy oxides come at the Mount Weld rate
 * from `start`). On Mount Weld feed the heavy output (about 4 % of the REO: Sm, Eu, Gd, Tb, Dy, Y) stays
 * below the 1,500 t/yr circuit, which is therefore not a separate limit. The plant's routes carry over; a
 * route to US metal makers is added for the new line only.
 */

import { RARE_EARTHS } from '../../chemistry/elements.js';
import { fail } from '../../core/errors.js';
import { integer, knownKeys, optional, record } from '../../core/validate.js';
import { cite, sourced } from '../../data/provenance.js';
import { monthIndex } from '../calendar.js';
import type { Facility, SupplyScenario } from '../types.js';

// Full references of the source keys, with URLs: src/supply/scenarios/SOURCES.md.

/** Defaults of {@link withLynasHeavyRareEarths}, each with its source. */
export const LYNAS_HEAVY_DEFAULTS = {
  start: sourced('2025-05', 'LYC25', 'secondary', 'high', 'first Dy oxide May 2025, Tb June 2025'),
  rampMonths: sourced(6, 'REESIM', 'assumed', 'assumed', 'ramp-up through mid-2025 (FM24: "mid-2025")'),
  heavyFeed: sourced(
    1_500,
    'FM24',
    'secondary',
    'medium',
    'SEG-HRE feed the circuit can take, t/yr (not binding)',
  ),
} as const;

/** Parameters of {@link withLynasHeavyRareEarths} (defaults in {@link LYNAS_HEAVY_DEFAULTS}). */
export interface LynasHeavyParams {
  /** First month of heavy rare-earth output, 'YYYY-MM' (default '2025-05'). */
  readonly start?: string;
  /** Months over which the line hands over to the heavy circuit (default 6, assumed). */
  readonly rampMonths?: number;
}

const FN = 'withLynasHeavyRareEarths';

/**
 * The scenario with Lynas's heavy rare-earth circuit (see the module notes): a `facilityChange` event turning
 * `my-lynas-lamp` into `lynas-hre-lamp` (every element, the same capacity) and an oxide route from it to
 * the United States. Returns a new scenario; `base` is not changed.
 *
 * @throws ReesimError for unknown or invalid params, a base without `my-lynas-lamp`, or a base that has this
 * scenario already
 * @example
 * ```ts
 * const s = withLynasHeavyRareEarths(baseline2024, { rampMonths: 3 });
 * s.events?.length; // 1
 * s.events?.[0]?.kind; // 'facilityChange'
 * ```
 */
export function withLynasHeavyRareEarths(
  base: SupplyScenario,
  params: LynasHeavyParams = {},
): SupplyScenario {
  const D = LYNAS_HEAVY_DEFAULTS;
  const p = record(`${FN}.params`, params, 'a parameter object');
  knownKeys(`${FN}.params`, p, ['start', 'rampMonths']);
  const start = optional(p.start, D.start.value, (v) => {
    monthIndex(`${FN}.params.start`, v);
    return v as string;
  });
  const rampMonths = optional(p.rampMonths, D.rampMonths.value, (v) =>
    integer(`${FN}.params.rampMonths`, v, 0),
  );
  const all: readonly Facility[] = [
    ...base.facilities,
    ...(base.events ?? []).flatMap((e) => (e.kind === 'newFacility' ? [e.facility] : [])),
  ];
  if (!all.some((f) => f.id === 'my-lynas-lamp'))
    fail(
      'MISSING',
      `${FN}.base.facilities`,
      'my-lynas-lamp',
      'a scenario with Lynas Malaysia (baseline2024)',
    );
  if ((base.events ?? []).some((e) => e.id === 'lynas-hre-lamp'))
    fail('INFEASIBLE', `${FN}.base`, base.name, 'a scenario without this scenario already applied');
  return {
    ...base,
    name: `${base.name} + Lynas heavy rare earths`,
    links: [...base.links, { from: 'lynas-hre-lamp', to: 'country:US', stage: 'oxide', leadTime: 2 }],
    events: [
      ...(base.events ?? []),
      {
        kind: 'facilityChange',
        id: 'lynas-hre-lamp',
        facility: 'my-lynas-lamp',
        from: start,
        rampMonths,
        elements: RARE_EARTHS.filter((e) => e !== 'Pm'),
        provenance: cite(
          'LYC25',
          'secondary',
          'high',
          'separated Dy and Tb from Mount Weld feed since mid-2025',
        ),
      },
    ],
  };
}
