// Th and U activity of products. Oracles: the published specific activities of natural thorium (Th-232,
// 4.07 kBq/g) and natural uranium's U-238 (12.4 kBq/g; e.g. IAEA Safety Reports Series 49, NORM data), the
// closed form A = ln2 / T½ · N_A · θ / M computed here by hand, and the 1 Bq/g exemption level (IAEA GSR
// Part 3, Schedule I) in ppm.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  EXEMPTION_BQ_PER_G,
  parentActivity,
  productRadioactivity,
} from '../../src/chemistry/radioactivity.js';

describe('parentActivity', () => {
  it('Th-232 per g Th and U-238 per g natural U match the published 4.07 and 12.4 kBq/g', () => {
    expect(parentActivity('Th') / 1000).toBeCloseTo(4.07, 2);
    expect(parentActivity('U') / 1000).toBeCloseTo(12.35, 1);
    // By hand: ln 2 / (1.40e10 y · 3.15576e7 s/y) · 6.02214076e23 / 232.0377 g/mol.
    const byHand = (Math.LN2 / (1.4e10 * 3.15576e7)) * (6.02214076e23 / 232.0377);
    expect(parentActivity('Th')).toBeCloseTo(byHand, 6);
  });

  it('1 Bq/g is 246 ppm Th or 81 ppm U', () => {
    expect(productRadioactivity(246e-6, 0, 1).th232).toBeCloseTo(1, 2);
    expect(productRadioactivity(246e-6, 0, 1).aboveExemption).toBe(true);
    expect(productRadioactivity(245e-6, 0, 1).aboveExemption).toBe(false);
    expect(productRadioactivity(0, 81e-6, 1).u238).toBeCloseTo(1, 2);
    expect(EXEMPTION_BQ_PER_G).toBe(1);
  });

  it('is linear in content and independent of the flow unit (random flows)', () => {
    fc.assert(
      fc.property(
        fc.double({ min: 0, max: 1e-2, noNaN: true }),
        fc.double({ min: 0, max: 1e-2, noNaN: true }),
        fc.double({ min: 1e-3, max: 1e6, noNaN: true }),
        (th, u, dry) => {
          const r = productRadioactivity(th * dry, u * dry, dry);
          expect(r.thoriumPpm).toBeCloseTo(th * 1e6, 6);
          expect(r.uraniumPpm).toBeCloseTo(u * 1e6, 6);
          expect(r.th232).toBeCloseTo(th * parentActivity('Th'), 6);
          expect(r.aboveExemption).toBe(Math.max(r.th232, r.u238) >= 1);
        },
      ),
      { seed: 13, numRuns: 500 },
    );
    expect(productRadioactivity(1, 1, 0)).toMatchObject({ thoriumPpm: 0, th232: 0, aboveExemption: false });
  });
});
