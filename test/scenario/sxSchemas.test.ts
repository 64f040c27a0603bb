// The solvent-extraction scenario schemas: the specs of test/sx and examples/02, written as plain JSON, parse
// and resolve to inputs the models run on (with the results of the TS-built specs, and closed forms where
// there are some); bad files fail with the offending field's path; the types line up with the models'.
import { describe, expect, expectTypeOf, it } from 'vitest';
import { z } from 'zod';
import { ReesimError } from '../../src/core/errors.js';
import { loadScenario } from '../../src/scenario/load.js';
import {
  cascadeInputSchema,
  designInputSchema,
  dynamicsInputSchema,
  equilibriumInputSchema,
  extractantReferenceSchema,
  resolveCascadeInput,
  resolveDesignInput,
  resolveDynamicsInput,
  resolveEquilibriumInput,
  resolveTrainInput,
  separationFactorInputSchema,
  trainInputSchema,
} from '../../src/scenario/sxSchemas.js';
import type { CascadeDynamicsScenario } from '../../src/study/models.js';
import type { CascadeSpec } from '../../src/sx/cascadeSpec.js';
import { type DesignRequest, designCascade } from '../../src/sx/design/designCascade.js';
import { designSeparationTrain, type SeparationTrainRequest } from '../../src/sx/design/separationTrain.js';
import { type CascadeDynamicsOptions, simulateCascadeDynamics } from '../../src/sx/dynamics/dynamics.js';
import {
  distribution,
  type EquilibriumModel,
  separationFactors,
} from '../../src/sx/equilibrium/equilibrium.js';
import { separationFactorModel } from '../../src/sx/equilibrium/extractants.js';
import { phDependent } from '../../src/sx/equilibrium/phDependent.js';
import { simulateCascade } from '../../src/sx/steady/simulateCascade.js';

/** What a scenario file delivers: plain JSON (no functions, no prototypes, no undefined). */
const json = (value: unknown): unknown => JSON.parse(JSON.stringify(value));

/** Every issue path, unions included (each option's issues under the union's path). */
function issuePaths(issues: readonly z.core.$ZodIssue[], base: readonly PropertyKey[] = []): string[] {
  return issues.flatMap((i) => {
    const path = [...base, ...i.path];
    const own = path.map(String).join('.');
    return i.code === 'invalid_union'
      ? [own, ...i.errors.flatMap((option) => issuePaths(option, path))]
      : [own];
  });
}

/** The issue paths of parsing `value` with `schema` (empty when it parses). */
function pathsOf(schema: z.ZodType, value: unknown): string[] {
  const r = schema.safeParse(value);
  return r.success ? [] : issuePaths(r.error.issues);
}

// test/sx/dynamics.test.ts `linear`, as a file would hold it.
const LINEAR = {
  stages: { extraction: 4, scrub: 3 },
  feed: { flows: { A: 0.5, B: 0.5 }, volume: 1 },
  organic: { volume: 2 },
  scrub: { volume: 1 },
  equilibrium: { kind: 'distribution', D: { A: 0.85, B: 1.5 } },
};
const LINEAR_TS: CascadeSpec = {
  stages: { extraction: 4, scrub: 3 },
  feed: { flows: { A: 0.5, B: 0.5 }, volume: 1 },
  organic: { volume: 2 },
  scrub: { volume: 1 },
  equilibrium: distribution({ A: 0.85, B: 1.5 }),
};

