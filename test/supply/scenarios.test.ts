// The supply-chain scenario files (src/supply/scenarios): each composes with baseline2024 and with the
// others, runs in the monthly simulation with every element conserved, and moves the numbers the way its news
// implies. Expected values are closed forms of the scenario's own inputs (capacities x mixes x recoveries) or
// published figures (cited where used); directions are against the baseline run.
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { depositDistribution } from '../../src/data/deposits.js';
import { type Provenance, sources } from '../../src/data/provenance.js';
import { baseline2024 } from '../../src/supply/baseline/baseline2024.js';
import {
  CRACKING_RECOVERY,
  MOUNT_WELD_BEYOND_USGS_2024,
  SEPARATION_RECOVERY,
} from '../../src/supply/baseline/plants.js';
import { resolveNetwork } from '../../src/supply/network.js';
import { withDevelopments2025 } from '../../src/supply/scenarios/developments2025.js';
import { withDiversification } from '../../src/supply/scenarios/diversification.js';
import { withExportLicensing2025 } from '../../src/supply/scenarios/exportControls2025.js';
import { withLynasHeavyRareEarths } from '../../src/supply/scenarios/lynasHeavy.js';
import { withMpDomesticProcessing } from '../../src/supply/scenarios/mpDomestic.js';
import { withMyanmarDisruption } from '../../src/supply/scenarios/myanmarDisruption.js';
import { withPakistanUsDeal } from '../../src/supply/scenarios/pakistanUs.js';
import { withSerraVerde } from '../../src/supply/scenarios/serraVerde.js';
import { withTurkeyBeylikova } from '../../src/supply/scenarios/turkeyBeylikova.js';
import { type SupplyChainResult, simulateSupplyChain } from '../../src/supply/simulate.js';
import type { Facility, SupplyScenario } from '../../src/supply/types.js';
import { codeOf } from '../helpers.js';

type Scenario = (base: SupplyScenario, params?: never) => SupplyScenario;
const SCENARIOS: Record<string, Scenario> = {
  mp: withMpDomesticProcessing as Scenario,
  pakistan: withPakistanUsDeal as Scenario,
  turkey: withTurkeyBeylikova as Scenario,
  serraVerde: withSerraVerde as Scenario,
  myanmar: withMyanmarDisruption as Scenario,
  lynas: withLynasHeavyRareEarths as Scenario,
  developments: withDevelopments2025 as Scenario,
};

const START = '2024-01';
/** Month index of 'YYYY-MM' in a run starting 2024-01. */
const at = (month: string): number => {
  const [y, m] = month.split('-').map(Number) as [number, number];
  return (y - 2024) * 12 + m - 1;
};
const sum = (xs: readonly number[] | undefined, from = 0, to = xs?.length ?? 0): number =>
  (xs ?? []).slice(from, to).reduce((a, b) => a + b, 0);
const year = (xs: readonly number[] | undefined, y: number): number =>
  sum(xs, (y - 2024) * 12, (y - 2023) * 12);

const runs = new Map<string, Promise<SupplyChainResult>>();
/** The simulation of `scenario` from 2024-01, once per key. */
function run(key: string, scenario: SupplyScenario, months = 84, seed?: string): Promise<SupplyChainResult> {
  let r = runs.get(key);
  if (!r) {
    r = simulateSupplyChain(scenario, { start: START, months, ...(seed === undefined ? {} : { seed }) });
    runs.set(key, r);
  }
  return r;
}
const baseline = () => run('baseline', baseline2024);

function expectSound(r: SupplyChainResult): void {
  expect(r.balanceResidual).toBeLessThanOrEqual(1e-9);
  expect(r.lp.notOptimal).toBe(0);
}

/** Every facility of a scenario, including those its events add. */
const facilitiesOf = (s: SupplyScenario): Facility[] => [
  ...s.facilities,
  ...(s.events ?? []).flatMap((e) => (e.kind === 'newFacility' ? [e.facility] : [])),
];

function deepFreeze<T>(x: T): T {
  if (typeof x === 'object' && x !== null && !Object.isFrozen(x)) {
    Object.freeze(x);
    for (const v of Object.values(x)) deepFreeze(v);
  }
  return x;
}

