/**
 * One month's allocation as a linear program (see DESIGN.md, Supply chain): what each mine produces, what
 * each facility processes, what moves along each arc, and what each demand consumes, under capacities,
 * inventories and policy bounds.
 *
 * Objective (maximise; weights and tie-breaking in DESIGN.md, Supply chain): 10⁶ × priority per t shipped
 * to a market with demand for it (ten tiers of a tenth of the month's demand with falling weights, so
 * scarcity is shared by demand; valued when shipped, up to what the market's position of stock and
 * shipments on their way lacks for this month and its longest lead time's months, so lead times do not
 * starve far markets), 0.95 × 10⁶ × priority per t that refills a far market's depleted pipeline beyond a
 * month's demand, and 0.9 × 10⁶ × priority per t a stockpile releases into a shortfall; 10³ × stage level per t of output made (mine 1 ... magnet 6: idle capacity is never
 * preferred); 500 per t shipped to a facility (bounded by its pull: 2 + its longest inbound lead time
 * months of capacity, less what it holds and awaits) and 100 per t towards stockpile room; minus costs
 * ($/t) and a 10⁻⁶ × arc index tie-breaker per t, so equal routes are split the same way on every machine.
 */
import type { LinearProgram, LpConstraint, LpVariable } from './lp.js';
import { byOrigin, isSource, type Network } from './network.js';
import { toReo } from './reo.js';
import { type ChainState, inputByOrigin, outputByOrigin } from './state.js';

/** What varies by month: usable capacity per node (t/month), demand per demand entry and element
 * (t/month), and per-arc, per-key upper bounds from policies (undefined: none). */
export interface MonthInputs {
  readonly capacity: Float64Array;
  readonly demand: readonly Float64Array[];
  readonly priority: readonly number[];
  readonly demandMarket: readonly number[];
  readonly arcBound: (arc: number, key: number) => number | undefined;
  /** Months a shipment of `key` on `arc` takes this month: its lead time plus any licence delay. */
  readonly arcLead: (arc: number, key: number) => number;
  /** Whether `arc` carried anything in the last few months (see the market room in buildMonthLp). */
  readonly arcRecent: (arc: number) => boolean;
  /** t scheduled to arrive later at each node's input, by input key. */
  readonly scheduledNode: readonly Float64Array[];
  /** t REO scheduled to arrive later at each market, by element. */
  readonly scheduledMarket: readonly Float64Array[];
  /** Stockpiles in force this month: their market, and what they hold and can still take, t REO by element. */
  readonly stockpiles: readonly MonthStockpile[];
}

/** A stockpile in force in a month. */
export interface MonthStockpile {
  /** Index of the stockpile in the run (decisions refer to it). */
  readonly index: number;
  readonly market: number;
  readonly held: Float64Array;
  readonly room: Float64Array;
  /** Most it may release this month by element (0 on the first solve of a month; see simulate.ts). */
  readonly release: Float64Array;
}

/** A decision variable's meaning. */
export type Decision =
  | { readonly kind: 'prod'; readonly node: number }
  | { readonly kind: 'proc'; readonly node: number; readonly key: number }
  | { readonly kind: 'ship'; readonly arc: number; readonly key: number }
  | { readonly kind: 'cons'; readonly demand: number; readonly element: number }
  | { readonly kind: 'deliver'; readonly market: number; readonly element: number }
  | { readonly kind: 'fill' | 'release'; readonly stockpile: number; readonly element: number };

/** Least weight of a t of input in a pull bound (input that makes little output still takes room). */
const PULL_FLOOR = 0.05;
/** Weights of the consumption tiers (see buildMonthLp). */
const TIERS = [1.45, 1.4, 1.35, 1.3, 1.25, 1.2, 1.15, 1.1, 1.05, 1.0];
/** Value per t shipped to fill a stockpile (above international freight, below any processing). */
const FILL_VALUE = 100;
/** Value per t released from a stockpile to cover a shortfall (× priority; below every delivery tier). */
const RELEASE_VALUE = 0.9e6;
/** Value per t that refills a far market's pipeline beyond a month's demand (× priority; between the last
 * delivery tier and a stockpile release). */
