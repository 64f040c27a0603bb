/**
 * Schemas (zod) of the solvent-extraction inputs a scenario file may hold, and the resolvers that turn a
 * parsed file input into the object the model function takes: {@link simulateCascade}'s
 * {@link CascadeSpec}, {@link designCascade}'s {@link DesignRequest}, {@link designSeparationTrain}'s
 * {@link SeparationTrainRequest} and {@link simulateCascadeDynamics}' `{ spec, options }`.
 *
 * The schemas check the shape, the types and each number's own range (finite, integers, fractions, size
 * limits); every object is strict (unknown keys are errors). Rules that tie fields together (the feed stage
 * within the stages, a species' model parameter, acid against loading, ...) stay with the model functions,
 * which validate their whole input again. A file may name an equilibrium by reference,
 * `{ system, elements, overrides? }`: the resolvers replace it by {@link separationFactorModel}'s model;
 * everything else passes through unchanged (defaults are the model functions' business).
 */
import { z } from 'zod';
import { type Issue, ReesimError } from '../core/errors.js';
import type { CascadeDynamicsScenario } from '../study/models.js';
import { type CascadeSpec, MAX_DRAWS, MAX_ITERATIONS, MAX_SPECIES, MAX_STAGES } from '../sx/cascadeSpec.js';
import type { DesignRequest } from '../sx/design/designCascade.js';
import type { SeparationTrainRequest } from '../sx/design/separationTrain.js';
import type { EquilibriumModel, SeparationFactorModel } from '../sx/equilibrium/equilibrium.js';
import { type ChainElement, extractants, separationFactorModel } from '../sx/equilibrium/extractants.js';
import { listed, nameRecord, safeName } from './flowsheetSchema.js';

// ---------------------------------------------------------------------------------------------------------
// Building blocks

/** Most step changes a dynamics input may list. */
const MAX_EVENTS = 1000;

/** Largest amount or volume flow accepted (as the model functions: catches typos and overflow). */
const BIG = 1e12;

/** Every element of the built-in extractant tables (the reference form's and the train's elements). */
const CHAIN_ELEMENTS = [...new Set(Object.values(extractants).flatMap((d) => d.order))] as [
  ChainElement,
  ...ChainElement[],
];

/** Names of the built-in extractant systems and their aliases. */
const SYSTEM_NAMES = Object.values(extractants).flatMap((d) => [d.name, ...d.aliases]) as [
  string,
  ...string[],
];

/** Species names: any non-empty string but the names every JavaScript object inherits (see `safeName`). */
const speciesName = safeName('a species name');

/** An extractant system of the built-in tables, or an alias. */
export const systemName = listed(SYSTEM_NAMES, `one of ${SYSTEM_NAMES.join(', ')}`);

/** An element of the built-in extractant tables. */
export const elementName = listed(
  CHAIN_ELEMENTS,
  `a rare earth of the extractant tables (${CHAIN_ELEMENTS.join(', ')})`,
);

/** A finite number in [lo, hi]; every failure reports `expected`. */
function closed(lo: number, hi: number, expected: string) {
  return z.number({ error: expected }).min(lo, expected).max(hi, expected);
}

/** A finite number in (0, hi]. */
function positive(expected: string, hi = BIG) {
  return z.number({ error: expected }).gt(0, expected).max(hi, expected);
}

/** An integer in [lo, hi]. */
function integer(lo: number, hi: number, expected: string) {
  return z.int({ error: expected }).min(lo, expected).max(hi, expected);
}

const atMostSpecies = {
  message: `at most ${MAX_SPECIES} species`,
  params: { code: 'OUT_OF_RANGE', expected: `at most ${MAX_SPECIES} species` },
};

/** A record of species -> number, at most {@link MAX_SPECIES} species. */
function speciesRecord(value: z.ZodNumber, description: string) {
  return nameRecord(value, 'a species name', speciesName)
    .refine((r) => Object.keys(r).length <= MAX_SPECIES, atMostSpecies)
    .meta({ description, maxProperties: MAX_SPECIES });
}

/** Amounts per unit time by species, each in [0, 1e12]. */
function amounts(description: string) {
  return speciesRecord(closed(0, BIG, 'an amount in [0, 1e12]'), description);
}

/** A volume flow in (0, 1e12]. */
function volume(description: string) {
  return positive('a volume flow in (0, 1e12]').meta({ description });
}

/** A model for one section of a cascade or both: `model`, or `{ extraction, scrub? }`. */
function perSection<T extends z.ZodType>(model: T) {
  return z
    .strictObject({
      extraction: model.meta({ description: 'Equilibrium of the extraction stages' }),
      scrub: model
        .meta({ description: 'Equilibrium of the scrub stages (default: the extraction model)' })
        .optional(),
    })
    .meta({ description: 'One equilibrium model per section' });
}

// ---------------------------------------------------------------------------------------------------------
// Equilibrium models

const distributionSchema = z
  .strictObject({
    kind: z.literal('distribution').meta({ description: 'Constant distribution ratios' }),
    D: speciesRecord(
      positive('a distribution ratio in (0, 1e12]'),
      'Distribution ratio C_org/C_aq of each species at low loading (dimensionless, > 0)',
    ),
    capacity: positive('a capacity in (0, 1e12]')
      .meta({
        description:
          'Loading capacity of the organic, amount per unit organic volume (competitive Langmuir); absent: linear isotherm',
      })
      .optional(),
  })
  .meta({ description: 'Constant distribution ratios D = C_org/C_aq, optionally with a loading capacity' });

