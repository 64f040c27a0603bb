/**
 * A scenario resolved into the indexed network the monthly LPs work on: facilities with their input and
 * output stages, origins (mines, each with a fixed element mix), arcs (links expanded from countries to
 * facilities and markets) and markets (a country's demand at a stage). Validates the scenario on the way.
 */
import { RARE_EARTHS } from '../chemistry/elements.js';
import { fail } from '../core/errors.js';
import {
  fraction,
  integer,
  isRecord,
  knownKeys,
  nonNegative,
  oneOf,
  optional,
  record,
  safeKey,
} from '../core/validate.js';
import { depositDistribution, getDeposit } from '../data/deposits.js';
import { monthIndex } from './calendar.js';
import { MAX_TONNES } from './reo.js';
import type { Facility, FacilityKind, Stage, SupplyEvent, SupplyScenario, TradeLink } from './types.js';

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
  /** t per month at which the ramp starts (0 for a new facility; the old capacity for a changed one). */
  readonly rampBase: number;
  /**
   * A `facilityChange` replaces this node from month `end`: from then on it has no capacity, and its
   * inventories and the shipments that reach it belong to node `successor`. Without a change: `end` is +∞,
   * `successor` −1.
   */
  readonly end: number;
  readonly successor: number;
  /** Its facility id and those of the facilities it was changed from (a disruption of any of them hits it). */
  readonly ids: readonly string[];
  /** The node a facility change made this one from (−1: none), and the first node of that line. */
  readonly predecessor: number;
  readonly root: number;
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
  /**
   * The first arc of the same route across facility changes (same stage, between the first nodes of the
   * two ends' lines; itself when no change is involved): shipment history is kept by route, so a changed
   * facility keeps its export-licence base.
   */
  readonly route: number;
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
  if (isRecord(m) && typeof m.deposit === 'string')
    fractions = depositDistribution(getDeposit(m.deposit, `${path}.mix.deposit`).id);
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
  // A number, or a sourced value { value, provenance }.
  const at = isRecord(c) ? `${path}.capacity.value` : `${path}.capacity`;
  const x = nonNegative(at, isRecord(c) ? c.value : c);
  if (x > MAX_TONNES) fail('OUT_OF_RANGE', at, x, 't per year in [0, 1e9]');
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
  if (typeof s.name !== 'string') fail('INVALID_TYPE', `${FN}.name`, s.name, 'a scenario name (text)');
  checkCountries(s.countries);
  if (!Array.isArray(s.links)) fail('INVALID_TYPE', `${FN}.links`, s.links, 'a list of links');
  if (!Array.isArray(s.facilities))
    fail('INVALID_TYPE', `${FN}.facilities`, s.facilities, 'a list of facilities');
  if (s.events !== undefined && !Array.isArray(s.events))
    fail('INVALID_TYPE', `${FN}.events`, s.events, 'a list of events');
  const country = (path: string, value: unknown) => listedCountry(path, value, scenario);
  const { nodes, ids, mixes, originNames } = resolveNodes(scenario, elements, country);
  if (!Array.isArray(s.demand)) fail('INVALID_TYPE', `${FN}.demand`, s.demand, 'a list of demand entries');
  const { markets, marketKey } = resolveMarkets(scenario.demand, country);
  const arcs = linkArcs(scenario.links, nodes, ids, markets, marketKey);
  localArcs(nodes, marketKey, arcs);
  return { elements, nodes, mixes, originNames, arcs: sharedRoutes(nodes, arcs), markets };
}

/** A listed country at `path` (of the scenario's `countries`). */
type CountryCheck = (path: string, value: unknown) => string;

/**
 * The facilities (those events add or change included) as nodes, in order: the scenario's, then each new
 * facility's, then each change's; with their ids, and each source's element mix (its origin).
 */
