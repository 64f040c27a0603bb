// Stockpiles, demand-growth events and yearly totals of the supply-chain simulation, on networks small
// enough to work out by hand.
import { describe, expect, it } from 'vitest';
import { baseline2024 } from '../../src/supply/baseline/baseline2024.js';
import { separationFromTrain } from '../../src/supply/fromProcess.js';
import { growthFactor } from '../../src/supply/policies.js';
import { simulateSupplyChain } from '../../src/supply/simulate.js';
import type { Demand, Facility, Policy, SupplyScenario } from '../../src/supply/types.js';
import { designSeparationTrain } from '../../src/sx/design/separationTrain.js';
import { MINE_TO_SX, usLine } from './fixtures/usLine.js';

/** Asserts that `run` rejects with a ReesimError of `code` at `path`. */
async function expectReesimError(run: Promise<unknown>, code: string, path: string): Promise<void> {
  const error = await run.then(
    () => undefined,
    (e: unknown) => e as { code?: string; path?: string },
  );
  expect({ code: error?.code, path: error?.path }).toEqual({ code, path });
}

// One US mine of pure Nd (1,200 t/yr = 100 t/month) separated at home; the US asks 600 t/yr of Nd oxide
// (50 t/month) and Japan 1,200 t/yr (100 t/month), one month away: the world is short by 50 t/month.
const world: SupplyScenario = {
  name: 'two markets',
  countries: { US: 'United States', JP: 'Japan' },
  facilities: usLine(1_200),
  links: [MINE_TO_SX, { from: 'sx', to: 'country:JP', stage: 'oxide', leadTime: 1 }],
  demand: [
    { id: 'us', country: 'US', sector: 'all', stage: 'oxide', elements: { Nd: 600 } },
    { id: 'jp', country: 'JP', sector: 'all', stage: 'oxide', elements: { Nd: 1_200 } },
  ],
};
const usReserve = (extra: Partial<Extract<Policy, { kind: 'stockpile' }>> = {}): Policy => ({
  kind: 'stockpile',
  id: 'us-reserve',
  country: 'US',
  stage: 'oxide',
  elements: { Nd: 200 },
  initial: { Nd: 120 },
  from: '2024-01',
  ...extra,
});
// The separation plant down from July to September 2024: no oxide for anyone for three months.
const outage = { kind: 'disruption', id: 'sx-down', target: 'sx', from: '2024-07', months: 3 } as const;
const RUN = { start: '2024-01', months: 12 } as const;

describe('growthFactor', () => {
  it('compounds the base rate, then each change from its month, and discounts months before the reference', () => {
    // 5 %/yr for two years, then 0: 1.05^2 at any later month; a year before the reference: 1/1.05.
    expect(growthFactor(24, 0.05, [{ from: 48, growth: 0 }], 60)).toBeCloseTo(1.05 ** 2, 12);
    expect(growthFactor(24, 0.05, [], 12)).toBeCloseTo(1 / 1.05, 12);
    // 0 for 12 months, then 10 %/yr for 11 months: 1.1^(11/12).
    expect(growthFactor(0, 0, [{ from: 12, growth: 0.1 }], 23)).toBeCloseTo(1.1 ** (11 / 12), 12);
    expect(growthFactor(0, 0.3, [], 0)).toBe(1);
  });
});

describe('demandGrowth events', () => {
  it('change a demand entry’s growth rate from their month on', async () => {
    const s: SupplyScenario = {
      ...world,
      events: [{ kind: 'demandGrowth', id: 'jp-boom', demand: 'jp', growth: 0.1, from: '2025-01' }],
    };
    const r = await simulateSupplyChain(s, { start: '2024-01', months: 24 });
    const jp = r.demand[1];
    expect(jp?.demanded[11]).toBeCloseTo(100, 9); // 2024: the entry's own rate (0)
    expect(jp?.demanded[23]).toBeCloseTo(100 * 1.1 ** (11 / 12), 9);
    expect(r.years['2024']?.demand.jp?.demanded).toBeCloseTo(1_200, 9);
    expect(r.balanceResidual).toBeLessThanOrEqual(1e-9);
  });

  it('reject an unknown demand id and a growth out of range', async () => {
    await expectReesimError(
      simulateSupplyChain(
        { ...world, events: [{ kind: 'demandGrowth', id: 'g', demand: 'eu', growth: 0.1, from: '2025-01' }] },
        RUN,
      ),
      'UNKNOWN_KEY',
      'supplyChain.events[0].demand',
    );
    await expectReesimError(
      simulateSupplyChain(
        { ...world, events: [{ kind: 'demandGrowth', id: 'g', demand: 'jp', growth: 3, from: '2025-01' }] },
        RUN,
      ),
      'OUT_OF_RANGE',
      'supplyChain.events[0].growth',
    );
  });
});