// Keys of the package bibliography and of the scenarios' own SOURCES.md table.
const SOURCES_MD = readFileSync(
  resolve(import.meta.dirname, '../../src/supply/scenarios/SOURCES.md'),
  'utf8',
);
const SCENARIO_KEYS = [...SOURCES_MD.matchAll(/^\|\s*`([A-Z0-9]+)`\s*\|/gm)].map((m) => m[1] as string);
const KNOWN_KEYS = new Set([...Object.keys(sources), ...SCENARIO_KEYS]);

describe('scenario files', () => {
  it('each returns a new scenario and leaves base untouched (a deep-frozen base works)', () => {
    const frozen = deepFreeze(structuredClone(baseline2024));
    const before = structuredClone(baseline2024);
    for (const [name, f] of Object.entries(SCENARIOS)) {
      const s = f(frozen);
      expect(s, name).not.toBe(frozen);
      expect(s.name.startsWith('baseline-2024 + '), name).toBe(true);
    }
    withDiversification(frozen);
    expect(baseline2024).toEqual(before);
  });

  it('new facilities carry provenance for themselves and their capacity, from a known source', () => {
    const baseIds = new Set(baseline2024.facilities.map((f) => f.id));
    const expectKnown = (p: Provenance | undefined, what: string) => {
      expect(p, what).toBeDefined();
      expect(KNOWN_KEYS.has(p?.source ?? ''), `${what}: ${p?.source}`).toBe(true);
    };
    for (const [name, f] of Object.entries(SCENARIOS)) {
      const s = f(baseline2024);
      for (const fac of facilitiesOf(s).filter((x) => !baseIds.has(x.id))) {
        expectKnown(fac.provenance, `${name}: ${fac.id}`);
        expect(typeof fac.capacity, `${name}: ${fac.id}.capacity`).toBe('object');
        if (typeof fac.capacity === 'object') {
          expectKnown(fac.capacity.provenance, `${name}: ${fac.id}.capacity`);
          expect(Number.isFinite(fac.capacity.value) && fac.capacity.value > 0, fac.id).toBe(true);
        }
      }
      for (const p of s.policies ?? []) if (p.kind === 'exportControl') expectKnown(p.provenance, p.id);
      // New countries come with a name.
      for (const fac of facilitiesOf(s)) expect(s.countries[fac.country], fac.id).toBeDefined();
    }
  });

  it('every pair composes in both orders with unique facility, event and policy ids', () => {
    const names = Object.keys(SCENARIOS);
    for (const a of names) {
      for (const b of names) {
        if (a === b) continue;
        const s = (SCENARIOS[a] as Scenario)((SCENARIOS[b] as Scenario)(baseline2024));
        const what = `${a}(${b}(baseline))`;
        const ids = facilitiesOf(s).map((f) => f.id);
        expect(new Set(ids).size, what).toBe(ids.length);
        const events = (s.events ?? []).map((e) => e.id);
        expect(new Set(events).size, what).toBe(events.length);
        const policies = (s.policies ?? []).map((p) => p.id);
        expect(new Set(policies).size, what).toBe(policies.length);
        expect(() => resolveNetwork(s), what).not.toThrow();
      }
    }
  });

  it('applying a scenario twice is refused with INFEASIBLE', () => {
    for (const [name, f] of Object.entries(SCENARIOS)) {
      expect(
        codeOf(() => f(f(baseline2024))),
        name,
      ).toBe('INFEASIBLE');
    }
  });

  it('rejects bad params with typed errors and paths', () => {
    const code = codeOf;
    expect(code(() => withMpDomesticProcessing(baseline2024, { form: '2025-04' } as never))).toBe(
      'UNKNOWN_KEY',
    );
    expect(code(() => withMpDomesticProcessing(baseline2024, { from: 'April 2025' }))).toBe('INVALID_TYPE');
    expect(code(() => withMpDomesticProcessing(baseline2024, { ndprCapacity: Number.NaN }))).toBe(
      'NOT_FINITE',
    );
    // Below what the base already separates (1,294 t NdPr in 2024).
    expect(code(() => withMpDomesticProcessing(baseline2024, { ndprCapacity: 1_000 }))).toBe('INFEASIBLE');
    expect(code(() => withMpDomesticProcessing(baseline2024, { rampMonths: 2.5 }))).toBe('OUT_OF_RANGE');
    const noMp = { ...baseline2024, facilities: baseline2024.facilities.filter((f) => f.country !== 'US') };
    expect(code(() => withMpDomesticProcessing(noMp))).toBe('MISSING');
    expect(code(() => withPakistanUsDeal(baseline2024, { concentrate: -1 }))).toBe('OUT_OF_RANGE');
    expect(code(() => withPakistanUsDeal(baseline2024, { refineryStart: '2028-13' }))).toBe('INVALID_TYPE');
    expect(code(() => withTurkeyBeylikova(baseline2024, { reoPerYear: '10000' as never }))).toBe(
      'INVALID_TYPE',
    );
    expect(code(() => withSerraVerde(baseline2024, { westernSeparator: 'nowhere' }))).toBe('UNKNOWN_KEY');
    expect(code(() => withSerraVerde(baseline2024, { westernSeparator: 'cn-other-separation' }))).toBe(
      'INFEASIBLE',
    );
    expect(code(() => withMyanmarDisruption(baseline2024, { severity: 1.5 }))).toBe('OUT_OF_RANGE');
    expect(code(() => withMyanmarDisruption(baseline2024, { targets: ['mm-nowhere'] }))).toBe('UNKNOWN_KEY');
    expect(
      code(() => withMyanmarDisruption(baseline2024, { outage: { ratePerMonth: 0.1, months: 0 } })),
    ).toBe('OUT_OF_RANGE');
    const noLynas = {
      ...baseline2024,
      facilities: baseline2024.facilities.filter((f) => f.country !== 'MY'),
    };
    expect(code(() => withLynasHeavyRareEarths(noLynas))).toBe('MISSING');
    expect(code(() => withDiversification(baseline2024, { brazil: {} } as never))).toBe('UNKNOWN_KEY');
    expect(code(() => withDiversification(baseline2024, { turkey: 3 } as never))).toBe('INVALID_TYPE');
  });

  it('random valid params give a network the simulator accepts, with finite capacities', () => {
    const month = fc
      .record({ y: fc.integer({ min: 2024, max: 2032 }), m: fc.integer({ min: 1, max: 12 }) })
      .map(({ y, m }) => `${y}-${String(m).padStart(2, '0')}`);
    fc.assert(
      fc.property(
        month,
        month,
        fc.double({ min: 0, max: 20_000, noNaN: true }),
        fc.integer({ min: 0, max: 48 }),
        fc.double({ min: 0, max: 1, noNaN: true }),
        (m1, m2, tonnes, ramp, severity) => {
          const s = withLynasHeavyRareEarths(
            withMyanmarDisruption(
              withDiversification(baseline2024, {
                mp: { from: m1, ndprCapacity: 1_300 + tonnes, rampMonths: ramp },
                pakistan: { firstShipment: m1, refineryStart: m2, concentrate: tonnes },
                turkey: { start: m2, reoPerYear: tonnes, rampMonths: ramp },
                serraVerde: { start: m1, offtakeEnds: m2, reoPerYear: tonnes },
              }),
              { from: m2, severity, months: ramp + 1 },
            ),
            { start: m1, rampMonths: ramp },
          );
          const net = resolveNetwork(s);
          return net.nodes.every((n) => Number.isFinite(n.capacity) && n.capacity >= 0);
        },
      ),
      { numRuns: 40 },
    );
  });
});

