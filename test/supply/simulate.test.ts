// The monthly supply-chain simulation (src/supply/simulate.ts) on a small network: conservation of every
// element month by month, policies that close routes, disruptions, ramps, seeded outages and bad input.
import { describe, expect, it } from 'vitest';
import { simulateSupplyChain } from '../../src/supply/simulate.js';
import type { Policy, SupplyScenario } from '../../src/supply/types.js';

const MAGNET = ['Nd', 'Pr', 'Dy', 'Tb'];
const toy: SupplyScenario = {
  name: 'toy',
  countries: { CN: 'China', US: 'United States', JP: 'Japan' },
  facilities: [
    { id: 'bayan', country: 'CN', kind: 'mine', capacity: 120_000, mix: { deposit: 'bayan-obo' } },
    { id: 'mp', country: 'US', kind: 'mine', capacity: 45_000, mix: { deposit: 'mountain-pass' } },
    { id: 'baotou', country: 'CN', kind: 'separation', capacity: 150_000, recovery: 0.95 },
    { id: 'cnMetal', country: 'CN', kind: 'metal', capacity: 40_000, recovery: 0.98, elements: MAGNET },
    { id: 'cnMagnet', country: 'CN', kind: 'magnet', capacity: 30_000, recovery: 0.98, elements: MAGNET },
    { id: 'jpMagnet', country: 'JP', kind: 'magnet', capacity: 8_000, recovery: 0.98, elements: MAGNET },
  ],
  links: [
    { from: 'bayan', to: 'baotou', stage: 'concentrate' },
    { from: 'mp', to: 'baotou', stage: 'concentrate', leadTime: 2 },
    { from: 'baotou', to: 'cnMetal', stage: 'oxide' },
    { from: 'cnMetal', to: 'cnMagnet', stage: 'metal' },
    { from: 'cnMetal', to: 'jpMagnet', stage: 'metal', leadTime: 1 },
    { from: 'cnMagnet', to: 'country:JP', stage: 'magnet', leadTime: 1 },
  ],
  demand: [
    {
      id: 'cn',
      country: 'CN',
      sector: 'magnets',
      stage: 'magnet',
      elements: { Nd: 20_000, Pr: 6_000, Dy: 800, Tb: 200 },
    },
    {
      id: 'jp',
      country: 'JP',
      sector: 'magnets',
      stage: 'magnet',
      elements: { Nd: 6_000, Pr: 1_800, Dy: 300, Tb: 60 },
    },
  ],
};

/** The toy with an export control `us-conc` on US concentrate (the US -> CN route) from `from`. */
function withUsConcentrateControl(
  approvalRate: Extract<Policy, { kind: 'exportControl' }>['approvalRate'],
  from: string,
): SupplyScenario {
  return {
    ...toy,
    policies: [
      { kind: 'exportControl', id: 'us-conc', exporter: 'US', stages: ['concentrate'], approvalRate, from },
    ],
  };
}
const sum = (v: readonly number[]) => v.reduce((a, b) => a + b, 0);