describe('cascadeInputSchema and resolveCascadeInput', () => {
  it('the test/sx linear spec parses and runs as the TS spec does', () => {
    const spec = resolveCascadeInput(cascadeInputSchema.parse(json(LINEAR)));
    expect(spec).toEqual(LINEAR_TS);
    expect(simulateCascade(spec)).toEqual(simulateCascade(LINEAR_TS));
  });

  it('3 stages, D = 2, O/A = 1: the raffinate keeps (ε − 1)/(ε^4 − 1) = 1/15 of the feed (Kremser)', () => {
    const spec = resolveCascadeInput(
      cascadeInputSchema.parse({
        stages: { extraction: 3 },
        feed: { flows: { A: 10 }, volume: 1 },
        organic: { volume: 1 },
        equilibrium: { kind: 'distribution', D: { A: 2 } },
      }),
    );
    expect(simulateCascade(spec).raffinate.flows.A).toBeCloseTo(10 / 15, 12);
  });

  it('every optional field of the test/sx specs (efficiency, entrainment, reflux, acid, flows, sections, solver)', () => {
    const W = 1.208;
    const file = {
      stages: { extraction: 6, scrub: 5 },
      feed: { flows: { A: 0.5, B: 0.5 }, volume: 1, stage: 6, phase: 'aqueous' },
      organic: { volume: 2, flows: { A: 0 } },
      scrub: { volume: 1, flows: { B: 0.01 }, reflux: 0.2 },
      equilibrium: {
        extraction: { kind: 'distribution', D: { A: 0.85, B: 1.5 } },
        scrub: { kind: 'distribution', D: { A: 0.8, B: 1.4 } },
      },
      efficiency: { murphree: 0.7, phase: 'organic' },
      entrainment: { aqueousInOrganic: 0.01, organicInAqueous: 0.02 },
      solver: { tolerance: 1e-12, maxIterations: 300, onNonConvergence: 'flag' },
    };
    const spec = resolveCascadeInput(cascadeInputSchema.parse(json(file)));
    expect(spec).toEqual(file); // nothing filled in, nothing dropped
    expect(simulateCascade(spec).converged).toBe(true);
    // test/sx/acidScrub.test.ts: the acid scrub of a saturated cascade, reference form.
    const acid = {
      stages: { extraction: 6, scrub: 6 },
      feed: { flows: { Pr: 0.5, Nd: 0.5 }, volume: 1 },
      organic: { volume: (W + 0.5) / 0.18 },
      scrub: { volume: 1, acid: 3 * W * 0.9 },
      equilibrium: { system: 'P507', elements: ['Pr', 'Nd'] },
      efficiency: { murphree: 0.9, phase: 'organic' },
    };
    const r = simulateCascade(resolveCascadeInput(cascadeInputSchema.parse(json(acid))));
    expect(r.balanceError).toBeLessThanOrEqual(1e-9);
  });

  it('the PrOMMiS pH-dependent model of test/sx/phDependent.test.ts round-trips through JSON', () => {
    const model = phDependent({
      metals: {
        La: { m0: 0.54, m1: 0, B0: -1.93, B1: 0 },
        Nd: { m0: 0.31183, m1: 0.03763, B0: -1.62372, B1: -0.38096 },
        Ca: { D: 0.0658, protons: 2 },
      },
      proton: 'H+',
      extractant: { species: 'DEHPA', molarMass: 322.431, density: 975.8 },
      bisulfate: { hso4: 'HSO4-', so4: 'SO4--', pKa: 1.99 },
    });
    const ts: CascadeSpec = {
      stages: { extraction: 3 },
      feed: {
        flows: { 'H+': 0.67, 'HSO4-': 6.4, 'SO4--': 0.065, La: 4e-4, Nd: 4e-4, Ca: 0.17 },
        volume: 62.01,
      },
      organic: { volume: 62.01, flows: { DEHPA: 9.4 } },
      equilibrium: model,
    };
    const spec = resolveCascadeInput(cascadeInputSchema.parse(json(ts)));
    expect(spec).toEqual(ts);
    expect(simulateCascade(spec)).toEqual(simulateCascade(ts));
  });

  it('a reference resolves to exactly separationFactorModel(system, elements, overrides)', () => {
    expect(
      resolveEquilibriumInput(equilibriumInputSchema.parse({ system: 'P507', elements: ['Pr', 'Nd'] })),
    ).toEqual(separationFactorModel('P507', ['Pr', 'Nd']));
    const overrides = { pairs: { 'Nd/Pr': 1.6 }, loading: 0.2 };
    const spec = resolveCascadeInput(
      cascadeInputSchema.parse({
        ...LINEAR,
        equilibrium: { extraction: { system: 'PC88A', elements: ['Nd', 'Pr', 'Sm'], overrides } },
      }),
    );
    expect(spec.equilibrium).toEqual({
      extraction: separationFactorModel('P507', ['Pr', 'Nd', 'Sm'], overrides),
    });
    // Nd/Pr 1.6 × Sm/Nd 8 (the P507 mid-point of 6-10).
    const m = (spec.equilibrium as { extraction: { beta: Record<string, number> } }).extraction;
    expect(m.beta.Sm).toBeCloseTo(12.8, 12);
  });

  it('a reference the extractant tables reject throws with its path in the file', () => {
    const thrown = (file: unknown) => {
      try {
        resolveCascadeInput(cascadeInputSchema.parse(file));
      } catch (e) {
        if (e instanceof ReesimError) return { code: e.code, path: e.path };
        throw e;
      }
      return undefined;
    };
    expect(thrown({ ...LINEAR, equilibrium: { system: 'naphthenic acid', elements: ['La', 'Lu'] } })).toEqual(
      {
        code: 'NOT_SUPPORTED',
        path: 'input.equilibrium.elements[1]',
      },
    );
    expect(
      thrown({
        ...LINEAR,
        equilibrium: { extraction: LINEAR.equilibrium, scrub: { system: 'P507', elements: ['Pr', 'Pr'] } },
      }),
    ).toEqual({ code: 'INVALID_TYPE', path: 'input.equilibrium.scrub.elements[1]' });
    expect(
      thrown({
        ...LINEAR,
        equilibrium: { system: 'P507', elements: ['Pr', 'Sm'], overrides: { pairs: { 'Sm/Ce': 2 } } },
      }),
    ).toEqual({ code: 'UNKNOWN_KEY', path: 'input.equilibrium.overrides.pairs.Sm/Ce' });
  });

  it('bad files fail with the path of the bad field', () => {
    expect(pathsOf(cascadeInputSchema, LINEAR)).toEqual([]);
    expect(pathsOf(cascadeInputSchema, { ...LINEAR, extra: 1 })).toEqual(['']);
    expect(cascadeInputSchema.safeParse({ ...LINEAR, extra: 1 }).error?.issues[0]).toMatchObject({
      code: 'unrecognized_keys',
      keys: ['extra'],
    });
    expect(pathsOf(cascadeInputSchema, { ...LINEAR, feed: { ...LINEAR.feed, rate: 1 } })).toEqual(['feed']);
    expect(pathsOf(cascadeInputSchema, { ...LINEAR, stages: { extraction: 4, scrub: -1 } })).toEqual([
      'stages.scrub',
    ]);
    expect(pathsOf(cascadeInputSchema, { ...LINEAR, stages: { extraction: 0 } })).toEqual([
      'stages.extraction',
    ]);
    expect(pathsOf(cascadeInputSchema, { ...LINEAR, stages: { extraction: 2.5 } })).toEqual([
      'stages.extraction',
    ]);
    expect(pathsOf(cascadeInputSchema, { ...LINEAR, stages: { extraction: 10_001 } })).toEqual([
      'stages.extraction',
    ]);
    expect(pathsOf(cascadeInputSchema, { ...LINEAR, feed: { ...LINEAR.feed, volume: '1' } })).toEqual([
      'feed.volume',
    ]);
    expect(pathsOf(cascadeInputSchema, { ...LINEAR, feed: { ...LINEAR.feed, volume: 0 } })).toEqual([
      'feed.volume',
    ]);
    for (const bad of [Number.POSITIVE_INFINITY, Number.NaN, -1, 2e12]) {
      expect(pathsOf(cascadeInputSchema, { ...LINEAR, feed: { ...LINEAR.feed, flows: { A: bad } } })).toEqual(
        ['feed.flows.A'],
      );
    }
    expect(pathsOf(cascadeInputSchema, { ...LINEAR, efficiency: { murphree: 0, phase: 'organic' } })).toEqual(
      ['efficiency.murphree'],
    );
    expect(pathsOf(cascadeInputSchema, { ...LINEAR, entrainment: { aqueousInOrganic: 0.6 } })).toEqual([
      'entrainment.aqueousInOrganic',
    ]);
    expect(pathsOf(cascadeInputSchema, { ...LINEAR, feed: { ...LINEAR.feed, phase: 'gas' } })).toEqual([
      'feed.phase',
    ]);
    const many = Object.fromEntries(Array.from({ length: 65 }, (_, i) => [`S${i}`, 1]));
    expect(pathsOf(cascadeInputSchema, { ...LINEAR, feed: { ...LINEAR.feed, flows: many } })).toEqual([
      'feed.flows',
    ]);
    expect(
      pathsOf(cascadeInputSchema, { ...LINEAR, feed: { ...LINEAR.feed, flows: { constructor: 1 } } }),
    ).toEqual(['feed.flows.constructor']);
    expect(pathsOf(cascadeInputSchema, { ...LINEAR, solver: { maxIterations: 10_001 } })).toEqual([
      'solver.maxIterations',
    ]);
    expect(
      pathsOf(cascadeInputSchema, { ...LINEAR, draws: [{ stage: 1, phase: 'aqueous', fraction: 0.1 }] }),
    ).toEqual(['draws.0.stage']);
    expect(
      pathsOf(cascadeInputSchema, { ...LINEAR, draws: [{ stage: 3, phase: 'aqueous', fraction: 1 }] }),
    ).toEqual(['draws.0.fraction']);
    expect(
      pathsOf(cascadeInputSchema, { ...LINEAR, strip: { stages: 2, acid: { amount: 0, volume: 1 } } }),
    ).toEqual(['strip.acid.amount']);
    expect(
      pathsOf(cascadeInputSchema, { ...LINEAR, strip: { stages: 2, acid: { amount: 1, volume: 1 }, D: 1 } }),
    ).toEqual(['strip']);
  });

  it('a side draw and a strip section parse and run as the TS spec does (the model checks stage against N)', () => {
    const file = {
      ...LINEAR,
      equilibrium: { kind: 'separationFactors', beta: { A: 2, B: 1 }, loading: 0.18 },
      organic: { volume: 5 },
      scrub: { volume: 1, reflux: 0.3 },
      draws: [{ stage: 5, phase: 'aqueous', fraction: 0.2 }],
      strip: { stages: 3, acid: { amount: 3, volume: 0.5 }, distribution: { A: 0.05, B: 0.04 } },
    };
    const spec = resolveCascadeInput(cascadeInputSchema.parse(json(file)));
    expect(spec).toEqual(file);
    const r = simulateCascade(spec);
    expect(r.converged).toBe(true);
    expect(r.draws).toHaveLength(1);
    expect(r.strip?.stages).toBe(3);
    expect(JSON.stringify(r.product.flows)).toBe(
      JSON.stringify(simulateCascade(file as CascadeSpec).product.flows),
    );
    // A draw stage beyond N − 1 passes the schema (it does not know N) and the model names it.
    const late = { ...file, draws: [{ stage: 7, phase: 'aqueous', fraction: 0.2 }] };
    expect(() => simulateCascade(resolveCascadeInput(cascadeInputSchema.parse(json(late))))).toThrow(
      expect.objectContaining({ code: 'OUT_OF_RANGE', path: 'cascade.draws[0].stage' }),
    );
  });

  it('errors inside an equilibrium model carry the model field’s path', () => {
    const bad = (equilibrium: unknown) => pathsOf(cascadeInputSchema, { ...LINEAR, equilibrium });
    expect(bad({ kind: 'distribution', D: { A: -1 } })).toEqual(['equilibrium.D.A']);
    expect(bad({ kind: 'distribution', D: { A: 1 }, capacity: 0 })).toEqual(['equilibrium.capacity']);
    expect(bad({ kind: 'distribution', D: { A: Number.POSITIVE_INFINITY } })).toContain('equilibrium.D.A');
    expect(bad({ kind: 'separationFactors', beta: { A: 2 }, loading: 'high' })).toContain(
      'equilibrium.loading',
    );
    expect(bad({ kind: 'linear', D: { A: 1 } })).toContain('equilibrium.kind');
    expect(bad({ system: 'P507', elements: ['Pr'] })).toEqual(['equilibrium.elements']);
    expect(bad({ system: 'P999', elements: ['Pr', 'Nd'] })).toEqual(['equilibrium.system']);
    expect(bad({ extraction: { kind: 'distribution', D: { A: 0 } } })).toEqual([
      'equilibrium.extraction.D.A',
    ]);
  });

  it('a __proto__ key never reaches the prototype', () => {
    const file = JSON.parse(
      '{"stages":{"extraction":1},"feed":{"flows":{"A":1,"__proto__":{"polluted":1}},"volume":1},' +
        '"organic":{"volume":1},"equilibrium":{"kind":"distribution","D":{"A":1}}}',
    );
    const parsed = cascadeInputSchema.safeParse(file);
    if (parsed.success) expect(Object.keys(parsed.data.feed.flows)).toEqual(['A']);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });
});

