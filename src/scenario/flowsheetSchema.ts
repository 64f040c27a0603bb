/**
 * The schema of a flowsheet in a scenario file (kind `flowsheet`): a {@link FlowsheetSpec} whose blocks are
 * a union on `unit` over the built-in unit operations, each with the strict schema of its parameters. Also
 * the pieces other scenario schemas share: streams, provenance records and user deposits.
 *
 * The schemas check types, enums, finiteness and the documented range of each number; the wiring (stream
 * names that must exist, one producer per stream) and anything that needs several fields at once stay with
 * {@link simulateFlowsheet}, which checks them again.
 */
import { z } from 'zod';
import { PRECIPITATE_COMPOUNDS } from '../chemistry/compounds.js';
import { RARE_EARTHS } from '../chemistry/elements.js';
import { SPECIES, SPECIES_COUNT, type Species } from '../chemistry/species.js';
import { fail } from '../core/errors.js';
import { DEPOSIT_IDS, DEPOSIT_TYPES } from '../data/deposits.js';
import { type SourceKey, sources } from '../data/provenance.js';
import { builtinUnits } from '../flowsheet/registry.js';
import type { FlowsheetSpec } from '../flowsheet/spec.js';
import { type Compound, MAX_FLOW, STREAM_FORMS } from '../stream/stream.js';
import { extractants } from '../sx/equilibrium/extractants.js';

// ---------------------------------------------------------------------------------------------------------
// Building blocks

/**
 * A finite number in [min, max] with a description (zod 4 numbers reject NaN and ±Infinity).
 *
 * @example
 * ```ts
 * numberIn(0, 10, 'NaOH excess, fraction').safeParse(12).success; // false
 * ```
 */
export function numberIn(min: number, max: number, description: string) {
  return z.number().min(min).max(max).meta({ description });
}

/**
 * A finite number >= 0 with a description.
 *
 * @example
 * ```ts
 * nonNegative('t REO per year').safeParse(Number.POSITIVE_INFINITY).success; // false
 * ```
 */
export function nonNegative(description: string) {
  return z.number().min(0).meta({ description });
}

/**
 * A finite number > 0 with a description.
 *
 * @example
 * ```ts
 * positive('mol/L').safeParse(0).success; // false
 * ```
 */
export function positive(description: string) {
  return z.number().positive().meta({ description });
}

/**
 * A fraction in [0, 1] with a description.
 *
 * @example
 * ```ts
 * fraction('recovery').safeParse(0.97).success; // true
 * ```
 */
export function fraction(description: string) {
  return numberIn(0, 1, description);
}

/**
 * An integer >= min with a description.
 *
 * @example
 * ```ts
 * integerFrom(1, 'months').safeParse(2.5).success; // false
 * ```
 */
export function integerFrom(min: number, description: string) {
  return z.number().int().min(min).meta({ description });
}

/**
 * A read-only list of at most `max` items; longer lists fail with `at most <max> <what>`. (`readOnly` is
 * dropped from the JSON Schema: the list is read-only to the model, not to the file's author.)
 *
 * @example
 * ```ts
 * const r = listOf(fraction('share'), 2, 'shares', 'Shares.').safeParse([0.1, 0.2, 0.3]);
 * r.error?.issues[0]?.message; // 'at most 2 shares'
 * ```
 */
export function listOf<T extends z.ZodType>(item: T, max: number, what: string, description: string) {
  return z
    .array(item)
    .max(max, `at most ${max.toLocaleString('en-US')} ${what}`)
    .readonly()
    .meta({ description, readOnly: undefined });
}

/**
 * A union whose option is picked by `pick` before parsing, so that a bad input reports the issues of the
 * option it was meant to be, with their paths (a plain union reports only that no option matched). The
 * JSON Schema is the plain union (`anyOf`).
 *
 * @param pick the index in `options` of the option `value` is meant to be
 * @example
 * ```ts
 * const shares = listOf(fraction('share'), 3, 'shares', 'Shares.');
 * const s = unionBy((v) => (Array.isArray(v) ? 1 : 0), [fraction('One share.'), shares]);
 * s.safeParse([0.5, 2]).error?.issues[0]?.path; // [1]
 * ```
 */