const separationFactorsSchema = z
  .strictObject({
    kind: z.literal('separationFactors').meta({ description: 'Constant separation factors' }),
    beta: speciesRecord(
      positive('a relative extractability in (0, 1e12]'),
      'Relative extractability of each species (> 0); beta_i/beta_j is the separation factor of i over j',
    ),
    loading: z.number({ error: 'a loading > 0' }).gt(0, 'a loading > 0').meta({
      description:
        'Total loading of the saturated organic, amount per unit organic volume (P507: 0.18 mol/L)',
    }),
  })
  .meta({ description: "Xu's constant-separation-factor model: a saturated organic" });

const coefficient = (description: string) =>
  closed(-100, 100, 'a coefficient in [-100, 100]').meta({ description });
const protons = closed(0, 10, 'a number in [0, 10]').meta({
  description: 'H+ released (and extractant molecules bound) per metal ion extracted; 3 for a trivalent ion',
});

const phMetalSchema = z.union([
  z
    .strictObject({
      D: closed(0, BIG, 'a distribution ratio in [0, 1e12]').meta({
        description: 'Constant distribution ratio C_org/C_aq (>= 0; 0: stays in the aqueous)',
      }),
      protons,
    })
    .meta({ description: 'A metal with a constant distribution ratio' }),
  z
    .strictObject({
      m0: coefficient('Slope of log10 D in pH (m0 + m1 * dosage)'),
      m1: coefficient('Dosage term of the slope, per % v/v'),
      B0: coefficient('Intercept of log10 D'),
      B1: coefficient('Coefficient of log10(dosage % v/v)'),
      protons,
    })
    .meta({
      description:
        'PrOMMiS correlation: log10 D = (m0 + m1 dosage) pH + B0 + B1 log10(dosage), dosage in % v/v',
    }),
]);

const phDependentSchema = z
  .strictObject({
    kind: z.literal('phDependent').meta({ description: 'pH-dependent (PrOMMiS DEHPA)' }),
    metals: nameRecord(phMetalSchema, 'a species name', speciesName)
      .refine((r) => Object.keys(r).length <= MAX_SPECIES, atMostSpecies)
      .meta({
        description: 'Each extractable metal: a pH correlation or a constant D',
        maxProperties: MAX_SPECIES,
      }),
    proton: speciesName.meta({ description: 'Species name of H+ (aqueous only)' }),
    extractant: z
      .strictObject({
        species: speciesName.meta({
          description: 'Species name of the free extractant (organic only), e.g. DEHPA',
        }),
        molarMass: closed(1, 1e4, 'a molar mass in [1, 1e4] g/mol').meta({
          description: 'Molar mass of the extractant, g/mol (DEHPA 322.431)',
        }),
        density: closed(1, 1e5, 'a density in [1, 1e5] g/L').meta({
          description:
            'Reference density, g/L: dosage (% v/v) = 100 C_extractant (g/L) / density (PrOMMiS 975.8)',
        }),
      })
      .meta({ description: 'The extractant and what turns its concentration into a dosage' }),
    bisulfate: z
      .strictObject({
        hso4: speciesName.meta({ description: 'Species name of HSO4- (aqueous only)' }),
        so4: speciesName.meta({ description: 'Species name of SO4 2- (aqueous only)' }),
        pKa: closed(-10, 20, 'a pKa in [-10, 20]').meta({
          description: 'pKa2 of sulfuric acid, -log10 Ka with Ka in mol/L (PrOMMiS 1.99)',
        }),
      })
      .meta({ description: 'Bisulfate equilibrium HSO4- = H+ + SO4 2- in each stage (optional)' })
      .optional(),
  })
  .meta({
    description:
      "PrOMMiS's pH-dependent model of an acidic extractant (DEHPA): amounts in mol/h, volumes in L/h",
  });

/**
 * The file-only reference form of a separation-factor model: a built-in extractant system, the elements
 * and optional overrides, resolved by {@link separationFactorModel}`(system, elements, overrides)`.
 *
 * @example
 * ```ts
 * extractantReferenceSchema.parse({ system: 'P507', elements: ['Pr', 'Nd'] }).system; // 'P507'
 * extractantReferenceSchema.safeParse({ system: 'P507', elements: ['Nd'] }).success; // false
 * ```
 */
export const extractantReferenceSchema = z
  .strictObject({
    system: systemName.meta({ description: 'Built-in extractant system (or an alias, e.g. PC88A, D2EHPA)' }),
    elements: z
      .array(elementName)
      .min(2, 'at least two elements')
      .max(CHAIN_ELEMENTS.length, `at most ${CHAIN_ELEMENTS.length} elements`)
      .meta({ description: 'The species of the model, element symbols, any order, each once' }),
    overrides: z
      .strictObject({
        pairs: z
          .record(
            z
              .string()
              .regex(/^[A-Z][a-z]?\/[A-Z][a-z]?$/, "a pair written more/less extractable, e.g. 'Nd/Pr'"),
            z.number({ error: 'a separation factor > 0' }).gt(0, 'a separation factor > 0'),
          )
          .meta({ description: "Plant values of beta(more/less) for adjacent pairs, e.g. { 'Nd/Pr': 1.6 }" })
          .optional(),
        loading: z
          .number({ error: 'a loading > 0' })
          .gt(0, 'a loading > 0')
          .meta({ description: 'Organic loading, mol RE per litre of organic (default: the system’s)' })
          .optional(),
      })
      .meta({ description: 'Replacement separation factors and loading' })
      .optional(),
  })
  .meta({ description: "A built-in extractant's separation-factor model (Xu's saturated organic)" });

/**
 * Any equilibrium model {@link simulateCascade} accepts, as plain data (`kind`: `distribution`,
 * `separationFactors` or `phDependent`, the fields of the TS types), or the reference form
 * `{ system, elements, overrides? }` (see {@link extractantReferenceSchema}).
 *
 * @example
 * ```ts
 * equilibriumInputSchema.safeParse({ kind: 'distribution', D: { A: 2 } }).success; // true
 * equilibriumInputSchema.safeParse({ system: 'P507', elements: ['Pr', 'Nd'] }).success; // true
 * equilibriumInputSchema.safeParse({ kind: 'distribution', D: { A: -2 } }).success; // false
 * ```
 */
