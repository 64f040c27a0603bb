/**
 * View (b), "Parallelization": the five ways of raising a Pr/Nd line's output by k at fixed purity
 * (examples/03-parallel-trains.ts, reesim/study's line builders), side by side with their costs, and on
 * request the feed-filled start-up of each line's train.
 *
 * Base line: the Pr and Nd of Mountain Pass's 2024 concentrate (1.3247 kmol/h Pr, 3.7062 kmol/h Nd) as
 * 1.0 mol/L chloride (5.0309 m³/h), P507, each train with its strip section; costs as evaluateLine gives
 * them (mixer-settler volume m³, solvent inventory m³, capital index by the six-tenths rule, NaOH and HCl in
 * t per t of both oxide products).
 */
import { formatNumber } from '../../src/entries/report.js';
import type { LineMetrics } from '../../src/entries/study.js';
import { slider, watchForm } from './format.js';
import type { LinesRequest, LinesResult } from './protocol.js';
import { modelRunner } from './runner.js';
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

/** Start-up runs: hours simulated and the sampling interval (as example 03). */
export const STARTUP = { horizon: 50_000, sampleEvery: 10 };

/** The study request of a state. */
export function linesRequest(s: ParallelState): LinesRequest {
  return {
    feed: { Pr: 1.3247, Nd: 3.7062 },
    feedVolume: 5.0309,
    system: 'P507',
    elements: ['Pr', 'Nd'],
    purity: { organic: s.purityOrganic / 100, aqueous: s.purityAqueous / 100 },
    k: s.k,
    f: s.f,
    beta: s.beta,
    ...STARTUP,
  };
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
  form.append(
    slider('k', state.k, 2, 6, 1, 'raise output by k =', '×'),
    slider('f', state.f, 1.05, 1.45, 0.05, '(d) feed factor', '×'),
    slider('beta', state.beta, 1.55, 3, 0.05, '(e) β(Nd/Pr) of the better extractant', ''),
    slider('purityOrganic', state.purityOrganic, 99, 99.99, 0.01, 'Nd purity target', ' %'),
    slider('purityAqueous', state.purityAqueous, 99, 99.99, 0.01, 'Pr purity target', ' %'),
  );
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
  startupButton.textContent = `Simulate start-ups (feed-filled, ${STARTUP.horizon.toLocaleString('en')} h; about 20 s per train)`;
  host.append(form, note, status, table, startupButton);

  let lines: LinesResult['lines'] = [];
  const render = (result: LinesResult): void => {
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
    for (const key of Object.keys(PARALLEL_DEFAULTS) as (keyof ParallelState)[]) {
      const el = form.querySelector<HTMLInputElement>(`[name="${key}"]`);
      if (el) state[key] = Number(el.value);
    }
    writeState('parallel', state);
    host.dataset.state = 'running';
    status.classList.remove('error');
    status.textContent = 'Designing and evaluating the lines…';
    const answer = await runner.run({ lines: linesRequest(state) });
    if (!answer || gen !== generation) return;
    if (!answer.ok) {
      status.textContent = answer.error;
      status.classList.add('error');
      host.dataset.state = 'error';
      return;
    }
    render(answer.result as LinesResult);
    status.textContent = `Evaluated ${lines.length} lines in ${Math.round(answer.ms)} ms.`;
    host.dataset.state = 'done';
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
      const answer = await startupRunner.run({ lines: linesRequest(state), startup: i });
      if (gen !== generation) break;
      const run = answer?.ok ? (answer.result as LinesResult).lines[0] : undefined;
      const t = run && !('error' in run) ? run.startup[0]?.product.timeToSpec : undefined;
      if (cell) cell.textContent = answer?.ok ? (t === undefined ? 'never' : formatNumber(t, 0)) : 'failed';
    }
    startupButton.disabled = false;
  });
  watchForm(host, form, update, 200);
}