export function unionBy<const T extends readonly [z.ZodType, z.ZodType, ...z.ZodType[]]>(
  pick: (value: unknown) => number,
  options: T,
) {
  const union = z.union(options);
  return z.preprocess<unknown, typeof union, z.input<typeof union>>((value, ctx) => {
    const result = (options[pick(value)] as z.ZodType).safeParse(value);
    if (!result.success) for (const issue of result.error.issues) ctx.addIssue(issue as never);
    return value;
  }, union);
}

/**
 * A string from a fixed list, failing with `{ code: 'UNKNOWN_KEY', expected }`. A refinement rather than
 * `z.enum`: its issue does not abort, so a union whose other options fail on their shape reports this
 * option's problem alone (zod returns the one option that did not abort), and as a record's key it leaves
 * the record open (a `z.enum` key makes every value required). The list reaches the JSON Schema as `enum`.
 *
 * @param expected what the issue says was expected, e.g. `'one of P507, PC88A'`
 * @example
 * ```ts
 * const system = listed(['P507', 'P204'], 'one of P507, P204');
 * system.safeParse('P204').success; // true
 * system.safeParse('TBP').error?.issues[0]?.message; // 'one of P507, P204'
 * ```
 */
export function listed(values: readonly string[], expected: string) {
  const allowed = new Set(values);
  return z
    .string({ error: expected })
    .refine((v) => allowed.has(v), { message: expected, params: { code: 'UNKNOWN_KEY', expected } })
    .meta({ enum: [...values] });
}

/** The names every JavaScript object inherits (`toString`, `__proto__`, ...) and `prototype`, sorted. */
const INHERITED = [...Object.getOwnPropertyNames(Object.prototype), 'prototype'].sort();

/** True for a name that, as a key of a plain object, would reach the object's prototype. */
const inherited = (v: string): boolean => v in Object.prototype || v === 'prototype';

/**
 * A name the models use as a key of a plain object (a species, element, stream, block, facility, country
 * or reagent): any non-empty string except the names every JavaScript object inherits (`toString`,
 * `valueOf`, `hasOwnProperty`, `constructor`, `__proto__`, ...: anything `name in Object.prototype`) and
 * `prototype`. Such a name would read or overwrite the inherited member instead of the data (a species
 * `toString` reads a function where an amount is expected). The issue names the key and carries
 * `{ code: 'UNKNOWN_KEY', expected }`; the JSON Schema gets a `pattern` that excludes the names.
 *
 * @param what what the name is, for the issue: `'a species name'`
 * @param description the JSON Schema description
 * @example
 * ```ts
 * safeName('a species name').safeParse('Nd').success; // true
 * safeName('a species name').safeParse('').success; // false
 * safeName('a species name').safeParse('toString').error?.issues[0]?.message; // "a species name other than 'toString' (a built-in name of every JavaScript object)"
 * ```
 */
export function safeName(what: string, description?: string) {
  return z
    .string({ error: what })
    .min(1, what)
    .superRefine((v, ctx) => {
      if (!inherited(v)) return;
      const expected = `${what} other than '${v}' (a built-in name of every JavaScript object)`;
      ctx.addIssue({ code: 'custom', message: expected, params: { code: 'UNKNOWN_KEY', expected } });
    })
    .meta({
      pattern: `^(?!(?:${INHERITED.join('|')})$)`,
      ...(description === undefined ? {} : { description }),
    });
}

/**
 * A record keyed by names (`safeName`): species amounts, feeds by stream name, countries by code ...
 * A key that every JavaScript object inherits (`toString`, `valueOf`, ...) fails with the key in the
 * issue's path and `{ code: 'UNKNOWN_KEY', expected }` naming it. An own `__proto__` key (JSON.parse makes
 * one), which `z.record` would drop without a word, fails the same way (alone: the record is not parsed).
 *
 * @param value the schema of each value
 * @param what what a key is, for the issue: `'a stream name'`
 * @param key the schema of the keys when they are narrower than names (e.g. element symbols)
 * @example
 * ```ts
 * const flows = nameRecord(numberIn(0, 1e12, 'amount'), 'a species name');
 * flows.safeParse({ Nd: 1 }).success; // true
 * flows.safeParse({ valueOf: 1 }).error?.issues[0]?.path; // ['valueOf']
 * flows.safeParse(JSON.parse('{ "__proto__": 1 }')).error?.issues[0]?.path; // ['__proto__']
 * ```
 */
