/**
 * Monthly simulation of the rare-earth supply chain: each month, capacities (ramp-ups, availability,
 * disruptions, random outages) and policies set the bounds of a linear program (`monthLp.ts`) that
 * allocates production, processing, trade and consumption; its solution moves material, shipments in
 * transit arrive after their lead times, and the conservation of every element is checked.
 */
import seedrandom from 'seedrandom';
import { oxideFactor } from '../chemistry/oxide.js';
import { fail } from '../core/errors.js';
import { fraction, inRange, integer, isRecord, knownKeys, nonNegative, optional } from '../core/validate.js';
import { monthIndex, monthLabel } from './calendar.js';
import { loadLpSolver } from './lp.js';
import { buildMonthLp, type MonthInputs, originRecovery, reachability } from './monthLp.js';
import { byOrigin, type Network, resolveNetwork } from './network.js';
import { addElements, balanceResidual, emptyState, inputByOrigin, outputByOrigin } from './state.js';
import type { Policy, Stage, SupplyScenario } from './types.js';

/** Options of {@link simulateSupplyChain}. */
export interface SupplyRunOptions {
  /** First month, 'YYYY-MM'. */
  readonly start: string;
  /** Number of months (1 to 600). */
  readonly months: number;
  /** Seed of the random outages (default 'reesim'). */
  readonly seed?: string;
}

/** Per-month series by country for one stage, t REO per month. */
export type CountrySeries = Readonly<Record<string, readonly number[]>>;

/** Result of {@link simulateSupplyChain}. */
export interface SupplyChainResult {
  readonly scenario: string;
  readonly months: readonly string[];
  /**
   * Output by stage and country (mines: concentrate; processing: their output), t REO per month up to
   * oxide and t of RE metal for metal and magnets (material moves internally as t REO equivalent).
   */
  readonly production: Readonly<Record<Stage, CountrySeries>>;
  /** Output of the magnet elements by stage, country and element (Nd, Pr, Dy, Tb), t per month. */
  readonly elementProduction: Readonly<
    Record<Stage, Readonly<Record<string, Readonly<Record<string, readonly number[]>>>>>
  >;
  /** International shipments by `stage:exporter>importer`, t per month (by the month they leave). */
  readonly trade: Readonly<Record<string, readonly number[]>>;
  /** Each demand entry: asked and got, t per month in its stage's unit (t REO; t metal for metal/magnet). */
  readonly demand: readonly {
    readonly id: string;
    readonly country: string;
    readonly sector: string;
    readonly demanded: readonly number[];
    readonly met: readonly number[];
    /** Shortfall by element, t per month. */
    readonly shortfall: Readonly<Record<string, readonly number[]>>;
  }[];
  /** Each country's share of separated (oxide) output per month (0 when nothing is separated). */
  readonly separatedShare: CountrySeries;
  /** Held in inventories and in transit at each month's end, t REO. */
  readonly inventory: readonly number[];
  readonly inTransit: readonly number[];
  /** Evidence: the largest monthly conservation residual (relative to all mined) and LP outcomes. */
  readonly balanceResidual: number;
  readonly lp: { readonly solves: number; readonly notOptimal: number };
}

const FN = 'simulateSupplyChain';
const MAGNET_ELEMENTS = ['Nd', 'Pr', 'Dy', 'Tb'];
const STAGES: readonly Stage[] = ['concentrate', 'mixed', 'oxide', 'metal', 'magnet'];

/** Usable capacity of every node in month t (t per month). */
function capacities(
  net: Network,
  disruptions: readonly Disruption[],
  t: number,
  outage: Int32Array,
  rngs: (() => number)[],
): Float64Array {
  const cap = new Float64Array(net.nodes.length);
  for (const n of net.nodes) {
    if (t < n.start) continue;
    const ramp = n.ramp > 0 ? Math.min(1, (t - n.start + 1) / n.ramp) : 1;
    let factor = n.availability * ramp;
    // Random outages: one draw per facility and month from the facility's own seeded stream.
    const o = n.facility.outage;
    if (o) {
      const draw = (rngs[n.index] as () => number)();
      if ((outage[n.index] as number) > 0) {
        outage[n.index] = (outage[n.index] as number) - 1;
        factor = 0;
      } else if (draw < o.ratePerMonth) {
        outage[n.index] = Math.max(0, Math.round(o.months) - 1);
        factor = 0;
      }
    }
    for (const ev of disruptions) {
      if (t < ev.from || t >= ev.from + ev.months) continue;
      const hit =
        ev.target === n.facility.id || (ev.target.startsWith('country:') && ev.target.slice(8) === n.country);
      if (hit) factor *= 1 - ev.severity;
    }
    cap[n.index] = n.capacity * factor;
  }
  return cap;
}

