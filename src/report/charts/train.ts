/**
 * The stages of a separation train: extraction and scrub stages of each cut.
 */
import { fail } from '../../core/errors.js';
import type { SeparationTrain } from '../../sx/design/separationTrain.js';
import { type ChartSpec, chartSpec } from './spec.js';

/**
 * Stages per cut of a separation train, stacked by section (extraction, scrub), cuts in design order
 * (`1. Sm/Nd` is the first cascade; A/B: A leaves in the organic).
 *
 * @param train a {@link SeparationTrain} of {@link reesim!designSeparationTrain | designSeparationTrain}
 * @throws ReesimError INVALID_TYPE when `train` has no cascades
 * @example
 * ```ts
 * const train = designSeparationTrain({ feed: { La: 1, Ce: 1 }, purity: 0.99 });
 * const spec = trainStagesChart(train);
 * (spec.data as { values: unknown[] }).values.length; // 2
 * ```
 */
export function trainStagesChart(train: SeparationTrain): ChartSpec {
  if (!train || !Array.isArray(train.cascades) || train.cascades.length === 0)
    fail('INVALID_TYPE', 'trainStagesChart', train, 'a separation train with cascades');
  const label = (c: SeparationTrain['cascades'][number]) => `${c.index}. ${c.cut}`;
  const rows = train.cascades.flatMap((c) => [
    { cut: label(c), section: 'Extraction', stages: c.stages.extraction, order: 0 },
    { cut: label(c), section: 'Scrub', stages: c.stages.scrub, order: 1 },
  ]);
  return chartSpec(`Separation train: stages per cut (${train.totals.stages} in all)`, {
    data: { values: rows },
    mark: { type: 'bar' },
    encoding: {
      x: {
        field: 'cut',
        type: 'nominal',
        title: 'Cut (design order, key pair A/B)',
        sort: train.cascades.map(label),
        axis: { labelAngle: 0 },
      },
      y: { field: 'stages', type: 'quantitative', title: 'Stages (equilibrium stages)', stack: 'zero' },
      color: { field: 'section', type: 'nominal', title: 'Section', sort: ['Extraction', 'Scrub'] },
      order: { field: 'order', type: 'quantitative' },
    },
  });
}
