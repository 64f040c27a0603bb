import { describe, expect, it } from 'vitest';
import { DEPOSIT_IDS, depositDistribution } from '../../src/data/deposits.js';
import { type Provenance, sources } from '../../src/data/provenance.js';
import { baseline2024 } from '../../src/supply/baseline/baseline2024.js';
import {
  MAGNET_DEMAND_SHARES,
  MAGNET_ELEMENT_SHARES,
  MAGNET_REE_GROWTH,
} from '../../src/supply/baseline/demand.js';
import {
  CHINA_UNDOCUMENTED_ORE_2024,
  LYNAS_NDPR_2024,
  MOUNT_WELD_BEYOND_USGS_2024,
} from '../../src/supply/baseline/plants.js';
import { CHINA_RECYCLED_2024 } from '../../src/supply/baseline/recycling.js';
import type { Facility, FacilityKind, Stage } from '../../src/supply/types.js';

const BASES = ['primary', 'secondary', 'recalled', 'derived', 'assumed'];
const CONFIDENCES = ['high', 'medium', 'low', 'assumed'];

function expectProvenance(p: Provenance | undefined, what: string): void {
  expect(p, what).toBeDefined();
  expect(Object.keys(sources), what).toContain(p?.source);
  expect(BASES, what).toContain(p?.basis);
  expect(CONFIDENCES, what).toContain(p?.confidence);
}

const capacity = (f: Facility): number => (typeof f.capacity === 'number' ? f.capacity : f.capacity.value);
const sum = (xs: Iterable<number>): number => [...xs].reduce((a, b) => a + b, 0);

/** Stage each kind produces and the stage it takes in (DESIGN.md "Supply chain"). */
const OUTPUT: Record<FacilityKind, Stage> = {
  mine: 'concentrate',
  concentrator: 'concentrate',
  cracking: 'mixed',
  separation: 'oxide',
  metal: 'metal',
  magnet: 'magnet',
  recycling: 'oxide',
};
const INPUT: Record<FacilityKind, Stage | undefined> = {
  mine: undefined,
  concentrator: 'concentrate',
  cracking: 'concentrate',
  separation: 'mixed',
  metal: 'oxide',
  magnet: 'metal',
  recycling: undefined,
};

// USGS Mineral Commodity Summaries 2025, Rare Earths (Cordier), mine production 2024e, t REO
// (ree-data.md 7.1, read verbatim, high confidence). 'ROW' is the table's "Other" row.
const USGS_2024: Record<string, number> = {
  CN: 270_000,
  US: 45_000,
  MM: 31_000,
  AU: 13_000,
  NG: 13_000,
  TH: 13_000,
  IN: 2_900,
  RU: 2_500,
  MG: 2_000,
  VN: 300,
  MY: 130,
  BR: 20,
  ROW: 1_100,
};

const s = baseline2024;
const byId = new Map(s.facilities.map((f) => [f.id, f]));

