// Closed forms of counter-current extraction (src/sx/closedForms.ts): the Fenske table of ree-data §3.9,
// and Kremser's equation (fresh and pre-loaded solvent, its inverse, the ε = 1 limit, Murphree stages)
// against a stage-by-stage calculation written independently here.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  fenskeStages,
  kremserRaffinate,
  kremserStages,
  kremserUnextracted,
  type MurphreePhase,
  overallEfficiency,
} from '../../src/sx/design/closedForms.js';
import { codeOf, near } from '../helpers.js';

/**
 * Raffinate concentration of N counter-current stages by direct stage-to-stage calculation. Aqueous
 * (flow 1) enters stage 1 at xF and leaves stage N; organic (flow O) enters stage N at yIn and leaves stage
 * 1. Each stage has Murphree efficiency E on the given phase (E = 1: equilibrium, y = D·x). The cascade is
 * linear in the unknown raffinate x_N, so two shots from the raffinate end fix it.
 */
function stageByStage(
  N: number,
  D: number,
  O: number,
  xF: number,
  yIn = 0,
  E = 1,
  phase: MurphreePhase = 'organic',
): number {
  const shoot = (xN: number): number => {
    let x = xN; // aqueous leaving the current stage
    let yAbove = yIn; // organic entering it from the stage above (N + 1 for the last stage)
    for (let i = N; i >= 1; i--) {
      let xBelow: number; // aqueous entering the stage, from stage i − 1 (the feed for stage 1)
      let y: number; // organic leaving the stage
      if (phase === 'organic') {
        y = yAbove + E * (D * x - yAbove);
        xBelow = x + O * (y - yAbove);
      } else {
        // x = xBelow − E·(xBelow − y/D) with y = yAbove + (xBelow − x)/O.
        xBelow = (x * (1 + E / (D * O)) - (E / D) * yAbove) / (1 - E + E / (D * O));
        y = yAbove + (xBelow - x) / O;
      }
      x = xBelow;
      yAbove = y;
    }
    return x;
  };
  const at0 = shoot(0);
  const at1 = shoot(1);
  return (xF - at0) / (at1 - at0);
}

describe('fenskeStages', () => {
  it('fenskeStages(P, 1 − P, β) reproduces all 27 entries of the Fenske table of ree-data §3.9 to 0.1', () => {
    const table: [number, number, number, number][] = [
      // β, 99 %/99 %, 99.9 %/99.9 %, 99.99 %/99.99 %
      [1.2, 50.4, 75.8, 101.0],
      [1.3, 35.0, 52.7, 70.2],
      [1.4, 27.3, 41.1, 54.7],
      [1.5, 22.7, 34.1, 45.4],
      [1.7, 17.3, 26.0, 34.7],
      [2.0, 13.3, 19.9, 26.6],
      [2.5, 10.0, 15.1, 20.1],
      [3.0, 8.4, 12.6, 16.8],
      [5.0, 5.7, 8.6, 11.4],
    ];
    for (const [beta, ...row] of table) {
      [0.99, 0.999, 0.9999].forEach((P, i) => {
        const N = fenskeStages(P, 1 - P, beta);
        expect(Math.abs(N - (row[i] ?? Number.NaN))).toBeLessThanOrEqual(0.05 + 1e-9);
        near(N, (2 * Math.log(P / (1 - P))) / Math.log(beta), 1e-9);
      });
    }
  });

  it('fenskeStages(0.999, 0.0001, 2) = ln(999·9999)/ln 2 = 23.3 (ree-data §3.8a)', () => {
    near(fenskeStages(0.999, 0.0001, 2), Math.log(999 * 9999) / Math.LN2, 1e-9);
    expect(fenskeStages(0.999, 0.0001, 2)).toBeCloseTo(23.25, 2);
  });

  it('fenskeStages rejects products that do not bracket, fractions outside (0, 1) and β <= 1', () => {
    expect(codeOf(() => fenskeStages(0.5, 0.6, 2))).toBe('OUT_OF_RANGE');
    expect(codeOf(() => fenskeStages(1, 0.1, 2))).toBe('OUT_OF_RANGE');
    expect(codeOf(() => fenskeStages(0.9, 0, 2))).toBe('OUT_OF_RANGE');
    expect(codeOf(() => fenskeStages(0.9, 0.1, 1))).toBe('OUT_OF_RANGE');
    expect(codeOf(() => fenskeStages(0.9, 0.1, Number.NaN))).toBe('NOT_FINITE');
  });
});

