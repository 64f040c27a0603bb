/**
 * Loading a scenario: text -> plain data -> checked against the schema (every problem, with its path)
 * -> references resolved into the exact input of the model -> the checks the models offer without
 * running. What comes out runs as it is (`runScenario`).
 */
import { type Issue, ReesimError } from '../core/errors.js';
import { checkFlowsheet } from '../flowsheet/simulate.js';
import type { FlowsheetSpec } from '../flowsheet/spec.js';
import type { CascadeDynamicsScenario, ModelName, SupplyChainRun } from '../study/models.js';
import { checkMonteCarloStudy, type MonteCarloStudy } from '../study/monteCarlo.js';
import { checkParallelLinesRequest, type ParallelLinesRequest } from '../study/parallelLines.js';
import { checkSweepStudy, gridPoints, listPoints, type SweepStudy } from '../study/sweep.js';
import { resolveNetwork } from '../supply/network.js';
import { datedInputs } from '../supply/policies.js';
import { networkWarnings } from '../supply/warnings.js';
import type { CascadeSpec } from '../sx/cascadeSpec.js';
import { normaliseCascade } from '../sx/cascadeSpec.js';
import { checkDesignRequest, type DesignRequest } from '../sx/design/designCascade.js';
import { checkSeparationTrainRequest, type SeparationTrainRequest } from '../sx/design/separationTrain.js';
import { settings as dynamicsSettings } from '../sx/dynamics/dynamicsOptions.js';
import { resolveFlowsheetInput } from './flowsheetSchema.js';
import type { ScenarioKind } from './kinds.js';
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
    | { readonly kind: 'parallel-lines'; readonly input: ParallelLinesRequest }
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
export function resolveModelInput(model: ModelName, input: unknown, at = 'input'): unknown {
  try {
    switch (model) {
      case 'cascade':
        return resolveCascadeInput(input as never, at);
      case 'design':
        return resolveDesignInput(input as never, at);
      case 'train':
        return resolveTrainInput(input as never);
      case 'flowsheet':
        return resolveFlowsheetInput(input as never);
      case 'cascade-dynamics':
        return resolveDynamicsInput(input as never, at);
      case 'supply-chain':
        return resolveSupplyInput(input as never);
      case 'parallel-lines':
        return input;
    }
  } catch (e) {
    throw atFile(e, model, at);
  }
}

/**
 * Where in a scenario file a model's problem lies: the model's own path (`cascade.feed.stage`,
 * `designCascade.keys`, `options.duration`, `supplyChain.links[3].from`, `study.runs`) as a path under the
 * model's input in the file (`input.feed.stage`; `input.spec.feed.stage` for dynamics; `input.base...` for
 * a study's base). A supply chain's paths index the scenario after its layers are applied.
 *
 * @param at the path of the model's input in the file (`input`, or `input.base` in a study)
 * @example
 * ```ts
 * filePath('cascade-dynamics', 'cascade.feed.stage'); // 'input.spec.feed.stage'
 * filePath('design', 'designCascade.keys'); // 'input.keys'
 * filePath('cascade', 'cascade.stages', 'input.base'); // 'input.base.stages'
 * filePath('design', 'input.feed.Pr'); // 'input.feed.Pr'
 * ```
 */
export function filePath(kind: ScenarioKind, path: string, at = 'input'): string {
  if (path === 'input' || path.startsWith('input.') || path.startsWith('input[')) return path;
  const [, root = '', rest = ''] = /^([A-Za-z]+)(.*)$/s.exec(path) ?? [];
  switch (root) {
    case 'cascade':
      return kind === 'cascade-dynamics' ? `${at}.spec${rest}` : `${at}${rest}`;
    case 'options':
      return `${at}.options${rest}`;
    case 'study':
      return `input${rest}`;
    case 'supplyChain':
    case 'simulateSupplyChain':
      return `${at}.scenario${rest}`;
    case 'designCascade':
    case 'designSeparationTrain':
    case 'parallelLines':
    case 'flowsheet':
      return `${at}${rest}`;
    default:
      return `${at}.${path}`;
  }
}

/**
 * A ReesimError with its issues' paths moved to where they lie in the file (other errors unchanged).
 *
 * @example
 * ```ts
 * const e = new ReesimError({ code: 'OUT_OF_RANGE', path: 'options.duration', value: -1, expected: 'a time > 0' });
 * (atFile(e, 'cascade-dynamics') as ReesimError).path; // 'input.options.duration'
 * ```
 */
export function atFile(e: unknown, kind: ScenarioKind, at = 'input'): unknown {
  if (!(e instanceof ReesimError)) return e;
  const [first, ...rest] = e.issues.map((i) => ({ ...i, path: filePath(kind, i.path, at) }));
  return first ? new ReesimError(first, rest) : e;
}

/** Most problems listed for one file (a file with more is listed up to here, then counted). */
export const MAX_LISTED_ISSUES = 100;

function capped(issues: readonly Issue[]): Issue[] {
  if (issues.length <= MAX_LISTED_ISSUES) return [...issues];
  const more = issues.length - MAX_LISTED_ISSUES;
  return [
    ...issues.slice(0, MAX_LISTED_ISSUES),
    { code: 'OUT_OF_RANGE', path: '(file)', value: `${more} more problems`, expected: 'fewer problems' },
  ];
}