export function nameRecord<V extends z.ZodType, K extends z.ZodType<string> = ReturnType<typeof safeName>>(
  value: V,
  what: string,
  key?: K,
) {
  const record = z.record((key ?? safeName(what)) as K, value);
  const expected = `${what} other than '__proto__' (a built-in name of every JavaScript object)`;
  return z.preprocess<unknown, typeof record, z.input<typeof record>>((v, ctx) => {
    if (typeof v === 'object' && v !== null && Object.hasOwn(v, '__proto__')) {
      const params = { code: 'UNKNOWN_KEY', expected };
      ctx.addIssue({ code: 'custom', path: ['__proto__'], message: expected, input: v, params });
    }
    return v;
  }, record);
}

const name = (description: string) => z.string().min(1).meta({ description });

/** Where a number came from, as in src/data/provenance.ts (`source` is a key of `sources`; `USER` for yours). */
export const provenanceSchema = z
  .strictObject({
    source: z
      .enum(Object.keys(sources) as SourceKey[])
      .meta({ description: "Key of reesim's bibliography (`sources`); `USER` for your own data." }),
    basis: z
      .enum(['primary', 'secondary', 'recalled', 'derived', 'assumed'])
      .meta({ description: 'How the number was obtained.' }),
    confidence: z.enum(['high', 'medium', 'low', 'assumed']).meta({ description: 'How far to trust it.' }),
    note: z.string().optional().meta({ description: 'What the number means or how it was chosen.' }),
  })
  .meta({ description: 'Source and confidence of a value.' });

/** A value with its provenance (`Sourced<T>`). */
function sourced<T extends z.ZodType>(value: T, description: string) {
  return provenanceSchema.extend({ value }).meta({ description });
}

const COMPOUNDS = [
  'mineral',
  'chloride',
  'sulfate',
  'hydroxide',
  'oxalate',
  'carbonate',
  'oxide',
  'fluoride',
  'metal',
] as const satisfies readonly Compound[];

const AMOUNTS_EXPECTED = `exactly ${SPECIES_COUNT} amounts, one per species in the order ${SPECIES.join(', ')}`;

/** A material stream: form, kg/h per species (element basis, SPECIES order), compound and free reagents. */
export const streamSchema = z
  .strictObject({
    form: z.enum(STREAM_FORMS).meta({ description: 'Physical form of the material.' }),
    amounts: z
      .array(numberIn(0, MAX_FLOW, 'kg/h'))
      // A refinement rather than `.length()`: zod's length issue reads "at most 24 items" for 25 amounts,
      // while the rule is one amount per species. `when` runs it even when an amount is bad.
      .refine((a) => a.length === SPECIES_COUNT, {
        message: AMOUNTS_EXPECTED,
        params: { code: 'OUT_OF_RANGE', expected: AMOUNTS_EXPECTED },
        when: (payload) => Array.isArray(payload.value),
      })
      .readonly()
      .meta({
        description: `kg/h per species on the element (metal) basis, in this order: ${SPECIES.join(', ')}.`,
        minItems: SPECIES_COUNT,
        maxItems: SPECIES_COUNT,
        readOnly: undefined,
      }),
    compound: z.enum(COMPOUNDS).optional().meta({ description: 'Compound the rare earths are held in.' }),
    reagents: nameRecord(numberIn(0, MAX_FLOW, 'kg/h'), 'a reagent name')
      .optional()
      .meta({ description: 'Unreacted reagents carried along, kg/h by reagent name.' }),
  })
  .meta({ description: 'A material stream (kg/h, element basis).' });

// ---------------------------------------------------------------------------------------------------------
// Unit parameters (src/units/*.ts)

const species = z.enum(SPECIES);
const solidSpecies = z.enum(SPECIES.filter((s): s is Exclude<Species, 'H2O'> => s !== 'H2O'));
const speciesFractions = (description: string) =>
  z
    .union([fraction('One fraction for every species.'), z.partialRecord(species, fraction('fraction'))])
    .meta({ description });
const energyPerTonne = (what: string) => numberIn(0, 1e5, `Energy, kWh per ${what}.`);
const excess = (reagent: string) => numberIn(0, 10, `${reagent} above stoichiometric, fraction in [0, 10].`);

