// facilityChange events: a facility runs as another (its id, its links, changed fields) from a month on,
// with its capacity moving over a ramp and its inventories and arrivals handed over. Worked out by hand.
import { describe, expect, it } from 'vitest';
import { simulateSupplyChain } from '../../src/supply/simulate.js';
import type { SupplyEvent, SupplyScenario } from '../../src/supply/types.js';
import { MINE_TO_SX, usLine } from './fixtures/usLine.js';

// A US mine (Nd 1/2, Ce 1/2, 2,400 t/yr) feeds a US separator that separates Nd only (1,200 t/yr of
// output); Japan, one month away, asks for 1,200 t/yr of Nd and 600 t/yr of Ce oxide.
const world: SupplyScenario = {
  name: 'change',
  countries: { US: 'United States', JP: 'Japan' },
  facilities: [
    { id: 'mine', country: 'US', kind: 'mine', capacity: 2_400, mix: { Nd: 1, Ce: 1 } },
    { id: 'sx', country: 'US', kind: 'separation', capacity: 1_200, recovery: 1, elements: ['Nd'] },
  ],
  links: [
    { from: 'mine', to: 'sx', stage: 'concentrate' },
    { from: 'sx', to: 'country:JP', stage: 'oxide', leadTime: 1 },
  ],
  demand: [{ id: 'jp', country: 'JP', sector: 'all', stage: 'oxide', elements: { Nd: 1_200, Ce: 600 } }],
};
// From July 2024 the separator also separates Ce and its capacity rises to 1,800 t/yr.
const change = (extra: Partial<Extract<SupplyEvent, { kind: 'facilityChange' }>> = {}): SupplyEvent => ({
  kind: 'facilityChange',
  id: 'sx-ce',
  facility: 'sx',
  from: '2024-07',
  capacity: 1_800,
  elements: ['Nd', 'Ce'],
  ...extra,
});
const RUN = { start: '2024-01', months: 12 } as const;

