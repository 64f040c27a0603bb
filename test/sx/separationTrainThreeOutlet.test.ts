// Three-outlet cascades in a separation train (src/sx/design/separationTrain*.ts): the classic Sm | Eu | Gd
// case of ree-data §3.8b (ZZS16: a Eu concentrate of >= 40 % drawn from the scrub section of one cascade
// instead of the Eu/Sm and Gd/Eu cuts), candidates the screen rules out, `threeOutlet: 'never'`, and the
// checks of the new options. The feed is §3.8b's (Gd/Eu/Sm = 39/10/51) in mol/h, with P507's factors
// (Eu/Sm 2.0, Gd/Eu 1.4, the ZZS16 design values). Every number the train reports about the choice is
// recomputed here from the pieces it reports (the two-outlet plan of `'never'`, the cascade's own design)
// and the products are re-simulated with simulateCascade.
import { describe, expect, it } from 'vitest';
import {
  designSeparationTrain,
  type SeparationTrain,
  type SeparationTrainRequest,
  type TrainCascade,
  type TrainProgress,
} from '../../src/sx/design/separationTrain.js';
import { chooseThreeOutlets, type Evaluated } from '../../src/sx/design/separationTrainThreeOutlet.js';
import { separationFactorModel } from '../../src/sx/equilibrium/extractants.js';
import { simulateCascade } from '../../src/sx/steady/simulateCascade.js';
import { caught } from '../helpers.js';

const total = (r: Readonly<Record<string, number>>) => Object.values(r).reduce((a, b) => a + b, 0);

/** Paths of the numbers in `value` that are NaN or infinite (designs and simulations left out). */
function nonFinite(value: unknown, path = 'train'): string[] {
  if (typeof value === 'number') return Number.isFinite(value) ? [] : [path];
  if (Array.isArray(value)) return value.flatMap((v, i) => nonFinite(v, `${path}[${i}]`));
  if (value && typeof value === 'object')
    return Object.entries(value)
      .filter(([k]) => k !== 'design')
      .flatMap(([k, v]) => nonFinite(v, `${path}.${k}`));
  return [];
}

/** Feed vs products, element by element, recomputed from the product flows. */
function balanceOf(t: SeparationTrain, feed: Readonly<Record<string, number>>): number {
  return Math.max(
    ...Object.entries(feed).map(
      ([e, x]) => Math.abs(t.products.reduce((a, p) => a + (p.flows[e] ?? 0), 0) - x) / x,
    ),
  );
}

/** A product's purity from its flows. */
function purityOf(t: SeparationTrain, name: string): number {
  const p = t.products.find((x) => x.name === name);
  if (!p) throw new Error(`no product ${name}`);
  return p.elements.reduce((a, e) => a + (p.flows[e] ?? 0), 0) / total(p.flows);
}

/** S·(n + m) of the first two cuts of a two-outlet train, per mol of the first cut's feed. */
function pairHoldup(cuts: readonly TrainCascade[]): {
  stages: number;
  organicLoad: number;
  holdupIndex: number;
} {
  const [a, b] = cuts;
  if (a?.kind !== 'two-outlet' || b?.kind !== 'two-outlet') throw new Error('two two-outlet cuts expected');
  const share = total(b.feed) / total(a.feed);
  return {
    stages: a.stages.total + b.stages.total,
    organicLoad: a.design.organicLoad + b.design.organicLoad * share,
    holdupIndex: a.design.organicLoad * a.stages.total + b.design.organicLoad * share * b.stages.total,
  };
}

const SEG: SeparationTrainRequest = {
  feed: { Sm: 51, Eu: 10, Gd: 39 },
  products: ['Sm', { name: 'Eu', elements: ['Eu'], purity: 0.4 }, 'Gd'],
  purity: 0.999,
};