describe('simulateSupplyChain', () => {
  it('reports progress after every simulated month, warm-up included, with the same result', async () => {
    const seen: [number, number][] = [];
    const options = { start: '2024-01', months: 6, warmUpMonths: 3 };
    const r = await simulateSupplyChain(toy, options, {
      onProgress: (done, total) => seen.push([done, total]),
    });
    expect(seen).toEqual(Array.from({ length: 9 }, (_, k) => [k + 1, 9]));
    expect(r).toEqual(await simulateSupplyChain(toy, options));
  });

  it('conserves every element month by month: mined = held + in transit + consumed + lost', async () => {
    const r = await simulateSupplyChain(toy, { start: '2024-01', months: 24 });
    expect(r.balanceResidual).toBeLessThanOrEqual(1e-9);
    expect(r.lp.notOptimal).toBe(0);
    // Mines run at capacity: 120,000 and 45,000 t/yr → 10,000 and 3,750 t per month.
    expect(r.production.concentrate.CN?.[0]).toBeCloseTo(10_000, 6);
    expect(r.production.concentrate.US?.[0]).toBeCloseTo(3_750, 6);
    // Only China separates here.
    expect(r.separatedShare.CN?.every((x) => x === 1)).toBe(true);
    // Consumption never exceeds demand.
    for (const d of r.demand) {
      d.met.forEach((m, t) => {
        expect(m).toBeLessThanOrEqual((d.demanded[t] as number) + 1e-6);
      });
    }
  });

  it('a ban on a route sends zero material along it (domestic processing: no US concentrate exports)', async () => {
    const banned: SupplyScenario = {
      ...toy,
      policies: [
        { kind: 'domesticProcessing', id: 'us', country: 'US', stages: ['concentrate'], from: '2024-07' },
      ],
    };
    const r = await simulateSupplyChain(banned, { start: '2024-01', months: 18 });
    const flow = r.trade['concentrate:US>CN'] ?? [];
    expect(sum(flow.slice(0, 6))).toBeGreaterThan(0);
    expect(sum(flow.slice(6))).toBe(0);
    expect(r.balanceResidual).toBeLessThanOrEqual(1e-9);
  });

  it('an approval schedule bounds the route month by month: 0, then half the pre-control mean, then no bound', async () => {
    const licensed = withUsConcentrateControl(
      [
        { from: '2025-01', rate: 0 },
        { from: '2025-03', rate: 0.5 },
        { from: '2025-05', rate: 1 },
      ],
      '2025-01',
    );
    const r = await simulateSupplyChain(licensed, { start: '2024-01', months: 24 });
    const flow = r.trade['concentrate:US>CN'] ?? [];
    const before = sum(flow.slice(0, 12)) / 12; // the bound's base: the mean of the 12 months before
    expect(before).toBeGreaterThan(0);
    expect(flow.slice(12, 14)).toEqual([0, 0]);
    for (const x of flow.slice(14, 16)) expect(x).toBeLessThanOrEqual(0.5 * before * (1 + 1e-9));
    expect(sum(flow.slice(14, 16))).toBeGreaterThan(0);
    // Rate 1 licenses everything: no bound, so the material held back ships (more than the mean at first).
    expect(Math.max(...flow.slice(16))).toBeGreaterThan(before * 1.01);
    expect(r.balanceResidual).toBeLessThanOrEqual(1e-9);
    // A schedule out of order, or not starting at the control's month, is refused with its path.
    const bad = (approvalRate: unknown) =>
      simulateSupplyChain(withUsConcentrateControl(approvalRate as never, '2025-01'), {
        start: '2024-01',
        months: 1,
      });
    await expect(bad([{ from: '2025-02', rate: 0 }])).rejects.toMatchObject({
      code: 'OUT_OF_RANGE',
      path: 'supplyChain.policies[0].approvalRate[0].from',
    });
    await expect(
      bad([
        { from: '2025-01', rate: 0 },
        { from: '2025-01', rate: 1 },
      ]),
    ).rejects.toMatchObject({ path: 'supplyChain.policies[0].approvalRate[1].from' });
    await expect(bad([{ from: '2025-01', rate: 2 }])).rejects.toMatchObject({
      path: 'supplyChain.policies[0].approvalRate[0].rate',
    });
  });

  it('an export ban on Dy and Tb magnets stops exactly those elements', async () => {
    const controlled: SupplyScenario = {
      ...toy,
      policies: [
        {
          kind: 'exportControl',
          id: 'dy',
          exporter: 'CN',
          stages: ['magnet', 'metal'],
          elements: ['Dy', 'Tb'],
          approvalRate: 0,
          from: '2024-01',
        },
      ],
    };
    // No warm-up: material shipped before the ban (in warm-up months) would cover Japan's first months.
    const r = await simulateSupplyChain(controlled, { start: '2024-01', months: 18, warmUpMonths: 0 });
    const jp = r.demand.find((d) => d.id === 'jp');
    // Japan makes no Dy or Tb of its own: with the ban its Dy and Tb demand goes wholly unmet.
    const demandDy = (300 / 12) * 0.999;
    expect(jp?.shortfall.Dy?.every((s) => s >= demandDy)).toBe(true);
    expect(jp?.shortfall.Tb?.every((s) => s >= (60 / 12) * 0.999)).toBe(true);
  });

  it('a disruption removes a facility for its months; a ramp brings a new one up linearly', async () => {
    const r = await simulateSupplyChain(
      {
        ...toy,
        events: [
          { kind: 'disruption', id: 'storm', target: 'mp', from: '2024-03', months: 2 },
          {
            kind: 'newFacility',
            id: 'new',
            facility: {
              id: 'au',
              country: 'US',
              kind: 'mine',
              capacity: 12_000,
              mix: { deposit: 'mount-weld' },
              start: '2024-02',
              rampMonths: 4,
            },
          },
        ],
        links: [...toy.links, { from: 'au', to: 'baotou', stage: 'concentrate', leadTime: 2 }],
      },
      { start: '2024-01', months: 8 },
    );
    const us = r.production.concentrate.US ?? [];
    // mp: 3,750 t/month except March-April 2024; the new mine: 0 in January, then 1/4, 2/4, 3/4, 4/4 of 1,000.
    expect(us.map((x) => Math.round(x))).toEqual([3750, 4000, 500, 750, 4750, 4750, 4750, 4750]);
  });

  it('gives the same result for the same seed with random outages, and another for another seed', async () => {
    const outages: SupplyScenario = {
      ...toy,
      facilities: toy.facilities.map((f) =>
        f.kind === 'mine' ? { ...f, outage: { ratePerMonth: 0.2, months: 2 } } : f,
      ),
    };
    const a = await simulateSupplyChain(outages, { start: '2024-01', months: 24, seed: 's1' });
    const b = await simulateSupplyChain(outages, { start: '2024-01', months: 24, seed: 's1' });
    const c = await simulateSupplyChain(outages, { start: '2024-01', months: 24, seed: 's2' });
    expect(b).toEqual(a);
    expect(c.production.concentrate).not.toEqual(a.production.concentrate);
    expect(a.production.concentrate.CN?.some((x) => x === 0)).toBe(true);
  });

  it('rejects bad scenarios and options with typed errors and paths', async () => {
    const code = (p: Promise<unknown>) =>
      p.then(
        () => undefined,
        (e: { code?: string }) => e.code,
      );
    expect(await code(simulateSupplyChain(toy, { start: '2024-13', months: 2 }))).toBe('INVALID_TYPE');
    expect(await code(simulateSupplyChain(toy, { start: '2024-01', months: 0 }))).toBe('OUT_OF_RANGE');
    const dup = {
      ...toy,
      facilities: [...toy.facilities, toy.facilities[0] as SupplyScenario['facilities'][number]],
    };
    expect(await code(simulateSupplyChain(dup, { start: '2024-01', months: 1 }))).toBe('INVALID_TYPE');
    const run = { start: '2024-01', months: 1 } as const;
    const ban = (approvalRate: number) =>
      simulateSupplyChain(
        {
          ...toy,
          policies: [
            {
              kind: 'exportControl',
              id: 'x',
              exporter: 'CN',
              stages: ['magnet'],
              approvalRate,
              from: '2024-01',
            },
          ],
        },
        run,
      );
    expect(await code(ban(1.5))).toBe('OUT_OF_RANGE');
    expect(await code(ban(Number.NaN))).toBe('NOT_FINITE');
    const badDemand = {
      ...toy,
      demand: [{ ...(toy.demand[0] as SupplyScenario['demand'][number]), elements: { Nd: -1 } }],
    };
    expect(await code(simulateSupplyChain(badDemand, run))).toBe('OUT_OF_RANGE');
    const badEvent = {
      ...toy,
      events: [
        { kind: 'disruption' as const, id: 'e', target: 'mp', from: '2024-01', months: 2, severity: 2 },
      ],
    };
    expect(await code(simulateSupplyChain(badEvent, run))).toBe('OUT_OF_RANGE');
    const badLink = { ...toy, links: [{ from: 'nowhere', to: 'baotou', stage: 'concentrate' as const }] };
    expect(await code(simulateSupplyChain(badLink, { start: '2024-01', months: 1 }))).toBe('UNKNOWN_KEY');
  });
});

