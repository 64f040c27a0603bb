/**
 * Monthly simulation of the rare-earth supply chain: each month, capacities (ramp-ups, availability,
 * disruptions, random outages) and policies set the bounds of a linear program (`monthLp.ts`) that
 * allocates production, processing, trade and consumption; its solution moves material, shipments in
 * transit arrive after their lead times, and the conservation of every element is checked.
 */
import seedrandom from 'seedrandom';
import { fail } from '../core/errors.js';
import { integer, isRecord, knownKeys, optional } from '../core/validate.js';
import { type SupplyYear, summariseYears } from './annual.js';
import { monthIndex, monthLabel } from './calendar.js';
import { loadLpSolver } from './lp.js';
import { applyDecisions, arrivals, monthInputs, type Run, solveMonth } from './month.js';
import { reachability } from './monthLp.js';
import { type Network, resolveNetwork } from './network.js';
import { datedInputs } from './policies.js';
import { emptyRecord, type ReportedSeries, recordMonthEnd, reportedSeries } from './record.js';
import { balanceResidual, emptyState } from './state.js';
import type { SupplyScenario } from './types.js';
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
/** Callbacks of {@link simulateSupplyChain}. */
export interface SupplyRunHooks {
  /** After each simulated month (warm-up included): months done and months in all. */
  readonly onProgress?: (done: number, total: number) => void;
}

export type CountrySeries = Readonly<Record<string, readonly number[]>>;

/**
 * Result of {@link simulateSupplyChain}: the monthly series
 * ({@link "reesim/supply"!MonthlySeries | MonthlySeries}) and the rest.
 */
export interface SupplyChainResult extends ReportedSeries {
  /** Each country's share of separated (oxide) output per month (0 when nothing is separated). */
  readonly separatedShare: CountrySeries;
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
   * {@link "reesim/supply"!supplyWarnings | supplyWarnings}. Empty when every part can act.
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

/**
 * Simulates the supply chain month by month (see the module notes and DESIGN.md). `hooks.onProgress`
 * is called after each simulated month (the CLI draws it as a progress bar for long runs).
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
  hooks: SupplyRunHooks = {},
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
  const dated = datedInputs(scenario, net);
  const solver = await loadLpSolver();
  const reach = reachability(net);
  const state = emptyState(
    net,
    dated.stockpiles.map((sp) => sp.initial),
  );
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
  const run: Run = {
    scenario,
    net,
    reach,
    dated,
    state,
    demands,
    demandMarket: demands.map((d) =>
      net.markets.findIndex((mk) => mk.country === d.country && mk.stage === d.stage),
    ),
    outage,
    rngs,
    history: new Map(),
    lastShipped: new Float64Array(net.arcs.length).fill(Number.NEGATIVE_INFINITY),
    first,
    start,
    startYear: Math.floor(start / 12),
    record: emptyRecord(scenario, net, dated.stockpiles, steps),
    solves: 0,
    notOptimal: 0,
  };
  let worstBalance = 0;
  for (let t = 0; t < steps; t++) {
    const month = first + t;
    arrivals(run, month);
    const inputs = monthInputs(run, month);
    const { decisions, x } = solveMonth(run, solver, inputs);
    const end = applyDecisions(run, decisions, x, inputs, t, month);
    recordMonthEnd(run.record, scenario, net, state, dated.stockpiles, t, end);
    worstBalance = Math.max(worstBalance, balanceResidual(net, state));
    hooks.onProgress?.(t + 1, steps);
  }
  const labels = Array.from({ length: months }, (_, t) => monthLabel(start + t));
  const monthly = reportedSeries(run.record, scenario.name, labels, warmUp);
  return {
    ...monthly,
    years: summariseYears(monthly),
    balanceResidual: worstBalance,
    lp: { solves: run.solves, notOptimal: run.notOptimal },
    warmUpMonths: warmUp,
    warnings: networkWarnings(scenario, net, dated.policies),
  };
}