describe('designInputSchema and resolveDesignInput', () => {
  it('examples/02 as a file: P507 reference, 99.9 % / 99.9 %, meets both targets', () => {
    // examples/02 feeds Pr and Nd at the Mountain Pass ratio (kmol/h); the same ratio, rounded, is used here.
    const file = {
      feed: { Pr: 0.98, Nd: 2.63 },
      equilibrium: { system: 'P507', elements: ['Pr', 'Nd'] },
      purity: { organic: 0.999, aqueous: 0.999 },
      feedVolume: 3.61,
    };
    const request = resolveDesignInput(designInputSchema.parse(json(file)));
    expect(request).toEqual({ ...file, equilibrium: separationFactorModel('P507', ['Pr', 'Nd']) });
    const d = designCascade(request);
    expect(d.keys).toEqual({ A: 'Nd', B: 'Pr' });
    expect(d.purity.organic).toBeGreaterThanOrEqual(0.999);
    expect(d.purity.aqueous).toBeGreaterThanOrEqual(0.999);
  });

  it('Pr/Nd at β 1.5 and 99 %, every option given, sections by reference and by model', () => {
    const file = {
      feed: { Pr: 0.25, Nd: 0.75 },
      equilibrium: {
        extraction: { system: 'P507', elements: ['Pr', 'Nd'] },
        scrub: { kind: 'separationFactors', beta: { Pr: 1, Nd: 1.5 }, loading: (1.5 * 0.36) / 3 },
      },
      purity: { organic: 0.99, aqueous: 0.99 },
      keys: { A: 'Nd', B: 'Pr' },
      purityBasis: 'keys',
      control: 'auto',
      feedVolume: 1,
      loading: 0.18,
      maxStages: { extraction: 200, scrub: 200 },
      maxSimulations: 100,
    };
    const d = designCascade(resolveDesignInput(designInputSchema.parse(json(file))));
    expect(d.purity.organic).toBeGreaterThanOrEqual(0.99);
    expect(d.stages.total).toBeLessThanOrEqual(400);
  });

  it('bad requests fail with the path of the bad field', () => {
    const ok = {
      feed: { A: 0.5, B: 0.5 },
      equilibrium: { kind: 'separationFactors', beta: { A: 2, B: 1 }, loading: 0.18 },
      purity: { organic: 0.999, aqueous: 0.9999 },
    };
    expect(pathsOf(designInputSchema, ok)).toEqual([]);
    expect(pathsOf(designInputSchema, { ...ok, purity: { organic: 1, aqueous: 0.9 } })).toEqual([
      'purity.organic',
    ]);
    expect(pathsOf(designInputSchema, { ...ok, purity: { organic: 0.5, aqueous: 0.9 } })).toEqual([
      'purity.organic',
    ]);
    expect(pathsOf(designInputSchema, { ...ok, k: 1 })).toEqual(['k']);
    expect(pathsOf(designInputSchema, { ...ok, maxStages: { scrub: 5001 } })).toEqual(['maxStages.scrub']);
    expect(pathsOf(designInputSchema, { ...ok, maxSimulations: '9' })).toEqual(['maxSimulations']);
    expect(pathsOf(designInputSchema, { ...ok, maxSimulations: 5001 })).toEqual(['maxSimulations']);
    expect(pathsOf(designInputSchema, { ...ok, residenceTime: 0 })).toEqual(['residenceTime']);
    expect(pathsOf(designInputSchema, { ...ok, strip: {} })).toEqual([]);
    expect(pathsOf(designInputSchema, { ...ok, strip: { residualLoading: 0.6 } })).toEqual([
      'strip.residualLoading',
    ]);
    expect(pathsOf(designInputSchema, { ...ok, strip: { acidConcentration: 25 } })).toEqual([
      'strip.acidConcentration',
    ]);
    expect(pathsOf(designInputSchema, { ...ok, strip: { maxStages: 0 } })).toEqual(['strip.maxStages']);
    expect(pathsOf(designInputSchema, { ...ok, strip: { stages: 3 } })).toEqual(['strip']);
    // Xu's design takes separation-factor models only.
    expect(
      pathsOf(designInputSchema, { ...ok, equilibrium: { kind: 'distribution', D: { A: 2, B: 1 } } }),
    ).toContain('equilibrium.kind');
    expect(separationFactorInputSchema.safeParse({ kind: 'distribution', D: { A: 2 } }).success).toBe(false);
  });
});

