// Regression tests for holes found in review: null options, error paths, recycles through units that
// check their feed's form, and recoveries when units add a tracked species.
import { describe, expect, it } from 'vitest';
import { simulateFlowsheet } from '../../src/flowsheet/simulate.js';
import type { FlowsheetSpec } from '../../src/flowsheet/spec.js';
import { makeStream } from '../../src/stream/stream.js';
import { codeOf } from '../helpers.js';

const conc = makeStream('concentrate', { La: 20, Ce: 30, Nd: 10, Ca: 5, Gangue: 20, H2O: 5 });

/** A leach whose residue is partly recycled to its own feed: the tear is the leach's first inlet. */
const releach: FlowsheetSpec = {
  feeds: { conc },
  blocks: [
    {
      id: 'leach',
      unit: 'hcl-leach',
      params: { mode: 'dissolve' },
      inlets: { feed: ['recycle', 'conc'] },
      outlets: { liquor: 'liquor', residue: 'residue' },
    },
    {
      id: 'split',
      unit: 'splitter',
      params: { fraction: 0.5 },
      inlets: { feed: 'residue' },
      outlets: { first: 'recycle', second: 'waste' },
    },
  ],
  products: ['liquor'],
  residues: ['waste'],
};

describe('simulateFlowsheet robustness', () => {
  it('converges a recycle whose tear feeds a unit that checks its feed form', () => {
    const r = simulateFlowsheet(releach);
    expect(r.converged).toBe(true);
    expect(r.streams.recycle?.form).toBe('residue');
    expect(r.balance.residual).toBeLessThanOrEqual(1e-9);
  });

  it('rejects null solver options and null lists instead of treating them as defaults', () => {
    expect(codeOf(() => simulateFlowsheet({ ...releach, solver: null as never }))).toBe('INVALID_TYPE');
    expect(codeOf(() => simulateFlowsheet({ ...releach, solver: { tolerance: null as never } }))).toBe(
      'INVALID_TYPE',
    );
    expect(codeOf(() => simulateFlowsheet({ ...releach, tears: null as never }))).toBe('INVALID_TYPE');
    expect(codeOf(() => simulateFlowsheet({ ...releach, feeds: null as never }))).toBe('INVALID_TYPE');
  });

  it('puts the block id in the path of a unit error', () => {
    const bad = {
      ...releach,
      blocks: [{ ...releach.blocks[0], params: { mode: 'boil' } }, releach.blocks[1]],
    };
    expect(() => simulateFlowsheet(bad as FlowsheetSpec)).toThrowError(
      /^flowsheet\.blocks\.leach\.hclLeach\.mode must be/,
    );
  });

  it('counts reagent-borne species in the recovery denominator (recoveries stay <= 1)', () => {
    const r = simulateFlowsheet({
      feeds: { oxide: makeStream('oxide', { Dy: 10, Ca: 0.01 }) },
      blocks: [
        {
          id: 'reduce',
          unit: 'calciothermic-reduction',
          inlets: { feed: 'oxide' },
          outlets: { metal: 'metal', slag: 'slag' },
        },
      ],
      products: ['metal'],
      residues: ['slag'],
    });
    const recovery = r.kpis.products.metal?.recovery ?? {};
    for (const x of Object.values(recovery)) expect(x).toBeLessThanOrEqual(1);
    expect(r.kpis.input.Ca).toBeGreaterThan(0.01);
  });
});