function resolveNodes(
  scenario: SupplyScenario,
  elements: readonly string[],
  country: CountryCheck,
): { nodes: Node[]; ids: Map<string, number>; mixes: Float64Array[]; originNames: string[] } {
  // Each facility's path in the input: its place in `facilities`, or the event that makes it.
  const listed = scenario.facilities as unknown[];
  const paths = listed.map((_, i) => `${FN}.facilities[${i}]`);
  const facilities = listed.map((f, i) => record(paths[i] as string, f, 'a facility') as unknown as Facility);
  const events = (scenario.events ?? []) as readonly SupplyEvent[];
  events.forEach((ev, i) => {
    record(`${FN}.events[${i}]`, ev, 'an event');
    if (ev.kind === 'newFacility') {
      paths.push(`${FN}.events[${i}].facility`);
      facilities.push(record(paths.at(-1) as string, ev.facility, 'a facility') as unknown as Facility);
    }
  });
  const { handovers, rampBase } = changedFacilities(events, facilities, paths, elements);
  const position = new Map(facilities.map((f, i) => [f.id, i]));
  const predecessorOf = new Map([...handovers].map(([from, h]) => [h.to, position.get(from) as number]));
  const ids = new Map<string, number>();
  const mixes: Float64Array[] = [];
  const originNames: string[] = [];
  const nodes: Node[] = [];
  facilities.forEach((f, index) => {
    const path = paths[index] as string;
    safeKey(`${path}.id`, f.id, 'a facility id');
    if (ids.has(f.id)) fail('INVALID_TYPE', `${path}.id`, f.id, 'a unique facility id');
    ids.set(f.id, index);
    if (typeof f.kind !== 'string' || !Object.hasOwn(OUTPUT_STAGE, f.kind))
      fail('UNKNOWN_KEY', `${path}.kind`, f.kind, `one of ${Object.keys(OUTPUT_STAGE).join(', ')}`);
    country(`${path}.country`, f.country);
    checkFacilityFields(path, f, elements);
    let origin = -1;
    if (isSource(f.kind)) {
      checkSourceFields(path, f);
      const before = predecessorOf.get(f.id);
      if (before !== undefined) {
        // A changed mine or recycler is the same source: its material keeps its origin (and mix).
        origin = (nodes[before] as Node).origin;
      } else {
        origin = mixes.length;
        mixes.push(mixOf(path, f, elements));
        originNames.push(f.id);
      }
    }
    const recovery = recoveryOf(path, f, elements);
    const line = lineage(f.id, handovers);
    nodes.push({
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
      separates: Uint8Array.from(elements, (e) =>
        f.elements === undefined || f.elements.includes(e) ? 1 : 0,
      ),
      cost: optional(f.cost, 0, (v) => nonNegative(`${path}.cost`, v)),
      origin,
      rampBase: (rampBase.get(f.id) ?? 0) / 12,
      end: handovers.get(f.id)?.from ?? Number.POSITIVE_INFINITY,
      successor: position.get(handovers.get(f.id)?.to ?? '') ?? -1,
      ids: line,
      predecessor: predecessorOf.get(f.id) ?? -1,
      root: position.get(line.at(-1) as string) as number,
    });
  });
  return { nodes, ids, mixes, originNames };
}

/** A source's capacity is what it puts in: a recovery or an element list would be silently ignored. */
function checkSourceFields(path: string, f: Facility): void {
  for (const key of ['recovery', 'elements'] as const) {
    if (f[key] !== undefined)
      fail(
        'NOT_SUPPORTED',
        `${path}.${key}`,
        f[key],
        `no ${key} on a ${f.kind} (its capacity is its output and its mix says which elements)`,
      );
  }
}

/** A facility's recovery by element: one fraction, fractions by element (1 for those not listed), or 1. */
function recoveryOf(path: string, f: Facility, elements: readonly string[]): Float64Array {
  const rec = f.recovery;
  return Float64Array.from(elements, (e) => {
    if (rec === undefined) return 1;
    if (typeof rec === 'number') return fraction(`${path}.recovery`, rec);
    return fraction(`${path}.recovery.${e}`, (rec as Record<string, number>)[e] ?? 1);
  });
}

/** Markets: one per (country, stage) with demand, each with its demand entries. */
function resolveMarkets(
  demand: SupplyScenario['demand'],
  country: CountryCheck,
): { markets: Market[]; marketKey: Map<string, number> } {
  const markets: Market[] = [];
  const marketKey = new Map<string, number>();
  const stages = Object.values(OUTPUT_STAGE).filter((x, k, all) => all.indexOf(x) === k);
  demand.forEach((d, i) => {
    const at = `${FN}.demand[${i}]`;
    record(at, d, 'a demand entry');
    safeKey(`${at}.id`, d.id, 'a demand id');
    if (typeof d.sector !== 'string') fail('INVALID_TYPE', `${at}.sector`, d.sector, 'a sector name (text)');
    country(`${at}.country`, d.country);
    oneOf(`${at}.stage`, d.stage, stages);
    record(`${at}.elements`, d.elements, 't per year by element');
    const key = `${d.country}|${d.stage}`;
    let m = marketKey.get(key);
    if (m === undefined) {
      m = markets.length;
      marketKey.set(key, m);
      markets.push({ index: m, country: d.country, stage: d.stage, demands: [] });
    }
    (markets[m] as Market).demands.push(i);
  });
  return { markets, marketKey };
}