describe('trainInputSchema and resolveTrainInput', () => {
  it('a 3-element train (La, Ce, Nd at 99 %) designs two cuts and meets the purity', () => {
    const file = { feed: { La: 30, Ce: 50, Nd: 20 }, system: 'P507', purity: 0.99 };
    const request = resolveTrainInput(trainInputSchema.parse(json(file)));
    expect(request).toEqual(file);
    const t = designSeparationTrain(request);
    expect(t.cascades).toHaveLength(2);
    for (const p of t.products) expect(p.purity).toBeGreaterThanOrEqual(0.99);
  });

  it('group products and overrides pass through', () => {
    const file = {
      feed: { Nd: 10, Sm: 1, Eu: 0.2, Gd: 0.5 },
      products: ['Nd', { name: 'SEG', elements: ['Sm', 'Eu', 'Gd'] }],
      overrides: { pairs: { 'Sm/Nd': 8 }, loading: 0.18 },
      concentration: 1,
      residenceTime: 0.5,
    };
    expect(resolveTrainInput(trainInputSchema.parse(json(file)))).toEqual(file);
  });

  it('bad requests fail with the path of the bad field', () => {
    expect(pathsOf(trainInputSchema, { feed: { La: 1, Xx: 1 } })).toEqual(['feed.Xx']);
    expect(pathsOf(trainInputSchema, { feed: { La: -1 } })).toEqual(['feed.La']);
    expect(pathsOf(trainInputSchema, { feed: { La: 1 }, system: 'TBP' })).toEqual(['system']);
    expect(pathsOf(trainInputSchema, { feed: { La: 1 }, products: Array(16).fill('La') })).toEqual([
      'products',
    ]);
    expect(
      pathsOf(trainInputSchema, { feed: { La: 1 }, products: [{ name: 'x', elements: ['Sc'] }] }),
    ).toContain('products.0.elements.0');
    // Bounds that keep every volume and inventory finite (review: 1e308 gave Infinity).
    expect(pathsOf(trainInputSchema, { feed: { La: 1 }, concentration: 1e308 })).toEqual(['concentration']);
    expect(pathsOf(trainInputSchema, { feed: { La: 1 }, residenceTime: 1e308 })).toEqual(['residenceTime']);
    expect(pathsOf(trainInputSchema, { feed: { La: 1 }, maxSimulations: 50_001 })).toEqual([
      'maxSimulations',
    ]);
    expect(pathsOf(trainInputSchema, { feed: { La: 1 }, strip: { acidExcess: -1 } })).toEqual([
      'strip.acidExcess',
    ]);
    expect(pathsOf(trainInputSchema, { feed: { La: 1 }, threeOutlet: 'always' })).toEqual(['threeOutlet']);
    expect(
      pathsOf(trainInputSchema, { feed: { La: 1 }, products: [{ name: 'x', elements: ['La'], purity: 1 }] }),
    ).toContain('products.0.purity');
    expect(
      pathsOf(trainInputSchema, {
        feed: { Sm: 1, Eu: 0.1, Gd: 1 },
        products: ['Sm', { name: 'Eu concentrate', elements: ['Eu'], purity: 0.4 }, 'Gd'],
        threeOutlet: 'auto',
      }),
    ).toEqual([]);
  });
});

