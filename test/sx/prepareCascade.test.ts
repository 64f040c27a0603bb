// prepareCascade(spec).solve(changes) against simulateCascade on the spec with the same changes applied: the
// same linear cascade, so the same outlets to round-off (both eliminate in Grassmann–Taksar–Heyman form, every
// amount to a few ulps of its size); each species balances; bad changes fail with a typed error and leave
// nothing behind; neither the spec nor the changes are mutated.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { CascadeDraw, CascadeSpec } from '../../src/sx/cascadeSpec.js';
import { distribution, separationFactors } from '../../src/sx/equilibrium/equilibrium.js';
import type { CascadeChanges } from '../../src/sx/steady/cascadeChanges.js';
import { type PreparedSolution, prepareCascade } from '../../src/sx/steady/prepareCascade.js';
import { type CascadeResult, simulateCascade } from '../../src/sx/steady/simulateCascade.js';
import { badNumber, caught, INVALID_VALUE_CODES } from '../helpers.js';

/** A real uniform on [min, max] (fast-check's double favours tiny magnitudes). */
const uniform = (min: number, max: number) =>
  fc.integer({ min: 0, max: 2 ** 30 }).map((i) => min + ((max - min) * i) / 2 ** 30);
const logUniform = (min: number, max: number) => uniform(Math.log(min), Math.log(max)).map(Math.exp);
const values = (n: number, arb: fc.Arbitrary<number>) => fc.array(arb, { minLength: n, maxLength: n });

const MAX_SPECIES = 5;

const caseArb = fc.record({
  c: fc.integer({ min: 1, max: MAX_SPECIES }),
  extraction: fc.integer({ min: 1, max: 40 }),
  scrub: fc.integer({ min: 0, max: 25 }),
  feedStageShare: fc.option(uniform(0, 1), { nil: undefined }),
  organicFeed: fc.boolean(),
  feed: values(MAX_SPECIES, fc.oneof(fc.constant(0), logUniform(1e-6, 10))),
  D: values(MAX_SPECIES, logUniform(0.05, 20)),
  scrubD: fc.option(values(MAX_SPECIES, logUniform(0.05, 20)), { nil: undefined }),
  preload: fc.option(values(MAX_SPECIES, logUniform(1e-4, 1)), { nil: undefined }),
  scrubFlows: fc.option(values(MAX_SPECIES, logUniform(1e-4, 1)), { nil: undefined }),
  feedVolume: logUniform(0.2, 5),
  organicVolume: logUniform(0.2, 5),
  scrubVolume: logUniform(0.1, 3),
  draws: fc.array(
    fc.record({
      at: uniform(0, 1),
      phase: fc.constantFrom('aqueous' as const, 'organic' as const),
      share: uniform(0.05, 0.6),
      byVolume: fc.boolean(),
    }),
    { maxLength: 2 },
  ),
  murphree: fc.option(
    fc.record({ murphree: uniform(0.4, 1), phase: fc.constantFrom('organic' as const, 'aqueous' as const) }),
    { nil: undefined },
  ),
  entrainment: fc.option(
    fc.record({ aqueousInOrganic: uniform(0, 0.05), organicInAqueous: uniform(0, 0.05) }),
    { nil: undefined },
  ),
  // The changes of one solve.
  change: fc.record({
    feed: fc.option(
      fc.oneof(
        values(MAX_SPECIES, logUniform(1e-6, 10)).map((v) => ({ array: v })),
        fc.record({ name: fc.integer({ min: 0, max: MAX_SPECIES - 1 }), value: uniform(0, 5) }),
      ),
      { nil: undefined },
    ),
    D: fc.option(values(MAX_SPECIES, logUniform(0.05, 20)), { nil: undefined }),
    scrubD: fc.option(values(MAX_SPECIES, logUniform(0.05, 20)), { nil: undefined }),
    feedVolume: fc.option(logUniform(0.2, 5), { nil: undefined }),
    organicVolume: fc.option(logUniform(0.2, 5), { nil: undefined }),
    scrubVolume: fc.option(logUniform(0.1, 3), { nil: undefined }),
  }),
});
type Case = typeof caseArb extends fc.Arbitrary<infer T> ? T : never;