describe('baseline2024', () => {
  it('baseline2024.facilities have unique ids, known countries and provenance for the facility and capacity', () => {
    expect(byId.size).toBe(s.facilities.length);
    for (const f of s.facilities) {
      expect(Object.keys(s.countries), f.id).toContain(f.country);
      expectProvenance(f.provenance, f.id);
      expect(typeof f.capacity, `${f.id}.capacity carries its provenance`).toBe('object');
      if (typeof f.capacity === 'object') expectProvenance(f.capacity.provenance, `${f.id}.capacity`);
      expect(Number.isFinite(capacity(f)) && capacity(f) > 0, f.id).toBe(true);
      const availability = f.availability ?? 1;
      expect(availability > 0 && availability <= 1, f.id).toBe(true);
      if (typeof f.recovery === 'number') expect(f.recovery > 0 && f.recovery <= 1, f.id).toBe(true);
    }
  });

  it('mine capacity x availability per country reproduces the USGS MCS 2025 table for 2024 (within 1 %)', () => {
    const mined = new Map<string, number>();
    // The USGS table counts China's quota; the undocumented ore and the Mount Weld feed beyond the USGS's
    // Australia figure (calibrations to Argus and to Lynas, see plants.ts) are not in it.
    const calibrations = ['cn-undocumented', 'au-mount-weld-beyond-usgs'];
    for (const f of s.facilities.filter((f) => f.kind === 'mine' && !calibrations.includes(f.id)))
      mined.set(f.country, (mined.get(f.country) ?? 0) + capacity(f) * (f.availability ?? 1));
    expect([...mined.keys()].sort()).toEqual(Object.keys(USGS_2024).sort());
    for (const [country, usgs] of Object.entries(USGS_2024))
      expect(Math.abs((mined.get(country) ?? 0) / usgs - 1), country).toBeLessThan(0.01);
    // USGS world total, rounded to 10,000 t: 390,000 t.
    expect(Math.round(sum(mined.values()) / 10_000) * 10_000).toBe(390_000);
  });

  it("China's mines split the 270,000 t quota as twice the H1 2024 group quotas", () => {
    // MIIT H1 2024 via Fastmarkets (ree-data.md 4.4): Northern 94,580 t; China Rare Earth Group 40,420 t of
    // which ion-adsorption 10,140 t; H1 total 135,000 t = half of 270,000 t.
    expect(capacity(byId.get('cn-bayan-obo') as Facility)).toBe(2 * 94_580);
    expect(capacity(byId.get('cn-creg-clays') as Facility)).toBe(2 * 10_140);
    expect(capacity(byId.get('cn-creg-light') as Facility)).toBe(2 * (40_420 - 10_140));
    // China's two quota holders separate 2 x (88,010 + 38,990) = 254,000 t, the 2024 separation quota.
    const quota = ['cn-northern-separation', 'cn-creg-separation'].map((id) =>
      capacity(byId.get(id) as Facility),
    );
    expect(sum(quota)).toBe(254_000);
  });

  it('every mine has a mix from a known deposit (or fractions) that sums to 1', () => {
    for (const f of s.facilities.filter((f) => f.kind === 'mine')) {
      expect(f.mix, f.id).toBeDefined();
      const mix = f.mix ?? {};
      let fractions = mix as Record<string, number>;
      if ('deposit' in mix && typeof mix.deposit === 'string') {
        expect(DEPOSIT_IDS as readonly string[], f.id).toContain(mix.deposit);
        fractions = depositDistribution(mix.deposit);
      }
      expect(Math.abs(sum(Object.values(fractions)) - 1), f.id).toBeLessThan(1e-9);
    }
  });

  it('links join existing facilities or countries at a stage the ends produce and take', () => {
    const countryOf = (end: string) =>
      end.startsWith('country:') ? end.slice('country:'.length) : undefined;
    for (const [i, l] of s.links.entries()) {
      const what = `links[${i}] ${l.from} -> ${l.to} (${l.stage})`;
      const from = countryOf(l.from);
      if (from === undefined) {
        const f = byId.get(l.from);
        expect(f, what).toBeDefined();
        if (f) expect(OUTPUT[f.kind], what).toBe(l.stage);
      } else {
        expect(Object.keys(s.countries), what).toContain(from);
        expect(
          s.facilities.some((f) => f.country === from && OUTPUT[f.kind] === l.stage),
          what,
        ).toBe(true);
      }
      const to = countryOf(l.to);
      if (to === undefined) {
        const f = byId.get(l.to);
        expect(f, what).toBeDefined();
        if (f) expect(INPUT[f.kind], what).toBe(l.stage);
      } else {
        expect(Object.keys(s.countries), what).toContain(to);
        const takes =
          s.facilities.some((f) => f.country === to && INPUT[f.kind] === l.stage) ||
          s.demand.some((d) => d.country === to && d.stage === l.stage);
        expect(takes, what).toBe(true);
      }
      expect(Number.isInteger(l.leadTime ?? 0) && (l.leadTime ?? 0) >= 0, what).toBe(true);
    }
  });

  it('every mine has a route out and every demand a route in', () => {
    for (const f of s.facilities.filter((f) => f.kind === 'mine'))
      expect(
        s.links.some((l) => l.from === f.id || l.from === `country:${f.country}`),
        f.id,
      ).toBe(true);
    for (const d of s.demand)
      expect(
        s.links.some((l) => l.to === `country:${d.country}` && l.stage === d.stage),
        d.id,
      ).toBe(true);
  });

  it('demand is 93,000 t magnet REE in 2023 grown to 2024 and reaches ~131,000 t in 2030 (IEA GCMO 2024)', () => {
    // IEA24 via ree-data.md 7.2: 93,000 t in 2023, 131,000 t by 2030 (APS). Constant growth through both:
    // (131/93)^(1/7) - 1 = 0.0502.
    const g = MAGNET_REE_GROWTH.value;
    expect(g).toBeCloseTo(0.0502, 4);
    const total2024 = sum(s.demand.flatMap((d) => Object.values(d.elements)));
    expect(Math.abs(total2024 / (1 + g) / 93_000 - 1)).toBeLessThan(0.005);
    const total2030 = sum(
      s.demand.flatMap((d) => Object.values(d.elements).map((t) => t * (1 + (d.growth ?? 0)) ** 6)),
    );
    expect(Math.abs(total2030 / 131_000 - 1)).toBeLessThan(0.005);
    for (const d of s.demand) {
      expect(d.stage).toBe('magnet');
      expect(Object.keys(d.elements).sort()).toEqual(['Dy', 'Nd', 'Pr', 'Tb']);
      expectProvenance(d.provenance, d.id);
    }
    expect(new Set(s.demand.map((d) => d.id)).size).toBe(s.demand.length);
  });

  it('element and country shares of demand each sum to 1, with Pr/(Pr+Nd) in the 20-25 % NdPr range', () => {
    const e = MAGNET_ELEMENT_SHARES.value;
    expect(sum(Object.values(e))).toBeCloseTo(1, 12);
    expect(sum(Object.values(MAGNET_DEMAND_SHARES.value))).toBeCloseTo(1, 12);
    // ree-data.md 6.5: NdPr oxide Pr/(Pr+Nd) ~ 20-25 % for bastnaesite/Mt Weld-derived product.
    const pr = e.Pr / (e.Pr + e.Nd);
    expect(pr).toBeGreaterThanOrEqual(0.2);
    expect(pr).toBeLessThanOrEqual(0.25);
  });

  it('MP separates about its reported 1,294 t NdPr oxide and the rest of its concentrate can go to China', () => {
    // MP FY2024 (ree-data.md 4.4): 1,294 t NdPr oxide. MP rejects Ce at the front end (ADAMAS22) and separates
    // La, Pr and Nd: NdPr out = capacity x (Pr+Nd)/(La+Pr+Nd) of its mix.
    const mp = byId.get('us-mp-separation') as Facility;
    const d = depositDistribution('mountain-pass');
    expect(mp.elements).toEqual(['La', 'Pr', 'Nd']);
    expect((capacity(mp) * (d.Pr + d.Nd)) / (d.La + d.Pr + d.Nd)).toBeCloseTo(1_294, 6);
    expect(s.links.some((l) => l.from === 'us-mountain-pass' && l.to.startsWith('cn-'))).toBe(true);
    // Lynas: Mount Weld -> Kalgoorlie -> Malaysia.
    expect(s.links.some((l) => l.from === 'au-mount-weld' && l.to === 'au-kalgoorlie')).toBe(true);
    expect(s.links.some((l) => l.from === 'au-kalgoorlie' && l.to === 'my-lynas-lamp')).toBe(true);
  });
});