/** The links as arcs: `country:XX` ends expanded; a link into a country also reaches its market for that stage. */
function linkArcs(
  links: SupplyScenario['links'],
  nodes: readonly Node[],
  ids: ReadonlyMap<string, number>,
  markets: readonly Market[],
  marketKey: ReadonlyMap<string, number>,
): Arc[] {
  const arcs: Arc[] = [];
  const seen = new Set<string>();
  links.forEach((link, li) => {
    const path = `${FN}.links[${li}]`;
    const l = record(path, link, 'a link { from, to, stage }') as unknown as TradeLink;
    oneOf(`${path}.stage`, l.stage, [...new Set(Object.values(OUTPUT_STAGE))]);
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
      // A link to a facility is also a link to what it becomes after its changes.
      const chain = [i];
      for (let k = nodes[i]?.successor ?? -1; k >= 0; k = nodes[k]?.successor ?? -1) chain.push(k);
      return chain;
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
          route: arcs.length,
        });
      }
    }
  });
  return arcs;
}

/** Adds the arc from every facility to its own country's market at its output stage (no lead time, no cost). */
function localArcs(nodes: readonly Node[], marketKey: ReadonlyMap<string, number>, arcs: Arc[]): void {
  const seen = new Set(arcs.map((a) => `${a.from}>${a.to}>${a.stage}`));
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
        route: arcs.length,
      });
    }
  }
}

/** Arcs between changed facilities share the route of the arc between the first nodes of their lines. */
function sharedRoutes(nodes: readonly Node[], arcs: readonly Arc[]): Arc[] {
  const firstOfRoute = new Map<string, number>();
  return arcs.map((a) => {
    const key = `${nodes[a.from]?.root}>${a.to < 0 ? a.to : nodes[a.to]?.root}>${a.stage}`;
    const first = firstOfRoute.get(key);
    if (first === undefined) firstOfRoute.set(key, a.index);
    return first === undefined ? a : { ...a, route: first };
  });
}

const FACILITY_KEYS = [
  'id',
  'name',
  'country',
  'kind',
  'capacity',
  'start',
  'rampMonths',
  'availability',
  'outage',
  'mix',
  'recovery',
  'elements',
  'cost',
  'provenance',
];

/** The fields of a facility the node's construction does not read in full: keys, elements, recovery, outage. */
function checkFacilityFields(path: string, f: Facility, elements: readonly string[]): void {
  knownKeys(path, record(path, f, 'a facility'), FACILITY_KEYS);
  checkElementFields(path, f, elements);
  if (f.outage !== undefined) {
    const o = record(`${path}.outage`, f.outage, '{ ratePerMonth, months }');
    knownKeys(`${path}.outage`, o, ['ratePerMonth', 'months']);
    fraction(`${path}.outage.ratePerMonth`, o.ratePerMonth);
    integer(`${path}.outage.months`, o.months, 1);
  }
}

/** A facility's (or a facility change's) element list and recovery: known elements, fractions. */
function checkElementFields(
  path: string,
  f: Pick<Facility, 'elements' | 'recovery'>,
  elements: readonly string[],
): void {
  if (f.elements !== undefined) {
    if (!Array.isArray(f.elements) || f.elements.length === 0)
      fail('INVALID_TYPE', `${path}.elements`, f.elements, 'a list of at least one element symbol');
    f.elements.forEach((e, k) => {
      if (!elements.includes(e))
        fail('UNKNOWN_KEY', `${path}.elements[${k}]`, e, `one of ${elements.join(', ')}`);
    });
  }
  if (typeof f.recovery === 'number') fraction(`${path}.recovery`, f.recovery);
  else if (f.recovery !== undefined)
    for (const [e, v] of Object.entries(record(`${path}.recovery`, f.recovery, 'fractions by element'))) {
      if (!elements.includes(e))
        fail('UNKNOWN_KEY', `${path}.recovery.${e}`, e, `one of ${elements.join(', ')}`);
      fraction(`${path}.recovery.${e}`, v);
    }
}

/** `id` and the ids of the facilities it was changed from, in order back to the first. */
function lineage(id: string, handovers: ReadonlyMap<string, Handover>): string[] {
  const ids = [id];
  for (let found = true; found; ) {
    found = false;
    for (const [from, h] of handovers) {
      if (h.to === ids[ids.length - 1]) {
        ids.push(from);
        found = true;
        break;
      }
    }
  }
  return ids;
}

/** How one facility hands over to the facility a `facilityChange` makes of it. */
interface Handover {
  readonly from: number;
  readonly to: string;
}

const CHANGE_KEYS = [
  'kind',
  'id',
  'facility',
  'from',
  'rampMonths',
  'capacity',
  'availability',
  'recovery',
  'elements',
  'provenance',
];
const CHANGED_FIELDS = ['capacity', 'availability', 'recovery', 'elements'] as const;