describe("the engine's 'supply-chain' task", () => {
  it('runs a scenario on worker threads with the in-process result', async () => {
    const { runBatches } = await import('../../src/engine/runBatches.js');
    const input = { scenario: toy, options: { start: '2024-01', months: 6 } };
    const direct = await simulateSupplyChain(toy, input.options);
    const pooled = await runBatches([input, input], { task: 'supply-chain', threads: 2 });
    for (const r of pooled) expect(r.state === 'completed' && r.value).toEqual(direct);
  }, 30_000);
});

describe('withExportLicensing2025', () => {
  it('raises the Dy and Tb shortfall of magnet makers outside China and lowers it in China', async () => {
    const { baseline2024 } = await import('../../src/supply/baseline/baseline2024.js');
    const { withExportLicensing2025 } = await import('../../src/supply/scenarios/exportControls2025.js');
    const run = { start: '2024-01', months: 24 } as const;
    const base = await simulateSupplyChain(baseline2024, run);
    const lic = await simulateSupplyChain(withExportLicensing2025(baseline2024, { approvalRate: 0 }), run);
    const short = (r: typeof base, c: string, e: string) =>
      sum(r.demand.find((d) => d.country === c)?.shortfall[e]?.slice(15) ?? []); // from April 2025
    for (const c of ['JP', 'EU', 'US']) expect(short(lic, c, 'Dy')).toBeGreaterThan(short(base, c, 'Dy'));
    expect(short(lic, 'CN', 'Dy')).toBeLessThanOrEqual(short(base, 'CN', 'Dy'));
    // A ban (approval 0): no Dy magnets leave China after the licences start (plus the delay's pipeline).
    const dyOut = Object.entries(lic.trade)
      .filter(([k]) => k.startsWith('magnet:CN>'))
      .reduce((a, [, v]) => a + sum(v.slice(15)), 0);
    const dyOutBase = Object.entries(base.trade)
      .filter(([k]) => k.startsWith('magnet:CN>'))
      .reduce((a, [, v]) => a + sum(v.slice(15)), 0);
    expect(dyOut).toBeLessThan(dyOutBase);
    expect(lic.balanceResidual).toBeLessThanOrEqual(1e-9);
  }, 30_000);
});