/**
 * Simulates the supply chain month by month (see the module notes and DESIGN.md).
 *
 * @throws ReesimError for an invalid scenario or options
 * @example
 * ```ts
 * const r = await simulateSupplyChain(
 *   {
 *     name: 'one mine, one refinery',
 *     countries: { US: 'United States' },
 *     facilities: [
 *       { id: 'mine', country: 'US', kind: 'mine', capacity: 12_000, mix: { deposit: 'mountain-pass' } },
 *       { id: 'sx', country: 'US', kind: 'separation', capacity: 12_000, recovery: 0.9 },
 *     ],
 *     links: [{ from: 'mine', to: 'sx', stage: 'concentrate' }],
 *     demand: [{ id: 'oxide', country: 'US', sector: 'all', stage: 'oxide', elements: { Nd: 1_200 } }],
 *   },
 *   { start: '2025-01', months: 3 },
 * );
 * r.production.concentrate.US; // [1000, 1000, 1000]
 * r.balanceResidual <= 1e-9; // true
 * ```
 */
export async function simulateSupplyChain(
  scenario: SupplyScenario,
  options: SupplyRunOptions,
): Promise<SupplyChainResult> {
  const net = resolveNetwork(scenario);
  if (!isRecord(options)) fail('INVALID_TYPE', `${FN}.options`, options, '{ start, months, seed? }');
  knownKeys(`${FN}.options`, options, ['start', 'months', 'seed']);
  const start = monthIndex(`${FN}.options.start`, options.start);
  const months = integer(`${FN}.options.months`, options.months, 1);
  if (months > 600) fail('OUT_OF_RANGE', `${FN}.options.months`, months, 'at most 600 months');
  const seed = optional(options.seed, 'reesim', (v) => String(v));
  const { policies, disruptions } = datedInputs(scenario);
  const solver = await loadLpSolver();
  const reach = reachability(net);
  const state = emptyState(net);
  const E = net.elements.length;
  const outage = new Int32Array(net.nodes.length);
  const rngs = net.nodes.map((n) => {
    const r = seedrandom.alea(`${seed}:${n.facility.id}`);
    return () => r();
  });
  const demands = scenario.demand ?? [];
  const demandMarket = demands.map((d) =>
    net.markets.findIndex((mk) => mk.country === d.country && mk.stage === d.stage),
  );
  const startYear = Math.floor(start / 12);

  const series = () =>
    Object.fromEntries(Object.keys(scenario.countries).map((c) => [c, new Array<number>(months).fill(0)]));
  const production = Object.fromEntries(STAGES.map((s) => [s, series()])) as Record<
    Stage,
    Record<string, number[]>
  >;
  const elementProduction = Object.fromEntries(
    STAGES.map((s) => [
      s,
      Object.fromEntries(
        Object.keys(scenario.countries).map((c) => [
          c,
          Object.fromEntries(MAGNET_ELEMENTS.map((e) => [e, new Array<number>(months).fill(0)])),
        ]),
      ),
    ]),
  ) as Record<Stage, Record<string, Record<string, number[]>>>;
  const trade: Record<string, number[]> = {};
  const demandOut = demands.map((d) => ({
    id: d.id,
    country: d.country,
    sector: d.sector,
    demanded: new Array<number>(months).fill(0),
    met: new Array<number>(months).fill(0),
    shortfall: Object.fromEntries(Object.keys(d.elements).map((e) => [e, new Array<number>(months).fill(0)])),
  }));
  const separatedShare = series();
  const inventory = new Array<number>(months).fill(0);
  const inTransit = new Array<number>(months).fill(0);
  let worstBalance = 0;
  let notOptimal = 0;
  // Monthly shipments by arc and key, for export licences that approve a share of the earlier flow.
  const history = new Map<string, Map<number, number>>();

  const bump = (stage: Stage, country: string, t: number, amount: number) => {
    const row = production[stage][country];
    if (row) row[t] = (row[t] as number) + amount;
  };
  const bumpElements = (stage: Stage, country: string, t: number, byElement: Float64Array) => {
    const row = elementProduction[stage][country];
    if (!row) return;
    for (const e of MAGNET_ELEMENTS) {
      const i = net.elements.indexOf(e);
      const r = row[e] as number[];
      r[t] = (r[t] as number) + (byElement[i] as number);
    }
  };

  for (let t = 0; t < months; t++) {
    const month = start + t;
    // Arrivals.
    const staying = [];
    for (const sh of state.transit) {
      if (sh.arrives > month) {
        staying.push(sh);
        continue;
      }
      const arc = net.arcs[sh.arc] as Network['arcs'][number];
      const into =
        arc.to >= 0 ? (state.input[arc.to] as Float64Array) : (state.market[-1 - arc.to] as Float64Array);
      into[sh.key] = (into[sh.key] as number) + sh.amount;
    }
    state.transit = staying;
    const scheduledNode = new Float64Array(net.nodes.length);
    const scheduledMarket = net.markets.map(() => new Float64Array(E));
    for (const sh of state.transit) {
      const arc = net.arcs[sh.arc] as Network['arcs'][number];
      if (arc.to >= 0) scheduledNode[arc.to] = (scheduledNode[arc.to] as number) + sh.amount;
      else {
        const v = scheduledMarket[-1 - arc.to] as Float64Array;
        v[sh.key] = (v[sh.key] as number) + sh.amount;
      }
    }
    // Demand in t REO equivalent (metal and magnet demand is given as t of RE metal).
    const demandNow = demands.map((d) => {
      const growth =
        (1 + (d.growth ?? 0)) ** (Math.floor(month / 12) - (d.year ?? startYear) + (month % 12) / 12);
      return Float64Array.from(net.elements, (e) => ((d.elements[e] ?? 0) * growth * toReo(d.stage, e)) / 12);
    });
    const inputs: MonthInputs = {
      capacity: capacities(net, disruptions, month, outage, rngs),
      demand: demandNow,
      priority: demands.map((d) => d.priority ?? 1),
      demandMarket,
      arcBound: policyBounds(net, policies, month, history),
      scheduledNode,
      scheduledMarket,
    };
    const { lp, decisions } = buildMonthLp(net, reach, state, inputs);
    const sol = solver.solve(lp);
    if (sol.status !== 'optimal') notOptimal++;
    const x = sol.status === 'optimal' ? sol.values : new Float64Array(decisions.length);

    // Apply the decisions: production, processing, shipments, consumption.
    const delta = (v: Float64Array, k: number, d: number) => {
      v[k] = (v[k] as number) + d;
    };
    const oxideByCountry: Record<string, number> = {};
    // t REO consumed by each demand this month, by element.
    const got = demands.map(() => new Float64Array(E));
    decisions.forEach((d, i) => {
      const amount = Math.max(0, x[i] as number);
      if (amount === 0) return;
      if (d.kind === 'prod') {
        const n = net.nodes[d.node] as Network['nodes'][number];
        delta(state.output[d.node] as Float64Array, n.origin, amount);
        const mix = net.mixes[n.origin] as Float64Array;
        for (let e = 0; e < E; e++) delta(state.mined, e, amount * (mix[e] as number));
        bump('concentrate', n.country, t, amount);
        bumpElements(
          'concentrate',
          n.country,
          t,
          Float64Array.from(mix, (f) => f * amount),
        );
      } else if (d.kind === 'proc') {
        const n = net.nodes[d.node] as Network['nodes'][number];
        delta(state.input[d.node] as Float64Array, d.key, -amount);
        const produced = new Float64Array(E);
        if (outputByOrigin(net, d.node)) {
          const r = originRecovery(net, d.node, d.key);
          delta(state.output[d.node] as Float64Array, d.key, r * amount);
          const mix = net.mixes[d.key] as Float64Array;
          for (let e = 0; e < E; e++) {
            produced[e] = r * amount * (mix[e] as number);
            delta(state.lost, e, (1 - r) * amount * (mix[e] as number));
          }
        } else if (inputByOrigin(net, d.node)) {
          const mix = net.mixes[d.key] as Float64Array;
          for (let e = 0; e < E; e++) {
            const inE = amount * (mix[e] as number);
            const out = (n.separates[e] as number) > 0 ? inE * (n.recovery[e] as number) : 0;
            produced[e] = out;
            delta(state.output[d.node] as Float64Array, e, out);
            delta(state.lost, e, inE - out);
          }
        } else {
          const out = amount * (n.recovery[d.key] as number);
          produced[d.key] = out;
          delta(state.output[d.node] as Float64Array, d.key, out);
          delta(state.lost, d.key, amount - out);
        }
        // Reported in t REO up to oxide, in t of RE metal for metal and magnets.
        const reported = Float64Array.from(
          produced,
          (v, e) => v / toReo(n.output, net.elements[e] as string),
        );
        const total = reported.reduce((a, b) => a + b, 0);
        bump(n.output, n.country, t, total);
        bumpElements(n.output, n.country, t, reported);
        if (n.output === 'oxide') oxideByCountry[n.country] = (oxideByCountry[n.country] ?? 0) + total;
      } else if (d.kind === 'ship') {
        const arc = net.arcs[d.arc] as Network['arcs'][number];
        delta(state.output[arc.from] as Float64Array, d.key, -amount);
        const h = history.get(`${d.arc}:${d.key}`) ?? new Map<number, number>();
        h.set(month, (h.get(month) ?? 0) + amount);
        history.set(`${d.arc}:${d.key}`, h);
        const lead = arc.leadTime + licenceDelay(net, policies, month, d.arc, d.key);
        if (lead === 0) {
          const into =
            arc.to >= 0 ? (state.input[arc.to] as Float64Array) : (state.market[-1 - arc.to] as Float64Array);
          delta(into, d.key, amount);
        } else {
          state.transit.push({ arc: d.arc, arrives: month + lead, key: d.key, amount });
        }
        if (arc.international) {
          const from = (net.nodes[arc.from] as Network['nodes'][number]).country;
          const to =
            arc.to >= 0
              ? (net.nodes[arc.to] as Network['nodes'][number]).country
              : (net.markets[-1 - arc.to] as Network['markets'][number]).country;
          const key = `${arc.stage}:${from}>${to}`;
          const row = trade[key] ?? new Array<number>(months).fill(0);
          row[t] = (row[t] as number) + amount;
          trade[key] = row;
        }
      } else if (d.kind === 'cons') {
        const mk = demandMarket[d.demand] as number;
        delta(state.market[mk] as Float64Array, d.element, -amount);
        delta(state.consumed, d.element, amount);
        delta(got[d.demand] as Float64Array, d.element, amount);
        const out = demandOut[d.demand];
        const stage = (demands[d.demand] as SupplyScenario['demand'][number]).stage;
        if (out)
          out.met[t] = (out.met[t] as number) + amount / toReo(stage, net.elements[d.element] as string);
      }
    });
    // Clamp round-off negatives (the LP keeps every inventory >= 0 up to its tolerance).
    for (const v of [...state.input, ...state.output, ...state.market]) {
      for (let k = 0; k < v.length; k++) if ((v[k] as number) < 0) v[k] = 0;
    }
    demands.forEach((d, i) => {
      const out = demandOut[i];
      if (!out) return;
      const asked = demandNow[i] as Float64Array;
      out.demanded[t] = net.elements.reduce((a, e, ei) => a + (asked[ei] as number) / toReo(d.stage, e), 0);
      for (const e of Object.keys(d.elements)) {
        const ei = net.elements.indexOf(e);
        const taken = (got[i] as Float64Array)[ei] as number;
        (out.shortfall[e] as number[])[t] = Math.max(0, (asked[ei] as number) - taken) / toReo(d.stage, e);
      }
    });
    const oxideTotal = Object.values(oxideByCountry).reduce((a, b) => a + b, 0);
    for (const c of Object.keys(scenario.countries)) {
      (separatedShare[c] as number[])[t] = oxideTotal > 0 ? (oxideByCountry[c] ?? 0) / oxideTotal : 0;
    }
    const held = new Float64Array(E);
    net.nodes.forEach((n) => {
      addElements(net, inputByOrigin(net, n.index), state.input[n.index] as Float64Array, held);
      addElements(net, outputByOrigin(net, n.index), state.output[n.index] as Float64Array, held);
    });
    for (const mkt of state.market) addElements(net, false, mkt, held);
    inventory[t] = held.reduce((a, b) => a + b, 0);
    inTransit[t] = state.transit.reduce((a, sh) => a + sh.amount, 0);
    worstBalance = Math.max(worstBalance, balanceResidual(net, state));
  }
  return {
    scenario: scenario.name,
    months: Array.from({ length: months }, (_, t) => monthLabel(start + t)),
    production,
    elementProduction,
    trade,
    demand: demandOut,
    separatedShare,
    inventory,
    inTransit,
    balanceResidual: worstBalance,
    lp: { solves: months, notOptimal },
  };
}

