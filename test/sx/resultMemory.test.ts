// A solve's work arrays are scratch (src/core/scratch.ts): the next solve reuses their memory. So a
// result must keep only memory of its own: its stage flows (and the strip section's) hold the same numbers
// however many solves follow, its lazily formed profile agrees with a fresh solve's, and its typed arrays
// own their buffer (structured cloning a result copies its own numbers, not a shared 64 KiB buffer).
import { setFlagsFromString } from 'node:v8';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { fuzzCaseArb } from '../../scripts/fuzz-steady.js';
import { ReesimError } from '../../src/core/errors.js';
import type { CascadeSpec } from '../../src/sx/cascadeSpec.js';
import { distribution, separationFactors } from '../../src/sx/equilibrium/equilibrium.js';
import { type CascadeResult, simulateCascade } from '../../src/sx/steady/simulateCascade.js';

/** The result, or undefined for a spec without a steady state (the fuzz family includes some). */
function solve(spec: CascadeSpec): CascadeResult | undefined {
  try {
    return simulateCascade(spec);
  } catch (e) {
    if (e instanceof ReesimError) return undefined;
    throw e;
  }
}

const flowArrays = (r: CascadeResult) => [
  r.stageFlows.aqueous,
  r.stageFlows.organic,
  ...(r.strip ? [r.strip.stageFlows.aqueous, r.strip.stageFlows.organic] : []),
];

const copy = (r: CascadeResult) => flowArrays(r).map((a) => [...a]);

/** A strip section on a distribution model (the strip's own solve), small enough to be quick. */
const stripped = (D: number): CascadeSpec => ({
  stages: { extraction: 4, scrub: 2 },
  feed: { flows: { A: 0.6, B: 0.4 }, volume: 1 },
  organic: { volume: 2 },
  scrub: { volume: 0.5 },
  equilibrium: distribution({ A: D, B: 0.5 }),
  strip: { stages: 3, acid: { amount: 5, volume: 1 }, distribution: 0.2 },
  draws: [{ stage: 2, phase: 'aqueous', fraction: 0.1 }],
});

describe('results keep memory of their own', () => {
  it('simulateCascade(A), then other solves: A’s stage flows are unchanged, own their buffers, and its profile matches a fresh solve', () => {
    const caseArb = fuzzCaseArb({ maxWork: 600 });
    fc.assert(
      fc.property(caseArb, caseArb, fc.double({ min: 0.5, max: 5, noNaN: true }), (a, b, D) => {
        const specs = [a.spec, stripped(D)];
        for (const spec of specs) {
          const r = solve(spec);
          if (!r) continue;
          const before = copy(r);
          solve(spec);
          solve(b.spec);
          solve(stripped(D * 1.5));
          expect(copy(r)).toEqual(before);
          for (const arr of flowArrays(r)) {
            // Each pair shares one buffer at most: its own numbers and nothing else.
            expect(arr.buffer.byteLength).toBeLessThanOrEqual(2 * arr.byteLength);
          }
          expect(r.profile).toEqual((solve(spec) as CascadeResult).profile);
        }
      }),
      { numRuns: 40 },
    );
  });
});

describe('results share their shape', () => {
  // Getters written in a result's literal are new closures per result: V8 gave every result dictionary
  // (slow) properties with accessors of its own, and what the closures captured (the normalised cascade, the
  // work arrays) survived the scavenges until a full collection. %HasFastProperties and %HaveSameMap (V8's
  // test intrinsics) tell an ordinary object with a shared shape; they need --allow-natives-syntax, set here
  // before the checking functions are compiled.
  setFlagsFromString('--allow-natives-syntax');
  const hasFastProperties = new Function('a', 'return %HasFastProperties(a)') as (a: unknown) => boolean;
  const haveSameMap = new Function('a', 'b', 'return %HaveSameMap(a, b)') as (
    a: unknown,
    b: unknown,
  ) => boolean;

  it('two solves of different cascades (with and without a strip section, plain linear and saturated) give ordinary objects with one shape per kind', () => {
    const linear = (D: number): CascadeSpec => ({
      stages: { extraction: 5, scrub: 3 },
      feed: { flows: { A: 0.6, B: 0.4 }, volume: 1 },
      organic: { volume: 2 },
      scrub: { volume: 0.5 },
      equilibrium: distribution({ A: D, B: 0.5 }),
    });
    const saturated = (beta: number): CascadeSpec => ({
      stages: { extraction: 8, scrub: 8 },
      feed: { flows: { A: 0.75, B: 0.25 }, volume: 1 },
      organic: { volume: 4.09 / 0.18 },
      scrub: { volume: 1, reflux: 3.34 },
      equilibrium: separationFactors({ A: beta, B: 1 }),
    });
    for (const make of [linear, saturated, stripped]) {
      const a = simulateCascade(make(2));
      const b = simulateCascade(make(3));
      expect(hasFastProperties(a)).toBe(true);
      expect(haveSameMap(a, b)).toBe(true);
      // The lazy parts still read right after the other result's were formed.
      expect(b.profile.length).toBe(b.stages.total);
      expect(a.stageFlows.aqueous.length).toBe(a.stages.total * a.species.length);
    }
  });

  it('a result’s keys, in order, are its documented fields (the lazy parts are enumerable, their state is not)', () => {
    const r = simulateCascade(stripped(2));
    expect(Object.keys(r)).toEqual([
      'species',
      'stages',
      'raffinate',
      'loadedOrganic',
      'product',
      'draws',
      'toOrganic',
      'stageFlows',
      'strip',
      'converged',
      'iterations',
      'residual',
      'balanceError',
      'profile',
    ]);
    const clone = structuredClone(r);
    expect(Object.keys(clone)).toEqual(Object.keys(r));
    expect(clone.profile).toEqual(r.profile);
    expect(JSON.parse(JSON.stringify(r)).profile).toEqual(JSON.parse(JSON.stringify(r.profile)));
  });
});
