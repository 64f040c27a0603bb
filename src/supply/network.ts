/**
 * A scenario resolved into the indexed network the monthly LPs work on: facilities with their input and
 * output stages, origins (mines, each with a fixed element mix), arcs (links expanded from countries to
 * facilities and markets) and markets (a country's demand at a stage). Validates the scenario on the way.
 */
import { RARE_EARTHS } from '../chemistry/elements.js';
import { fail } from '../core/errors.js';
import { fraction, isRecord, nonNegative, optional, record } from '../core/validate.js';
import { depositDistribution } from '../data/deposits.js';
import { monthIndex } from './calendar.js';
import type { Facility, FacilityKind, Stage, SupplyScenario } from './types.js';

/** Output stage of each facility kind. */
export const OUTPUT_STAGE: Readonly<Record<FacilityKind, Stage>> = {
  mine: 'concentrate',
  concentrator: 'concentrate',
  cracking: 'mixed',
  separation: 'oxide',
  metal: 'metal',
  magnet: 'magnet',
  recycling: 'oxide',
};

/**
 * Whether a facility kind brings material into the chain: mines (ore) and recyclers (scrap from outside the
 * modelled chain). Sources have no input stage and a fixed element mix; what they put in is what the
 * conservation check balances against.
 */
export function isSource(kind: FacilityKind): boolean {
  return kind === 'mine' || kind === 'recycling';
}

/**
 * The rare earths of sintered NdFeB magnets: NdPr with Dy and Tb for coercivity. The baseline's metal and
 * magnet plants take only these (the magnet chain is the only metal demand it models; La, Ce and other
 * metals and their markets are not in it), and results report these by element.
 */
export const MAGNET_CHAIN_ELEMENTS: readonly string[] = ['Nd', 'Pr', 'Dy', 'Tb'];

/** Input stages each kind accepts (mines have none; a separation plant may crack concentrate itself). */
export const INPUT_STAGES: Readonly<Record<FacilityKind, readonly Stage[]>> = {
  mine: [],
  concentrator: ['concentrate'],
  cracking: ['concentrate'],
  separation: ['mixed', 'concentrate'],
  metal: ['oxide'],
  magnet: ['metal'],
  recycling: [],
};

/** Stages whose material is tracked by origin mine (unseparated); the rest by element. */
export function byOrigin(stage: Stage): boolean {
  return stage === 'concentrate' || stage === 'mixed';
}

/** A resolved facility. */
export interface Node {
  readonly index: number;
  readonly facility: Facility;
  readonly kind: FacilityKind;
  readonly country: string;
  readonly output: Stage;
  /** Nameplate, t per month. */
  readonly capacity: number;
  readonly start: number;
  readonly ramp: number;
  readonly availability: number;
  /** Recovery per element (index of `elements`). */
  readonly recovery: Float64Array;
  /** Separation: which elements it separates (1) or sends to residue (0). */
  readonly separates: Uint8Array;
  readonly cost: number;
  /** Origin index (its row of `mixes`), for mines and recyclers; −1 for the others. */
  readonly origin: number;
}

/** An arc between two nodes, or from a node to a market (`to` = −1 − market index). */
export interface Arc {
  readonly index: number;
  readonly from: number;
  readonly to: number;
  readonly stage: Stage;
  readonly leadTime: number;
  /** t per month (Infinity: unlimited). */
  readonly capacity: number;
  readonly cost: number;
  readonly international: boolean;
}

/** A country's demand at a stage. */
export interface Market {
  readonly index: number;
  readonly country: string;
  readonly stage: Stage;
  /** Demand entries (indices into scenario.demand) this market serves. */
  readonly demands: number[];
}

/** The resolved network. */
export interface Network {
  readonly elements: readonly string[];
  readonly nodes: readonly Node[];
  /** Origin mixes (mines and recyclers): origins × elements, each row summing to 1. */
  readonly mixes: readonly Float64Array[];
  readonly originNames: readonly string[];
  readonly arcs: readonly Arc[];
  readonly markets: readonly Market[];
}

const FN = 'supplyChain';