describe('withMpDomesticProcessing', () => {
  const scenario = () => run('mp', withMpDomesticProcessing(baseline2024));

  it('ships no US concentrate to China from April 2025 and no US oxide from July 2025', async () => {
    const r = await scenario();
    expectSound(r);
    const concentrate = r.trade['concentrate:US>CN'];
    expect(sum(concentrate, 0, at('2025-04'))).toBeGreaterThan(0);
    expect(sum(concentrate, at('2025-04'))).toBe(0);
    expect(sum(r.trade['oxide:US>CN'], at('2025-07'))).toBe(0);
  });

  it('separates more in the US: 2025 NdPr near MP reported 2,599 t, 2026 above the baseline', async () => {
    const [r, b] = await Promise.all([scenario(), baseline()]);
    const ndpr = (x: SupplyChainResult, y: number) =>
      year(x.elementProduction.oxide.US?.Nd, y) + year(x.elementProduction.oxide.US?.Pr, y);
    // MP Materials FY2025 results (26 Feb 2026): 2,599 t NdPr oxide produced in 2025.
    expect(Math.abs(ndpr(r, 2025) / 2_599 - 1)).toBeLessThan(0.1);
    expect(year(r.production.oxide.US, 2026)).toBeGreaterThan(2 * year(b.production.oxide.US, 2026));
    expect(year(r.separatedShare.US, 2026)).toBeGreaterThan(year(b.separatedShare.US, 2026));
    // US magnets from Independence, within 10,000 t/yr of magnets x 1/3 RE content once 10X runs.
    const magnets = year(r.production.magnet.US, 2030);
    expect(magnets).toBeGreaterThan(0);
    expect(magnets).toBeLessThanOrEqual(10_000 / 3 + 1e-6);
    expect(year(b.production.magnet.US, 2030)).toBe(0);
  });
});