describe('stockpile policies', () => {
  it('release into the shortfall a disruption causes, until they are empty, and conserve every element', async () => {
    // A 70 % trigger: January's 75 % share of a short world does not release; the outage months do.
    const policies = [usReserve({ releaseBelow: 0.7 })];
    const without = await simulateSupplyChain({ ...world, events: [outage] }, RUN);
    const withIt = await simulateSupplyChain({ ...world, events: [outage], policies }, RUN);
    const us = (r: typeof without) => r.demand[0]?.met ?? [];
    const sum = (v: readonly number[]) => v.reduce((a, b) => a + b, 0);
    // Without the reserve the US gets at most what its market held when the plant went down.
    const shortWithout = 150 - sum(us(without).slice(6, 9));
    expect(shortWithout).toBeGreaterThan(120);
    // With 120 t held, the whole reserve reaches US consumers in July-September, and never more than
    // the month's demand.
    expect(sum(us(withIt).slice(6, 9))).toBeCloseTo(sum(us(without).slice(6, 9)) + 120, 6);
    us(withIt).forEach((m, t) => {
      expect(m).toBeLessThanOrEqual((withIt.demand[0]?.demanded[t] as number) + 1e-9);
    });
    const reserve = withIt.stockpiles[0];
    expect(sum(reserve?.released.slice(6, 9) ?? [])).toBeCloseTo(120, 6);
    expect(reserve?.held[8]).toBeCloseTo(0, 6);
    // Before the outage the US is served by supply, not by the reserve.
    expect(reserve?.released.slice(0, 6).every((x) => x === 0)).toBe(true);
    expect(reserve?.held[5]).toBeCloseTo(120, 9);
    // The initial holding counts as material put in: mined + put in = held + consumed + lost.
    expect(withIt.balanceResidual).toBeLessThanOrEqual(1e-9);
    expect(withIt.lp.notOptimal).toBe(0);
    expect(withIt.years['2024']?.stockpiles['us-reserve']?.released).toBeCloseTo(120, 6);
  });

  it('release only below their trigger, and then at most the shortfall', async () => {
    // The US alone with a mine that matches its demand (50 t/month), 40 % of it lost from July: 30 of 50
    // t/month from supply (60 %).
    const alone: SupplyScenario = {
      ...world,
      facilities: [{ ...(world.facilities[0] as Facility), capacity: 600 }, world.facilities[1] as Facility],
      demand: [world.demand[0] as SupplyScenario['demand'][number]],
    };
    const cut = { ...outage, target: 'mine', severity: 0.4 };
    const run = (releaseBelow: number) =>
      simulateSupplyChain({ ...alone, events: [cut], policies: [usReserve({ releaseBelow })] }, RUN);
    const holds = await run(0.5);
    expect(holds.stockpiles[0]?.released.every((x) => x === 0)).toBe(true);
    const releases = await run(0.9);
    const released = releases.stockpiles[0]?.released ?? [];
    // Exactly what the market lacks: 50 t less the 30 t supply brings, in each outage month.
    for (let t = 6; t < 9; t++) {
      expect(released[t]).toBeCloseTo(20, 6);
      expect(releases.demand[0]?.met[t]).toBeCloseTo(50, 6);
    }
    expect(released.slice(0, 6).every((x) => x === 0)).toBe(true);
  });

  it('fill from supply beyond demand, up to their capacity, and hold when out of force', async () => {
    // Japan's demand removed: the US mine makes 100 t/month for 50 t/month of US demand.
    const surplus: SupplyScenario = {
      ...world,
      demand: [world.demand[0] as SupplyScenario['demand'][number]],
    };
    const r = await simulateSupplyChain(
      { ...surplus, policies: [usReserve({ initial: {}, to: '2024-12' })] },
      { start: '2024-01', months: 24 },
    );
    const held = r.stockpiles[0]?.held ?? [];
    // Filled to its 200 t capacity during 2024, never beyond; US demand met in full every month.
    expect(held[11]).toBeCloseTo(200, 6);
    expect(Math.max(...held)).toBeLessThanOrEqual(200 + 1e-6);
    r.demand[0]?.met.forEach((m, t) => {
      expect(m).toBeCloseTo(r.demand[0]?.demanded[t] as number, 6);
    });
    // Out of force from 2025: it keeps what it has.
    expect(held[23]).toBeCloseTo(200, 6);
    expect(r.balanceResidual).toBeLessThanOrEqual(1e-9);
  });

  it('reject a stockpile without a market, at a stage tracked by origin, or holding more than its capacity', async () => {
    const bad = (p: Partial<Extract<Policy, { kind: 'stockpile' }>>) =>
      simulateSupplyChain({ ...world, policies: [usReserve(p)] }, RUN);
    await expectReesimError(bad({ country: 'FR' }), 'INFEASIBLE', 'supplyChain.policies[0].country');
    await expectReesimError(bad({ stage: 'mixed' }), 'UNKNOWN_KEY', 'supplyChain.policies[0].stage');
    await expectReesimError(
      bad({ initial: { Nd: 300 } }),
      'OUT_OF_RANGE',
      'supplyChain.policies[0].initial.Nd',
    );
    await expectReesimError(
      bad({ elements: { Xx: 1 } }),
      'UNKNOWN_KEY',
      'supplyChain.policies[0].elements.Xx',
    );
    await expectReesimError(
      simulateSupplyChain({ ...world, policies: [usReserve(), { ...usReserve(), id: 'again' }] }, RUN),
      'INFEASIBLE',
      'supplyChain.policies[1].country',
    );
  });
});

