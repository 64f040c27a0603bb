import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { RARE_EARTHS, type RareEarth } from '../../src/chemistry/elements.js';
import { RARE_EARTH_INDICES, SPECIES_INDEX } from '../../src/chemistry/species.js';
import { ReesimError } from '../../src/core/errors.js';
import { purity } from '../../src/stream/composition.js';
import { amount, makeStream, streamFromVector } from '../../src/stream/stream.js';
import {
  type RefiningMethod,
  type VacuumRefiningParams,
  vacuumRefining,
  vacuumRefiningRoutes,
  vacuumRefiningUnit,
} from '../../src/units/vacuumRefining.js';
import {
  expectConserved,
  notFractionArb,
  notNonNegativeArb,
  PARAM_CODES,
  streamArb,
  throwsReesim,
} from '../helpers.js';

// TMS89 (ree-data 6.4, S, H): Dy, Sc, Ho, Er by sublimation; Gd, Tb, Y, Lu by distillation; La-Nd never.
// Sm, Eu, Tm, Yb: both (reesim's reading, medium).
const SUPPORTED: readonly (readonly [RareEarth, RefiningMethod])[] = [
  ['Dy', 'sublimation'],
  ['Sc', 'sublimation'],
  ['Ho', 'sublimation'],
  ['Er', 'sublimation'],
  ['Gd', 'distillation'],
  ['Tb', 'distillation'],
  ['Y', 'distillation'],
  ['Lu', 'distillation'],
  ...(['Sm', 'Eu', 'Tm', 'Yb'] as const).flatMap((s) => [
    [s, 'distillation'] as const,
    [s, 'sublimation'] as const,
  ]),
];

/** A random metal whose largest rare earth is `principal`. */
function metalArb(principal: RareEarth) {
  return streamArb('metal').map((s) => {
    const amounts = [...s.amounts];
    const others = RARE_EARTH_INDICES.reduce((m, i) => Math.max(m, amounts[i] ?? 0), 0);
    amounts[SPECIES_INDEX[principal]] = others + 1;
    return streamFromVector('metal', amounts);
  });
}

