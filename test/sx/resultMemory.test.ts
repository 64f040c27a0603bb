// A solve's work arrays are scratch (src/core/scratch.ts): the next solve reuses their memory. So a
// result must keep only memory of its own: its stage flows (and the strip section's) hold the same numbers
// however many solves follow, its lazily formed profile agrees with a fresh solve's, and its typed arrays
// own their buffer (structured cloning a result copies its own numbers, not a shared 64 KiB buffer).
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { fuzzCaseArb } from '../../scripts/fuzz-steady.js';
import { ReesimError } from '../../src/core/errors.js';
import type { CascadeSpec } from '../../src/sx/cascadeSpec.js';
import { distribution } from '../../src/sx/equilibrium/equilibrium.js';
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