function mixOf(path: string, f: Facility, elements: readonly string[]): Float64Array {
  const m = f.mix;
  let fractions: Record<string, number>;
  if (m === undefined) fail('MISSING', `${path}.mix`, undefined, 'an element mix or { deposit }');
  if (isRecord(m) && typeof m.deposit === 'string') fractions = depositDistribution(m.deposit);
  else {
    const r = record(`${path}.mix`, m, 'fractions by element');
    fractions = {};
    for (const [e, v] of Object.entries(r)) {
      // A fraction of an element the chain does not track would count in the total and then vanish.
      if (!elements.includes(e)) fail('UNKNOWN_KEY', `${path}.mix.${e}`, e, `one of ${elements.join(', ')}`);
      fractions[e] = nonNegative(`${path}.mix.${e}`, v);
    }
  }
  const total = Object.values(fractions).reduce((a, b) => a + b, 0);
  if (!(total > 0)) fail('OUT_OF_RANGE', `${path}.mix`, m, 'a mix with a positive total');
  return Float64Array.from(elements, (e) => (fractions[e] ?? 0) / total);
}

function capacityOf(path: string, c: Facility['capacity']): number {
  const v = typeof c === 'number' ? c : isRecord(c) ? c.value : undefined;
  const x = nonNegative(`${path}.capacity`, v);
  if (x > 1e9) fail('OUT_OF_RANGE', `${path}.capacity`, x, 't per year in [0, 1e9]');
  return x;
}

/**
 * Resolves and checks a scenario's network (facilities added by events are included; they start at the
 * event's facility start).
 *
 * @throws ReesimError naming the first bad field
 */
