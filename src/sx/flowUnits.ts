/**
 * The units a solvent-extraction feed may be given in, and their conversion to the mol/h the designs work
 * in: amounts per time (mol or kmol per hour or second), or tonnes of rare-earth oxide per year (each
 * element as its reported oxide: 10,000 t/yr of Nd2O3 is 6.79 kmol/h of Nd).
 */
import { oxideMassPerMole } from '../chemistry/oxide.js';

/** A feed unit. */
export type FeedUnit = 'mol/h' | 'kmol/h' | 'mol/s' | 'kmol/s' | 't REO/yr';

/** Every feed unit, mol/h first (the unit results are given in). */
export const FEED_UNITS: readonly FeedUnit[] = ['mol/h', 'kmol/h', 'mol/s', 'kmol/s', 't REO/yr'];

/** Hours in a year of continuous operation (365 days): t/yr from per-hour flows, and back. */
export const HOURS_PER_YEAR = 8760;

/**
 * mol/h of `element` per one `unit` of it.
 *
 * @example
 * ```ts
 * molPerHour('kmol/h', 'Nd'); // 1000
 * molPerHour('t REO/yr', 'Nd'); // ~0.6785 (1 t Nd2O3 = 5,944 mol Nd, over 8,760 h)
 * ```
 */
export function molPerHour(unit: FeedUnit, element: string): number {
  switch (unit) {
    case 'mol/h':
      return 1;
    case 'kmol/h':
      return 1000;
    case 'mol/s':
      return 3600;
    case 'kmol/s':
      return 3_600_000;
    case 't REO/yr':
      return 1e6 / oxideMassPerMole(element) / HOURS_PER_YEAR;
  }
}
