/**
 * View (c), "World supply": the 2024 baseline with the library's scenario layers as toggles and a few
 * sliders; the worker runs `simulateSupplyChain` (HiGHS, loaded only by this view's worker) on the scenario
 * file these make, and the view shows each country's separated share and demand not met over time.
 *
 * Quantities: the supply chain's tonnes (t of RE oxide at the separation stage, t of RE metal for magnet
 * demand), shares in % of the month's separated oxide, shortfall in % of the month's demand.
 */
import { stringify } from 'yaml';
import type { SupplyChainResult } from '../../src/index.js';
import { drawCharts } from './charts.js';
import { type Output, outputAreas, outputTable, setFormValues, slider, watchForm } from './format.js';
import { modelRunner } from './runner.js';
import { obj, scenarioPanel, tidy } from './scenarioFile.js';
import { readState, writeState } from './urlState.js';

/** The view's inputs: the layers switched on and their parameters. */
export interface SupplyState {
  /** China's 2025 export licensing (exportLicensing2025). */
  licensing: boolean;
  /** The observed approval schedule (GACC25) rather than one constant approval rate. */
  observedApprovals: boolean;
  /** Approval rate, % of the pre-control flow, when not observed. */
  approvalRate: number;
  /** Months a licence adds to a shipment, when not observed. */
  licenceDelayMonths: number;
  /** After the October 2025 additions' suspension: 'resumed' or 'extended'. */
  october: string;
  /** Kalgoorlie outage and Vietnam's ore-export ban (developments2025). */
  developments: boolean;
  /** MP Materials separating at home (mpDomesticProcessing; part of diversification). */
  mpDomestic: boolean;
  /** First month with no US concentrate exports. */
  mpFrom: string;
  /** Pakistan, Turkey and Serra Verde with MP (diversification). */
  diversification: boolean;
  /** Lynas's heavy rare earths (lynasHeavyRareEarths). */
  lynasHeavy: boolean;
  /** A disruption of Myanmar's supply (myanmarDisruption). */
  myanmar: boolean;
  /** Months simulated from January 2024. */
  months: number;
}

export const SUPPLY_DEFAULTS: SupplyState = {
  licensing: true,
  observedApprovals: true,
  approvalRate: 50,
  licenceDelayMonths: 2,
  october: 'resumed',
  developments: false,
  mpDomestic: false,
  mpFrom: '2025-04',
  diversification: false,
  lynasHeavy: false,
  myanmar: false,
  months: 36,
};

/** The scenario file (as an object) a supply state stands for; `reesim run` accepts it written as YAML. */
export function supplyScenario(s: SupplyState): Record<string, unknown> {
  const layers: Record<string, unknown>[] = [];
  if (s.developments) layers.push({ layer: 'developments2025' });
  if (s.lynasHeavy) layers.push({ layer: 'lynasHeavyRareEarths' });
  if (s.diversification) layers.push({ layer: 'diversification', params: { mp: { from: s.mpFrom } } });
  else if (s.mpDomestic) layers.push({ layer: 'mpDomesticProcessing', params: { from: s.mpFrom } });
  if (s.myanmar) layers.push({ layer: 'myanmarDisruption' });
  if (s.licensing) {
    layers.push({
      layer: 'exportLicensing2025',
      params: s.observedApprovals
        ? { october: s.october }
        : {
            approvalRate: s.approvalRate / 100,
            licenceDelayMonths: s.licenceDelayMonths,
            october: s.october,
          },
    });
  }
  return {
    reesim: 1,
    kind: 'supply-chain',
    title: 'World supply from the reesim playground',
    description: `The 2024 baseline with ${layers.length === 0 ? 'no layers' : layers.map((l) => l.layer).join(', ')}.`,
    input: {
      scenario: { base: 'baseline2024', layers },
      options: { start: '2024-01', months: s.months },
    },
  };
}

/**
 * The state a supply-chain file stands for, or why the page cannot show it: the page reads files built on
 * baseline2024 from January 2024 with the layers it offers, as it writes them.
 */