describe('baseline-2024 through simulateSupplyChain (12 months of 2024)', () => {
  it("reproduces the USGS 2024 mine table, conserves every element, and China's separated share lands near 90 %", async () => {
    const { simulateSupplyChain } = await import('../../src/supply/simulate.js');
    const r = await simulateSupplyChain(baseline2024, { start: '2024-01', months: 12 });
    const year = (v: readonly number[] | undefined) => (v ?? []).reduce((a, b) => a + b, 0);
    // USGS MCS 2025, 2024e mine production (ree-data 7.1): China 270,000 (quota), US 45,000, Burma 31,000,
    // Australia 13,000, Nigeria 13,000, Thailand 13,000.
    // China: the quota plus the undocumented ore reesim adds (CHINA_UNDOCUMENTED_ORE_2024; USGS excludes it);
    // Australia: plus the Mount Weld feed Lynas's NdPr needs beyond the USGS figure (MOUNT_WELD_BEYOND_USGS_2024).
    for (const [c, t] of [
      ['CN', 270_000 + CHINA_UNDOCUMENTED_ORE_2024.value],
      ['US', 45_000],
      ['MM', 31_000],
      ['AU', 13_000 + MOUNT_WELD_BEYOND_USGS_2024.value],
      ['NG', 13_000],
      ['TH', 13_000],
    ] as const) {
      expect(year(r.production.concentrate[c])).toBeCloseTo(t, 3);
    }
    expect(r.balanceResidual).toBeLessThanOrEqual(1e-9);
    expect(r.lp.notOptimal).toBe(0);
    // IEA: China 92 % of refined output in 2023, 91 % of separation (Oct 2025); from the modelled flows.
    const oxide = Object.values(r.production.oxide).reduce((a, v) => a + year(v), 0);
    const share = year(r.production.oxide.CN) / oxide;
    expect(share).toBeGreaterThan(0.86);
    expect(share).toBeLessThan(0.96);
  }, 30_000);
});

