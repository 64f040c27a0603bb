/**
 * Species balances: the evidence every unit and flowsheet result carries.
 */
import { SPECIES, SPECIES_COUNT, type Species } from '../chemistry/species.js';
import type { Stream } from './stream.js';

/** Result of a species balance over a unit or a plant. */
export interface Balance {
  /**
   * Largest relative imbalance over all species: |in − out| / max(in, out, 1e-12 · total in), 0 when exact.
   * A dimensionless number; reesim's units and flowsheets keep it <= 1e-9.
   */
  readonly residual: number;
  /** Species with the largest relative imbalance, or null when all balance exactly. */
  readonly worst: Species | null;
  /** in − out per species, kg/h, in `SPECIES` order. */
  readonly difference: readonly number[];
}

/**
 * Sums the species vectors of streams, kg/h per species in `SPECIES` order.
 *
 * @example
 * ```ts
 * const sum = sumAmounts([makeStream('ore', { Nd: 1 }), makeStream('ore', { Nd: 2 })]);
 * sum[SPECIES_INDEX.Nd]; // 3
 * ```
 */
export function sumAmounts(streams: readonly Stream[]): number[] {
  const sum = new Array<number>(SPECIES_COUNT).fill(0);
  for (const s of streams) {
    for (let i = 0; i < SPECIES_COUNT; i++) sum[i] = (sum[i] ?? 0) + (s.amounts[i] ?? 0);
  }
  return sum;
}

/**
 * Balance of every species between what enters (inlets, plus reagents a unit adds as streams) and what
 * leaves. Reactions in reesim never create or destroy an element, so every species must balance.
 *
 * @example
 * ```ts
 * const feed = makeStream('ore', { Nd: 3 });
 * const [a, b] = split(feed, 0.3);
 * balance([feed], [a, b]).residual; // 0 (or within one rounding)
 * ```
 */
export function balance(inlets: readonly Stream[], outlets: readonly Stream[]): Balance {
  const into = sumAmounts(inlets);
  const out = sumAmounts(outlets);
  const totalIn = into.reduce((a, b) => a + b, 0);
  const floor = Math.max(1e-12 * totalIn, Number.MIN_VALUE);
  let residual = 0;
  let worst: Species | null = null;
  const difference = into.map((x, i) => x - (out[i] ?? 0));
  difference.forEach((d, i) => {
    if (d === 0) return;
    const scale = Math.max(into[i] ?? 0, out[i] ?? 0, floor);
    const r = Math.abs(d) / scale;
    if (r > residual) {
      residual = r;
      worst = SPECIES[i] ?? null;
    }
  });
  return { residual, worst, difference };
}
