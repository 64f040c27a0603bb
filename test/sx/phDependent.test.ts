import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { kremserUnextracted } from '../../src/sx/design/closedForms.js';
import { distribution } from '../../src/sx/equilibrium/equilibrium.js';
import {
  checkPhDependent,
  type PhDependentParams,
  type PhMetal,
  phDependent,
  phDistributionRatio,
} from '../../src/sx/equilibrium/phDependent.js';
import { type CascadeResult, simulateCascade } from '../../src/sx/steady/simulateCascade.js';
import { codeOf } from '../helpers.js';

// ---------------------------------------------------------------------------------------------------------
// PrOMMiS 3-stage DEHPA steady case: github prommis/prommis, src/prommis/solvent_extraction (the steady
// solvent-extraction test, dosage computed from each stage's DEHPA). Inputs and outlets in mg/L; both
// phases 62.01 L/h. PrOMMiS numbers its stages from the aqueous inlet; reesim's stage 1 is where the
// organic enters, so PrOMMiS's stage 1 is reesim's stage 3, where the aqueous feed enters by default.

/** Molar masses, g/mol (as the case gives them). */
const M: Record<string, number> = {
  'H+': 1.0,
  'HSO4-': 97.0,
  'SO4--': 96.0,
  Sc: 44.946,
  Y: 88.905,
  La: 138.905,
  Ce: 140.116,
  Pr: 140.907,
  Nd: 144.242,
  Sm: 150.36,
  Gd: 157.25,
  Dy: 162.5,
  Al: 26.982,
  Ca: 40.078,
  Fe: 55.845,
  DEHPA: 322.431,
};
const V = 62.01; // L/h, both phases
const aqueousFeed = {
  'H+': 10.75,
  'HSO4-': 1e4,
  'SO4--': 100,
  Al: 422.375,
  Ca: 109.542,
  Fe: 688.266,
  Sc: 0.032,
  Y: 0.124,
  La: 0.986,
  Ce: 2.277,
  Pr: 0.303,
  Nd: 0.946,
  Sm: 0.097,
  Gd: 0.2584,
  Dy: 0.047,
};
const organicFeed = {
  DEHPA: 48_790,
  Al: 1.267e-5,
  Ca: 2.684e-5,
  Fe: 2.873e-6,
  Sc: 1.734,
  Y: 2.179e-5,
  La: 1.05e-4,
  Ce: 3.1e-4,
  Pr: 3.711e-5,
  Nd: 1.65e-4,
  Sm: 1.701e-5,
  Gd: 3.357e-5,
  Dy: 8.008e-6,
};
const expectedAqueous = {
  'H+': 39.513,
  'HSO4-': 8023.2,
  'SO4--': 2056.4,
  Sc: 2.7415e-3,
  Y: 6.2927e-6,
  La: 0.91421,
  Ce: 2.1095,
  Pr: 0.27631,
  Nd: 0.88099,
  Sm: 0.086579,
  Gd: 0.19246,
  Dy: 1.1699e-3,
  Al: 399.95,
  Ca: 102.34,
  Fe: 585.59,
};
const expectedOrganic = {
  DEHPA: 46_087,
  Al: 22.425,
  Ca: 7.2059,
  Fe: 102.67,
  Sc: 1.7633,
  Y: 0.12402,
  La: 0.071891,
  Ce: 0.16778,
  Pr: 0.026727,
  Nd: 0.065178,
  Sm: 0.010438,
  Gd: 0.065974,
  Dy: 0.045838,
};

/** mg/L in a stream of V L/h -> mol/h. */
const molPerHour = (mgPerL: Record<string, number>) =>
  Object.fromEntries(Object.entries(mgPerL).map(([s, c]) => [s, (c / 1000 / (M[s] as number)) * V]));
/** mol/h in V L/h -> mg/L. */
const mgPerL = (s: string, molH: number | undefined) => ((molH ?? Number.NaN) / V) * (M[s] as number) * 1000;

