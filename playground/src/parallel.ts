/**
 * View (b), "Parallelization": the five ways of raising a Pr/Nd line's output by k at fixed purity
 * (examples/03-parallel-trains.ts), side by side with their costs, and on request the feed-filled start-up
 * of each line's train. The worker runs the `parallel-lines` scenario file these inputs make
 * (`parallelLines` of reesim/study), the file `reesim run` accepts.
 *
 * Base line: the Pr and Nd of Mountain Pass's 2024 concentrate (1.3247 kmol/h Pr, 3.7062 kmol/h Nd) as
 * 1.0 mol/L chloride (5.0309 m³/h), P507, each train with its strip section; costs as evaluateLine gives
 * them (mixer-settler volume m³, solvent inventory m³, capital index by the six-tenths rule, NaOH and HCl in
 * t per t of both oxide products).
 */
import { stringify } from 'yaml';
import { formatNumber } from '../../src/entries/report.js';
import type { LineMetrics, LineVariant, ParallelLines } from '../../src/entries/study.js';
import { drawCharts } from './charts.js';
import { setFormValues, slider, watchForm } from './format.js';
import { modelRunner } from './runner.js';
import { obj, scenarioPanel, tidy } from './scenarioFile.js';
import { readState, writeState } from './urlState.js';

export interface ParallelState {
  /** Output factor of (a), (b), (c), (e). */
  k: number;
  /** Feed factor of (d). */
  f: number;
  /** β of the better extractant of (e). */
  beta: number;
  /** Purity targets, %. */
  purityOrganic: number;
  purityAqueous: number;
}

export const PARALLEL_DEFAULTS: ParallelState = {
  k: 2,
  f: 1.25,
  beta: 1.7,
  purityOrganic: 99.9,
  purityAqueous: 99.9,
};

/** The sliders: each state key's range and step, label and unit (a loaded file must fall within them). */
const SLIDERS: readonly {
  readonly key: keyof ParallelState;
  readonly min: number;
  readonly max: number;
  readonly step: number;
  readonly label: string;
  readonly unit: string;
}[] = [
  { key: 'k', min: 2, max: 6, step: 1, label: 'raise output by k =', unit: '×' },
  { key: 'f', min: 1.05, max: 1.45, step: 0.05, label: '(d) feed factor', unit: '×' },
  { key: 'beta', min: 1.55, max: 3, step: 0.05, label: '(e) β(Nd/Pr) of the better extractant', unit: '' },
  { key: 'purityOrganic', min: 99, max: 99.99, step: 0.01, label: 'Nd purity target', unit: ' %' },
  { key: 'purityAqueous', min: 99, max: 99.99, step: 0.01, label: 'Pr purity target', unit: ' %' },
];

/**
 * The base line: the Pr and Nd of Mountain Pass's 2024 concentrate as 1.0 mol/L chloride, P507
 * (examples/scenarios/parallel-lines.yaml).
 */
export const BASE_LINE = {
  feed: { Pr: 1.3247, Nd: 3.7062 },
  unit: 'kmol/h',
  feedVolume: 5.0309,
  system: 'P507',
} as const;

/** Start-up runs: hours simulated and the sampling interval (as example 03). */
export const STARTUP = { hours: 50_000, sampleEvery: 10 };

/**
 * The scenario file (as an object) a state stands for; `reesim run` accepts it written as YAML. With
 * `startup`, the feed-filled start-up of that line's train is simulated too.
 */
export function parallelScenario(s: ParallelState, startup?: LineVariant): Record<string, unknown> {
  return {
    reesim: 1,
    kind: 'parallel-lines',
    title: `Raising a Pr/Nd line by ${s.k}: five ways (P507, ${s.purityOrganic} % Nd / ${s.purityAqueous} % Pr)`,
    description:
      "Mountain Pass's Pr and Nd (2024) as 1.0 mol/L chloride, P507, each train with its strip section; " +
      'from the reesim playground.',
    input: {
      ...BASE_LINE,
      feed: { ...BASE_LINE.feed },
      purity: { organic: tidy(s.purityOrganic / 100), aqueous: tidy(s.purityAqueous / 100) },
      k: s.k,
      f: s.f,
      beta: s.beta,
      ...(startup === undefined ? {} : { startup: { ...STARTUP, lines: [startup] } }),
    },
  };
}

