// The parallelization study (src/study/parallelTrains.ts, lineMetrics.ts, purityRisk.ts). Oracles: exact
// scaling laws (k identical trains give k× the flows; the stage equations are homogeneous of degree one in
// amounts and volume flows, so a k× train has the base's purity and residence times), the six-tenths rule
// (k^0.6), Xu's minimum flows (the organic ceiling S/S_pinch), Newcombe (1998) for the Wilson interval,
// and the rule that purity needs stages in series.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { evaluateLine } from '../../src/study/lineMetrics.js';
import {
  type BaseLine,
  baseLine,
  betterExtractantTrain,
  designBaseLine,
  fixedOrganicTrain,
  largerTrain,
  organicCeiling,
  parallelTrains,
  splitTrains,
  withStageMargin,
} from '../../src/study/parallelTrains.js';
import { drawPurity, purityRisk, wilsonInterval } from '../../src/study/purityRisk.js';
import { xuDesign } from '../../src/sx/design/xu.js';
import { separationFactors } from '../../src/sx/equilibrium/equilibrium.js';
import { codeOf, near } from '../helpers.js';

const model = separationFactors({ Pr: 1, Nd: 2 });
const target = { organic: 0.999, aqueous: 0.999 };
const base: BaseLine = designBaseLine({
  feed: { Pr: 0.5, Nd: 0.5 },
  feedVolume: 1,
  equilibrium: model,
  purity: target,
});
/** A short line (99 %) for the start-up runs. */
const short: BaseLine = designBaseLine({
  feed: { Pr: 0.5, Nd: 0.5 },
  feedVolume: 1,
  equilibrium: model,
  purity: { organic: 0.99, aqueous: 0.99 },
});
const noStartup = { startups: [] } as const;
const ref = evaluateLine(baseLine(base), noStartup);

describe('designBaseLine', () => {
  it('designBaseLine(β 2, 99.9 %) meets both targets at its verified stages', () => {
    expect(ref.meetsTarget).toBe(true);
    expect(ref.purity.organic).toBeGreaterThanOrEqual(0.999);
    expect(ref.purity.aqueous).toBeGreaterThanOrEqual(0.999);
    expect(ref.evidence.balanceError).toBeLessThanOrEqual(1e-9);
  });

  it('designBaseLine(three species) throws NOT_SUPPORTED', () => {
    const request = { feed: { La: 1, Pr: 1, Nd: 1 }, feedVolume: 1, equilibrium: model, purity: target };
    expect(codeOf(() => designBaseLine(request))).toBe('NOT_SUPPORTED');
  });
});

describe('(a) parallelTrains', () => {
  it('parallelTrains(base, k): output exactly k × base, purity and reagents per tonne unchanged', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 8 }), (k) => {
        const m = evaluateLine(parallelTrains(base, k), noStartup);
        expect(m.output.organic).toBe(k * ref.output.organic);
        expect(m.output.aqueous).toBe(k * ref.output.aqueous);
        expect(m.purity).toEqual(ref.purity);
        expect(m.stageCount).toBe(k * ref.stageCount);
        near(m.solventInventory, k * ref.solventInventory);
        near(m.reagentsPerProduct.NaOH, ref.reagentsPerProduct.NaOH);
        near(m.reagentsPerProduct.HCl, ref.reagentsPerProduct.HCl);
        near(m.capitalIndex, k * ref.capitalIndex);
      }),
      { numRuns: 4 },
    );
  });

  it('parallelTrains(base, 0) throws OUT_OF_RANGE', () => {
    expect(codeOf(() => parallelTrains(base, 0))).toBe('OUT_OF_RANGE');
    expect(codeOf(() => parallelTrains(base, 1.5))).toBe('OUT_OF_RANGE');
  });
});

describe('(b) largerTrain', () => {
  it('largerTrain(base, k): purity of the base (homogeneous equations), k× volume, capital k^0.6', () => {
    for (const k of [2, 4]) {
      const m = evaluateLine(largerTrain(base, k), noStartup);
      near(m.purity.organic, ref.purity.organic, 1e-9);
      near(m.purity.aqueous, ref.purity.aqueous, 1e-9);
      near(m.output.organic, k * ref.output.organic, 1e-9);
      expect(m.stageCount).toBe(ref.stageCount);
      near(m.equipmentVolume, k * ref.equipmentVolume);
      near(m.solventInventory, k * ref.solventInventory);
      near(m.capitalIndex, k ** 0.6 * ref.capitalIndex, 1e-12); // six-tenths rule
    }
  });
});