describe('withPakistanUsDeal', () => {
  const scenario = () => run('pakistan', withPakistanUsDeal(baseline2024));

  it('Pakistan mines from October 2025, ships concentrate to the US, then refines at home', async () => {
    const r = await scenario();
    expectSound(r);
    const mined = r.production.concentrate.PK;
    expect(sum(mined, 0, at('2025-10'))).toBe(0);
    expect(mined?.[at('2025-10')]).toBeGreaterThan(0);
    // Full rate after the 12-month ramp: 500 t REO/yr (the assumed default), mined at capacity.
    expect(year(mined, 2027)).toBeCloseTo(500, 6);
    expect(year(r.trade['concentrate:PK>US'], 2026)).toBeGreaterThan(0);
    expect(sum(r.production.oxide.PK, 0, at('2028-01'))).toBe(0);
    expect(year(r.production.oxide.PK, 2029)).toBeGreaterThan(0);
    // Once the Pakistani refinery runs, most of the concentrate stays home.
    expect(year(r.trade['concentrate:PK>US'], 2030)).toBeLessThan(
      0.2 * year(r.trade['concentrate:PK>US'], 2027),
    );
  });
});

describe('withTurkeyBeylikova', () => {
  it('Turkey separates nothing before 2028 and about 10,000 t REO/yr at nameplate', async () => {
    const [r, b] = await Promise.all([run('turkey', withTurkeyBeylikova(baseline2024)), baseline()]);
    expectSound(r);
    expect(sum(r.production.oxide.TR, 0, at('2028-01'))).toBe(0);
    // Planned plant: 570,000 t ore/yr -> 10,000 t REO (Daily Sabah 2022, Sabah 2025; ree-data.md 5.2).
    expect(Math.abs(year(r.production.oxide.TR, 2030) / 10_000 - 1)).toBeLessThan(0.05);
    expect(year(r.separatedShare.CN, 2030)).toBeLessThan(year(b.separatedShare.CN, 2030));
  });
});

describe('withSerraVerde', () => {
  it('sends MREC to China until the offtake ends in 2026, then to Solvay in France', async () => {
    const [r, b] = await Promise.all([run('serraVerde', withSerraVerde(baseline2024)), baseline()]);
    expectSound(r);
    expect(year(r.trade['mixed:BR>CN'], 2025)).toBeGreaterThan(0);
    expect(sum(r.trade['mixed:BR>CN'], at('2027-01'))).toBe(0);
    expect(sum(r.trade['mixed:BR>FR'], 0, at('2027-01'))).toBe(0);
    expect(year(r.trade['mixed:BR>FR'], 2028)).toBeGreaterThan(0);
    expect(year(b.production.oxide.FR, 2028)).toBe(0);
    expect(year(r.production.oxide.FR, 2028)).toBeGreaterThan(0);
    // The heavy-rich clay adds Dy to China's separated output while it goes there.
    expect(year(r.elementProduction.oxide.CN?.Dy, 2025)).toBeGreaterThan(
      year(b.elementProduction.oxide.CN?.Dy, 2025),
    );
  });
});