/** t REO per t of the stage's reporting unit: the oxide factor for metal and magnets, else 1. */
function toReo(stage: Stage, element: string): number {
  return stage === 'metal' || stage === 'magnet' ? oxideFactor(element) : 1;
}

/** Upper bounds on arc flows from the policies in force in `month`. */
function policyBounds(
  net: Network,
  policies: readonly Dated<Policy>[],
  month: number,
  history: ReadonlyMap<string, ReadonlyMap<number, number>>,
): (arc: number, key: number) => number | undefined {
  const active = policies.filter((p) => month >= p.from && month <= p.to);
  if (active.length === 0) return () => undefined;
  return (arcIndex, key) => {
    let bound: number | undefined;
    for (const { item: p, from } of active) {
      if (!restricts(net, p, arcIndex, key)) continue;
      if (p.kind === 'domesticProcessing') bound = 0;
      else if (p.kind === 'exportControl') {
        // Licensed: the approved share of the arc's mean monthly flow over the 12 months before the control
        // (0 when the run has no such history: nothing to license against).
        const h = history.get(`${arcIndex}:${key}`);
        let before = 0;
        for (let m = from - 12; m < from; m++) before += h?.get(m) ?? 0;
        const approved = p.approvalRate * (before / 12);
        bound = bound === undefined ? approved : Math.min(bound, approved);
      }
    }
    return bound;
  };
}