describe('designSeparationTrain with three-outlet cascades: Sm | Eu concentrate | Gd (ree-data §3.8b feed)', () => {
  const progress: TrainProgress[] = [];
  const auto = designSeparationTrain(SEG, { onProgress: (p) => progress.push(p) });
  const never = designSeparationTrain({ ...SEG, threeOutlet: 'never' });

  it("designSeparationTrain(SEG, 'never') is the plain two-outlet plan: Eu/Sm, then Gd/Eu on its organic", () => {
    expect(never.cascades.map((c) => [c.kind, c.cut])).toEqual([
      ['two-outlet', 'Eu/Sm'],
      ['two-outlet', 'Gd/Eu'],
    ]);
    expect(never.threeOutlet).toEqual([]);
    expect(purityOf(never, 'Sm')).toBeGreaterThanOrEqual(0.999);
    expect(purityOf(never, 'Gd')).toBeGreaterThanOrEqual(0.999);
    expect(purityOf(never, 'Eu')).toBeGreaterThanOrEqual(0.4);
    expect(balanceOf(never, SEG.feed)).toBeLessThanOrEqual(1e-12);
  });

  it("designSeparationTrain(SEG, 'auto') makes Sm, Eu and Gd in one three-outlet cascade with the draw in the scrub section", () => {
    expect(auto.cascades).toHaveLength(1);
    const c = auto.cascades[0] as TrainCascade;
    if (c.kind !== 'three-outlet') throw new Error('a three-outlet cascade was expected');
    expect(c.cut).toBe('Gd/Eu/Sm');
    expect(c.organicProducts).toEqual(['Gd']);
    expect(c.aqueousProducts).toEqual(['Sm']);
    expect(c.middle.product).toBe('Eu');
    expect(c.middle.drawStage).toBeGreaterThan(c.stages.extraction);
    expect(c.middle.drawStage).toBeLessThan(c.stages.total);
    expect(c.middle.drawFraction).toBeCloseTo(c.design.flows.perMolFeed.D / c.design.flows.perMolFeed.W, 12);
    // Reagents and inventory as for a cut: 3 mol NaOH per mol RE loaded (S·F), HCl for what the loaded
    // organic carries, organic L/h × 25/60 h × stages in m³; totals are the cascade's.
    const F = total(SEG.feed);
    expect(c.reagents.NaOH).toBeCloseTo(3 * c.organicLoad * F, 9);
    expect(c.reagents.HCl).toBeCloseTo(3 * c.organicLoad * F, 6);
    expect(c.solventInventory.total).toBeCloseTo((c.organicVolume * (25 / 60) * c.stages.total) / 1000, 9);
    expect(c.holdupIndex).toBeCloseTo(c.organicLoad * c.stages.total, 12);
    expect(auto.totals.stages).toBe(c.stages.total);
    expect(auto.totals.solventInventory).toBeCloseTo(c.solventInventory.total, 12);
    expect(auto.totals.NaOH).toBeCloseTo(c.reagents.NaOH, 9);
    expect(auto.rounds).toBe(2); // the two-outlet plan, then the train around the three-outlet cascade
  });

  it("designSeparationTrain(SEG, 'auto') products meet their purities, balance, and are what the cascade makes when re-simulated", () => {
    expect(purityOf(auto, 'Sm')).toBeGreaterThanOrEqual(0.999);
    expect(purityOf(auto, 'Gd')).toBeGreaterThanOrEqual(0.999);
    expect(purityOf(auto, 'Eu')).toBeGreaterThanOrEqual(0.4);
    expect(auto.balanceError).toBeLessThanOrEqual(1e-12);
    expect(balanceOf(auto, SEG.feed)).toBeLessThanOrEqual(1e-12);
    const c = auto.cascades[0] as TrainCascade;
    if (c.kind !== 'three-outlet') throw new Error('a three-outlet cascade was expected');
    const r = simulateCascade({
      stages: { extraction: c.stages.extraction, scrub: c.stages.scrub },
      feed: { flows: SEG.feed, volume: c.feedVolume },
      organic: { volume: c.organicVolume },
      scrub: { volume: c.scrubVolume, reflux: c.reflux },
      equilibrium: separationFactorModel('P507', ['Sm', 'Eu', 'Gd']),
      draws: [{ stage: c.middle.drawStage, phase: 'aqueous', fraction: c.middle.drawFraction }],
    });
    const product = (name: string) => auto.products.find((p) => p.name === name)?.flows ?? {};
    for (const e of ['Sm', 'Eu', 'Gd']) {
      expect(product('Gd')[e]).toBeCloseTo(r.product.flows[e] as number, 9);
      expect(product('Eu')[e]).toBeCloseTo(r.draws[0]?.flows[e] as number, 9);
      expect(product('Sm')[e]).toBeCloseTo(r.raffinate.flows[e] as number, 9);
    }
    expect(nonFinite(auto)).toEqual([]);
  });

  it("designSeparationTrain(SEG, 'auto') reports the saving = pair − three-outlet, recomputed from the two-outlet plan and the cascade", () => {
    expect(auto.threeOutlet).toHaveLength(1);
    const k = auto.threeOutlet[0];
    if (!k?.threeOutlet || !k.saving || !k.screen) throw new Error('a designed candidate was expected');
    expect(k.used).toBe(true);
    expect(k.reason).toBe('smaller holdup');
    expect(k.middle).toBe('Eu');
    expect(k.cuts).toEqual(['Eu/Sm', 'Gd/Eu']);
    expect(k.order).toBe('B-first');
    // The pair is the 'never' train's first two cuts, per mol of the pair's feed.
    const pair = pairHoldup(never.cascades);
    expect(k.pair.stages).toBe(pair.stages);
    expect(k.pair.organicLoad).toBeCloseTo(pair.organicLoad, 12);
    expect(k.pair.holdupIndex).toBeCloseTo(pair.holdupIndex, 10);
    // The three-outlet cascade is the one in the train.
    const c = auto.cascades[0] as TrainCascade;
    if (c.kind !== 'three-outlet') throw new Error('a three-outlet cascade was expected');
    const three = c.design.flows.perMolFeed.S * c.design.stages.total;
    expect(k.threeOutlet.holdupIndex).toBeCloseTo(three, 12);
    expect(k.threeOutlet.stages).toBe(c.stages.total);
    expect(k.saving.holdupIndex).toBeCloseTo(pair.holdupIndex - three, 10);
    expect(k.saving.stages).toBe(pair.stages - c.stages.total);
    expect(k.saving.organicLoad).toBeCloseTo(pair.organicLoad - c.design.flows.perMolFeed.S, 12);
    expect(k.saving.holdupIndex).toBeGreaterThan(0);
    // The screen's floor is S_min × Fenske, below both plans.
    expect(k.screen.lowerBound).toBeCloseTo(k.screen.minimumOrganicLoad * k.screen.fenske, 12);
    expect(k.screen.minimumOrganicLoad).toBeCloseTo(c.design.minimumOrganicLoad, 12);
    expect(k.screen.lowerBound).toBeLessThan(three);
    expect(k.screen.passed).toBe(true);
    // Targets: the pair's end purities and Sm recovery; the Eu concentrate at its 40 %.
    expect(k.targets?.purity.A).toBeCloseTo(k.pair.purity.A, 12);
    expect(k.targets?.purity.B).toBeCloseTo(k.pair.purity.B, 12);
    expect(k.targets?.purity.M).toBeCloseTo(0.4, 5);
    expect(k.threeOutlet.purity.A).toBeGreaterThanOrEqual(k.pair.purity.A);
    expect(k.threeOutlet.purity.B).toBeGreaterThanOrEqual(k.pair.purity.B);
    expect(k.threeOutlet.recovery.B).toBeGreaterThanOrEqual(k.pair.recovery.B - 1e-9);
    expect(auto.simulations).toBe(never.simulations + k.simulations);
  });

  it("designSeparationTrain(SEG, 'auto') reports progress with cut <= cuts and a simulation count that never falls", () => {
    expect(progress.length).toBeGreaterThan(10);
    let last = 0;
    for (const p of progress) {
      expect(p.cut).toBeGreaterThanOrEqual(1);
      expect(p.cut).toBeLessThanOrEqual(p.cuts);
      expect(p.simulations).toBeGreaterThanOrEqual(last);
      expect(p.simulations).toBeLessThanOrEqual(p.maxSimulations);
      last = p.simulations;
    }
    expect(last).toBe(auto.simulations);
    // The last round designs the train around the three-outlet cascade: one cascade.
    expect(progress.at(-1)).toMatchObject({ round: 2, cut: 1, cuts: 1 });
  });
});

