/**
 * Months as 'YYYY-MM' strings and as integer indices (months since 0000-01), for the monthly simulation.
 */
import { fail } from '../core/errors.js';

/** The index of a 'YYYY-MM' month (year × 12 + month − 1). */
export function monthIndex(path: string, value: unknown): number {
  if (typeof value !== 'string' || !/^\d{4}-(0[1-9]|1[0-2])$/.test(value))
    fail('INVALID_TYPE', path, value, "a month 'YYYY-MM'");
  const [y, m] = value.split('-').map(Number) as [number, number];
  return y * 12 + m - 1;
}

/**
 * The 'YYYY-MM' label of a month index.
 *
 * @example
 * ```ts
 * monthLabel(monthIndex('m', '2024-12') + 1); // '2025-01'
 * ```
 */
export function monthLabel(index: number): string {
  const y = Math.floor(index / 12);
  const m = index - y * 12 + 1;
  return `${String(y).padStart(4, '0')}-${String(m).padStart(2, '0')}`;
}