export const equilibriumInputSchema = z.union([
  z.discriminatedUnion('kind', [distributionSchema, separationFactorsSchema, phDependentSchema]),
  extractantReferenceSchema,
]);

/**
 * The separation-factor models a design request takes: `{ kind: 'separationFactors', beta, loading }` or the
 * reference form `{ system, elements, overrides? }`.
 *
 * @example
 * ```ts
 * separationFactorInputSchema.safeParse({ kind: 'separationFactors', beta: { A: 2, B: 1 }, loading: 0.18 })
 *   .success; // true
 * separationFactorInputSchema.safeParse({ kind: 'distribution', D: { A: 2 } }).success; // false
 * ```
 */
export const separationFactorInputSchema = z.union([separationFactorsSchema, extractantReferenceSchema]);

/** A parsed equilibrium input. */
export type EquilibriumInput = z.output<typeof equilibriumInputSchema>;
/** A parsed separation-factor input. */
export type SeparationFactorInput = z.output<typeof separationFactorInputSchema>;

// ---------------------------------------------------------------------------------------------------------
// Cascade

const stageCount = (lo: number, expected: string) => integer(lo, MAX_STAGES, expected);
const STAGES_IN_ALL = `at most ${MAX_STAGES} stages in all (extraction + scrub)`;

const cascadeShape = {
  stages: z
    .strictObject({
      extraction: stageCount(1, `an integer in [1, ${MAX_STAGES}]`).meta({
        description: 'Extraction stages (>= 1), stage 1 at the raffinate end',
      }),
      scrub: stageCount(0, `an integer in [0, ${MAX_STAGES}]`)
        .meta({ description: 'Scrub stages (default 0), above the extraction stages' })
        .optional(),
    })
    // The limit is on the total (the model's): each section alone may reach it only if the other is empty.
    // A section over the limit on its own is reported there only.
    .refine(
      (s) =>
        s.extraction > MAX_STAGES ||
        (s.scrub ?? 0) > MAX_STAGES ||
        s.extraction + (s.scrub ?? 0) <= MAX_STAGES,
      {
        message: STAGES_IN_ALL,
        params: { code: 'OUT_OF_RANGE', expected: STAGES_IN_ALL },
      },
    )
    .meta({ description: `Stages per section (at most ${MAX_STAGES} in all)` }),
  feed: z
    .strictObject({
      flows: amounts('Feed amounts per unit time by species (mol/h or any consistent unit)'),
      volume: volume('Feed volume flow per unit time (L/h or any consistent unit)'),
      stage: stageCount(1, `an integer in [1, ${MAX_STAGES}]`)
        .meta({ description: 'Stage the feed enters, from 1 (default: the last extraction stage)' })
        .optional(),
      phase: z
        .enum(['aqueous', 'organic'], { error: "'aqueous' or 'organic'" })
        .meta({ description: "Phase of the feed (default 'aqueous')" })
        .optional(),
    })
    .meta({ description: 'The feed' }),
  organic: z
    .strictObject({
      volume: volume('Organic volume flow entering stage 1, per unit time'),
      flows: amounts('Amounts the entering organic carries (default none: barren)').optional(),
    })
    .meta({ description: 'Organic entering stage 1' }),
  scrub: z
    .strictObject({
      volume: volume('Scrub aqueous volume flow entering the last stage, per unit time'),
      flows: amounts('Amounts the scrub carries from outside, per unit time').optional(),
      reflux: closed(0, BIG, 'an amount in [0, 1e12]')
        .meta({
          description:
            "Product reflux: total amount per unit time returned with the loaded organic's composition",
        })
        .optional(),
      acid: closed(0, BIG, 'mol H+ per unit time in [0, 1e12]')
        .meta({
          description:
            'Scrub acid, mol H+ per unit time (3 mol strip 1 mol RE in the last stage; separation-factor model)',
        })
        .optional(),
    })
    .meta({ description: 'Scrub aqueous entering the last stage (needed when there are scrub stages)' })
    .optional(),
  draws: z
    .array(
      z
        .strictObject({
          stage: stageCount(2, `an integer in [2, ${MAX_STAGES}]`).meta({
            description: 'Stage drawn from (1 = raffinate end), 2 to N - 1',
          }),
          phase: z
            .enum(['aqueous', 'organic'], { error: "'aqueous' or 'organic'" })
            .meta({ description: 'Phase drawn' }),
          fraction: z
            .number({ error: 'a fraction in (0, 1)' })
            .gt(0, 'a fraction in (0, 1)')
            .lt(1, 'a fraction in (0, 1)')
            .meta({ description: "Fraction of the phase's flow leaving the stage that is drawn" })
            .optional(),
          volume: volume('Volume flow drawn instead of a fraction').optional(),
        })
        .meta({ description: 'A side draw (one of fraction or volume)' }),
    )
    .max(MAX_DRAWS, `at most ${MAX_DRAWS} side draws`)
    .readonly()
    .meta({ description: `Side draws: a three-outlet cascade's middle product (at most ${MAX_DRAWS})` })
    .optional(),
  strip: z
    .strictObject({
      stages: stageCount(1, `an integer in [1, ${MAX_STAGES}]`).meta({ description: 'Strip stages (>= 1)' }),
      acid: z
        .strictObject({
          amount: positive('mol H+ per unit time in (0, 1e12]').meta({
            description: 'Strip acid, mol H+ per unit time (3 strip 1 mol RE)',
          }),
          volume: volume('Strip acid volume flow per unit time'),
        })
        .meta({ description: 'Strip acid entering the last strip stage' }),
      distribution: z
        .union([
          positive('a distribution ratio in (0, 1e12]'),
          speciesRecord(
            positive('a distribution ratio in (0, 1e12]'),
            'Strip distribution ratio per species',
          ),
        ])
        .meta({
          description:
            'Distribution ratio (organic/aqueous) in the strip stages, one for all or per species (default 0.05, assumed; not for the pH-dependent model)',
        })
        .optional(),
    })
    .meta({
      description:
        'Strip section: the loaded organic stripped by acid, the stripped organic returned to stage 1 (amounts in mol)',
    })
    .optional(),
  efficiency: z
    .strictObject({
      murphree: z
        .number({ error: 'a fraction in (0, 1]' })
        .gt(0, 'a fraction in (0, 1]')
        .max(1, 'a fraction in (0, 1]')
        .meta({ description: 'Murphree stage efficiency, fraction in (0, 1]' }),
      phase: z
        .enum(['organic', 'aqueous'], { error: "'organic' or 'aqueous'" })
        .meta({ description: 'Phase the Murphree efficiency is defined on' }),
    })
    .meta({ description: 'Stage efficiency (default 1: equilibrium stages)' })
    .optional(),
  entrainment: z
    .strictObject({
      aqueousInOrganic: closed(0, 0.5, 'a fraction in [0, 0.5]')
        .meta({ description: "Fraction of each stage's aqueous outflow carried up with its organic" })
        .optional(),
      organicInAqueous: closed(0, 0.5, 'a fraction in [0, 0.5]')
        .meta({ description: "Fraction of each stage's organic outflow carried down with its aqueous" })
        .optional(),
    })
    .meta({ description: 'Entrainment fractions of amounts (default 0)' })
    .optional(),
  solver: z
    .strictObject({
      tolerance: closed(1e-15, 1e-3, 'a number in [1e-15, 1e-3]')
        .meta({ description: 'Largest stage-equation residual, relative (default 1e-12)' })
        .optional(),
      maxIterations: integer(1, MAX_ITERATIONS, `an integer in [1, ${MAX_ITERATIONS}]`)
        .meta({ description: `Newton iteration limit per solve (default 200, at most ${MAX_ITERATIONS})` })
        .optional(),
      onNonConvergence: z
        .enum(['throw', 'flag'], { error: "'throw' or 'flag'" })
        .meta({ description: "'throw' (default) fails the run; 'flag' returns converged: false" })
        .optional(),
    })
    .meta({ description: 'Solver settings' })
    .optional(),
  flowUnits: z
    .enum(['mol/h', 'kmol/h'], { error: "'mol/h' (volumes in L/h) or 'kmol/h' (volumes in m³/h)" })
    .optional()
    .meta({
      description: "Units of the amounts and volumes, for reports: 'mol/h' with L/h, 'kmol/h' with m³/h",
    }),
};