describe('scenario and option checks', () => {
  it('reject an unknown policy or event kind and a seed that is neither text nor a finite number', async () => {
    const policy = { kind: 'quota', id: 'q', from: '2024-01' } as unknown as Policy;
    await expectReesimError(
      simulateSupplyChain({ ...world, policies: [policy] }, RUN),
      'UNKNOWN_KEY',
      'supplyChain.policies[0].kind',
    );
    const event = { kind: 'strike', id: 's' } as unknown as NonNullable<SupplyScenario['events']>[number];
    await expectReesimError(
      simulateSupplyChain({ ...world, events: [event] }, RUN),
      'UNKNOWN_KEY',
      'supplyChain.events[0].kind',
    );
    await expectReesimError(
      simulateSupplyChain(world, { ...RUN, seed: Number.NaN }),
      'INVALID_TYPE',
      'simulateSupplyChain.options.seed',
    );
    // A finite number is used as its text: the same random outages as that text, others for another seed.
    const outages: SupplyScenario = {
      ...world,
      facilities: [
        { ...(world.facilities[0] as Facility), outage: { ratePerMonth: 0.3, months: 1 } },
        world.facilities[1] as Facility,
      ],
    };
    const mined = async (seed: string | number) =>
      (await simulateSupplyChain(outages, { ...RUN, seed })).production.concentrate.US;
    expect(await mined(42)).toEqual(await mined('42'));
    expect(await mined(42)).not.toEqual(await mined(43));
  });
});

describe('yearly totals', () => {
  it('sum each year’s months, take stocks at its last month, and share separated output by country', async () => {
    const r = await simulateSupplyChain(world, { start: '2024-07', months: 12 });
    expect(Object.keys(r.years)).toEqual(['2024', '2025']);
    expect(r.years['2024']?.months).toBe(6);
    // The mine runs at 100 t/month.
    expect(r.years['2024']?.production.concentrate.US).toBeCloseTo(600, 9);
    expect(r.years['2025']?.production.concentrate.US).toBeCloseTo(600, 9);
    expect(r.years['2025']?.separatedShare.US).toBe(1);
    expect(r.years['2024']?.inventory).toBe(r.inventory[5]);
    const trade = r.trade['oxide:US>JP'] ?? [];
    expect(r.years['2025']?.trade['oxide:US>JP']).toBeCloseTo(
      trade.slice(6).reduce((a, b) => a + b, 0),
      9,
    );
  });
});

describe('separationFromTrain', () => {
  it('gives a separation facility the elements and recoveries of a designed SX train', async () => {
    const train = designSeparationTrain({ feed: { La: 30, Ce: 50, Nd: 20 }, purity: 0.99 });
    const sx = separationFromTrain(train);
    expect(sx.elements).toEqual(['La', 'Ce', 'Nd']);
    for (const e of sx.elements) {
      // For a single-element product, the train's own recovery of the product is the element's recovery.
      const product = train.products.find((p) => p.elements.length === 1 && p.elements[0] === e);
      expect(sx.recovery[e]).toBeCloseTo(product?.recovery as number, 12);
    }
    // In the supply chain: a mine of that feed's mix, the plant separating it at those recoveries.
    const r = await simulateSupplyChain(
      {
        name: 'from a train',
        countries: { US: 'United States' },
        facilities: [
          { id: 'mine', country: 'US', kind: 'mine', capacity: 1_200, mix: { La: 30, Ce: 50, Nd: 20 } },
          { id: 'sx', country: 'US', kind: 'separation', capacity: 10_000, ...sx },
        ],
        links: [{ from: 'mine', to: 'sx', stage: 'concentrate' }],
        demand: [],
      },
      { start: '2025-01', months: 1 },
    );
    // 100 t of concentrate, 20 % Nd: 20 t × the Nd recovery of Nd oxide in the month.
    expect(r.elementProduction.oxide.US?.Nd?.[0]).toBeCloseTo(20 * (sx.recovery.Nd as number), 9);
    expect(r.balanceResidual).toBeLessThanOrEqual(1e-9);
    expect(() => separationFromTrain(train, { minPurity: 2 })).toThrow(
      expect.objectContaining({ code: 'OUT_OF_RANGE', path: 'separationFromTrain.options.minPurity' }),
    );
  });
});

