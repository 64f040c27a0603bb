/** How the page writes numbers: the library's own formatters, so the page and the CLI's reports agree. */
import { formatNumber } from '../../src/entries/report.js';

/** A table row of outputs: label, value (formatted with `formatNumber(value, digits)`) and its unit. */
export interface Output {
  readonly key: string;
  readonly label: string;
  readonly value: number;
  readonly unit: string;
  readonly digits?: number;
}

/** A table of outputs; each value cell carries `data-key` so it can be found (and tested) by name. */
export function outputTable(caption: string, rows: readonly Output[]): HTMLTableElement {
  const table = document.createElement('table');
  table.className = 'outputs';
  const cap = table.createCaption();
  cap.textContent = caption;
  for (const row of rows) {
    const tr = table.insertRow();
    tr.insertCell().textContent = row.label;
    const value = tr.insertCell();
    value.className = 'value';
    value.dataset.key = row.key;
    value.textContent = formatNumber(row.value, row.digits ?? 4);
    const unit = tr.insertCell();
    unit.className = 'unit';
    unit.textContent = row.unit;
  }
  return table;
}

/** A labelled range input with its value and unit shown beside it (`unit` written as shown: " %", "×"). */
export function slider(
  name: string,
  value: number,
  min: number,
  max: number,
  step: number,
  label: string,
  unit: string,
) {
  const l = document.createElement('label');
  const span = document.createElement('span');
  span.textContent = label;
  const i = rangeInput(name, value, min, max, step);
  const out = document.createElement('output');
  out.className = 'unit';
  const show = () => {
    out.textContent = `${i.value}${unit}`;
  };
  i.addEventListener('input', show);
  show();
  l.append(span, i, out);
  return l;
}

/** A number input with its bounds and step. */
export function numberInput(
  name: string,
  value: number,
  min: number,
  max: number,
  step: number | 'any',
): HTMLInputElement {
  const i = document.createElement('input');
  i.type = 'number';
  i.name = name;
  i.min = String(min);
  i.max = String(max);
  i.step = String(step);
  i.value = String(value);
  return i;
}

/** A range input (slider) with its bounds and step. */
export function rangeInput(
  name: string,
  value: number,
  min: number,
  max: number,
  step: number,
): HTMLInputElement {
  const i = numberInput(name, value, min, max, step);
  i.type = 'range';
  return i;
}

/**
 * Runs `update` now and again after the form's inputs settle (`delayMs` after the last change): the view's
 * `data-state` is `pending` meanwhile, which the browser tests wait on. Returns the scheduler, for changes
 * made by code (a loaded file).
 */
export function watchForm(
  host: HTMLElement,
  form: HTMLFormElement,
  update: () => Promise<void>,
  delayMs: number,
): () => void {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const schedule = (): void => {
    host.dataset.state = 'pending';
    clearTimeout(timer);
    timer = setTimeout(() => void update(), delayMs);
  };
  form.addEventListener('input', schedule);
  form.addEventListener('change', schedule);
  form.addEventListener('submit', (e) => e.preventDefault());
  void update();
  return schedule;
}

/** A view's live status line (read by screen readers), its tables' area and its charts' area. */
export function outputAreas(): {
  status: HTMLParagraphElement;
  outputs: HTMLDivElement;
  charts: HTMLDivElement;
} {
  const status = document.createElement('p');
  status.className = 'status';
  status.setAttribute('aria-live', 'polite');
  const outputs = document.createElement('div');
  outputs.className = 'tables';
  const charts = document.createElement('div');
  charts.className = 'charts';
  return { status, outputs, charts };
}

/**
 * Sets the form's inputs named by `values` (a checkbox from a boolean) and fires `input` on each, as a user's
 * change would; names the form does not have are passed over.
 */
export function setFormValues(form: HTMLFormElement, values: object): void {
  for (const [name, v] of Object.entries(values)) {
    const el = form.querySelector<HTMLInputElement>(`[name="${name}"]`);
    if (!el) continue;
    if (typeof v === 'boolean') el.checked = v;
    else el.value = String(v);
    el.dispatchEvent(new Event('input'));
  }
}