const REFILL_VALUE = 0.95e6;

const LEVEL: Record<string, number> = {
  mine: 1,
  concentrator: 2,
  cracking: 3,
  separation: 4,
  metal: 5,
  magnet: 6,
  // Recovered oxide is worth making like separated oxide.
  recycling: 4,
};

/** Keys a node can hold at its input (origins reaching it, or the present elements it takes). */
export function inputKeys(net: Network, reach: readonly Set<number>[], node: number): number[] {
  if (inputByOrigin(net, node)) return [...(reach[node] as Set<number>)].sort((a, b) => a - b);
  const n = net.nodes[node] as Network['nodes'][number];
  return presentElements(net).filter((e) => (n.separates[e] as number) > 0);
}

/** Element keys an arc may carry: those its source can make and its receiver takes (a market: its demand). */
function arcElements(
  net: Network,
  reach: readonly Set<number>[],
  arc: Network['arcs'][number],
  demanded: readonly Set<number>[],
): number[] {
  const out = outputKeys(net, reach, arc.from);
  if (arc.to >= 0) {
    const takes = new Set(inputKeys(net, reach, arc.to));
    return out.filter((e) => takes.has(e));
  }
  const wanted = demanded[-1 - arc.to] as Set<number>;
  return out.filter((e) => wanted.has(e));
}

let present: number[] | undefined;
let presentFor: Network | undefined;
/** Elements with a positive share in some origin's mix. */
export function presentElements(net: Network): number[] {
  if (presentFor !== net) {
    present = net.elements.map((_, e) => e).filter((e) => net.mixes.some((m) => (m[e] as number) > 0));
    presentFor = net;
  }
  return present as number[];
}

/** Keys of a node's output (a separation plant's separated elements; a metal or magnet maker's inputs). */
export function outputKeys(net: Network, reach: readonly Set<number>[], node: number): number[] {
  const n = net.nodes[node] as Network['nodes'][number];
  if (n.kind === 'mine') return [n.origin];
  if (n.kind === 'recycling') {
    const mix = net.mixes[n.origin] as Float64Array;
    return presentElements(net).filter((e) => (mix[e] as number) > 0);
  }
  if (outputByOrigin(net, node)) return [...(reach[node] as Set<number>)].sort((a, b) => a - b);
  return presentElements(net).filter((e) => (n.separates[e] as number) > 0);
}

/** Origins that can reach each node's input through the arcs (a mine reaches itself). */
export function reachability(net: Network): Set<number>[] {
  const reach = net.nodes.map((n) => new Set<number>(n.kind === 'mine' ? [n.origin] : []));
  let changed = true;
  while (changed) {
    changed = false;
    for (const a of net.arcs) {
      if (a.to < 0 || !byOrigin(a.stage)) continue;
      for (const o of reach[a.from] as Set<number>) {
        const r = reach[a.to] as Set<number>;
        if (!r.has(o)) {
          r.add(o);
          changed = true;
        }
      }
    }
  }
  return reach;
}

type Arc = Network['arcs'][number];
type Terms = [number, number][];

/** The LP under construction and the indices of its variables, shared by the steps of {@link buildMonthLp}. */
interface LpBuild {
  readonly net: Network;
  readonly reach: readonly Set<number>[];
  readonly state: ChainState;
  readonly m: MonthInputs;
  readonly variables: LpVariable[];
  readonly decisions: Decision[];
  readonly constraints: LpConstraint[];
  /** Variable of each source's output, of each `node:key` processed, `arc:key` shipped, `demand:element` consumed. */
  readonly prod: Map<number, number>;
  readonly proc: Map<string, number>;
  readonly ship: Map<string, number>;
  readonly cons: Map<string, number>;
  /** Each ship variable's key, and every receiver's (node, or −1 − market) ship variables. */
  readonly shipKey: Map<number, number>;
  readonly into: Map<number, Terms>;
  /** Arcs grouped by receiver (node, or −1 − market) and by sender. */
  readonly arcsTo: Map<number, Arc[]>;
  readonly arcsFrom: Map<number, Arc[]>;
  readonly stockpileAt: Map<number, MonthStockpile>;
  /** Each market's demand this month by element, and its highest priority. */
  readonly marketDemand: Float64Array[];
  readonly marketPriority: number[];
}