export function resolveNetwork(scenario: SupplyScenario): Network {
  const s = record(FN, scenario, 'a supply-chain scenario');
  const elements = RARE_EARTHS.filter((e) => e !== 'Pm');
  const facilities: Facility[] = [...((s.facilities as Facility[]) ?? [])];
  for (const ev of (s.events as SupplyScenario['events']) ?? []) {
    if (ev.kind === 'newFacility') facilities.push(ev.facility);
  }
  const ids = new Map<string, number>();
  const mixes: Float64Array[] = [];
  const originNames: string[] = [];
  const nodes: Node[] = facilities.map((f, index) => {
    const path = `${FN}.facilities.${f.id ?? index}`;
    if (typeof f.id !== 'string' || f.id === '') fail('INVALID_TYPE', `${path}.id`, f.id, 'a facility id');
    if (ids.has(f.id)) fail('INVALID_TYPE', `${path}.id`, f.id, 'a unique facility id');
    ids.set(f.id, index);
    if (!(f.kind in OUTPUT_STAGE))
      fail('UNKNOWN_KEY', `${path}.kind`, f.kind, `one of ${Object.keys(OUTPUT_STAGE).join(', ')}`);
    if (typeof f.country !== 'string') fail('INVALID_TYPE', `${path}.country`, f.country, 'a country code');
    let origin = -1;
    if (isSource(f.kind)) {
      // A source's capacity is what it puts in: a recovery or an element list would be silently ignored.
      for (const key of ['recovery', 'elements'] as const) {
        if (f[key] !== undefined)
          fail(
            'NOT_SUPPORTED',
            `${path}.${key}`,
            f[key],
            `no ${key} on a ${f.kind} (its capacity is its output and its mix says which elements)`,
          );
      }
      origin = mixes.length;
      mixes.push(mixOf(path, f, elements));
      originNames.push(f.id);
    }
    const rec = f.recovery;
    const recovery = Float64Array.from(elements, (e) => {
      if (rec === undefined) return 1;
      if (typeof rec === 'number') return fraction(`${path}.recovery`, rec);
      return fraction(`${path}.recovery.${e}`, (rec as Record<string, number>)[e] ?? 1);
    });
    const separates = Uint8Array.from(elements, (e) =>
      f.elements === undefined || f.elements.includes(e) ? 1 : 0,
    );
    return {
      index,
      facility: f,
      kind: f.kind,
      country: f.country,
      output: OUTPUT_STAGE[f.kind],
      capacity: capacityOf(path, f.capacity) / 12,
      start: f.start === undefined ? Number.NEGATIVE_INFINITY : monthIndex(`${path}.start`, f.start),
      ramp: optional(f.rampMonths, 0, (v) => nonNegative(`${path}.rampMonths`, v)),
      availability: optional(f.availability, 1, (v) => fraction(`${path}.availability`, v)),
      recovery,
      separates,
      cost: optional(f.cost, 0, (v) => nonNegative(`${path}.cost`, v)),
      origin,
    };
  });

  // Markets: one per (country, stage) with demand.
  const markets: Market[] = [];
  const marketKey = new Map<string, number>();
  ((s.demand as SupplyScenario['demand']) ?? []).forEach((d, i) => {
    const key = `${d.country}|${d.stage}`;
    let m = marketKey.get(key);
    if (m === undefined) {
      m = markets.length;
      marketKey.set(key, m);
      markets.push({ index: m, country: d.country, stage: d.stage, demands: [] });
    }
    (markets[m] as Market).demands.push(i);
  });

  // Arcs: expand `country:XX` ends; a link into a country also reaches its market for that stage.
  const arcs: Arc[] = [];
  const seen = new Set<string>();
  ((s.links as SupplyScenario['links']) ?? []).forEach((l, li) => {
    const path = `${FN}.links[${li}]`;
    const ends = (end: string, side: 'from' | 'to'): number[] => {
      if (typeof end !== 'string')
        fail('INVALID_TYPE', `${path}.${side}`, end, 'a facility id or country:XX');
      const fits = (n: Node) =>
        side === 'from' ? n.output === l.stage : INPUT_STAGES[n.kind].includes(l.stage);
      if (end.startsWith('country:')) {
        const c = end.slice(8);
        const out = nodes.filter((n) => n.country === c && fits(n)).map((n) => n.index);
        const market = marketKey.get(`${c}|${l.stage}`);
        if (side === 'to' && market !== undefined) out.push(-1 - market);
        return out;
      }
      const i = ids.get(end);
      if (i === undefined) fail('UNKNOWN_KEY', `${path}.${side}`, end, 'a facility id or country:XX');
      if (!fits(nodes[i] as Node))
        fail(
          'INFEASIBLE',
          `${path}.${side}`,
          end,
          `a facility that ${side === 'from' ? 'produces' : 'takes'} ${l.stage}`,
        );
      return [i];
    };
    for (const from of ends(l.from, 'from')) {
      for (const to of ends(l.to, 'to')) {
        if (from === to) continue;
        const key = `${from}>${to}>${l.stage}`;
        if (seen.has(key)) continue;
        seen.add(key);
        const fc = (nodes[from] as Node).country;
        const tc = to >= 0 ? (nodes[to] as Node).country : (markets[-1 - to] as Market).country;
        const international = fc !== tc;
        arcs.push({
          index: arcs.length,
          from,
          to,
          stage: l.stage,
          leadTime: optional(l.leadTime, international ? 2 : 0, (v) => nonNegative(`${path}.leadTime`, v)),
          capacity: optional(
            l.capacity,
            Number.POSITIVE_INFINITY,
            (v) => nonNegative(`${path}.capacity`, v) / 12,
          ),
          cost: optional(l.cost, international ? 50 : 0, (v) => nonNegative(`${path}.cost`, v)),
          international,
        });
      }
    }
  });
  // Every facility also serves its own country's market at its output stage, with no lead time.
  for (const n of nodes) {
    const m = marketKey.get(`${n.country}|${n.output}`);
    const key = `${n.index}>${-1 - (m ?? 0)}>${n.output}`;
    if (m !== undefined && !seen.has(key)) {
      seen.add(key);
      arcs.push({
        index: arcs.length,
        from: n.index,
        to: -1 - m,
        stage: n.output,
        leadTime: 0,
        capacity: Number.POSITIVE_INFINITY,
        cost: 0,
        international: false,
      });
    }
  }
  return { elements, nodes, mixes, originNames, arcs, markets };
}