/** Parameters every leach accepts but `liquidToSolid` (the ammonium sulfate leach has `liquidToOre`). */
const leachShape = {
  dissolution: speciesFractions(
    'Fraction of each species dissolved, overriding the defaults: one fraction or a record such as { Nd: 0.97, Th: 0 } (water follows residueMoisture).',
  ).optional(),
  residueMoisture: numberIn(0, 0.95, 'Water in the wet residue, mass fraction of the wet cake.').optional(),
  energyPerTonne: energyPerTonne('dry tonne of feed (electrical and heat)').optional(),
};

const depositSchema = z
  .strictObject({
    id: name('Deposit id.'),
    name: name('Deposit name.'),
    country: name('Country.'),
    type: z.enum(DEPOSIT_TYPES).meta({ description: 'Geological type.' }),
    hostMinerals: listOf(name('mineral'), 100, 'minerals', 'Rare-earth-bearing minerals, e.g. bastnaesite.'),
    distribution: sourced(
      z.partialRecord(z.enum(RARE_EARTHS), nonNegative('% of TREO')),
      '% of TREO per rare earth (oxide basis), as published.',
    ),
    grade: sourced(fraction('TREO mass fraction'), 'Ore grade: TREO mass fraction of dry ore.'),
    thorium: sourced(fraction('ThO2 mass fraction'), 'ThO2 mass fraction of dry ore.').optional(),
    uranium: sourced(fraction('U3O8 mass fraction'), 'U3O8 mass fraction of dry ore.').optional(),
    assay: z
      .partialRecord(
        z.enum(['Fe', 'Ca', 'Al']),
        sourced(fraction('mass fraction'), 'Mass fraction of dry ore.'),
      )
      .optional()
      .meta({ description: 'Fe2O3, CaO, Al2O3 mass fractions of dry ore.' }),
    proxy: z.boolean().meta({ description: 'True when the data are borrowed from another deposit.' }),
    note: name('Notes on the data.'),
  })
  .meta({ description: 'A user deposit (all fractions of dry ore, oxide basis).' });

const mineParams = z.strictObject({
  deposit: z
    .union([z.enum(DEPOSIT_IDS), depositSchema])
    .meta({ description: 'A built-in deposit id or a user deposit.' }),
  oreRate: z
    .number()
    .positive()
    .max(1e6)
    .meta({ description: 'Run-of-mine ore delivered, dry t/h, in (0, 1e6].' }),
  dilution: fraction('Fraction of waste rock in the delivered dry ore. Default 0.').optional(),
  gradeVariability: z
    .strictObject({
      cv: numberIn(0, 10, 'Coefficient of variation of the head grade.'),
      seed: z.string().meta({ description: 'Seed string of the lognormal draw.' }),
      period: integerFrom(0, 'Period (shift, day, ...) index. Default 0.').optional(),
    })
    .optional()
    .meta({ description: 'Seeded head-grade variability (lognormal factor, mean 1).' }),
  moisture: numberIn(0, 0.9, 'Mass fraction of water in the wet ore. Default 0.05.').optional(),
  energyPerTonne: energyPerTonne('dry tonne (mining and haulage); default 5').optional(),
});

const beneficiationParams = z.strictObject({
  method: z.enum(['flotation', 'magnetic', 'gravity']).meta({ description: 'Physical separation method.' }),
  recovery: fraction('Recovery of every rare earth to the concentrate.'),
  elementRecovery: z
    .partialRecord(species, fraction('fraction'))
    .optional()
    .meta({ description: 'Recoveries of individual species that differ, e.g. { Ce: 0.6, Fe: 0.05 }.' }),
  concentrateGrade: fraction(
    'Target concentrate grade, TREO mass fraction of the dry concentrate.',
  ).optional(),
  gangueRecovery: fraction('Recovery of Fe, Al, Ca and gangue when no grade is targeted.').optional(),
  energyPerTonne: energyPerTonne("dry tonne of feed; default: the method's preset").optional(),
  reagentDose: nameRecord(numberIn(0, 1e4, 'kg/t'), 'a reagent name')
    .optional()
    .meta({ description: 'Reagent doses, kg per dry tonne of feed, by reagent name.' }),
});

const liquidToSolid = numberIn(0, 1000, 'Process water, kg per kg of dry feed (oxide basis).').optional();

