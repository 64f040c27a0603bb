/**
 * The supply chain's state between months: input and output inventories of every facility, market stocks,
 * shipments in transit, and the cumulative amounts (mined, consumed, lost) that the conservation check
 * balances. Origin-tracked stages (concentrate, mixed) hold amounts per origin mine; the others per element.
 */
import { byOrigin, INPUT_STAGES, type Network } from './network.js';

/** A shipment in transit. */
export interface Shipment {
  readonly arc: number;
  readonly arrives: number;
  /** Key: origin index (origin-tracked stages) or element index. */
  readonly key: number;
  readonly amount: number;
}

/** Mutable state of a run (internal). */
export interface ChainState {
  /** Per node: input inventory by key (origins if the node takes origin-tracked material, else elements). */
  readonly input: Float64Array[];
  /** Per node: output inventory by key (origins for mines/concentrators/crackers, elements otherwise). */
  readonly output: Float64Array[];
  /** Per market: stock by element. */
  readonly market: Float64Array[];
  transit: Shipment[];
  /** Per stockpile: held by element. */
  readonly stockpile: Float64Array[];
  /** Cumulative t by element: mined, recovered from scrap by recyclers, put in at the start (stockpiles'
   * initial holdings), consumed by demand, lost in processing. */
  readonly mined: Float64Array;
  readonly recycled: Float64Array;
  readonly added: Float64Array;
  readonly consumed: Float64Array;
  readonly lost: Float64Array;
}

/** Whether a node's input is tracked by origin. */
export function inputByOrigin(net: Network, node: number): boolean {
  const stages = INPUT_STAGES[(net.nodes[node] as Network['nodes'][number]).kind];
  return stages.length > 0 && byOrigin(stages[0] as (typeof stages)[number]);
}

/** Whether a node's output is tracked by origin. */
export function outputByOrigin(net: Network, node: number): boolean {
  return byOrigin((net.nodes[node] as Network['nodes'][number]).output);
}

/** An empty state, with stockpiles holding `initial` (t REO by element each). */
export function emptyState(net: Network, initial: readonly Float64Array[] = []): ChainState {
  const O = net.mixes.length;
  const E = net.elements.length;
  const added = new Float64Array(E);
  for (const v of initial) for (let e = 0; e < E; e++) added[e] = (added[e] as number) + (v[e] as number);
  return {
    stockpile: initial.map((v) => Float64Array.from(v)),
    added,
    input: net.nodes.map((n) => new Float64Array(inputByOrigin(net, n.index) ? O : E)),
    output: net.nodes.map((n) => new Float64Array(outputByOrigin(net, n.index) ? O : E)),
    market: net.markets.map(() => new Float64Array(E)),
    transit: [],
    mined: new Float64Array(E),
    recycled: new Float64Array(E),
    consumed: new Float64Array(E),
    lost: new Float64Array(E),
  };
}

/** Element amounts of an origin-tracked vector (by origin) or an element vector, added into `into`. */
export function addElements(net: Network, origin: boolean, v: Float64Array, into: Float64Array): void {
  if (!origin) {
    for (let e = 0; e < into.length; e++) into[e] = (into[e] as number) + (v[e] as number);
    return;
  }
  for (let o = 0; o < v.length; o++) {
    const x = v[o] as number;
    if (x === 0) continue;
    const mix = net.mixes[o] as Float64Array;
    for (let e = 0; e < into.length; e++) into[e] = (into[e] as number) + x * (mix[e] as number);
  }
}

/**
 * Material balance by element: mined + recycled + initial stockpiles − (inventories + stockpiles + in transit
 * + consumed + lost), relative to what was mined, recycled and put in (max over elements). Zero up to round-off when the model conserves every element.
 */
export function balanceResidual(net: Network, s: ChainState): number {
  const E = net.elements.length;
  const held = new Float64Array(E);
  net.nodes.forEach((n) => {
    addElements(net, inputByOrigin(net, n.index), s.input[n.index] as Float64Array, held);
    addElements(net, outputByOrigin(net, n.index), s.output[n.index] as Float64Array, held);
  });
  for (const m of [...s.market, ...s.stockpile]) addElements(net, false, m, held);
  for (const sh of s.transit) {
    const arc = net.arcs[sh.arc] as Network['arcs'][number];
    const one = new Float64Array(byOrigin(arc.stage) ? net.mixes.length : E);
    one[sh.key] = sh.amount;
    addElements(net, byOrigin(arc.stage), one, held);
  }
  let worst = 0;
  let total = 0;
  const put = (e: number) => (s.mined[e] as number) + (s.recycled[e] as number) + (s.added[e] as number);
  for (let e = 0; e < E; e++) total += put(e);
  for (let e = 0; e < E; e++) {
    const out = (held[e] as number) + (s.consumed[e] as number) + (s.lost[e] as number);
    worst = Math.max(worst, Math.abs(put(e) - out));
  }
  return total > 0 ? worst / total : 0;
}