const corr = (m0: number, m1: number, B0: number, B1: number) => ({ m0, m1, B0, B1 });
const prommisParams: PhDependentParams = {
  metals: {
    La: corr(0.54, 0, -1.93, 0),
    Ce: corr(0.30916, 0.04816, -1.66021, -0.38599),
    Pr: corr(0.29, 0, -1.48, 0),
    Nd: corr(0.31183, 0.03763, -1.62372, -0.38096),
    Sm: corr(0.81233, -0.02247, -2.12172, 0.17414),
    Gd: corr(1.0225, 0.0195, -2.24143, 0.03065),
    Dy: corr(1.70783, 0.06443, -2.42226, -0.02538),
    Y: corr(1.63166, 0.15166, -2.12601, 0.26612),
    Al: { D: 0.0531 },
    Ca: { D: 0.0658, protons: 2 },
    Fe: { D: 0.1496 },
    Sc: { D: 632.4976 },
  },
  proton: 'H+',
  // dosage = C_DEHPA (mg/L) / 975,800 × 100 = C (g/L) / 975.8 × 100
  extractant: { species: 'DEHPA', molarMass: 322.431, density: 975.8 },
  bisulfate: { hso4: 'HSO4-', so4: 'SO4--', pKa: 1.99 },
};

function prommisCase(stages = 3): CascadeResult {
  return simulateCascade({
    stages: { extraction: stages },
    feed: { flows: molPerHour(aqueousFeed), volume: V },
    organic: { volume: V, flows: molPerHour(organicFeed) },
    equilibrium: phDependent(prommisParams),
  });
}

const relErr = (a: number, b: number) => Math.abs(a - b) / Math.abs(b);

describe('phDependent: the PrOMMiS 3-stage DEHPA steady case', () => {
  const r = prommisCase();

  it('converges with a closed balance', () => {
    expect(r.converged).toBe(true);
    expect(r.residual).toBeLessThanOrEqual(1e-12);
    expect(r.balanceError).toBeLessThanOrEqual(1e-12);
  });

  it('reproduces all 15 aqueous outlet concentrations (rel. 1e-4; Y, Dy 1e-3)', () => {
    for (const [s, expected] of Object.entries(expectedAqueous)) {
      const tol = s === 'Y' || s === 'Dy' ? 1e-3 : 1e-4;
      expect({ s, err: relErr(mgPerL(s, r.raffinate.flows[s]), expected) <= tol }).toEqual({ s, err: true });
    }
  });

  it('reproduces all 13 organic outlet concentrations (rel. 1e-4)', () => {
    for (const [s, expected] of Object.entries(expectedOrganic)) {
      const err = relErr(mgPerL(s, r.loadedOrganic.flows[s]), expected);
      expect({ s, ok: err <= 1e-4 }).toEqual({ s, ok: true });
    }
  });

  it('keeps each phase-bound species in its phase', () => {
    for (const stage of r.profile) {
      expect(stage.organic['H+']).toBe(0);
      expect(stage.organic['HSO4-']).toBe(0);
      expect(stage.organic['SO4--']).toBe(0);
      expect(stage.aqueous.DEHPA).toBe(0);
    }
  });

  it('solves the same feed over 1 to 400 stages', () => {
    for (const n of [1, 2, 40, 400]) {
      const long = prommisCase(n);
      expect(long.converged).toBe(true);
      expect(long.balanceError).toBeLessThanOrEqual(1e-9);
      expect(long.iterations).toBeLessThanOrEqual(20);
    }
  });
});

// ---------------------------------------------------------------------------------------------------------
// Random cascades: conservation and the model's equations at every stage.

const metalArb: fc.Arbitrary<PhMetal> = fc.oneof(
  fc.record({
    m0: fc.double({ min: 0.2, max: 2, noNaN: true }),
    m1: fc.double({ min: -0.05, max: 0.2, noNaN: true }),
    B0: fc.double({ min: -3, max: -1, noNaN: true }),
    B1: fc.double({ min: -0.5, max: 0.5, noNaN: true }),
    protons: fc.constantFrom(2, 3),
  }),
  fc.record({
    D: fc.oneof(fc.constant(0), fc.double({ min: 1e-3, max: 100, noNaN: true })),
    protons: fc.constantFrom(2, 3),
  }),
);

