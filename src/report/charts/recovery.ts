/**
 * Recovery of each element to each product of a flowsheet.
 */
import { fail } from '../../core/errors.js';
import type { FlowsheetResult } from '../../flowsheet/simulate.js';
import { type ChartSpec, chartSpec, percent, seriesColours } from './spec.js';

/**
 * Recovery of each element that enters a plant (feeds and what units add) to each of its products, in % of
 * the element's input, stacked by product (so a bar's height is the share recovered in all products; the
 * rest went to residues or losses). Elements in periodic order.
 *
 * @param result a {@link FlowsheetResult} of {@link reesim!simulateFlowsheet | simulateFlowsheet}
 * @throws ReesimError INVALID_TYPE when `result` has no KPIs
 * @example
 * ```ts
 * const r = simulateFlowsheet({
 *   name: 'one cell',
 *   feeds: { ore: makeStream('ore', { La: 2, Ce: 3, Gangue: 95 }) },
 *   blocks: [{ id: 'cell', unit: 'beneficiation',
 *     params: { method: 'flotation', recovery: 0.8, gangueRecovery: 0.1 },
 *     inlets: { feed: 'ore' }, outlets: { concentrate: 'conc', tailings: 'tails' } }],
 *   products: ['conc'],
 * });
 * const spec = recoveryChart(r);
 * (spec.data as { values: { recovery: number }[] }).values[0]?.recovery; // 80
 * ```
 */
export function recoveryChart(result: FlowsheetResult): ChartSpec {
  const kpis = result?.kpis;
  if (!kpis || typeof kpis.products !== 'object' || typeof kpis.input !== 'object')
    fail('INVALID_TYPE', 'recoveryChart', result, 'a flowsheet result with KPIs');
  const elements = Object.keys(kpis.input);
  const products = Object.keys(kpis.products);
  const rows = products.flatMap((p) =>
    elements.map((el) => ({
      element: el,
      product: p,
      recovery: percent((kpis.products[p]?.recovery as Record<string, number> | undefined)?.[el] ?? 0),
    })),
  );
  return chartSpec(`Recovery of each element to the products of ${result.name}`, {
    data: { values: rows },
    mark: { type: 'bar' },
    encoding: {
      x: {
        field: 'element',
        type: 'nominal',
        title: 'Element (symbol)',
        sort: elements,
        axis: { labelAngle: 0 },
      },
      y: {
        field: 'recovery',
        type: 'quantitative',
        title: "Recovery (% of the element's input)",
        stack: 'zero',
      },
      color: {
        field: 'product',
        type: 'nominal',
        title: 'Product stream',
        sort: products,
        scale: seriesColours(products),
      },
    },
  });
}