describe('facilityChange events', () => {
  it('run the facility with the changed fields from their month, through its links, conserving every element', async () => {
    const r = await simulateSupplyChain({ ...world, events: [change()] }, RUN);
    const oxide = r.production.oxide.US ?? [];
    // 100 t/month of Nd before July; 150 t/month of Nd and Ce (75 + 75: the mine's 1:1 mix) from July.
    for (let t = 0; t < 6; t++) expect(oxide[t]).toBeCloseTo(100, 6);
    for (let t = 6; t < 12; t++) expect(oxide[t]).toBeCloseTo(150, 6);
    // Japan gets Ce from August (one month's lead): 50 t/month asked, 75 t/month made.
    const ce = r.demand[0]?.shortfall.Ce ?? [];
    for (let t = 0; t < 7; t++) expect(ce[t]).toBeCloseTo(50, 6);
    for (let t = 7; t < 12; t++) expect(ce[t]).toBeCloseTo(0, 6);
    expect(r.balanceResidual).toBeLessThanOrEqual(1e-12);
    expect(r.lp.notOptimal).toBe(0);
    expect(r.warnings).toEqual([]);
  });

  it('move capacity linearly from the old figure to the new over their ramp, holding on to the inventories', async () => {
    const r = await simulateSupplyChain(
      { ...world, events: [change({ capacity: 2_400, rampMonths: 4 })] },
      RUN,
    );
    const oxide = r.production.oxide.US ?? [];
    // 100 t/month of Nd before July; then 1,200 -> 2,400 t/yr in four steps: 125, 150, 175, 200 t/month,
    // the last the whole ore (100 Nd + 100 Ce). The changed line separates Ce from the start of the change.
    for (let t = 0; t < 6; t++) expect(oxide[t]).toBeCloseTo(100, 6);
    [125, 150, 175, 200, 200, 200].forEach((x, k) => {
      expect(oxide[6 + k]).toBeCloseTo(x, 6);
    });
    expect(r.balanceResidual).toBeLessThanOrEqual(1e-12);
  });

  it('hit the changed facility with a disruption of the old one', async () => {
    const outage: SupplyEvent = { kind: 'disruption', id: 'down', target: 'sx', from: '2024-09', months: 1 };
    const r = await simulateSupplyChain({ ...world, events: [change(), outage] }, RUN);
    expect(r.production.oxide.US?.[8]).toBe(0);
    expect(r.production.oxide.US?.[9]).toBeGreaterThan(0);
  });

  it('chain: a second change applies to what the first made', async () => {
    const second: SupplyEvent = {
      kind: 'facilityChange',
      id: 'sx-big',
      facility: 'sx',
      from: '2024-10',
      capacity: 2_400,
    };
    const r = await simulateSupplyChain({ ...world, events: [second, change()] }, RUN);
    const oxide = r.production.oxide.US ?? [];
    expect(oxide[5]).toBeCloseTo(100, 6);
    expect(oxide[6]).toBeCloseTo(150, 6);
    // From October: 2,400 t/yr of Nd and Ce (the elements of the first change carry over): all the ore.
    expect(oxide[9]).toBeCloseTo(200, 6);
    expect(r.balanceResidual).toBeLessThanOrEqual(1e-12);
  });

  it("keep a changed mine's stock shippable: it is the same source (same origin and mix)", async () => {
    // A 2,400 t/yr Nd mine feeds a 1,200 t/yr separator and stocks the rest; from July its output falls to
    // 600 t/yr, and the separator draws the stock down at 50 t/month while keeping its 100 t/month.
    const s: SupplyScenario = {
      name: 'mine change',
      countries: { US: 'United States' },
      facilities: usLine(2_400, 1_200),
      links: [MINE_TO_SX],
      demand: [{ id: 'us', country: 'US', sector: 'all', stage: 'oxide', elements: { Nd: 1_200 } }],
      events: [{ kind: 'facilityChange', id: 'mine-2', facility: 'mine', from: '2024-07', capacity: 600 }],
    };
    const r = await simulateSupplyChain(s, { start: '2024-01', months: 24 });
    r.production.oxide.US?.forEach((x) => {
      expect(x).toBeCloseTo(100, 6);
    });
    const held = (r.inventoryBreakdown ?? []).map((b) => b.byStage.concentrate);
    // The stock held at the change was stranded under the new mine's own origin (it stayed at 1,100 t).
    expect((held[5] as number) - (held[17] as number)).toBeCloseTo(12 * 50, 6);
    expect(r.balanceResidual).toBeLessThanOrEqual(1e-12);
  });

  it("keep an export licence's base across the change (shipments are kept by route)", async () => {
    // 100 t/month to Japan; a 50 % licence from July 2024; the plant's availability changes in May or
    // September: the licensed flow stays half of what it shipped before (it fell to 8 % or to a ban).
    const s = (from: string): SupplyScenario => ({
      ...world,
      links: [
        { from: 'mine', to: 'sx', stage: 'concentrate' },
        { from: 'sx', to: 'country:JP', stage: 'oxide', leadTime: 1 },
      ],
      facilities: [
        { id: 'mine', country: 'US', kind: 'mine', capacity: 2_400, mix: { Nd: 1, Ce: 1 } },
        { id: 'sx', country: 'US', kind: 'separation', capacity: 1_200, recovery: 1, elements: ['Nd'] },
      ],
      demand: [{ id: 'jp', country: 'JP', sector: 'all', stage: 'oxide', elements: { Nd: 1_200 } }],
      policies: [
        {
          kind: 'exportControl',
          id: 'us-ec',
          exporter: 'US',
          stages: ['oxide'],
          approvalRate: 0.5,
          from: '2024-07',
        },
      ],
      events: [{ kind: 'facilityChange', id: 'sx-2', facility: 'sx', from, availability: 0.99 }],
    });
    // The base is the mean of the 12 months before the control (the warm-up's six included): 100 t/month,
    // or 99 t/month in May and June after the May change.
    for (const [from, base] of [
      ['2024-05', (10 * 100 + 2 * 99) / 12],
      ['2024-09', 100],
    ] as const) {
      const r = await simulateSupplyChain(s(from), RUN);
      const shipped = r.trade['oxide:US>JP'] ?? [];
      for (let t = 6; t < 12; t++) expect(shipped[t], `${from} month ${t}`).toBeCloseTo(0.5 * base, 6);
    }
  });

  it('refuse an unknown facility, a taken id, a change of nothing and bad fields, each at its path', async () => {
    const bad = async (ev: Record<string, unknown>) =>
      simulateSupplyChain({ ...world, events: [ev as unknown as SupplyEvent] }, RUN).catch((e: unknown) => e);
    expect(await bad({ ...change(), facility: 'nope' })).toMatchObject({
      code: 'UNKNOWN_KEY',
      path: 'supplyChain.events[0].facility',
    });
    expect(await bad({ ...change(), id: 'mine' })).toMatchObject({
      code: 'INVALID_TYPE',
      path: 'supplyChain.events[0].id',
    });
    expect(await bad({ kind: 'facilityChange', id: 'x', facility: 'sx', from: '2024-07' })).toMatchObject({
      code: 'MISSING',
      path: 'supplyChain.events[0]',
    });
    expect(await bad({ ...change(), capacity: -1 })).toMatchObject({
      path: 'supplyChain.events[0].capacity',
    });
    expect(await bad({ ...change(), elements: [] })).toMatchObject({
      code: 'INVALID_TYPE',
      path: 'supplyChain.events[0].elements',
    });
    expect(await bad({ ...change(), elements: ['Xx'] })).toMatchObject({
      code: 'UNKNOWN_KEY',
      path: 'supplyChain.events[0].elements[0]',
    });
    expect(await bad({ ...change(), rampMonths: 1.5 })).toMatchObject({
      path: 'supplyChain.events[0].rampMonths',
    });
    expect(await bad({ ...change(), colour: 'red' })).toMatchObject({
      code: 'UNKNOWN_KEY',
      path: 'supplyChain.events[0].colour',
    });
    // A bad start of the changed facility is its own field's mistake, not the event's.
    const sx = world.facilities.findIndex((f) => f.id === 'sx');
    const badStart = {
      ...world,
      facilities: world.facilities.map((f, i) => (i === sx ? { ...f, start: '2025-13' } : f)),
      events: [change() as unknown as SupplyEvent],
    };
    expect(await simulateSupplyChain(badStart, RUN).catch((e: unknown) => e)).toMatchObject({
      path: `supplyChain.facilities[${sx}].start`,
    });
  });
});
