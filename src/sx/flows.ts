/**
 * A record of amounts per unit time by species, checked: the one input shape of the SX models (feeds,
 * streams, per-species parameters), shared by the cascade spec, the equilibrium models and design.
 */
import { fail } from '../core/errors.js';
import { record, safeKey } from '../core/validate.js';

/** Amounts per unit time by species, checked: finite, in [0, 1e12], no inherited names (see safeKey). */
export function checkFlows(path: string, value: unknown): Record<string, number> {
  const r = record(path, value, 'a record of species -> amount per unit time');
  const out: Record<string, number> = {};
  for (const [name, x] of Object.entries(r)) {
    safeKey(`${path}.${name}`, name, 'a species name');
    if (typeof x !== 'number') fail('INVALID_TYPE', `${path}.${name}`, x, 'an amount in [0, 1e12]');
    if (!Number.isFinite(x)) fail('NOT_FINITE', `${path}.${name}`, x, 'an amount in [0, 1e12]');
    if (x < 0 || x > 1e12) fail('OUT_OF_RANGE', `${path}.${name}`, x, 'an amount in [0, 1e12]');
    out[name] = x;
  }
  return out;
}