const sulfuricAcidBakeParams = z.strictObject({
  ...leachShape,
  liquidToSolid,
  temperature: z.enum(['low', 'high']).meta({ description: 'Bake temperature.' }),
  excess: excess('H2SO4').optional(),
});

const causticDigestionParams = z.strictObject({
  ...leachShape,
  liquidToSolid,
  excess: excess('NaOH').optional(),
  acidExcess: excess('HCl (pH 3-4 dissolution)').optional(),
  gangueToPhosphate: fraction('Fraction of the gangue leaving as trisodium phosphate solution.').optional(),
});

const hclLeachParams = z.strictObject({
  ...leachShape,
  liquidToSolid,
  mode: z
    .enum(['dissolve', 'gangue'])
    .meta({ description: 'Dissolve the rare earths, or remove carbonate gangue from a concentrate.' }),
  oxidisingRoast: z
    .boolean()
    .optional()
    .meta({ description: 'Dissolve mode: roasted in air first (Ce and Th stay in the residue).' }),
  excess: excess('HCl').optional(),
});

const ammoniumSulfateLeachParams = z.strictObject({
  ...leachShape,
  exchangeableFraction: fraction("Ion-exchangeable share of the ore's rare earths.").optional(),
  leachEfficiency: fraction('Share of the exchangeable rare earths recovered.').optional(),
  aluminiumCoLeach: fraction("Fraction of the ore's Al leached.").optional(),
  solutionConcentration: numberIn(0, 0.5, '(NH4)2SO4 mass fraction of the lixiviant.').optional(),
  liquidToOre: numberIn(0, 1000, 'Lixiviant, kg solution per kg dry ore.').optional(),
});

const precipitationParams = z.strictObject({
  reagent: z.enum(['oxalate', 'carbonate']).meta({ description: 'Oxalic acid or ammonium bicarbonate.' }),
  efficiency: fraction("Fraction of every rare earth precipitated. Default: the reagent's.").optional(),
  elementEfficiency: z
    .partialRecord(solidSpecies, fraction('fraction'))
    .optional()
    .meta({ description: 'Fractions precipitated of individual species (not H2O).' }),
  excess: excess('Reagent').optional(),
  cakeWater: numberIn(0, 10, 'Cake moisture, kg water per kg dry cake.').optional(),
  energyPerTonne: energyPerTonne('dry tonne of cake').optional(),
});

const calcinationParams = z.strictObject({
  temperature: numberIn(700, 1200, 'Kiln temperature, °C.').optional(),
  compound: z
    .enum(PRECIPITATE_COMPOUNDS)
    .optional()
    .meta({ description: 'Compound of the feed, when the stream does not carry one.' }),
  energyPerTonne: energyPerTonne('tonne of oxide').optional(),
});

const toMetal = speciesFractions(
  'Fraction of any species of the feed that reports to the metal, overriding the defaults.',
).optional();

const electrolysisParams = z.strictObject({
  currentEfficiency: numberIn(0.01, 1, 'Current efficiency. Default 0.75.').optional(),
  cellCurrent: numberIn(1, 1e6, 'Current of one cell, A. Default 6000.').optional(),
  cellVoltage: z
    .number()
    .positive()
    .max(100)
    .meta({ description: 'Cell voltage, V. Default 10.' })
    .optional(),
  cells: z
    .number()
    .int()
    .min(1)
    .max(1e6)
    .meta({ description: 'Installed cells. Absent: as many as the feed needs.' })
    .optional(),
  metalYield: fraction('Fraction of each depositing rare earth reaching the metal. Default 0.97.').optional(),
  coFraction: fraction('Mole fraction of CO in the anode gas. Default 0.5.').optional(),
  hoursPerMonth: numberIn(0, 744, 'Operating hours per month, h. Default 730.').optional(),
  toMetal,
});

const calciothermicParams = z.strictObject({
  caExcess: numberIn(
    0,
    10,
    'Ca above the stoichiometric 1.5 mol per mol RE, fraction. Default 0.15.',
  ).optional(),
  residualCa: numberIn(0, 0.5, 'Ca mass fraction of the metal after remelting. Default 0.001.').optional(),
  metalYield: fraction('Fraction of each reducible rare earth reaching the metal. Default 0.97.').optional(),
  tolerance: fraction(
    "Largest share of the feed's TRE each of Sm, Eu, Tm, Yb may have. Default 0.01.",
  ).optional(),
  energyPerKg: numberIn(0, 1000, 'Energy, kWh per kg of metal. Default 6.').optional(),
  toMetal,
});

