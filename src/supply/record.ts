/**
 * What a supply-chain run records month by month: output by stage, country and element, trade, demand met
 * and short, separated shares, recycled oxide, inventories (with their breakdown), shipments in transit and
 * stockpiles. Series hold every simulated month, the warm-up's included; {@link reportedSeries} cuts them to
 * the reported months.
 */
import type { InventoryBreakdown, MonthlySeries } from './annual.js';
import { MAGNET_CHAIN_ELEMENTS, type Network } from './network.js';
import type { Stockpile } from './policy/registry.js';
import { toReo } from './reo.js';
import { addElements, type ChainState, inputByOrigin, outputByOrigin } from './state.js';
import type { FacilityKind, Stage, SupplyScenario } from './types.js';

export const STAGES: readonly Stage[] = ['concentrate', 'mixed', 'oxide', 'metal', 'magnet'];

/** One demand entry's series: asked and got in its stage's unit, and the shortfall by element. */
interface DemandRecord {
  readonly id: string;
  readonly country: string;
  readonly sector: string;
  readonly demanded: number[];
  readonly met: number[];
  readonly shortfall: Record<string, number[]>;
}

/** One stockpile's series, in its stage's unit. */
interface StockpileRecord {
  readonly id: string;
  readonly country: string;
  readonly stage: Stage;
  readonly held: number[];
  readonly filled: number[];
  readonly released: number[];
}

/** The series of a run, one entry per simulated month (warm-up included). */
export interface RunRecord {
  readonly production: Record<Stage, Record<string, number[]>>;
  readonly elementProduction: Record<Stage, Record<string, Record<string, number[]>>>;
  readonly trade: Record<string, number[]>;
  readonly demand: DemandRecord[];
  readonly separatedShare: Record<string, number[]>;
  readonly recycled: Record<string, number[]>;
  readonly inventory: number[];
  readonly inTransit: number[];
  readonly inventoryBreakdown: InventoryBreakdown[];
  readonly stockpiles: StockpileRecord[];
  /** Per element index: 1 when no demand entry asks for it (what is held of it is surplus). */
  readonly unwanted: Uint8Array;
  /** The network's index of each magnet-chain element (`elementProduction` keeps those). */
  readonly magnetIndex: readonly number[];
  readonly steps: number;
}

/** Empty series for `steps` months of `scenario`'s countries, demands and stockpiles. */
export function emptyRecord(
  scenario: SupplyScenario,
  net: Network,
  stockpiles: readonly Stockpile[],
  steps: number,
): RunRecord {
  const zeros = () => new Array<number>(steps).fill(0);
  const countries = Object.keys(scenario.countries);
  const series = () => Object.fromEntries(countries.map((c) => [c, zeros()]));
  const demands = scenario.demand ?? [];
  return {
    production: Object.fromEntries(STAGES.map((s) => [s, series()])) as RunRecord['production'],
    elementProduction: Object.fromEntries(
      STAGES.map((s) => [
        s,
        Object.fromEntries(
          countries.map((c) => [c, Object.fromEntries(MAGNET_CHAIN_ELEMENTS.map((e) => [e, zeros()]))]),
        ),
      ]),
    ) as RunRecord['elementProduction'],
    trade: {},
    demand: demands.map((d) => ({
      id: d.id,
      country: d.country,
      sector: d.sector,
      demanded: zeros(),
      met: zeros(),
      shortfall: Object.fromEntries(Object.keys(d.elements).map((e) => [e, zeros()])),
    })),
    separatedShare: series(),
    recycled: series(),
    inventory: zeros(),
    inTransit: zeros(),
    inventoryBreakdown: new Array(steps),
    stockpiles: stockpiles.map((sp) => ({
      id: sp.id,
      country: (net.markets[sp.market] as Network['markets'][number]).country,
      stage: sp.stage,
      held: zeros(),
      filled: zeros(),
      released: zeros(),
    })),
    unwanted: Uint8Array.from(net.elements, (e) => (demands.some((d) => (d.elements[e] ?? 0) > 0) ? 0 : 1)),
    magnetIndex: MAGNET_CHAIN_ELEMENTS.map((e) => net.elements.indexOf(e)),
    steps,
  };
}

function add(row: number[] | undefined, t: number, amount: number): void {
  if (row) row[t] = (row[t] as number) + amount;
}

/**
 * Books output of `stage` in `country` in month `t`: `total` in the stage's unit, and by element
 * (`byElement`, the same unit, indexed like the network's elements) for the magnet chain's elements.
 */
export function recordOutput(
  rec: RunRecord,
  stage: Stage,
  country: string,
  t: number,
  total: number,
  byElement: Float64Array,
): void {
  add(rec.production[stage][country], t, total);
  const row = rec.elementProduction[stage][country];
  if (!row) return;
  MAGNET_CHAIN_ELEMENTS.forEach((e, k) => {
    add(row[e], t, byElement[rec.magnetIndex[k] as number] as number);
  });
}

/** Books `amount` t of oxide recovered from scrap in `country` in month `t`. */
export function recordRecycled(rec: RunRecord, country: string, t: number, amount: number): void {
  add(rec.recycled[country], t, amount);
}

/** Books an international shipment of `amount` under `key` ('stage:exporter>importer') in month `t`. */
export function recordTrade(rec: RunRecord, key: string, t: number, amount: number): void {
  const row = rec.trade[key] ?? new Array<number>(rec.steps).fill(0);
  row[t] = (row[t] as number) + amount;
  rec.trade[key] = row;
}

