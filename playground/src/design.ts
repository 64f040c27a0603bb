/**
 * View (a), "Design a cut": two adjacent rare earths in one extractant system, the purities and the feed; the
 * worker runs `designCascade` on the scenario file these make and the view shows the verified stages, flows,
 * solvent inventory, reagents per tonne and the design's charts.
 *
 * Quantities: feed amounts in kmol/h and volumes in m³/h (the feed at `concentration` kmol/m³ = mol/L), so
 * the design's flows are in m³/h, its solvent inventory (organic flow × 25 min × stages) in m³ and its
 * reagents in kmol/h.
 */
import { stringify } from 'yaml';
import { oxideMassPerMole, reagentMass } from '../../src/entries/chemistry.js';
import { extractants } from '../../src/entries/sx.js';
import type { CascadeDesign } from '../../src/index.js';
import { drawCharts } from './charts.js';
import { numberInput, type Output, outputAreas, outputTable, rangeInput, watchForm } from './format.js';
import { modelRunner } from './runner.js';
import { obj, scenarioPanel, tidy } from './scenarioFile.js';
import { readState, writeState } from './urlState.js';

/** The view's inputs: everything a design scenario file needs. */
export interface DesignState {
  system: string;
  /** The pair, more/less extractable (e.g. 'Nd/Pr'). */
  pair: string;
  /** Feed of each element of the pair, kmol/h. */
  feedA: number;
  feedB: number;
  /** Feed concentration, mol/L (kmol/m³). */
  concentration: number;
  /** Purity targets in %: the more extractable in the organic product, the less in the raffinate. */
  purityOrganic: number;
  purityAqueous: number;
}

export const DESIGN_DEFAULTS: DesignState = {
  system: 'P507',
  pair: 'Nd/Pr',
  feedA: 3.7062,
  feedB: 1.3247,
  concentration: 1,
  purityOrganic: 99.9,
  purityAqueous: 99.9,
};

/** The adjacent pairs of a system, written more/less extractable. */
export function pairsOf(system: string): string[] {
  const data = extractants[system as keyof typeof extractants];
  return data ? Object.keys(data.pairs) : [];
}

/** The scenario file (as an object) a design state stands for; `reesim run` accepts it written as YAML. */
export function designScenario(s: DesignState): Record<string, unknown> {
  const [A, B] = s.pair.split('/') as [string, string];
  const feedTotal = s.feedA + s.feedB;
  return {
    reesim: 1,
    kind: 'design',
    title: `${A}/${B} cut with ${s.system}, ${s.purityOrganic} % / ${s.purityAqueous} %`,
    description: `Feed in kmol/h, volumes in m3/h (feed at ${s.concentration} mol/L); from the reesim playground.`,
    input: {
      feed: { [B]: s.feedB, [A]: s.feedA },
      equilibrium: { system: s.system, elements: [B, A] },
      purity: { organic: tidy(s.purityOrganic / 100), aqueous: tidy(s.purityAqueous / 100) },
      feedVolume: tidy(feedTotal / s.concentration),
      flowUnits: 'kmol/h',
    },
  };
}

/**
 * The state a design file stands for, or why the page cannot show it: the page reads files with an
 * extractant system, two elements and a feed volume, as it writes them.
 */
export function designStateOf(file: unknown): DesignState | string {
  const f = obj(file);
  const input = obj(f?.input);
  const eq = obj(input?.equilibrium);
  const feed = obj(input?.feed);
  const purity = obj(input?.purity);
  if (f?.kind !== 'design') return `the design view reads kind: design files, not ${String(f?.kind)}`;
  if (input?.flowUnits !== undefined && input.flowUnits !== 'kmol/h')
    return `the design view works in kmol/h and m³/h, not ${String(input.flowUnits)}`;
  const elements = eq?.elements;
  if (typeof eq?.system !== 'string' || !Array.isArray(elements) || elements.length !== 2) {
    return 'the design view reads files whose equilibrium is { system, elements: [two elements] }';
  }
  const pair = pairsOf(eq.system).find((p) => {
    const [a, b] = p.split('/');
    return elements.includes(a) && elements.includes(b);
  });
  if (!pair) return `${elements.join(' and ')} are not adjacent in ${eq.system}`;
  const [A, B] = pair.split('/') as [string, string];
  const feedA = Number(feed?.[A]);
  const feedB = Number(feed?.[B]);
  const volume = Number(input?.feedVolume);
  const po = Number(purity?.organic);
  const pa = Number(purity?.aqueous);
  if (![feedA, feedB, volume, po, pa].every(Number.isFinite)) {
    return 'the design view needs input.feed of both elements, input.feedVolume and input.purity';
  }
  return {
    system: eq.system,
    pair,
    feedA,
    feedB,
    concentration: tidy((feedA + feedB) / volume),
    purityOrganic: tidy(po * 100),
    purityAqueous: tidy(pa * 100),
  };
}