/** Extra months an export licence adds to a shipment on `arc` of `key` in `month`. */
function licenceDelay(
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

/** Whether policy `p` restricts `key` on international `arc` (exporter, stage, destination and element). */
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
  const element = byOrigin(arc.stage) ? undefined : net.elements[key];
  return !(p.elements && element !== undefined && !p.elements.includes(element));
}

/** An item with its months parsed once: from and to (inclusive) as month indices. */
interface Dated<T> {
  readonly item: T;
  readonly from: number;
  readonly to: number;
}

/** A disruption event with its first month parsed. */
interface Disruption {
  readonly target: string;
  readonly from: number;
  readonly months: number;
  readonly severity: number;
}

/** The scenario's policies and disruptions with their months parsed (and checked) once. */
function datedInputs(scenario: SupplyScenario): { policies: Dated<Policy>[]; disruptions: Disruption[] } {
  const policies = (scenario.policies ?? []).map((p) => {
    if (p.kind === 'exportControl') {
      fraction(`${FN}.policies.${p.id}.approvalRate`, p.approvalRate);
      optional(p.licenceDelayMonths, 0, (v) => integer(`${FN}.policies.${p.id}.licenceDelayMonths`, v, 0));
    }
    return {
      item: p,
      from: monthIndex(`${FN}.policies.${p.id}.from`, p.from),
      to: p.to === undefined ? Number.POSITIVE_INFINITY : monthIndex(`${FN}.policies.${p.id}.to`, p.to),
    };
  });
  const disruptions: Disruption[] = [];
  for (const ev of scenario.events ?? []) {
    if (ev.kind !== 'disruption') continue;
    disruptions.push({
      target: ev.target,
      from: monthIndex(`${FN}.events.${ev.id}.from`, ev.from),
      months: integer(`${FN}.events.${ev.id}.months`, ev.months, 1),
      severity: optional(ev.severity, 1, (v) => fraction(`${FN}.events.${ev.id}.severity`, v)),
    });
  }
  (scenario.demand ?? []).forEach((d) => {
    for (const [e, v] of Object.entries(d.elements)) nonNegative(`${FN}.demand.${d.id}.elements.${e}`, v);
    optional(d.growth, 0, (v) => inRange(`${FN}.demand.${d.id}.growth`, v, -0.5, 1));
  });
  return { policies, disruptions };
}
