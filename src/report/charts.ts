/**
 * The charts that fit each scenario kind, as Vega-Lite specs (the builders live in `charts/`; `svg.ts`
 * renders them). Pure: no Node APIs, and vega is not loaded here.
 */
import { fail } from '../core/errors.js';
import { isRecord } from '../core/validate.js';
import type { FlowsheetResult } from '../flowsheet/simulate.js';
import { SCENARIO_KINDS, type ScenarioKind } from '../scenario/kinds.js';
import type { MonteCarloResult } from '../study/monteCarlo.js';
import type { ParallelLines } from '../study/parallelLines.js';
import type { SweepResult } from '../study/sweep.js';
import type { SupplyChainResult } from '../supply/simulate.js';
import type { CascadeDesign } from '../sx/design/designCascade.js';
import type { SeparationTrain } from '../sx/design/separationTrain.js';
import type { CascadeDynamicsResult } from '../sx/dynamics/dynamics.js';
import type { CascadeResult } from '../sx/steady/simulateCascade.js';
import { cascadeProfileChart, cascadePurityChart } from './charts/cascade.js';
import { startupImpurityChart, startupTransientChart } from './charts/dynamics.js';
import { mccabeThieleChart, mccabeThieleRatioChart } from './charts/mccabeThiele.js';
import { parallelLinesChart } from './charts/parallelLines.js';
import { recoveryChart } from './charts/recovery.js';
import { type ChartSpec, hasData, type NamedChart, shaped, titleOf } from './charts/spec.js';
import { histogramChart, sweepChart, tornadoChart } from './charts/study.js';
import { separatedShareChart, shortfallChart, supplyProductionChart } from './charts/supply.js';
import { trainStagesChart } from './charts/train.js';
import { MIN_RUNS_FOR_TORNADO } from './kinds/study.js';

/** Most outputs of a study that get charts (each Monte Carlo output gets two). */
export const MAX_CHARTED_OUTPUTS = 8;

const named = (name: string, spec: ChartSpec): NamedChart => ({ name, title: titleOf(spec), spec });

/** A file-safe kebab-case stem for an output path: `years.2030.separatedShare.CN` → `years-2030-separatedshare-cn`. */
function slug(text: string): string {
  const s = text
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 60)
    .replace(/-+$/, '');
  return s === '' ? 'output' : s;
}

function cascadeCharts(r: CascadeResult, keys?: readonly string[], unit?: string): NamedChart[] {
  return [
    named('cascade-profile', cascadeProfileChart(r, unit ? { flowUnit: unit } : {})),
    named('cascade-purity', cascadePurityChart(r, keys)),
  ];
}

/** The amount unit a cascade spec or design request declares (`flowUnits`), for chart axes. */
function flowUnitOf(input: unknown): string | undefined {
  const u = isRecord(input) ? input.flowUnits : undefined;
  return u === 'mol/h' || u === 'kmol/h' ? u : undefined;
}

function studyOutputs(result: MonteCarloResult | SweepResult): string[] {
  return (result.columns.outputs as string[])
    .filter((o) => !EVIDENCE_OUTPUT.test(o))
    .slice(0, MAX_CHARTED_OUTPUTS);
}

/**
 * Outputs that are a run's evidence about itself (its balance residual, iterations, converged flag): round-off
 * and bookkeeping, not a result to chart; the report gives them as numbers.
 */
const EVIDENCE_OUTPUT = /(^|\.)(balanceError|balanceResidual|residual|iterations|converged)$/;

/**
 * The charts that fit a scenario kind's result, each with a kebab-case file name and its title:
 *
 * - `cascade`: the flow profile and the purity profile by stage;
 * - `design`: the McCabe–Thiele diagram (in fractions, and in A : B ratios on log scales, where the
 *   crowded ends of a high-purity design open up), and the profile and key-pair purity of the verifying
 *   simulation;
 * - `train`: stages per cut;
 * - `cascade-dynamics`: the start-up transient (outlet purities), the outlets' impurities against their
 *   specs (log scale) and the final stage profile;
 * - `flowsheet`: recovery of each element to each product;
 * - `supply-chain`: separated-oxide and mine production by country, the separated share, and demand not
 *   met by country (left out when no country is short);
 * - `parallel-lines`: output, solvent inventory and capital index of each line relative to the base line;
 * - `monte-carlo`: a histogram and a tornado for each output (the first {@link MAX_CHARTED_OUTPUTS});
 * - `sweep`: each output (the first {@link MAX_CHARTED_OUTPUTS}) against the first parameter.
 *
 * A study's evidence outputs (a balance error or residual, iterations, a converged flag) get no chart: they
 * are round-off and bookkeeping, and the report gives them as numbers.
 *
 * `input` is the scenario the result came from (for a study, the study `{ model, base, ... }`); it supplies
 * labels and units only (a supply chain's country names, the amount unit a cascade declares, a study's
 * outputs and parameters in words: `studyLabel`) and may be undefined. A study with no successful run, or a
 * part a result lacks (a design without its simulation), gives no chart for it; a Monte Carlo study with
 * fewer than 3 successful runs gives no tornado (a rank correlation needs more); and a chart with nothing
 * to draw (a supply chain in which nothing is made, a plant without products) is left out. Charts of long
 * results draw at most 2,000 points per series (evenly spaced, first and last kept), so SVGs stay small;
 * histograms bin every run.
 *
 * @param kind the scenario kind
 * @param input the scenario (or study) that was run
 * @param result what the run returned
 * @throws ReesimError UNKNOWN_KEY for an unknown kind; INVALID_TYPE when `result` is not that kind's result
 * @example
 * ```ts
 * const spec = {
 *   stages: { extraction: 3, scrub: 2 },
 *   feed: { flows: { A: 0.5, B: 0.5 }, volume: 1 },
 *   organic: { volume: 2 },
 *   scrub: { volume: 1 },
 *   equilibrium: distribution({ A: 0.85, B: 1.5 }),
 * };
 * chartsFor('cascade', spec, simulateCascade(spec)).map((c) => c.name); // ['cascade-profile', 'cascade-purity']
 * ```
 */