export function supplyStateOf(file: unknown): SupplyState | string {
  const f = obj(file);
  const input = obj(f?.input);
  const scenario = obj(input?.scenario);
  const options = obj(input?.options);
  if (f?.kind !== 'supply-chain')
    return `the supply view reads kind: supply-chain files, not ${String(f?.kind)}`;
  if (scenario?.base !== 'baseline2024' || scenario.add !== undefined) {
    return 'the supply view reads scenarios written as { base: baseline2024, layers }';
  }
  if (options?.start !== '2024-01') return 'the supply view runs from 2024-01';
  const extra = Object.keys(options).filter((k) => k !== 'start' && k !== 'months');
  if (extra.length > 0) return `the supply view sets only options.start and months, not ${extra.join(', ')}`;
  const s: SupplyState = {
    ...SUPPLY_DEFAULTS,
    licensing: false,
    months: Number(options.months),
  };
  const layers = Array.isArray(scenario.layers) ? scenario.layers : [];
  for (const l of layers) {
    const layer = obj(l);
    const params = obj(layer?.params) ?? {};
    const known = (keys: string[]) => Object.keys(params).every((k) => keys.includes(k));
    switch (layer?.layer) {
      case 'developments2025':
        if (!known([])) return 'the supply view takes developments2025 with its defaults';
        s.developments = true;
        break;
      case 'lynasHeavyRareEarths':
        if (!known([])) return 'the supply view takes lynasHeavyRareEarths with its defaults';
        s.lynasHeavy = true;
        break;
      case 'myanmarDisruption':
        if (!known([])) return 'the supply view takes myanmarDisruption with its defaults';
        s.myanmar = true;
        break;
      case 'mpDomesticProcessing':
        if (!known(['from'])) return 'the supply view sets only mpDomesticProcessing.from';
        s.mpDomestic = true;
        if (typeof params.from === 'string') s.mpFrom = params.from;
        break;
      case 'diversification': {
        const mp = obj(params.mp) ?? {};
        if (!known(['mp']) || Object.keys(mp).some((k) => k !== 'from')) {
          return 'the supply view sets only diversification.mp.from';
        }
        s.diversification = true;
        if (typeof mp.from === 'string') s.mpFrom = mp.from;
        break;
      }
      case 'exportLicensing2025':
        if (!known(['approvalRate', 'licenceDelayMonths', 'october'])) {
          return 'the supply view sets exportLicensing2025 approvalRate, licenceDelayMonths and october';
        }
        s.licensing = true;
        s.observedApprovals = params.approvalRate === undefined;
        if (typeof params.approvalRate === 'number') s.approvalRate = tidy(params.approvalRate * 100);
        if (typeof params.licenceDelayMonths === 'number') s.licenceDelayMonths = params.licenceDelayMonths;
        if (typeof params.october === 'string') s.october = params.october;
        break;
      default:
        return `the supply view has no toggle for the layer ${String(layer?.layer)}`;
    }
  }
  if (!Number.isInteger(s.months) || s.months < 1)
    return 'input.options.months must be a whole number of months';
  return s;
}

/** Separated share in the last month by country (above 0.05 %), and demand not met over the run by country. */
export function supplyOutputs(r: SupplyChainResult): { caption: string; rows: Output[] }[] {
  const last = r.months.length - 1;
  const shares = Object.entries(r.separatedShare)
    .map(([c, v]) => [c, (v[last] ?? 0) * 100] as const)
    .filter(([, v]) => v > 0.05)
    .sort((a, b) => b[1] - a[1]);
  const asked = new Map<string, number>();
  const met = new Map<string, number>();
  for (const d of r.demand) {
    asked.set(d.country, (asked.get(d.country) ?? 0) + d.demanded.reduce((a, x) => a + x, 0));
    met.set(d.country, (met.get(d.country) ?? 0) + d.met.reduce((a, x) => a + x, 0));
  }
  const short = [...asked.entries()].map(([c, a]) => [c, a - (met.get(c) ?? 0), a] as const);
  return [
    {
      caption: `Separated share, ${r.months[last]}`,
      rows: shares.map(([c, v]) => ({ key: `share.${c}`, label: c, value: v, unit: '%', digits: 2 })),
    },
    {
      caption: `Magnet demand not met, ${r.months[0]} to ${r.months[last]}`,
      rows: short.map(([c, s, a]) => ({
        key: `shortfall.${c}`,
        label: c,
        value: a > 0 ? (100 * s) / a : 0,
        unit: '% of demand',
        digits: 2,
      })),
    },
  ];
}

function checkbox(name: string, checked: boolean, label: string): HTMLLabelElement {
  const l = document.createElement('label');
  const i = document.createElement('input');
  i.type = 'checkbox';
  i.name = name;
  i.checked = checked;
  l.append(i, ` ${label}`);
  l.className = 'toggle';
  return l;
}

