import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { oxideFactor } from '../../src/chemistry/oxide.js';
import { total, treo } from '../../src/stream/composition.js';
import { amount, makeStream } from '../../src/stream/stream.js';
import { beneficiation, beneficiationPresets, beneficiationUnit } from '../../src/units/beneficiation.js';
import { badNumber, codeOf, conserved, fractionArb, streamArb } from '../helpers.js';

// A bastnäsite ore of ~7.6 % TREO (element masses chosen by hand; Mountain Pass ore is 7-9 % REO, JOR13).
const ore = makeStream('ore', {
  La: 1.9,
  Ce: 2.8,
  Pr: 0.25,
  Nd: 0.7,
  Th: 0.01,
  Ca: 15,
  Fe: 1,
  Gangue: 60,
  H2O: 5,
});

describe('beneficiation', () => {
  it('beneficiation(ore, Mountain Pass flotation preset) gives a 60 % REO concentrate at 67.5 % recovery (JOR13)', () => {
    const r = beneficiation(ore, beneficiationPresets.mountainPassFlotation.params);
    const { concentrate, tailings } = r.outlets;
    expect(treo(concentrate) / total(concentrate)).toBeCloseTo(0.6, 12);
    expect(treo(concentrate) / treo(ore)).toBeCloseTo(0.675, 12);
    expect(amount(concentrate, 'Nd')).toBeCloseTo(0.7 * 0.675, 12);
    // Th follows the rare-earth minerals.
    expect(amount(concentrate, 'Th')).toBeCloseTo(0.01 * 0.675, 12);
    expect(concentrate.form).toBe('concentrate');
    expect(tailings.form).toBe('residue');
    expect(r.report.figures.concentrateGrade).toBeCloseTo(0.6, 12);
    expect(r.report.balance.residual).toBeLessThanOrEqual(1e-15);
  });

  it('computes the shared gangue recovery by hand-checkable arithmetic', () => {
    const r = beneficiation(ore, { method: 'flotation', recovery: 0.5, concentrateGrade: 0.5 });
    // REO recovered = 0.5·TREO; actinide oxide recovered = 0.5·Th·f(Th); the rest must fill REO/0.5 − REO.
    const reo =
      0.5 *
      (1.9 * oxideFactor('La') +
        2.8 * oxideFactor('Ce') +
        0.25 * oxideFactor('Pr') +
        0.7 * oxideFactor('Nd'));
    const th = 0.5 * 0.01 * oxideFactor('Th');
    const rest = 15 * oxideFactor('Ca') + 1 * oxideFactor('Fe') + 60;
    expect(r.report.figures.gangueRecovery).toBeCloseTo((reo / 0.5 - reo - th) / rest, 12);
  });

  it('elementRecovery overrides single species', () => {
    const r = beneficiation(ore, {
      method: 'magnetic',
      recovery: 0.6,
      gangueRecovery: 0.1,
      elementRecovery: { Fe: 0.9, Ce: 0.2 },
    });
    expect(amount(r.outlets.concentrate, 'Fe')).toBeCloseTo(0.9, 12);
    expect(amount(r.outlets.concentrate, 'Ce')).toBeCloseTo(0.56, 12);
    expect(amount(r.outlets.concentrate, 'Ca')).toBeCloseTo(1.5, 12);
  });

  it('an unreachable grade throws INFEASIBLE naming the reachable bound', () => {
    expect(() =>
      beneficiation(ore, { method: 'flotation', recovery: 0.6, concentrateGrade: 0.01 }),
    ).toThrowError(/concentrateGrade must be at least/);
    const rich = makeStream('ore', { Nd: 10, Th: 5 });
    expect(
      codeOf(() => beneficiation(rich, { method: 'flotation', recovery: 0.6, concentrateGrade: 0.99 })),
    ).toBe('INFEASIBLE');
  });

  it('conserves every species on random feeds and parameters', () => {
    fc.assert(
      fc.property(
        streamArb('ore'),
        fractionArb,
        fractionArb,
        fc.constantFrom('flotation', 'magnetic', 'gravity'),
        (feed, r, g, m) => {
          const out = beneficiation(feed, { method: m as 'flotation', recovery: r, gangueRecovery: g });
          const flows = [...out.outlets.concentrate.amounts, ...out.outlets.tailings.amounts];
          return (
            conserved([feed], [out.outlets.concentrate, out.outlets.tailings]) && flows.every(Number.isFinite)
          );
        },
      ),
    );
  });

  it('random invalid parameters give a ReesimError and nothing else', () => {
    fc.assert(
      fc.property(badNumber, fc.constantFrom('recovery', 'gangueRecovery', 'energyPerTonne'), (bad, key) => {
        const params = { method: 'flotation', recovery: 0.5, gangueRecovery: 0.1, [key]: bad };
        const code = codeOf(() => beneficiation(ore, params as never));
        return code === 'OUT_OF_RANGE' || code === 'NOT_FINITE' || code === 'INVALID_TYPE';
      }),
    );
    expect(
      codeOf(() => beneficiation(ore, { method: 'froth' as never, recovery: 0.5, gangueRecovery: 0 })),
    ).toBe('UNKNOWN_KEY');
    expect(codeOf(() => beneficiation(ore, { method: 'flotation', recovery: 0.5 }))).toBe('MISSING');
    expect(
      codeOf(() =>
        beneficiation(ore, { method: 'flotation', recovery: 0.5, gangueRecovery: 0, grade: 1 } as never),
      ),
    ).toBe('UNKNOWN_KEY');
    expect(
      codeOf(() =>
        beneficiation(ore, {
          method: 'flotation',
          recovery: 0.5,
          gangueRecovery: 0,
          elementRecovery: { Zz: 1 },
        } as never),
      ),
    ).toBe('UNKNOWN_KEY');
  });

  it('beneficiationUnit runs from a port record', () => {
    const r = beneficiationUnit.run(
      { feed: ore },
      { method: 'gravity', recovery: 0.9, gangueRecovery: 0.05 },
    );
    expect(Object.keys(r.outlets).sort()).toEqual(['concentrate', 'tailings']);
    expect(r.report.energy).toBeCloseTo(4 * (total(ore) / 1000), 12);
  });
});

describe('beneficiate edge cases', () => {
  it('a grade that needs diluent the feed does not have throws INFEASIBLE', () => {
    const pure = makeStream('ore', { Nd: 10, Ce: 5 });
    expect(
      codeOf(() => beneficiation(pure, { method: 'flotation', recovery: 0.9, concentrateGrade: 0.6 })),
    ).toBe('INFEASIBLE');
  });

  it('elementRecovery may not set water (it follows the solids)', () => {
    expect(
      codeOf(() =>
        beneficiation(ore, {
          method: 'flotation',
          recovery: 0.5,
          gangueRecovery: 0.1,
          elementRecovery: { H2O: 0.9 },
        }),
      ),
    ).toBe('UNKNOWN_KEY');
  });
});
