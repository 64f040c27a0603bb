/**
 * Charts of a steady cascade: the flow profile of every species by stage, and the purity profile of the key
 * components in each phase.
 */
import { fail } from '../../core/errors.js';
import type { StageProfile } from '../../sx/steady/simulateCascade.js';
import { type ChartSpec, chartSpec, percent, positiveRange, seriesColours, thin, wantsLog } from './spec.js';

/**
 * What the profile charts read: a {@link reesim!CascadeResult | CascadeResult}, or the `final` profile of a
 * dynamics run.
 */
export interface CascadeProfileData {
  readonly species: readonly string[];
  readonly profile: readonly StageProfile[];
  /** Stage counts per section; with scrub stages, a rule marks where the scrub section begins. */
  readonly stages?: { readonly extraction: number; readonly scrub: number };
}

/** Options of {@link cascadeProfileChart}. */
export interface CascadeProfileOptions {
  /** Unit of the amounts per unit time, for the axis title (default `'amount/time'`: the scenario's own units). */
  readonly flowUnit?: string;
  /** Chart title (default: a description of the chart). */
  readonly title?: string;
}

const STAGE_AXIS = 'Stage (1 = raffinate end)';
const PHASES = ['aqueous', 'organic'] as const;
const PHASE_NAME = { aqueous: 'Aqueous', organic: 'Organic' } as const;

function stageEncoding(stages: number): Record<string, unknown> {
  return {
    field: 'stage',
    type: 'quantitative',
    title: STAGE_AXIS,
    scale: { domain: [0.5, stages + 0.5], nice: false },
    axis: { tickMinStep: 1, format: 'd' },
  };
}

/** A rule between the extraction and the scrub section, labelled, when there are scrub stages. */
function sectionRule(data: CascadeProfileData): Record<string, unknown>[] {
  const s = data.stages;
  if (!s || s.scrub <= 0 || s.extraction <= 0) return [];
  const x = s.extraction + 0.5;
  return [
    {
      data: { values: [{ stage: x, label: 'scrub section →' }] },
      mark: { type: 'rule', color: '#888', strokeDash: [2, 2] },
      encoding: { x: { field: 'stage', type: 'quantitative', title: STAGE_AXIS } },
    },
    {
      data: { values: [{ stage: x, label: 'scrub section →' }] },
      mark: { type: 'text', align: 'left', baseline: 'top', dx: 4, dy: 4, color: '#555' },
      encoding: {
        x: { field: 'stage', type: 'quantitative', title: STAGE_AXIS },
        y: { value: 0 },
        text: { field: 'label' },
      },
    },
  ];
}

function checkProfile(fn: string, data: CascadeProfileData): void {
  if (!data || !Array.isArray(data.profile) || data.profile.length === 0 || !Array.isArray(data.species))
    fail('INVALID_TYPE', fn, data, 'a cascade result with a stage profile');
}

/**
 * The cascade profile: the amount of each species leaving each stage in the aqueous and in the organic
 * (solid and dashed lines), stage 1 at the raffinate end. The y axis is logarithmic when the flows span more
 * than three decades; on it, flows below 10⁻¹² of the largest (and zeros) are left out, as a log axis
 * cannot show them. Within a section the phase volumes are constant, so the shapes are also those of the
 * concentrations. A cascade of more than 2,000 stages is drawn at 2,000 evenly spaced stages (the first
 * and the last kept), so the SVG stays small; the report's stage-profile table holds every stage.
 *
 * @param data a {@link reesim!CascadeResult | CascadeResult} (or `{ species, profile, stages }`)
 * @param options the flow unit for the axis title (e.g. `'mol/h'`), a title
 * @throws ReesimError INVALID_TYPE when `data` has no profile
 * @example
 * ```ts
 * const r = simulateCascade({
 *   stages: { extraction: 3, scrub: 2 },
 *   feed: { flows: { A: 0.5, B: 0.5 }, volume: 1 },
 *   organic: { volume: 2 },
 *   scrub: { volume: 1 },
 *   equilibrium: distribution({ A: 0.85, B: 1.5 }),
 * });
 * const spec = cascadeProfileChart(r, { flowUnit: 'mol/h' });
 * (spec.layer as unknown[]).length; // 3
 * ```
 */
