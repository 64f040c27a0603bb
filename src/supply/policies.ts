/**
 * The scenario's dated inputs, parsed and checked once per run: policies (export controls, domestic-processing
 * mandates, stockpiles), disruptions and demand-growth changes, and what they mean in a given month.
 */
import { oxideFactor } from '../chemistry/oxide.js';
import { fail } from '../core/errors.js';
import {
  fraction,
  inRange,
  integer,
  knownKeys,
  nonEmptyString,
  nonNegative,
  oneOf,
  optional,
  record,
  safeKey,
} from '../core/validate.js';
import { monthIndex } from './calendar.js';
import { byOrigin, listedCountry, type Network } from './network.js';
import type { ApprovalStep, Policy, Stage, SupplyScenario } from './types.js';

const FN = 'supplyChain';

/** t REO per t of the stage's reporting unit: the oxide factor for metal and magnets, else 1. */
export function toReo(stage: Stage, element: string): number {
  return stage === 'metal' || stage === 'magnet' ? oxideFactor(element) : 1;
}

/**
 * Upper bounds on arc flows from the policies in force in `month`. An export control licenses its share of
 * the arc's mean monthly flow over the 12 months before it, counting only months the run simulated (from
 * `firstMonth`, the first month of its warm-up): a run that starts later does not average in months it
 * never had.
 */
export function policyBounds(
  net: Network,
  policies: readonly Dated<Policy>[],
  month: number,
  history: ReadonlyMap<string, ReadonlyMap<number, number>>,
  firstMonth: number,
): (arc: number, key: number) => number | undefined {
  const active = policies
    .filter((p) => month >= p.from && month <= p.to)
    .map((p) => ({
      ...p,
      rate: p.item.kind === 'exportControl' ? approvalAt(p.item.approvalRate, month) : 0,
    }));
  if (active.length === 0) return () => undefined;
  return (arcIndex, key) => {
    let bound: number | undefined;
    for (const { item: p, from, rate } of active) {
      if (!restricts(net, p, arcIndex, key)) continue;
      if (p.kind === 'domesticProcessing') bound = 0;
      else if (p.kind === 'exportControl' && rate < 1) {
        // (A rate of 1 licenses everything: no bound, only the licence's delay.)
        // Licensed: the approved share of the arc's mean monthly flow over the simulated months of the 12
        // before the control (0 when the run has none: nothing to license against).
        const h = history.get(`${(net.arcs[arcIndex] as Network['arcs'][number]).route}:${key}`);
        const first = Math.max(from - 12, firstMonth);
        let before = 0;
        for (let m = first; m < from; m++) before += h?.get(m) ?? 0;
        const approved = from > first ? rate * (before / (from - first)) : 0;
        bound = bound === undefined ? approved : Math.min(bound, approved);
      }
    }
    return bound;
  };
}

/**
 * An export control's approval rate in month index `month` (while it is in force): the constant, or the
 * rate of the schedule's last step at or before the month (steps are checked to be in order, the first at
 * the control's first month).
 */
export function approvalAt(rate: number | readonly ApprovalStep[], month: number): number {
  if (typeof rate === 'number') return rate;
  let r = (rate[0] as ApprovalStep).rate;
  for (const step of rate) {
    if (monthIndex('approvalRate.from', step.from) > month) break;
    r = step.rate;
  }
  return r;
}

/** Extra months an export licence adds to a shipment on `arc` of `key` in `month`. */
export function licenceDelay(
  net: Network,
  policies: readonly Dated<Policy>[],
  month: number,
  arcIndex: number,
  key: number,
): number {
  let delay = 0;
  for (const { item: p, from, to } of policies) {
    if (p.kind !== 'exportControl' || month < from || month > to || !restricts(net, p, arcIndex, key))
      continue;
    delay = Math.max(delay, Math.round(p.licenceDelayMonths ?? 0));
  }
  return delay;
}

/**
 * Whether policy `p` restricts `key` on international `arc` (exporter, stage, destination and element; an
 * unseparated lot by whether its origin's mix carries a listed element).
 */
function restricts(net: Network, p: Policy, arcIndex: number, key: number): boolean {
  const arc = net.arcs[arcIndex] as Network['arcs'][number];
  if (!arc.international) return false;
  const from = (net.nodes[arc.from] as Network['nodes'][number]).country;
  if (p.kind === 'domesticProcessing') return p.country === from && p.stages.includes(arc.stage);
  if (p.kind !== 'exportControl' || p.exporter !== from || !p.stages.includes(arc.stage)) return false;
  const to =
    arc.to >= 0
      ? (net.nodes[arc.to] as Network['nodes'][number]).country
      : (net.markets[-1 - arc.to] as Network['markets'][number]).country;
  if (p.destinations && !p.destinations.includes(to)) return false;
  if (!p.elements) return true;
  // Unseparated material (key: its origin) is controlled when its mix carries a listed element.
  if (byOrigin(arc.stage)) {
    const mix = net.mixes[key] as Float64Array;
    return p.elements.some((e) => ((mix[net.elements.indexOf(e)] as number) ?? 0) > 0);
  }
  return p.elements.includes(net.elements[key] as string);
}