describe('baseline-2024: calendar years do not move with the start month', () => {
  it("the 2025 demand of every entry is the same from a 2024-01 and a 2025-01 start (it was the first run's 2024 in the second), and so are 2025's flows", async () => {
    const { simulateSupplyChain } = await import('../../src/supply/simulate.js');
    // The baseline's demand numbers are 2024's (year: 2024): growth counts from January 2024 in both runs.
    const from2024 = await simulateSupplyChain(baseline2024, { start: '2024-01', months: 24 });
    const from2025 = await simulateSupplyChain(baseline2024, { start: '2025-01', months: 12 });
    const a = from2024.years['2025']?.demand ?? {};
    const b = from2025.years['2025']?.demand ?? {};
    expect(Object.keys(b).sort()).toEqual(Object.keys(a).sort());
    for (const [id, d] of Object.entries(a)) {
      expect(d.demanded).toBeGreaterThan(0);
      expect(Math.abs((b[id]?.demanded ?? Number.NaN) - d.demanded)).toBeLessThanOrEqual(1e-9 * d.demanded);
    }
    // With the pipeline warmed up (WARM_UP_MONTHS, 12 by default), 2025's flows agree too: production by
    // stage to 0.2 % and magnet demand met to 0.2 %. They are not equal: the market stocks and shipments on
    // their way that each run carries into 2025 differ a little, and China's metal output cycles with a
    // three-month period (0.11 % apart on the year, measured). With the old 6-month warm-up the EU's magnet
    // makers were still empty for 5 months of 2025 (they start 11 months from an empty world: metal reaches
    // them only once Japan's metal market holds its pipeline), 42 % of their year.
    const total = (o: Readonly<Record<string, number>>) => Object.values(o).reduce((x, y) => x + y, 0);
    for (const stage of ['concentrate', 'mixed', 'oxide', 'metal', 'magnet'] as const) {
      const x = total(from2024.years['2025']?.production[stage] ?? {});
      const y = total(from2025.years['2025']?.production[stage] ?? {});
      expect(Math.abs(x - y), stage).toBeLessThanOrEqual(2e-3 * x);
      for (const [country, v] of Object.entries(from2024.years['2025']?.production[stage] ?? {}))
        expect(
          Math.abs(v - (from2025.years['2025']?.production[stage][country] ?? 0)),
          `${stage} ${country}`,
        ).toBeLessThanOrEqual(2e-3 * Math.max(x / 100, v));
    }
    // Demand met agrees to 3 %, not better: in 2025 demand outgrows the baseline's 2024 supply (about 96 %
    // met) and what is met depends on the oxide each run carries in, which grows with the months it has run
    // (24 against 12 here; the earlier months' demand is lower). Measured: 2.4 % apart (1.7 % with a 6-month
    // warm-up). The year's production, which the stocks do not move, agrees to 0.2 % (above).
    const met = (r: typeof from2024) =>
      Object.values(r.years['2025']?.demand ?? {}).reduce((x, d) => x + d.met, 0);
    expect(Math.abs(met(from2024) / met(from2025) - 1)).toBeLessThanOrEqual(0.03);
    // And 2025 is a year of growth over 2024 (the IEA rate), not 2024 again.
    const cn2024 = from2024.years['2024']?.demand['cn-magnets']?.demanded ?? Number.NaN;
    expect((a['cn-magnets']?.demanded ?? Number.NaN) / cn2024).toBeGreaterThan(1.03);
  });
});

