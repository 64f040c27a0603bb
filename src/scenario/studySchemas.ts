/**
 * Schemas of the two studies a scenario file can hold: a Monte Carlo study and a sweep of any built-in
 * model, whose `base` is that model's own input (checked by the model's schema).
 */
import { z } from 'zod';
import type { ModelName } from '../study/models.js';
import { MAX_COLUMNS, MAX_RUNS } from '../study/monteCarlo.js';
import { MAX_POINTS } from '../study/sweep.js';

const path = z
  .string()
  .min(1)
  .max(500)
  .meta({ description: 'A path into the scenario or result: dots, [i] or element ids' });
const finite = z.number();

/** A probability distribution of one uncertain input (see `Distribution`). */
export const distributionSchema = z
  .union([
    z.strictObject({ kind: z.literal('uniform'), min: finite, max: finite }),
    z.strictObject({
      kind: z.literal('normal'),
      mean: finite,
      sd: finite.min(0),
    }),
    z.strictObject({ kind: z.literal('lognormal'), mu: finite, sigma: finite.min(0) }),
    z.strictObject({ kind: z.literal('lognormal'), median: finite.positive(), gsd: finite.min(1) }),
    z.strictObject({ kind: z.literal('triangular'), min: finite, mode: finite, max: finite }),
    z.strictObject({
      kind: z.literal('pert'),
      min: finite,
      mode: finite,
      max: finite,
      lambda: finite.positive().optional(),
    }),
    z
      .strictObject({
        kind: z.enum(['uniform', 'normal', 'lognormal', 'triangular', 'pert']),
        relative: finite.positive().lt(10),
      })
      .meta({
        description:
          'Relative to the base value: ±relative (uniform, triangular, PERT with its mode there), sd = relative × base (normal), gsd = 1 + relative (lognormal, median there)',
      }),
    z.strictObject({
      kind: z.literal('discrete'),
      values: z.array(finite).min(1).max(1_000_000),
      weights: z.array(finite.min(0)).max(1_000_000).optional(),
    }),
  ])
  .meta({
    description:
      'Distribution: uniform, normal (optionally truncated), lognormal, triangular, pert or discrete; or { kind, relative } around the base value',
  });

const outputs = z.array(path).min(1).max(MAX_COLUMNS).meta({
  description: 'Result paths to record, e.g. organicProduct.purity.Nd or years.2030.separatedShare.CN',
});

/** Base-scenario schemas by model, from which the study schemas are built. */
export type ModelSchemas = Readonly<Record<ModelName, z.ZodType>>;

/**
 * The Monte Carlo study of a file: `{ model, base, runs, parameters, outputs, thresholds? }`, with `base`
 * checked by the schema of its model.
 */
export function monteCarloSchema(models: ModelSchemas) {
  const byModel = (Object.keys(models) as ModelName[]).map((model) =>
    z.strictObject({
      model: z.literal(model),
      base: models[model],
      runs: z.int().min(1).max(MAX_RUNS).meta({ description: 'Number of runs' }),
      parameters: z
        .array(z.strictObject({ path, distribution: distributionSchema }))
        .min(1)
        .max(MAX_COLUMNS)
        .meta({ description: 'Uncertain inputs: a path into base and its distribution' }),
      outputs,
      thresholds: z
        .record(z.string(), z.strictObject({ min: finite.optional(), max: finite.optional() }))
        .optional()
        .meta({ description: 'Per output: the band whose probability is reported' }),
    }),
  );
  return z.discriminatedUnion('model', byModel as [(typeof byModel)[number], ...(typeof byModel)[number][]]);
}

/**
 * The sweep of a file: `{ model, base, axes, combine?, outputs }` (`grid`: every combination; `list`:
 * k-th value with k-th value), with `base` checked by the schema of its model.
 */
export function sweepSchema(models: ModelSchemas) {
  const byModel = (Object.keys(models) as ModelName[]).map((model) =>
    z.strictObject({
      model: z.literal(model),
      base: models[model],
      axes: z
        .array(z.strictObject({ path, values: z.array(finite).min(1).max(MAX_POINTS) }))
        .min(1)
        .max(MAX_COLUMNS)
        .meta({ description: 'Swept inputs: a path into base and the values it takes' }),
      combine: z
        .enum(['grid', 'list'])
        .optional()
        .meta({ description: 'grid (default): every combination; list: k-th values together' }),
      outputs,
    }),
  );
  return z.discriminatedUnion('model', byModel as [(typeof byModel)[number], ...(typeof byModel)[number][]]);
}

/** Study run options a file may fix: the seed and the batch size (they reproduce a study exactly). */
export const studyOptionsSchema = z
  .strictObject({
    seed: z.string().min(1).max(200).optional().meta({ description: 'Master seed (default "reesim")' }),
    batchSize: z.int().min(1).max(MAX_RUNS).optional().meta({ description: 'Runs per batch (default 25)' }),
  })
  .meta({ description: 'Seed and batch size: with the study they fix every number, on any thread count' });
