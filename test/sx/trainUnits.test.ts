// A separation train's feed in a declared unit (issue 16: a feed given in kmol/h was read as mol/h, and
// the train printed a solvent inventory and NaOH 1000x too small, without a word).
import { describe, expect, it } from 'vitest';
import { oxideMassPerMole } from '../../src/chemistry/oxide.js';
import { scenarioReport } from '../../src/report/scenarioReport.js';
import { designSeparationTrain } from '../../src/sx/design/separationTrain.js';
import { molPerHour } from '../../src/sx/flowUnits.js';

const kmol = { La: 3.3, Ce: 4.9, Nd: 1.8 };
const mol = { La: 3300, Ce: 4900, Nd: 1800 };

describe('train feed units', () => {
  it('a feed in kmol/h designs the same plant as the same feed in mol/h', () => {
    const a = designSeparationTrain({ feed: kmol, unit: 'kmol/h', purity: 0.99 });
    const b = designSeparationTrain({ feed: mol, purity: 0.99 });
    expect(a.totals).toEqual(b.totals);
    expect(a.cascades.map((c) => c.cut)).toEqual(b.cascades.map((c) => c.cut));
    // Solvent inventory in m³ of a plant of ~10 kmol/h, not of ~10 mol/h.
    expect(a.totals.solventInventory).toBeGreaterThan(100);
  });

  it("'t REO/yr' counts each element as its reported oxide over 8,760 h", () => {
    // 10,000 t/yr of Nd2O3: 1e10 g / 168.24 g per mol Nd / 8,760 h = 6,785 mol/h.
    expect(10_000 * molPerHour('t REO/yr', 'Nd')).toBeCloseTo(1e10 / oxideMassPerMole('Nd') / 8760, 9);
    expect(10_000 * molPerHour('t REO/yr', 'Nd')).toBeCloseTo(6785, 0);
    const tonnes = { La: 3000, Ce: 5000, Nd: 2000 };
    const a = designSeparationTrain({ feed: tonnes, unit: 't REO/yr', purity: 0.99 });
    const asMol = Object.fromEntries(
      Object.entries(tonnes).map(([e, t]) => [e, t * molPerHour('t REO/yr', e)]),
    );
    const b = designSeparationTrain({ feed: asMol, purity: 0.99 });
    expect(a.totals).toEqual(b.totals);
  });

  it('refuses an unknown unit at its path, and the report says which unit the feed was read in', () => {
    expect(() => designSeparationTrain({ feed: kmol, unit: 'kmol/day' as never })).toThrow(
      /designSeparationTrain\.unit/,
    );
    const given = { feed: kmol, unit: 'kmol/h' as const, purity: 0.99 };
    const notes = scenarioReport('train', given, designSeparationTrain(given)).evidence.notes;
    expect(notes).toContain('Feed given in kmol/h, converted to mol/h: every amount here is mol/h.');
    const none = { feed: mol, purity: 0.99 };
    expect(scenarioReport('train', none, designSeparationTrain(none)).evidence.notes.join(' ')).toContain(
      'names no feed unit: the feed was read as mol/h',
    );
  });
});
