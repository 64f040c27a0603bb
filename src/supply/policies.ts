/**
 * The scenario's dated inputs, parsed and checked once per run: policies (export controls, domestic-processing
 * mandates, stockpiles: each kind's rules in policy/), disruptions and demand-growth changes, and what they
 * mean in a given month.
 */
import { fail } from '../core/errors.js';
import {
  fraction,
  inRange,
  integer,
  knownKeys,
  nonEmptyString,
  nonNegative,
  optional,
  record,
  safeKey,
} from '../core/validate.js';
import { monthIndex } from './calendar.js';
import type { Network } from './network.js';
import {
  POLICY_KINDS,
  type PolicyEffect,
  type PolicyKind,
  type RouteScope,
  type Stockpile,
} from './policy/registry.js';
import { restricts } from './policy/route.js';
import { MAX_TONNES } from './reo.js';
import type { Policy, SupplyScenario } from './types.js';

export type { Stockpile } from './policy/registry.js';

const FN = 'supplyChain';

/** A policy with its months parsed and its effect resolved (see `policy/registry.ts`). */
export interface ActivePolicy {
  readonly item: Policy;
  readonly from: number;
  readonly to: number;
  readonly effect: PolicyEffect;
}

/**
 * Upper bounds on arc flows from the policies in force in `month`. A policy licenses its share of the
 * arc's mean monthly flow over the 12 months before it (none for a mandate, whose share is 0), counting
 * only months the run simulated (from `firstMonth`, the first month of its warm-up): a run that starts
 * later does not average in months it never had.
 */
export function policyBounds(
  net: Network,
  policies: readonly ActivePolicy[],
  month: number,
  history: ReadonlyMap<string, ReadonlyMap<number, number>>,
  firstMonth: number,
): (arc: number, key: number) => number | undefined {
  const active = policies
    .filter((p) => p.effect.routes !== undefined && month >= p.from && month <= p.to)
    .map((p) => ({ ...p, rate: p.effect.licensed(month) }));
  if (active.length === 0) return () => undefined;
  return (arcIndex, key) => {
    let bound: number | undefined;
    for (const { effect, from, rate } of active) {
      // (A rate of 1 licenses everything: no bound, only the licence's delay.)
      if (rate >= 1 || !restricts(net, effect.routes as RouteScope, arcIndex, key)) continue;
      // Licensed: the share of the arc's mean monthly flow over the simulated months of the 12 before the
      // policy (0 when the run has none: nothing to license against).
      const h = history.get(`${(net.arcs[arcIndex] as Network['arcs'][number]).route}:${key}`);
      const first = Math.max(from - 12, firstMonth);
      let before = 0;
      for (let m = first; m < from; m++) before += h?.get(m) ?? 0;
      const approved = from > first ? rate * (before / (from - first)) : 0;
      bound = bound === undefined ? approved : Math.min(bound, approved);
    }
    return bound;
  };
}

/** Extra months a licence adds to a shipment on `arc` of `key` in `month` (the longest of the policies'). */
export function licenceDelay(
  net: Network,
  policies: readonly ActivePolicy[],
  month: number,
  arcIndex: number,
  key: number,
): number {
  let delay = 0;
  for (const { effect, from, to } of policies) {
    if (effect.licenceDelayMonths === 0 || month < from || month > to) continue;
    if (effect.routes && restricts(net, effect.routes, arcIndex, key))
      delay = Math.max(delay, effect.licenceDelayMonths);
  }
  return delay;
}

/** A disruption event with its first month parsed. */
export interface Disruption {
  readonly target: string;
  readonly from: number;
  readonly months: number;
  readonly severity: number;
}

/** A demand entry's growth rate from a month on (the entry's own rate applies before its first change). */
export interface GrowthChange {
  readonly from: number;
  readonly growth: number;
}

/** Everything dated in a scenario, parsed once. */
export interface DatedInputs {
  /** Every policy, in scenario order. */
  readonly policies: ActivePolicy[];
  readonly disruptions: Disruption[];
  /** Per demand entry (scenario order): its growth changes, by month. */
  readonly growth: GrowthChange[][];
  /** The stockpiles the policies keep, in scenario order. */
  readonly stockpiles: Stockpile[];
}

/** Where a disruption can hit: a facility id (of any facility, changed ones included) or `country:XX`. */
function checkTarget(at: string, target: unknown, scenario: SupplyScenario, net: Network): string {
  const t = nonEmptyString(`${at}.target`, target);
  const known = t.startsWith('country:')
    ? Object.hasOwn(scenario.countries ?? {}, t.slice(8))
    : net.nodes.some((n) => n.facility.id === t);
  if (!known) fail('UNKNOWN_KEY', `${at}.target`, t, 'a facility id or country:XX of a listed country');
  return t;
}

/** The kinds of event a scenario can hold. */
const EVENT_KINDS: readonly string[] = ['disruption', 'newFacility', 'facilityChange', 'demandGrowth'];