/** The figures the view shows, each with its unit. */
export function designOutputs(d: CascadeDesign, s: DesignState): { caption: string; rows: Output[] }[] {
  const [A, B] = s.pair.split('/') as [string, string];
  // t REO/h fed: kmol/h × g oxide/mol = kg/h, / 1000.
  const reoFed = (s.feedA * oxideMassPerMole(A) + s.feedB * oxideMassPerMole(B)) / 1000;
  const naoh = reagentMass('NaOH', d.reagents.saponificationBase);
  const hcl = reagentMass('HCl', d.reagents.stripAcid);
  return [
    {
      caption: 'Stages (verified by stage-wise simulation)',
      rows: [
        {
          key: 'stages.extraction',
          label: 'extraction',
          value: d.stages.extraction,
          unit: 'stages',
          digits: 0,
        },
        { key: 'stages.scrub', label: 'scrub', value: d.stages.scrub, unit: 'stages', digits: 0 },
        { key: 'stages.total', label: 'total', value: d.stages.total, unit: 'stages', digits: 0 },
        {
          key: 'shortcut.fenske',
          label: 'Fenske minimum (total reflux)',
          value: d.shortcut.fenske,
          unit: 'stages',
          digits: 1,
        },
      ],
    },
    {
      caption: 'Flows',
      rows: [
        { key: 'flows.feedVolume', label: 'feed', value: d.flows.feedVolume, unit: 'm³/h', digits: 3 },
        {
          key: 'flows.organicVolume',
          label: 'organic',
          value: d.flows.organicVolume,
          unit: 'm³/h',
          digits: 3,
        },
        {
          key: 'flows.scrubVolume',
          label: 'scrub liquor',
          value: d.flows.scrubVolume,
          unit: 'm³/h',
          digits: 3,
        },
        { key: 'flows.reflux', label: 'scrub reflux', value: d.flows.reflux, unit: 'kmol/h', digits: 3 },
        {
          key: 'flows.product',
          label: `${A} product (organic)`,
          value: d.flows.product,
          unit: 'kmol/h',
          digits: 3,
        },
        {
          key: 'flows.raffinate',
          label: `${B} product (raffinate)`,
          value: d.flows.raffinate,
          unit: 'kmol/h',
          digits: 3,
        },
        {
          key: 'phaseRatio.extraction',
          label: 'O/A, extraction',
          value: d.flows.phaseRatio.extraction,
          unit: 'm³/m³',
          digits: 3,
        },
      ],
    },
    {
      caption: 'Solvent and reagents',
      rows: [
        {
          key: 'solventInventory.total',
          label: 'solvent inventory',
          value: d.solventInventory.total,
          unit: 'm³',
          digits: 1,
        },
        {
          key: 'reagents.naohPerTonne',
          label: 'NaOH (saponification)',
          value: naoh / reoFed,
          unit: 'kg/t REO fed',
          digits: 1,
        },
        {
          key: 'reagents.hclPerTonne',
          label: 'HCl (strip)',
          value: hcl / reoFed,
          unit: 'kg/t REO fed',
          digits: 1,
        },
        { key: 'reagents.naoh', label: 'NaOH', value: naoh, unit: 'kg/h', digits: 1 },
      ],
    },
    {
      caption: 'Purity and recovery reached',
      rows: [
        {
          key: 'purity.organic',
          label: `${A} in the organic product`,
          value: d.purity.organic * 100,
          unit: '%',
          digits: 3,
        },
        {
          key: 'purity.aqueous',
          label: `${B} in the raffinate`,
          value: d.purity.aqueous * 100,
          unit: '%',
          digits: 3,
        },
        {
          key: 'recovery.organic',
          label: `${A} recovered`,
          value: d.recovery.organic * 100,
          unit: '%',
          digits: 3,
        },
      ],
    },
  ];
}

/** A labelled input with its unit (or an output showing the value with its unit). */
function field(label: string, input: HTMLElement, unit: string | HTMLElement): HTMLLabelElement {
  const l = document.createElement('label');
  const span = document.createElement('span');
  span.textContent = label;
  const u = typeof unit === 'string' ? document.createElement('span') : unit;
  u.classList.add('unit');
  if (typeof unit === 'string') u.textContent = unit;
  l.append(span, input, u);
  return l;
}