describe('kremserUnextracted', () => {
  it('kremserUnextracted(ε, N) = (ε − 1)/(ε^(N+1) − 1) and matches a stage-by-stage calculation', () => {
    near(kremserUnextracted(2, 3), 1 / 15, 1e-14);
    fc.assert(
      fc.property(
        fc.double({ min: 0.05, max: 20, noNaN: true }),
        fc.integer({ min: 0, max: 40 }),
        (epsilon, N) => {
          const phi = kremserUnextracted(epsilon, N);
          if (Math.abs(epsilon - 1) > 1e-3) near(phi, (epsilon - 1) / (epsilon ** (N + 1) - 1), 1e-9);
          // D = ε, O/A = 1; stage by stage.
          if (N > 0) near(phi, stageByStage(N, epsilon, 1, 1), 1e-8);
          return phi > 0 && phi <= 1;
        },
      ),
    );
  });

  it('kremserUnextracted(1, N) = 1/(N + 1), and is continuous through ε = 1', () => {
    for (const N of [0, 1, 4, 10, 100]) {
      expect(kremserUnextracted(1, N)).toBe(1 / (N + 1));
      near(kremserUnextracted(1 + 1e-9, N), 1 / (N + 1), 1e-6);
      near(kremserUnextracted(1 - 1e-9, N), 1 / (N + 1), 1e-6);
    }
    near(kremserUnextracted(1, 4), stageByStage(4, 1, 1, 1), 1e-12);
  });

  it('kremserUnextracted tends to 1 − ε for ε < 1 and to 0 for ε > 1; never NaN or Infinity', () => {
    near(kremserUnextracted(0.5, 200), 0.5, 1e-12);
    expect(kremserUnextracted(50, 1e4)).toBe(0);
    expect(kremserUnextracted(1e-300, 1e6)).toBeCloseTo(1, 12);
    expect(kremserUnextracted(2, 0)).toBe(1);
    expect(codeOf(() => kremserUnextracted(0, 3))).toBe('OUT_OF_RANGE');
    expect(codeOf(() => kremserUnextracted(2, -1))).toBe('OUT_OF_RANGE');
    expect(codeOf(() => kremserUnextracted(2, Number.POSITIVE_INFINITY))).toBe('NOT_FINITE');
  });
});

describe('kremserRaffinate (pre-loaded solvent)', () => {
  it('kremserRaffinate measures from y_in/D and matches a stage-by-stage calculation', () => {
    fc.assert(
      fc.property(
        fc.double({ min: 0.1, max: 10, noNaN: true }),
        fc.double({ min: 0.1, max: 5, noNaN: true }),
        fc.integer({ min: 1, max: 20 }),
        fc.double({ min: 0, max: 100, noNaN: true }),
        fc.double({ min: 0, max: 50, noNaN: true }),
        (D, phaseRatio, stages, feed, organicIn) => {
          const x = kremserRaffinate({ feed, organicIn, D, phaseRatio, stages });
          const direct = stageByStage(stages, D, phaseRatio, feed, organicIn);
          expect(Math.abs(x - direct)).toBeLessThanOrEqual(1e-8 * Math.max(1, Math.abs(direct)));
          const xStar = organicIn / D;
          const kremser = (feed - xStar) * kremserUnextracted(D * phaseRatio, stages);
          expect(Math.abs(x - xStar - kremser)).toBeLessThanOrEqual(1e-12 * Math.max(feed, xStar));
        },
      ),
    );
  });

  it('kremserRaffinate with fresh solvent is feed × kremserUnextracted', () => {
    expect(kremserRaffinate({ feed: 10, D: 2, phaseRatio: 1, stages: 3 })).toBeCloseTo(10 / 15, 12);
    expect(codeOf(() => kremserRaffinate({ feed: -1, D: 2, phaseRatio: 1, stages: 3 }))).toBe('OUT_OF_RANGE');
    expect(codeOf(() => kremserRaffinate({ feed: 1, D: 0, phaseRatio: 1, stages: 3 }))).toBe('OUT_OF_RANGE');
  });
});