describe('(c) splitTrains', () => {
  it('splitTrains(base, k): k trains of ⌈n/k⌉ + ⌈m/k⌉ stages fall below both targets', () => {
    for (const k of [2, 4]) {
      const option = splitTrains(base, k);
      const s = base.design.stages;
      expect(option.train.stages).toEqual({
        extraction: Math.ceil(s.extraction / k),
        scrub: Math.ceil(s.scrub / k),
      });
      const m = evaluateLine(option, noStartup);
      expect(m.stageCount).toBeGreaterThanOrEqual(ref.stageCount);
      expect(m.purity.organic).toBeLessThan(target.organic);
      expect(m.purity.aqueous).toBeLessThan(target.aqueous);
      expect(m.meetsTarget).toBe(false);
    }
  });
});

describe('(d) fixedOrganicTrain', () => {
  it("organicCeiling(base) is S / S_pinch of Xu's design at the targets", () => {
    const xu = xuDesign({ feed: { A: 0.5, B: 0.5 }, beta: 2, purity: target });
    near(organicCeiling(base), xu.organicLoad / xu.pinch.S, 1e-9);
  });

  it('fixedOrganicTrain(base, 1.1): the base organic flow, more feed, more stages, targets met', () => {
    const option = fixedOrganicTrain(base, 1.1);
    near(option.train.organic.volume, base.train.organic.volume, 1e-12);
    const m = evaluateLine(option, noStartup);
    expect(m.meetsTarget).toBe(true);
    near(m.feed, 1.1 * ref.feed, 1e-12);
    expect(m.stages.total).toBeGreaterThan(ref.stages.total);
    // Less organic per mol feed: less saponification base per tonne.
    expect(m.reagentsPerProduct.NaOH).toBeLessThan(ref.reagentsPerProduct.NaOH);
  });

  it('fixedOrganicTrain(base, f >= ceiling) throws INFEASIBLE', () => {
    expect(codeOf(() => fixedOrganicTrain(base, organicCeiling(base) * 1.01))).toBe('INFEASIBLE');
    expect(codeOf(() => fixedOrganicTrain(base, 2))).toBe('INFEASIBLE');
    expect(codeOf(() => fixedOrganicTrain(base, 1))).toBe('OUT_OF_RANGE');
  });
});

describe('(e) betterExtractantTrain', () => {
  it('betterExtractantTrain(base, β 3, 2): fewer stages, less solvent and reagent per tonne, targets met', () => {
    const m = evaluateLine(betterExtractantTrain(base, 3, 2), noStartup);
    const b = evaluateLine(largerTrain(base, 2), noStartup);
    expect(m.meetsTarget).toBe(true);
    expect(m.stages.total).toBeLessThan(ref.stages.total);
    near(m.feed, 2 * ref.feed, 1e-12);
    expect(m.solventInventory).toBeLessThan(b.solventInventory);
    expect(m.reagentsPerProduct.NaOH).toBeLessThan(ref.reagentsPerProduct.NaOH);
  });
});

