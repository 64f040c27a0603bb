// Question (issue 14, item 2): what does checking an input cost next to the solve it guards, and what would
// parsing it with the scenario file's zod schema cost instead? A Monte Carlo of cascades checks every run's
// spec, so the check must stay a small fraction of a 0.2-2 ms solve.
import { bench, describe } from 'vitest';
import { cascadeInputSchema } from '../src/scenario/sxSchemas.js';
import { normaliseCascade } from '../src/sx/cascadeSpec.js';
import { simulateCascade } from '../src/sx/steady/simulateCascade.js';
import { spec } from './specs.js';

for (const [n, c, model] of [
  [100, 6, 'separationFactors'],
  [100, 2, 'distribution'],
  [1000, 15, 'separationFactors'],
] as const) {
  describe(`${n} stages × ${c} species, ${model}`, () => {
    const s = spec(n, c, model);
    bench('check (normaliseCascade: what simulateCascade runs first)', () => {
      normaliseCascade(s);
    });
    bench('zod parse of the same spec (cascadeInputSchema)', () => {
      cascadeInputSchema.parse(s);
    });
    bench('solve (simulateCascade, check included)', () => {
      simulateCascade(s);
    });
  });
}