describe('simulateSupplyChain: demand the network cannot meet is rejected, not NaN', () => {
  it('simulateSupplyChain(demand of an element no facility tracks) throws UNKNOWN_KEY with its path', async () => {
    const s = { ...baseline2024, demand: [{ ...(baseline2024.demand[0] as Demand), elements: { Xx: 5 } }] };
    await expect(simulateSupplyChain(s, { start: '2024-01', months: 1 })).rejects.toMatchObject({
      code: 'UNKNOWN_KEY',
      path: expect.stringMatching(/\.elements\.Xx$/),
    });
  });

  it('simulateSupplyChain(demand year -100000) throws OUT_OF_RANGE instead of an infinite growth factor', async () => {
    const s = { ...baseline2024, demand: [{ ...(baseline2024.demand[0] as Demand), year: -100000 }] };
    await expect(simulateSupplyChain(s, { start: '2024-01', months: 1 })).rejects.toMatchObject({
      code: 'OUT_OF_RANGE',
      path: expect.stringMatching(/\.year$/),
    });
  });
});

describe('simulateSupplyChain: a mine mix with an untracked element is rejected (no mass silently lost)', () => {
  it('simulateSupplyChain(mix { Nd: 1, Xx: 1 }) throws UNKNOWN_KEY at the mix key', async () => {
    const mine = baseline2024.facilities.find((f) => f.kind === 'mine') as Facility;
    const s = {
      ...baseline2024,
      facilities: baseline2024.facilities.map((f) => (f === mine ? { ...f, mix: { Nd: 1, Xx: 1 } } : f)),
    };
    await expect(simulateSupplyChain(s, { start: '2024-01', months: 1 })).rejects.toMatchObject({
      code: 'UNKNOWN_KEY',
      path: expect.stringMatching(/\.mix\.Xx$/),
    });
  });
});

describe('export controls by element at an unseparated stage', () => {
  it('hold back the lots whose mix carries a listed element, and only those', async () => {
    // Two Australian mines ship concentrate to a US separator one month away: one of La only, one of La
    // and Dy. A ban on Dy exports at the concentrate stage stops the second and leaves the first.
    const s: SupplyScenario = {
      name: 'element controls',
      countries: { AU: 'Australia', US: 'United States' },
      facilities: [
        { id: 'la-mine', country: 'AU', kind: 'mine', capacity: 1_200, mix: { La: 1 } },
        { id: 'dy-mine', country: 'AU', kind: 'mine', capacity: 1_200, mix: { La: 0.9, Dy: 0.1 } },
        { id: 'sx', country: 'US', kind: 'separation', capacity: 10_000, recovery: 1 },
      ],
      links: [
        { from: 'la-mine', to: 'sx', stage: 'concentrate', leadTime: 1 },
        { from: 'dy-mine', to: 'sx', stage: 'concentrate', leadTime: 1 },
      ],
      demand: [{ id: 'us', country: 'US', sector: 'all', stage: 'oxide', elements: { La: 3_000, Dy: 200 } }],
      policies: [
        {
          kind: 'exportControl',
          id: 'au-dy',
          exporter: 'AU',
          stages: ['concentrate'],
          elements: ['Dy'],
          approvalRate: 0,
          // In force from before the warm-up, so no lot of the Dy mine is on its way at the start.
          from: '2023-01',
        },
      ],
    };
    const r = await simulateSupplyChain(s, RUN);
    const us = r.years['2024']?.demand.us;
    // La: the La-only mine's 1,200 t/yr arrives (all 12 months: it was shipped in the warm-up too); Dy: none.
    expect((us?.demanded ?? 0) - (us?.shortfall.La ?? 0) - (us?.shortfall.Dy ?? 0)).toBeCloseTo(1_200, 6);
    expect(us?.shortfall.Dy).toBeCloseTo(200, 6);
    expect(r.balanceResidual).toBeLessThanOrEqual(1e-12);
  });
});