describe('start-up', () => {
  // The short line (99 %, 14 + 13 stages): 3,000 h are enough for every start-up to settle.
  const assumptions = {
    startups: ['feed', 'totalReflux', 'preloaded'],
    horizon: 3000,
    totalRefluxDuration: 100,
  } as const;
  const a = evaluateLine(parallelTrains(short, 2), assumptions);
  const b = evaluateLine(largerTrain(short, 2), assumptions);
  const c = evaluateLine(splitTrains(short, 2), assumptions);
  const run = (m: typeof a, policy: string) => m.startup.find((r) => r.policy === policy);

  it('evaluateLine: (a) and (b) start up alike (the same equations scaled), for every policy and metric', () => {
    expect(a.startup.map((r) => r.policy)).toEqual(['feed', 'totalReflux', 'preloaded']);
    for (const policy of ['feed', 'totalReflux', 'preloaded']) {
      const ra = run(a, policy);
      const rb = run(b, policy);
      expect(rb?.product).toEqual(ra?.product);
      expect(rb?.raffinate).toEqual(ra?.raffinate);
      expect(rb?.timeToFlowBand).toBe(ra?.timeToFlowBand);
    }
    for (const m of [a, b, c]) expect(m.evidence.startupBalanceError).toBeLessThanOrEqual(1e-9);
  });

  it('evaluateLine: from a feed fill, both products meet 99 % at timeToSpec (the later of the two), after the flows enter their 1e-3 band', () => {
    const feed = run(a, 'feed');
    expect(feed?.product.timeToSpec).toBeDefined();
    expect(feed?.raffinate.timeToSpec).toBeDefined();
    expect(feed?.timeToSpec).toBe(
      Math.max(feed?.product.timeToSpec as number, feed?.raffinate.timeToSpec as number),
    );
    // The flow band is as wide as the whole impurity budget: it is reached first.
    expect(feed?.timeToFlowBand as number).toBeLessThan(feed?.timeToSpec as number);
    // The train takes up rare earths: it holds more at the end than the feed fill put in.
    const held = (x: Readonly<Record<string, number>>) => (x.Pr ?? 0) + (x.Nd ?? 0);
    expect(held(feed?.inventory.final ?? {})).toBeGreaterThan(held(feed?.inventory.initial ?? {}));
    expect(feed?.inventory.largest.Pr).toBeGreaterThanOrEqual(feed?.inventory.final.Pr ?? Number.NaN);
  });

  it('evaluateLine: pre-loaded starts on target (0 h); total reflux counts from time 0 and ends later; the split trains (c) never meet 99 % but settle sooner', () => {
    expect(run(a, 'preloaded')?.timeToSpec).toBe(0);
    expect(run(a, 'preloaded')?.product.timeToSteadyImpurity).toBe(0);
    expect(run(a, 'totalReflux')?.timeToSpec as number).toBeGreaterThan(run(a, 'feed')?.timeToSpec as number);
    expect(run(a, 'totalReflux')?.raffinate.timeToSpec as number).toBeGreaterThanOrEqual(100);
    expect(run(c, 'feed')?.timeToSpec).toBeUndefined();
    expect(run(c, 'feed')?.product.timeToSteadyImpurity as number).toBeLessThan(
      run(a, 'feed')?.product.timeToSteadyImpurity as number,
    );
  });

  it('evaluateLine(bad start-up assumptions) throws', () => {
    expect(codeOf(() => evaluateLine(baseLine(base), { tolerance: 1 }))).toBe('OUT_OF_RANGE');
    expect(codeOf(() => evaluateLine(baseLine(base), { bad: 1 } as never))).toBe('UNKNOWN_KEY');
    expect(codeOf(() => evaluateLine(baseLine(base), { startups: ['hot'] } as never))).toBe('UNKNOWN_KEY');
    expect(codeOf(() => evaluateLine(baseLine(base), { startups: 'feed' } as never))).toBe('INVALID_TYPE');
    expect(codeOf(() => evaluateLine(baseLine(base), { impurityWithin: 2 }))).toBe('OUT_OF_RANGE');
    expect(codeOf(() => evaluateLine(baseLine(base), { totalRefluxDuration: 0 }))).toBe('OUT_OF_RANGE');
  });
});

describe('with a strip section (designBaseLine({ strip: {} }))', () => {
  // The short line again, each train with a strip section designed by designCascade's defaults (5 mol/L acid,
  // 10 % excess, strip D 0.05 assumed, residual loading from the raffinate target).
  const stripped: BaseLine = designBaseLine({
    feed: { Pr: 0.5, Nd: 0.5 },
    feedVolume: 1,
    equilibrium: model,
    purity: { organic: 0.99, aqueous: 0.99 },
    strip: {},
  });
  const assumptions = { startups: ['feed', 'preloaded'], horizon: 3000 } as const;
  const a = evaluateLine(parallelTrains(stripped, 2), assumptions);
  const b = evaluateLine(largerTrain(stripped, 2), assumptions);
  const run = (m: typeof a, policy: string) => m.startup.find((r) => r.policy === policy);

  it('every train carries the designed strip section; stages, solvent and acid count it', () => {
    const d = stripped.design;
    const st = stripped.train.strip;
    expect(st?.stages).toBe(d.strip?.stages);
    expect(a.stages.strip).toBe(st?.stages);
    expect(a.stages.total).toBe(d.stages.extraction + d.stages.scrub + (st?.stages ?? 0));
    expect(a.stageCount).toBe(2 * a.stages.total);
    // A saturated organic has one volume flow through every stage, strip stages included: the solvent
    // inventory is O × (mixer + settler residence) × all stages × trains.
    const residence = 5 / 60 + 20 / 60;
    expect(a.solventInventory).toBeCloseTo(2 * stripped.train.organic.volume * residence * a.stages.total, 9);
    // Strip acid as supplied: 3 (1 + 10 % excess) mol H+ per mol RE the organic carries (S per mol feed).
    expect(a.reagents.acid).toBeCloseTo(2 * 3 * 1.1 * d.organicLoad * 1, 9);
    expect(a.strip?.acidConsumed).toBeLessThan(a.reagents.acid);
    expect((a.strip?.acidConsumed ?? 0) + (a.strip?.acidFree ?? 0)).toBeCloseTo(a.reagents.acid, 9);
    expect(a.strip?.residualLoading).toBeGreaterThan(0);
    expect(a.meetsTarget).toBe(true);
    // The (b) train is the (a) train scaled, strip acid included: the same purity and per-tonne reagents.
    expect(b.purity.organic).toBeCloseTo(a.purity.organic, 12);
    expect(b.reagentsPerProduct.HCl).toBeCloseTo(a.reagentsPerProduct.HCl, 12);
    expect(largerTrain(stripped, 2).train.strip?.acid.volume).toBeCloseTo(2 * (st?.acid.volume ?? 0), 12);
  });

  it('start-ups run the strip stages: pre-loaded on target at 0 h, a feed fill meets 99 %, (a) and (b) alike, balanced', () => {
    expect(run(a, 'preloaded')?.timeToSpec).toBe(0);
    const feed = run(a, 'feed');
    expect(feed?.timeToSpec).toBeDefined();
    expect(run(b, 'feed')?.product).toEqual(feed?.product);
    expect(run(b, 'feed')?.raffinate).toEqual(feed?.raffinate);
    expect(a.evidence.startupBalanceError).toBeLessThanOrEqual(1e-9);
    // The strip stages hold rare earths too: the pre-loaded train holds more than without a strip section.
    const plain = evaluateLine(parallelTrains(short, 2), { startups: ['preloaded'], horizon: 10 });
    const held = (m: typeof a) => {
      const x = run(m, 'preloaded')?.inventory.initial ?? {};
      return (x.Pr ?? 0) + (x.Nd ?? 0);
    };
    expect(held(a)).toBeGreaterThan(held(plain));
  });
});

