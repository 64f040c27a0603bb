// The run sweep of plain linear cascades (linearRuns.ts) against the whole solve (solveCascade, scalar path of
// speciesSolve.ts): the same elimination, so the same outlets to the bit; and simulateCascade's results for
// those cascades, whose stage flows are formed on first access, against the whole solve's.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { type CascadeSpec, normaliseCascade } from '../../src/sx/cascadeSpec.js';
import { distribution } from '../../src/sx/equilibrium/equilibrium.js';
import { plainLinearOutlets } from '../../src/sx/steady/linearRuns.js';
import { simulateCascade } from '../../src/sx/steady/simulateCascade.js';
import { solveCascade } from '../../src/sx/steady/solveCascade.js';
import { outletAmounts, speciesLayout } from '../../src/sx/steady/speciesSolve.js';

/** A real uniform on [min, max] (fast-check's double favours tiny magnitudes). */
const uniform = (min: number, max: number) =>
  fc.integer({ min: 0, max: 2 ** 30 }).map((i) => min + ((max - min) * i) / 2 ** 30);
const logUniform = (min: number, max: number) => uniform(Math.log(min), Math.log(max)).map(Math.exp);

const plainArb = fc
  .record({
    c: fc.integer({ min: 1, max: 6 }),
    extraction: fc.integer({ min: 1, max: 60 }),
    scrub: fc.integer({ min: 0, max: 40 }),
    feedAt: fc.option(uniform(0, 1), { nil: undefined }),
    organicFeed: fc.boolean(),
    feed: fc.array(fc.oneof(fc.constant(0), logUniform(1e-8, 10)), { minLength: 6, maxLength: 6 }),
    D: fc.array(logUniform(0.01, 100), { minLength: 6, maxLength: 6 }),
    scrubD: fc.option(fc.array(logUniform(0.01, 100), { minLength: 6, maxLength: 6 }), { nil: undefined }),
    preload: fc.option(fc.array(logUniform(1e-6, 1), { minLength: 6, maxLength: 6 }), { nil: undefined }),
    scrubFlows: fc.option(fc.array(logUniform(1e-6, 1), { minLength: 6, maxLength: 6 }), { nil: undefined }),
    organicVolume: logUniform(0.1, 10),
    scrubVolume: logUniform(0.1, 10),
  })
  .map((a): CascadeSpec => {
    const names = Array.from({ length: a.c }, (_, i) => `S${i}`);
    const of = (v: readonly number[]) => Object.fromEntries(names.map((s, i) => [s, v[i] as number]));
    const total = a.extraction + a.scrub;
    const model = distribution(of(a.D));
    return {
      stages: { extraction: a.extraction, scrub: a.scrub },
      feed: {
        flows: of(a.feed),
        volume: 1,
        ...(a.feedAt === undefined ? {} : { stage: 1 + Math.floor(a.feedAt * (total - 1e-9)) }),
        ...(a.organicFeed ? { phase: 'organic' as const } : {}),
      },
      organic: { volume: a.organicVolume, ...(a.preload ? { flows: of(a.preload) } : {}) },
      // A scrub stream always (an organic feed, or a feed below the top, leaves stages without aqueous otherwise).
      scrub: { volume: a.scrubVolume, ...(a.scrubFlows ? { flows: of(a.scrubFlows) } : {}) },
      equilibrium: a.scrubD ? { extraction: model, scrub: distribution(of(a.scrubD)) } : model,
    };
  });

describe('plainLinearOutlets: the run sweep is the whole solve’s elimination', () => {
  it('plainLinearOutlets(random plain linear cascade) equals solveCascade’s raffinate and loaded organic bit for bit', () => {
    fc.assert(
      fc.property(plainArb, (spec) => {
        const p = normaliseCascade(spec);
        const fast = plainLinearOutlets(p);
        const sol = solveCascade(p);
        const whole = outletAmounts(speciesLayout(p), p, sol.x, sol.y);
        expect(fast).toBeDefined();
        expect(Array.from(fast?.raffinate ?? [])).toEqual(Array.from(whole.raffinate));
        expect(Array.from(fast?.loaded ?? [])).toEqual(Array.from(whole.loaded));
      }),
      { numRuns: 300, seed: 1215 },
    );
  });

  it('plainLinearOutlets(cascade with draws, Murphree stages, entrainment or reflux) is undefined', () => {
    const base: CascadeSpec = {
      stages: { extraction: 4, scrub: 2 },
      feed: { flows: { A: 1, B: 1 }, volume: 1 },
      organic: { volume: 1 },
      scrub: { volume: 0.5 },
      equilibrium: distribution({ A: 0.5, B: 2 }),
    };
    for (const spec of [
      { ...base, draws: [{ stage: 3, phase: 'aqueous' as const, fraction: 0.1 }] },
      { ...base, efficiency: { murphree: 0.9, phase: 'organic' as const } },
      { ...base, entrainment: { aqueousInOrganic: 0.01 } },
      { ...base, scrub: { volume: 0.5, reflux: 0.1 } },
      { ...base, equilibrium: distribution({ A: 0.5, B: 2 }, { capacity: 3 }) },
    ])
      expect(plainLinearOutlets(normaliseCascade(spec))).toBeUndefined();
  });
});

describe('simulateCascade(plain linear cascade): stage flows formed on first access', () => {
  it('simulateCascade(random plain linear cascade).stageFlows and .profile equal the whole solve’s; structuredClone and JSON carry them', () => {
    fc.assert(
      fc.property(plainArb, (spec) => {
        const r = simulateCascade(spec);
        const sol = solveCascade(normaliseCascade(spec));
        expect(Array.from(r.stageFlows.aqueous)).toEqual(Array.from(sol.x));
        expect(Array.from(r.stageFlows.organic)).toEqual(Array.from(sol.y));
        // Formed once, then kept.
        expect(r.stageFlows).toBe(r.stageFlows);
        expect(r.profile).toBe(r.profile);
        const c = r.species.length;
        const N = r.stages.total;
        r.species.forEach((s, i) => {
          expect(r.raffinate.flows[s]).toBe(Math.max(0, sol.x[i] as number));
          expect(r.loadedOrganic.flows[s]).toBe(Math.max(0, sol.y[(N - 1) * c + i] as number));
        });
        const clone = structuredClone(r);
        expect(clone.stageFlows.aqueous).toEqual(r.stageFlows.aqueous);
        expect(clone.profile).toEqual(r.profile);
        expect(Object.keys(JSON.parse(JSON.stringify(r)))).toEqual(Object.keys(r));
        expect(Object.keys(r)).toContain('stageFlows');
        expect(Object.keys(r)).toContain('profile');
      }),
      { numRuns: 60, seed: 1216 },
    );
  });
});