function variable(b: LpBuild, d: Decision, v: LpVariable): number {
  b.decisions.push(d);
  b.variables.push(v);
  return b.variables.length - 1;
}

/**
 * Builds the month's LP and the meaning of each variable: output and processing, shipments, consumption,
 * the delivery tiers of each market, then the balances of facility inputs, facility outputs and markets,
 * and each facility's pull.
 */
export function buildMonthLp(
  net: Network,
  reach: readonly Set<number>[],
  state: ChainState,
  m: MonthInputs,
): { lp: LinearProgram; decisions: Decision[] } {
  const b = lpBuild(net, reach, state, m);
  productionVariables(b);
  shipmentVariables(b);
  consumptionVariables(b);
  deliveryTiers(b);
  inputRows(b);
  outputRows(b);
  marketRows(b);
  pullRows(b);
  return { lp: { sense: 'max', variables: b.variables, constraints: b.constraints }, decisions: b.decisions };
}

function lpBuild(net: Network, reach: readonly Set<number>[], state: ChainState, m: MonthInputs): LpBuild {
  const arcsTo = new Map<number, Arc[]>();
  const arcsFrom = new Map<number, Arc[]>();
  for (const a of net.arcs) {
    arcsTo.set(a.to, [...(arcsTo.get(a.to) ?? []), a]);
    arcsFrom.set(a.from, [...(arcsFrom.get(a.from) ?? []), a]);
  }
  const marketDemand = net.markets.map((mk) => {
    const sum = new Float64Array(net.elements.length);
    for (const d of mk.demands) {
      const v = m.demand[d] as Float64Array;
      for (let e = 0; e < sum.length; e++) sum[e] = (sum[e] as number) + (v[e] as number);
    }
    return sum;
  });
  return {
    net,
    reach,
    state,
    m,
    variables: [],
    decisions: [],
    constraints: [],
    prod: new Map(),
    proc: new Map(),
    ship: new Map(),
    cons: new Map(),
    shipKey: new Map(),
    into: new Map(),
    arcsTo,
    arcsFrom,
    stockpileAt: new Map(m.stockpiles.map((sp) => [sp.market, sp])),
    marketDemand,
    marketPriority: net.markets.map((mk) => Math.max(0, ...mk.demands.map((d) => m.priority[d] ?? 1))),
  };
}

/** Production and processing, with each facility's capacity row. */
function productionVariables(b: LpBuild): void {
  const { net, reach, m } = b;
  for (const n of net.nodes) {
    const cap = m.capacity[n.index] as number;
    const value = 1000 * (LEVEL[n.kind] ?? 1);
    if (isSource(n.kind)) {
      b.prod.set(n.index, variable(b, { kind: 'prod', node: n.index }, { upper: cap, cost: value - n.cost }));
      continue;
    }
    // Capacity, value and cost are per t of output: each t of input key k makes outputYield(k) t.
    const terms: Terms = [];
    for (const k of inputKeys(net, reach, n.index)) {
      const y = outputYield(net, n.index, k);
      const v = variable(b, { kind: 'proc', node: n.index, key: k }, { cost: (value - n.cost) * y });
      b.proc.set(`${n.index}:${k}`, v);
      if (y > 0) terms.push([v, y]);
    }
    if (terms.length > 0) b.constraints.push({ name: `cap:${n.facility.id}`, terms, upper: cap });
  }
}

