/**
 * One month of a supply-chain run, in the trade's steps: {@link arrivals} (shipments due arrive, facility
 * changes hand over), {@link monthInputs} (capacities, demand, policy bounds, what is on its way),
 * {@link solveMonth} (the month's LP, `monthLp.ts`, solved again when a stockpile must release),
 * {@link applyDecisions} (production, processing, shipments, consumption and stockpiles move material) and
 * {@link recordMonthEnd} (`record.ts`). All state lives in one {@link Run}.
 */
import type { LpSolver } from './lp.js';
import {
  buildMonthLp,
  type Decision,
  type MonthInputs,
  originRecovery,
  type reachability,
} from './monthLp.js';
import type { Network } from './network.js';
import {
  type DatedInputs,
  type Disruption,
  growthFactor,
  licenceDelay,
  policyBounds,
  type Stockpile,
} from './policies.js';
import {
  type MonthEnd,
  type RunRecord,
  recordMet,
  recordOutput,
  recordRecycled,
  recordStockpileFlow,
  recordTrade,
} from './record.js';
import { toReo } from './reo.js';
import { type ChainState, inputByOrigin, outputByOrigin } from './state.js';
import type { SupplyScenario } from './types.js';

/** Months a route counts as in use after its last shipment (for a market's pipeline target; assumed). */
const RECENT_MONTHS = 3;

/** Everything a run carries from month to month. */
export interface Run {
  readonly scenario: SupplyScenario;
  readonly net: Network;
  readonly reach: ReturnType<typeof reachability>;
  readonly dated: DatedInputs;
  readonly state: ChainState;
  readonly demands: SupplyScenario['demand'];
  /** The market of each demand entry. */
  readonly demandMarket: readonly number[];
  /** Months left of each node's outage in progress, and each node's outage draws. */
  readonly outage: Int32Array;
  readonly rngs: readonly (() => number)[];
  /** Shipments by `route:key` and month, for export licences that approve a share of the earlier flow. */
  readonly history: Map<string, Map<number, number>>;
  /** The last month each arc carried anything (a market's recent routes set its pipeline target). */
  readonly lastShipped: Float64Array;
  /** First simulated month and first reported month (month indices), and the year demand is anchored to. */
  readonly first: number;
  readonly start: number;
  readonly startYear: number;
  readonly record: RunRecord;
  /** LP solves and those not optimal so far. */
  solves: number;
  notOptimal: number;
}

/** Shipments due by `month` arrive; nodes replaced by a facility change this month hand over to their successor. */
export function arrivals(run: Run, month: number): void {
  const { net, state } = run;
  const staying = [];
  for (const sh of state.transit) {
    if (sh.arrives > month) {
      staying.push(sh);
      continue;
    }
    const arc = net.arcs[sh.arc] as Network['arcs'][number];
    const into =
      arc.to >= 0
        ? (state.input[currentNode(net, arc.to, month)] as Float64Array)
        : (state.market[-1 - arc.to] as Float64Array);
    into[sh.key] = (into[sh.key] as number) + sh.amount;
  }
  state.transit = staying;
  handOver(net, state, run.outage, month);
}

/** What bounds and values month `month`'s LP: capacities, demand (t REO by element), policies, shipments on their way. */
export function monthInputs(run: Run, month: number): MonthInputs {
  const { net, state, dated, demands } = run;
  const E = net.elements.length;
  const scheduledNode = state.input.map((v) => new Float64Array(v.length));
  const scheduledMarket = net.markets.map(() => new Float64Array(E));
  for (const sh of state.transit) {
    const arc = net.arcs[sh.arc] as Network['arcs'][number];
    const v =
      arc.to >= 0 ? (scheduledNode[arc.to] as Float64Array) : (scheduledMarket[-1 - arc.to] as Float64Array);
    v[sh.key] = (v[sh.key] as number) + sh.amount;
  }
  return {
    capacity: capacities(net, dated.disruptions, month, run.outage, run.rngs),
    demand: demands.map((d, i) => {
      // Growth counts from the middle of the stated year, so that year's months add up to `elements`.
      const f = growthFactor(
        (d.year ?? run.startYear) * 12 + 5.5,
        d.growth ?? 0,
        dated.growth[i] ?? [],
        month,
      );
      // Demand in t REO equivalent (metal and magnet demand is given as t of RE metal).
      return Float64Array.from(net.elements, (e) => ((d.elements[e] ?? 0) * f * toReo(d.stage, e)) / 12);
    }),
    priority: demands.map((d) => d.priority ?? 1),
    demandMarket: run.demandMarket,
    arcBound: policyBounds(net, dated.policies, month, run.history, run.first),
    arcLead: (arc, key) =>
      (net.arcs[arc] as Network['arcs'][number]).leadTime +
      licenceDelay(net, dated.policies, month, arc, key),
    arcRecent: (arc) => month - (run.lastShipped[arc] as number) <= RECENT_MONTHS,
    scheduledNode,
    scheduledMarket,
    stockpiles: dated.stockpiles.flatMap((sp, index) => {
      // Stockpiles neither fill nor release in the warm-up: they hold their `initial` at `start`.
      if (month < run.start || month < sp.from || month > sp.to) return [];
      const held = state.stockpile[index] as Float64Array;
      const room = Float64Array.from(sp.capacity, (c, e) => Math.max(0, c - (held[e] as number)));
      return [{ index, market: sp.market, held, room, release: new Float64Array(E) }];
    }),
  };
}