const names = (c: number) => Array.from({ length: c }, (_, i) => `S${i}`);
const byName = (c: number, v: readonly number[]) =>
  Object.fromEntries(names(c).map((s, i) => [s, v[i] as number]));

/** The spec of a case, with its changes applied when `changed`. */
function specOf(a: Case, changed: boolean): CascadeSpec {
  const ch: Partial<Case['change']> = changed ? a.change : {};
  const total = a.extraction + a.scrub;
  const feed = byName(a.c, a.feed);
  if (ch.feed && 'array' in ch.feed) Object.assign(feed, byName(a.c, ch.feed.array));
  else if (ch.feed && ch.feed.name < a.c) feed[`S${ch.feed.name}`] = ch.feed.value;
  const D = ch.D ?? a.D;
  const scrubD = ch.scrubD ?? (ch.D ? undefined : a.scrubD);
  const model = distribution(byName(a.c, D));
  // A scrub model of its own when the case has one (the changed D replaces both sections' ratios).
  const scrubModel = ch.D && !ch.scrubD ? model : scrubD ? distribution(byName(a.c, scrubD)) : model;
  const feedStage =
    a.feedStageShare === undefined ? undefined : 1 + Math.floor(a.feedStageShare * (total - 1e-9));
  // A scrub stream wherever some stage would otherwise have no aqueous flow (above an aqueous feed, or
  // everywhere with an organic feed).
  const hasScrub =
    a.scrub > 0 ||
    a.scrubFlows !== undefined ||
    a.organicFeed ||
    (feedStage !== undefined && feedStage < total);
  const scrubVolume = ch.scrubVolume ?? a.scrubVolume;
  const draws: CascadeDraw[] = [];
  const taken = new Set<string>();
  for (const d of a.draws) {
    if (total < 3) break;
    const stage = 2 + Math.floor(d.at * (total - 2 - 1e-9));
    if (taken.has(`${d.phase}${stage}`)) continue;
    taken.add(`${d.phase}${stage}`);
    // By volume: at most 0.03 aqueous (of at least 0.1) or 0.06 organic (of at least 0.2), so that two
    // draws stay feasible after any change.
    draws.push(
      d.byVolume
        ? { stage, phase: d.phase, volume: d.share * (d.phase === 'aqueous' ? 0.05 : 0.1) }
        : { stage, phase: d.phase, fraction: d.share },
    );
  }
  return {
    stages: { extraction: a.extraction, scrub: a.scrub },
    feed: {
      flows: feed,
      volume: ch.feedVolume ?? a.feedVolume,
      ...(feedStage === undefined ? {} : { stage: feedStage }),
      ...(a.organicFeed ? { phase: 'organic' as const } : {}),
    },
    organic: {
      volume: ch.organicVolume ?? a.organicVolume,
      ...(a.preload ? { flows: byName(a.c, a.preload) } : {}),
    },
    ...(hasScrub
      ? { scrub: { volume: scrubVolume, ...(a.scrubFlows ? { flows: byName(a.c, a.scrubFlows) } : {}) } }
      : {}),
    equilibrium: a.scrub > 0 && scrubModel !== model ? { extraction: model, scrub: scrubModel } : model,
    ...(a.murphree ? { efficiency: a.murphree } : {}),
    ...(a.entrainment ? { entrainment: a.entrainment } : {}),
    ...(draws.length > 0 ? { draws } : {}),
  };
}