/**
 * The state a parallel-lines file stands for, or why the page cannot show it: the page reads files on its
 * base line (as it writes them) whose factors and purities its sliders can show.
 */
export function parallelStateOf(file: unknown): ParallelState | string {
  const f = obj(file);
  const input = obj(f?.input);
  if (f?.kind !== 'parallel-lines')
    return `the parallelization view reads kind: parallel-lines files, not ${String(f?.kind)}`;
  const feed = obj(input?.feed);
  const same =
    feed !== undefined &&
    Object.keys(feed).length === 2 &&
    feed.Pr === BASE_LINE.feed.Pr &&
    feed.Nd === BASE_LINE.feed.Nd &&
    input?.unit === BASE_LINE.unit &&
    input.feedVolume === BASE_LINE.feedVolume &&
    (input.system ?? 'P507') === BASE_LINE.system &&
    input.strip === undefined;
  if (!same)
    return (
      "the parallelization view's base line is Mountain Pass's Pr and Nd with P507 (feed { Pr: 1.3247, " +
      'Nd: 3.7062 } kmol/h, feedVolume 5.0309 m³/h, no strip settings): run other base lines with reesim run'
    );
  const purity = obj(input.purity);
  const state: ParallelState = {
    k: Number(input.k),
    f: Number(input.f),
    beta: Number(input.beta),
    purityOrganic: tidy(Number(purity?.organic) * 100),
    purityAqueous: tidy(Number(purity?.aqueous) * 100),
  };
  for (const { key, min, max, step, label } of SLIDERS) {
    const v = state[key];
    const steps = (v - min) / step;
    // A range input snaps to its steps: a value between them would be shown as another.
    if (!(v >= min && v <= max && Math.abs(steps - Math.round(steps)) < 1e-6))
      return `${key} (${label}) must be in [${min}, ${max}] in steps of ${step} on this page, not ${v}`;
  }
  return state;
}

/** The table's columns: header (with unit), key, and the cell of a line given the base line. */
export const COLUMNS: readonly {
  readonly head: string;
  readonly key: string;
  readonly cell: (m: LineMetrics, base: LineMetrics) => string;
}[] = [
  {
    head: 'trains × stages (extraction + scrub + strip)',
    key: 'layout',
    cell: (m) => `${m.trains} × ${m.stages.extraction} + ${m.stages.scrub} + ${m.stages.strip}`,
  },
  {
    head: 'output (× base)',
    key: 'output',
    cell: (m, b) => formatNumber(m.output.organic / b.output.organic, 2),
  },
  { head: 'Nd purity (%)', key: 'purity.organic', cell: (m) => formatNumber(m.purity.organic * 100, 3) },
  { head: 'Pr purity (%)', key: 'purity.aqueous', cell: (m) => formatNumber(m.purity.aqueous * 100, 3) },
  { head: 'meets targets', key: 'meets', cell: (m) => (m.meetsTarget ? 'yes' : 'no') },
  { head: 'mixer-settlers', key: 'stageCount', cell: (m) => String(m.stageCount) },
  {
    head: 'mixer-settler volume (m³)',
    key: 'equipmentVolume',
    cell: (m) => formatNumber(m.equipmentVolume, 0),
  },
  {
    head: 'capital index (× base)',
    key: 'capital',
    cell: (m, b) => formatNumber(m.capitalIndex / b.capitalIndex, 2),
  },
  { head: 'solvent inventory (m³)', key: 'solvent', cell: (m) => formatNumber(m.solventInventory, 0) },
  { head: 'NaOH (t/t oxide)', key: 'naoh', cell: (m) => formatNumber(m.reagentsPerProduct.NaOH, 2) },
  { head: 'HCl (t/t oxide)', key: 'hcl', cell: (m) => formatNumber(m.reagentsPerProduct.HCl, 2) },
];

