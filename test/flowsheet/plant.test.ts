// A whole ore-to-metal plant (the demo's flowsheet, with its flotation recycle) conserves every species
// on random operating points.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { mountainPass } from '../../examples/01-mountain-pass-to-metal.js';
import { simulateFlowsheet } from '../../src/flowsheet/simulate.js';
import type { BlockSpec, FlowsheetSpec } from '../../src/flowsheet/spec.js';

function withParams(spec: FlowsheetSpec, changes: Record<string, Record<string, unknown>>): FlowsheetSpec {
  return {
    ...spec,
    blocks: spec.blocks.map((b: BlockSpec) =>
      changes[b.id] ? { ...b, params: { ...(b.params as object), ...changes[b.id] } } : b,
    ),
  };
}

describe('Mountain Pass plant', () => {
  it('conserves every species and converges on random operating points', () => {
    fc.assert(
      fc.property(
        fc.double({ min: 1, max: 1000, noNaN: true }),
        fc.double({ min: 0.3, max: 0.95, noNaN: true }),
        fc.double({ min: 0.3, max: 0.95, noNaN: true }),
        fc.double({ min: 0, max: 1, noNaN: true }),
        fc.constantFrom('low', 'high'),
        fc.double({ min: 0.9, max: 1, noNaN: true }),
        (oreRate, r1, r2, split, temperature, efficiency) => {
          const spec = withParams(mountainPass, {
            mine: { oreRate },
            rougher: { recovery: r1 },
            cleaner: { recovery: r2 },
            acidBake: { temperature },
            oxalate: { efficiency },
            oxideSplit: { fraction: split },
          });
          const plant = simulateFlowsheet(spec);
          expect(plant.converged).toBe(true);
          expect(plant.balance.residual).toBeLessThanOrEqual(1e-9);
          for (const p of Object.values(plant.kpis.products)) {
            for (const x of Object.values(p.recovery)) expect(x).toBeLessThanOrEqual(1 + 1e-12);
          }
        },
      ),
      { numRuns: 60 },
    );
  });
});