/** The changes of a case as prepareCascade takes them. */
function changesOf(a: Case, hasScrub: boolean): CascadeChanges {
  const ch = a.change;
  const feed = !ch.feed
    ? undefined
    : 'array' in ch.feed
      ? Float64Array.from(ch.feed.array.slice(0, a.c))
      : ch.feed.name < a.c
        ? { [`S${ch.feed.name}`]: ch.feed.value }
        : undefined;
  return {
    ...(feed ? { feed } : {}),
    ...(ch.D ? { D: ch.D.slice(0, a.c) } : {}),
    ...(ch.scrubD ? { scrubD: byName(a.c, ch.scrubD) } : {}),
    ...(ch.feedVolume ? { feedVolume: ch.feedVolume } : {}),
    ...(ch.organicVolume ? { organicVolume: ch.organicVolume } : {}),
    ...(ch.scrubVolume && hasScrub ? { scrubVolume: ch.scrubVolume } : {}),
  };
}

/** Largest relative difference of the prepared outlets from simulateCascade's, over species and outlets. */
function largestDifference(p: PreparedSolution, r: CascadeResult, species: readonly string[]): number {
  let worst = 0;
  const compare = (a: Float64Array, b: Readonly<Record<string, number>>) => {
    species.forEach((s, i) => {
      const x = a[i] as number;
      const y = b[s] as number;
      const scale = Math.max(Math.abs(x), Math.abs(y));
      if (scale > 0) worst = Math.max(worst, Math.abs(x - y) / scale);
      if (!Number.isFinite(x)) worst = Number.POSITIVE_INFINITY;
    });
  };
  compare(p.raffinate, r.raffinate.flows);
  compare(p.loadedOrganic, r.loadedOrganic.flows);
  expect(p.draws.length).toBe(r.draws.length);
  p.draws.forEach((d, k) => {
    compare(d, (r.draws[k] as CascadeResult['draws'][number]).flows);
  });
  return worst;
}

describe('prepareCascade(linear spec).solve(changes) equals simulateCascade(spec with the changes)', () => {
  it('prepareCascade(random linear cascade).solve(random changes) gives simulateCascade’s outlets to 1e-12 relative, and every species balances to 1e-12', () => {
    fc.assert(
      fc.property(caseArb, (a) => {
        const base = specOf(a, false);
        const prepared = prepareCascade(base);
        const changes = changesOf(a, base.scrub !== undefined);
        const solved = prepared.solve(changes);
        const expected = simulateCascade(specOf(a, true));
        expect(prepared.species).toEqual(expected.species);
        expect(largestDifference(solved, expected, prepared.species)).toBeLessThanOrEqual(1e-12);
        expect(solved.converged).toBe(true);
        expect(solved.iterations).toBe(1);
        // Conservation, recomputed from the outlets: what enters each species = what leaves.
        const spec = specOf(a, true);
        prepared.species.forEach((s, i) => {
          const input =
            (spec.feed.flows[s] ?? 0) + (spec.organic.flows?.[s] ?? 0) + (spec.scrub?.flows?.[s] ?? 0);
          let out = (solved.raffinate[i] as number) + (solved.loadedOrganic[i] as number);
          for (const d of solved.draws) out += d[i] as number;
          expect(Math.abs(input - out)).toBeLessThanOrEqual(1e-12 * Math.max(input, out));
          expect(solved.balanceError[i]).toBeLessThanOrEqual(1e-12);
        });
        // Unchanged, it is the prepared spec's solution.
        const plain = prepared.solve();
        expect(largestDifference(plain, simulateCascade(base), prepared.species)).toBeLessThanOrEqual(1e-12);
      }),
      { numRuns: 300, seed: 1212 },
    );
  });

  it('prepareCascade(spec).solve() equals simulateCascade(spec) bit for bit on equilibrium stages without draws', () => {
    const spec: CascadeSpec = {
      stages: { extraction: 30, scrub: 20 },
      feed: { flows: { La: 0.5, Ce: 0.3, Pr: 0.2 }, volume: 1 },
      organic: { volume: 1.4 },
      scrub: { volume: 0.4 },
      equilibrium: distribution({ La: 0.4, Ce: 0.9, Pr: 2.1 }),
    };
    const r = simulateCascade(spec);
    const p = prepareCascade(spec).solve();
    expect(Array.from(p.raffinate)).toEqual(['La', 'Ce', 'Pr'].map((s) => r.raffinate.flows[s]));
    expect(Array.from(p.loadedOrganic)).toEqual(['La', 'Ce', 'Pr'].map((s) => r.loadedOrganic.flows[s]));
  });

  it('prepareCascade(spec).solve(changes) does not carry changes over to the next solve', () => {
    const spec: CascadeSpec = {
      stages: { extraction: 5, scrub: 3 },
      feed: { flows: { A: 1, B: 1 }, volume: 1 },
      organic: { volume: 1 },
      scrub: { volume: 0.5 },
      equilibrium: distribution({ A: 0.5, B: 2 }),
    };
    const prepared = prepareCascade(spec);
    const first = prepared.solve();
    prepared.solve({ feed: [3, 0], D: { A: 4 }, organicVolume: 3, scrubVolume: 2, feedVolume: 0.5 });
    expect(prepared.solve()).toEqual(first);
  });
});