function select(name: string, options: readonly string[], value: string): HTMLSelectElement {
  const s = document.createElement('select');
  s.name = name;
  for (const o of options) s.add(new Option(o, o, false, o === value));
  return s;
}

/** Builds the view into `host`. */
export function mountDesign(host: HTMLElement): void {
  const state: DesignState = { ...DESIGN_DEFAULTS, ...readState('design', DESIGN_DEFAULTS) };
  if (!pairsOf(state.system).includes(state.pair)) state.pair = pairsOf(state.system)[0] ?? '';
  const runner = modelRunner();

  const form = document.createElement('form');
  form.className = 'inputs';
  const system = select('system', Object.keys(extractants), state.system);
  const pair = select('pair', pairsOf(state.system), state.pair);
  const feedA = numberInput('feedA', state.feedA, 0.001, 1e4, 'any');
  const feedB = numberInput('feedB', state.feedB, 0.001, 1e4, 'any');
  const conc = numberInput('concentration', state.concentration, 0.05, 3, 0.05);
  const pOrg = rangeInput('purityOrganic', state.purityOrganic, 90, 99.99, 0.01);
  const pAq = rangeInput('purityAqueous', state.purityAqueous, 90, 99.99, 0.01);
  const pOrgOut = document.createElement('output');
  const pAqOut = document.createElement('output');
  const feedALabel = field('feed, more extractable', feedA, 'kmol/h');
  const feedBLabel = field('feed, less extractable', feedB, 'kmol/h');
  const pOrgLabel = field('purity, organic product', pOrg, pOrgOut);
  const pAqLabel = field('purity, raffinate', pAq, pAqOut);
  /** Names the elements of the chosen pair in the labels. */
  const name = (l: HTMLLabelElement, text: string) => {
    const span = l.firstElementChild;
    if (span) span.textContent = text;
  };
  form.append(
    field('extractant', system, ''),
    field('cut (more/less extractable)', pair, ''),
    feedALabel,
    feedBLabel,
    field('feed concentration', conc, 'mol/L'),
    pOrgLabel,
    pAqLabel,
  );

  const { status, outputs, charts } = outputAreas();
  const panel = scenarioPanel('design.yaml', 'design', (file) => {
    const loaded = designStateOf(file);
    if (typeof loaded === 'string') return loaded;
    system.value = loaded.system;
    pair.replaceChildren(...pairsOf(loaded.system).map((p) => new Option(p, p, false, p === loaded.pair)));
    feedA.value = String(loaded.feedA);
    feedB.value = String(loaded.feedB);
    conc.value = String(loaded.concentration);
    pOrg.value = String(loaded.purityOrganic);
    pAq.value = String(loaded.purityAqueous);
    schedule();
    return undefined;
  });
  host.append(form, status, outputs, charts, panel.element);

  const read = (): void => {
    state.system = system.value;
    if (!pairsOf(state.system).includes(pair.value)) {
      pair.replaceChildren(...pairsOf(state.system).map((p) => new Option(p, p)));
    }
    state.pair = pair.value;
    state.feedA = Number(feedA.value);
    state.feedB = Number(feedB.value);
    state.concentration = Number(conc.value);
    state.purityOrganic = Number(pOrg.value);
    state.purityAqueous = Number(pAq.value);
  };

  let generation = 0;
  const update = async (): Promise<void> => {
    const gen = ++generation;
    read();
    const [A, B] = state.pair.split('/') as [string, string];
    name(feedALabel, `feed, ${A} (more extractable)`);
    name(feedBLabel, `feed, ${B}`);
    name(pOrgLabel, `${A} purity, organic product`);
    name(pAqLabel, `${B} purity, raffinate`);
    pOrgOut.textContent = `${state.purityOrganic.toFixed(2)} %`;
    pAqOut.textContent = `${state.purityAqueous.toFixed(2)} %`;
    writeState('design', state);
    const text = stringify(designScenario(state));
    panel.show(text);
    host.dataset.state = 'running';
    status.textContent = 'Designing…';
    const answer = await runner.run(text);
    if (!answer || gen !== generation) return; // replaced by a newer request
    if (!answer.ok) {
      status.textContent = answer.error;
      status.classList.add('error');
      host.dataset.state = 'error';
      return;
    }
    status.classList.remove('error');
    const d = answer.result as CascadeDesign;
    status.textContent = `Designed and verified in ${Math.round(answer.ms)} ms (${d.simulations} simulations).`;
    outputs.replaceChildren(...designOutputs(d, state).map((t) => outputTable(t.caption, t.rows)));
    await drawCharts(charts, answer.charts);
    if (gen === generation) host.dataset.state = 'done';
  };
  const schedule = watchForm(host, form, update, 120);
}