describe('licence delays on routes with no lead time', () => {
  // A US mine and separator sell 100 t/month of Nd oxide to Canada over a route with no lead time; from
  // April 2024 every shipment needs a licence that takes two months (approval 1).
  const s: SupplyScenario = {
    name: 'licence delay',
    countries: { US: 'United States', CA: 'Canada' },
    facilities: usLine(1_200),
    links: [MINE_TO_SX, { from: 'sx', to: 'country:CA', stage: 'oxide', leadTime: 0 }],
    demand: [{ id: 'ca', country: 'CA', sector: 'all', stage: 'oxide', elements: { Nd: 1_200 } }],
    policies: [
      {
        kind: 'exportControl',
        id: 'us-licence',
        exporter: 'US',
        stages: ['oxide'],
        approvalRate: 1,
        licenceDelayMonths: 2,
        from: '2024-04',
      },
    ],
  };
  it('hold what is shipped for the delay (nothing is consumed before it arrives) and conserve every element', async () => {
    const r = await simulateSupplyChain(s, RUN);
    // The LP counted a delayed lead-0 shipment as arriving at once: Canada consumed what was in transit,
    // the buffer was clamped at 0 and material was made (balance residual 0.19).
    expect(r.balanceResidual).toBeLessThanOrEqual(1e-12);
    // April and May: the first licensed shipments are on their way; from June, 100 t/month again (the
    // market plans for the two months the licence adds).
    expect(r.demand[0]?.met.map((x) => Math.round(x))).toEqual([
      100, 100, 100, 0, 0, 100, 100, 100, 100, 100, 100, 100,
    ]);
  });
});

describe('bad policies, events, facilities and demand give typed errors at their paths', () => {
  const bad = async (change: Record<string, unknown>) =>
    simulateSupplyChain({ ...world, ...change } as unknown as SupplyScenario, RUN).catch((e: unknown) => e);
  const control = (extra: Record<string, unknown>) => ({
    policies: [
      {
        kind: 'exportControl',
        id: 'ec',
        exporter: 'US',
        stages: ['oxide'],
        approvalRate: 0,
        from: '2024-06',
        ...extra,
      },
    ],
  });
  it.each([
    [control({ elements: 'Nd' }), 'INVALID_TYPE', 'supplyChain.policies[0].elements'],
    [control({ elements: ['Xx'] }), 'UNKNOWN_KEY', 'supplyChain.policies[0].elements[0]'],
    [control({ stages: 'oxide' }), 'INVALID_TYPE', 'supplyChain.policies[0].stages'],
    [control({ stages: ['oxides'] }), 'UNKNOWN_KEY', 'supplyChain.policies[0].stages[0]'],
    [control({ destinations: 'JP' }), 'INVALID_TYPE', 'supplyChain.policies[0].destinations'],
    [control({ to: '2024-01' }), 'OUT_OF_RANGE', 'supplyChain.policies[0].to'],
    [control({ colour: 'red' }), 'UNKNOWN_KEY', 'supplyChain.policies[0].colour'],
    [
      { events: [{ kind: 'disruption', id: 'd', target: 'nope', from: '2024-02', months: 1 }] },
      'UNKNOWN_KEY',
      'supplyChain.events[0].target',
    ],
    [
      { events: [{ kind: 'disruption', id: 'd', target: 5, from: '2024-02', months: 1 }] },
      'INVALID_TYPE',
      'supplyChain.events[0].target',
    ],
    [
      { facilities: [world.facilities[0], { ...(world.facilities[1] as object), elements: ['Xx'] }] },
      'UNKNOWN_KEY',
      'supplyChain.facilities[1].elements[0]',
    ],
    [
      {
        facilities: [
          world.facilities[0],
          { ...(world.facilities[1] as object), outage: { ratePerMonth: 2, months: 1 } },
        ],
      },
      'OUT_OF_RANGE',
      'supplyChain.facilities[1].outage.ratePerMonth',
    ],
    [
      { demand: [{ id: 'us', country: 'US', sector: 'all', stage: 'oxides', elements: { Nd: 1 } }] },
      'UNKNOWN_KEY',
      'supplyChain.demand[0].stage',
    ],
    [{ facilities: 'abc' }, 'INVALID_TYPE', 'supplyChain.facilities'],
  ] as const)('%o -> %s at %s', async (change, code, path) => {
    const e = await bad(change as Record<string, unknown>);
    expect(e).toMatchObject({ code, path });
  });
});