function labelled(label: string, input: HTMLElement): HTMLLabelElement {
  const l = document.createElement('label');
  const span = document.createElement('span');
  span.textContent = label;
  l.append(span, input, document.createElement('span'));
  return l;
}

/** Builds the view into `host`. */
export function mountSupply(host: HTMLElement): void {
  const state: SupplyState = { ...SUPPLY_DEFAULTS, ...readState('supply', SUPPLY_DEFAULTS) };
  const runner = modelRunner();
  const form = document.createElement('form');
  form.className = 'inputs';
  const october = document.createElement('select');
  october.name = 'october';
  for (const o of ['resumed', 'extended']) october.add(new Option(o, o, false, o === state.october));
  const mpFrom = document.createElement('input');
  mpFrom.type = 'month';
  mpFrom.name = 'mpFrom';
  mpFrom.min = '2024-01';
  mpFrom.max = '2029-12';
  mpFrom.value = state.mpFrom;
  form.append(
    checkbox('licensing', state.licensing, "China's 2025 export licensing"),
    checkbox('observedApprovals', state.observedApprovals, 'licences approved as observed (GACC25)'),
    slider('approvalRate', state.approvalRate, 0, 100, 5, 'licence approval rate', ' %'),
    slider('licenceDelayMonths', state.licenceDelayMonths, 0, 12, 1, 'licence delay', ' months'),
    labelled('October 2025 additions', october),
    checkbox('developments', state.developments, 'Kalgoorlie outage and Vietnam ore ban (2025)'),
    checkbox('mpDomestic', state.mpDomestic, 'MP Materials separates at home'),
    labelled('MP stops concentrate exports from', mpFrom),
    checkbox('diversification', state.diversification, 'diversification: MP, Pakistan, Turkey, Serra Verde'),
    checkbox('lynasHeavy', state.lynasHeavy, "Lynas's heavy rare earths"),
    checkbox('myanmar', state.myanmar, "Myanmar's supply disrupted"),
    slider('months', state.months, 12, 72, 6, 'months from January 2024', ' months'),
  );
  const { status, outputs, charts } = outputAreas();
  const panel = scenarioPanel('supply.yaml', 'supply-chain', (file) => {
    const loaded = supplyStateOf(file);
    if (typeof loaded === 'string') return loaded;
    setFormValues(form, loaded);
    schedule();
    return undefined;
  });
  host.append(form, status, outputs, charts, panel.element);

  const value = (name: string) => form.querySelector<HTMLInputElement>(`[name="${name}"]`);
  const read = (): void => {
    for (const key of Object.keys(SUPPLY_DEFAULTS) as (keyof SupplyState)[]) {
      const el = value(key);
      if (!el) continue;
      const fallback = SUPPLY_DEFAULTS[key];
      const v =
        typeof fallback === 'boolean'
          ? el.checked
          : typeof fallback === 'number'
            ? Number(el.value)
            : el.value;
      (state as unknown as Record<string, unknown>)[key] = v;
    }
    const approval = !state.licensing || state.observedApprovals;
    for (const k of ['approvalRate', 'licenceDelayMonths']) {
      const el = value(k);
      if (el) el.disabled = approval;
    }
    const mp = value('mpDomestic');
    if (mp) mp.disabled = state.diversification;
  };

  let generation = 0;
  const update = async (): Promise<void> => {
    const gen = ++generation;
    read();
    writeState('supply', state);
    const text = stringify(supplyScenario(state));
    panel.show(text);
    host.dataset.state = 'running';
    status.classList.remove('error');
    status.textContent = `Simulating ${state.months} months (HiGHS, one LP a month)…`;
    const answer = await runner.run(text);
    if (!answer || gen !== generation) return; // replaced by a newer request
    if (!answer.ok) {
      status.textContent = answer.error;
      status.classList.add('error');
      host.dataset.state = 'error';
      return;
    }
    const r = answer.result as SupplyChainResult;
    status.textContent = `Simulated ${r.months.length} months in ${(answer.ms / 1000).toFixed(1)} s (${r.lp.solves} LP solves).`;
    outputs.replaceChildren(...supplyOutputs(r).map((t) => outputTable(t.caption, t.rows)));
    const shown = answer.charts.filter((c) => c.name === 'separated-share' || c.name === 'shortfall');
    await drawCharts(charts, shown);
    if (gen === generation) host.dataset.state = 'done';
  };
  const schedule = watchForm(host, form, update, 300);
}
