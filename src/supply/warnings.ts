/**
 * What a supply-chain scenario asks for that its network cannot do, found from the routes alone (no month
 * solved): a facility no route from a source (mine or recycler) reaches, a facility none of whose output can reach a demand, a
 * facility with no capacity, a demand no source can reach, and a policy that touches no route. Each is a
 * warning, not an error: the run is valid and these parts simply do nothing; the result, the report and
 * `reesim validate` list them so that they are not silent.
 */
import { outputKeys, reachability } from './monthLp.js';
import { byOrigin, INPUT_STAGES, isSource, type Network, resolveNetwork } from './network.js';
import { type ActivePolicy, datedInputs } from './policies.js';
import type { RouteScope } from './policy/registry.js';
import { destination } from './policy/route.js';
import type { SupplyScenario } from './types.js';

/** Why a warning was given (stable codes). */
export type SupplyWarningCode =
  | 'FACILITY_UNREACHED'
  | 'FACILITY_UNSHIPPED'
  | 'FACILITY_NO_CAPACITY'
  | 'DEMAND_UNREACHED'
  | 'POLICY_NO_EFFECT';

/** A part of the scenario that can do nothing, with the path of the entry in the scenario. */
export interface SupplyWarning {
  readonly code: SupplyWarningCode;
  /** Path of the entry: `facilities.ID`, `demand.ID` or `policies.ID`. */
  readonly path: string;
  readonly message: string;
}

/**
 * `marked` grown along the arcs between nodes, forward (from an arc's source to its receiver) or backward
 * (from the receiver to the source), passing on only from nodes `passes` lets through (a node it stops is
 * still reached, but sends nothing on).
 */
function spread(
  net: Network,
  marked: boolean[],
  backward: boolean,
  passes: (node: number) => boolean = () => true,
): boolean[] {
  for (let changed = true; changed; ) {
    changed = false;
    for (const a of net.arcs) {
      if (a.to < 0) continue;
      const [from, to] = backward ? [a.to, a.from] : [a.from, a.to];
      if (marked[from] && passes(from) && !marked[to]) {
        marked[to] = true;
        changed = true;
      }
    }
  }
  return marked;
}

/** A node can pass material on: it has capacity. */
const working = (net: Network) => (i: number) => (net.nodes[i] as Network['nodes'][number]).capacity > 0;

/** Nodes some source's (mine's or recycler's) material can reach (through nodes with capacity). */
function fedFromMines(net: Network): boolean[] {
  return spread(
    net,
    net.nodes.map((n) => isSource(n.kind)),
    false,
    working(net),
  );
}

/** Nodes from which some market can be reached (through nodes with capacity). */
function leadsToMarket(net: Network): boolean[] {
  const intoMarket = net.nodes.map(() => false);
  for (const a of net.arcs) if (a.to < 0) intoMarket[a.from] = true;
  return spread(net, intoMarket, true, working(net));
}

/**
 * Markets element `e` can reach: from sources (mines, recyclers) whose mix has it, through nodes with capacity that pass it on
 * (concentrators and crackers pass everything; separation, metal and magnet plants the elements they take).
 */
function marketsReachedBy(net: Network, e: number): Set<number> {
  const passes = (i: number) => {
    const n = net.nodes[i] as Network['nodes'][number];
    if (!(n.capacity > 0)) return false;
    if (isSource(n.kind)) return ((net.mixes[n.origin] as Float64Array)[e] as number) > 0;
    if (n.kind === 'concentrator' || n.kind === 'cracking') return true;
    return (n.separates[e] as number) > 0;
  };
  const reached = spread(
    net,
    net.nodes.map((n) => isSource(n.kind)),
    false,
    passes,
  );
  const markets = new Set<number>();
  for (const a of net.arcs) if (a.to < 0 && reached[a.from] && passes(a.from)) markets.add(-1 - a.to);
  return markets;
}

/**
 * Whether `scope` restricts at least one route: an international arc out of its country at one of its
 * stages (to one of its destinations) that can carry one of its elements (when it lists them). A policy
 * with no routes (a stockpile) is checked against its market when the run is set up.
 */
function touchesRoute(net: Network, reach: readonly Set<number>[], scope: RouteScope | undefined): boolean {
  if (!scope) return true;
  const listed = scope.elements?.map((e) => net.elements.indexOf(e)).filter((e) => e >= 0);
  const carries = (a: Network['arcs'][number]) => {
    if (!listed) return true;
    const keys = outputKeys(net, reach, a.from);
    if (!byOrigin(a.stage)) return keys.some((e) => listed.includes(e));
    return keys.some((o) => listed.some((e) => ((net.mixes[o] as Float64Array)[e] as number) > 0));
  };
  return net.arcs.some((a) => {
    if (!a.international || !scope.stages.includes(a.stage)) return false;
    if ((net.nodes[a.from] as Network['nodes'][number]).country !== scope.exporter) return false;
    if (scope.destinations && !scope.destinations.includes(destination(net, a))) return false;
    return carries(a);
  });
}

