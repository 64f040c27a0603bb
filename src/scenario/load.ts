/**
 * Loading a scenario: text -> plain data -> checked against the schema (every problem, with its path)
 * -> references resolved into the exact input of the model -> the checks the models offer without
 * running. What comes out runs as it is (`runScenario`).
 */
import { type Issue, ReesimError } from '../core/errors.js';
import type { FlowsheetSpec } from '../flowsheet/spec.js';
import type { CascadeDynamicsScenario, ModelName, SupplyChainRun } from '../study/models.js';
import { checkMonteCarloStudy, type MonteCarloStudy } from '../study/monteCarlo.js';
import { checkSweepStudy, gridPoints, listPoints, type SweepStudy } from '../study/sweep.js';
import type { CascadeSpec } from '../sx/cascadeSpec.js';
import { normaliseCascade } from '../sx/cascadeSpec.js';
import type { DesignRequest } from '../sx/designCascade.js';
import type { SeparationTrainRequest } from '../sx/separationTrain.js';
import { resolveFlowsheetInput } from './flowsheetSchema.js';
import { parseScenarioText, type ScenarioFormat } from './parse.js';
import { type ScenarioFile, scenarioFileSchema } from './schema.js';
import { resolveSupplyInput } from './supplySchema.js';
import {
  resolveCascadeInput,
  resolveDesignInput,
  resolveDynamicsInput,
  resolveTrainInput,
} from './sxSchemas.js';
import { fromZodIssues } from './zodIssues.js';

/** What every scenario may say about itself: the report's title and the question it answers. */
export interface ScenarioHeader {
  readonly title?: string;
  readonly description?: string;
}

/** Study options a file fixes (the CLI's `--seed` overrides the seed). */
export interface ScenarioStudyOptions {
  readonly seed?: string;
  readonly batchSize?: number;
}

/** A loaded scenario: its kind and the exact input of the model (or study) it runs. */
export type Scenario = ScenarioHeader &
  (
    | { readonly kind: 'cascade'; readonly input: CascadeSpec }
    | { readonly kind: 'design'; readonly input: DesignRequest }
    | { readonly kind: 'train'; readonly input: SeparationTrainRequest }
    | { readonly kind: 'flowsheet'; readonly input: FlowsheetSpec }
    | { readonly kind: 'cascade-dynamics'; readonly input: CascadeDynamicsScenario }
    | { readonly kind: 'supply-chain'; readonly input: SupplyChainRun }
    | {
        readonly kind: 'monte-carlo';
        readonly input: MonteCarloStudy;
        readonly options: ScenarioStudyOptions;
      }
    | { readonly kind: 'sweep'; readonly input: SweepStudy; readonly options: ScenarioStudyOptions }
  );

/** What loading gave: the scenario, or every problem found (nothing is run in either case). */
export type LoadedScenario =
  | { readonly scenario: Scenario; readonly issues?: never }
  | { readonly scenario?: never; readonly issues: Issue[] };

/**
 * A model's input from its parsed file form: extractant references become separation-factor models,
 * layered supply-chain scenarios are built; everything else passes through.
 *
 * @example
 * ```ts
 * const d = resolveModelInput('design', {
 *   feed: { Pr: 1, Nd: 3 },
 *   equilibrium: { system: 'P507', elements: ['Pr', 'Nd'] },
 *   purity: { organic: 0.99, aqueous: 0.99 },
 * }) as DesignRequest;
 * const model = d.equilibrium as SeparationFactorModel;
 * model.beta.Nd / model.beta.Pr; // 1.5 (P507's β(Nd/Pr), ree-data 2.2)
 * ```
 */
export function resolveModelInput(model: ModelName, input: unknown): unknown {
  switch (model) {
    case 'cascade':
      return resolveCascadeInput(input as never);
    case 'design':
      return resolveDesignInput(input as never);
    case 'train':
      return resolveTrainInput(input as never);
    case 'flowsheet':
      return resolveFlowsheetInput(input as never);
    case 'cascade-dynamics':
      return resolveDynamicsInput(input as never);
    case 'supply-chain':
      return resolveSupplyInput(input as never);
  }
}

/** A model's own problem path (e.g. `cascade.stages`, `study.runs`) as a path in the file (`input.stages`). */
function filePath(path: string): string {
  const rest = path.replace(/^(cascade|study|design|request|spec|scenario|flowsheet|options)(?=\.|\[|$)/, '');
  return rest === path ? `input.${path}` : `input${rest}`;
}

function resolve(file: ScenarioFile): Scenario {
  const common: ScenarioHeader = {
    ...(file.title === undefined ? {} : { title: file.title }),
    ...(file.description === undefined ? {} : { description: file.description }),
  };
  switch (file.kind) {
    case 'monte-carlo': {
      const { model, base, ...rest } = file.input;
      const input = checkMonteCarloStudy({
        ...rest,
        model,
        base: resolveModelInput(model, base),
      } as MonteCarloStudy);
      return { ...common, kind: file.kind, input, options: file.options ?? {} };
    }
    case 'sweep': {
      const { model, base, axes, combine, outputs } = file.input;
      const points = combine === 'list' ? listPoints(axes) : gridPoints(axes);
      const input = checkSweepStudy({ model, base: resolveModelInput(model, base), outputs, ...points });
      return { ...common, kind: file.kind, input, options: file.options ?? {} };
    }
    case 'cascade':
    case 'cascade-dynamics': {
      const input = resolveModelInput(file.kind, file.input);
      normaliseCascade(
        file.kind === 'cascade' ? (input as CascadeSpec) : (input as CascadeDynamicsScenario).spec,
      );
      return { ...common, kind: file.kind, input } as Scenario;
    }
    default:
      return { ...common, kind: file.kind, input: resolveModelInput(file.kind, file.input) } as Scenario;
  }
}

/**
 * Loads a scenario from its text: parsed (YAML or JSON), checked against the schema, references resolved
 * and checked as far as the models can without running. Every schema problem is reported at once; the
 * models' own checks report their first problem.
 *
 * @example
 * ```ts
 * const text = 'kind: cascade\ninput:\n  stages: { extraction: 0 }\n';
 * loadScenario(text, 'yaml').issues?.map((i) => i.path); // ['input.stages.extraction', 'input.feed', 'input.organic', 'input.equilibrium']
 * ```
 */
export function loadScenario(text: string, format: ScenarioFormat): LoadedScenario {
  const parsed = parseScenarioText(text, format);
  if (parsed.issues) return { issues: parsed.issues };
  const checked = scenarioFileSchema.safeParse(parsed.value);
  if (!checked.success)
    return { issues: fromZodIssues(checked.error.issues, parsed.value, [], scenarioFileSchema) };
  try {
    return { scenario: resolve(checked.data) };
  } catch (e) {
    if (!(e instanceof ReesimError)) throw e;
    return { issues: e.issues.map((i) => ({ ...i, path: filePath(i.path) })) };
  }
}
