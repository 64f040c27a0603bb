/**
 * The stream table of a plant: one row per species, one column per stream.
 */
import { SPECIES, type Species } from '../chemistry/species.js';
import { OXIDE_FACTORS } from '../stream/basis.js';
import type { Stream } from '../stream/stream.js';

/** A stream table. `values[r][c]` is species `species[r]` in stream `streams[c]`, kg/h. */
export interface StreamTable {
  /** `element`: kg/h of element (as streams hold it); `oxide`: kg/h of reported oxide. */
  readonly basis: 'element' | 'oxide';
  readonly streams: readonly string[];
  readonly species: readonly Species[];
  readonly values: readonly (readonly number[])[];
}

/**
 * Builds a stream table, leaving out species that are zero in every listed stream.
 *
 * @param streams streams by name (e.g. `result.streams`)
 * @param names which streams, in column order (default: all)
 * @example
 * ```ts
 * const ore = makeStream('ore', { Nd: 60, Gangue: 940 });
 * const conc = makeStream('concentrate', { Nd: 50, Gangue: 50 });
 * const t = streamTable({ ore, conc }, ['ore', 'conc'], 'oxide');
 * t.species; // ['Nd', 'Gangue']
 * t.values[0]?.[1]; // 58.32 kg/h Nd2O3 in the concentrate
 * ```
 */
export function streamTable(
  streams: Readonly<Record<string, Stream>>,
  names: readonly string[] = Object.keys(streams),
  basis: 'element' | 'oxide' = 'element',
): StreamTable {
  const columns = names.filter((n) => streams[n] !== undefined);
  const species: Species[] = [];
  const values: number[][] = [];
  SPECIES.forEach((s, i) => {
    const factor = basis === 'oxide' ? (OXIDE_FACTORS[i] ?? 1) || 1 : 1;
    const row = columns.map((n) => (streams[n]?.amounts[i] ?? 0) * factor);
    if (row.some((x) => x !== 0)) {
      species.push(s);
      values.push(row);
    }
  });
  return { basis, streams: columns, species, values };
}