/**
 * The warnings of a scenario (see the module comment), in scenario order: facilities, demand, policies.
 *
 * @throws ReesimError for an invalid scenario (as `simulateSupplyChain`)
 *
 * @example
 * ```ts
 * const scenario = {
 *   name: 'a refinery nothing reaches',
 *   countries: { AU: 'Australia', US: 'United States' },
 *   facilities: [
 *     { id: 'mine', country: 'AU', kind: 'mine', capacity: 10_000, mix: { deposit: 'mount-weld' } },
 *     { id: 'refinery', country: 'US', kind: 'separation', capacity: 10_000 },
 *   ],
 *   links: [],
 *   demand: [{ id: 'us-oxide', country: 'US', sector: 'magnets', stage: 'oxide', elements: { Nd: 1000 } }],
 * };
 * // The mine ships nowhere, the refinery gets nothing (it would serve US demand), the demand gets nothing.
 * supplyWarnings(scenario).map((w) => w.code); // ['FACILITY_UNSHIPPED', 'FACILITY_UNREACHED', 'DEMAND_UNREACHED']
 * ```
 */
export function supplyWarnings(scenario: SupplyScenario): SupplyWarning[] {
  const net = resolveNetwork(scenario);
  // The scenario is checked as a run checks it before it is read here.
  return networkWarnings(scenario, net, datedInputs(scenario, net).policies);
}

/** {@link supplyWarnings} of a scenario whose network and policies are already resolved. */
export function networkWarnings(
  scenario: SupplyScenario,
  net: Network,
  policies: readonly ActivePolicy[],
): SupplyWarning[] {
  const warnings: SupplyWarning[] = [];
  const fed = fedFromMines(net);
  const leads = leadsToMarket(net);
  for (const n of net.nodes) {
    const id = n.facility.id;
    // A facility a change made is written as that event.
    const path = n.predecessor >= 0 ? `events.${id}` : `facilities.${id}`;
    if (n.capacity === 0)
      warnings.push({
        code: 'FACILITY_NO_CAPACITY',
        path,
        message: `${id} has a capacity of 0 t/yr: it produces nothing`,
      });
    if (!fed[n.index])
      warnings.push({
        code: 'FACILITY_UNREACHED',
        path,
        message: `no route brings ${INPUT_STAGES[n.kind].join(' or ')} from a mine to ${id} (${n.country}): it receives nothing and produces 0 t; add a link to it`,
      });
    if (!leads[n.index])
      warnings.push({
        code: 'FACILITY_UNSHIPPED',
        path,
        message: `no route takes ${id}'s ${n.output} (${n.country}) to any demand, directly or through other facilities: it produces for no one; add a link from it or a demand for ${n.output} in ${n.country}`,
      });
  }
  // Each element a demand asks for must have a route from a source that passes it at every step.
  const byElement = new Map<number, Set<number>>();
  const reachedBy = (e: number) => {
    let m = byElement.get(e);
    if (!m) {
      m = marketsReachedBy(net, e);
      byElement.set(e, m);
    }
    return m;
  };
  (scenario.demand ?? []).forEach((d) => {
    const market = net.markets.findIndex((m) => m.country === d.country && m.stage === d.stage);
    const asked = Object.keys(d.elements).filter((e) => (d.elements[e] ?? 0) > 0 && net.elements.includes(e));
    const missing = asked.filter((e) => !reachedBy(net.elements.indexOf(e)).has(market));
    if (missing.length === 0) return;
    const what = missing.length === asked.length ? 'anything it asks for' : missing.join(', ');
    warnings.push({
      code: 'DEMAND_UNREACHED',
      path: `demand.${d.id}`,
      message: `no route from a mine or recycler brings ${what} to ${d.country}'s ${d.stage} demand (${d.sector}) through plants that have capacity and take ${missing.length === 1 ? 'it' : 'them'}: it gets none of it`,
    });
  });
  const reach = reachability(net);
  for (const { item: p, effect } of policies) {
    const scope = effect.routes;
    if (!scope || touchesRoute(net, reach, scope)) continue;
    const to = scope.destinations ? ` to ${scope.destinations.join(', ')}` : '';
    const of = scope.elements ? ` with ${scope.elements.join(', ')}` : '';
    warnings.push({
      code: 'POLICY_NO_EFFECT',
      path: `policies.${p.id}`,
      message: `${p.id} touches no route: no link carries ${scope.stages.join(' or ')}${of} out of ${scope.exporter}${to}`,
    });
  }
  return warnings;
}