/**
 * A counter-current cascade to simulate ({@link CascadeSpec}), with equilibrium models as plain data or by
 * reference. Amounts per unit time and volume flows in any consistent units (mol/h and L/h with the
 * separation-factor and pH-dependent models).
 *
 * @example
 * ```ts
 * const input = cascadeInputSchema.parse({
 *   stages: { extraction: 1 },
 *   feed: { flows: { A: 1 }, volume: 1 },
 *   organic: { volume: 1 },
 *   equilibrium: { kind: 'distribution', D: { A: 1 } },
 * });
 * simulateCascade(resolveCascadeInput(input)).loadedOrganic.flows.A; // 0.5
 * cascadeInputSchema.safeParse({ ...input, stages: { extraction: 0 } }).success; // false
 * ```
 */
export const cascadeInputSchema = z
  .strictObject({
    ...cascadeShape,
    equilibrium: z
      .union([...equilibriumInputSchema.options, perSection(equilibriumInputSchema)])
      .meta({ description: 'One equilibrium model for every stage, or { extraction, scrub? }' }),
  })
  .meta({ description: 'A counter-current solvent-extraction cascade (simulateCascade)' });

/** A parsed cascade input. */
export type CascadeInput = z.output<typeof cascadeInputSchema>;

// ---------------------------------------------------------------------------------------------------------
// Design, train, dynamics

const purity = (description: string) =>
  z
    .number({ error: 'a purity in (0.5, 1)' })
    .gt(0.5, 'a purity in (0.5, 1)')
    .lt(1, 'a purity in (0.5, 1)')
    .meta({ description });

/** The strip section a design or a train sizes with each cut (see {@link DesignRequest}'s `strip`). */
export const stripDesignSchema = z
  .strictObject({
    residualLoading: z
      .number({ error: 'a share in (0, 0.5]' })
      .gt(0, 'a share in (0, 0.5]')
      .max(0.5, 'a share in (0, 0.5]')
      .meta({
        description:
          "Largest share of the loaded organic's rare earths left in the stripped organic (default from the raffinate target)",
      })
      .optional(),
    distribution: z
      .union([
        positive('a distribution ratio in (0, 1e6]', 1e6),
        speciesRecord(
          positive('a distribution ratio in (0, 1e6]', 1e6),
          'Strip distribution ratio per species',
        ),
      ])
      .meta({ description: 'Strip distribution ratio(s), organic/aqueous (default 0.05, assumed)' })
      .optional(),
    acidConcentration: positive('mol/L in (0, 20]', 20)
      .meta({ description: 'Strip acid concentration, mol H+ per litre (default 5)' })
      .optional(),
    acidExcess: closed(0, 10, 'a fraction in [0, 10]')
      .meta({ description: 'Acid beyond 3 mol H+ per mol RE, fraction (default 0.1)' })
      .optional(),
    maxStages: integer(1, 1000, 'an integer in [1, 1000]')
      .meta({ description: 'Most strip stages (default 100)' })
      .optional(),
  })
  .meta({ description: 'A strip section designed with the cut (acid, stages for a residual loading)' })
  .optional();