describe('withMyanmarDisruption', () => {
  it("lowers China's separated Dy and Tb in its window by the Kachin capacity lost", async () => {
    const [r, b] = await Promise.all([run('myanmar', withMyanmarDisruption(baseline2024), 36), baseline()]);
    expectSound(r);
    const from = at('2024-10');
    const cn = (x: SupplyChainResult, e: string) => x.elementProduction.oxide.CN?.[e] ?? [];
    for (const e of ['Dy', 'Tb']) {
      // Untouched before the disruption.
      expect(sum(cn(r, e), 0, from)).toBeCloseTo(sum(cn(b, e), 0, from), 6);
      // Lost: 31,000 t/yr (USGS 2024) x 6/12 x severity 0.5 x the element's share x cracking x separation;
      // counted over the window and the month of lead time to China.
      const share = (depositDistribution('kachin-clay-proxy') as Record<string, number>)[e] as number;
      const lost = 31_000 * (6 / 12) * 0.5 * share * CRACKING_RECOVERY * SEPARATION_RECOVERY;
      const drop = sum(cn(b, e), from, from + 8) - sum(cn(r, e), from, from + 8);
      expect(Math.abs(drop / lost - 1), e).toBeLessThan(0.05);
    }
  });

  it('random outages follow the seed', async () => {
    const s = withMyanmarDisruption(baseline2024, {
      months: 1,
      severity: 0,
      outage: { ratePerMonth: 0.3, months: 2 },
    });
    const a = await run('myanmar-s1', s, 24, 's1');
    const again = await simulateSupplyChain(s, { start: START, months: 24, seed: 's1' });
    expectSound(a);
    expect(again.production.concentrate.MM).toEqual(a.production.concentrate.MM);
    expect(a.production.concentrate.MM?.some((x) => x === 0)).toBe(true);
  });
});

describe('withLynasHeavyRareEarths', () => {
  it('Malaysia separates Dy and Tb from May 2025 at the Mount Weld rate, losing no light output', async () => {
    const [r, b] = await Promise.all([run('lynas', withLynasHeavyRareEarths(baseline2024), 36), baseline()]);
    expectSound(r);
    const my = (e: string) => r.elementProduction.oxide.MY?.[e] ?? [];
    const start = at('2025-05');
    for (const e of ['Dy', 'Tb']) {
      expect(sum(my(e), 0, start), e).toBe(0);
      // Steady state: Mount Weld 13,000 t/yr (USGS 2024, Australia) and the feed beyond it that Lynas's NdPr
      // needs (MOUNT_WELD_BEYOND_USGS_2024) x share x cracking x separation.
      const share = (depositDistribution('mount-weld') as Record<string, number>)[e] as number;
      const feed = 13_000 + MOUNT_WELD_BEYOND_USGS_2024.value;
      const monthly = (feed / 12) * share * CRACKING_RECOVERY * SEPARATION_RECOVERY;
      expect(Math.abs((my(e)[at('2026-06')] as number) / monthly - 1), e).toBeLessThan(0.01);
    }
    // The change keeps the light line's output month by month (the feed held at the old line moves over
    // with it): Malaysia's NdPr output (results carry Nd, Pr, Dy, Tb by element) never falls below the
    // baseline's, and its yearly total gains the heavy oxides.
    const light = (x: SupplyChainResult, t: number) =>
      ['Pr', 'Nd'].reduce((a, e) => a + ((x.elementProduction.oxide.MY?.[e] ?? [])[t] ?? 0), 0);
    r.months.forEach((m, t) => {
      expect(light(r, t), m).toBeGreaterThanOrEqual(light(b, t) - 1e-6);
    });
    for (const y of ['2025', '2026']) {
      expect(r.years[y]?.production.oxide.MY, y).toBeGreaterThanOrEqual(
        (b.years[y]?.production.oxide.MY as number) - 1e-6,
      );
    }
  });
});

