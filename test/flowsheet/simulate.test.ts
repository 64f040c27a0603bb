import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { SPECIES_INDEX } from '../../src/chemistry/species.js';
import { simulateFlowsheet } from '../../src/flowsheet/simulate.js';
import type { BlockSpec, FlowsheetSpec } from '../../src/flowsheet/spec.js';
import { makeStream, type Stream } from '../../src/stream/stream.js';
import { codeOf, streamArb } from '../helpers.js';

const ore = makeStream('ore', { La: 2, Ce: 3, Nd: 1, Th: 0.02, Ca: 15, Fe: 2, Gangue: 70, H2O: 5 });

/** Rougher-cleaner flotation with the cleaner tailings recycled to the rougher feed. */
function cleanerCircuit(feed: Stream, r1: number, r2: number, g1: number, g2: number): FlowsheetSpec {
  return {
    name: 'rougher-cleaner',
    feeds: { ore: feed },
    blocks: [
      {
        id: 'rougher',
        unit: 'beneficiation',
        params: { method: 'flotation', recovery: r1, gangueRecovery: g1 },
        inlets: { feed: ['ore', 'cleanerTails'] },
        outlets: { concentrate: 'roughConc', tailings: 'roughTails' },
      },
      {
        id: 'cleaner',
        unit: 'beneficiation',
        params: { method: 'flotation', recovery: r2, gangueRecovery: g2, energyPerTonne: 0 },
        inlets: { feed: 'roughConc' },
        outlets: { concentrate: 'conc', tailings: 'cleanerTails' },
      },
    ],
    products: ['conc'],
    residues: ['roughTails'],
  };
}

describe('simulateFlowsheet', () => {
  it('solves a rougher-cleaner recycle to the closed form F·r1·r2 / (1 − r1(1 − r2))', () => {
    const [r1, r2] = [0.8, 0.7];
    const result = simulateFlowsheet(cleanerCircuit(ore, r1, r2, 0.2, 0.3));
    // Closed form of the recycle loop, derived by hand: rougher feed R = F + r1(1 − r2)R.
    const expected = (r1 * r2) / (1 - r1 * (1 - r2));
    expect(result.kpis.products.conc?.recovery.Nd).toBeCloseTo(expected, 10);
    expect(result.kpis.products.conc?.recovery.La).toBeCloseTo(expected, 10);
    expect(result.converged).toBe(true);
    expect(result.recycles).toHaveLength(1);
    expect(result.recycles[0]?.tears).toEqual(['cleanerTails']);
    expect(result.recycles[0]?.iterations).toBeGreaterThan(2);
    expect(result.balance.residual).toBeLessThanOrEqual(1e-9);
    expect([...result.exits].sort()).toEqual(['conc', 'roughTails']);
  });

  it('direct substitution and Wegstein reach the same answer; Wegstein in fewer iterations', () => {
    const spec = cleanerCircuit(ore, 0.95, 0.3, 0.5, 0.1);
    const weg = simulateFlowsheet(spec);
    const direct = simulateFlowsheet({ ...spec, solver: { method: 'direct' } });
    const nd = SPECIES_INDEX.Nd;
    expect(weg.streams.conc?.amounts[nd]).toBeCloseTo(direct.streams.conc?.amounts[nd] ?? Number.NaN, 9);
    expect(weg.iterations).toBeLessThan(direct.iterations);
  });

  it('reports Th to residues', () => {
    const result = simulateFlowsheet(cleanerCircuit(ore, 0.8, 0.7, 0.2, 0.3));
    const th = result.kpis.thorium;
    expect(th.input).toBe(0.02);
    expect(th.toResidues + th.toProducts).toBeCloseTo(0.02, 12);
    expect(th.fractionToResidues).toBeCloseTo(1 - (0.8 * 0.7) / (1 - 0.8 * 0.3), 10);
  });

  it('conserves every species over a whole plant with a recycle, on random feeds and recoveries', () => {
    const frac = fc.double({ min: 0, max: 0.98, noNaN: true });
    fc.assert(
      fc.property(streamArb('ore'), frac, frac, frac, frac, (feed, r1, r2, g1, g2) => {
        const result = simulateFlowsheet(cleanerCircuit(feed, r1, r2, g1, g2));
        return result.converged && result.balance.residual <= 1e-9;
      }),
      { numRuns: 100 },
    );
  });

  it('flags or throws an unconverged recycle, never silently', () => {
    const spec = cleanerCircuit(ore, 0.99, 0.01, 0.99, 0.01);
    const flagged = simulateFlowsheet({
      ...spec,
      solver: { method: 'direct', maxIterations: 3, onNonConvergence: 'flag' },
    });
    expect(flagged.converged).toBe(false);
    expect(flagged.recycles[0]?.converged).toBe(false);
    expect(flagged.recycles[0]?.residual).toBeGreaterThan(1e-12);
    expect(codeOf(() => simulateFlowsheet({ ...spec, solver: { method: 'direct', maxIterations: 3 } }))).toBe(
      'NOT_CONVERGED',
    );
  });

  it('rejects bad wiring with a path', () => {
    const spec = cleanerCircuit(ore, 0.8, 0.7, 0.2, 0.3);
    const blocks = spec.blocks as [BlockSpec, BlockSpec];
    expect(
      codeOf(() => simulateFlowsheet({ ...spec, blocks: [{ ...blocks[0], unit: 'nope' }, blocks[1]] })),
    ).toBe('UNKNOWN_KEY');
    expect(
      codeOf(() => simulateFlowsheet({ ...spec, blocks: [{ ...blocks[0], unit: 'constructor' }] })),
    ).toBe('UNKNOWN_KEY');
    expect(
      codeOf(() =>
        simulateFlowsheet({
          ...spec,
          blocks: [blocks[0], { ...blocks[1], outlets: { concentrate: 'roughConc' } }],
        }),
      ),
    ).toBe('INVALID_FLOWSHEET');
    expect(
      codeOf(() =>
        simulateFlowsheet({ ...spec, blocks: [blocks[0], { ...blocks[1], inlets: { feed: 'nowhere' } }] }),
      ),
    ).toBe('INVALID_FLOWSHEET');
    expect(
      codeOf(() => simulateFlowsheet({ ...spec, blocks: [blocks[0], { ...blocks[1], id: 'rougher' }] })),
    ).toBe('INVALID_FLOWSHEET');
    expect(codeOf(() => simulateFlowsheet({ ...spec, products: ['ghost'] }))).toBe('INVALID_FLOWSHEET');
    expect(codeOf(() => simulateFlowsheet({ ...spec, extra: 1 } as never))).toBe('UNKNOWN_KEY');
    expect(() =>
      simulateFlowsheet({
        ...spec,
        blocks: [
          { ...blocks[0], params: { method: 'flotation', recovery: 1.2, gangueRecovery: 0 } },
          blocks[1],
        ],
      }),
    ).toThrowError(/beneficiation.recovery must be a number in \[0, 1\], got 1.2/);
  });

  it('does not mutate its spec', () => {
    const spec = cleanerCircuit(ore, 0.8, 0.7, 0.2, 0.3);
    const copy = structuredClone(spec);
    simulateFlowsheet(spec);
    expect(spec).toEqual(copy);
  });
});