/** Shipments on every arc (bounded by policies), with each arc's capacity row. */
function shipmentVariables(b: LpBuild): void {
  const { net, reach, m } = b;
  const demanded = net.markets.map((mk) => {
    const set = new Set<number>();
    for (const d of mk.demands) {
      (m.demand[d] as Float64Array).forEach((x, e) => {
        if (x > 0) set.add(e);
      });
    }
    return set;
  });
  for (const a of net.arcs) {
    const keys = byOrigin(a.stage) ? outputKeys(net, reach, a.from) : arcElements(net, reach, a, demanded);
    const terms: Terms = [];
    for (const k of keys) {
      const bound = m.arcBound(a.index, k);
      const v = variable(
        b,
        { kind: 'ship', arc: a.index, key: k },
        // Shipments to facilities earn the pull value; shipments to markets earn the delivery tiers below.
        {
          cost: (a.to >= 0 ? 500 : 0) - a.cost - 1e-6 * a.index,
          ...(bound !== undefined ? { upper: bound } : {}),
        },
      );
      b.ship.set(`${a.index}:${k}`, v);
      b.shipKey.set(v, k);
      terms.push([v, 1]);
    }
    if (Number.isFinite(a.capacity) && terms.length > 0)
      b.constraints.push({ name: `arc:${a.index}`, terms, upper: a.capacity });
    const list = b.into.get(a.to) ?? [];
    list.push(...terms);
    b.into.set(a.to, list);
  }
}

/** Consumption drains market stocks (a small value: it always happens when stock is there). */
function consumptionVariables(b: LpBuild): void {
  b.m.demand.forEach((dem, d) => {
    presentElements(b.net).forEach((e) => {
      const upper = dem[e] as number;
      if (upper > 0)
        b.cons.set(`${d}:${e}`, variable(b, { kind: 'cons', demand: d, element: e }, { upper, cost: 1 }));
    });
  });
}

/**
 * Deliveries: what is shipped to a market this month (any lead time) is valued when it is shipped, up to
 * the month's demand less the market's stock and what is on its way, in ten tiers of a tenth each with
 * falling weights (1.45, 1.4, ..., 1.0 × 10⁶ × priority): scarcity is shared between countries (every
 * market gets its first tenth before any gets its second, and nine tenths before any gets its last) and
 * far markets are not starved by the one-month horizon.
 */
function deliveryTiers(b: LpBuild): void {
  const { net, state, m } = b;
  net.markets.forEach((mk) => {
    for (const e of presentElements(net)) {
      const shipped: Terms = [];
      for (const a of b.arcsTo.get(-1 - mk.index) ?? []) {
        const v = b.ship.get(`${a.index}:${e}`);
        if (v !== undefined) shipped.push([v, 1]);
      }
      if (shipped.length === 0) continue;
      const demand = (b.marketDemand[mk.index] as Float64Array)[e] as number;
      const priority = b.marketPriority[mk.index] as number;
      const held =
        ((state.market[mk.index] as Float64Array)[e] as number) +
        ((m.scheduledMarket[mk.index] as Float64Array)[e] as number);
      // What is shipped now arrives after its route's lead time L: the market's position (stock and what is
      // on its way) should cover this month's demand and the next L months'. The tiers value up to
      // one month's demand (so scarcity is shared by demand, whatever a market's lead time); what a depleted
      // pipeline needs beyond that is a refill worth less than any tier and more than a stockpile release.
      // L: the longest lead of the routes that have carried anything lately (an idle far route does not
      // raise the target), or the shortest route's while none has.
      const inbound = b.arcsTo.get(-1 - mk.index) ?? [];
      const recent = inbound.filter((a) => m.arcRecent(a.index));
      const lead =
        recent.length > 0
          ? Math.max(...recent.map((a) => m.arcLead(a.index, e)))
          : Math.min(...inbound.map((a) => m.arcLead(a.index, e)));
      const target = (1 + lead) * demand;
      const room = Math.max(0, target - held);
      const terms: Terms = [...shipped];
      for (const w of TIERS) {
        const v = variable(
          b,
          { kind: 'deliver', market: mk.index, element: e },
          { upper: Math.min(room, demand) / TIERS.length, cost: 1e6 * w * priority },
        );
        terms.push([v, -1]);
      }
      if (room > demand) {
        const v = variable(
          b,
          { kind: 'deliver', market: mk.index, element: e },
          { upper: room - demand, cost: REFILL_VALUE * priority },
        );
        terms.push([v, -1]);
      }
      // A stockpile's free room is worth a little more than freight: surplus flows to it.
      const sp = b.stockpileAt.get(mk.index);
      const fillRoom = sp ? (sp.room[e] as number) - Math.max(0, held - target) : 0;
      if (fillRoom > 0) {
        terms.push([
          variable(
            b,
            { kind: 'deliver', market: mk.index, element: e },
            { upper: fillRoom, cost: FILL_VALUE },
          ),
          -1,
        ]);
      }
      // Valued deliveries cannot exceed what is shipped.
      b.constraints.push({ name: `deliver:${mk.index}:${e}`, terms, lower: 0 });
    }
  });
}