/** A cascade in the correlations' range: 0.05-1 M acid, 1-10 % DEHPA, extractant for all metals (×1.1-3). */
const cascadeArb = fc.record({
  extraction: fc.integer({ min: 1, max: 12 }),
  scrub: fc.integer({ min: 0, max: 3 }),
  metals: fc.array(
    fc.tuple(metalArb, fc.double({ min: 1e-6, max: 0.02, noNaN: true }), fc.double({ min: 0, max: 1e-4 })),
    { minLength: 1, maxLength: 5 },
  ),
  acid: fc.double({ min: 0.05, max: 1, noNaN: true }),
  bisulfate: fc.boolean(),
  sulfateShare: fc.double({ min: 0, max: 1, noNaN: true }),
  dosage: fc.double({ min: 1, max: 10, noNaN: true }),
  excess: fc.double({ min: 1.1, max: 3, noNaN: true }),
  aqueous: fc.double({ min: 0.5, max: 2, noNaN: true }),
  organic: fc.double({ min: 0.5, max: 2, noNaN: true }),
  murphree: fc.double({ min: 0.5, max: 1, noNaN: true }),
});

type RandomCascade = typeof cascadeArb extends fc.Arbitrary<infer T> ? T : never;

function runRandom(c: RandomCascade) {
  const metals: Record<string, PhMetal> = {};
  const feed: Record<string, number> = {};
  const preload: Record<string, number> = {};
  let demand = 0;
  c.metals.forEach(([m, f, y], k) => {
    metals[`M${k}`] = m;
    feed[`M${k}`] = f * c.aqueous;
    preload[`M${k}`] = y * c.organic;
    demand += m.protons * (f * c.aqueous + y * c.organic);
  });
  const acid = c.acid * c.aqueous; // mol/h of H+ (free, or in HSO4-)
  if (c.bisulfate) {
    feed['H+'] = acid * (1 - c.sulfateShare);
    feed['HSO4-'] = acid * c.sulfateShare;
    feed['SO4--'] = 0.1 * acid;
  } else feed['H+'] = acid;
  const extractant = { species: 'DEHPA', molarMass: 322.431, density: 975.8 };
  const freeDehpa = Math.max((c.dosage / 100) * (975.8 / 322.431) * c.organic, c.excess * demand);
  const params: PhDependentParams = {
    metals,
    proton: 'H+',
    extractant,
    ...(c.bisulfate ? { bisulfate: { hso4: 'HSO4-', so4: 'SO4--', pKa: 1.99 } } : {}),
  };
  const spec = {
    stages: { extraction: c.extraction, scrub: c.scrub },
    feed: { flows: feed, volume: c.aqueous },
    organic: { volume: c.organic, flows: { ...preload, DEHPA: freeDehpa } as Record<string, number> },
    ...(c.scrub > 0 ? { scrub: { volume: 0.2 * c.aqueous, flows: { 'H+': 0.2 * c.aqueous * 0.05 } } } : {}),
    equilibrium: phDependent(params),
    efficiency: { murphree: c.murphree, phase: 'organic' as const },
    solver: { onNonConvergence: 'flag' as const },
  };
  return { spec, result: simulateCascade(spec), metals, params };
}

const sum = (...xs: (number | undefined)[]) => xs.reduce<number>((a, b) => a + (b ?? 0), 0);