describe('designSeparationTrain with two three-outlet cascades, one fed by the other', () => {
  it('designSeparationTrain(Sm | Eu 40 % | Gd | Tb 40 % | Dy) designs the downstream cascade again from the real outlets of the upstream one', () => {
    // Tb/Gd (β 3.5) is cut first; Dy/Tb isolates Tb on its organic, Eu/Sm then Gd/Eu isolate Eu on its
    // raffinate side: two candidates sharing no cut. The Eu cascade was evaluated on the Tb/Gd cut's
    // raffinate; in the train it is fed the Tb cascade's raffinate instead.
    const request: SeparationTrainRequest = {
      feed: { Sm: 30, Eu: 6, Gd: 25, Tb: 6, Dy: 30 },
      products: [
        'Sm',
        { name: 'Eu', elements: ['Eu'], purity: 0.4 },
        'Gd',
        { name: 'Tb', elements: ['Tb'], purity: 0.4 },
        'Dy',
      ],
      purity: 0.999,
    };
    const t = designSeparationTrain(request);
    expect(t.threeOutlet.map((k) => [k.middle, k.used])).toEqual([
      ['Tb', true],
      ['Eu', true],
    ]);
    const [tb, eu] = t.cascades;
    if (tb?.kind !== 'three-outlet' || eu?.kind !== 'three-outlet')
      throw new Error('two three-outlet cascades');
    expect([tb.cut, eu.cut]).toEqual(['Dy/Tb/Gd', 'Gd/Eu/Sm']);
    // The Eu cascade's feed is exactly what the Tb cascade's raffinate carries, and its design is not the
    // one evaluated on the two-outlet plan's feed.
    expect(eu.feed).toEqual(tb.design.simulation.raffinate.flows);
    expect(eu.design).not.toBe(t.threeOutlet[1]?.threeOutlet?.design);
    expect(t.threeOutlet[0]?.threeOutlet?.design).toBe(tb.design);
    for (const [name, need] of [
      ['Sm', 0.999],
      ['Eu', 0.4],
      ['Gd', 0.999],
      ['Tb', 0.4],
      ['Dy', 0.999],
    ] as const)
      expect(purityOf(t, name), name).toBeGreaterThanOrEqual(need);
    expect(balanceOf(t, request.feed)).toBeLessThanOrEqual(1e-12);
    expect(t.totals.stages).toBe(tb.stages.total + eu.stages.total);
  });
});