describe('dynamicsInputSchema and resolveDynamicsInput', () => {
  it('one stage, D = 1, equal flows: the product approaches half the feed (a short run)', () => {
    const file = {
      spec: {
        stages: { extraction: 1 },
        feed: { flows: { A: 1 }, volume: 1 },
        organic: { volume: 1 },
        equilibrium: { kind: 'distribution', D: { A: 1 } },
      },
      options: {
        holdup: { mixer: { residenceTime: 0.05 }, settler: { aqueous: 0.5, organic: 0.5 } },
        duration: 20,
        sampleEvery: 1,
        startup: 'empty',
        events: [{ time: 10, feed: { A: 1 } }],
        tolerance: 1e-4,
      },
    };
    const run = resolveDynamicsInput(dynamicsInputSchema.parse(json(file)));
    expect(run).toEqual(file);
    const r = simulateCascadeDynamics(run.spec, run.options);
    expect(r.samples.at(-1)?.product.flows.A).toBeCloseTo(0.5, 6);
    expect(r.balanceError).toBeLessThanOrEqual(1e-12);
  });

  it('the test/sx linear spec at total-reflux start-up, with a reference model in the spec', () => {
    const file = {
      spec: {
        ...LINEAR,
        equilibrium: { system: 'P507', elements: ['Pr', 'Nd'] },
        feed: { flows: { Pr: 0.5, Nd: 0.5 }, volume: 1 },
      },
      options: {
        holdup: { mixer: { residenceTime: 0.05 }, settler: { residenceTime: 0.5 } },
        duration: 2,
        startup: { kind: 'totalReflux', duration: 1 },
      },
    };
    const run = resolveDynamicsInput(dynamicsInputSchema.parse(json(file)));
    expect(run.spec.equilibrium).toEqual(separationFactorModel('P507', ['Pr', 'Nd']));
    expect(simulateCascadeDynamics(run.spec, run.options).balanceError).toBeLessThanOrEqual(1e-9);
  });

  it('bad options fail with the path of the bad field', () => {
    const ok = {
      spec: LINEAR,
      options: { holdup: { mixer: { residenceTime: 0.05 }, settler: { residenceTime: 0.5 } }, duration: 20 },
    };
    expect(pathsOf(dynamicsInputSchema, ok)).toEqual([]);
    const options = (o: object) => pathsOf(dynamicsInputSchema, { ...ok, options: { ...ok.options, ...o } });
    expect(options({ duration: -1 })).toEqual(['options.duration']);
    expect(options({ duration: Number.POSITIVE_INFINITY })).toEqual(['options.duration']);
    expect(options({ tolerance: 1 })).toEqual(['options.tolerance']);
    expect(options({ events: Array.from({ length: 1001 }, () => ({ time: 1 })) })).toEqual([
      'options.events',
    ]);
    expect(options({ events: [{ time: 1, feed: { A: 'x' } }] })).toEqual(['options.events.0.feed.A']);
    expect(options({ startup: 'hot' })).toContain('options.startup');
    expect(options({ holdup: { mixer: { residenceTime: 0 }, settler: { residenceTime: 1 } } })).toContain(
      'options.holdup.mixer.residenceTime',
    );
    expect(pathsOf(dynamicsInputSchema, { ...ok, spec: { ...LINEAR, stages: { extraction: -1 } } })).toEqual([
      'spec.stages.extraction',
    ]);
  });

  // The linear spec with a side draw: B concentrates in the organic product, A in the raffinate.
  const DRAWN = { ...LINEAR, draws: [{ stage: 3, phase: 'aqueous', fraction: 0.1 }] };
  const DRAWN_TS: CascadeSpec = { ...LINEAR_TS, draws: [{ stage: 3, phase: 'aqueous', fraction: 0.1 }] };
  const HOLDUP = { mixer: { residenceTime: 0.05 }, settler: { residenceTime: 0.5 } };

  it('spec, impurityWithin and a pre-loaded inventory: the file runs exactly like the TS call (a short run)', () => {
    const options: CascadeDynamicsOptions = {
      holdup: HOLDUP,
      duration: 10,
      sampleEvery: 0.5,
      startup: { kind: 'preloaded', inventory: { A: 0.4, B: 0.8 } },
      tolerance: 1e-3,
      spec: { product: { B: 0.6 }, raffinate: 0.6, draws: [{ A: 0.5 }] },
      impurityWithin: 0.2,
    };
    const run = resolveDynamicsInput(dynamicsInputSchema.parse(json({ spec: DRAWN, options })));
    expect(run.options).toEqual(options);
    const fromFile = simulateCascadeDynamics(run.spec, run.options);
    expect(fromFile).toEqual(simulateCascadeDynamics(DRAWN_TS, options));
    // What the options ask for reached the run: the inventory held at time 0, a spec per outlet.
    expect(fromFile.initialInventory.A).toBeCloseTo(0.4, 12);
    expect(fromFile.initialInventory.B).toBeCloseTo(0.8, 12);
    expect(fromFile.outlets.product).toMatchObject({ species: 'B', target: 0.6 });
    expect(fromFile.outlets.raffinate).toMatchObject({ species: 'A', target: 0.6 });
    expect(fromFile.outlets.draws).toHaveLength(1);
    expect(fromFile.outlets.draws[0]).toMatchObject({ species: 'A', target: 0.5 });
    expect(fromFile.samples[0]?.draws).toHaveLength(1);
    expect(fromFile.balanceError).toBeLessThanOrEqual(1e-9);
  });

  it("startup: 'preloaded' (the steady profile) parses and starts on the steady state: every time is 0", () => {
    const file = { spec: LINEAR, options: { holdup: HOLDUP, duration: 5, startup: 'preloaded' } };
    const run = resolveDynamicsInput(dynamicsInputSchema.parse(json(file)));
    expect(run.options.startup).toBe('preloaded');
    const r = simulateCascadeDynamics(run.spec, { ...run.options, spec: { product: 0.5, raffinate: 0.5 } });
    const steady = simulateCascade(LINEAR_TS);
    // The steady product is richer than 50 % in B and the raffinate in A (checked, not assumed).
    expect(steady.product.purity.B).toBeGreaterThan(0.5);
    expect(steady.raffinate.purity.A).toBeGreaterThan(0.5);
    expect(r.outlets.product.timeToSpec).toBe(0);
    expect(r.outlets.raffinate.timeToSpec).toBe(0);
    expect(r.outlets.product.timeToSteadyImpurity).toBe(0);
    expect(r.timeToFlowBand).toBe(0);
  });

  it('bad start-up, spec and impurityWithin values fail with the path of the bad field', () => {
    const ok = { spec: LINEAR, options: { holdup: HOLDUP, duration: 20 } };
    const options = (o: object) => pathsOf(dynamicsInputSchema, { ...ok, options: { ...ok.options, ...o } });
    const preloaded = (inventory: object) => options({ startup: { kind: 'preloaded', inventory } });
    expect(preloaded({ A: 1, B: 0 })).toEqual([]);
    expect(preloaded({ A: -1 })).toContain('options.startup.inventory.A');
    expect(preloaded({ A: 2e15 })).toContain('options.startup.inventory.A');
    expect(preloaded({ A: 'x' })).toContain('options.startup.inventory.A');
    expect(options({ startup: { kind: 'preloaded', duration: 1 } })).toContain('options.startup');
    const spec = (s: object) => options({ spec: s });
    expect(spec({ product: 0.999, raffinate: { A: 1 }, draws: [0.5, { B: 0.9 }] })).toEqual([]);
    expect(spec({ product: 0 })).toContain('options.spec.product');
    expect(spec({ product: 1.001 })).toContain('options.spec.product');
    expect(spec({ product: { B: 1.5 } })).toContain('options.spec.product.B');
    expect(spec({ product: { A: 0.9, B: 0.9 } })).toContain('options.spec.product');
    expect(spec({ product: {} })).toContain('options.spec.product');
    expect(spec({ raffinate: 'pure' })).toContain('options.spec.raffinate');
    expect(spec({ draws: [0.9, -0.1] })).toContain('options.spec.draws.1');
    expect(spec({ draws: Array.from({ length: 17 }, () => 0.9) })).toEqual(['options.spec.draws']);
    expect(spec({ middle: 0.9 })).toEqual(['options.spec']);
    expect(options({ impurityWithin: 0 })).toEqual(['options.impurityWithin']);
    expect(options({ impurityWithin: 1.5 })).toEqual(['options.impurityWithin']);
    expect(options({ impurityWithin: 1 })).toEqual([]);
  });

  it('a scenario file with a bad spec value names it under input.options, as the loader reports it', () => {
    const file = (specText: string) =>
      [
        'kind: cascade-dynamics',
        'input:',
        '  spec:',
        '    stages: { extraction: 4, scrub: 3 }',
        '    feed: { flows: { A: 0.5, B: 0.5 }, volume: 1 }',
        '    organic: { volume: 2 }',
        '    scrub: { volume: 1 }',
        '    equilibrium: { kind: distribution, D: { A: 0.85, B: 1.5 } }',
        '  options:',
        '    holdup: { mixer: { residenceTime: 0.05 }, settler: { residenceTime: 0.5 } }',
        '    duration: 2',
        `    ${specText}`,
      ].join('\n');
    const issues = (specText: string) =>
      (loadScenario(file(specText), 'yaml').issues ?? []).map((i) => [i.path, i.code]);
    expect(issues('spec: { product: { B: 0.999 } }')).toEqual([]);
    expect(issues('spec: { product: { B: 2 } }')).toEqual([['input.options.spec.product.B', 'OUT_OF_RANGE']]);
    expect(issues('spec: { draws: [0.9, 0] }')).toEqual([['input.options.spec.draws[1]', 'OUT_OF_RANGE']]);
    expect(issues('startup: { kind: preloaded, inventory: { A: -1 } }')).toEqual([
      ['input.options.startup.inventory.A', 'OUT_OF_RANGE'],
    ]);
    expect(issues('impurityWithin: 2')).toEqual([['input.options.impurityWithin', 'OUT_OF_RANGE']]);
  });
});