/**
 * Solves the month's LP. Stockpiles release only into the shortfall their market would have without them:
 * a second solve when the first leaves a stockpile's market short of an element it holds. A solve that is
 * not optimal decides nothing (every decision 0) and is counted.
 */
export function solveMonth(
  run: Run,
  solver: LpSolver,
  inputs: MonthInputs,
): { readonly decisions: readonly Decision[]; readonly x: Float64Array } {
  const { net, reach, state } = run;
  let { lp, decisions } = buildMonthLp(net, reach, state, inputs);
  let sol = solver.solve(lp);
  const release =
    sol.status === 'optimal'
      ? releaseLimits(net, run.dated.stockpiles, run.demandMarket, inputs, decisions, sol.values)
      : undefined;
  if (release) {
    const again = {
      ...inputs,
      stockpiles: inputs.stockpiles.map((sp, i) => ({ ...sp, release: release[i] as Float64Array })),
    };
    ({ lp, decisions } = buildMonthLp(net, reach, state, again));
    sol = solver.solve(lp);
    run.solves++;
  }
  run.solves++;
  if (sol.status !== 'optimal') run.notOptimal++;
  return { decisions, x: sol.status === 'optimal' ? sol.values : new Float64Array(decisions.length) };
}

function delta(v: Float64Array, k: number, d: number): void {
  v[k] = (v[k] as number) + d;
}

/**
 * Applies the month's decisions to the state and books them in the record (month `t` of the run,
 * calendar month `month`); returns what the month ends with for {@link recordMonthEnd}.
 */
export function applyDecisions(
  run: Run,
  decisions: readonly Decision[],
  x: Float64Array,
  inputs: MonthInputs,
  t: number,
  month: number,
): MonthEnd {
  const E = run.net.elements.length;
  const oxideByCountry: Record<string, number> = {};
  // t REO consumed by each demand this month, by element.
  const got = run.demands.map(() => new Float64Array(E));
  decisions.forEach((d, i) => {
    const amount = Math.max(0, x[i] as number);
    if (amount === 0) return;
    if (d.kind === 'prod') produce(run, d.node, amount, t);
    else if (d.kind === 'proc') process(run, d.node, d.key, amount, t, oxideByCountry);
    else if (d.kind === 'ship') ship(run, d.arc, d.key, amount, t, month);
    else if (d.kind === 'cons') consume(run, d.demand, d.element, amount, t, got);
    else if (d.kind === 'fill' || d.kind === 'release')
      stockpileFlow(run, d.kind, d.stockpile, d.element, amount, t);
  });
  // Clamp round-off negatives (the LP keeps every inventory >= 0 up to its tolerance).
  const { state } = run;
  for (const v of [...state.input, ...state.output, ...state.market, ...state.stockpile]) {
    for (let k = 0; k < v.length; k++) if ((v[k] as number) < 0) v[k] = 0;
  }
  return { asked: inputs.demand, got, oxideByCountry };
}

/** A mine's or recycler's output: a mine's by origin, a recycler's oxide by element at its mix. */
function produce(run: Run, node: number, amount: number, t: number): void {
  const { net, state, record } = run;
  const n = net.nodes[node] as Network['nodes'][number];
  const mix = net.mixes[n.origin] as Float64Array;
  const E = net.elements.length;
  if (n.kind === 'recycling') {
    // Recovered oxide enters by element at the recycler's mix; it is not separated output.
    for (let e = 0; e < E; e++) {
      delta(state.output[node] as Float64Array, e, amount * (mix[e] as number));
      delta(state.recycled, e, amount * (mix[e] as number));
    }
    recordRecycled(record, n.country, t, amount);
    return;
  }
  delta(state.output[node] as Float64Array, n.origin, amount);
  for (let e = 0; e < E; e++) delta(state.mined, e, amount * (mix[e] as number));
  recordOutput(
    record,
    'concentrate',
    n.country,
    t,
    amount,
    Float64Array.from(mix, (f) => f * amount),
  );
}

