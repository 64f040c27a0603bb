import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ELEMENT_SYMBOLS } from '../../src/chemistry/elements.js';
import { ampereHoursPerKg, FARADAY, kgPerAmpereHour } from '../../src/chemistry/faraday.js';
import { INVALID_VALUE_CODES, throwsReesim } from '../helpers.js';

describe('faraday', () => {
  it('FARADAY is N_A·e = 96485.33212 C/mol (exact, SI 2019)', () => {
    expect(FARADAY).toBeCloseTo(96485.33212, 5);
  });

  // ree-data §6.4, Faraday numbers [D, H]: Nd 557.4 Ah/kg (1.794 g/Ah), Pr 570.6, Dy 494.8.
  it("ampereHoursPerKg('Nd') is 557.4 and kgPerAmpereHour('Nd') 1.794 g/Ah", () => {
    const byHand = (3 * 96485.33212) / 3.6 / 144.242; // z F / (3.6 M), Ah per kg
    expect(ampereHoursPerKg('Nd')).toBeCloseTo(byHand, 6);
    expect(ampereHoursPerKg('Nd')).toBeCloseTo(557.4, 1);
    expect(kgPerAmpereHour('Nd') * 1000).toBeCloseTo(1.794, 3);
  });

  it("ampereHoursPerKg('Pr') is 570.6 and ampereHoursPerKg('Dy') 494.8", () => {
    expect(ampereHoursPerKg('Pr')).toBeCloseTo(570.6, 1);
    expect(ampereHoursPerKg('Dy')).toBeCloseTo(494.8, 1);
  });

  it('ampereHoursPerKg(el, z) is proportional to z and the inverse of kgPerAmpereHour', () => {
    fc.assert(
      fc.property(fc.constantFrom(...ELEMENT_SYMBOLS), fc.integer({ min: 1, max: 6 }), (el, z) => {
        const ah = ampereHoursPerKg(el, z);
        expect(ah / ampereHoursPerKg(el, 1)).toBeCloseTo(z, 12);
        expect(ah * kgPerAmpereHour(el, z)).toBeCloseTo(1, 12);
      }),
      { numRuns: 200 },
    );
  });

  it('ampereHoursPerKg(bad element or valence) throws ReesimError', () => {
    fc.assert(
      fc.property(
        fc.oneof(
          fc.record({ el: fc.constant('Xx'), z: fc.constant(3) }),
          fc.record({
            el: fc.constant('Nd'),
            z: fc.constantFrom<unknown>(0, -1, 2.5, Number.NaN, Number.POSITIVE_INFINITY, '3', null),
          }),
        ),
        ({ el, z }) => throwsReesim(() => ampereHoursPerKg(el as 'Nd', z as number), INVALID_VALUE_CODES),
      ),
      { numRuns: 100 },
    );
  });
});
