// Sweeps (src/study/sweep.ts): grid and list points, and a sweep of a cascade against the Kremser
// equation.
import { describe, expect, it } from 'vitest';
import { ReesimError } from '../../src/core/errors.js';
import { checkSweepStudy, gridPoints, listPoints, sweepBatch, sweepBatches } from '../../src/study/sweep.js';
import type { CascadeSpec } from '../../src/sx/cascadeSpec.js';
import { distribution } from '../../src/sx/equilibrium/equilibrium.js';
import { codeOf } from '../helpers.js';

// Three extraction stages, barren organic, equal volumes: extraction factor E = D.
const threeStages: CascadeSpec = {
  stages: { extraction: 3 },
  feed: { flows: { A: 1 }, volume: 1 },
  organic: { volume: 1 },
  equilibrium: distribution({ A: 1 }),
};

describe('gridPoints and listPoints', () => {
  it('gridPoints is the cartesian product, the first axis slowest', () => {
    const g = gridPoints([
      { path: 'a', values: [1, 2] },
      { path: 'b', values: [10, 20, 30] },
    ]);
    expect(g.parameters).toEqual(['a', 'b']);
    expect(g.points).toEqual([
      [1, 10],
      [1, 20],
      [1, 30],
      [2, 10],
      [2, 20],
      [2, 30],
    ]);
  });

  it('listPoints zips the axes; axes of different lengths throw OUT_OF_RANGE', () => {
    expect(
      listPoints([
        { path: 'a', values: [1, 2, 3] },
        { path: 'b', values: [4, 5, 6] },
      ]).points,
    ).toEqual([
      [1, 4],
      [2, 5],
      [3, 6],
    ]);
    expect(
      codeOf(() =>
        listPoints([
          { path: 'a', values: [1, 2] },
          { path: 'b', values: [1] },
        ]),
      ),
    ).toBe('OUT_OF_RANGE');
  });

  it('bad axes: no axes, a non-finite value, a path twice, a grid too large', () => {
    expect(codeOf(() => gridPoints([]))).toBe('INVALID_TYPE');
    expect(codeOf(() => gridPoints([{ path: 'a', values: [Number.NaN] }]))).toBe('NOT_FINITE');
    expect(
      codeOf(() =>
        gridPoints([
          { path: 'a', values: [1] },
          { path: 'a', values: [2] },
        ]),
      ),
    ).toBe('INFEASIBLE');
    const big = Array.from({ length: 1001 }, (_, i) => i);
    expect(
      codeOf(() =>
        gridPoints([
          { path: 'a', values: big },
          { path: 'b', values: big },
        ]),
      ),
    ).toBe('OUT_OF_RANGE');
  });
});

describe('sweepBatch', () => {
  it('sweepBatch over D on a 3-stage cascade: raffinate = (E − 1)/(E⁴ − 1) of the feed (Kremser)', () => {
    const g = gridPoints([{ path: 'equilibrium.D.A', values: [0.5, 2, 4] }]);
    const t = sweepBatch({
      model: 'cascade',
      base: threeStages,
      ...g,
      outputs: ['raffinate.flows.A', 'converged'],
    });
    expect(t.runs).toEqual([0, 1, 2]);
    expect(t.inputs).toEqual([[0.5], [2], [4]]);
    t.outputs.forEach(([raffinate, converged], i) => {
      const E = g.points[i]?.[0] as number;
      expect(raffinate).toBeCloseTo((E - 1) / (E ** 4 - 1), 12);
      expect(converged).toBe(1);
    });
  });

  it('a grid over two parameters sets both (organic volume scales E)', () => {
    const g = gridPoints([
      { path: 'equilibrium.D.A', values: [1, 2] },
      { path: 'organic.volume', values: [1, 2] },
    ]);
    const t = sweepBatch({ model: 'cascade', base: threeStages, ...g, outputs: ['raffinate.flows.A'] });
    t.outputs.forEach(([raffinate], i) => {
      const [D, O] = g.points[i] as number[];
      const E = (D as number) * (O as number);
      const expected = E === 1 ? 1 / 4 : (E - 1) / (E ** 4 - 1);
      expect(raffinate).toBeCloseTo(expected, 12);
    });
  });

  it('a failing point is recorded with its values and number; the others run', () => {
    const t = sweepBatch({
      model: 'cascade',
      base: threeStages,
      parameters: ['stages.extraction'],
      points: [[2], [0], [4]],
      outputs: ['converged'],
      first: 10,
    });
    expect(t.runs).toEqual([10, 12]);
    expect(t.failures).toEqual([
      {
        run: 11,
        code: 'OUT_OF_RANGE',
        message: expect.stringContaining('cascade.stages.extraction'),
        inputs: [0],
      },
    ]);
  });

  it('sweepBatches splits points into fixed-size batches; joined they equal one batch', () => {
    const g = gridPoints([{ path: 'equilibrium.D.A', values: [0.5, 1, 2, 4, 8] }]);
    const study = { model: 'cascade' as const, base: threeStages, ...g, outputs: ['raffinate.flows.A'] };
    const batches = sweepBatches(study, 2);
    expect(batches.map((b) => b.points)).toEqual([[[0.5], [1]], [[2], [4]], [[8]]]);
    const joined = batches.flatMap((b) => sweepBatch(b).outputs);
    expect(joined).toEqual(sweepBatch(study).outputs);
  });

  it('checkSweepStudy names the bad field', () => {
    const base = {
      model: 'cascade',
      base: threeStages,
      parameters: ['equilibrium.D.A'],
      points: [[1]],
      outputs: ['converged'],
    };
    const cases: [Record<string, unknown>, string, string][] = [
      [{ parameters: ['equilibrium.D.B'] }, 'UNKNOWN_KEY', 'study.parameters[0]'],
      [{ points: [[1, 2]] }, 'INVALID_TYPE', 'study.points[0]'],
      [{ points: [[Number.POSITIVE_INFINITY]] }, 'NOT_FINITE', 'study.points[0][0]'],
      [{ outputs: ['a..b'] }, 'INVALID_TYPE', 'study.outputs[0]'],
      [{ model: 'mine' }, 'UNKNOWN_KEY', 'study.model'],
    ];
    for (const [change, code, path] of cases) {
      try {
        checkSweepStudy({ ...base, ...change } as never);
        expect.unreachable();
      } catch (e) {
        expect(e).toBeInstanceOf(ReesimError);
        expect([(e as ReesimError).code, (e as ReesimError).path]).toEqual([code, path]);
      }
    }
  });
});