export function chartsFor(kind: ScenarioKind, input: unknown, result: unknown): NamedChart[] {
  return allCharts(kind, input, result).filter((c) => hasData(c.spec));
}

function allCharts(kind: ScenarioKind, input: unknown, result: unknown): NamedChart[] {
  const k = SCENARIO_KINDS.includes(kind)
    ? kind
    : fail('UNKNOWN_KEY', 'chartsFor.kind', kind, `one of ${SCENARIO_KINDS.join(', ')}`);
  switch (k) {
    case 'cascade':
      return cascadeCharts(
        shaped<CascadeResult>('result', result, ['species', 'profile'], 'a cascade result'),
        undefined,
        flowUnitOf(input),
      );
    case 'design': {
      const d = shaped<CascadeDesign>('result', result, ['mcCabeThiele', 'keys'], 'a cascade design');
      const verified = isRecord(d.stages) ? { verified: d.stages } : {};
      const charts = [
        named('mccabe-thiele', mccabeThieleChart(d.mcCabeThiele, d.keys, verified)),
        named('mccabe-thiele-ratios', mccabeThieleRatioChart(d.mcCabeThiele, d.keys, verified)),
      ];
      if (isRecord(d.simulation) && Array.isArray(d.simulation.profile)) {
        const keys = [d.keys.A, d.keys.B].filter((s) => d.simulation.species.includes(s));
        charts.push(...cascadeCharts(d.simulation, keys.length > 0 ? keys : undefined, flowUnitOf(input)));
      }
      return charts;
    }
    case 'train':
      return [
        named(
          'train-stages',
          trainStagesChart(
            shaped<SeparationTrain>('result', result, ['cascades', 'totals'], 'a separation train'),
          ),
        ),
      ];
    case 'cascade-dynamics': {
      const r = shaped<CascadeDynamicsResult>(
        'result',
        result,
        ['samples', 'species'],
        'a cascade dynamics result',
      );
      // Declared units (the spec's flowUnits) put hours and mol/h or kmol/h on the axes.
      const spec = flowUnitOf(isRecord(input) ? input.spec : undefined);
      const startupUnits = spec === undefined ? {} : { timeUnit: 'h', flowUnit: spec };
      const charts = [
        named('startup-transient', startupTransientChart(r, startupUnits)),
        named('startup-impurity', startupImpurityChart(r, startupUnits)),
      ];
      if (Array.isArray(r.final) && r.final.length > 0) {
        const final = { species: r.species, profile: r.final, stages: r.stages };
        charts.push(
          named(
            'final-profile',
            cascadeProfileChart(final, {
              title: 'Cascade profile at the end of the run, by phase',
              ...(spec === undefined ? {} : { flowUnit: spec }),
            }),
          ),
        );
      }
      return charts;
    }
    case 'flowsheet':
      return [
        named(
          'recovery',
          recoveryChart(shaped<FlowsheetResult>('result', result, ['kpis'], 'a flowsheet result')),
        ),
      ];
    case 'supply-chain': {
      const r = shaped<SupplyChainResult>(
        'result',
        result,
        ['months', 'production', 'separatedShare'],
        'a supply-chain result',
      );
      const scenario = isRecord(input) && isRecord(input.scenario) ? input.scenario : undefined;
      const countries = isRecord(scenario?.countries)
        ? (Object.fromEntries(
            Object.entries(scenario.countries).filter(([, v]) => typeof v === 'string'),
          ) as Record<string, string>)
        : undefined;
      const options = countries ? { countries } : {};
      return [
        named('production-oxide', supplyProductionChart(r, 'oxide', options)),
        named('production-mine', supplyProductionChart(r, 'concentrate', options)),
        named('separated-share', separatedShareChart(r, options)),
        named('shortfall', shortfallChart(r, options)),
      ];
    }
    case 'parallel-lines':
      return [
        named(
          'line-costs',
          parallelLinesChart(
            shaped<ParallelLines>('result', result, ['lines', 'keys', 'factors'], 'a parallel-lines result'),
          ),
        ),
      ];
    case 'monte-carlo': {
      const r = shaped<MonteCarloResult>(
        'result',
        result,
        ['columns', 'outputs', 'summary'],
        'a Monte Carlo result',
      );
      if (!(r.summary.succeeded > 0)) return [];
      return studyOutputs(r).flatMap((output, i) => {
        const stem = `${i + 1}-${slug(output)}`;
        const charts = [named(`histogram-${stem}`, histogramChart(r, output, { study: input }))];
        if (r.summary.succeeded >= MIN_RUNS_FOR_TORNADO && (r.summary.tornado[output]?.length ?? 0) > 0)
          charts.push(named(`tornado-${stem}`, tornadoChart(r, output, { study: input })));
        return charts;
      });
    }
    case 'sweep': {
      const r = shaped<SweepResult>('result', result, ['columns', 'outputs', 'inputs'], 'a sweep result');
      if (r.outputs.length === 0 || r.columns.inputs.length === 0) return [];
      return studyOutputs(r).map((output, i) =>
        named(`sweep-${i + 1}-${slug(output)}`, sweepChart(r, output, { study: input })),
      );
    }
  }
}
