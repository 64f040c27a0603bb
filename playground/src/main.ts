/**
 * The playground's entry: tabs for the views, each built the first time it is shown (the supply view, and
 * with it HiGHS, loads only when its tab is opened).
 */
import { viewInUrl } from './urlState.js';

const VIEWS: Record<string, (host: HTMLElement) => Promise<void>> = {
  design: async (host) => (await import('./design.js')).mountDesign(host),
  parallel: async (host) => (await import('./parallel.js')).mountParallel(host),
  supply: async (host) => (await import('./supply.js')).mountSupply(host),
};

const mounted = new Set<string>();

async function show(view: string): Promise<void> {
  const name = view in VIEWS ? view : 'design';
  for (const section of document.querySelectorAll<HTMLElement>('main > section')) {
    section.hidden = section.dataset.view !== name;
  }
  for (const button of document.querySelectorAll<HTMLButtonElement>('#tabs button')) {
    button.setAttribute('aria-selected', String(button.dataset.view === name));
  }
  if (mounted.has(name)) return;
  mounted.add(name);
  const host = document.querySelector<HTMLElement>(`#view-${name}`);
  if (host) await VIEWS[name]?.(host);
}

for (const button of document.querySelectorAll<HTMLButtonElement>('#tabs button')) {
  button.addEventListener('click', () => void show(button.dataset.view ?? 'design'));
}
void show(viewInUrl() ?? 'design');