/** The scenario a checked file describes; a model's problems keep the model's paths (the caller moves them). */
function resolve(file: ScenarioFile): Scenario {
  const common: ScenarioHeader = {
    ...(file.title === undefined ? {} : { title: file.title }),
    ...(file.description === undefined ? {} : { description: file.description }),
  };
  switch (file.kind) {
    case 'monte-carlo': {
      const { model, base, ...rest } = file.input;
      const study = { ...rest, model, base: resolveModelInput(model, base, 'input.base') };
      const input = checkMonteCarloStudy(study as MonteCarloStudy);
      return { ...common, kind: file.kind, input, options: file.options ?? {} };
    }
    case 'sweep': {
      const { model, base, axes, combine, outputs } = file.input;
      const points = combine === 'list' ? listPoints(axes) : gridPoints(axes);
      const resolved = resolveModelInput(model, base, 'input.base');
      const input = checkSweepStudy({ model, base: resolved, outputs, ...points });
      return { ...common, kind: file.kind, input, options: file.options ?? {} };
    }
    case 'cascade':
    case 'cascade-dynamics': {
      const input = resolveModelInput(file.kind, file.input);
      if (file.kind === 'cascade') normaliseCascade(input as CascadeSpec);
      else {
        // The spec and every option (hold-ups, start-up, specs, events, step counts), without running.
        const run = input as CascadeDynamicsScenario;
        dynamicsSettings(run.spec, normaliseCascade(run.spec), run.options);
      }
      return { ...common, kind: file.kind, input } as Scenario;
    }
    case 'design': {
      // The request's fields, models, key pair and limits, without designing.
      const input = resolveModelInput(file.kind, file.input) as DesignRequest;
      checkDesignRequest(input);
      return { ...common, kind: file.kind, input };
    }
    case 'train': {
      // The feed, system, products and limits, without designing.
      const input = resolveModelInput(file.kind, file.input) as SeparationTrainRequest;
      checkSeparationTrainRequest(input);
      return { ...common, kind: file.kind, input };
    }
    case 'flowsheet': {
      // The wiring (every inlet a feed or a produced stream, products and tears named), without running.
      const input = resolveModelInput(file.kind, file.input);
      checkFlowsheet(input as FlowsheetSpec);
      return { ...common, kind: file.kind, input } as Scenario;
    }
    case 'parallel-lines': {
      // The feed against the system's chain and the base design's request, without designing.
      const input = resolveModelInput(file.kind, file.input) as ParallelLinesRequest;
      checkParallelLinesRequest(input);
      return { ...common, kind: file.kind, input };
    }
    case 'supply-chain': {
      const input = resolveModelInput(file.kind, file.input) as SupplyChainRun;
      // The network and every dated policy and event, checked without solving a month (~1 ms).
      datedInputs(input.scenario, resolveNetwork(input.scenario));
      return { ...common, kind: file.kind, input };
    }
  }
}

/**
 * The warnings of a loaded scenario, found without running it: the parts of a supply chain that can do
 * nothing ({@link "reesim/supply"!supplyWarnings | supplyWarnings}; also for the base of a study of the
 * supply-chain model), each as `path: what and why [CODE]` with its path in the file. Empty for every
 * other kind.
 *
 * @example
 * ```ts
 * const text = [
 *   'kind: supply-chain',
 *   'input:',
 *   '  scenario:',
 *   '    name: idle',
 *   '    countries: { AU: Australia }',
 *   '    facilities: [{ id: mine, country: AU, kind: mine, capacity: 100, mix: { La: 1 } }]',
 *   '    links: []',
 *   '    demand: []',
 *   '  options: { start: 2024-01, months: 1 }',
 * ].join('\n');
 * const loaded = loadScenario(text, 'yaml');
 * loaded.scenario ? scenarioWarnings(loaded.scenario).length : -1; // 1
 * ```
 */
export function scenarioWarnings(scenario: Scenario): string[] {
  let run: SupplyChainRun | undefined;
  let at = 'input';
  if (scenario.kind === 'supply-chain') run = scenario.input;
  else if (
    (scenario.kind === 'monte-carlo' || scenario.kind === 'sweep') &&
    scenario.input.model === 'supply-chain'
  ) {
    run = scenario.input.base as SupplyChainRun;
    at = 'input.base';
  }
  if (!run) return [];
  const net = resolveNetwork(run.scenario);
  return networkWarnings(run.scenario, net, datedInputs(run.scenario, net).policies).map(
    (w) => `${at}.scenario.${w.path}: ${w.message} [${w.code}]`,
  );
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
  if (parsed.issues) return { issues: capped(parsed.issues) };
  let checked: ReturnType<typeof scenarioFileSchema.safeParse>;
  try {
    checked = scenarioFileSchema.safeParse(parsed.value);
  } catch (e) {
    // zod gathers issues recursively: hundreds of thousands of bad values exhaust the stack.
    if (!(e instanceof RangeError)) throw e;
    const expected = 'fewer problems: too many to list (a list of hundreds of thousands of wrong values?)';
    return { issues: [{ code: 'OUT_OF_RANGE', path: '(file)', value: 'too many problems', expected }] };
  }
  if (!checked.success) {
    return { issues: capped(fromZodIssues(checked.error.issues, parsed.value, [], scenarioFileSchema)) };
  }
  try {
    return { scenario: resolve(checked.data) };
  } catch (e) {
    const error = atFile(e, checked.data.kind);
    if (!(error instanceof ReesimError)) throw error;
    return { issues: capped(error.issues) };
  }
}