/** Builds the view into `host`. */
export function mountParallel(host: HTMLElement): void {
  const state: ParallelState = { ...PARALLEL_DEFAULTS, ...readState('parallel', PARALLEL_DEFAULTS) };
  const runner = modelRunner();
  const startupRunner = modelRunner();
  const form = document.createElement('form');
  form.className = 'inputs';
  form.append(...SLIDERS.map((x) => slider(x.key, state[x.key], x.min, x.max, x.step, x.label, x.unit)));
  const note = document.createElement('p');
  note.textContent =
    "Base: one P507 train splitting Mountain Pass's Pr and Nd (1.3247 + 3.7062 kmol/h at 1.0 mol/L), with its strip section. " +
    '(a) k trains in parallel; (b) one train with k× every flow; (c) the base stages split into k shorter trains; ' +
    '(d) one train at the base organic flow, more feed and more stages; (e) a better extractant, k× flows.';
  const status = document.createElement('p');
  status.className = 'status';
  const table = document.createElement('table');
  table.className = 'lines';
  const startupButton = document.createElement('button');
  startupButton.type = 'button';
  startupButton.textContent = `Simulate start-ups (feed-filled, ${STARTUP.hours.toLocaleString('en')} h; a few seconds per train)`;
  const charts = document.createElement('div');
  charts.className = 'charts';
  const input = (key: string) => form.querySelector<HTMLInputElement>(`[name="${key}"]`);
  const panel = scenarioPanel('parallel-lines.yaml', 'parallel-lines', (file) => {
    const loaded = parallelStateOf(file);
    if (typeof loaded === 'string') return loaded;
    setFormValues(form, loaded);
    schedule();
    return undefined;
  });
  host.append(form, note, status, table, startupButton, charts, panel.element);

  let lines: ParallelLines['lines'] = [];
  const render = (result: ParallelLines): void => {
    lines = result.lines;
    const base = result.lines[0] as LineMetrics;
    table.replaceChildren();
    const head = table.createTHead().insertRow();
    for (const h of ['line', ...COLUMNS.map((c) => c.head), 'Nd product on target from (h)']) {
      const th = document.createElement('th');
      th.textContent = h;
      head.append(th);
    }
    const body = table.createTBody();
    result.lines.forEach((m, i) => {
      const tr = body.insertRow();
      tr.dataset.line = String(i);
      tr.insertCell().textContent = m.label;
      if ('error' in m) {
        const td = tr.insertCell();
        td.colSpan = COLUMNS.length + 1;
        td.className = 'error';
        td.textContent = m.error;
        return;
      }
      for (const c of COLUMNS) {
        const td = tr.insertCell();
        td.dataset.key = `${i}.${c.key}`;
        td.textContent = c.cell(m, base);
      }
      const su = tr.insertCell();
      su.dataset.key = `${i}.startup`;
      su.textContent = '–';
    });
    const cap = table.createCaption();
    cap.textContent = `(d) can raise the feed at most ${formatNumber(result.ceiling, 3)}× at the base organic flow (infinitely many stages).`;
  };

  let generation = 0;
  const update = async (): Promise<void> => {
    const gen = ++generation;
    for (const { key } of SLIDERS) {
      const el = input(key);
      if (el) state[key] = Number(el.value);
    }
    writeState('parallel', state);
    const text = stringify(parallelScenario(state));
    panel.show(text);
    host.dataset.state = 'running';
    status.classList.remove('error');
    status.textContent = 'Designing and evaluating the lines…';
    const answer = await runner.run(text);
    if (!answer || gen !== generation) return;
    if (!answer.ok) {
      status.textContent = answer.error;
      status.classList.add('error');
      host.dataset.state = 'error';
      return;
    }
    render(answer.result as ParallelLines);
    status.textContent = `Evaluated ${lines.length} lines in ${Math.round(answer.ms)} ms.`;
    await drawCharts(charts, answer.charts);
    if (gen === generation) host.dataset.state = 'done';
  };
  startupButton.addEventListener('click', async () => {
    const gen = generation;
    startupButton.disabled = true;
    for (let i = 0; i < lines.length; i++) {
      const m = lines[i];
      if (!m || 'error' in m) continue;
      // (a) and (b) run the base train's equations (scaled): the same start-up.
      const cell = table.querySelector<HTMLElement>(`[data-key="${i}.startup"]`);
      if (cell) cell.textContent = 'simulating…';
      const answer = await startupRunner.run(stringify(parallelScenario(state, m.variant)));
      if (gen !== generation) break;
      const run = answer?.ok ? (answer.result as ParallelLines).lines[i] : undefined;
      const t = run && !('error' in run) ? run.startup[0]?.product.timeToSpec : undefined;
      if (cell) cell.textContent = answer?.ok ? (t === undefined ? 'never' : formatNumber(t, 0)) : 'failed';
    }
    startupButton.disabled = false;
  });
  const schedule = watchForm(host, form, update, 200);
}