describe('designSeparationTrain: three-outlet candidates that are not used', () => {
  it('designSeparationTrain(Sm | Eu at 99.9 % | Gd) screens the candidate out without a simulation', () => {
    // A 99.9 % Eu draw: the Gd must climb through a draw stage whose aqueous is 99.9 % Eu, which Underwood's
    // minimum S puts far above the pair's S·(n + m).
    const request = { feed: SEG.feed, purity: 0.999 };
    const t = designSeparationTrain(request);
    const plain = designSeparationTrain({ ...request, threeOutlet: 'never' });
    const k = t.threeOutlet[0];
    expect(t.threeOutlet).toHaveLength(1);
    expect(k?.reason).toBe('screened out');
    expect(k?.used).toBe(false);
    expect(k?.simulations).toBe(0);
    expect(k?.threeOutlet).toBeUndefined();
    expect(k?.screen?.passed).toBe(false);
    expect(k?.screen?.lowerBound).toBeGreaterThanOrEqual(k?.pair.holdupIndex ?? Number.POSITIVE_INFINITY);
    expect(k?.note).toContain('screened out');
    // The train is the two-outlet plan, at its cost.
    expect(t.cascades.map((c) => [c.kind, c.cut, c.stages.total])).toEqual(
      plain.cascades.map((c) => [c.kind, c.cut, c.stages.total]),
    );
    expect(t.simulations).toBe(plain.simulations);
    expect(t.rounds).toBe(plain.rounds);
  });

  it('designSeparationTrain(Gd-rich Sm | Eu 40 % | Gd) designs the candidate and keeps the pair, whose S·(n + m) is smaller', () => {
    const request = { ...SEG, feed: { Sm: 28, Eu: 4, Gd: 69 } };
    const t = designSeparationTrain(request);
    const k = t.threeOutlet[0];
    if (!k?.threeOutlet || !k.saving) throw new Error('a designed candidate was expected');
    expect(k.screen?.passed).toBe(true);
    expect(k.used).toBe(false);
    expect(k.reason).toBe('larger holdup');
    expect(k.saving.holdupIndex).toBeLessThan(0);
    expect(k.saving.holdupIndex).toBeCloseTo(k.pair.holdupIndex - k.threeOutlet.holdupIndex, 12);
    expect(t.cascades.every((c) => c.kind === 'two-outlet')).toBe(true);
    expect(t.cascades.map((c) => c.cut)).toEqual(['Eu/Sm', 'Gd/Eu']);
    expect(purityOf(t, 'Eu')).toBeGreaterThanOrEqual(0.4);
    expect(t.balanceError).toBeLessThanOrEqual(1e-12);
  });

  it('chooseThreeOutlets(two winners sharing a cut) keeps the larger saving and says why the other is left out', () => {
    const winner = (middle: number, name: string, cuts: [string, string], saving: number): Evaluated => {
      const size = { stages: 10, organicLoad: 1, holdupIndex: saving };
      const candidate = {
        middle: name,
        organicProducts: [],
        aqueousProducts: [],
        cuts,
        order: 'A-first' as const,
        used: true,
        reason: 'smaller holdup' as const,
        note: 'used: test',
        pair: { ...size, purity: { A: 1, M: 1, B: 1 }, recovery: { A: 1, M: 1, B: 1 } },
        saving: size,
        simulations: 0,
      };
      return { middle, candidate, fixed: { middle } as never };
    };
    const { fixed, candidates } = chooseThreeOutlets([
      winner(1, 'Ce', ['Ce/La', 'Pr/Ce'], 5),
      winner(2, 'Pr', ['Pr/Ce', 'Nd/Pr'], 8),
      winner(4, 'Sm', ['Eu/Sm', 'Sm/Nd'], 1),
    ]);
    expect([...fixed.keys()].sort()).toEqual([2, 4]);
    expect(candidates.map((c) => [c.middle, c.used, c.reason])).toEqual([
      ['Ce', false, 'shares a cut'],
      ['Pr', true, 'smaller holdup'],
      ['Sm', true, 'smaller holdup'],
    ]);
    expect(candidates[0]?.note).toContain('shares the cut Pr/Ce with the three-outlet cascade for Pr');
  });
});