/** Input availability: processed ≤ held + what arrives this month by lead-0 arcs. */
function inputRows(b: LpBuild): void {
  const { net, reach, state, m } = b;
  for (const n of net.nodes) {
    if (isSource(n.kind)) continue;
    for (const k of inputKeys(net, reach, n.index)) {
      const terms: Terms = [[b.proc.get(`${n.index}:${k}`) as number, 1]];
      for (const a of b.arcsTo.get(n.index) ?? []) {
        const v = b.ship.get(`${a.index}:${k}`);
        // Only what arrives this month (no lead time, no licence delay) can be processed this month.
        if (v !== undefined && m.arcLead(a.index, k) === 0) terms.push([v, -1]);
      }
      b.constraints.push({ terms, upper: (state.input[n.index] as Float64Array)[k] as number });
    }
  }
}

/** Output balance: shipped ≤ held + produced this month. */
function outputRows(b: LpBuild): void {
  const { net, reach, state } = b;
  for (const n of net.nodes) {
    for (const k of outputKeys(net, reach, n.index)) {
      const terms: Terms = [];
      for (const a of b.arcsFrom.get(n.index) ?? []) {
        const v = b.ship.get(`${a.index}:${k}`);
        if (v !== undefined) terms.push([v, 1]);
      }
      if (terms.length === 0) continue;
      if (n.kind === 'mine') terms.push([b.prod.get(n.index) as number, -1]);
      else if (n.kind === 'recycling')
        terms.push([b.prod.get(n.index) as number, -((net.mixes[n.origin] as Float64Array)[k] as number)]);
      else if (outputByOrigin(net, n.index)) {
        const rec = originRecovery(net, n.index, k);
        terms.push([b.proc.get(`${n.index}:${k}`) as number, -rec]);
      } else if (inputByOrigin(net, n.index)) {
        // Separation: element k from every origin's mix, if this plant separates it.
        if ((n.separates[k] as number) > 0) {
          for (const o of inputKeys(net, reach, n.index)) {
            const c = ((net.mixes[o] as Float64Array)[k] as number) * (n.recovery[k] as number);
            if (c > 0) terms.push([b.proc.get(`${n.index}:${o}`) as number, -c]);
          }
        }
      } else {
        terms.push([b.proc.get(`${n.index}:${k}`) as number, -(n.recovery[k] as number)]);
      }
      b.constraints.push({ terms, upper: (state.output[n.index] as Float64Array)[k] as number });
    }
  }
}

/**
 * Markets: consumed + filled ≤ stock + lead-0 deliveries + released. A stockpile fills only in months its
 * market starts with at least the month's demand in stock, and only from the rest (consumption is worth
 * more than filling); it releases only in months the market starts short, at most the given limit (the
 * shortfall the month would have without it) and the gap its stock and lead-0 deliveries leave (released +
 * lead-0 deliveries ≤ demand − stock). Filling and releasing never meet in one month, so no round trip
 * can earn the release value.
 */