/**
 * Applies the scenario's `facilityChange` events in month order (each to the latest version of its
 * facility): appends the changed facilities to `facilities`; returns each replaced facility's hand-over and
 * each changed facility's capacity at the start of its ramp (the old one's, t per year).
 */
function changedFacilities(
  events: readonly SupplyEvent[],
  facilities: Facility[],
  paths: string[],
  elements: readonly string[],
): { handovers: Map<string, Handover>; rampBase: Map<string, number> } {
  const changes = events.flatMap((ev, k) => {
    if (ev.kind !== 'facilityChange') return [];
    const at = `${FN}.events[${k}]`;
    knownKeys(at, ev, CHANGE_KEYS);
    return [{ ev, k, at, from: monthIndex(`${at}.from`, ev.from) }];
  });
  changes.sort((a, b) => a.from - b.from || a.k - b.k);
  const handovers = new Map<string, Handover>();
  const rampBase = new Map<string, number>();
  for (const { ev, at, from } of changes) {
    if (typeof ev.id !== 'string' || ev.id === '') fail('INVALID_TYPE', `${at}.id`, ev.id, 'an id');
    if (facilities.some((f) => f.id === ev.id))
      fail('INVALID_TYPE', `${at}.id`, ev.id, 'an id no facility has (the changed facility takes it)');
    if (!facilities.some((f) => f.id === ev.facility))
      fail('UNKNOWN_KEY', `${at}.facility`, ev.facility, 'a facility id');
    let id = ev.facility;
    for (let h = handovers.get(id); h !== undefined; h = handovers.get(id)) id = h.to;
    const old = facilities.find((f) => f.id === id) as Facility;
    const oldPath = paths[facilities.indexOf(old)] as string;
    // The changed facility's own start, checked at its own path (not the event's).
    const start =
      old.start === undefined ? Number.NEGATIVE_INFINITY : monthIndex(`${oldPath}.start`, old.start);
    const last = handovers.size > 0 && id !== ev.facility ? `${id} (the last change)` : id;
    if (!(from > start)) fail('OUT_OF_RANGE', `${at}.from`, ev.from, `a month after ${last} starts`);
    if (isSource(old.kind))
      for (const key of ['recovery', 'elements'] as const)
        if (ev[key] !== undefined)
          fail('NOT_SUPPORTED', `${at}.${key}`, ev[key], `no ${key} on a ${old.kind} (change its capacity)`);
    if (CHANGED_FIELDS.every((k) => ev[k] === undefined))
      fail('MISSING', at, ev, `at least one of ${CHANGED_FIELDS.join(', ')} to change`);
    const ramp = optional(ev.rampMonths, 0, (v) => integer(`${at}.rampMonths`, v, 0));
    // The changed fields are checked here, under the event's path.
    if (ev.capacity !== undefined) capacityOf(at, ev.capacity);
    if (ev.availability !== undefined) fraction(`${at}.availability`, ev.availability);
    checkElementFields(at, ev, elements);
    const { id: _id, start: _start, rampMonths: _ramp, ...rest } = old;
    paths.push(at);
    facilities.push({
      ...rest,
      id: ev.id,
      start: ev.from,
      rampMonths: ramp,
      ...Object.fromEntries(CHANGED_FIELDS.flatMap((k) => (ev[k] === undefined ? [] : [[k, ev[k]]]))),
      ...(ev.provenance === undefined ? {} : { provenance: ev.provenance }),
    });
    handovers.set(id, { from, to: ev.id });
    rampBase.set(ev.id, capacityOf(oldPath, old.capacity));
  }
  return { handovers, rampBase };
}

/** Checks the scenario's countries: a record of code -> display name, codes safe as object keys. */
function checkCountries(value: unknown): void {
  const r = record(`${FN}.countries`, value, 'a record of country code -> display name');
  for (const [code, name] of Object.entries(r)) {
    safeKey(`${FN}.countries.${code}`, code, 'a country code');
    if (typeof name !== 'string')
      fail('INVALID_TYPE', `${FN}.countries.${code}`, name, 'a display name (text)');
  }
}

/**
 * A country code the scenario lists in `countries` (what a facility, demand or policy names): results are
 * kept by listed country, so an unlisted one would produce and trade without showing anywhere.
 */
export function listedCountry(path: string, value: unknown, scenario: SupplyScenario): string {
  const code = safeKey(path, value, 'a country code');
  if (!Object.hasOwn(scenario.countries, code))
    fail(
      'UNKNOWN_KEY',
      path,
      code,
      `a country listed in countries (${Object.keys(scenario.countries).join(', ')})`,
    );
  return code;
}
