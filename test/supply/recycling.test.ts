// Recyclers (facility kind `recycling`): oxide recovered from scrap that enters the chain from outside it,
// at the recycler's capacity and element mix. Small networks worked out by hand.
import { describe, expect, it } from 'vitest';
import { ReesimError } from '../../src/core/errors.js';
import { simulateSupplyChain } from '../../src/supply/simulate.js';
import type { SupplyScenario } from '../../src/supply/types.js';
import { supplyWarnings } from '../../src/supply/warnings.js';
import { MINE_TO_SX, usLine } from './fixtures/usLine.js';

// A US mine of pure Ce (1,200 t/yr) separated at home, and a US recycler recovering 600 t/yr of oxide that is
// 3/4 Nd and 1/4 Pr; the US asks 450 t/yr of Nd oxide and 150 t/yr of Pr oxide.
const scenario: SupplyScenario = {
  name: 'recycler',
  countries: { US: 'United States' },
  facilities: [
    ...usLine(1_200, 1_200, { Ce: 1 }),
    { id: 'scrap', country: 'US', kind: 'recycling', capacity: 600, mix: { Nd: 3, Pr: 1 } },
  ],
  links: [MINE_TO_SX],
  demand: [{ id: 'us', country: 'US', sector: 'magnets', stage: 'oxide', elements: { Nd: 450, Pr: 150 } }],
};
const RUN = { start: '2024-01', months: 12 } as const;

describe('recycling facilities', () => {
  it('put their capacity in at their mix, serve demand, balance, and are not separated output', async () => {
    const r = await simulateSupplyChain(scenario, RUN);
    const y = r.years['2024'];
    // 600 t/yr recovered: 50 t a month.
    expect(y?.recycled.US).toBeCloseTo(600, 9);
    r.recycled?.US?.forEach((m) => {
      expect(m).toBeCloseTo(50, 9);
    });
    // Demand is 600 t/yr of Nd and Pr at 3:1: the recycler alone meets it.
    expect(y?.demand.us?.met).toBeCloseTo(600, 6);
    // Separated output is the mine's Ce only: the recycled oxide is not counted as separated.
    expect(y?.production.oxide.US).toBeCloseTo(1_200, 6);
    // mined + recycled = held + consumed + lost, element by element.
    expect(r.balanceResidual).toBeLessThanOrEqual(1e-12);
    expect(r.lp.notOptimal).toBe(0);
    expect(r.warnings).toEqual([]);
  });

  it('refuse a recovery or an element list (a source puts in its capacity at its mix)', async () => {
    const withRecovery: SupplyScenario = {
      ...scenario,
      facilities: scenario.facilities.map((f) => (f.id === 'scrap' ? { ...f, recovery: 0.9 } : f)),
    };
    const error = await simulateSupplyChain(withRecovery, RUN).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ReesimError);
    expect(error).toMatchObject({ code: 'NOT_SUPPORTED', path: 'supplyChain.facilities[2].recovery' });
    const noMix: SupplyScenario = {
      ...scenario,
      facilities: scenario.facilities.map((f) => (f.id === 'scrap' ? { ...f, mix: undefined } : f)),
    };
    await expect(simulateSupplyChain(noMix, RUN)).rejects.toMatchObject({
      code: 'MISSING',
      path: 'supplyChain.facilities[2].mix',
    });
  });

  it('count as a source for the warnings: a demand only a recycler reaches is reached; a recycler no route serves is flagged', () => {
    expect(supplyWarnings(scenario)).toEqual([]);
    const stranded: SupplyScenario = {
      ...scenario,
      facilities: scenario.facilities.map((f) => (f.id === 'scrap' ? { ...f, country: 'JP' } : f)),
      countries: { US: 'United States', JP: 'Japan' },
    };
    const codes = supplyWarnings(stranded).map((w) => [w.code, w.path]);
    expect(codes).toContainEqual(['FACILITY_UNSHIPPED', 'facilities.scrap']);
    expect(codes).toContainEqual(['DEMAND_UNREACHED', 'demand.us']);
  });
});

describe('markets behind a lead time', () => {
  it('get their whole demand when supply is ample, whatever the lead time (they got a third at two months)', async () => {
    // One mine of pure Nd, 2,400 t/yr, separated in the US; Japan (1 month away) and Europe (2 months) ask
    // 600 t/yr each: ample supply. The pipeline to each fills in the warm-up.
    const far: SupplyScenario = {
      name: 'far markets',
      countries: { US: 'United States', JP: 'Japan', EU: 'European Union' },
      facilities: usLine(2_400),
      links: [
        MINE_TO_SX,
        { from: 'sx', to: 'country:JP', stage: 'oxide', leadTime: 1 },
        { from: 'sx', to: 'country:EU', stage: 'oxide', leadTime: 2 },
      ],
      demand: [
        { id: 'jp', country: 'JP', sector: 'all', stage: 'oxide', elements: { Nd: 600 } },
        { id: 'eu', country: 'EU', sector: 'all', stage: 'oxide', elements: { Nd: 600 } },
      ],
    };
    const r = await simulateSupplyChain(far, RUN);
    for (const d of r.demand) {
      d.met.forEach((m, t) => {
        expect(m, `${d.id} month ${t}`).toBeCloseTo(50, 6);
      });
    }
    expect(r.balanceResidual).toBeLessThanOrEqual(1e-12);
  });

  it('share a scarcity by demand, not by lead time', async () => {
    // The same mine at 900 t/yr for 600 + 600 t/yr: 3/4 of the demand in all.
    const short: SupplyScenario = {
      name: 'short',
      countries: { US: 'United States', JP: 'Japan' },
      facilities: usLine(900),
      links: [MINE_TO_SX, { from: 'sx', to: 'country:JP', stage: 'oxide', leadTime: 2 }],
      demand: [
        { id: 'us', country: 'US', sector: 'all', stage: 'oxide', elements: { Nd: 600 } },
        { id: 'jp', country: 'JP', sector: 'all', stage: 'oxide', elements: { Nd: 600 } },
      ],
    };
    const r = await simulateSupplyChain(short, { ...RUN, warmUpMonths: 12 });
    const us = r.years['2024']?.demand.us?.met ?? 0;
    const jp = r.years['2024']?.demand.jp?.met ?? 0;
    expect(us + jp).toBeCloseTo(900, 3);
    // Tiers of a tenth of demand: each market gets seven tenths (420 t) before either gets an eighth, and
    // within the eighth freight decides; so they differ by at most one tenth (60 t), whatever the lead time.
    expect(Math.min(us, jp)).toBeGreaterThanOrEqual(420 - 1e-6);
    expect(Math.abs(us - jp)).toBeLessThanOrEqual(60 + 1e-6);
  });
});
