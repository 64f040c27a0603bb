/**
 * Words and units for the paths of a study: its outputs (paths into the model's result) and its
 * parameters (paths into the model's scenario), one table of rules per model. The Monte Carlo and sweep
 * reports and their charts name columns, KPIs and axes with them; a path the model's rules do not know
 * keeps its own text (never a guess).
 */
import type { ModelName } from '../../study/models.js';
import { parsePath } from '../../study/paths.js';
import { field } from '../kinds/common.js';
import { cascadeLabels } from './cascade.js';
import { designLabels } from './design.js';
import { dynamicsLabels } from './dynamics.js';
import { flowsheetLabels } from './flowsheet.js';
import { parallelLinesLabels } from './parallelLines.js';
import type { ModelLabels } from './rules.js';
import { supplyChainLabels } from './supplyChain.js';
import { trainLabels } from './train.js';

/** One table of rules per model: a model without one does not compile. */
const LABELS: { readonly [K in ModelName]: ModelLabels } = {
  cascade: cascadeLabels,
  design: designLabels,
  train: trainLabels,
  flowsheet: flowsheetLabels,
  'cascade-dynamics': dynamicsLabels,
  'supply-chain': supplyChainLabels,
  'parallel-lines': parallelLinesLabels,
};

/** What {@link studyLabel} makes of a path. */
export interface StudyLabel {
  /** Readable name, e.g. `'Product purity of A'`; the path itself when the model's rules do not know it. */
  readonly label: string;
  /**
   * Unit of the number as reports show it: `'%'` for an output that is a fraction (a purity, a share), shown
   * ×100; `'fraction'` for a parameter that is one (parameters are shown as given); e.g. `'mol/h'`,
   * `'t REO/yr'`; absent for counts, dimensionless ratios and unknown paths.
   */
  readonly unit?: string;
  /** Factor from the model's number to the one reports show: 100 for an output in %, else 1. */
  readonly scale: number;
  /** Whether the model's rules know the path (false: `label` is the path). */
  readonly known: boolean;
}

/**
 * Names a path of a study in words, with its unit: `product.purity.A` of a cascade is "Product purity of
 * A" in %, `product.flows.A` "Product flow of A" in the spec's declared `flowUnits` (mol/h, kmol/h; else
 * amount/time, as the cascade report says), `years.2030.separatedShare.CN` of a supply chain "Separated
 * share of CN, 2030" in %, a balance residual "Balance residual (relative)"; the parameter
 * `equilibrium.beta.A` is "β of A (relative extractability)", and a supply chain's
 * `scenario.events.<id>.facility.capacity.value` "<id> capacity" in t REO/yr (t RE metal/yr for a metal or
 * magnet maker, t/yr when the base does not say which). Units come from the study's base where it declares
 * them. A path the model's rules do not know, a study with a model given as a function or no study at all
 * gives the path itself, no unit and scale 1.
 *
 * @param study the study (`{ model, base, ... }`: a Monte Carlo study or a sweep)
 * @param path an output path (into the model's result) or a parameter path (into its scenario)
 * @param role `'output'` (default) or `'parameter'`
 * @example
 * ```ts
 * const study = { model: 'cascade', base: { flowUnits: 'kmol/h' } };
 * studyLabel(study, 'product.purity.A'); // { label: 'Product purity of A', unit: '%', scale: 100, known: true }
 * studyLabel(study, 'product.flows.A').unit; // 'kmol/h'
 * studyLabel(study, 'equilibrium.beta.A', 'parameter').label; // 'β of A (relative extractability)'
 * studyLabel(study, 'stageFlows.aqueous'); // { label: 'stageFlows.aqueous', scale: 1, known: false }
 * ```
 */
export function studyLabel(
  study: unknown,
  path: string,
  role: 'output' | 'parameter' = 'output',
): StudyLabel {
  const unknown: StudyLabel = { label: path, scale: 1, known: false };
  const model = field(study, 'model');
  if (typeof model !== 'string' || !Object.hasOwn(LABELS, model)) return unknown;
  const rules = LABELS[model as ModelName];
  let dotted: string;
  try {
    dotted = parsePath(path).join('.');
  } catch {
    return unknown;
  }
  const named = (role === 'parameter' ? rules.parameters : rules.outputs)(dotted, field(study, 'base'));
  if (!named) return unknown;
  if (named.fraction)
    return role === 'output'
      ? { label: named.label, unit: '%', scale: 100, known: true }
      : { label: named.label, unit: 'fraction', scale: 1, known: true };
  return named.unit === undefined
    ? { label: named.label, scale: 1, known: true }
    : { label: named.label, unit: named.unit, scale: 1, known: true };
}
