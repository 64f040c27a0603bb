/**
 * Monthly simulation of the rare-earth supply chain: each month, capacities (ramp-ups, availability,
 * disruptions, random outages) and policies set the bounds of a linear program (`monthLp.ts`) that
 * allocates production, processing, trade and consumption; its solution moves material, shipments in
 * transit arrive after their lead times, and the conservation of every element is checked.
 */
import seedrandom from 'seedrandom';
import { fail } from '../core/errors.js';
import { integer, isRecord, knownKeys, optional } from '../core/validate.js';
import { type InventoryBreakdown, type MonthlySeries, type SupplyYear, summariseYears } from './annual.js';
import { monthIndex, monthLabel } from './calendar.js';
import { loadLpSolver } from './lp.js';
import { buildMonthLp, type Decision, type MonthInputs, originRecovery, reachability } from './monthLp.js';
import { MAGNET_CHAIN_ELEMENTS, type Network, resolveNetwork } from './network.js';
import {
  type Disruption,
  datedInputs,
  growthFactor,
  licenceDelay,
  policyBounds,
  type Stockpile,
  toReo,
} from './policies.js';
import {
  addElements,
  balanceResidual,
  type ChainState,
  emptyState,
  inputByOrigin,
  outputByOrigin,
} from './state.js';
import type { FacilityKind, Stage, SupplyScenario } from './types.js';
import { networkWarnings, type SupplyWarning } from './warnings.js';

/** Options of {@link simulateSupplyChain}. */
export interface SupplyRunOptions {
  /** First month, 'YYYY-MM'. */
  readonly start: string;
  /** Number of months (1 to 600). */
  readonly months: number;
  /**
   * Months run before `start` and left out of the result (0 to 120, default {@link WARM_UP_MONTHS}): the
   * stages fill with material and the trade routes with shipments, so the first reported months are not a
   * pipeline filling from empty. Everything dated in those months (policies, events, facility starts) applies
   * as it would in the reported months; the balance residual and the LP counts cover them too.
   */
  readonly warmUpMonths?: number;
  /** Seed of the random outages (default 'reesim'; a number is used as its decimal text, so a Monte Carlo
   * study can draw it). */
  readonly seed?: string | number;
}

/** Per-month series by country for one stage, t REO per month. */
export type CountrySeries = Readonly<Record<string, readonly number[]>>;

/** Result of {@link simulateSupplyChain}: the monthly series ({@link MonthlySeries}) and the rest. */
export interface SupplyChainResult extends MonthlySeries {
  readonly scenario: string;
  /** Each country's share of separated (oxide) output per month (0 when nothing is separated). */
  readonly separatedShare: CountrySeries;
  /** Each stockpile: held at each month's end, filled and released during the month (its stage's unit). */
  readonly stockpiles: readonly (MonthlySeries['stockpiles'][number] & {
    readonly country: string;
    readonly stage: Stage;
  })[];
  /** The same by calendar year (keyed '2030'; a year the run covers in part sums the months it has). */
  readonly years: Readonly<Record<string, SupplyYear>>;
  /** Evidence: the largest monthly conservation residual (relative to all mined) and LP outcomes. */
  readonly balanceResidual: number;
  readonly lp: { readonly solves: number; readonly notOptimal: number };
  /** Months run before `start` and left out of the series (the LP counts and the balance include them). */
  readonly warmUpMonths: number;
  /**
   * Parts of the scenario that can do nothing (a facility no route feeds or none of whose output reaches a
   * demand, a facility without capacity, a demand nothing reaches, a policy that touches no route): see
   * {@link supplyWarnings}. Empty when every part can act.
   */
  readonly warnings: readonly SupplyWarning[];
}

const FN = 'simulateSupplyChain';

/**
 * Default months run before a supply-chain run's first reported month (see `warmUpMonths`): enough for
 * material to pass mine, cracking, separation, metal and magnet stages and two-month trade routes, and for
 * the slowest plant of the baseline to fill (measured: the world's output reaches its level within ~3
 * months from empty, the EU's magnet makers start in the 11th month, once Japan's metal market holds its
 * pipeline; the monthly LP does not look ahead).
 */
export const WARM_UP_MONTHS = 12;