/**
 * A design request ({@link DesignRequest}) for {@link designCascade}; separation-factor models as plain data
 * or by reference.
 *
 * @example
 * ```ts
 * const input = designInputSchema.parse({
 *   feed: { Pr: 0.25, Nd: 0.75 },
 *   equilibrium: { system: 'P507', elements: ['Pr', 'Nd'] },
 *   purity: { organic: 0.99, aqueous: 0.99 },
 * });
 * designCascade(resolveDesignInput(input)).keys.A; // 'Nd'
 * ```
 */
export const designInputSchema = z
  .strictObject({
    feed: amounts('Feed amounts per unit time by species (mol/h), two or more with a positive amount'),
    equilibrium: z
      .union([...separationFactorInputSchema.options, perSection(separationFactorInputSchema)])
      .meta({ description: "Xu's separation-factor model, one for both sections or { extraction, scrub? }" }),
    purity: z
      .strictObject({
        organic: purity('Target purity of the A side in the organic product, in (0.5, 1)'),
        aqueous: purity('Target purity of the B side in the raffinate, in (0.5, 1)'),
      })
      .meta({ description: 'Purity targets' }),
    keys: z
      .strictObject({
        A: speciesName.meta({ description: 'More extractable key (to the organic product)' }),
        B: speciesName.meta({ description: 'Less extractable key (to the raffinate)' }),
      })
      .meta({ description: 'Key pair, adjacent in extractability; required for more than two species' })
      .optional(),
    purityBasis: z
      .enum(['group', 'keys'], { error: "'group' or 'keys'" })
      .meta({ description: "'group' (default): whole sides; 'keys': A/(A + B) and B/(A + B)" })
      .optional(),
    control: z
      .enum(['auto', 'extraction', 'scrub'], { error: "'auto', 'extraction' or 'scrub'" })
      .meta({ description: "Section whose optimum sets the flows (default 'auto')" })
      .optional(),
    k: z
      .number({ error: 'a number in (0, 1)' })
      .gt(0, 'a number in (0, 1)')
      .lt(1, 'a number in (0, 1)')
      .meta({ description: "Reflux rule W = 1/(beta'^k - 1), k in (0, 1)" })
      .optional(),
    scrubLoad: positive('a scrub load > 0', Number.MAX_VALUE)
      .meta({ description: 'Forced scrub reflux W, mol per mol feed (excludes control and k)' })
      .optional(),
    feedVolume: volume('Feed volume flow (default: the total feed amount, i.e. 1 mol/L)').optional(),
    scrubVolume: volume('Scrub volume flow (default W times the feed volume)').optional(),
    loading: z
      .number({ error: 'a loading > 0' })
      .gt(0, 'a loading > 0')
      .meta({ description: "Organic loading, amount per volume (default: the model's)" })
      .optional(),
    maxStages: z
      .strictObject({
        extraction: integer(1, 5000, 'an integer in [1, 5000]')
          .meta({ description: 'Largest extraction stage count searched (default 2000)' })
          .optional(),
        scrub: integer(1, 5000, 'an integer in [1, 5000]')
          .meta({ description: 'Largest scrub stage count searched (default 2000)' })
          .optional(),
      })
      .meta({ description: 'Search limits per section' })
      .optional(),
    maxSimulations: integer(1, 5000, 'an integer in [1, 5000]')
      .meta({ description: 'Most simulations the stage search may run (default 200, at most 5000)' })
      .optional(),
    strip: stripDesignSchema,
    residenceTime: positive('a time in (0, 1e6]', 1e6)
      .meta({
        description:
          'Organic residence time per stage in the time unit of the flows (default 25/60: 25 min with flows per hour), for the solvent inventory',
      })
      .optional(),
    flowUnits: z
      .enum(['mol/h', 'kmol/h'], { error: "'mol/h' (volumes in L/h) or 'kmol/h' (volumes in m³/h)" })
      .optional()
      .meta({
        description: "Units of the amounts and volumes, for reports: 'mol/h' with L/h, 'kmol/h' with m³/h",
      }),
  })
  .meta({ description: 'Design of an extraction-scrub cascade for one cut (designCascade)' });

/** A parsed design input. */
export type DesignInput = z.output<typeof designInputSchema>;

/**
 * A separation-train request ({@link SeparationTrainRequest}) for {@link designSeparationTrain}: feed in
 * mol/h per element, extractant system, products, purity.
 *
 * @example
 * ```ts
 * const input = trainInputSchema.parse({ feed: { La: 30, Ce: 50, Nd: 20 }, purity: 0.99 });
 * designSeparationTrain(resolveTrainInput(input)).cascades.length; // 2
 * trainInputSchema.safeParse({ feed: { La: 1, Xx: 1 } }).success; // false
 * ```
 */
