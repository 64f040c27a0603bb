// The whole SX plant: a separation train of designed and verified cascades (src/sx/design/separationTrain.ts);
// three-outlet cascades in the train: separationTrainThreeOutlet.test.ts.
import { describe, expect, it } from 'vitest';
import { designSeparationTrain } from '../../src/sx/design/separationTrain.js';
import { codeOf } from '../helpers.js';

// Mountain Pass bastnäsite rare-earth distribution, mol % of the REO (ree-data 5.x / CH06 via the deposit
// catalogue, rounded): La 33, Ce 49, Pr 4.3, Nd 12, Sm 0.8, Eu 0.1, Gd 0.2; here as mol/h.
const MP = { La: 33, Ce: 49, Pr: 4.3, Nd: 12, Sm: 0.8, Eu: 0.1, Gd: 0.2 };

describe('designSeparationTrain', () => {
  const train = designSeparationTrain({
    feed: MP,
    products: ['La', 'Ce', 'Pr', 'Nd', 'Sm', { name: 'EuGd', elements: ['Eu', 'Gd'] }],
    purity: 0.999,
  });

  it('separates a Mountain Pass chloride into La, Ce, Pr, Nd and Sm at ≥ 99.9 % each (issue 3)', () => {
    for (const name of ['La', 'Ce', 'Pr', 'Nd', 'Sm']) {
      const p = train.products.find((x) => x.name === name);
      expect(p?.purity, name).toBeGreaterThanOrEqual(0.999);
      // Purity recomputed from the product's flows, not taken from the field.
      const flows = p?.flows ?? {};
      const all = Object.values(flows).reduce((a, b) => a + b, 0);
      expect((flows[name] as number) / all).toBeGreaterThanOrEqual(0.999);
    }
  });

  it('takes the easiest cut first: Sm/Nd (β = 8) before Ce/La (5.5), Pr/Ce (1.85) and Nd/Pr (1.5)', () => {
    // P507 adjacent factors (ree-data 2.2 via src/sx/extractants.ts): Sm/Nd 8 > Ce/La 5.5 > Eu/Sm 2 > ...
    expect(train.cascades[0]?.cut).toBe('Sm/Nd');
    expect(train.cascades.map((c) => c.cut).sort()).toEqual(['Ce/La', 'Eu/Sm', 'Nd/Pr', 'Pr/Ce', 'Sm/Nd']);
  });

  it('closes the species balance over the train and charges 3 mol NaOH and 3 mol HCl per mol RE loaded', () => {
    expect(train.balanceError).toBeLessThanOrEqual(1e-9);
    for (const c of train.cascades) {
      if (c.kind !== 'two-outlet') throw new Error(`${c.cut}: a two-outlet cut was expected`);
      const F = Object.values(c.feed).reduce((a, b) => a + b, 0);
      expect(c.reagents.NaOH).toBeCloseTo(3 * c.design.organicLoad * F, 6);
      expect(c.reagents.HCl).toBeCloseTo(3 * c.design.organicLoad * F, 6);
      // Solvent inventory = organic L/h × 25/60 h per stage × stages, in m³.
      expect(c.solventInventory.total).toBeCloseTo((c.organicVolume * (25 / 60) * c.stages.total) / 1000, 9);
      expect(c.design.simulation.converged).toBe(true);
    }
    const stages = train.cascades.reduce((a, c) => a + c.stages.total, 0);
    expect(train.totals.stages).toBe(stages);
  });

  it('needs at least the Fenske minimum in each cut (ln[(P/(1−P))²]/ln β with its targets)', () => {
    for (const c of train.cascades) {
      if (c.kind !== 'two-outlet') throw new Error(`${c.cut}: a two-outlet cut was expected`);
      const beta = c.design.beta.extraction;
      const P = Math.min(c.purity.organic, c.purity.aqueous);
      expect(c.stages.total).toBeGreaterThanOrEqual(
        Math.floor(Math.log((P / (1 - P)) ** 2) / Math.log(beta)) - 1,
      );
    }
  });

  it('screens out every three-outlet candidate: a 99.9 % middle product needs S far above the pair (Underwood)', () => {
    // Candidates: Sm between Nd… and EuGd, Ce between La and Pr…, Pr between Ce and Nd. A side draw of a
    // nearly pure middle product carries the A group up through a stage whose aqueous is all but free of it,
    // so S_min × Fenske exceeds the pair's S·(n + m) many times over and nothing is simulated for them.
    expect(train.threeOutlet.map((k) => k.middle).sort()).toEqual(['Ce', 'Pr', 'Sm']);
    for (const k of train.threeOutlet) {
      expect(k.used).toBe(false);
      expect(k.reason).toBe('screened out');
      expect(k.simulations).toBe(0);
      expect(k.screen?.lowerBound).toBeGreaterThanOrEqual(k.pair.holdupIndex);
    }
    expect(train.cascades.every((c) => c.kind === 'two-outlet')).toBe(true);
  });

  it('rejects bad requests with typed errors and paths', () => {
    expect(codeOf(() => designSeparationTrain({ feed: { La: 1, Xx: 1 } }))).toBe('UNKNOWN_KEY');
    expect(codeOf(() => designSeparationTrain({ feed: { La: 1, Ce: -1 } }))).toBe('OUT_OF_RANGE');
    expect(codeOf(() => designSeparationTrain({ feed: { La: 1 } }))).toBe('OUT_OF_RANGE');
    expect(codeOf(() => designSeparationTrain({ feed: { La: 1, Ce: 1 }, products: ['La'] }))).toBe('MISSING');
    expect(
      codeOf(() =>
        designSeparationTrain({
          feed: { La: 1, Ce: 1, Nd: 1 },
          products: [{ name: 'LaNd', elements: ['La', 'Nd'] }, 'Ce'],
        }),
      ),
    ).toBe('INVALID_TYPE');
    expect(codeOf(() => designSeparationTrain({ feed: { La: 1, Ce: 1 }, system: 'TBP' }))).toBe(
      'UNKNOWN_KEY',
    );
    expect(codeOf(() => designSeparationTrain({ feed: { La: 1, Ce: 1 }, purity: 1 }))).toBe('OUT_OF_RANGE');
  });
});