describe('designSeparationTrain: the threeOutlet option and product purities', () => {
  const FN = 'designSeparationTrain';
  const cases: [string, Record<string, unknown>, string, string][] = [
    ['threeOutlet: always', { threeOutlet: 'always' }, 'UNKNOWN_KEY', `${FN}.threeOutlet`],
    ['threeOutlet: true', { threeOutlet: true }, 'INVALID_TYPE', `${FN}.threeOutlet`],
    [
      'a product purity of 1',
      { products: ['Sm', { name: 'Eu', elements: ['Eu'], purity: 1 }, 'Gd'] },
      'OUT_OF_RANGE',
      `${FN}.products[1].purity`,
    ],
    [
      'a product purity of 0',
      { products: ['Sm', { name: 'Eu', elements: ['Eu'], purity: 0 }, 'Gd'] },
      'OUT_OF_RANGE',
      `${FN}.products[1].purity`,
    ],
    [
      'a product purity as text',
      { products: ['Sm', { name: 'Eu', elements: ['Eu'], purity: '0.4' }, 'Gd'] },
      'INVALID_TYPE',
      `${FN}.products[1].purity`,
    ],
    [
      'an unknown key in a product',
      { products: ['Sm', { name: 'Eu', elements: ['Eu'], grade: 0.4 }, 'Gd'] },
      'UNKNOWN_KEY',
      `${FN}.products[1].grade`,
    ],
  ];
  for (const [what, change, code, path] of cases) {
    it(`designSeparationTrain(${what}) throws ${code} at ${path}`, () => {
      const e = caught(() =>
        designSeparationTrain({ ...SEG, ...change } as unknown as SeparationTrainRequest),
      );
      expect(e.code).toBe(code);
      expect(e.path).toBe(path);
    });
  }
});