describe('purityRisk', () => {
  it("wilsonInterval(81, 263) is Newcombe (1998)'s 0.2553 to 0.3662; (0, 20) tops at z²/(n + z²)", () => {
    const w = wilsonInterval(81, 263);
    expect(w.lower).toBeCloseTo(0.2553, 4);
    expect(w.upper).toBeCloseTo(0.3662, 4);
    const z2 = 1.959963984540054 ** 2;
    expect(wilsonInterval(0, 20).lower).toBe(0);
    near(wilsonInterval(0, 20).upper, z2 / (20 + z2), 1e-12);
  });

  it('drawPurity at the nominal inputs reproduces the design (the product draw formula is its split)', () => {
    const p = drawPurity(baseLine(base), { betaFactor: 1, keyFraction: 0.5, murphree: 1 });
    near(p.organic, ref.purity.organic, 1e-9);
    near(p.aqueous, ref.purity.aqueous, 1e-9);
    expect(p.meets).toBe(true);
  });

  it('purityRisk with no uncertainty meets with probability 1; with a lower β never', () => {
    const none = { betaSpread: 0, keyFraction: { min: 0.5, max: 0.5 }, murphree: { min: 1, max: 1 } };
    expect(purityRisk(baseLine(base), none, { runs: 3, seed: 's' }).probability).toBe(1);
    const p = drawPurity(baseLine(base), { betaFactor: 0.95, keyFraction: 0.5, murphree: 1 });
    expect(p.meets).toBe(false);
  });

  it('purityRisk is deterministic for a seed, and (a) and (b) agree draw by draw', () => {
    const run = { runs: 12, seed: 'fixed' };
    const one = purityRisk(parallelTrains(base, 2), {}, run);
    expect(purityRisk(parallelTrains(base, 2), {}, run)).toEqual(one);
    const larger = purityRisk(largerTrain(base, 2), {}, run);
    expect(larger.met).toBe(one.met);
    near(larger.purity.organic.median, one.purity.organic.median, 1e-9);
    expect(one.interval.lower).toBeLessThanOrEqual(one.probability);
    expect(one.interval.upper).toBeGreaterThanOrEqual(one.probability);
  });

  it('purityRisk: a stage margin raises the chance of meeting the targets', () => {
    const run = { runs: 30, seed: 'margin' };
    const bare = purityRisk(baseLine(base), {}, run);
    const safe = purityRisk(withStageMargin(baseLine(base), 0.5), {}, run);
    expect(safe.probability).toBeGreaterThan(bare.probability);
  });

  it('purityRisk(bad runs or ranges) throws', () => {
    expect(codeOf(() => purityRisk(baseLine(base), {}, { runs: 0, seed: 's' }))).toBe('OUT_OF_RANGE');
    const inverted = { murphree: { min: 1, max: 0.9 } };
    expect(codeOf(() => purityRisk(baseLine(base), inverted, { runs: 1, seed: 's' }))).toBe('OUT_OF_RANGE');
    const draw = { betaFactor: 1, keyFraction: 0.5, murphree: 0 };
    expect(codeOf(() => drawPurity(baseLine(base), draw))).toBe('OUT_OF_RANGE');
  });
});