describe('names every JavaScript object has', () => {
  // Every own property of Object.prototype (ES2024 §20.1.3 and Annex B) and `prototype`.
  const NAMES = [
    'constructor',
    'hasOwnProperty',
    'isPrototypeOf',
    'propertyIsEnumerable',
    'toLocaleString',
    'toString',
    'valueOf',
    '__proto__',
    '__defineGetter__',
    '__defineSetter__',
    '__lookupGetter__',
    '__lookupSetter__',
    'prototype',
  ];
  /** `{ [key]: value }` as JSON.parse makes it (an own property, even for __proto__). */
  const own = (key: string, value: unknown) =>
    JSON.parse(JSON.stringify({ K: value }).replace('"K"', JSON.stringify(key)));
  /**
   * `path: code expected` of each issue that carries reesim's code (`params`), from every option of a union
   * and with a record key's own issues lifted to the key's place; each once.
   */
  function named(schema: z.ZodType, value: unknown): string[] {
    const lines = (issues: readonly z.core.$ZodIssue[], base: readonly PropertyKey[]): string[] =>
      issues.flatMap((i) => {
        const path = [...base, ...i.path];
        if (i.code === 'invalid_union') return i.errors.flatMap((option) => lines(option, path));
        if (i.code === 'invalid_key') return lines(i.issues, path);
        const params = (i as { params?: { code?: string; expected?: string } }).params;
        return params ? [`${path.join('.')}: ${params.code} ${params.expected}`] : [];
      });
    return [...new Set(lines(schema.safeParse(value).error?.issues ?? [], []))];
  }
  const why = (name: string) =>
    `a species name other than '${name}' (a built-in name of every JavaScript object)`;

  it('the reviewer files tostr.yaml and tostr2.yaml fail on every such key, each named', () => {
    // tostr.yaml: the model read D.toString (a function) and reported a missing parameter.
    const cascade = {
      stages: { extraction: 2 },
      feed: { flows: { toString: 1, hasOwnProperty: 1 }, volume: 1 },
      organic: { volume: 1 },
      equilibrium: { kind: 'distribution', D: { valueOf: 1 } },
    };
    expect(named(cascadeInputSchema, cascade)).toEqual([
      `feed.flows.toString: UNKNOWN_KEY ${why('toString')}`,
      `feed.flows.hasOwnProperty: UNKNOWN_KEY ${why('hasOwnProperty')}`,
      `equilibrium.D.valueOf: UNKNOWN_KEY ${why('valueOf')}`,
    ]);
    // tostr2.yaml: the design ran on species toString and valueOf.
    const design = {
      feed: { toString: 1, valueOf: 2 },
      equilibrium: { kind: 'separationFactors', beta: { toString: 1.5, valueOf: 1 }, loading: 0.18 },
      purity: { organic: 0.99, aqueous: 0.99 },
    };
    expect(named(designInputSchema, design)).toEqual([
      `feed.toString: UNKNOWN_KEY ${why('toString')}`,
      `feed.valueOf: UNKNOWN_KEY ${why('valueOf')}`,
      `equilibrium.beta.toString: UNKNOWN_KEY ${why('toString')}`,
      `equilibrium.beta.valueOf: UNKNOWN_KEY ${why('valueOf')}`,
    ]);
  });

  it('every record and name of species fails on each of them', () => {
    const ph = {
      kind: 'phDependent',
      metals: { La: { m0: 0.54, m1: 0, B0: -1.93, B1: 0, protons: 3 } },
      proton: 'H+',
      extractant: { species: 'DEHPA', molarMass: 322.431, density: 975.8 },
      bisulfate: { hso4: 'HSO4-', so4: 'SO4--', pKa: 1.99 },
    };
    const designOk = {
      feed: { A: 0.5, B: 0.5 },
      equilibrium: { kind: 'separationFactors', beta: { A: 2, B: 1 }, loading: 0.18 },
      purity: { organic: 0.99, aqueous: 0.99 },
    };
    const dynamicsOk = {
      spec: LINEAR,
      options: { holdup: { mixer: { residenceTime: 0.05 }, settler: { residenceTime: 0.5 } }, duration: 20 },
    };
    expect(equilibriumInputSchema.safeParse(ph).success).toBe(true);
    for (const n of NAMES) {
      const bad = `UNKNOWN_KEY ${why(n)}`;
      const cascade = (patch: object) => named(cascadeInputSchema, { ...LINEAR, ...patch });
      expect(cascade({ feed: { flows: own(n, 1), volume: 1 } })).toEqual([`feed.flows.${n}: ${bad}`]);
      expect(cascade({ organic: { volume: 1, flows: own(n, 1) } })).toEqual([`organic.flows.${n}: ${bad}`]);
      expect(cascade({ scrub: { volume: 1, flows: own(n, 1) } })).toEqual([`scrub.flows.${n}: ${bad}`]);
      expect(cascade({ equilibrium: { kind: 'distribution', D: own(n, 1) } })).toEqual([
        `equilibrium.D.${n}: ${bad}`,
      ]);
      expect(named(equilibriumInputSchema, { ...ph, metals: own(n, { D: 1, protons: 2 }) })).toEqual([
        `metals.${n}: ${bad}`,
      ]);
      expect(named(equilibriumInputSchema, { ...ph, proton: n })).toEqual([`proton: ${bad}`]);
      expect(named(equilibriumInputSchema, { ...ph, extractant: { ...ph.extractant, species: n } })).toEqual([
        `extractant.species: ${bad}`,
      ]);
      expect(named(designInputSchema, { ...designOk, keys: { A: n, B: 'B' } })).toEqual([`keys.A: ${bad}`]);
      expect(
        named(designInputSchema, {
          ...designOk,
          equilibrium: { kind: 'separationFactors', beta: own(n, 2), loading: 0.18 },
        }),
      ).toEqual([`equilibrium.beta.${n}: ${bad}`]);
      expect(
        named(dynamicsInputSchema, {
          ...dynamicsOk,
          options: { ...dynamicsOk.options, events: [{ time: 1, feed: own(n, 1) }] },
        }),
      ).toEqual([`options.events.0.feed.${n}: ${bad}`]);
    }
  });
});