/** Months a route counts as in use after its last shipment (for a market's pipeline target; assumed). */
const RECENT_MONTHS = 3;

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
  knownKeys(`${FN}.options`, options, ['start', 'months', 'seed', 'warmUpMonths']);
  const start = monthIndex(`${FN}.options.start`, options.start);
  const months = integer(`${FN}.options.months`, options.months, 1);
  if (months > 600) fail('OUT_OF_RANGE', `${FN}.options.months`, months, 'at most 600 months');
  const warmUp = optional(options.warmUpMonths, WARM_UP_MONTHS, (v) => {
    const w = integer(`${FN}.options.warmUpMonths`, v, 0);
    if (w > 120) fail('OUT_OF_RANGE', `${FN}.options.warmUpMonths`, w, 'at most 120 months');
    return w;
  });
  // The months simulated: the warm-up, then the reported ones.
  const first = start - warmUp;
  const steps = warmUp + months;
  const seed = optional(options.seed, 'reesim', (v) => {
    if (typeof v === 'string' || (typeof v === 'number' && Number.isFinite(v))) return String(v);
    return fail('INVALID_TYPE', `${FN}.options.seed`, v, 'a string or a finite number');
  });
  const { policies, disruptions, growth, stockpiles } = datedInputs(scenario, net);
  const solver = await loadLpSolver();
  const reach = reachability(net);
  const state = emptyState(
    net,
    stockpiles.map((sp) => sp.initial),
  );
  const E = net.elements.length;
  const outage = new Int32Array(net.nodes.length);
  // One outage stream per facility line: a facility change continues its predecessor's draws.
  const streams = new Map<number, () => number>();
  const rngs = net.nodes.map((n) => {
    let next = streams.get(n.root);
    if (!next) {
      const r = seedrandom.alea(`${seed}:${(net.nodes[n.root] as Network['nodes'][number]).facility.id}`);
      next = () => r();
      streams.set(n.root, next);
    }
    return next;
  });
  const demands = scenario.demand ?? [];
  const demandMarket = demands.map((d) =>
    net.markets.findIndex((mk) => mk.country === d.country && mk.stage === d.stage),
  );
  const startYear = Math.floor(start / 12);

  const series = () =>
    Object.fromEntries(Object.keys(scenario.countries).map((c) => [c, new Array<number>(steps).fill(0)]));
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
          Object.fromEntries(MAGNET_CHAIN_ELEMENTS.map((e) => [e, new Array<number>(steps).fill(0)])),
        ]),
      ),
    ]),
  ) as Record<Stage, Record<string, Record<string, number[]>>>;
  const trade: Record<string, number[]> = {};
  const demandOut = demands.map((d) => ({
    id: d.id,
    country: d.country,
    sector: d.sector,
    demanded: new Array<number>(steps).fill(0),
    met: new Array<number>(steps).fill(0),
    shortfall: Object.fromEntries(Object.keys(d.elements).map((e) => [e, new Array<number>(steps).fill(0)])),
  }));
  const separatedShare = series();
  const recycled = series();
  const inventory = new Array<number>(steps).fill(0);
  const inventoryDetail: InventoryBreakdown[] = new Array(steps);
  // Elements no demand entry asks for: what is held of them is surplus.
  const unwanted = Uint8Array.from(net.elements, (e) =>
    demands.some((d) => (d.elements[e] ?? 0) > 0) ? 0 : 1,
  );
  const inTransit = new Array<number>(steps).fill(0);
  const stockpileOut = stockpiles.map((sp) => ({
    id: sp.id,
    country: (net.markets[sp.market] as Network['markets'][number]).country,
    stage: sp.stage,
    held: new Array<number>(steps).fill(0),
    filled: new Array<number>(steps).fill(0),
    released: new Array<number>(steps).fill(0),
  }));
  let worstBalance = 0;
  let notOptimal = 0;
  let solves = 0;
  // Monthly shipments by arc and key, for export licences that approve a share of the earlier flow.
  const history = new Map<string, Map<number, number>>();
  // The last month each arc carried anything (a market's recent routes set its pipeline target).
  const lastShipped = new Float64Array(net.arcs.length).fill(Number.NEGATIVE_INFINITY);

  const bump = (stage: Stage, country: string, t: number, amount: number) => {
    const row = production[stage][country];
    if (row) row[t] = (row[t] as number) + amount;
  };
  const bumpElements = (stage: Stage, country: string, t: number, byElement: Float64Array) => {
    const row = elementProduction[stage][country];
    if (!row) return;
    for (const e of MAGNET_CHAIN_ELEMENTS) {
      const i = net.elements.indexOf(e);
      const r = row[e] as number[];
      r[t] = (r[t] as number) + (byElement[i] as number);
    }
  };

  for (let t = 0; t < steps; t++) {
    const month = first + t;
    // Arrivals.
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
    handOver(net, state, outage, month);
    const scheduledNode = state.input.map((v) => new Float64Array(v.length));
    const scheduledMarket = net.markets.map(() => new Float64Array(E));
    for (const sh of state.transit) {
      const arc = net.arcs[sh.arc] as Network['arcs'][number];
      if (arc.to >= 0) {
        const v = scheduledNode[arc.to] as Float64Array;
        v[sh.key] = (v[sh.key] as number) + sh.amount;
      } else {
        const v = scheduledMarket[-1 - arc.to] as Float64Array;
        v[sh.key] = (v[sh.key] as number) + sh.amount;
      }
    }
    // Demand in t REO equivalent (metal and magnet demand is given as t of RE metal).
    const demandNow = demands.map((d, i) => {
      // Growth counts from the middle of the stated year, so that year's months add up to `elements`.
      const f = growthFactor((d.year ?? startYear) * 12 + 5.5, d.growth ?? 0, growth[i] ?? [], month);
      return Float64Array.from(net.elements, (e) => ((d.elements[e] ?? 0) * f * toReo(d.stage, e)) / 12);
    });
    const inputs: MonthInputs = {
      capacity: capacities(net, disruptions, month, outage, rngs),
      demand: demandNow,
      priority: demands.map((d) => d.priority ?? 1),
      demandMarket,
      arcBound: policyBounds(net, policies, month, history, first),
      arcLead: (arc, key) =>
        (net.arcs[arc] as Network['arcs'][number]).leadTime + licenceDelay(net, policies, month, arc, key),
      arcRecent: (arc) => month - (lastShipped[arc] as number) <= RECENT_MONTHS,
      scheduledNode,
      scheduledMarket,
      stockpiles: stockpiles.flatMap((sp, index) => {
        // Stockpiles neither fill nor release in the warm-up: they hold their `initial` at `start`.
        if (month < start || month < sp.from || month > sp.to) return [];
        const held = state.stockpile[index] as Float64Array;
        const room = Float64Array.from(sp.capacity, (c, e) => Math.max(0, c - (held[e] as number)));
        return [{ index, market: sp.market, held, room, release: new Float64Array(E) }];
      }),
    };
    let { lp, decisions } = buildMonthLp(net, reach, state, inputs);
    let sol = solver.solve(lp);
    // Stockpiles release only into the shortfall their market would have without them: a second solve
    // when the first leaves a stockpile's market short of an element it holds.
    const release =
      sol.status === 'optimal'
        ? releaseLimits(net, stockpiles, demandMarket, inputs, decisions, sol.values)
        : undefined;
    if (release) {
      const again = {
        ...inputs,
        stockpiles: inputs.stockpiles.map((sp, i) => ({ ...sp, release: release[i] as Float64Array })),
      };
      ({ lp, decisions } = buildMonthLp(net, reach, state, again));
      sol = solver.solve(lp);
      solves++;
    }
    solves++;
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
      if (d.kind === 'prod' && net.nodes[d.node]?.kind === 'recycling') {
        // Recovered oxide enters by element at the recycler's mix; it is not separated output.
        const n = net.nodes[d.node] as Network['nodes'][number];
        const mix = net.mixes[n.origin] as Float64Array;
        for (let e = 0; e < E; e++) {
          delta(state.output[d.node] as Float64Array, e, amount * (mix[e] as number));
          delta(state.recycled, e, amount * (mix[e] as number));
        }
        const row = recycled[n.country];
        if (row) row[t] = (row[t] as number) + amount;
      } else if (d.kind === 'prod') {
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
        lastShipped[d.arc] = month;
        const route = (net.arcs[d.arc] as Network['arcs'][number]).route;
        const h = history.get(`${route}:${d.key}`) ?? new Map<number, number>();
        h.set(month, (h.get(month) ?? 0) + amount);
        history.set(`${route}:${d.key}`, h);
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
          const row = trade[key] ?? new Array<number>(steps).fill(0);
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
      } else if (d.kind === 'fill' || d.kind === 'release') {
        const sp = stockpiles[d.stockpile] as (typeof stockpiles)[number];
        const sign = d.kind === 'fill' ? 1 : -1;
        delta(state.market[sp.market] as Float64Array, d.element, -sign * amount);
        delta(state.stockpile[d.stockpile] as Float64Array, d.element, sign * amount);
        const row = (stockpileOut[d.stockpile] as (typeof stockpileOut)[number])[
          d.kind === 'fill' ? 'filled' : 'released'
        ];
        row[t] = (row[t] as number) + amount / toReo(sp.stage, net.elements[d.element] as string);
      }
    });
    // Clamp round-off negatives (the LP keeps every inventory >= 0 up to its tolerance).
    for (const v of [...state.input, ...state.output, ...state.market, ...state.stockpile]) {
      for (let k = 0; k < v.length; k++) if ((v[k] as number) < 0) v[k] = 0;
    }
    demands.forEach((d, i) => {
      const out = demandOut[i];
      if (!out) return;
      const asked = demandNow[i] as Float64Array;
      out.demanded[t] = stageTotal(net, d.stage, asked);
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
    const breakdown = inventoryBreakdown(net, state, unwanted);
    inventoryDetail[t] = breakdown;
    inventory[t] = Object.values(breakdown.byStage).reduce((a, b) => a + b, 0);
    inTransit[t] = state.transit.reduce((a, sh) => a + sh.amount, 0);
    stockpiles.forEach((sp, i) => {
      (stockpileOut[i] as (typeof stockpileOut)[number]).held[t] = stageTotal(
        net,
        sp.stage,
        state.stockpile[i] as Float64Array,
      );
    });
    worstBalance = Math.max(worstBalance, balanceResidual(net, state));
  }
  // The reported months: the warm-up's are dropped from every series.
  const cut = <T>(v: readonly T[]): T[] => v.slice(warmUp);
  const cutTree = <T extends object>(tree: T): T =>
    Object.fromEntries(
      Object.entries(tree).map(([k, v]) => [k, Array.isArray(v) ? cut(v) : cutTree(v as object)]),
    ) as T;
  const monthly = {
    scenario: scenario.name,
    months: Array.from({ length: months }, (_, t) => monthLabel(start + t)),
    production: cutTree(production),
    elementProduction: cutTree(elementProduction),
    trade: cutTree(trade),
    demand: demandOut.map((d) => ({
      ...d,
      demanded: cut(d.demanded),
      met: cut(d.met),
      shortfall: cutTree(d.shortfall),
    })),
    separatedShare: cutTree(separatedShare),
    recycled: cutTree(recycled),
    inventory: cut(inventory),
    inTransit: cut(inTransit),
    inventoryBreakdown: cut(inventoryDetail),
    stockpiles: stockpileOut.map((sp) => ({
      ...sp,
      held: cut(sp.held),
      filled: cut(sp.filled),
      released: cut(sp.released),
    })),
  };
  return {
    ...monthly,
    years: summariseYears(monthly),
    balanceResidual: worstBalance,
    lp: { solves, notOptimal },
    warmUpMonths: warmUp,
    warnings: networkWarnings(scenario, net),
  };
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

/** The stage a facility's input buffer holds (the first it takes; crackers and concentrators: concentrate). */
const INPUT_BUFFER_STAGE: Readonly<Record<FacilityKind, Stage>> = {
  mine: 'concentrate',
  concentrator: 'concentrate',
  cracking: 'concentrate',
  separation: 'mixed',
  metal: 'oxide',
  magnet: 'metal',
  recycling: 'oxide',
};

/** What the facility and market inventories hold, t REO, by stage, country and element (see the type). */
function inventoryBreakdown(net: Network, state: ChainState, unwanted: Uint8Array): InventoryBreakdown {
  const E = net.elements.length;
  const byStage: Record<Stage, number> = { concentrate: 0, mixed: 0, oxide: 0, metal: 0, magnet: 0 };
  const byCountry: Record<string, number> = {};
  const byElement = new Float64Array(E);
  const surplusByCountry: Record<string, number> = {};
  const v = new Float64Array(E);
  const add = (stage: Stage, country: string, origin: boolean, amounts: Float64Array) => {
    v.fill(0);
    addElements(net, origin, amounts, v);
    let sum = 0;
    let spare = 0;
    for (let e = 0; e < E; e++) {
      const x = v[e] as number;
      sum += x;
      byElement[e] = (byElement[e] as number) + x;
      if (unwanted[e]) spare += x;
    }
    byStage[stage] += sum;
    byCountry[country] = (byCountry[country] ?? 0) + sum;
    surplusByCountry[country] = (surplusByCountry[country] ?? 0) + spare;
  };
  net.nodes.forEach((n) => {
    const i = n.index;
    add(INPUT_BUFFER_STAGE[n.kind], n.country, inputByOrigin(net, i), state.input[i] as Float64Array);
    add(n.output, n.country, outputByOrigin(net, i), state.output[i] as Float64Array);
  });
  net.markets.forEach((m, k) => {
    add(m.stage, m.country, false, state.market[k] as Float64Array);
  });
  const elements = (keep: (e: number) => boolean) =>
    Object.fromEntries(
      net.elements.flatMap((name, e) =>
        keep(e) && (byElement[e] as number) > 0 ? [[name, byElement[e] as number]] : [],
      ),
    );
  return {
    byStage,
    byCountry,
    byElement: elements(() => true),
    surplus: { byElement: elements((e) => unwanted[e] === 1), byCountry: surplusByCountry },
  };
}

/** Total of t REO amounts by element, in the stage's reporting unit (t REO; t of RE metal for metal and magnets). */
function stageTotal(net: Network, stage: Stage, byElement: Float64Array): number {
  return net.elements.reduce((a, e, i) => a + (byElement[i] as number) / toReo(stage, e), 0);
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