describe('baseline-2024 calibration (issue 13), 12 months of 2024', () => {
  const year2024 = async () => {
    const { simulateSupplyChain } = await import('../../src/supply/simulate.js');
    const r = await simulateSupplyChain(baseline2024, { start: '2024-01', months: 12 });
    const y = r.years['2024'];
    if (!y) throw new Error('no 2024');
    return y;
  };

  it("magnets carry only Nd, Pr, Dy and Tb; China's magnet share is the IEA's 94 %, within 2 points", async () => {
    const y = await year2024();
    const total = (o: Readonly<Record<string, number>>) => Object.values(o).reduce((a, b) => a + b, 0);
    // Every tonne of magnet output is one of the four magnet elements (La and Ce were made into magnets:
    // 149,585 t of magnets held 61,339 t of them).
    const magnets = total(y.production.magnet);
    const fourElements = Object.values(y.elementProduction.magnet).reduce((a, byEl) => a + total(byEl), 0);
    expect(Math.abs(fourElements - magnets)).toBeLessThanOrEqual(1e-6 * magnets);
    // IEA commentary, 23 Oct 2025 (IEA25C; ree-data 7.2): China 94 % of sintered permanent-magnet making.
    expect(Math.abs((y.production.magnet.CN ?? 0) / magnets - 0.94)).toBeLessThanOrEqual(0.02);
  });

  it('meets at least 97 % of the IEA 2024 magnet-REE demand, which adds up to the IEA figure over the calendar year', async () => {
    const y = await year2024();
    const demand = Object.values(y.demand);
    const asked = demand.reduce((a, d) => a + d.demanded, 0);
    const met = demand.reduce((a, d) => a + d.met, 0);
    // IEA GCMO 2024 (IEA24; ree-data 7.2): 93,000 t in 2023 at 5.02 %/yr (the path to 131,000 t in 2030).
    // Growth counts from mid-2024, so the year's months add up to the 2024 figure.
    expect(Math.abs(asked / (93_000 * (1 + MAGNET_REE_GROWTH.value)) - 1)).toBeLessThan(1e-3);
    // The market was not short in 2024 (Argus: PrNd oxide prices fell 26 % on the year, ARGUS25R).
    expect(met / asked).toBeGreaterThanOrEqual(0.97);
    // Scarcity is shared in tenths of demand (every market gets nine tenths before any gets its last; within
    // a tenth freight decides, so the short 2 % falls on far markets first): every entry gets >= 90 %.
    for (const d of demand) expect(d.met / d.demanded).toBeGreaterThanOrEqual(0.9);
  });

  it("China recycles Argus's 34,147 t REO from magnet scrap and makes Argus's ~106,000 t PrNd oxide (within 2 %)", async () => {
    const y = await year2024();
    // ARGUS25R: 34,147 t REO from NdFeB scrap in 2024, 26,504 t of it PrNd oxide.
    expect(y.recycled.CN).toBeCloseTo(CHINA_RECYCLED_2024.total, 6);
    // ARGUS24V: China's 2024 PrNd oxide output ~106,000 t (market participants), recycled oxide included.
    // The undocumented ore is sized to it from a closed-form estimate; the run's flows must land on it.
    const cn = y.elementProduction.oxide.CN ?? {};
    const ndpr = (cn.Nd ?? 0) + (cn.Pr ?? 0) + CHINA_RECYCLED_2024.named.PrNd;
    expect(Math.abs(ndpr / 106_000 - 1)).toBeLessThan(0.02);
    // And the undocumented ore stays a minor supply next to the quota: under 15 % of 270,000 t.
    expect(CHINA_UNDOCUMENTED_ORE_2024.value / 270_000).toBeLessThan(0.15);
  });

  // IEA24: China 92 % of refined output in 2023; IEA25C: 91 % of separation. The IEA's rare-earth figures are
  // for magnet rare earths (its 93,000 t demand and 107,000 t 2030 supply are magnet REEs, and Malaysia's 5 %
  // "of refined production of REE magnets" is Lynas's NdPr), so the comparison is made on both bases: all
  // separated oxide (`separatedShare`) and separated Nd, Pr, Dy and Tb oxide (recycled oxide excluded).
  // What brought it from 94.7 % to here: Lynas makes its reported NdPr (LYC, below).
  it("China's separated share is the IEA's 91-92 % within 2 points, by all oxide and by magnet rare earths", async () => {
    const y = await year2024();
    const separated = y.separatedShare.CN ?? Number.NaN;
    expect(separated).toBeGreaterThanOrEqual(0.91 - 0.02);
    expect(separated).toBeLessThanOrEqual(0.92 + 0.02);
    const magnetOxide = (country: string) =>
      ['Nd', 'Pr', 'Dy', 'Tb'].reduce((a, e) => a + (y.elementProduction.oxide[country]?.[e] ?? 0), 0);
    const world = Object.keys(y.elementProduction.oxide).reduce((a, c) => a + magnetOxide(c), 0);
    const magnet = magnetOxide('CN') / world;
    expect(magnet).toBeGreaterThanOrEqual(0.91 - 0.02);
    expect(magnet).toBeLessThanOrEqual(0.92 + 0.02);
  });

  it("Lynas Malaysia makes Lynas's reported 2024 NdPr (within 2 %)", async () => {
    const y = await year2024();
    // LYC: FY24 5,655 t, FY25 6,558 t NdPr oxide; calendar 2024 taken as their mean (LYNAS_NDPR_2024).
    const my = y.elementProduction.oxide.MY ?? {};
    expect(Math.abs(((my.Nd ?? 0) + (my.Pr ?? 0)) / LYNAS_NDPR_2024.value - 1)).toBeLessThan(0.02);
    // The feed this takes stays a minor addition next to the USGS's Australia figure: under 1.5 x 13,000 t.
    expect(MOUNT_WELD_BEYOND_USGS_2024.value / 13_000).toBeLessThan(1.5);
  });
});