const lanthanothermicParams = z.strictObject({
  laExcess: numberIn(0, 10, 'La above stoichiometric, fraction. Default 0.2.').optional(),
  distillationYield: fraction('Fraction of the Sm, Eu, Tm and Yb distilled. Default 0.9.').optional(),
  tolerance: fraction(
    "Smallest share of the feed's TRE that Sm + Eu + Tm + Yb must have. Default 0.01.",
  ).optional(),
  energyPerKg: numberIn(0, 1000, 'Energy, kWh per kg of metal. Default 10.').optional(),
  toMetal,
});

const vacuumRefiningParams = z.strictObject({
  method: z.enum(['distillation', 'sublimation']).meta({ description: 'Refining method.' }),
  yield: fraction('Fraction of the principal metal recovered to the product.').optional(),
  removal: z
    .partialRecord(solidSpecies, fraction('fraction'))
    .optional()
    .meta({ description: 'Removal factors of species other than the principal metal, e.g. { Fe: 0.95 }.' }),
  energyPerKg: numberIn(0, 100, 'Furnace energy, kWh per kg of feed metal.').optional(),
});

const gradingParams = z.strictObject({
  element: z.enum(RARE_EARTHS).meta({ description: 'Element whose purity is graded.' }),
  target: fraction('Required purity (0.999 = 3N).'),
  basis: z.enum(['relative', 'absolute']).optional().meta({ description: 'Purity basis. Default relative.' }),
});

const splitterParams = z.strictObject({
  fraction: fraction('Fraction of every species sent to outlet `first`.'),
});

const SYSTEMS = Object.keys(extractants) as [keyof typeof extractants, ...(keyof typeof extractants)[]];
const purityTarget = (side: string) =>
  z
    .number()
    .gt(0.5)
    .lt(1)
    .meta({ description: `Group purity of the ${side}, in (0.5, 1).` });

const solventExtractionParams = z.strictObject({
  keys: z
    .strictObject({
      A: safeName('a species name', 'More extractable key (to the strip liquor), e.g. Nd.'),
      B: safeName('a species name', 'Less extractable key (to the raffinate), e.g. Pr.'),
    })
    .meta({ description: 'The key pair of the cut.' }),
  purity: z
    .strictObject({
      organic: purityTarget('A side in the strip liquor'),
      aqueous: purityTarget('B side in the raffinate'),
    })
    .meta({ description: 'Group purity targets.' }),
  system: z
    .union([z.enum(SYSTEMS), z.string().min(1)])
    .optional()
    .meta({ description: `Extractant system or an alias (${SYSTEMS.join(', ')}). Default P507.` }),
  overrides: z
    .strictObject({
      pairs: nameRecord(positive('β'), "a pair 'more/less'").optional().meta({
        description: "Separation factors of adjacent pairs, keyed 'more/less', e.g. { 'Nd/Pr': 1.6 }.",
      }),
      loading: positive('Organic loading, mol RE per litre of organic.').optional(),
    })
    .optional()
    .meta({ description: 'Separation-factor and loading overrides.' }),
  concentration: positive('Rare-earth concentration of the feed liquor, mol/L. Default 1.').optional(),
  stripConcentration: positive('Rare-earth concentration of the strip liquor, mol/L. Default 1.').optional(),
  residenceTime: positive('Organic residence time per stage, hours. Default 25/60.').optional(),
});

/**
 * The parameter schema of each built-in unit kind (the strict schema of its params type in src/units).
 *
 * @example
 * ```ts
 * unitParamsSchemas.splitter.safeParse({ fraction: 0.4 }).success; // true
 * unitParamsSchemas.splitter.safeParse({ fraction: 1.4 }).success; // false
 * ```
 */
export const unitParamsSchemas = {
  mine: mineParams,
  beneficiation: beneficiationParams,
  'sulfuric-acid-bake': sulfuricAcidBakeParams,
  'caustic-digestion': causticDigestionParams,
  'hcl-leach': hclLeachParams,
  'ammonium-sulfate-leach': ammoniumSulfateLeachParams,
  precipitation: precipitationParams,
  calcination: calcinationParams,
  electrolysis: electrolysisParams,
  'calciothermic-reduction': calciothermicParams,
  'lanthanothermic-reduction': lanthanothermicParams,
  'vacuum-refining': vacuumRefiningParams,
  grading: gradingParams,
  splitter: splitterParams,
  'solvent-extraction': solventExtractionParams,
} as const;