export function cascadeProfileChart(
  data: CascadeProfileData,
  options: CascadeProfileOptions = {},
): ChartSpec {
  checkProfile('cascadeProfileChart', data);
  const rows: { stage: number; species: string; phase: string; flow: number }[] = [];
  for (const st of thin(data.profile)) {
    for (const phase of PHASES) {
      for (const sp of data.species) {
        rows.push({ stage: st.stage, species: sp, phase: PHASE_NAME[phase], flow: st[phase][sp] ?? 0 });
      }
    }
  }
  const flows = rows.map((r) => r.flow);
  const log = wantsLog(flows);
  const top = positiveRange(flows).max;
  const shown = log ? rows.filter((r) => r.flow > top * 1e-12) : rows;
  const unit = options.flowUnit ?? 'amount/time';
  const lines = {
    data: { values: shown },
    mark: { type: 'line', point: data.profile.length <= 40, clip: true },
    encoding: {
      x: stageEncoding(data.profile.length),
      y: {
        field: 'flow',
        type: 'quantitative',
        title: `Flow (${unit}${log ? ', log scale' : ''})`,
        scale: log ? { type: 'log' } : {},
      },
      color: {
        field: 'species',
        type: 'nominal',
        title: 'Species',
        sort: [...data.species],
        scale: seriesColours([...data.species]),
      },
      strokeDash: { field: 'phase', type: 'nominal', title: 'Phase', sort: ['Aqueous', 'Organic'] },
    },
  };
  return chartSpec(options.title ?? 'Cascade profile: flow of each species leaving each stage', {
    layer: [lines, ...sectionRule(data)],
  });
}

/** The species a purity chart follows by default: the main one of each outlet (the product's, the raffinate's). */
function defaultKeys(data: CascadeProfileData): string[] {
  const first = data.profile[0];
  const last = data.profile[data.profile.length - 1];
  const main = (flows: Readonly<Record<string, number>> | undefined, not?: string) =>
    data.species
      .filter((s) => s !== not)
      .reduce<string | undefined>(
        (best, s) => ((flows?.[s] ?? 0) > (flows?.[best ?? ''] ?? -1) ? s : best),
        undefined,
      );
  const a = main(last?.organic);
  const b = main(first?.aqueous, a);
  return [a, b].filter((s): s is string => s !== undefined);
}

/**
 * Purity profile: the share (%) of each key component in the rare earths of each phase leaving each stage,
 * aqueous and organic (solid and dashed lines). Stages where a phase carries nothing are left out. Like
 * {@link cascadeProfileChart}, draws at most 2,000 evenly spaced stages.
 *
 * @param data a {@link reesim!CascadeResult | CascadeResult} (or `{ species, profile, stages }`)
 * @param keys species to follow (default: the main species of the organic product end and of the
 *   raffinate end)
 * @throws ReesimError INVALID_TYPE when `data` has no profile; UNKNOWN_KEY for a key not in `data.species`
 * @example
 * ```ts
 * const r = simulateCascade({
 *   stages: { extraction: 3, scrub: 2 },
 *   feed: { flows: { A: 0.5, B: 0.5 }, volume: 1 },
 *   organic: { volume: 2 },
 *   scrub: { volume: 1 },
 *   equilibrium: distribution({ A: 0.85, B: 1.5 }),
 * });
 * const spec = cascadePurityChart(r);
 * (spec.title as { text: string }).text; // 'Purity profile of B, A by stage'
 * ```
 */
export function cascadePurityChart(data: CascadeProfileData, keys?: readonly string[]): ChartSpec {
  checkProfile('cascadePurityChart', data);
  const follow = keys === undefined ? defaultKeys(data) : [...keys];
  if (!Array.isArray(follow) || follow.length === 0)
    fail('INVALID_TYPE', 'cascadePurityChart.keys', keys, 'a non-empty list of species');
  follow.forEach((k, i) => {
    if (!data.species.includes(k))
      fail('UNKNOWN_KEY', `cascadePurityChart.keys[${i}]`, k, `a species of ${data.species.join(', ')}`);
  });
  const rows: { stage: number; species: string; phase: string; purity: number }[] = [];
  for (const st of thin(data.profile)) {
    for (const phase of PHASES) {
      const flows = st[phase];
      const total = data.species.reduce((a, s) => a + (flows[s] ?? 0), 0);
      if (!(total > 0)) continue;
      for (const k of follow) {
        rows.push({
          stage: st.stage,
          species: k,
          phase: PHASE_NAME[phase],
          purity: percent((flows[k] ?? 0) / total),
        });
      }
    }
  }
  const lines = {
    data: { values: rows },
    mark: { type: 'line', point: data.profile.length <= 40, clip: true },
    encoding: {
      x: stageEncoding(data.profile.length),
      y: {
        field: 'purity',
        type: 'quantitative',
        title: "Purity (% of the phase's amount)",
        scale: { domain: [0, 100] },
      },
      color: {
        field: 'species',
        type: 'nominal',
        title: 'Component',
        sort: follow,
        scale: seriesColours(follow),
      },
      strokeDash: { field: 'phase', type: 'nominal', title: 'Phase', sort: ['Aqueous', 'Organic'] },
    },
  };
  return chartSpec(`Purity profile of ${follow.join(', ')} by stage`, {
    layer: [lines, ...sectionRule(data)],
  });
}
