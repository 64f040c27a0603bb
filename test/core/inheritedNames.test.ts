// The review's "architecture" reproducers (/work/shared/repro/, README: main 07577e7) as tests of what each
// should do: a species, country or id named like a member every JavaScript object inherits is refused with
// a path, as the scenario loader refuses it; misspelt options are refused; wrong container types give a
// ReesimError, never a TypeError; a facility in a country the scenario does not list is refused (its
// output would have shown nowhere).
import { describe, expect, it } from 'vitest';
import { ReesimError } from '../../src/core/errors.js';
import { inheritedName, safeKey } from '../../src/core/validate.js';
import { simulateSupplyChain } from '../../src/supply/simulate.js';
import type { SupplyScenario } from '../../src/supply/types.js';
import { simulateCascadeDynamics } from '../../src/sx/dynamics/dynamics.js';
import { distribution, separationFactors } from '../../src/sx/equilibrium/equilibrium.js';
import { phDependent } from '../../src/sx/equilibrium/phDependent.js';
import { simulateCascade } from '../../src/sx/steady/simulateCascade.js';
import { codeOf } from '../helpers.js';

const INHERITED = ['toString', 'valueOf', 'hasOwnProperty', 'constructor', '__proto__', 'prototype'];

/** The ReesimError `f` throws (or rejects with). */
async function errorOf(f: () => unknown): Promise<ReesimError> {
  try {
    await f();
  } catch (e) {
    if (e instanceof ReesimError) return e;
    throw new Error(`not a ReesimError: ${String(e)}`);
  }
  throw new Error('no error');
}

describe('safeKey and inheritedName', () => {
  it('refuses every name Object.prototype has, and prototype; accepts element symbols and ordinary ids', () => {
    for (const n of [...Object.getOwnPropertyNames(Object.prototype), 'prototype']) {
      expect(inheritedName(n), n).toBe(true);
      expect(
        codeOf(() => safeKey('x', n)),
        n,
      ).toBe('UNKNOWN_KEY');
    }
    for (const n of ['Nd', 'La', 'cn-metal', 'US', 'X']) expect(safeKey('x', n)).toBe(n);
    for (const bad of ['', 0, null, undefined, {}])
      expect(codeOf(() => safeKey('x', bad))).toBe('INVALID_TYPE');
  });
});

describe('species named like an inherited member (species-named-toString.mjs)', () => {
  it.each(INHERITED)(
    "'%s' is refused by the equilibrium models, the steady solver and the dynamics, with its path",
    (name) => {
      expect(codeOf(() => distribution({ [name]: 2, B: 0.5 }))).toBe('UNKNOWN_KEY');
      expect(codeOf(() => separationFactors({ [name]: 2, B: 1 }))).toBe('UNKNOWN_KEY');
      // A model written by hand (no factory) still meets the feed's check.
      const spec = {
        stages: { extraction: 2 },
        feed: { flows: JSON.parse(`{"${name}": 1, "B": 1}`), volume: 1 },
        organic: { volume: 1 },
        equilibrium: { kind: 'distribution', D: JSON.parse(`{"${name}": 2, "B": 0.5}`) },
      };
      const steady = (() => {
        try {
          simulateCascade(spec as never);
        } catch (e) {
          return e;
        }
      })() as ReesimError;
      expect(steady).toBeInstanceOf(ReesimError);
      expect(steady.code).toBe('UNKNOWN_KEY');
      expect(steady.path).toBe(`cascade.feed.flows.${name}`);
      const dynamics = () =>
        simulateCascadeDynamics(spec as never, {
          holdup: { mixer: { residenceTime: 0.1 }, settler: { residenceTime: 0.3 } },
          duration: 3,
        });
      expect(codeOf(dynamics)).toBe('UNKNOWN_KEY');
    },
  );

  it('the pH model refuses them as metals and as the proton species', () => {
    const metal = { logK: 1, nu: 3 };
    expect(codeOf(() => phDependent({ metals: { toString: metal } } as never))).toBe('UNKNOWN_KEY');
    expect(codeOf(() => phDependent({ metals: { Nd: metal }, proton: 'valueOf' } as never))).toBe(
      'UNKNOWN_KEY',
    );
  });
});

describe('separationFactors options (separationFactors-options-ignored.mjs)', () => {
  it('refuses misspelt or foreign options and non-objects (they fell back to the 0.18 default)', () => {
    for (const options of [{ capacity: 0.3 }, { Loading: 0.3 }])
      expect(codeOf(() => separationFactors({ Nd: 1.5, Pr: 1 }, options as never))).toBe('UNKNOWN_KEY');
    for (const options of [0.3, 'abc', null])
      expect(codeOf(() => separationFactors({ Nd: 1.5, Pr: 1 }, options as never))).toBe('INVALID_TYPE');
    expect(separationFactors({ Nd: 1.5, Pr: 1 }, { loading: 0.3 }).loading).toBe(0.3);
  });
});