/** A built-in unit kind. */
export type BuiltinUnitKind = keyof typeof unitParamsSchemas;

// ---------------------------------------------------------------------------------------------------------
// Blocks and the flowsheet

const MAX_BLOCKS = 1000;
const MAX_STREAM_LIST = 10_000;
const streamName = safeName('a stream name', 'Stream name.');

/** Every port of the unit kind, by its registry definition (the same lists simulateFlowsheet checks). */
function ports(kind: BuiltinUnitKind) {
  const def =
    builtinUnits[kind] ?? fail('UNKNOWN_KEY', 'unitParamsSchemas', kind, 'a kind of the unit registry');
  const mixed = z
    .array(streamName)
    .min(1, 'at least one stream')
    .max(1000, 'at most 1,000 streams')
    .readonly()
    .meta({ description: 'Streams mixed at the port.', readOnly: undefined });
  const inlet = unionBy((v) => (Array.isArray(v) ? 1 : 0), [streamName, mixed]).meta({
    description: 'A stream name, or a list of names mixed at the port (the first sets the form).',
  });
  const outlet = streamName.optional();
  return {
    inlets: z
      .strictObject(Object.fromEntries(def.inlets.map((p) => [p, inlet])) as Record<string, typeof inlet>)
      .meta({ description: `Inlet port -> stream name(s): ${def.inlets.join(', ')}.` }),
    outlets: z
      .strictObject(Object.fromEntries(def.outlets.map((p) => [p, outlet])) as Record<string, typeof outlet>)
      .optional()
      .meta({
        description: `Outlet port -> stream name (default <block id>.<port>): ${def.outlets.join(', ')}.`,
      }),
  };
}

const blockId = safeName('a block id', 'Unique block name, e.g. rougher.');

/**
 * A block of a unit with inlets. `params` is `unitParamsSchemas[kind]`, made optional exactly when the unit
 * has no required parameter (the flowsheet then passes `{}`); checked here, passed in so its type is exact.
 */
function block<K extends BuiltinUnitKind, P extends z.ZodType>(kind: K, params: P) {
  const own: z.ZodType = unitParamsSchemas[kind];
  const optional = own.safeParse({}).success;
  const given = params instanceof z.ZodOptional ? params.unwrap() : params;
  if (given !== own || params instanceof z.ZodOptional !== optional)
    fail('INVALID_TYPE', `blocks.${kind}.params`, kind, `${optional ? 'optional' : 'required'} params`);
  const { inlets, outlets } = ports(kind);
  return z
    .strictObject({
      id: blockId,
      unit: z.literal(kind),
      params,
      inlets,
      outlets,
    })
    .meta({ description: `A ${kind} block.` });
}

/** A block of a source unit (no inlets; it takes everything from its params). */
function sourceBlock<K extends BuiltinUnitKind, P extends (typeof unitParamsSchemas)[K]>(kind: K, params: P) {
  const { outlets } = ports(kind);
  return z
    .strictObject({
      id: blockId,
      unit: z.literal(kind),
      params,
      inlets: z.strictObject({}).optional().meta({ description: 'None: a source unit.' }),
      outlets,
    })
    .meta({ description: `A ${kind} block (a source: no inlets).` });
}

const blockSchema = z.discriminatedUnion('unit', [
  sourceBlock('mine', unitParamsSchemas.mine),
  block('beneficiation', unitParamsSchemas.beneficiation),
  block('sulfuric-acid-bake', unitParamsSchemas['sulfuric-acid-bake']),
  block('caustic-digestion', unitParamsSchemas['caustic-digestion'].optional()),
  block('hcl-leach', unitParamsSchemas['hcl-leach']),
  block('ammonium-sulfate-leach', unitParamsSchemas['ammonium-sulfate-leach'].optional()),
  block('precipitation', unitParamsSchemas.precipitation),
  block('calcination', unitParamsSchemas.calcination.optional()),
  block('electrolysis', unitParamsSchemas.electrolysis.optional()),
  block('calciothermic-reduction', unitParamsSchemas['calciothermic-reduction'].optional()),
  block('lanthanothermic-reduction', unitParamsSchemas['lanthanothermic-reduction'].optional()),
  block('vacuum-refining', unitParamsSchemas['vacuum-refining']),
  block('grading', unitParamsSchemas.grading),
  block('splitter', unitParamsSchemas.splitter),
  block('solvent-extraction', unitParamsSchemas['solvent-extraction']),
]);