describe('phDependent cascades on random inputs', () => {
  it('conserve metals, protons (free + HSO4 − bound), sulfate and extractant (free + bound); no NaN', () => {
    let solved = 0;
    fc.assert(
      fc.property(cascadeArb, (c) => {
        const { spec, result: r, metals } = runRandom(c);
        const numbers = [
          r.residual,
          r.balanceError,
          ...r.profile.flatMap((s) => [...Object.values(s.aqueous), ...Object.values(s.organic)]),
        ];
        if (numbers.some((x) => !Number.isFinite(x))) return false;
        if (!r.converged) return true; // counted below: nearly all must converge
        solved++;
        const feed = spec.feed.flows;
        const org = spec.organic.flows;
        const scrubH = spec.scrub?.flows['H+'] ?? 0;
        const raf = r.raffinate.flows;
        const lo = r.loadedOrganic.flows;
        const names = Object.keys(metals);
        const bound = (o: Record<string, number | undefined>) =>
          names.reduce((a, s) => a + (metals[s] as PhMetal).protons * (o[s] ?? 0), 0);
        const close = (a: number, b: number) => Math.abs(a - b) <= 1e-9 * Math.max(Math.abs(a), Math.abs(b));
        for (const s of names) if (!close(sum(feed[s], org[s]), sum(raf[s], lo[s]))) return false;
        // H+ released by extraction is bound extractant freed in the organic: H + HSO4 − Σν·M_org conserved.
        const protonsIn = sum(feed['H+'], feed['HSO4-'], scrubH) - bound(org);
        const protonsOut = sum(raf['H+'], raf['HSO4-']) - bound(lo);
        if (!(Math.abs(protonsIn - protonsOut) <= 1e-9 * sum(feed['H+'], feed['HSO4-'], scrubH, bound(lo))))
          return false;
        if (!close(sum(org.DEHPA) + bound(org), sum(lo.DEHPA) + bound(lo))) return false;
        if (!close(sum(feed['HSO4-'], feed['SO4--']), sum(raf['HSO4-'], raf['SO4--']))) return false;
        return r.balanceError <= 1e-9;
      }),
      { numRuns: 120, seed: 7 },
    );
    expect(solved).toBeGreaterThanOrEqual(114); // ≥ 95 % converge in this range
  });

  it('satisfies the model at every stage: C_org = D(pH, dosage)·C_aq and the bisulfate Ka', () => {
    fc.assert(
      fc.property(cascadeArb, (c) => {
        const { spec, result: r, metals } = runRandom({ ...c, murphree: 1 });
        if (!r.converged) return true;
        for (const [j, st] of r.profile.entries()) {
          const Va =
            j < spec.stages.extraction
              ? spec.feed.volume + (spec.scrub?.volume ?? 0)
              : (spec.scrub?.volume ?? 0);
          const Vo = spec.organic.volume;
          const H = (st.aqueous['H+'] ?? 0) / Va;
          const pH = -Math.log10(H);
          const dosage = (((st.organic.DEHPA ?? 0) / Vo) * 322.431 * 100) / 975.8;
          for (const [s, m] of Object.entries(metals)) {
            const cAq = (st.aqueous[s] ?? 0) / Va;
            const cOrg = (st.organic[s] ?? 0) / Vo;
            const expected = phDistributionRatio(m, pH, dosage) * cAq;
            if (Math.abs(cOrg - expected) > 1e-8 * Math.max(cOrg, expected) + 1e-15) return false;
          }
          const sulfate = sum(st.aqueous['HSO4-'], st.aqueous['SO4--']);
          // Stages no sulfate reaches (scrub) hold only round-off of it.
          if (c.bisulfate && sulfate > 1e-6 * sum(spec.feed.flows['HSO4-'], spec.feed.flows['SO4--'])) {
            const ka = (H * ((st.aqueous['SO4--'] ?? 0) / Va)) / ((st.aqueous['HSO4-'] ?? 0) / Va);
            if (relErr(ka, 10 ** -1.99) > 1e-8) return false;
          }
        }
        return true;
      }),
      { numRuns: 60, seed: 11 },
    );
  });
});

// ---------------------------------------------------------------------------------------------------------
// Closed form: with m1 = B1 = 0 and a constant pH, D is constant and one species follows Kremser.

