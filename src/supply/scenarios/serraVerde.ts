/**
 * Brazil's Serra Verde (Pela Ema ionic clay, Minaçu, Goiás) Phase I as a supply-chain scenario: a mine and an
 * on-site leach that makes mixed rare-earth concentrate (MREC), sold to Chinese separators until its offtake
 * ends and then to a separator outside China.
 *
 * **Sources:** Phase I is to produce at least 5,000 t/yr REO in mixed concentrate over a 25-year life, with a
 * concentrate rich in Nd, Pr, Tb and Dy (SV, ree-data.md 4.4; medium). Commercial production began in early
 * 2024; output was 4,000-5,000 t/yr in 2025 and full output (about 6,500 t/yr) is expected by 2027. Its
 * offtakes were with Chinese processors; in December 2025 the company said it had shortened them to end in
 * 2026 so it can supply Western buyers, and the US DFC lends it $565 million (SV26).
 *
 * **Model:** mine `br-serra-verde-mine` (the catalogue's `serra-verde-proxy` mix: no distribution has been
 * published, a gap) and leach `br-serra-verde-mrec` (cracking kind: its product is the mixed stage), ramped
 * from `start` over `rampMonths` to `reoPerYear` of MREC (default 5,000; set 6,500 for the 2027 figure). MREC
 * goes to China until `offtakeEnds` and to `westernSeparator` from then on (default `fr-solvay`, Solvay La
 * Rochelle, "the largest plant outside China able to separate all rare earths" (SOLV), which has no feed in
 * the baseline: an assumption, no contract is known). The two switches are route bans (export controls with
 * approval rate 0 on Brazil's mixed exports). What the western separator cannot take stays in stock in
 * Brazil. The baseline's `br-mines` row (USGS 2024: 20 t) is kept as it is.
 */

import { fail } from '../../core/errors.js';
import { inRange, integer, knownKeys, nonEmptyString, optional, record } from '../../core/validate.js';
import { cite, sourced } from '../../data/provenance.js';
import { CRACKING_RECOVERY } from '../baseline/plants.js';
import { monthIndex, monthLabel } from '../calendar.js';
import type { Facility, Policy, SupplyEvent, SupplyScenario, TradeLink } from '../types.js';

// Source key listed in src/supply/scenarios/SOURCES.md.

/** Defaults of {@link withSerraVerde}, each with its source. */
export const SERRA_VERDE_DEFAULTS = {
  start: sourced('2024-01', 'SV26', 'secondary', 'medium', 'commercial production began in early 2024'),
  rampMonths: sourced(
    24,
    'SV26',
    'derived',
    'low',
    '4,000-5,000 t/yr in 2025: a linear ramp from Jan 2024 gives ~3,900 t in 2025, nameplate by end 2025',
  ),
  reoPerYear: sourced(5_000, 'SV', 'secondary', 'medium', 'Phase I: at least 5,000 t/yr REO in MREC'),
  offtakeEnds: sourced('2027-01', 'SV26', 'secondary', 'medium', 'Chinese offtakes shortened to end in 2026'),
  westernSeparator: sourced(
    'fr-solvay',
    'REESIM',
    'assumed',
    'assumed',
    'Solvay La Rochelle separates all rare earths (SOLV) and is idle in the baseline; no contract known',
  ),
} as const;

/** Parameters of {@link withSerraVerde} (defaults in {@link SERRA_VERDE_DEFAULTS}). */
export interface SerraVerdeParams {
  /** First month of output, 'YYYY-MM' (default '2024-01'). */
  readonly start?: string;
  /** Months from the start to nameplate (default 24). */
  readonly rampMonths?: number;
  /** MREC output at nameplate, t REO/yr (default 5,000). */
  readonly reoPerYear?: number;
  /** First month without shipments to China, 'YYYY-MM' (default '2027-01'). */
  readonly offtakeEnds?: string;
  /** Separation facility (id in the base scenario) that takes the MREC from then on (default 'fr-solvay'). */
  readonly westernSeparator?: string;
}

const FN = 'withSerraVerde';

/**
 * The scenario with Serra Verde Phase I (see the module notes): facilities `br-serra-verde-mine` and
 * `br-serra-verde-mrec` as `newFacility` events; MREC routes to China and to the western separator, each
 * closed outside its months by a route ban (`br-serra-verde-*` policies). Capacities are t REO/yr. Returns a
 * new scenario; `base` is not changed.
 *
 * @throws ReesimError for unknown or invalid params, a western separator that is not a separation facility of
 * `base`, or a base that has this scenario already
 * @example
 * ```ts
 * const s = withSerraVerde(baseline2024);
 * s.facilities.length === baseline2024.facilities.length; // true
 * s.events?.length; // 2
 * s.policies?.length; // 2
 * s.policies?.[1]?.id; // 'br-serra-verde-no-china-after-offtake-end'
 * ```
 */