export const trainInputSchema = z
  .strictObject({
    feed: z
      .record(elementName, closed(0, BIG, 'an amount in [0, 1e12] mol/h'))
      .meta({ description: 'Feed, mol/h of each rare earth' }),
    system: systemName.meta({ description: "Extractant system (default 'P507')" }).optional(),
    overrides: extractantReferenceSchema.shape.overrides,
    products: z
      .array(
        z.union([
          elementName.meta({ description: 'A single-element product' }),
          z
            .strictObject({
              name: z.string().min(1, 'a name').max(100, 'a name of at most 100 characters').meta({
                description: 'Name of the product group',
              }),
              elements: z
                .array(elementName)
                .min(1, 'at least one element')
                .max(CHAIN_ELEMENTS.length, `at most ${CHAIN_ELEMENTS.length} elements`)
                .meta({ description: 'Elements of the group, adjacent in extractability' }),
              purity: z
                .number({ error: 'a purity in (0, 1)' })
                .gt(0, 'a purity in (0, 1)')
                .lt(1, 'a purity in (0, 1)')
                .meta({ description: "The product's own smallest purity, e.g. 0.4 for a Eu concentrate" })
                .optional(),
            })
            .meta({ description: 'A group product, e.g. { name: SEG, elements: [Sm, Eu, Gd] }' }),
        ]),
      )
      .max(CHAIN_ELEMENTS.length, `at most ${CHAIN_ELEMENTS.length} products`)
      .meta({ description: 'Products (default: every feed element on its own)' })
      .optional(),
    purity: purity('Smallest purity of each single-element product, in (0.5, 1) (default 0.999)').optional(),
    unit: z
      .enum(['mol/h', 'kmol/h', 'mol/s', 'kmol/s', 't REO/yr'], {
        error: "'mol/h', 'kmol/h', 'mol/s', 'kmol/s' or 't REO/yr'",
      })
      .optional()
      .meta({
        description: "Unit of the feed amounts (default mol/h; 't REO/yr': each element as its oxide)",
      }),
    concentration: positive('a concentration in (0, 10] mol/L', 10)
      .meta({ description: 'Feed concentration, mol RE per litre (default 1, at most 10)' })
      .optional(),
    residenceTime: positive('a time in (0, 1000] hours', 1000)
      .meta({ description: 'Organic residence time per stage, hours (default 25/60), for the inventory' })
      .optional(),
    strip: stripDesignSchema,
    threeOutlet: z
      .enum(['auto', 'never'], { error: "'auto' or 'never'" })
      .meta({
        description:
          "Three-outlet cascades where they save solvent ('auto', default) or two-outlet cuts only ('never')",
      })
      .optional(),
    maxSimulations: integer(1, 50_000, 'an integer in [1, 50000]')
      .meta({ description: 'Most simulations for the whole train (default 5000)' })
      .optional(),
  })
  .meta({ description: 'A separation train: the cascades that split a mixed feed (designSeparationTrain)' });

/** A parsed train input. */
export type TrainInput = z.output<typeof trainInputSchema>;

const holdup = (tank: string) =>
  z
    .union([
      z
        .strictObject({
          aqueous: volume(`Aqueous hold-up volume of every ${tank}, in the flows' volume unit`),
          organic: volume(`Organic hold-up volume of every ${tank}, in the flows' volume unit`),
        })
        .meta({ description: 'Hold-up volumes' }),
      z
        .strictObject({
          residenceTime: positive('a time in (0, 1e12]').meta({
            description: `Residence time of each phase in the ${tank}, in the flows' time unit`,
          }),
        })
        .meta({ description: 'Hold-ups from a residence time at the operating point' }),
    ])
    .meta({ description: `${tank} hold-up: { aqueous, organic } volumes or { residenceTime }` });

/** Most of one species a pre-loaded cascade may hold at time 0 (as `simulateCascadeDynamics`). */
const MAX_INVENTORY = 1e15;

/** A purity of an outlet's spec: a fraction of the outlet's amount in (0, 1]. */
const specPurity = () =>
  z.number({ error: 'a purity in (0, 1]' }).gt(0, 'a purity in (0, 1]').max(1, 'a purity in (0, 1]');

const exactlyOneSpecies = {
  message: 'exactly one species',
  params: { code: 'INVALID_TYPE', expected: 'a purity, or { species: purity } naming exactly one species' },
};

/**
 * One outlet's purity target (`PurityTarget` of simulateCascadeDynamics): a purity, or
 * `{ species: purity }` naming one species.
 */
function purityTarget(outlet: string) {
  return z
    .union([
      specPurity().meta({
        description: `Purity of the ${outlet}'s main component (its largest share at the steady state), a fraction in (0, 1]`,
      }),
      nameRecord(specPurity(), 'a species name', speciesName)
        .refine((r) => Object.keys(r).length === 1, exactlyOneSpecies)
        .meta({
          description: `{ species: purity } naming the one species whose purity the ${outlet} must have, e.g. { Nd: 0.999 }`,
          minProperties: 1,
          maxProperties: 1,
        }),
    ])
    .meta({ description: `Purity spec of the ${outlet}: a fraction in (0, 1], or { species: fraction }` });
}

/** The start-up policies (`CascadeStartup` of simulateCascadeDynamics). */
const startupSchema = z
  .union([
    z.enum(['empty', 'feed', 'preloaded'], {
      error:
        "'empty', 'feed', 'preloaded', { kind: 'totalReflux', duration } or { kind: 'preloaded', inventory? }",
    }),
    z
      .strictObject({
        kind: z.literal('totalReflux').meta({ description: 'Start at total reflux' }),
        duration: positive('a time > 0', Number.MAX_VALUE).meta({
          description: "Time at total reflux before normal operation, in the flows' time unit",
        }),
      })
      .meta({ description: 'Filled with feed, run at total reflux first' }),
    z
      .strictObject({
        kind: z.literal('preloaded').meta({ description: 'Start with every tank at the steady profile' }),
        inventory: speciesRecord(
          closed(0, MAX_INVENTORY, `an amount in [0, ${MAX_INVENTORY}]`),
          "Amount of each named species the whole cascade holds at time 0 (every mixer and settler tank), in the flows' amount unit (an amount, not per unit time; at most 1e15): the steady profile is scaled to it, species not named keep their steady hold-up",
        ).optional(),
      })
      .meta({ description: 'Every tank holding its steady content, optionally scaled to a given inventory' }),
  ])
  .meta({
    description:
      "Start-up: 'empty' (default), 'feed' (feed-phase hold-ups full of feed), 'preloaded' (every tank at the steady profile), { kind: 'totalReflux', duration } or { kind: 'preloaded', inventory }",
  });

