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
 * **Model:** a separation plant's element list is fixed, and the model separates each mixed lot once, so a
 * heavy circuit on the light line's residue cannot be a plant of its own. Instead the baseline line
 * `my-lynas-lamp` (light rare earths only) hands over to `lynas-hre-lamp`, the same plant separating every
 * element: from `start`, `lynas-hre-lamp` ramps up linearly over `rampMonths` while `my-lynas-lamp` is taken
 * down by the same fraction (one-month `disruption` events `lynas-hre-handover-*`, then one for the rest of
 * time), so the plant's capacity is unchanged. On Mount Weld feed the heavy output (about 4 % of the REO: Sm,
 * Eu, Gd, Tb, Dy, Y) stays below the 1,500 t/yr circuit, which is therefore not a separate limit. The new
 * routes are listed before the base ones: the monthly LP breaks ties by route order, so the feed goes to the
 * new line first (otherwise material shipped to the old line as it closes would be stranded there).
 */

import { fail } from '../../core/errors.js';
import { integer, knownKeys, optional, record } from '../../core/validate.js';
import { cite, sourced } from '../../data/provenance.js';
import { monthIndex, monthLabel } from '../calendar.js';
import type { Facility, SupplyEvent, SupplyScenario, TradeLink } from '../types.js';

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
/** Length of the last hand-over event: the rest of any run (months are at most 600). */
const FOREVER = 1_200;

/**
 * The scenario with Lynas's heavy rare-earth circuit (see the module notes): facility `lynas-hre-lamp` (Lynas
 * Malaysia separating every element, the capacity of `my-lynas-lamp`) as a `newFacility` event, the hand-over
 * events, and oxide routes like those of `my-lynas-lamp` (to Japan and China, and to the United States).
 * Returns a new scenario; `base` is not changed.
 *
 * @throws ReesimError for unknown or invalid params, a base without `my-lynas-lamp`, or a base that has this
 * scenario already
 * @example
 * ```ts
 * const s = withLynasHeavyRareEarths(baseline2024, { rampMonths: 3 });
 * s.events?.length; // 4
 * s.events?.[0]?.kind; // 'newFacility'
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
  const all = [
    ...base.facilities,
    ...(base.events ?? []).flatMap((e) => (e.kind === 'newFacility' ? [e.facility] : [])),
  ];
  const lamp = all.find((f) => f.id === 'my-lynas-lamp');
  if (lamp === undefined)
    fail(
      'MISSING',
      `${FN}.base.facilities`,
      'my-lynas-lamp',
      'a scenario with Lynas Malaysia (baseline2024)',
    );
  if (all.some((f) => f.id === 'lynas-hre-lamp'))
    fail('INFEASIBLE', `${FN}.base`, base.name, 'a scenario without this scenario already applied');

  const { elements: _light, ...rest } = lamp;
  const heavy: Facility = {
    ...rest,
    id: 'lynas-hre-lamp',
    name: 'Lynas Malaysia (LAMP) with its heavy rare-earth circuit',
    start,
    rampMonths,
    provenance: cite('LYC25', 'secondary', 'high', 'separated Dy and Tb from Mount Weld feed since mid-2025'),
  };
  const first = monthIndex(`${FN}.params.start`, start);
  // One-month steps while the new line ramps up, then the old line is down for the rest of the run.
  const handover: SupplyEvent[] = [];
  const step = (id: string, k: number, months: number, severity: number) =>
    handover.push({
      kind: 'disruption',
      id,
      target: 'my-lynas-lamp',
      from: monthLabel(first + k),
      months,
      severity,
    });
  for (let k = 0; k + 1 < rampMonths; k++) step(`lynas-hre-handover-${k + 1}`, k, 1, (k + 1) / rampMonths);
  step('lynas-hre-handover-done', Math.max(0, rampMonths - 1), FOREVER, 1);
  // The routes into and out of the line, copied, and US metal makers as buyers of the heavy oxides.
  const links: TradeLink[] = base.links.flatMap((l) => [
    ...(l.to === 'my-lynas-lamp' ? [{ ...l, to: 'lynas-hre-lamp' }] : []),
    ...(l.from === 'my-lynas-lamp' ? [{ ...l, from: 'lynas-hre-lamp' }] : []),
  ]);
  links.push({ from: 'lynas-hre-lamp', to: 'country:US', stage: 'oxide', leadTime: 2 });
  return {
    ...base,
    name: `${base.name} + Lynas heavy rare earths`,
    // New routes first: the monthly LP breaks ties by route order, so the reconfigured line gets the feed
    // first.
    links: [...links, ...base.links],
    events: [...(base.events ?? []), { kind: 'newFacility', id: heavy.id, facility: heavy }, ...handover],
  };
}