export function withSerraVerde(base: SupplyScenario, params: SerraVerdeParams = {}): SupplyScenario {
  const D = SERRA_VERDE_DEFAULTS;
  const p = record(`${FN}.params`, params, 'a parameter object');
  knownKeys(`${FN}.params`, p, ['start', 'rampMonths', 'reoPerYear', 'offtakeEnds', 'westernSeparator']);
  const month = (key: string, value: unknown, fallback: string): string =>
    optional(value, fallback, (v) => {
      monthIndex(`${FN}.params.${key}`, v);
      return v as string;
    });
  const start = month('start', p.start, D.start.value);
  const offtakeEnds = month('offtakeEnds', p.offtakeEnds, D.offtakeEnds.value);
  const rampMonths = optional(p.rampMonths, D.rampMonths.value, (v) =>
    integer(`${FN}.params.rampMonths`, v, 0),
  );
  const reo = optional(p.reoPerYear, D.reoPerYear.value, (v) =>
    inRange(`${FN}.params.reoPerYear`, v, 0, 1e6),
  );
  const western = optional(p.westernSeparator, D.westernSeparator.value, (v) =>
    nonEmptyString(`${FN}.params.westernSeparator`, v),
  );
  const all = [
    ...base.facilities,
    ...(base.events ?? []).flatMap((e) => (e.kind === 'newFacility' ? [e.facility] : [])),
  ];
  const separator = all.find((f) => f.id === western);
  if (separator?.kind !== 'separation')
    fail(
      'UNKNOWN_KEY',
      `${FN}.params.westernSeparator`,
      western,
      'the id of a separation facility of the base',
    );
  if (separator.country === 'CN' || separator.country === 'BR')
    fail('INFEASIBLE', `${FN}.params.westernSeparator`, western, 'a separator outside China and Brazil');
  if (all.some((f) => f.id === 'br-serra-verde-mine'))
    fail('INFEASIBLE', `${FN}.base`, base.name, 'a scenario without this scenario already applied');

  const ramp = { start, rampMonths };
  const reoSource =
    p.reoPerYear === undefined
      ? cite('SV', 'secondary', 'medium', D.reoPerYear.note)
      : cite('USER', 'assumed', 'assumed', 'params.reoPerYear');
  const plants: Facility[] = [
    {
      id: 'br-serra-verde-mine',
      name: 'Serra Verde, Pela Ema (ionic clay mining)',
      country: 'BR',
      kind: 'mine',
      capacity: {
        value: reo / CRACKING_RECOVERY,
        provenance: cite(
          'SV',
          'derived',
          'medium',
          'the REO the MREC output needs through the leach recovery',
        ),
      },
      mix: { deposit: 'serra-verde-proxy' },
      ...ramp,
      provenance: cite(
        'SV',
        'secondary',
        'medium',
        'ionic clay rich in Nd, Pr, Tb, Dy; mix: serra-verde-proxy (gap)',
      ),
    },
    {
      id: 'br-serra-verde-mrec',
      name: 'Serra Verde, Minaçu (leach and MREC precipitation)',
      country: 'BR',
      kind: 'cracking',
      capacity: { value: reo, provenance: reoSource },
      recovery: CRACKING_RECOVERY,
      ...ramp,
      provenance: cite('SV', 'secondary', 'medium', 'mixed rare-earth concentrate (MREC) made on site'),
    },
  ];
  const links: TradeLink[] = [
    { from: 'br-serra-verde-mine', to: 'br-serra-verde-mrec', stage: 'concentrate' },
    { from: 'br-serra-verde-mrec', to: 'country:CN', stage: 'mixed', leadTime: 2 },
    { from: 'br-serra-verde-mrec', to: western, stage: 'mixed', leadTime: 2 },
  ];
  const ban = (
    id: string,
    destination: string,
    from: string,
    to: string | undefined,
    note: string,
  ): Policy => ({
    kind: 'exportControl',
    id,
    exporter: 'BR',
    stages: ['mixed'],
    destinations: [destination],
    approvalRate: 0,
    from,
    ...(to === undefined ? {} : { to }),
    provenance: cite('SV26', 'secondary', 'medium', note),
  });
  const lastOfftakeMonth = monthLabel(monthIndex(`${FN}.params.offtakeEnds`, offtakeEnds) - 1);
  const events: SupplyEvent[] = plants.map((f) => ({ kind: 'newFacility', id: f.id, facility: f }));
  return {
    ...base,
    name: `${base.name} + Serra Verde`,
    links: [...base.links, ...links],
    policies: [
      ...(base.policies ?? []),
      // 'YYYY-MM' strings compare in time order.
      ...(start < offtakeEnds
        ? [
            ban(
              'br-serra-verde-no-west-before-offtake-end',
              separator.country,
              start,
              lastOfftakeMonth,
              'output committed to Chinese processors until the offtake ends',
            ),
          ]
        : []),
      ban(
        'br-serra-verde-no-china-after-offtake-end',
        'CN',
        offtakeEnds,
        undefined,
        'offtake with China ends',
      ),
    ],
    events: [...(base.events ?? []), ...events],
  };
}