/** An item with its months parsed once: from and to (inclusive) as month indices. */
export interface Dated<T> {
  readonly item: T;
  readonly from: number;
  readonly to: number;
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

/** A stockpile policy resolved to its market, in t REO by element index. */
export interface Stockpile {
  readonly id: string;
  readonly market: number;
  readonly stage: Stage;
  readonly from: number;
  readonly to: number;
  /** Capacity and initial holding, t REO by element (0 for elements it does not hold). */
  readonly capacity: Float64Array;
  readonly initial: Float64Array;
  readonly releaseBelow: number;
}

/** Everything dated in a scenario, parsed once. */
export interface DatedInputs {
  /** Export controls and domestic-processing mandates. */
  readonly policies: Dated<Policy>[];
  readonly disruptions: Disruption[];
  /** Per demand entry (scenario order): its growth changes, by month. */
  readonly growth: GrowthChange[][];
  readonly stockpiles: Stockpile[];
}

/** An approval rate: a fraction, or steps of fractions in month order, the first at the control's first month. */
function checkApproval(path: string, rate: unknown, from: number): void {
  if (!Array.isArray(rate)) {
    fraction(path, rate);
    return;
  }
  if (rate.length === 0) fail('MISSING', path, rate, 'a fraction or at least one { from, rate } step');
  let last = Number.NEGATIVE_INFINITY;
  rate.forEach((step: unknown, k) => {
    const s = record(`${path}[${k}]`, step, '{ from, rate }');
    const m = monthIndex(`${path}[${k}].from`, s.from);
    if (k === 0 && m !== from)
      fail('OUT_OF_RANGE', `${path}[0].from`, s.from, "the control's first month (its from)");
    if (!(m > last)) fail('OUT_OF_RANGE', `${path}[${k}].from`, s.from, 'a month after the step before');
    last = m;
    fraction(`${path}[${k}].rate`, s.rate);
  });
}

const STAGES: readonly Stage[] = ['concentrate', 'mixed', 'oxide', 'metal', 'magnet'];
const ROUTE_POLICY_KEYS = {
  exportControl: [
    'kind',
    'id',
    'exporter',
    'stages',
    'elements',
    'destinations',
    'approvalRate',
    'licenceDelayMonths',
    'from',
    'to',
    'provenance',
  ],
  domesticProcessing: ['kind', 'id', 'country', 'stages', 'from', 'to'],
} as const;

/** A non-empty list, each item checked at its index. */
function listOf<T>(path: string, value: unknown, what: string, check: (path: string, v: unknown) => T): T[] {
  if (!Array.isArray(value) || value.length === 0)
    fail('INVALID_TYPE', path, value, `a non-empty list of ${what}`);
  return value.map((v, k) => check(`${path}[${k}]`, v));
}

/** Checks the fields of an export control or a domestic-processing mandate that the months do not cover. */
function checkRoutePolicy(
  at: string,
  p: Record<string, unknown>,
  scenario: SupplyScenario,
  net: Network,
): void {
  knownKeys(at, p, ROUTE_POLICY_KEYS[p.kind as keyof typeof ROUTE_POLICY_KEYS]);
  listOf(`${at}.stages`, p.stages, 'stages', (path, v) => oneOf(path, v, STAGES));
  const country = (path: string, v: unknown) => listedCountry(path, v, scenario);
  if (p.kind === 'domesticProcessing') {
    country(`${at}.country`, p.country);
    return;
  }
  country(`${at}.exporter`, p.exporter);
  if (p.elements !== undefined)
    listOf(`${at}.elements`, p.elements, 'element symbols', (path, v) => oneOf(path, v, net.elements));
  if (p.destinations !== undefined) listOf(`${at}.destinations`, p.destinations, 'country codes', country);
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

/** The scenario's policies, events and demand numbers with their months parsed (and checked) once. */
export function datedInputs(scenario: SupplyScenario, net: Network): DatedInputs {
  const policies: Dated<Policy>[] = [];
  const stockpiles: Stockpile[] = [];
  const policyIds = new Set<string>();
  if (scenario.policies !== undefined && !Array.isArray(scenario.policies))
    fail('INVALID_TYPE', `${FN}.policies`, scenario.policies, 'a list of policies');
  for (const p of scenario.policies ?? []) {
    const item = record(`${FN}.policies`, p, 'a policy');
    const at = `${FN}.policies.${item.id}`;
    const id = safeKey(`${at}.id`, item.id, 'a policy id');
    if (policyIds.has(id)) fail('INVALID_TYPE', `${at}.id`, id, 'a unique policy id');
    policyIds.add(id);
    const from = monthIndex(`${at}.from`, p.from);
    const to = p.to === undefined ? Number.POSITIVE_INFINITY : monthIndex(`${at}.to`, p.to);
    if (to < from) fail('OUT_OF_RANGE', `${at}.to`, p.to, `a month at or after its from (${p.from})`);
    if (!['exportControl', 'domesticProcessing', 'stockpile'].includes(p.kind))
      fail('UNKNOWN_KEY', `${at}.kind`, p.kind, 'exportControl, domesticProcessing or stockpile');
    if (p.kind === 'stockpile') {
      stockpiles.push(stockpileOf(at, p, net, from, to, stockpiles));
      continue;
    }
    checkRoutePolicy(at, item, scenario, net);
    if (p.kind === 'exportControl') {
      checkApproval(`${at}.approvalRate`, p.approvalRate, from);
      optional(p.licenceDelayMonths, 0, (v) => integer(`${at}.licenceDelayMonths`, v, 0));
    }
    policies.push({ item: p, from, to });
  }
  const demands = scenario.demand ?? [];
  const growth: GrowthChange[][] = demands.map(() => []);
  const disruptions: Disruption[] = [];
  if (scenario.events !== undefined && !Array.isArray(scenario.events))
    fail('INVALID_TYPE', `${FN}.events`, scenario.events, 'a list of events');
  const eventIds = new Set<string>();
  for (const ev of scenario.events ?? []) {
    const item = record(`${FN}.events`, ev, 'an event');
    const at = `${FN}.events.${item.id}`;
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
    } else if (ev.kind !== 'demandGrowth') {
      // New facilities and facility changes are resolved (and checked) with the network.
      if (ev.kind !== 'newFacility' && ev.kind !== 'facilityChange')
        fail(
          'UNKNOWN_KEY',
          `${at}.kind`,
          (ev as { kind: unknown }).kind,
          'disruption, newFacility, facilityChange or demandGrowth',
        );
    } else {
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
  demands.forEach((d) => {
    optional(d.priority, 1, (v) => nonNegative(`${FN}.demand.${d.id}.priority`, v));
    for (const [e, v] of Object.entries(d.elements)) {
      // An element the network does not track would have no flows to meet it (NaN shortfalls).
      if (!net.elements.includes(e))
        fail('UNKNOWN_KEY', `${FN}.demand.${d.id}.elements.${e}`, e, `one of ${net.elements.join(', ')}`);
      nonNegative(`${FN}.demand.${d.id}.elements.${e}`, v);
    }
    optional(d.growth, 0, (v) => inRange(`${FN}.demand.${d.id}.growth`, v, -0.5, 1));
    // Growth compounds from the entry's year: a year far from the run would overflow the demand.
    optional(d.year, 0, (v) =>
      inRange(`${FN}.demand.${d.id}.year`, integer(`${FN}.demand.${d.id}.year`, v, 1900), 1900, 2200),
    );
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

function stockpileOf(
  at: string,
  p: Extract<Policy, { kind: 'stockpile' }>,
  net: Network,
  from: number,
  to: number,
  earlier: readonly Stockpile[],
): Stockpile {
  const stage = oneOf(`${at}.stage`, p.stage, ['oxide', 'metal', 'magnet'] as const);
  const market = net.markets.findIndex((m) => m.country === p.country && m.stage === stage);
  if (market < 0)
    fail(
      'INFEASIBLE',
      `${at}.country`,
      p.country,
      `a country with ${stage} demand (a stockpile serves a market)`,
    );
  if (earlier.some((s) => s.market === market))
    fail('INFEASIBLE', `${at}.country`, p.country, `one stockpile per country and stage (${stage})`);
  const capacity = new Float64Array(net.elements.length);
  const initial = new Float64Array(net.elements.length);
  const caps = record(`${at}.elements`, p.elements, 'capacity by element, t');
  const init = p.initial === undefined ? {} : record(`${at}.initial`, p.initial, 'holding by element, t');
  for (const [e, v] of Object.entries(caps)) {
    const i = net.elements.indexOf(e);
    if (i < 0) fail('UNKNOWN_KEY', `${at}.elements.${e}`, e, 'a rare-earth element symbol (not Pm)');
    capacity[i] = nonNegative(`${at}.elements.${e}`, v) * toReo(stage, e);
  }
  for (const [e, v] of Object.entries(init)) {
    const i = net.elements.indexOf(e);
    if (i < 0 || !(e in caps)) fail('UNKNOWN_KEY', `${at}.initial.${e}`, e, 'an element listed in elements');
    initial[i] = inRange(`${at}.initial.${e}`, v, 0, caps[e] as number) * toReo(stage, e);
  }
  const releaseBelow = optional(p.releaseBelow, 1, (v) => fraction(`${at}.releaseBelow`, v));
  return { id: p.id, market, stage, from, to, capacity, initial, releaseBelow };
}