/** The outlets' purity specs (`OutletSpecs` of simulateCascadeDynamics). */
const outletSpecsSchema = z
  .strictObject({
    product: purityTarget('net organic product').optional(),
    raffinate: purityTarget('raffinate').optional(),
    draws: z
      .array(purityTarget('side draw'))
      .max(MAX_DRAWS, `at most ${MAX_DRAWS} side draws`)
      .meta({
        description: `One purity spec per side draw, in the order of the spec's draws (may be shorter; at most ${MAX_DRAWS})`,
      })
      .optional(),
  })
  .meta({
    description:
      'Purity specs of the outlets, for outlets.*.timeToSpec: the time from which an outlet meets its spec at every later sample (none by default)',
  });

/**
 * A cascade dynamics run for {@link simulateCascadeDynamics}: `{ spec, options }` (see
 * {@link CascadeDynamicsScenario}), the spec as in {@link cascadeInputSchema}. Times in the time unit of
 * the volume flows (hours with L/h).
 *
 * @example
 * ```ts
 * const input = dynamicsInputSchema.parse({
 *   spec: {
 *     stages: { extraction: 1 },
 *     feed: { flows: { A: 1 }, volume: 1 },
 *     organic: { volume: 1 },
 *     equilibrium: { kind: 'distribution', D: { A: 1 } },
 *   },
 *   options: { holdup: { mixer: { residenceTime: 0.05 }, settler: { residenceTime: 0.5 } }, duration: 20 },
 * });
 * const { spec, options } = resolveDynamicsInput(input);
 * simulateCascadeDynamics(spec, options).reachedSteadyState; // true
 * ```
 */
export const dynamicsInputSchema = z
  .strictObject({
    spec: cascadeInputSchema,
    options: z
      .strictObject({
        holdup: z
          .strictObject({ mixer: holdup('mixer'), settler: holdup('settler') })
          .meta({ description: 'Mixer and settler hold-ups, the same for every stage' }),
        duration: positive('a time in (0, 1e12]').meta({ description: 'Simulated time' }),
        sampleEvery: positive('a time > 0', Number.MAX_VALUE)
          .meta({
            description: 'Sampling interval of the outlets (default duration/100; at most 1e6 samples)',
          })
          .optional(),
        dt: positive('a time step > 0', Number.MAX_VALUE)
          .meta({ description: 'Largest time step (default a tenth of the smallest residence time)' })
          .optional(),
        startup: startupSchema.optional(),
        events: z
          .array(
            z
              .strictObject({
                time: closed(0, BIG, 'a time in [0, 1e12]').meta({
                  description: 'Time of the step change, within [0, duration], events in order',
                }),
                feed: amounts('New feed amounts per unit time (species of the spec; absent: 0)').optional(),
                organicVolume: volume('New organic volume flow').optional(),
                scrubVolume: volume('New scrub volume flow').optional(),
                reflux: closed(0, BIG, 'an amount in [0, 1e12]')
                  .meta({ description: 'New product reflux, total amount per unit time' })
                  .optional(),
              })
              .meta({ description: 'A step change: each given field replaces the current value' }),
          )
          .max(MAX_EVENTS, `at most ${MAX_EVENTS} events`)
          .meta({ description: `Step changes in order of time (at most ${MAX_EVENTS})` })
          .optional(),
        tolerance: z
          .number({ error: 'a number in (0, 1)' })
          .gt(0, 'a number in (0, 1)')
          .lt(1, 'a number in (0, 1)')
          .meta({
            description:
              "Flow band of timeToFlowBand, relative to each outlet's steady total: the run is inside it when every species flow of every outlet (raffinate, net product, side draws) is within tolerance × that outlet's steady total of its steady value (default 1e-4). A band on flows, not on purity: spec gives the time to purity",
          })
          .optional(),
        spec: outletSpecsSchema.optional(),
        impurityWithin: z
          .number({ error: 'a fraction in (0, 1]' })
          .gt(0, 'a fraction in (0, 1]')
          .max(1, 'a fraction in (0, 1]')
          .meta({
            description:
              "Band of outlets.*.timeToSteadyImpurity: an outlet's impurity (1 − the purity of its watched species) within (1 ± impurityWithin) × its steady impurity; a fraction in (0, 1] (default 0.1)",
          })
          .optional(),
      })
      .meta({ description: 'Dynamics options' }),
  })
  .meta({ description: 'Start-up and step changes of a mixer-settler cascade (simulateCascadeDynamics)' });

/** A parsed dynamics input. */
export type DynamicsInput = z.output<typeof dynamicsInputSchema>;

// ---------------------------------------------------------------------------------------------------------
// Resolvers

/** `separationFactorModel(reference)`, its error paths moved under `at` (the reference's place in the file). */
function referenced(at: string, r: z.output<typeof extractantReferenceSchema>): SeparationFactorModel {
  try {
    return separationFactorModel(r.system, r.elements, r.overrides);
  } catch (e) {
    if (!(e instanceof ReesimError)) throw e;
    const move = (i: Issue): Issue => ({ ...i, path: i.path.replace(/^separationFactorModel/, at) });
    const [first = e, ...rest] = e.issues;
    throw new ReesimError(move(first), rest.map(move));
  }
}