function marketRows(b: LpBuild): void {
  const { net, state, m } = b;
  net.markets.forEach((mk) => {
    const sp = b.stockpileAt.get(mk.index);
    for (const e of presentElements(net)) {
      const terms: Terms = [];
      for (const d of mk.demands) {
        const v = b.cons.get(`${d}:${e}`);
        if (v !== undefined) terms.push([v, 1]);
      }
      const demand = (b.marketDemand[mk.index] as Float64Array)[e] as number;
      const priority = b.marketPriority[mk.index] as number;
      const lead0: Terms = [];
      for (const a of b.arcsTo.get(-1 - mk.index) ?? []) {
        const v = b.ship.get(`${a.index}:${e}`);
        if (v !== undefined && m.arcLead(a.index, e) === 0) lead0.push([v, 1]);
      }
      const stock = (state.market[mk.index] as Float64Array)[e] as number;
      const gap = demand - stock;
      if (sp && gap <= 0 && (sp.room[e] as number) > 0) {
        const fill = variable(
          b,
          { kind: 'fill', stockpile: sp.index, element: e },
          { upper: sp.room[e] as number, cost: 0.5 },
        );
        terms.push([fill, 1]);
      } else if (sp && gap > 0 && (sp.release[e] as number) > 0) {
        const release = variable(
          b,
          { kind: 'release', stockpile: sp.index, element: e },
          {
            upper: Math.min(gap, sp.held[e] as number, sp.release[e] as number),
            cost: RELEASE_VALUE * priority,
          },
        );
        terms.push([release, -1]);
        b.constraints.push({ terms: [[release, 1], ...lead0], upper: gap });
      }
      if (terms.length === 0) continue;
      b.constraints.push({
        terms: [...terms, ...lead0.map(([v]): [number, number] => [v, -1])],
        upper: stock,
      });
    }
  });
}

/**
 * Pull: a facility takes at most (2 + its longest inbound lead time) months of its capacity, counted as
 * the output its input would make, less what it holds and awaits (so far routes keep it supplied).
 */
function pullRows(b: LpBuild): void {
  const { net, state, m } = b;
  for (const [to, terms] of b.into) {
    if (terms.length === 0 || to < 0) continue;
    const lead = Math.max(0, ...(b.arcsTo.get(to) ?? []).map((a) => a.leadTime));
    const w = (k: number) => Math.max(PULL_FLOOR, outputYield(net, to, k));
    let held = 0;
    (state.input[to] as Float64Array).forEach((x, k) => {
      held += x * w(k);
    });
    (m.scheduledNode[to] as Float64Array).forEach((x, k) => {
      held += x * w(k);
    });
    const weighted = terms.map(([v, _]): [number, number] => [v, w(b.shipKey.get(v) as number)]);
    const room = (2 + lead) * (m.capacity[to] as number) - held;
    b.constraints.push({ name: `pull:${to}`, terms: weighted, upper: Math.max(0, room) });
  }
}

/**
 * t of output (the node's capacity unit: t REO, or t of RE metal for metal and magnet makers) per t REO of
 * input key `key`: a concentrator's or cracker's recovery of that origin; a separation plant's recovery of
 * the elements it separates from that origin's mix; a metal or magnet maker's recovery of the element, as
 * metal.
 */
export function outputYield(net: Network, node: number, key: number): number {
  const n = net.nodes[node] as Network['nodes'][number];
  if (outputByOrigin(net, node)) return originRecovery(net, node, key);
  if (inputByOrigin(net, node)) {
    const mix = net.mixes[key] as Float64Array;
    let y = 0;
    for (let e = 0; e < mix.length; e++) {
      if ((n.separates[e] as number) > 0) y += (mix[e] as number) * (n.recovery[e] as number);
    }
    return y;
  }
  return (n.recovery[key] as number) / toReo(n.output, net.elements[key] as string);
}

/** Recovery of an origin-tracked conversion (concentrator, cracking): the mix-weighted mean of its recoveries. */
export function originRecovery(net: Network, node: number, origin: number): number {
  const n = net.nodes[node] as Network['nodes'][number];
  const mix = net.mixes[origin] as Float64Array;
  let r = 0;
  for (let e = 0; e < mix.length; e++) r += (mix[e] as number) * (n.recovery[e] as number);
  return r;
}
