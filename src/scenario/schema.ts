/**
 * The scenario file: one question, as data. `kind` names what to run (a built-in model, a Monte Carlo
 * study or a sweep) and `input` is what that model takes, with two file-only conveniences resolved on
 * loading: extractant references in equilibrium models and layered supply-chain scenarios.
 *
 * ```yaml
 * kind: design
 * title: Pr/Nd line with P507
 * input:
 *   feed: { Pr: 0.8, Nd: 2.2 }
 *   equilibrium: { system: P507, elements: [Pr, Nd] }
 *   purity: { organic: 0.999, aqueous: 0.999 }
 * ```
 */
import { z } from 'zod';
import type { ModelName } from '../study/models.js';
import { flowsheetInputSchema } from './flowsheetSchema.js';
import type { ScenarioKind } from './kinds.js';
import { parallelLinesInputSchema } from './parallelLinesSchema.js';
import { monteCarloSchema, studyOptionsSchema, sweepSchema } from './studySchemas.js';
import { supplyInputSchema } from './supplySchema.js';
import { cascadeInputSchema, designInputSchema, dynamicsInputSchema, trainInputSchema } from './sxSchemas.js';

/** Version of the scenario file format (the optional `reesim` key). */
export const SCENARIO_FORMAT_VERSION = 1;

/** Each model's input schema (also the `base` of a study of that model). */
export const modelInputSchemas = {
  cascade: cascadeInputSchema,
  design: designInputSchema,
  train: trainInputSchema,
  flowsheet: flowsheetInputSchema,
  'cascade-dynamics': dynamicsInputSchema,
  'supply-chain': supplyInputSchema,
  'parallel-lines': parallelLinesInputSchema,
} as const satisfies Record<ModelName, z.ZodType>;

const DESCRIPTIONS: Record<ScenarioKind, string> = {
  cascade: 'Steady state of a solvent-extraction cascade (simulateCascade)',
  design: "Design of a cascade from purity targets by Xu's theory, verified stage by stage (designCascade)",
  train: 'Design of a whole separation train, one cascade per cut (designSeparationTrain)',
  flowsheet: 'A plant: unit operations wired by named streams (simulateFlowsheet)',
  'cascade-dynamics': 'Start-up or step response of a cascade (simulateCascadeDynamics)',
  'supply-chain':
    'Month-by-month supply chain: countries, mines, refineries, trade and policy (simulateSupplyChain)',
  'parallel-lines':
    "Ways of raising a two-element SX line's output by k at fixed purity, each line costed (parallelLines)",
  'monte-carlo': 'Monte Carlo study of any model: uncertain inputs drawn, outputs summarised (monteCarlo)',
  sweep: 'Sweep of any model over a grid or list of input values (sweep)',
};

function file<K extends ScenarioKind, I extends z.ZodType>(kind: K, input: I) {
  return z.strictObject({
    $schema: z.string().optional().meta({ description: 'JSON Schema for editors (ignored by reesim)' }),
    reesim: z.literal(SCENARIO_FORMAT_VERSION).optional().meta({ description: 'Scenario format version' }),
    kind: z.literal(kind).meta({ description: DESCRIPTIONS[kind] }),
    title: z.string().min(1).max(200).optional().meta({ description: 'Title of the report' }),
    description: z
      .string()
      .max(20_000)
      .optional()
      .meta({ description: 'What question this scenario answers' }),
    input,
  });
}

function study<K extends 'monte-carlo' | 'sweep', I extends z.ZodType>(kind: K, input: I) {
  // A sweep draws no random numbers: its file takes no seed (a supply-chain base has its own in options).
  const options = kind === 'sweep' ? studyOptionsSchema.omit({ seed: true }) : studyOptionsSchema;
  return file(kind, input).extend({ options: options.optional() });
}

/** The schema of a scenario file, one option per kind. */
export const scenarioFileSchema = z
  .discriminatedUnion('kind', [
    file('cascade', cascadeInputSchema),
    file('design', designInputSchema),
    file('train', trainInputSchema),
    file('flowsheet', flowsheetInputSchema),
    file('cascade-dynamics', dynamicsInputSchema),
    file('supply-chain', supplyInputSchema),
    file('parallel-lines', parallelLinesInputSchema),
    study('monte-carlo', monteCarloSchema(modelInputSchemas)),
    study('sweep', sweepSchema(modelInputSchemas)),
  ])
  .meta({ title: 'reesim scenario', description: 'One reesim question: what to run (kind) and its input' });

/** A scenario file as parsed (before references are resolved). */
export type ScenarioFile = z.output<typeof scenarioFileSchema>;

/**
 * The JSON Schema (draft 2020-12) of scenario files, for editor completion and checks
 * (`# yaml-language-server: $schema=...` in YAML, `"$schema"` in JSON). `reesim schema` prints it.
 *
 * @example
 * ```ts
 * const schema = scenarioJsonSchema();
 * schema.title; // 'reesim scenario'
 * ```
 */
export function scenarioJsonSchema(): Record<string, unknown> {
  return z.toJSONSchema(scenarioFileSchema, {
    target: 'draft-2020-12',
    unrepresentable: 'any',
    reused: 'ref',
  }) as Record<string, unknown>;
}