const streamList = (description: string) => listOf(streamName, MAX_STREAM_LIST, 'stream names', description);

/**
 * The schema of a flowsheet scenario's input: a {@link FlowsheetSpec} with built-in units only. Blocks are a
 * union on `unit` (each unit's parameters strict, its ports named); at most 1,000 blocks. Feeds are streams
 * in kg/h on the element basis.
 *
 * @example
 * ```ts
 * const input = flowsheetInputSchema.parse({
 *   feeds: { liquor: makeStream('solution', { Nd: 10, H2O: 100 }) },
 *   blocks: [{ id: 'bleed', unit: 'splitter', params: { fraction: 0.1 }, inlets: { feed: 'liquor' } }],
 * });
 * input.blocks[0]?.unit; // 'splitter'
 * flowsheetInputSchema.safeParse({ blocks: [{ id: 'x', unit: 'crusher' }] }).success; // false
 * ```
 */
export const flowsheetInputSchema = z
  .strictObject({
    name: z.string().optional().meta({ description: 'Plant name.' }),
    feeds: nameRecord(streamSchema, 'a stream name')
      .optional()
      .meta({ description: 'External feeds by stream name (kg/h, element basis).' }),
    blocks: z
      .array(blockSchema)
      .min(1, 'at least one block')
      .max(MAX_BLOCKS, `at most ${MAX_BLOCKS.toLocaleString('en-US')} blocks`)
      .readonly()
      .meta({ description: 'Unit operations wired by stream names.', readOnly: undefined }),
    products: streamList('Product streams: recoveries and purities are reported for them.').optional(),
    residues: streamList('Waste or residue streams: Th and U reporting to them is totalled.').optional(),
    tears: streamList('Tear streams of recycles (chosen automatically when absent).').optional(),
    solver: z
      .strictObject({
        method: z
          .enum(['wegstein', 'direct'])
          .optional()
          .meta({ description: 'Recycle convergence: wegstein (default) or direct substitution.' }),
        tolerance: numberIn(
          1e-15,
          1,
          'Relative change of every tear flow at convergence. Default 1e-12.',
        ).optional(),
        maxIterations: integerFrom(1, 'Iteration limit per recycle loop. Default 500.').optional(),
        onNonConvergence: z
          .enum(['throw', 'flag'])
          .optional()
          .meta({ description: 'throw (default) NOT_CONVERGED, or flag it in the result.' }),
      })
      .optional()
      .meta({ description: 'How recycles are converged.' }),
  })
  .meta({ description: 'A plant: built-in unit operations wired by named streams.' });

/** A flowsheet scenario's input as parsed by {@link flowsheetInputSchema}. */
export type FlowsheetInput = z.output<typeof flowsheetInputSchema>;

/**
 * The {@link FlowsheetSpec} of a parsed flowsheet input (the input itself: nothing to resolve). Run it with
 * {@link simulateFlowsheet}, which checks the wiring.
 *
 * @param input the output of `flowsheetInputSchema.parse`
 * @example
 * ```ts
 * const spec = resolveFlowsheetInput(
 *   flowsheetInputSchema.parse({
 *     feeds: { liquor: makeStream('solution', { Nd: 10, H2O: 100 }) },
 *     blocks: [
 *       { id: 'bleed', unit: 'splitter', params: { fraction: 0.1 }, inlets: { feed: 'liquor' },
 *         outlets: { first: 'bleed', second: 'kept' } },
 *     ],
 *   }),
 * );
 * amount(simulateFlowsheet(spec).streams.bleed, 'Nd'); // 1 kg/h
 * ```
 */
export function resolveFlowsheetInput(input: FlowsheetInput): FlowsheetSpec {
  // The parsed outlets type is `{ [port]: string | undefined }` (every port optional); parsed data never
  // holds an undefined value, so it is the spec's `Record<string, string>`.
  return input as FlowsheetSpec;
}