/** The reproducers' one-country scenario, country coded `c`. */
function oneCountry(c: string): SupplyScenario {
  return {
    name: 'one country',
    countries: JSON.parse(`{"${c}": "Somewhere", "US": "United States"}`),
    facilities: [
      { id: 'mine', country: c, kind: 'mine', capacity: 1200, mix: { deposit: 'mountain-pass' } },
      { id: 'sx', country: c, kind: 'separation', capacity: 1200, recovery: 0.9 },
    ],
    links: [{ from: 'mine', to: 'sx', stage: 'concentrate' }],
    demand: [{ id: 'd', country: c, sector: 'all', stage: 'oxide', elements: { Nd: 100 } }],
  };
}
const RUN = { start: '2025-01', months: 2 };

describe('supply-chain names and containers (supply-country-*.mjs, supply-unvalidated-inputs.mjs)', () => {
  it('a country coded XX separates everything (share 1) month by month and by year', async () => {
    const r = await simulateSupplyChain(oneCountry('XX'), RUN);
    expect(r.separatedShare.XX).toEqual([1, 1]);
    expect(r.years['2025']?.separatedShare.XX).toBe(1);
  });

  it.each(INHERITED)(
    "a country coded '%s' is refused at countries.<code> (it read share 0 or NaN)",
    async (c) => {
      const e = await errorOf(() => simulateSupplyChain(oneCountry(c), RUN));
      expect(e.code).toBe('UNKNOWN_KEY');
      expect(e.path).toBe(`supplyChain.countries.${c}`);
    },
  );

  it('ids named like inherited members are refused: facility, demand, policy and event ids', async () => {
    const base = oneCountry('XX');
    const facility = { ...base, facilities: [{ ...base.facilities[0], id: 'valueOf' }, base.facilities[1]] };
    expect((await errorOf(() => simulateSupplyChain(facility as never, RUN))).path).toBe(
      'supplyChain.facilities[0].id',
    );
    const demand = { ...base, demand: [{ ...base.demand[0], id: 'toString' }] };
    expect((await errorOf(() => simulateSupplyChain(demand as never, RUN))).code).toBe('UNKNOWN_KEY');
    const policy = {
      ...base,
      policies: [
        { kind: 'exportControl', id: 'hasOwnProperty', exporter: 'XX', stages: ['oxide'], from: '2025-01' },
      ],
    };
    expect((await errorOf(() => simulateSupplyChain(policy as never, RUN))).code).toBe('UNKNOWN_KEY');
    const event = {
      ...base,
      events: [
        { kind: 'disruption', id: 'constructor', target: 'mine', from: '2025-01', months: 1, severity: 1 },
      ],
    };
    expect((await errorOf(() => simulateSupplyChain(event as never, RUN))).code).toBe('UNKNOWN_KEY');
  });

  it('a facility, demand or policy in a country the scenario does not list is refused (its output showed nowhere)', async () => {
    const base = oneCountry('XX');
    const facility = { ...base, facilities: [{ ...base.facilities[0], country: 'ZZ' }, base.facilities[1]] };
    const e = await errorOf(() => simulateSupplyChain(facility as never, RUN));
    expect([e.code, e.path]).toEqual(['UNKNOWN_KEY', 'supplyChain.facilities[0].country']);
    const demand = { ...base, demand: [{ ...base.demand[0], country: 'ZZ' }] };
    expect((await errorOf(() => simulateSupplyChain(demand as never, RUN))).path).toBe(
      'supplyChain.demand[0].country',
    );
    const policy = {
      ...base,
      policies: [
        {
          kind: 'exportControl',
          id: 'p',
          exporter: 'XX',
          destinations: ['ZZ'],
          stages: ['oxide'],
          from: '2025-01',
        },
      ],
    };
    expect((await errorOf(() => simulateSupplyChain(policy as never, RUN))).path).toBe(
      'supplyChain.policies[0].destinations[0]',
    );
  });

  it('wrong container and value types give a ReesimError with a path, never a TypeError', async () => {
    const base = oneCountry('XX');
    const cases: [Record<string, unknown>, string][] = [
      [{ links: 'abc' }, 'supplyChain.links'],
      [{ countries: null }, 'supplyChain.countries'],
      [{ countries: { XX: Number.NaN, US: 'United States' } }, 'supplyChain.countries.XX'],
      [{ name: Number.NaN }, 'supplyChain.name'],
    ];
    for (const [change, path] of cases) {
      const e = await errorOf(() => simulateSupplyChain({ ...base, ...change } as never, RUN));
      expect([e.code, e.path]).toEqual(['INVALID_TYPE', path]);
    }
  });
});