/** Books `amount` (the demand's stage unit) consumed by demand entry `demand` in month `t`. */
export function recordMet(rec: RunRecord, demand: number, t: number, amount: number): void {
  add(rec.demand[demand]?.met, t, amount);
}

/** Books a stockpile's fill or release (its stage's unit) in month `t`. */
export function recordStockpileFlow(
  rec: RunRecord,
  stockpile: number,
  kind: 'fill' | 'release',
  t: number,
  amount: number,
): void {
  const sp = rec.stockpiles[stockpile] as StockpileRecord;
  add(kind === 'fill' ? sp.filled : sp.released, t, amount);
}

/** What the month ends with, recorded after its decisions are applied. */
export interface MonthEnd {
  /** Demand asked this month, t REO by element, per demand entry. */
  readonly asked: readonly Float64Array[];
  /** Demand got this month, t REO by element, per demand entry. */
  readonly got: readonly Float64Array[];
  /** Separated oxide this month by country, t REO. */
  readonly oxideByCountry: Readonly<Record<string, number>>;
}

/**
 * Records the end of month `t`: demand asked and short, the separated shares, the inventories and their
 * breakdown, shipments in transit and stockpile holdings.
 */
export function recordMonthEnd(
  rec: RunRecord,
  scenario: SupplyScenario,
  net: Network,
  state: ChainState,
  stockpiles: readonly Stockpile[],
  t: number,
  end: MonthEnd,
): void {
  (scenario.demand ?? []).forEach((d, i) => {
    const out = rec.demand[i];
    if (!out) return;
    const asked = end.asked[i] as Float64Array;
    out.demanded[t] = stageTotal(net, d.stage, asked);
    for (const e of Object.keys(d.elements)) {
      const ei = net.elements.indexOf(e);
      const taken = (end.got[i] as Float64Array)[ei] as number;
      (out.shortfall[e] as number[])[t] = Math.max(0, (asked[ei] as number) - taken) / toReo(d.stage, e);
    }
  });
  const oxideTotal = Object.values(end.oxideByCountry).reduce((a, b) => a + b, 0);
  for (const c of Object.keys(scenario.countries)) {
    (rec.separatedShare[c] as number[])[t] = oxideTotal > 0 ? (end.oxideByCountry[c] ?? 0) / oxideTotal : 0;
  }
  const breakdown = inventoryBreakdown(net, state, rec.unwanted);
  rec.inventoryBreakdown[t] = breakdown;
  rec.inventory[t] = Object.values(breakdown.byStage).reduce((a, b) => a + b, 0);
  rec.inTransit[t] = state.transit.reduce((a, sh) => a + sh.amount, 0);
  stockpiles.forEach((sp, i) => {
    (rec.stockpiles[i] as StockpileRecord).held[t] = stageTotal(
      net,
      sp.stage,
      state.stockpile[i] as Float64Array,
    );
  });
}

/** The reported months' series of a run (what `SupplyChainResult` carries besides its summaries). */
export interface ReportedSeries extends MonthlySeries {
  readonly scenario: string;
  readonly separatedShare: Readonly<Record<string, readonly number[]>>;
  readonly recycled: Readonly<Record<string, readonly number[]>>;
  readonly stockpiles: readonly (MonthlySeries['stockpiles'][number] & {
    readonly country: string;
    readonly stage: Stage;
  })[];
}

/** The series of the reported months: the first `warmUp` months are dropped from every series. */
export function reportedSeries(
  rec: RunRecord,
  scenario: string,
  months: readonly string[],
  warmUp: number,
): ReportedSeries {
  const cut = <T>(v: readonly T[]): T[] => v.slice(warmUp);
  const cutTree = <T extends object>(tree: T): T =>
    Object.fromEntries(
      Object.entries(tree).map(([k, v]) => [k, Array.isArray(v) ? cut(v) : cutTree(v as object)]),
    ) as T;
  return {
    scenario,
    months: [...months],
    production: cutTree(rec.production),
    elementProduction: cutTree(rec.elementProduction),
    trade: cutTree(rec.trade),
    demand: rec.demand.map((d) => ({
      ...d,
      demanded: cut(d.demanded),
      met: cut(d.met),
      shortfall: cutTree(d.shortfall),
    })),
    separatedShare: cutTree(rec.separatedShare),
    recycled: cutTree(rec.recycled),
    inventory: cut(rec.inventory),
    inTransit: cut(rec.inTransit),
    inventoryBreakdown: cut(rec.inventoryBreakdown),
    stockpiles: rec.stockpiles.map((sp) => ({
      ...sp,
      held: cut(sp.held),
      filled: cut(sp.filled),
      released: cut(sp.released),
    })),
  };
}

/** Total of t REO amounts by element, in the stage's reporting unit (t REO; t of RE metal for metal and magnets). */
export function stageTotal(net: Network, stage: Stage, byElement: Float64Array): number {
  return net.elements.reduce((a, e, i) => a + (byElement[i] as number) / toReo(stage, e), 0);
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
  const hold = (stage: Stage, country: string, origin: boolean, amounts: Float64Array) => {
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
    hold(INPUT_BUFFER_STAGE[n.kind], n.country, inputByOrigin(net, i), state.input[i] as Float64Array);
    hold(n.output, n.country, outputByOrigin(net, i), state.output[i] as Float64Array);
  });
  net.markets.forEach((m, k) => {
    hold(m.stage, m.country, false, state.market[k] as Float64Array);
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