/**
 * Processing of `amount` t REO of input key `key` at `node`: a concentrator or cracker keeps the origin
 * (its mix-weighted recovery), a separator makes the elements it separates from the origin's mix, a metal
 * or magnet maker converts an element; what is not recovered is lost.
 */
function process(
  run: Run,
  node: number,
  key: number,
  amount: number,
  t: number,
  oxideByCountry: Record<string, number>,
): void {
  const { net, state, record } = run;
  const n = net.nodes[node] as Network['nodes'][number];
  const E = net.elements.length;
  delta(state.input[node] as Float64Array, key, -amount);
  const produced = new Float64Array(E);
  if (outputByOrigin(net, node)) {
    const r = originRecovery(net, node, key);
    delta(state.output[node] as Float64Array, key, r * amount);
    const mix = net.mixes[key] as Float64Array;
    for (let e = 0; e < E; e++) {
      produced[e] = r * amount * (mix[e] as number);
      delta(state.lost, e, (1 - r) * amount * (mix[e] as number));
    }
  } else if (inputByOrigin(net, node)) {
    const mix = net.mixes[key] as Float64Array;
    for (let e = 0; e < E; e++) {
      const inE = amount * (mix[e] as number);
      const out = (n.separates[e] as number) > 0 ? inE * (n.recovery[e] as number) : 0;
      produced[e] = out;
      delta(state.output[node] as Float64Array, e, out);
      delta(state.lost, e, inE - out);
    }
  } else {
    const out = amount * (n.recovery[key] as number);
    produced[key] = out;
    delta(state.output[node] as Float64Array, key, out);
    delta(state.lost, key, amount - out);
  }
  // Reported in t REO up to oxide, in t of RE metal for metal and magnets.
  const reported = Float64Array.from(produced, (v, e) => v / toReo(n.output, net.elements[e] as string));
  const total = reported.reduce((a, b) => a + b, 0);
  recordOutput(record, n.output, n.country, t, total, reported);
  if (n.output === 'oxide') oxideByCountry[n.country] = (oxideByCountry[n.country] ?? 0) + total;
}

/** A shipment on `arc`: in transit for its lead time (with any licence delay), or delivered at once. */
function ship(run: Run, arcIndex: number, key: number, amount: number, t: number, month: number): void {
  const { net, state } = run;
  const arc = net.arcs[arcIndex] as Network['arcs'][number];
  delta(state.output[arc.from] as Float64Array, key, -amount);
  run.lastShipped[arcIndex] = month;
  const h = run.history.get(`${arc.route}:${key}`) ?? new Map<number, number>();
  h.set(month, (h.get(month) ?? 0) + amount);
  run.history.set(`${arc.route}:${key}`, h);
  const lead = arc.leadTime + licenceDelay(net, run.dated.policies, month, arcIndex, key);
  if (lead === 0) {
    const into =
      arc.to >= 0 ? (state.input[arc.to] as Float64Array) : (state.market[-1 - arc.to] as Float64Array);
    delta(into, key, amount);
  } else {
    state.transit.push({ arc: arcIndex, arrives: month + lead, key, amount });
  }
  if (arc.international) {
    const from = (net.nodes[arc.from] as Network['nodes'][number]).country;
    const to =
      arc.to >= 0
        ? (net.nodes[arc.to] as Network['nodes'][number]).country
        : (net.markets[-1 - arc.to] as Network['markets'][number]).country;
    recordTrade(run.record, `${arc.stage}:${from}>${to}`, t, amount);
  }
}

/** Demand entry `demand` consumes `amount` t REO of `element` from its market. */
function consume(
  run: Run,
  demand: number,
  element: number,
  amount: number,
  t: number,
  got: readonly Float64Array[],
): void {
  const { net, state } = run;
  const mk = run.demandMarket[demand] as number;
  delta(state.market[mk] as Float64Array, element, -amount);
  delta(state.consumed, element, amount);
  delta(got[demand] as Float64Array, element, amount);
  const stage = (run.demands[demand] as SupplyScenario['demand'][number]).stage;
  recordMet(run.record, demand, t, amount / toReo(stage, net.elements[element] as string));
}