describe('simulateSupplyChain warm-up (issue 13)', () => {
  it('a warmed-up run reports the months of a longer cold run exactly: the warm-up months are run, then dropped', async () => {
    const { baseline2024 } = await import('../../src/supply/baseline/baseline2024.js');
    const cold = await simulateSupplyChain(baseline2024, { start: '2023-07', months: 12, warmUpMonths: 0 });
    const warm = await simulateSupplyChain(baseline2024, { start: '2024-01', months: 6, warmUpMonths: 6 });
    expect(warm.months).toEqual(cold.months.slice(6));
    expect(warm.production.oxide.CN).toEqual(cold.production.oxide.CN?.slice(6));
    expect(warm.inventory).toEqual(cold.inventory.slice(6));
    expect(warm.demand[0]?.met).toEqual(cold.demand[0]?.met.slice(6));
    // Cold, world oxide output climbs for months while the stages fill; warmed up, it starts at its level.
    const world = (r: typeof cold, t: number) =>
      Object.values(r.production.oxide).reduce((a, v) => a + (v[t] ?? 0), 0);
    expect(world(cold, 0)).toBeLessThan(0.9 * world(cold, 6));
    expect(Math.abs(world(warm, 0) - world(warm, 5))).toBeLessThan(0.02 * world(warm, 5));
  }, 30_000);

  it('warmUpMonths outside 0-120 is refused with its path', async () => {
    const { baseline2024 } = await import('../../src/supply/baseline/baseline2024.js');
    await expect(
      simulateSupplyChain(baseline2024, { start: '2024-01', months: 1, warmUpMonths: 121 }),
    ).rejects.toMatchObject({ code: 'OUT_OF_RANGE', path: 'simulateSupplyChain.options.warmUpMonths' });
  });
});

describe('simulateSupplyChain: the warm-up leaves policies and stockpiles as dated (review of issue 13)', () => {
  it("an export licence approves the same flow whatever month the run starts: its base is the simulated months' mean", async () => {
    const licensed = withUsConcentrateControl(0.5, '2025-04');
    // From 2024-01 the 12 months before the control are all simulated; from 2025-01 (6-month warm-up from
    // 2024-07) only 9 are: the mean is over those, not over 12.
    const early = await simulateSupplyChain(licensed, { start: '2024-01', months: 20 });
    const late = await simulateSupplyChain(licensed, { start: '2025-01', months: 8 });
    const at = (r: typeof early, month: string) =>
      r.trade['concentrate:US>CN']?.[r.months.indexOf(month)] ?? Number.NaN;
    for (const month of ['2025-04', '2025-06', '2025-08'])
      expect(Math.abs(at(late, month) / at(early, month) - 1)).toBeLessThanOrEqual(0.01);
    expect(at(early, '2025-05')).toBeGreaterThan(0);
  }, 30_000);

  it("a stockpile's initial holding is there at the run's start: the warm-up neither fills nor releases it", async () => {
    const withReserve: SupplyScenario = {
      ...toy,
      policies: [
        {
          kind: 'stockpile',
          id: 'jp-reserve',
          country: 'JP',
          stage: 'magnet',
          elements: { Nd: 500 },
          initial: { Nd: 500 },
          from: '2020-01',
        },
      ],
    };
    const r = await simulateSupplyChain(withReserve, { start: '2025-01', months: 3 });
    const sp = r.stockpiles[0];
    // Whatever the first month did, it started from the initial 500 t.
    expect((sp?.held[0] ?? Number.NaN) - (sp?.filled[0] ?? 0) + (sp?.released[0] ?? 0)).toBeCloseTo(500, 6);
  });
});