/** The scenario's policies, events and demand numbers with their months parsed (and checked) once. */
export function datedInputs(scenario: SupplyScenario, net: Network): DatedInputs {
  const policies: ActivePolicy[] = [];
  const stockpiles: Stockpile[] = [];
  const policyIds = new Set<string>();
  if (scenario.policies !== undefined && !Array.isArray(scenario.policies))
    fail('INVALID_TYPE', `${FN}.policies`, scenario.policies, 'a list of policies');
  for (const [k, p] of (scenario.policies ?? []).entries()) {
    const at = `${FN}.policies[${k}]`;
    const item = record(at, p, 'a policy');
    if (typeof p.kind !== 'string' || !Object.hasOwn(POLICY_KINDS, p.kind))
      fail('UNKNOWN_KEY', `${at}.kind`, p.kind, `one of ${Object.keys(POLICY_KINDS).join(', ')}`);
    const id = safeKey(`${at}.id`, item.id, 'a policy id');
    if (policyIds.has(id)) fail('INVALID_TYPE', `${at}.id`, id, 'a unique policy id');
    policyIds.add(id);
    const from = monthIndex(`${at}.from`, p.from);
    const to = p.to === undefined ? Number.POSITIVE_INFINITY : monthIndex(`${at}.to`, p.to);
    if (to < from) fail('OUT_OF_RANGE', `${at}.to`, p.to, `a month at or after its from (${p.from})`);
    const kind = POLICY_KINDS[p.kind as Policy['kind']] as PolicyKind<Policy>;
    knownKeys(at, item, kind.keys);
    const effect = kind.resolve(at, p, { scenario, net, from, to, stockpiles });
    if (effect.stockpile) stockpiles.push(effect.stockpile);
    policies.push({ item: p, from, to, effect });
  }
  const demands = scenario.demand ?? [];
  const growth: GrowthChange[][] = demands.map(() => []);
  const disruptions: Disruption[] = [];
  if (scenario.events !== undefined && !Array.isArray(scenario.events))
    fail('INVALID_TYPE', `${FN}.events`, scenario.events, 'a list of events');
  const eventIds = new Set<string>();
  for (const [k, ev] of (scenario.events ?? []).entries()) {
    const at = `${FN}.events[${k}]`;
    const item = record(at, ev, 'an event');
    if (typeof item.kind !== 'string' || !EVENT_KINDS.includes(item.kind))
      fail('UNKNOWN_KEY', `${at}.kind`, item.kind, EVENT_KINDS.join(', '));
    const id = safeKey(`${at}.id`, item.id, 'an event id');
    if (eventIds.has(id)) fail('INVALID_TYPE', `${at}.id`, id, 'a unique event id');
    eventIds.add(id);
    if (ev.kind === 'disruption') {
      knownKeys(at, item, ['kind', 'id', 'target', 'from', 'months', 'severity']);
      disruptions.push({
        target: checkTarget(at, ev.target, scenario, net),
        from: monthIndex(`${at}.from`, ev.from),
        months: integer(`${at}.months`, ev.months, 1),
        severity: optional(ev.severity, 1, (v) => fraction(`${at}.severity`, v)),
      });
    } else if (ev.kind === 'demandGrowth') {
      // (New facilities and facility changes are resolved, and checked, with the network.)
      const d = demands.findIndex((x) => x.id === ev.demand);
      if (d < 0)
        fail(
          'UNKNOWN_KEY',
          `${at}.demand`,
          ev.demand,
          `a demand id (${demands.map((x) => x.id).join(', ')})`,
        );
      (growth[d] as GrowthChange[]).push({
        from: monthIndex(`${at}.from`, ev.from),
        growth: inRange(`${at}.growth`, ev.growth, -0.5, 1),
      });
    }
  }
  for (const g of growth) g.sort((a, b) => a.from - b.from);
  demands.forEach((d, i) => {
    const at = `${FN}.demand[${i}]`;
    optional(d.priority, 1, (v) => nonNegative(`${at}.priority`, v));
    for (const [e, v] of Object.entries(d.elements)) {
      // An element the network does not track would have no flows to meet it (NaN shortfalls).
      if (!net.elements.includes(e))
        fail('UNKNOWN_KEY', `${at}.elements.${e}`, e, `one of ${net.elements.join(', ')}`);
      inRange(`${at}.elements.${e}`, v, 0, MAX_TONNES);
    }
    optional(d.growth, 0, (v) => inRange(`${at}.growth`, v, -0.5, 1));
    // Growth compounds from the entry's year: a year far from the run would overflow the demand.
    optional(d.year, 0, (v) => inRange(`${at}.year`, integer(`${at}.year`, v, 1900), 1900, 2200));
  });
  return { policies, disruptions, growth, stockpiles };
}

/**
 * Demand multiplier in `month` relative to the reference month `ref` (the middle of the demand's year: the
 * caller passes its January + 5.5, so that year's months add up to its figure): the
 * entry's own rate, then each change's rate from its month, compounded monthly (12 months of rate g
 * multiply by 1 + g). Months before `ref` are discounted the same way.
 */
export function growthFactor(
  ref: number,
  base: number,
  changes: readonly GrowthChange[],
  month: number,
): number {
  const lo = Math.min(ref, month);
  const hi = Math.max(ref, month);
  let log = 0;
  let rate = base;
  let at = Number.NEGATIVE_INFINITY;
  for (let i = 0; i <= changes.length; i++) {
    const next = i < changes.length ? (changes[i] as GrowthChange).from : Number.POSITIVE_INFINITY;
    // The segment [at, next) at `rate`, overlapped with [lo, hi).
    const overlap = Math.max(0, Math.min(hi, next) - Math.max(lo, at));
    log += (overlap / 12) * Math.log1p(rate);
    if (i < changes.length) {
      rate = (changes[i] as GrowthChange).growth;
      at = next;
    }
  }
  return Math.exp(month >= ref ? log : -log);
}