/** A stockpile fills from, or releases into, its market. */
function stockpileFlow(
  run: Run,
  kind: 'fill' | 'release',
  stockpile: number,
  element: number,
  amount: number,
  t: number,
): void {
  const { net, state } = run;
  const sp = run.dated.stockpiles[stockpile] as Stockpile;
  const sign = kind === 'fill' ? 1 : -1;
  delta(state.market[sp.market] as Float64Array, element, -sign * amount);
  delta(state.stockpile[stockpile] as Float64Array, element, sign * amount);
  recordStockpileFlow(
    run.record,
    stockpile,
    kind,
    t,
    amount / toReo(sp.stage, net.elements[element] as string),
  );
}

/** Usable capacity of every node in month t (t per month). */
function capacities(
  net: Network,
  disruptions: readonly Disruption[],
  t: number,
  outage: Int32Array,
  rngs: readonly (() => number)[],
): Float64Array {
  const cap = new Float64Array(net.nodes.length);
  for (const n of net.nodes) {
    if (t < n.start) continue;
    // Replaced by a facility change from `end` on (its successor has the capacity).
    if (t >= n.end) continue;
    const ramp = n.ramp > 0 ? Math.min(1, (t - n.start + 1) / n.ramp) : 1;
    // A ramp goes from `rampBase` (0, or the capacity before a change) to the nameplate.
    const level = n.rampBase + (n.capacity - n.rampBase) * ramp;
    let factor = n.availability;
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
      // A facility's disruption also hits what a facility change made of it.
      const hit =
        n.ids.includes(ev.target) || (ev.target.startsWith('country:') && ev.target.slice(8) === n.country);
      if (hit) factor *= 1 - ev.severity;
    }
    cap[n.index] = level * factor;
  }
  return cap;
}

/** The node that holds `node`'s material in `month`: itself, or what facility changes made of it by then. */
function currentNode(net: Network, node: number, month: number): number {
  let i = node;
  for (let n = net.nodes[i]; n && month >= n.end && n.successor >= 0; n = net.nodes[i]) i = n.successor;
  return i;
}

/** Moves the inventories (and an outage in progress) of every node replaced this month to its successor. */
function handOver(net: Network, state: ChainState, outage: Int32Array, month: number): void {
  for (const n of net.nodes) {
    if (n.end !== month || n.successor < 0) continue;
    outage[n.successor] = outage[n.index] as number;
    outage[n.index] = 0;
    for (const buffers of [state.input, state.output]) {
      const from = buffers[n.index] as Float64Array;
      const to = buffers[n.successor] as Float64Array;
      for (let k = 0; k < from.length; k++) to[k] = (to[k] as number) + (from[k] as number);
      from.fill(0);
    }
  }
}

/**
 * Per stockpile in force and element: the shortfall a month's first solve `x` leaves in the stockpile's
 * market where it is beyond the stockpile's trigger (release limits for a second solve), or undefined when
 * no stockpile is triggered.
 */
function releaseLimits(
  net: Network,
  stockpiles: readonly Stockpile[],
  demandMarket: readonly number[],
  inputs: MonthInputs,
  decisions: readonly Decision[],
  x: Float64Array,
): Float64Array[] | undefined {
  if (inputs.stockpiles.length === 0) return undefined;
  const E = net.elements.length;
  const got = net.markets.map(() => new Float64Array(E));
  decisions.forEach((d, i) => {
    if (d.kind === 'cons') {
      const v = got[demandMarket[d.demand] as number] as Float64Array;
      v[d.element] = (v[d.element] as number) + Math.max(0, x[i] as number);
    }
  });
  let any = false;
  const limits = inputs.stockpiles.map((sp) => {
    const limit = new Float64Array(E);
    const below = (stockpiles[sp.index] as Stockpile).releaseBelow;
    const market = net.markets[sp.market] as Network['markets'][number];
    for (let e = 0; e < E; e++) {
      if (!((sp.held[e] as number) > 0)) continue;
      let asked = 0;
      for (const d of market.demands) asked += (inputs.demand[d] as Float64Array)[e] as number;
      const short = asked - ((got[sp.market] as Float64Array)[e] as number);
      if (short > 1e-9 * asked && short > (1 - below) * asked) {
        limit[e] = short;
        any = true;
      }
    }
    return limit;
  });
  return any ? limits : undefined;
}