describe('kremserStages', () => {
  it('kremserStages inverts kremserUnextracted (fast-check round trip)', () => {
    fc.assert(
      fc.property(
        fc.double({ min: 0.05, max: 20, noNaN: true }),
        fc.double({ min: 0, max: 60, noNaN: true }),
        (epsilon, N) => {
          const phi = kremserUnextracted(epsilon, N);
          // Far from the ε < 1 plateau (φ → 1 − ε) the inverse is well conditioned: N comes back.
          if (epsilon >= 1.05 || epsilon <= 0.95 ? phi - Math.max(0, 1 - epsilon) > 1e-6 : true) {
            if (phi > 1e-300) {
              const back = kremserStages(epsilon, phi);
              expect(Math.abs(back - N)).toBeLessThanOrEqual(1e-6 * Math.max(1, N));
            }
          }
        },
      ),
    );
  });

  it('kremserUnextracted(ε, kremserStages(ε, φ)) = φ for any attainable φ', () => {
    fc.assert(
      fc.property(
        fc.double({ min: 0.05, max: 20, noNaN: true }),
        fc.double({ min: 0, max: 1, noNaN: true }),
        (epsilon, u) => {
          const floor = Math.max(0, 1 - epsilon);
          const phi = floor + (1 - floor) * Math.max(u, 1e-9);
          if (!(phi > floor)) return;
          near(kremserUnextracted(epsilon, kremserStages(epsilon, phi)), phi, 1e-8);
        },
      ),
    );
  });

  it('kremserStages(1, φ) = 1/φ − 1 (the ε = 1 limit); kremserStages(2, 1/15) = 3', () => {
    near(kremserStages(1, 0.2), 4, 1e-12);
    near(kremserStages(1 + 1e-10, 0.2), 4, 1e-6);
    near(kremserStages(2, 1 / 15), 3, 1e-12);
    expect(kremserStages(2, 1)).toBe(0);
  });

  it('kremserStages with ε < 1 and φ <= 1 − ε throws INFEASIBLE (infinite stages)', () => {
    expect(codeOf(() => kremserStages(0.5, 0.5))).toBe('INFEASIBLE');
    expect(codeOf(() => kremserStages(0.5, 0.3))).toBe('INFEASIBLE');
    expect(codeOf(() => kremserStages(2, 0))).toBe('OUT_OF_RANGE');
    expect(codeOf(() => kremserStages(2, 1.5))).toBe('OUT_OF_RANGE');
    expect(Number.isFinite(kremserStages(1e6, 1e-300))).toBe(true);
    expect(Number.isFinite(kremserStages(2, Number.MIN_VALUE))).toBe(true);
  });
});

describe('overallEfficiency (Kremser with Murphree stages)', () => {
  it('N Murphree stages leave kremserUnextracted(ε, N·E_o), stage by stage, on either phase', () => {
    fc.assert(
      fc.property(
        fc.double({ min: 0.2, max: 5, noNaN: true }),
        fc.double({ min: 0.3, max: 1, noNaN: true }),
        fc.integer({ min: 1, max: 15 }),
        fc.constantFrom<MurphreePhase>('organic', 'aqueous'),
        fc.double({ min: 0, max: 2, noNaN: true }),
        (epsilon, E, N, phase, organicIn) => {
          const Eo = overallEfficiency(epsilon, E, phase);
          const direct = stageByStage(N, epsilon, 1, 1, organicIn, E, phase);
          const xStar = organicIn / epsilon;
          const kremser = xStar + (1 - xStar) * kremserUnextracted(epsilon, N * Eo);
          expect(Math.abs(direct - kremser)).toBeLessThanOrEqual(1e-9 * Math.max(1, Math.abs(direct)));
        },
      ),
    );
  });

  it('overallEfficiency is E at ε = 1, continuous there, and 1 for E = 1', () => {
    expect(overallEfficiency(1, 0.7)).toBe(0.7);
    near(overallEfficiency(1 + 1e-9, 0.7), 0.7, 1e-6);
    near(overallEfficiency(1 - 1e-9, 0.7, 'aqueous'), 0.7, 1e-6);
    near(overallEfficiency(3, 1), 1, 1e-12);
    near(overallEfficiency(3, 1, 'aqueous'), 1, 1e-12);
    near(overallEfficiency(2, 0.8), Math.log(1 + 0.8) / Math.log(2), 1e-12);
    expect(codeOf(() => overallEfficiency(2, 0))).toBe('OUT_OF_RANGE');
    expect(codeOf(() => overallEfficiency(2, 1.1))).toBe('OUT_OF_RANGE');
    expect(codeOf(() => overallEfficiency(2, 0.8, 'gas' as MurphreePhase))).toBe('UNKNOWN_KEY');
  });
});