describe('withDevelopments2025', () => {
  it('Kalgoorlie loses November 2025, Vietnam stops shipping ore in 2026', async () => {
    const [r, b] = await Promise.all([
      run('developments', withDevelopments2025(baseline2024), 36),
      baseline(),
    ]);
    expectSound(r);
    // Kalgoorlie: no mixed output in November 2025 (LYC26: a month lost), and it catches up in December.
    const au = (x: SupplyChainResult, m: string) => x.production.mixed.AU?.[at(m)] ?? Number.NaN;
    expect(au(b, '2025-11')).toBeGreaterThan(0);
    expect(au(r, '2025-11')).toBe(0);
    expect(au(r, '2025-12')).toBeGreaterThan(au(b, '2025-12'));
    // Vietnam: no concentrate leaves from January 2026 (VN25).
    const vn = (x: SupplyChainResult) => sum(x.trade['concentrate:VN>CN'], at('2026-01'), at('2027-01'));
    expect(vn(b)).toBeGreaterThan(0);
    expect(vn(r)).toBe(0);
  });
});

describe('withDiversification', () => {
  it('raises the non-China separated share in 2030 and runs with every other scenario', async () => {
    const [r, b] = await Promise.all([run('diversification', withDiversification(baseline2024)), baseline()]);
    expectSound(r);
    const nonChina = (x: SupplyChainResult) => 1 - year(x.separatedShare.CN, 2030) / 12;
    expect(nonChina(r)).toBeGreaterThan(nonChina(b) + 0.05);
    for (const c of ['US', 'PK', 'TR', 'FR'])
      expect(year(r.production.oxide[c] ?? [], 2030), c).toBeGreaterThan(0);
    const all = withLynasHeavyRareEarths(withMyanmarDisruption(withDiversification(baseline2024)));
    expectSound(await run('all', all));
  });
});

describe('withExportLicensing2025: the 2025 controls as enacted', () => {
  it('April 2025 controls licence what China shipped (GACC25 magnet exports over their Jan-Mar mean), with no added delay', () => {
    const s = withExportLicensing2025(baseline2024);
    const april = s.policies?.find((p) => p.id === 'cn-licensing-2025-04');
    if (april?.kind !== 'exportControl') throw new Error('no April control');
    // First half 22,319 t less April-June (2,628 + 1,238 + 3,188) = 15,265 t in January-March: 5,088 t/month.
    const mean = (22_319 - 2_628 - 1_238 - 3_188) / 3;
    expect(mean).toBeCloseTo(5_088, 0);
    expect(april.approvalRate).toEqual([
      { from: '2025-04', rate: 2_628 / 5_088 },
      { from: '2025-05', rate: 1_238 / 5_088 },
      { from: '2025-06', rate: 3_188 / 5_088 },
      { from: '2025-07', rate: 1 }, // 5,577 t in July: above the mean, licences no longer bind
    ]);
    expect(april.licenceDelayMonths).toBe(0);
    expect(april.elements).toEqual(['Sm', 'Gd', 'Tb', 'Dy', 'Lu', 'Sc', 'Y']);
  });

  it('the October 2025 additions were never in force before 10 November 2026; after it a parameter decides', () => {
    const resumed = withExportLicensing2025(baseline2024);
    const oct =
      resumed.policies?.filter((p) => p.kind === 'exportControl' && p.elements?.includes('Ho')) ?? [];
    expect(oct.map((p) => p.from)).toEqual(['2026-11']);
    const first = oct[0];
    if (first?.kind !== 'exportControl') throw new Error('no October control');
    expect(Array.isArray(first.approvalRate) && first.approvalRate.map((x) => x.from)).toEqual([
      '2026-11',
      '2026-12',
      '2027-01',
      '2027-02',
    ]);
    expect(first.provenance?.basis).toBe('assumed');
    const extended = withExportLicensing2025(baseline2024, { october: 'extended' });
    expect(extended.policies?.some((p) => p.kind === 'exportControl' && p.elements?.includes('Ho'))).toBe(
      false,
    );
    // One constant share instead: the earlier model (two months' delay by default).
    const flat = withExportLicensing2025(baseline2024, { approvalRate: 0.5 });
    expect(
      flat.policies?.map((p) => (p.kind === 'exportControl' ? [p.approvalRate, p.licenceDelayMonths] : [])),
    ).toEqual([
      [0.5, 2],
      [0.5, 2],
    ]);
  });
});