describe('phDependent reduces to the linear model at constant pH', () => {
  const model = (protons: number) =>
    phDependent({
      metals: { La: { m0: 1, m1: 0, B0: -1, B1: 0, protons } },
      proton: 'H+',
      extractant: { species: 'DEHPA', molarMass: 322.431, density: 975.8 },
    });
  // pH 1 (0.1 M H+ in 1 L/h): D = 10^(1·1 − 1) = 1; O/A = 2 -> ε = 2 (Kremser, fresh solvent).
  const H = 0.1;
  const eps = 2;
  const run = (n: number, protons: number, la: number) =>
    simulateCascade({
      stages: { extraction: n },
      feed: { flows: { La: la, 'H+': H }, volume: 1 },
      organic: { volume: 2, flows: { DEHPA: 0.3 } },
      equilibrium: model(protons),
    });

  it('no protons released: Kremser to 1e-10 (or 1e-12 of the feed) for 1..30 stages', () => {
    for (const n of [1, 2, 5, 12, 30]) {
      const r = run(n, 0, 1e-3);
      const left = (r.raffinate.flows.La ?? 0) / 1e-3;
      const expected = kremserUnextracted(eps, n);
      expect(Math.abs(left - expected)).toBeLessThanOrEqual(1e-10 * expected + 1e-12);
    }
  });

  it('3 protons per ion at a trace loading (1e-9 of the acid): Kremser to 1e-7', () => {
    for (const n of [1, 4, 20]) {
      const r = run(n, 3, 1e-10 * H);
      near((r.raffinate.flows.La ?? 0) / (1e-10 * H), kremserUnextracted(eps, n), 1e-7);
    }
  });

  it('a heavy loading acidifies the aqueous and extracts less than Kremser says', () => {
    const r = run(5, 3, 0.02);
    expect(r.converged).toBe(true);
    // Up to 0.06 mol/h of H+ released: pH ~0.8 at the raffinate end, D ~0.6 there.
    expect((r.raffinate.flows.La ?? 0) / 0.02).toBeGreaterThan(2 * kremserUnextracted(eps, 5));
    expect(r.raffinate.flows['H+']).toBeGreaterThan(H + 0.05);
  });
});

function near(a: number, b: number, rel: number): void {
  expect(Math.abs(a - b)).toBeLessThanOrEqual(rel * Math.abs(b));
}

// ---------------------------------------------------------------------------------------------------------
// Bad input.