describe('stage limits', () => {
  it('10,000 stages in all is the limit, as the model has it: 6,000 + 5,000 fails on stages, naming it', () => {
    const stages = (s: object) => cascadeInputSchema.safeParse({ ...LINEAR, stages: s }).error?.issues ?? [];
    expect(stages({ extraction: 5000, scrub: 5000 })).toEqual([]);
    expect(stages({ extraction: 10_000 })).toEqual([]);
    const over = stages({ extraction: 6000, scrub: 5000 });
    expect(over).toHaveLength(1);
    expect(over[0]).toMatchObject({
      path: ['stages'],
      params: { code: 'OUT_OF_RANGE', expected: 'at most 10000 stages in all (extraction + scrub)' },
    });
    // The model agrees (cascadeSpec: MAX_STAGES in all).
    expect(() => simulateCascade({ ...LINEAR_TS, stages: { extraction: 6000, scrub: 5000 } })).toThrow(
      /at most 10000 stages in all/,
    );
    // A section over the limit on its own is reported there, once.
    expect(stages({ extraction: 10_001, scrub: 5 }).map((i) => i.path.join('.'))).toEqual([
      'stages.extraction',
    ]);
  });
});

describe('types and JSON Schema', () => {
  it('resolvers return the models’ own input types', () => {
    expectTypeOf(resolveCascadeInput).returns.toEqualTypeOf<CascadeSpec>();
    expectTypeOf(resolveDesignInput).returns.toEqualTypeOf<DesignRequest>();
    expectTypeOf(resolveTrainInput).returns.toEqualTypeOf<SeparationTrainRequest>();
    expectTypeOf(resolveDynamicsInput).returns.toEqualTypeOf<CascadeDynamicsScenario>();
    expectTypeOf(resolveEquilibriumInput).returns.toExtend<EquilibriumModel>();
  });

  it('every valid TS cascade spec and design request is a valid file input (type level)', () => {
    expectTypeOf<CascadeSpec>().toExtend<z.input<typeof cascadeInputSchema>>();
    expectTypeOf<DesignRequest>().toExtend<z.input<typeof designInputSchema>>();
    const spec: CascadeSpec = { ...LINEAR_TS, equilibrium: { extraction: distribution({ A: 1, B: 2 }) } };
    const input: z.input<typeof cascadeInputSchema> = spec;
    expect(cascadeInputSchema.safeParse(input).success).toBe(true);
    const sf: z.input<typeof separationFactorInputSchema> = separationFactors({ A: 2, B: 1 });
    expect(separationFactorInputSchema.safeParse(sf).success).toBe(true);
  });

  it('every schema exports to JSON Schema with a description on every property', () => {
    const undocumented = (node: unknown, path: string): string[] => {
      if (Array.isArray(node)) return node.flatMap((n, i) => undocumented(n, `${path}[${i}]`));
      if (typeof node !== 'object' || node === null) return [];
      const o = node as Record<string, unknown>;
      const own =
        typeof o.properties === 'object' && o.properties !== null
          ? Object.entries(o.properties as Record<string, Record<string, unknown>>)
              .filter(([, p]) => typeof p.description !== 'string' && p.$ref === undefined)
              .map(([key]) => `${path}.${key}`)
          : [];
      return [...own, ...Object.entries(o).flatMap(([k, v]) => undocumented(v, `${path}.${k}`))];
    };
    for (const [name, schema] of Object.entries({
      cascadeInputSchema,
      designInputSchema,
      trainInputSchema,
      dynamicsInputSchema,
      equilibriumInputSchema,
      extractantReferenceSchema,
    })) {
      const js = z.toJSONSchema(schema);
      expect(undocumented(js, name)).toEqual([]);
    }
  });
});
