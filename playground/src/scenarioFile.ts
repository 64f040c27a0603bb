/**
 * The scenario-file panel of a view: the file the inputs make (YAML that `reesim run` accepts, with a
 * download link), and a box to paste or open a file that sets the inputs from it.
 */
import { parse } from 'yaml';

export interface ScenarioPanel {
  readonly element: HTMLDetailsElement;
  /** Shows the file the current inputs make. */
  show(text: string): void;
}

/**
 * `name` names the download; `load` sets the view from a parsed file and returns why it cannot, if it
 * cannot (the page reads the files it writes, not every file `reesim run` accepts).
 */
export function scenarioPanel(
  name: string,
  kind: string,
  load: (file: unknown) => string | undefined,
): ScenarioPanel {
  const element = document.createElement('details');
  element.className = 'scenario-file';
  element.innerHTML = '<summary>Scenario file (YAML for <code>reesim run</code>): save or open</summary>';
  const download = document.createElement('a');
  download.textContent = `Download ${name}`;
  download.download = name;
  const pre = document.createElement('pre');
  pre.dataset.scenario = kind;
  const box = document.createElement('textarea');
  box.name = 'scenario-in';
  box.rows = 6;
  box.placeholder = `Paste a ${kind} scenario file here (or open one), then Load.`;
  const open = document.createElement('input');
  open.type = 'file';
  open.accept = '.yaml,.yml,.json';
  open.addEventListener('change', async () => {
    const file = open.files?.[0];
    if (file) box.value = await file.text();
  });
  const button = document.createElement('button');
  button.type = 'button';
  button.name = 'scenario-load';
  button.textContent = 'Load';
  const message = document.createElement('p');
  message.className = 'status';
  button.addEventListener('click', () => {
    let file: unknown;
    try {
      file = parse(box.value);
    } catch (e) {
      message.textContent = `Not YAML: ${e instanceof Error ? e.message : String(e)}`;
      message.classList.add('error');
      return;
    }
    const problem = load(file);
    message.textContent = problem ?? 'Loaded.';
    message.classList.toggle('error', problem !== undefined);
  });
  const loader = document.createElement('div');
  loader.className = 'loader';
  loader.append(box, open, button, message);
  element.append(download, pre, loader);
  return {
    element,
    show(text) {
      pre.textContent = text;
      download.href = `data:text/yaml;charset=utf-8,${encodeURIComponent(text)}`;
    },
  };
}

/** A plain object, or undefined. */
export function obj(v: unknown): Record<string, unknown> | undefined {
  return typeof v === 'object' && v !== null && !Array.isArray(v)
    ? (v as Record<string, unknown>)
    : undefined;
}

/** Drops the binary noise of a decimal computed in floating point (99.9 / 100 → 0.999). */
export function tidy(x: number): number {
  return Number(x.toPrecision(12));
}