describe('phDependent(bad parameters) and cascades it cannot run', () => {
  const good = prommisParams;
  const bad = (patch: Record<string, unknown>) => () =>
    phDependent({ ...good, ...patch } as PhDependentParams);

  it('names the bad parameter', () => {
    const cases: [Record<string, unknown>, string, string][] = [
      [{ metals: { La: { m0: Number.NaN, m1: 0, B0: 0, B1: 0 } } }, 'NOT_FINITE', 'phDependent.metals.La.m0'],
      [{ metals: { La: { m0: 1, m1: 0, B0: 0 } } }, 'INVALID_TYPE', 'phDependent.metals.La.B1'],
      [{ metals: { La: { D: -1 } } }, 'OUT_OF_RANGE', 'phDependent.metals.La.D'],
      [{ metals: { La: { D: 1, protons: 11 } } }, 'OUT_OF_RANGE', 'phDependent.metals.La.protons'],
      [{ metals: { La: { D: 1, k: 2 } } }, 'UNKNOWN_KEY', 'phDependent.metals.La.k'],
      [{ metals: {} }, 'MISSING', 'phDependent.metals'],
      [{ proton: '' }, 'INVALID_TYPE', 'phDependent.proton'],
      [{ proton: 'La' }, 'INFEASIBLE', 'phDependent.proton'],
      [
        { extractant: { species: 'DEHPA', molarMass: 0, density: 975.8 } },
        'OUT_OF_RANGE',
        'phDependent.extractant.molarMass',
      ],
      [
        { extractant: { species: 'DEHPA', molarMass: 322 } },
        'INVALID_TYPE',
        'phDependent.extractant.density',
      ],
      [{ bisulfate: { hso4: 'HSO4-', so4: 'HSO4-', pKa: 1.99 } }, 'INFEASIBLE', 'phDependent.bisulfate.so4'],
      [
        { bisulfate: { hso4: 'HSO4-', so4: 'SO4--', pKa: '1.99' } },
        'INVALID_TYPE',
        'phDependent.bisulfate.pKa',
      ],
      [{ extra: 1 }, 'UNKNOWN_KEY', 'phDependent.extra'],
    ];
    for (const [patch, code, path] of cases) {
      let got: { code?: string; path?: string } = {};
      try {
        bad(patch)();
      } catch (e) {
        got = e as { code: string; path: string };
      }
      expect({ code: got.code, path: got.path }).toEqual({ code, path });
    }
  });

  it('is plain data: structuredClone and JSON give the same model back', () => {
    const m = phDependent(good);
    expect(structuredClone(m)).toEqual(m);
    expect(checkPhDependent('m', JSON.parse(JSON.stringify(m)))).toEqual(m);
    expect(m.metals.Ca?.protons).toBe(2);
    expect(m.metals.La?.protons).toBe(3);
  });

  const base = () => ({
    stages: { extraction: 3 },
    feed: { flows: molPerHour(aqueousFeed), volume: V },
    organic: { volume: V, flows: molPerHour(organicFeed) },
    equilibrium: phDependent(good),
  });

  it('rejects what the model cannot do, with the path', () => {
    const reject = (spec: object) => {
      try {
        simulateCascade(spec as Parameters<typeof simulateCascade>[0]);
      } catch (e) {
        const { code, path } = e as { code: string; path: string };
        return `${code} ${path}`;
      }
      return 'ran';
    };
    const linear = distribution(Object.fromEntries(Object.keys(M).map((s) => [s, 1])));
    expect(
      reject({
        ...base(),
        stages: { extraction: 3, scrub: 1 },
        scrub: { volume: 1 },
        equilibrium: { extraction: phDependent(good), scrub: linear },
      }),
    ).toBe('NOT_SUPPORTED cascade.equilibrium');
    expect(
      reject({
        ...base(),
        stages: { extraction: 3, scrub: 1 },
        scrub: { volume: 1, reflux: 0.1 },
      }),
    ).toBe('NOT_SUPPORTED cascade.scrub.reflux');
    expect(reject({ ...base(), efficiency: { murphree: 0.8, phase: 'aqueous' } })).toBe(
      'NOT_SUPPORTED cascade.efficiency.phase',
    );
    expect(reject({ ...base(), feed: { flows: { ...molPerHour(aqueousFeed), Xx: 1 }, volume: V } })).toBe(
      'MISSING cascade.equilibrium.extraction.metals.Xx',
    );
    expect(
      reject({ ...base(), organic: { volume: V, flows: { ...molPerHour(organicFeed), 'H+': 1 } } }),
    ).toBe('NOT_SUPPORTED cascade.organic.flows.H+');
    expect(reject({ ...base(), feed: { flows: { ...molPerHour(aqueousFeed), DEHPA: 1 }, volume: V } })).toBe(
      'NOT_SUPPORTED cascade.feed.flows.DEHPA',
    );
    const { DEHPA: _, ...noExtractant } = molPerHour(organicFeed);
    expect(reject({ ...base(), organic: { volume: V, flows: noExtractant } })).toBe(
      'MISSING cascade.organic.flows.DEHPA',
    );
    expect(reject({ ...base(), organic: { volume: V, flows: { ...noExtractant, DEHPA: 0 } } })).toBe(
      'INFEASIBLE cascade.organic.flows.DEHPA',
    );
    expect(reject({ ...base(), organic: { volume: V, flows: { ...noExtractant, DEHPA: 1e4 } } })).toBe(
      'INFEASIBLE cascade.organic.flows.DEHPA',
    );
    expect(
      reject({ ...base(), feed: { flows: { ...molPerHour(aqueousFeed), 'H+': 0, 'HSO4-': 0 }, volume: V } }),
    ).toBe('INFEASIBLE cascade.feed.flows.H+');
    expect(
      reject({ ...base(), equilibrium: { ...phDependent(good), metals: { La: { D: Number.NaN } } } }),
    ).toBe('NOT_FINITE cascade.equilibrium.metals.La.D');
  });

  it('reports a cascade whose metals would bind more extractant than enters as INFEASIBLE', () => {
    const spec = {
      stages: { extraction: 4 },
      feed: { flows: { M: 1, 'H+': 1 }, volume: 1 },
      organic: { volume: 1, flows: { DEHPA: 0.5 } },
      equilibrium: phDependent({
        metals: { M: { D: 20 } },
        proton: 'H+',
        extractant: { species: 'DEHPA', molarMass: 322.431, density: 975.8 },
      }),
    };
    expect(codeOf(() => simulateCascade(spec))).toBe('INFEASIBLE');
  });
});