describe('baseline-2024 inventories broken down (issue 13)', () => {
  it('by stage, by country and by element each add up to the inventory; the surplus is what no demand asks for (La, Ce ...)', async () => {
    const { simulateSupplyChain } = await import('../../src/supply/simulate.js');
    const r = await simulateSupplyChain(baseline2024, { start: '2024-01', months: 12 });
    const total = (o: Readonly<Record<string, number>>) => Object.values(o).reduce((a, b) => a + b, 0);
    r.inventoryBreakdown?.forEach((b, t) => {
      const held = r.inventory[t] ?? Number.NaN;
      for (const part of [b.byStage, b.byCountry, b.byElement])
        expect(Math.abs(total(part) - held)).toBeLessThanOrEqual(1e-9 * Math.max(held, 1));
      expect(Math.abs(total(b.surplus.byCountry) - total(b.surplus.byElement))).toBeLessThanOrEqual(1e-6);
      // The baseline's demand is magnets only: no Nd, Pr, Dy or Tb is surplus.
      for (const e of ['Nd', 'Pr', 'Dy', 'Tb']) expect(b.surplus.byElement[e]).toBeUndefined();
    });
    const end = r.years['2024']?.inventoryBreakdown;
    if (!end) throw new Error('no breakdown');
    // The inventory that grew all year is mostly La and Ce oxide nobody in the scenario buys, in China.
    const surplus = total(end.surplus.byElement);
    expect(surplus / total(end.byStage)).toBeGreaterThan(0.9);
    expect((end.surplus.byElement.La ?? 0) + (end.surplus.byElement.Ce ?? 0)).toBeGreaterThan(0.8 * surplus);
    expect((end.surplus.byCountry.CN ?? 0) / surplus).toBeGreaterThan(0.9);
    expect(end.byStage.oxide / total(end.byStage)).toBeGreaterThan(0.95);
  });
});