describe('vacuumRefining', () => {
  it('vacuumRefining(random metal, random params) conserves every species and stays finite', () => {
    const caseArb = fc.constantFrom(...SUPPORTED).chain(([principal, method]) =>
      fc.tuple(
        metalArb(principal),
        fc.record(
          {
            method: fc.constant(method),
            yield: fc.double({ min: 0, max: 1, noNaN: true }),
            removal: fc.dictionary(
              fc.constantFrom(...RARE_EARTHS.filter((s) => s !== principal), 'Fe', 'Ca', 'Gangue', 'Th'),
              fc.double({ min: 0, max: 1, noNaN: true }),
            ),
            energyPerKg: fc.double({ min: 0, max: 50, noNaN: true }),
          },
          { requiredKeys: ['method'] },
        ),
      ),
    );
    fc.assert(
      fc.property(caseArb, ([feed, params]) => {
        const result = vacuumRefining(feed, params as VacuumRefiningParams);
        expectConserved(result, [feed]);
        expect(amount(result.outlets.metal, 'H2O')).toBe(0);
      }),
      { numRuns: 200 },
    );
  });

  it('vacuumRefining(Dy metal, invalid params) throws a ReesimError and nothing else', () => {
    const feed = makeStream('metal', { Dy: 100, Fe: 1 });
    const bad = fc.oneof(
      fc.record({ method: fc.oneof(fc.string(), fc.integer(), fc.constant(undefined)) }),
      fc.record({ method: fc.constant('sublimation'), yield: notFractionArb }),
      fc.record({ method: fc.constant('sublimation'), energyPerKg: notNonNegativeArb }),
      fc.record({ method: fc.constant('sublimation'), removal: fc.record({ Fe: notFractionArb }) }),
      fc.record({ method: fc.constant('sublimation'), removal: fc.constantFrom({ H2O: 1 }, { Zz: 0 }, 3) }),
      fc.record({ method: fc.constant('sublimation'), vacuum: fc.double() }),
    );
    fc.assert(
      fc.property(bad, (p) =>
        throwsReesim(() => vacuumRefining(feed, p as VacuumRefiningParams), PARAM_CODES),
      ),
      { numRuns: 200 },
    );
  });

  it("vacuumRefining(Dy metal, { method: 'sublimation' }) sends yield × (1 − removal) of each impurity to the product", () => {
    const feed = makeStream('metal', { Dy: 100, Tb: 1, Ca: 0.5, Fe: 0.2, Gangue: 0.3 });
    const { outlets, report } = vacuumRefining(feed, { method: 'sublimation' });
    // Defaults (reesim assumptions): yield 0.9; removal other RE 0.3, Ca 0.99, Fe 0.9, gangue 0.95.
    expect(amount(outlets.metal, 'Dy')).toBeCloseTo(90, 12);
    expect(amount(outlets.metal, 'Tb')).toBeCloseTo(1 * 0.9 * 0.7, 12);
    expect(amount(outlets.metal, 'Ca')).toBeCloseTo(0.5 * 0.9 * 0.01, 12);
    expect(amount(outlets.metal, 'Fe')).toBeCloseTo(0.2 * 0.9 * 0.1, 12);
    expect(amount(outlets.residue, 'Dy')).toBeCloseTo(10, 12);
    const pure = 90 / (90 + 0.63 + 0.0045 + 0.018 + 0.3 * 0.9 * 0.05);
    expect(report.figures.productAbsolutePurity).toBeCloseTo(pure, 12);
    expect(report.figures.productPurity).toBeCloseTo(90 / 90.63, 12);
    expect(purity(outlets.metal, 'Dy')).toBeGreaterThan(purity(feed, 'Dy'));
    expect(outlets.residue.form).toBe('residue');
  });

  it("vacuumRefining(Tb metal, { method: 'distillation', yield: 0.8, removal: { Fe: 1 } }) uses the user's values", () => {
    const feed = makeStream('metal', { Tb: 50, Fe: 2 });
    const { outlets } = vacuumRefining(feed, { method: 'distillation', yield: 0.8, removal: { Fe: 1 } });
    expect(amount(outlets.metal, 'Tb')).toBeCloseTo(40, 12);
    expect(amount(outlets.metal, 'Fe')).toBe(0);
  });

  it('vacuumRefining(La-Nd metal, either method) throws NOT_SUPPORTED naming the element', () => {
    for (const el of ['La', 'Ce', 'Pr', 'Nd'] as const) {
      for (const method of ['distillation', 'sublimation'] as const) {
        const feed = makeStream('metal', { [el]: 100, Dy: 1 });
        try {
          vacuumRefining(feed, { method });
          expect.unreachable();
        } catch (e) {
          expect(e).toBeInstanceOf(ReesimError);
          expect((e as ReesimError).code).toBe('NOT_SUPPORTED');
          expect((e as ReesimError).message).toContain(`${el} metal`);
        }
      }
    }
    expect(vacuumRefiningRoutes.Nd.methods).toEqual([]);
  });

  it("vacuumRefining(Dy metal, { method: 'distillation' }) and vacuumRefining(Gd metal, { method: 'sublimation' }) throw", () => {
    const dy = makeStream('metal', { Dy: 1 });
    const gd = makeStream('metal', { Gd: 1 });
    expect(throwsReesim(() => vacuumRefining(dy, { method: 'distillation' }), ['NOT_SUPPORTED'])).toBe(true);
    expect(throwsReesim(() => vacuumRefining(gd, { method: 'sublimation' }), ['NOT_SUPPORTED'])).toBe(true);
  });

  it('vacuumRefining(feed without rare earths, a removal of the principal, or not a metal) throws', () => {
    const iron = makeStream('metal', { Fe: 1 });
    expect(throwsReesim(() => vacuumRefining(iron, { method: 'sublimation' }), ['INFEASIBLE'])).toBe(true);
    const dy = makeStream('metal', { Dy: 1 });
    const own = { method: 'sublimation', removal: { Dy: 0.5 } } as const;
    expect(throwsReesim(() => vacuumRefining(dy, own), ['INFEASIBLE'])).toBe(true);
    const oxide = makeStream('oxide', { Dy: 1 });
    expect(throwsReesim(() => vacuumRefining(oxide, { method: 'sublimation' }), ['NOT_SUPPORTED'])).toBe(
      true,
    );
  });

  it("vacuumRefiningUnit.run({ feed }, { method: 'sublimation' }) matches vacuumRefine", () => {
    const feed = makeStream('metal', { Ho: 5, Er: 1 });
    const params = { method: 'sublimation' } as const;
    expect(vacuumRefiningUnit.run({ feed }, params)).toEqual(vacuumRefining(feed, params));
    expect(vacuumRefiningUnit.kind).toBe('vacuum-refining');
  });
});