/**
 * The equilibrium model an equilibrium input stands for: a reference `{ system, elements, overrides? }`
 * becomes {@link separationFactorModel}`(system, elements, overrides)`; a model passes through unchanged.
 *
 * @param input a parsed {@link equilibriumInputSchema} value
 * @param at the input's path in its file, prefixed to error paths (default `'equilibrium'`)
 * @throws ReesimError when the extractant tables reject the reference (an element twice, an element the
 *   system's table lacks, an unknown pair), with the path under `at`
 * @example
 * ```ts
 * const m = resolveEquilibriumInput({ system: 'P507', elements: ['Pr', 'Nd'] });
 * m.kind; // 'separationFactors'
 * m.beta.Nd / m.beta.Pr; // 1.5
 * resolveEquilibriumInput({ kind: 'distribution', D: { A: 2 } }).kind; // 'distribution'
 * ```
 */
export function resolveEquilibriumInput(input: SeparationFactorInput, at?: string): SeparationFactorModel;
export function resolveEquilibriumInput(input: EquilibriumInput, at?: string): EquilibriumModel;
export function resolveEquilibriumInput(input: EquilibriumInput, at = 'equilibrium'): EquilibriumModel {
  return 'system' in input ? referenced(at, input) : input;
}

/** A model or `{ extraction, scrub? }` with references resolved (no `scrub` key added when absent). */
function resolveSections<I extends EquilibriumInput, M extends EquilibriumModel>(
  value: I | { extraction: I; scrub?: I | undefined },
  at: string,
  resolve: (input: I, at: string) => M,
): M | { extraction: M; scrub?: M } {
  if (!('extraction' in value)) return resolve(value, at);
  const extraction = resolve(value.extraction, `${at}.extraction`);
  return value.scrub === undefined
    ? { extraction }
    : { extraction, scrub: resolve(value.scrub, `${at}.scrub`) };
}

/**
 * The {@link CascadeSpec} a parsed cascade input stands for: equilibrium references resolved, every other
 * field unchanged (the model function fills defaults and validates the whole spec).
 *
 * @param input a parsed {@link cascadeInputSchema} value
 * @param at the input's path in its file, prefixed to error paths (default `'input'`)
 * @throws ReesimError for a reference the extractant tables reject (path e.g. `input.equilibrium.elements[1]`)
 * @example
 * ```ts
 * const spec = resolveCascadeInput({
 *   stages: { extraction: 2 },
 *   feed: { flows: { Pr: 0.5, Nd: 0.5 }, volume: 1 },
 *   organic: { volume: 5 },
 *   equilibrium: { system: 'P507', elements: ['Pr', 'Nd'] },
 * });
 * JSON.stringify(spec.equilibrium) === JSON.stringify(separationFactorModel('P507', ['Pr', 'Nd'])); // true
 * ```
 */
export function resolveCascadeInput(input: CascadeInput, at = 'input'): CascadeSpec {
  return {
    ...input,
    equilibrium: resolveSections<EquilibriumInput, EquilibriumModel>(
      input.equilibrium,
      `${at}.equilibrium`,
      resolveEquilibriumInput,
    ),
  };
}

/**
 * The {@link DesignRequest} a parsed design input stands for: separation-factor references resolved,
 * everything else unchanged.
 *
 * @param input a parsed {@link designInputSchema} value
 * @param at the input's path in its file, prefixed to error paths (default `'input'`)
 * @throws ReesimError for a reference the extractant tables reject
 * @example
 * ```ts
 * const request = resolveDesignInput({
 *   feed: { Pr: 0.25, Nd: 0.75 },
 *   equilibrium: { extraction: { system: 'P507', elements: ['Pr', 'Nd'] } },
 *   purity: { organic: 0.99, aqueous: 0.99 },
 * });
 * const expected = { extraction: separationFactorModel('P507', ['Pr', 'Nd']) };
 * JSON.stringify(request.equilibrium) === JSON.stringify(expected); // true
 * ```
 */
export function resolveDesignInput(input: DesignInput, at = 'input'): DesignRequest {
  return {
    ...input,
    equilibrium: resolveSections<SeparationFactorInput, SeparationFactorModel>(
      input.equilibrium,
      `${at}.equilibrium`,
      resolveEquilibriumInput,
    ),
  };
}

/**
 * The {@link SeparationTrainRequest} a parsed train input stands for: the input itself (a train names its
 * extractant system directly; {@link designSeparationTrain} fills the defaults).
 *
 * @param input a parsed {@link trainInputSchema} value
 * @example
 * ```ts
 * resolveTrainInput({ feed: { La: 30, Ce: 50 }, system: 'PC88A' }).system; // 'PC88A'
 * ```
 */
export function resolveTrainInput(input: TrainInput): SeparationTrainRequest {
  return input;
}

/**
 * The `{ spec, options }` ({@link CascadeDynamicsScenario}) a parsed dynamics input stands for: the spec
 * resolved as by {@link resolveCascadeInput}, the options unchanged.
 *
 * @param input a parsed {@link dynamicsInputSchema} value
 * @param at the input's path in its file, prefixed to error paths (default `'input'`)
 * @throws ReesimError for a reference the extractant tables reject (path under `${at}.spec`)
 * @example
 * ```ts
 * const run = resolveDynamicsInput({
 *   spec: {
 *     stages: { extraction: 1 },
 *     feed: { flows: { Pr: 1, Nd: 1 }, volume: 1 },
 *     organic: { volume: 1 },
 *     equilibrium: { system: 'P507', elements: ['Nd', 'Pr'] },
 *   },
 *   options: { holdup: { mixer: { residenceTime: 0.05 }, settler: { residenceTime: 0.5 } }, duration: 1 },
 * });
 * run.options.duration; // 1
 * 'beta' in run.spec.equilibrium ? run.spec.equilibrium.beta.Nd : 0; // 1.5
 * ```
 */
export function resolveDynamicsInput(input: DynamicsInput, at = 'input'): CascadeDynamicsScenario {
  return { spec: resolveCascadeInput(input.spec, `${at}.spec`), options: input.options };
}
