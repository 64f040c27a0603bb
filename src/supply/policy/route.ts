/**
 * Routes a policy restricts: which international arcs and which lots on them ({@link RouteScope}), and the
 * checks of the fields that say so, shared by the policy kinds that act on routes.
 */
import { fail } from '../../core/errors.js';
import { oneOf } from '../../core/validate.js';
import { byOrigin, listedCountry, type Network } from '../network.js';
import type { Stage, SupplyScenario } from '../types.js';
import type { RouteScope } from './types.js';

/** The stages a shipment can be at. */
export const STAGES: readonly Stage[] = ['concentrate', 'mixed', 'oxide', 'metal', 'magnet'];

/** A non-empty list, each item checked at its index. */
export function listOf<T>(
  path: string,
  value: unknown,
  what: string,
  check: (path: string, v: unknown) => T,
): T[] {
  if (!Array.isArray(value) || value.length === 0)
    fail('INVALID_TYPE', path, value, `a non-empty list of ${what}`);
  return value.map((v, k) => check(`${path}[${k}]`, v));
}

/** A listed country at `path` (of the scenario's `countries`). */
export function country(scenario: SupplyScenario): (path: string, value: unknown) => string {
  return (path, value) => listedCountry(path, value, scenario);
}

/** The stages at `path`: a non-empty list of shipment stages. */
export function stagesAt(path: string, value: unknown): Stage[] {
  return listOf(path, value, 'stages', (p, v) => oneOf(p, v, STAGES));
}

/** The country an arc ships to (a facility's, or a market's). */
export function destination(net: Network, arc: Network['arcs'][number]): string {
  return arc.to >= 0
    ? (net.nodes[arc.to] as Network['nodes'][number]).country
    : (net.markets[-1 - arc.to] as Network['markets'][number]).country;
}

/**
 * Whether `scope` restricts `key` on arc `arcIndex` (an international arc out of its exporter at one of its
 * stages, to one of its destinations; an unseparated lot by whether its origin's mix carries a listed
 * element).
 */
export function restricts(net: Network, scope: RouteScope, arcIndex: number, key: number): boolean {
  const arc = net.arcs[arcIndex] as Network['arcs'][number];
  if (!arc.international || !scope.stages.includes(arc.stage)) return false;
  if ((net.nodes[arc.from] as Network['nodes'][number]).country !== scope.exporter) return false;
  if (scope.destinations && !scope.destinations.includes(destination(net, arc))) return false;
  if (!scope.elements) return true;
  // Unseparated material (key: its origin) is restricted when its mix carries a listed element.
  if (byOrigin(arc.stage)) {
    const mix = net.mixes[key] as Float64Array;
    return scope.elements.some((e) => ((mix[net.elements.indexOf(e)] as number) ?? 0) > 0);
  }
  return scope.elements.includes(net.elements[key] as string);
}
