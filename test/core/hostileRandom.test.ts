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
    const spec = {
      stages: { extraction: 4, scrub: 3 },
      feed: { flows: { Nd: 0.5, Pr: 0.5 }, volume: 1 },
      organic: { volume: 2 / 0.18 },
      scrub: { volume: 1, reflux: 0.5 },
      equilibrium: { kind: 'separationFactors', beta: { Nd: 1.5, Pr: 1 }, loading: 0.18 },
    };
    await fc.assert(typedOrFinite(spec, simulateCascade), { numRuns: 1000 });
    const request = {
      feed: { Nd: 0.7, Pr: 0.3 },
      equilibrium: { kind: 'separationFactors', beta: { Nd: 1.5, Pr: 1 }, loading: 0.18 },
      purity: { organic: 0.99, aqueous: 0.99 },
    };
    await fc.assert(typedOrFinite(request, designCascade), { numRuns: 500 });
    const train = { feed: { La: 0.3, Ce: 0.4, Pr: 0.1, Nd: 0.2 }, purity: 0.99 };
    await fc.assert(typedOrFinite(train, designSeparationTrain), { numRuns: 200 });
  }, 60_000);

  it('simulateCascadeDynamics', async () => {
    const dynamics = {
      spec: {
        stages: { extraction: 3, scrub: 2 },
        feed: { flows: { A: 1, B: 1 }, volume: 1 },
        organic: { volume: 1 },
        scrub: { volume: 1, reflux: 0.3 },
        equilibrium: { kind: 'distribution', D: { A: 2, B: 0.5 } },
      },
      options: { holdup: { mixer: { residenceTime: 0.1 }, settler: { residenceTime: 0.3 } }, duration: 3 },
    };
    const run = (x: { spec: never; options: never } | null) =>
      simulateCascadeDynamics(x?.spec as never, x?.options as never);
    await fc.assert(typedOrFinite(dynamics, run as never), { numRuns: 300 });
  }, 60_000);

  it('simulateSupplyChain', async () => {
    const scenario = {
      name: 'one mine, one refinery',
      countries: { US: 'United States', JP: 'Japan' },
      facilities: [
        { id: 'mine', country: 'US', kind: 'mine', capacity: 12_000, mix: { deposit: 'mountain-pass' } },
        { id: 'sx', country: 'US', kind: 'separation', capacity: 12_000, recovery: 0.9 },
      ],
      links: [
        { from: 'mine', to: 'sx', stage: 'concentrate' },
        { from: 'sx', to: 'country:JP', stage: 'oxide' },
      ],
      demand: [{ id: 'oxide', country: 'JP', sector: 'all', stage: 'oxide', elements: { Nd: 1_200 } }],
      policies: [
        {
          kind: 'exportControl',
          id: 'ban',
          exporter: 'US',
          stages: ['oxide'],
          approvalRate: 0.5,
          from: '2025-02',
        },
      ],
      events: [{ kind: 'disruption', id: 'cut', target: 'mine', from: '2025-02', months: 1, severity: 0.5 }],
    };
    const run = (s: never) => simulateSupplyChain(s, { start: '2025-01', months: 3, warmUpMonths: 0 });
    await fc.assert(typedOrFinite(scenario, run), { numRuns: 400 });
  }, 120_000);
});