describe('prepareCascade: bad changes fail with a typed error', () => {
  const spec: CascadeSpec = {
    stages: { extraction: 4, scrub: 2 },
    feed: { flows: { A: 1, B: 2 }, volume: 1 },
    organic: { volume: 1 },
    scrub: { volume: 0.5 },
    equilibrium: distribution({ A: 0.5, B: 2 }),
    draws: [{ stage: 3, phase: 'aqueous', volume: 0.5 }],
  };
  const cases: [string, unknown, string, string][] = [
    ['an unknown change', { feeds: [1, 2] }, 'UNKNOWN_KEY', 'changes.feeds'],
    ['an unknown species', { feed: { C: 1 } }, 'UNKNOWN_KEY', 'changes.feed.C'],
    ['a NaN amount', { feed: { A: Number.NaN } }, 'NOT_FINITE', 'changes.feed.A'],
    ['a negative amount', { feed: [1, -1] }, 'OUT_OF_RANGE', 'changes.feed[1]'],
    ['an amount above 1e12', { feed: [2e12, 1] }, 'OUT_OF_RANGE', 'changes.feed[0]'],
    ['a string amount', { feed: { B: '1' } }, 'INVALID_TYPE', 'changes.feed.B'],
    ['an array of the wrong length', { feed: [1] }, 'OUT_OF_RANGE', 'changes.feed.length'],
    ['feed that is a number', { feed: 1 }, 'INVALID_TYPE', 'changes.feed'],
    ['a zero ratio', { D: { B: 0 } }, 'OUT_OF_RANGE', 'changes.D.B'],
    ['an infinite ratio', { scrubD: [1, Number.POSITIVE_INFINITY] }, 'NOT_FINITE', 'changes.scrubD[1]'],
    ['a zero organic volume', { organicVolume: 0 }, 'OUT_OF_RANGE', 'changes.organicVolume'],
    ['a NaN feed volume', { feedVolume: Number.NaN }, 'NOT_FINITE', 'changes.feedVolume'],
    ['a null scrub volume', { scrubVolume: null }, 'INVALID_TYPE', 'changes.scrubVolume'],
    ['changes that are an array', [1, 2], 'INVALID_TYPE', 'changes'],
    ['changes that are null', null, 'INVALID_TYPE', 'changes'],
    [
      'a draw by volume above its new flow',
      { scrubVolume: 0.2, feedVolume: 0.2 },
      'INFEASIBLE',
      'cascade.draws[0].volume',
    ],
  ];
  for (const [what, changes, code, path] of cases) {
    it(`prepareCascade(spec).solve(${what}) throws ${code} at ${path}, and the next solve is unaffected`, () => {
      const prepared = prepareCascade(spec);
      const before = prepared.solve();
      const e = caught(() => prepared.solve(changes as CascadeChanges));
      expect(e.code).toBe(code);
      expect(e.path).toBe(path);
      expect(e.expected.length).toBeGreaterThan(0);
      expect(prepared.solve()).toEqual(before);
    });
  }

  it('prepareCascade(spec).solve(any non-finite, negative or non-number value in any change) throws a typed error', () => {
    const prepared = prepareCascade(spec);
    fc.assert(
      fc.property(
        badNumber,
        fc.constantFrom('feed', 'D', 'scrubD', 'feedVolume', 'organicVolume', 'scrubVolume'),
        fc.boolean(),
        (bad, key, asArray) => {
          const changes = key.endsWith('Volume')
            ? { [key]: bad }
            : { [key]: asArray ? [1, bad] : { B: bad } };
          expect(INVALID_VALUE_CODES).toContain(caught(() => prepared.solve(changes)).code);
        },
      ),
      { numRuns: 200, seed: 1213 },
    );
  });

  it('prepareCascade(cascade without a scrub stream).solve({ scrubVolume }) throws NOT_SUPPORTED', () => {
    const prepared = prepareCascade({
      stages: { extraction: 3 },
      feed: { flows: { A: 1 }, volume: 1 },
      organic: { volume: 1 },
      equilibrium: distribution({ A: 1 }),
    });
    expect(caught(() => prepared.solve({ scrubVolume: 1 })).code).toBe('NOT_SUPPORTED');
  });
});

