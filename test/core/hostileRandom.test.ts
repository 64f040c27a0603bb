// Random invalid inputs to the programmatic APIs (fast-check): one to four fields of a valid input replaced
// at once by hostile values (NaN, ±Infinity, null, undefined, empty and wrong containers, text, inherited
// names, arbitrary JSON) give a result free of NaN and Infinity or a ReesimError with a path, never a
// TypeError or another untyped error. test/core/hostileInputs.test.ts replaces one field at a time,
// exhaustively; this one finds what only combinations reach.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ReesimError } from '../../src/core/errors.js';
import { simulateSupplyChain } from '../../src/supply/simulate.js';
import { designCascade } from '../../src/sx/design/designCascade.js';
import { designSeparationTrain } from '../../src/sx/design/separationTrain.js';
import { simulateCascadeDynamics } from '../../src/sx/dynamics/dynamics.js';
import { simulateCascade } from '../../src/sx/steady/simulateCascade.js';
import { HOSTILE, nonFinite, paths, replaced } from './mutate.js';
import {
  CASCADE_SPEC,
  DESIGN_REQUEST,
  DYNAMICS_RUN,
  SUPPLY_OPTIONS,
  SUPPLY_SCENARIO,
  TRAIN_REQUEST,
} from './validInputs.js';

const value = fc.oneof(
  fc.constantFrom(...HOSTILE),
  fc.double(),
  fc.string({ maxLength: 8 }),
  fc.jsonValue({ maxDepth: 2 }),
);

/** A property: `run` on `base` with 1-4 of its fields replaced answers or refuses with a typed error. */
function typedOrFinite(base: unknown, run: (input: never) => unknown) {
  const all = paths(base).filter((p) => p.length > 0);
  return fc.asyncProperty(
    fc.uniqueArray(fc.nat(all.length - 1), { minLength: 1, maxLength: 4 }),
    fc.array(value, { minLength: 4, maxLength: 4 }),
    async (picks, values) => {
      let input = base;
      picks.forEach((k, i) => {
        input = replaced(input, all[k] as (string | number)[], values[i]);
      });
      try {
        const r = await run(input as never);
        expect(nonFinite(r), 'a non-finite number in the result').toBe(false);
      } catch (e) {
        if (!(e instanceof ReesimError)) throw e;
        expect(e.path, `${e.code} without a path`).toBeTruthy();
      }
    },
  );
}

describe('random hostile values in several fields at once', () => {
  it('simulateCascade, designCascade, designSeparationTrain', async () => {
    await fc.assert(typedOrFinite(CASCADE_SPEC, simulateCascade), { numRuns: 1000 });
    await fc.assert(typedOrFinite(DESIGN_REQUEST, designCascade), { numRuns: 500 });
    await fc.assert(typedOrFinite(TRAIN_REQUEST, designSeparationTrain), { numRuns: 200 });
  }, 60_000);

  it('simulateCascadeDynamics', async () => {
    const run = (x: { spec: never; options: never } | null) =>
      simulateCascadeDynamics(x?.spec as never, x?.options as never);
    await fc.assert(typedOrFinite(DYNAMICS_RUN, run as never), { numRuns: 300 });
  }, 60_000);

  it('simulateSupplyChain', async () => {
    const run = (s: never) => simulateSupplyChain(s, SUPPLY_OPTIONS);
    await fc.assert(typedOrFinite(SUPPLY_SCENARIO, run), { numRuns: 400 });
  }, 120_000);
});