describe('prepareCascade(spec outside linear stages) throws NOT_SUPPORTED', () => {
  const base = {
    stages: { extraction: 3, scrub: 2 },
    feed: { flows: { A: 1, B: 1 }, volume: 1 },
    organic: { volume: 1 },
    scrub: { volume: 0.5 },
  };
  const cases: [string, CascadeSpec, string][] = [
    [
      'separation factors',
      { ...base, equilibrium: separationFactors({ A: 1, B: 2 }) },
      'cascade.equilibrium.kind',
    ],
    [
      'a loading capacity in the scrub',
      {
        ...base,
        equilibrium: {
          extraction: distribution({ A: 1, B: 2 }),
          scrub: distribution({ A: 1, B: 2 }, { capacity: 1 }),
        },
      },
      'cascade.equilibrium.scrub.capacity',
    ],
    [
      'product reflux',
      { ...base, scrub: { volume: 0.5, reflux: 0.1 }, equilibrium: distribution({ A: 1, B: 2 }) },
      'cascade.scrub.reflux',
    ],
    [
      'a strip section',
      {
        ...base,
        equilibrium: distribution({ A: 1, B: 2 }),
        strip: { stages: 2, acid: { amount: 9, volume: 1 } },
      },
      'cascade.strip',
    ],
  ];
  for (const [what, spec, path] of cases) {
    it(`prepareCascade(${what}) throws NOT_SUPPORTED at ${path}`, () => {
      const e = caught(() => prepareCascade(spec));
      expect(e.code).toBe('NOT_SUPPORTED');
      expect(e.path).toBe(path);
    });
  }

  it('prepareCascade(invalid spec) fails as simulateCascade does', () => {
    const bad = { ...base, stages: { extraction: 0 }, equilibrium: distribution({ A: 1, B: 2 }) };
    expect(caught(() => prepareCascade(bad)).path).toBe(caught(() => simulateCascade(bad)).path);
  });
});

describe('prepareCascade does not mutate its inputs', () => {
  it('prepareCascade(spec).solve(changes) leaves the spec and the changes as they were; solutions are fresh arrays', () => {
    fc.assert(
      fc.property(caseArb, (a) => {
        const spec = specOf(a, false);
        const changes = changesOf(a, spec.scrub !== undefined);
        const specCopy = structuredClone(spec);
        const changesCopy = structuredClone(changes);
        const prepared = prepareCascade(spec);
        const one = prepared.solve(changes);
        const two = prepared.solve(changes);
        expect(spec).toEqual(specCopy);
        expect(changes).toEqual(changesCopy);
        expect(two).toEqual(one);
        expect(two.raffinate).not.toBe(one.raffinate);
        one.loadedOrganic.fill(-1);
        expect(prepared.solve(changes)).toEqual(two);
      }),
      { numRuns: 50, seed: 1214 },
    );
  });
});
