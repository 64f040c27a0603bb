// Charts as Vega-Lite specs rendered to SVG (src/report/charts.ts, charts/*, svg.ts): every builder on a
// small real result gives a well-formed SVG showing its title, both axis titles (with units) and its legend
// title; the data says what the result says; no NaN or Infinity reaches a spec; rendering is deterministic;
// chartsFor has charts for every scenario kind.
import { SaxesParser } from 'saxes';
import { beforeAll, describe, expect, it } from 'vitest';
import { monteCarlo } from '../../src/engine/monteCarlo.js';
import { sweep } from '../../src/engine/sweep.js';
import { type FlowsheetResult, simulateFlowsheet } from '../../src/flowsheet/simulate.js';
import { cascadeProfileChart, cascadePurityChart } from '../../src/report/charts/cascade.js';
import { startupImpurityChart, startupTransientChart } from '../../src/report/charts/dynamics.js';
import { mccabeThieleChart, mccabeThieleRatioChart } from '../../src/report/charts/mccabeThiele.js';
import { parallelLinesChart } from '../../src/report/charts/parallelLines.js';
import { recoveryChart } from '../../src/report/charts/recovery.js';
import type { ChartSpec } from '../../src/report/charts/spec.js';
import { histogramChart, sweepChart, tornadoChart } from '../../src/report/charts/study.js';
import {
  separatedShareChart,
  shortfallChart,
  supplyProductionChart,
} from '../../src/report/charts/supply.js';
import { trainStagesChart } from '../../src/report/charts/train.js';
import { chartsFor, MAX_CHARTED_OUTPUTS } from '../../src/report/charts.js';
import { formatValue } from '../../src/report/kinds/common.js';
import { renderSvg } from '../../src/report/svg.js';
import { SCENARIO_KINDS } from '../../src/scenario/kinds.js';
import { makeStream } from '../../src/stream/stream.js';
import type { MonteCarloResult } from '../../src/study/monteCarlo.js';
import { type ParallelLines, parallelLines } from '../../src/study/parallelLines.js';
import { summarise } from '../../src/study/summary.js';
import { gridPoints, type SweepResult } from '../../src/study/sweep.js';
import { type SupplyChainResult, simulateSupplyChain } from '../../src/supply/simulate.js';
import type { SupplyScenario } from '../../src/supply/types.js';
import type { CascadeSpec } from '../../src/sx/cascadeSpec.js';
import { type CascadeDesign, designCascade } from '../../src/sx/design/designCascade.js';
import { designSeparationTrain, type SeparationTrain } from '../../src/sx/design/separationTrain.js';
import { type CascadeDynamicsResult, simulateCascadeDynamics } from '../../src/sx/dynamics/dynamics.js';
import { distribution, separationFactors } from '../../src/sx/equilibrium/equilibrium.js';
import { type CascadeResult, simulateCascade } from '../../src/sx/steady/simulateCascade.js';
import { codeOf } from '../helpers.js';

// ---------------------------------------------------------------------------------------------------------
// Small real results

const linear: CascadeSpec = {
  stages: { extraction: 4, scrub: 3 },
  feed: { flows: { A: 0.5, B: 0.5 }, volume: 1 },
  organic: { volume: 2 },
  scrub: { volume: 1 },
  equilibrium: distribution({ A: 0.85, B: 1.5 }),
};

// Xu's saturated model, β = 2, the ree-data 3.8a cascade (25 + 21 stages at S = 1.709, W = 1.208 mol per mol
// feed, loading 0.18 mol/L): B falls to ~1e-4 of the flows at the product end, so the flows span decades.
const saturated: CascadeSpec = {
  stages: { extraction: 25, scrub: 21 },
  feed: { flows: { A: 0.5, B: 0.5 }, volume: 1 },
  organic: { volume: 1.709 / 0.18 },
  scrub: { volume: 1, reflux: 1.208 },
  equilibrium: separationFactors({ A: 2, B: 1 }),
};

const holdup = { mixer: { residenceTime: 0.05 }, settler: { residenceTime: 0.5 } } as const;
const dynamicsScenario = { spec: linear, options: { holdup, duration: 80 } };

const ore = makeStream('ore', { La: 2, Ce: 3, Nd: 1, Th: 0.02, Ca: 15, Fe: 2, Gangue: 70, H2O: 5 });
const flowsheet = {
  name: 'rougher-cleaner',
  feeds: { ore },
  blocks: [
    {
      id: 'rougher',
      unit: 'beneficiation',
      params: { method: 'flotation', recovery: 0.9, gangueRecovery: 0.2 },
      inlets: { feed: 'ore' },
      outlets: { concentrate: 'roughConc', tailings: 'roughTails' },
    },
    {
      id: 'cleaner',
      unit: 'beneficiation',
      params: { method: 'flotation', recovery: 0.8, gangueRecovery: 0.3 },
      inlets: { feed: 'roughConc' },
      outlets: { concentrate: 'conc', tailings: 'cleanerTails' },
    },
  ],
  products: ['conc', 'cleanerTails'],
  residues: ['roughTails'],
};

const MAGNET = ['Nd', 'Pr', 'Dy', 'Tb'];
const toy: SupplyScenario = {
  name: 'toy',
  countries: { CN: 'China', US: 'United States', MY: 'Malaysia' },
  facilities: [
    { id: 'bayan', country: 'CN', kind: 'mine', capacity: 120_000, mix: { deposit: 'bayan-obo' } },
    { id: 'mp', country: 'US', kind: 'mine', capacity: 45_000, mix: { deposit: 'mountain-pass' } },
    { id: 'baotou', country: 'CN', kind: 'separation', capacity: 100_000, recovery: 0.95 },
    { id: 'kuantan', country: 'MY', kind: 'separation', capacity: 12_000, recovery: 0.95 },
    { id: 'cnMetal', country: 'CN', kind: 'metal', capacity: 40_000, recovery: 0.98, elements: MAGNET },
  ],
  links: [
    { from: 'bayan', to: 'baotou', stage: 'concentrate' },
    { from: 'mp', to: 'baotou', stage: 'concentrate', leadTime: 2 },
    { from: 'mp', to: 'kuantan', stage: 'concentrate', leadTime: 2 },
    { from: 'baotou', to: 'cnMetal', stage: 'oxide' },
    { from: 'kuantan', to: 'cnMetal', stage: 'oxide', leadTime: 1 },
  ],
  demand: [
    {
      id: 'cn',
      country: 'CN',
      sector: 'metal',
      stage: 'metal',
      elements: { Nd: 20_000, Pr: 6_000, Dy: 800 },
    },
  ],
};
const supplyScenario = { scenario: toy, options: { start: '2024-01', months: 12 } };

const mcStudy = {
  model: 'cascade' as const,
  base: linear,
  runs: 60,
  outputs: ['product.purity.B', 'raffinate.purity.A', 'toOrganic.B'],
  parameters: [
    { path: 'equilibrium.D.B', distribution: { kind: 'uniform' as const, min: 1.2, max: 2 } },
    { path: 'equilibrium.D.A', distribution: { kind: 'uniform' as const, min: 0.6, max: 0.9 } },
    { path: 'organic.volume', distribution: { kind: 'uniform' as const, min: 1.9, max: 2.1 } },
  ],
};

const sweepStudy = {
  model: 'cascade' as const,
  base: linear,
  ...gridPoints([
    { path: 'organic.volume', values: [1, 1.5, 2, 3] },
    { path: 'equilibrium.D.B', values: [1.5, 2] },
  ]),
  outputs: ['product.purity.B', 'toOrganic.B'],
};

let cascade: CascadeResult;
let sat: CascadeResult;
let design: CascadeDesign;
let train: SeparationTrain;
let dynamics: CascadeDynamicsResult;
let plant: FlowsheetResult;
let supply: SupplyChainResult;
let mc: MonteCarloResult;
let sw: SweepResult;
let lines: ParallelLines;

/** The Pr/Nd line of examples/scenarios/parallel-lines.yaml, with (d) fed past its ceiling (not built). */
const linesRequest = {
  feed: { Pr: 1.3247, Nd: 3.7062 },
  unit: 'kmol/h',
  feedVolume: 5.0309,
  purity: { organic: 0.999, aqueous: 0.999 },
  k: 2,
  f: 1.6,
  beta: 1.7,
} as const;

beforeAll(async () => {
  cascade = simulateCascade(linear);
  sat = simulateCascade(saturated);
  design = designCascade({
    feed: { A: 0.5, B: 0.5 },
    equilibrium: separationFactors({ A: 2, B: 1 }),
    purity: { organic: 0.99, aqueous: 0.99 },
  });
  train = designSeparationTrain({ feed: { La: 1, Ce: 1.5, Pr: 0.3 }, purity: 0.99 });
  dynamics = simulateCascadeDynamics(dynamicsScenario.spec, dynamicsScenario.options);
  plant = simulateFlowsheet(flowsheet);
  supply = await simulateSupplyChain(toy, supplyScenario.options);
  mc = await monteCarlo(mcStudy, { threads: 0, seed: 'charts' });
  sw = await sweep(sweepStudy, { threads: 0 });
  lines = parallelLines(linesRequest);
});

// ---------------------------------------------------------------------------------------------------------
// Reading an SVG

interface Svg {
  root: string;
  /** Text content of every <text> and <title> element. */
  texts: string[];
}

/** Parses `svg` with saxes (throws on malformed XML) and collects its texts. */
function parseSvg(svg: string): Svg {
  const parser = new SaxesParser({ xmlns: true });
  const texts: string[] = [];
  let root = '';
  let open: string[] = [];
  let depth = 0;
  let inText = 0;
  parser.on('opentag', (tag) => {
    if (depth === 0) root = tag.local;
    depth++;
    if (tag.local === 'text' || tag.local === 'title') {
      if (inText === 0) open = [];
      inText++;
    }
  });
  parser.on('text', (t) => {
    if (inText > 0) open.push(t);
  });
  parser.on('closetag', (tag) => {
    depth--;
    if (tag.local === 'text' || tag.local === 'title') {
      inText--;
      if (inText === 0) texts.push(open.join(''));
    }
  });
  parser.write(svg).close();
  return { root, texts };
}

/** Every number in `value` that is not finite, by path. */
function nonFinite(value: unknown, path = 'spec'): string[] {
  if (typeof value === 'number') return Number.isFinite(value) ? [] : [path];
  if (Array.isArray(value)) return value.flatMap((v, i) => nonFinite(v, `${path}[${i}]`));
  if (value && typeof value === 'object')
    return Object.entries(value).flatMap(([k, v]) => nonFinite(v, `${path}.${k}`));
  return [];
}

/** A unit in parentheses at the end of an axis title, e.g. `(mol/h)` or `(%, ...)`. */
const HAS_UNIT = /\([^()]+\)$/;

interface Expected {
  title: string;
  axes: readonly string[];
  legends: string[];
}

/** Renders `spec` and checks the SVG is well formed and shows the title, both axis titles and the legends. */
async function expectChart(spec: ChartSpec, e: Expected): Promise<Svg> {
  expect(nonFinite(spec)).toEqual([]);
  expect(spec.$schema).toBe('https://vega.github.io/schema/vega-lite/v6.json');
  const warnings: string[] = [];
  const svg = await renderSvg(spec, { onWarning: (m) => warnings.push(m) });
  expect(warnings).toEqual([]);
  expect(svg).not.toContain('NaN');
  const doc = parseSvg(svg);
  expect(doc.root).toBe('svg');
  expect(doc.texts).toContain(e.title);
  for (const axis of e.axes) {
    expect(axis).toMatch(HAS_UNIT);
    expect(doc.texts).toContain(axis);
  }
  expect(e.legends.length).toBeGreaterThan(0);
  for (const legend of e.legends) expect(doc.texts).toContain(legend);
  const width = Number(/<svg[^>]* width="(\d+(?:\.\d+)?)"/.exec(svg)?.[1]);
  expect(width).toBeGreaterThan(500);
  expect(width).toBeLessThanOrEqual(900);
  // Only the title sits above the plot: no axis title so long that it pushes the plot down.
  const top = Number(/transform="translate\([\d.]+,([\d.]+)\)"/.exec(svg)?.[1]);
  expect(top).toBeLessThanOrEqual(40);
  return doc;
}

type Row = Record<string, unknown>;
/** The inline rows of a spec, or of its first layer. */
function rows(spec: ChartSpec): Row[] {
  const layer = (spec.layer as { data: { values: Row[] } }[] | undefined)?.[0];
  return (layer?.data ?? (spec.data as { values: Row[] })).values;
}

const STAGE = 'Stage (1 = raffinate end)';

// ---------------------------------------------------------------------------------------------------------

describe('chart builders render to well-formed SVG with title, axis titles with units and legends', () => {
  it('cascadeProfileChart(cascade result): flows by stage, species by colour, phase by dash', async () => {
    const spec = cascadeProfileChart(cascade, { flowUnit: 'mol/h' });
    await expectChart(spec, {
      title: 'Cascade profile: flow of each species leaving each stage',
      axes: [STAGE, 'Flow (mol/h)'],
      legends: ['Species', 'Phase'],
    });
    // The rows are the result's profile: stage 1's aqueous A is the raffinate's A (no entrainment).
    const r = rows(spec).find((x) => x.stage === 1 && x.species === 'A' && x.phase === 'Aqueous');
    expect(r?.flow).toBeCloseTo(cascade.raffinate.flows.A as number, 12);
    expect(rows(spec)).toHaveLength(7 * 2 * 2);
  });

  it('cascadeProfileChart(saturated cascade) uses a log axis when flows span decades, leaving zeros out', async () => {
    const spec = cascadeProfileChart(sat);
    const y = (spec.layer as { encoding: { y: { scale: { type?: string } } } }[])[0]?.encoding.y;
    expect(y?.scale.type).toBe('log');
    expect(rows(spec).every((x) => (x.flow as number) > 0)).toBe(true);
    await expectChart(spec, {
      title: 'Cascade profile: flow of each species leaving each stage',
      axes: [STAGE, 'Flow (amount/time, log scale)'],
      legends: ['Species', 'Phase'],
    });
    // A linear profile that spans little stays linear.
    const flat = simulateCascade({ ...linear, stages: { extraction: 1, scrub: 0 }, scrub: undefined });
    const ly = (cascadeProfileChart(flat).layer as { encoding: { y: { scale: { type?: string } } } }[])[0];
    expect(ly?.encoding.y.scale.type).toBeUndefined();
  });

  it('cascadePurityChart(cascade result): the top stage organic purity is the loaded organic purity', async () => {
    const spec = cascadePurityChart(cascade);
    await expectChart(spec, {
      title: 'Purity profile of B, A by stage',
      axes: [STAGE, "Purity (% of the phase's amount)"],
      legends: ['Component', 'Phase'],
    });
    // B (D = 1.5) is the more extractable: it leads the organic product; A the raffinate.
    const top = rows(spec).find((x) => x.stage === 7 && x.species === 'B' && x.phase === 'Organic');
    expect(top?.purity).toBeCloseTo(100 * (cascade.loadedOrganic.purity.B as number), 7);
    const bottom = rows(spec).find((x) => x.stage === 1 && x.species === 'A' && x.phase === 'Aqueous');
    expect(bottom?.purity).toBeCloseTo(100 * (cascade.raffinate.purity.A as number), 7);
    expect(codeOf(() => cascadePurityChart(cascade, ['Nd']))).toBe('UNKNOWN_KEY');
  });

  it('mccabeThieleChart(design.mcCabeThiele): curve, diagonal, operating lines and the staircase', async () => {
    const spec = mccabeThieleChart(design.mcCabeThiele, design.keys);
    await expectChart(spec, {
      title: 'McCabe–Thiele diagram: A = A side, B = B side',
      axes: [
        'x: A fraction of the rare earths in the aqueous (mol/mol)',
        'y: A fraction of the rare earths in the organic (mol/mol)',
      ],
      legends: ['Line'],
    });
    // The staircase is the stepped path, vertex for vertex, in order; the curve is y = 2x/(1 + x).
    const stair = rows(spec).filter((x) => String(x.line).startsWith('McCabe–Thiele staircase'));
    expect(stair.map((x) => x.x)).toEqual(design.mcCabeThiele.steps.path.x);
    for (const p of rows(spec).filter((x) => x.line === 'Equilibrium curve')) {
      const x = p.x as number;
      expect(p.y).toBeCloseTo((2 * x) / (1 + x), 12);
    }
  });

  it('mccabeThieleRatioChart: in A : B ratios on log axes the curve is y = βx and every step is there', async () => {
    const spec = mccabeThieleRatioChart(design.mcCabeThiele, design.keys);
    await expectChart(spec, {
      title: 'McCabe–Thiele diagram in A : B ratios (log scales): A = A side, B = B side',
      axes: [
        'x: A : B mole ratio in the aqueous (mol/mol, log scale)',
        'y: A : B mole ratio in the organic (mol/mol, log scale)',
      ],
      legends: ['Line'],
    });
    // β = 2: in ratios the equilibrium curve is exactly y = 2x, to the corners (the local factor is
    // interpolated, not the fraction: a chord in fractions sagged 8 % below y = 10x at β = 10).
    const curve = rows(spec).filter((x) => x.line === 'Equilibrium curve');
    expect(curve.length).toBeGreaterThan(100);
    for (const p of curve) expect((p.y as number) / (p.x as number)).toBeCloseTo(2, 9);
    // The staircase vertex for vertex (as ratios), none lost at the crowded ends.
    const stair = rows(spec).filter((x) => String(x.line).startsWith('McCabe–Thiele staircase'));
    const path = design.mcCabeThiele.steps.path;
    const inside = path.x.filter(
      (x, i) => x > 0 && x < 1 && (path.y[i] as number) > 0 && (path.y[i] as number) < 1,
    );
    expect(stair.length).toBe(inside.length);
    expect(stair[0]?.x).toBeCloseTo((inside[0] as number) / (1 - (inside[0] as number)), 12);
  });

  it('startupTransientChart(dynamics): outlet flows as % of their steady flows, ending at 100 %', async () => {
    const spec = startupTransientChart(dynamics, { timeUnit: 'h' });
    await expectChart(spec, {
      title: 'Start-up transient: outlet flows as % of their steady flows',
      axes: ['Time (h)', 'Outlet flow (% of its steady flow)'],
      legends: ['Outlet: species watched'],
    });
    expect(dynamics.reachedSteadyState).toBe(true);
    const product = rows(spec).filter((x) => x.outlet === 'Organic product: B');
    expect(product.at(-1)?.flow).toBeCloseTo(100, 3);
    // The empty cascade gives nothing at t = 0: a flow of 0 %, drawn as such.
    expect(product[0]).toMatchObject({ time: 0, flow: 0 });
    // The dotted rule is the flow band, and says so (not "steady state").
    const t = dynamics.timeToFlowBand as number;
    const labels = (spec.layer as { data: { values: Row[] } }[])
      .slice(1)
      .flatMap((l) => l.data.values.map(({ time, label }) => ({ time, label }))); // without vega's ids
    expect(labels).toContainEqual({
      time: t,
      label: `outlet flows within the band from t = ${formatValue(t)}`,
    });
    expect(JSON.stringify(spec)).not.toMatch(/steady state/i);
  });

  it('startupImpurityChart(run with specs and a side draw): impurity on a log axis, spec lines, a rule at each time to spec', async () => {
    const drawn: CascadeSpec = { ...linear, draws: [{ stage: 3, phase: 'aqueous', fraction: 0.1 }] };
    const r = simulateCascadeDynamics(drawn, {
      holdup,
      duration: 80,
      spec: { product: { B: 0.61 }, raffinate: { A: 0.8 }, draws: [{ A: 0.65 }] },
    });
    const spec = startupImpurityChart(r, { timeUnit: 'h' });
    const doc = await expectChart(spec, {
      title: 'Start-up against the specs: outlet impurity over time',
      axes: ['Time (h)', 'Impurity (100 − purity, %, log scale)'],
      legends: ['Outlet (dashed: its spec)'],
    });
    const layers = spec.layer as { data: { values: Row[] }; encoding: { y?: { scale?: unknown } } }[];
    expect(layers[0]?.encoding.y?.scale).toEqual({ type: 'log' });
    // One series per outlet, each ending at its steady impurity; nothing at or below 0 on the log axis.
    const series = ['Organic product: B', 'Raffinate: A', 'Side draw 1: A'];
    expect([...new Set(rows(spec).map((x) => x.outlet))]).toEqual(series);
    // Points exist only where the outlet carries some impurity; elsewhere the line breaks (null).
    expect(rows(spec).every((x) => x.impurity === null || (x.impurity as number) > 0)).toBe(true);
    expect(rows(spec).some((x) => (x.impurity as number) > 0)).toBe(true);
    const steady = r.steady ?? expect.unreachable('the linear cascade has a steady state');
    const end = (label: string) =>
      rows(spec)
        .filter((x) => x.outlet === label)
        .at(-1)?.impurity;
    expect(end('Organic product: B')).toBeCloseTo(100 * (1 - (steady.product.purity.B as number)), 3);
    expect(end('Side draw 1: A')).toBeCloseTo(100 * (1 - (steady.draws[0]?.purity.A as number)), 3);
    // A dashed line at each spec's allowed impurity, in the outlet's colour (same series label).
    expect(layers[1]?.data.values.map(({ outlet, impurity }) => ({ outlet, impurity }))).toEqual([
      { outlet: 'Organic product: B', impurity: 39 },
      { outlet: 'Raffinate: A', impurity: 20 },
      { outlet: 'Side draw 1: A', impurity: 35 },
    ]);
    // A rule at each time to spec and at the flow band, with labels the SVG shows.
    const times = [r.outlets.product, r.outlets.raffinate, r.outlets.draws[0]].map((o) => o?.timeToSpec);
    expect(times.every((t) => t !== undefined && t > 0)).toBe(true);
    expect(layers[2]?.data.values.map((x) => x.time)).toEqual([...times, r.timeToFlowBand]);
    const label = `Organic product: B ≥ 61 % from t = ${r.outlets.product.timeToSpec}`;
    expect(doc.texts).toContain(label);
  });

  it('trainStagesChart(train): extraction and scrub stages of each cut', async () => {
    const spec = trainStagesChart(train);
    await expectChart(spec, {
      title: `Separation train: stages per cut (${train.totals.stages} in all)`,
      axes: ['Cut (design order, key pair A/B)', 'Stages (equilibrium stages)'],
      legends: ['Section'],
    });
    const sum = rows(spec).reduce((a, x) => a + (x.stages as number), 0);
    expect(sum).toBe(train.cascades.reduce((a, c) => a + c.stages.extraction + c.stages.scrub, 0));
  });

  it('parallelLinesChart(lines): output, solvent and capital of each line built, × base', async () => {
    const spec = parallelLinesChart(lines);
    const doc = await expectChart(spec, {
      title: 'Raising a Nd/Pr line by 2: each way against the base line',
      axes: ['Relative to the base line (× base, dimensionless)'],
      legends: ['Measure (line total)', 'Solvent inventory', 'Capital index (six-tenths rule)'],
    });
    // Five lines built ((d) is past its ceiling), three bars each; every label whole.
    expect(rows(spec)).toHaveLength(15);
    expect(doc.texts).toContain('(c) 2 trains of 14+13: misses a target');
    expect(doc.texts).toContain('(e) 1 train, 2x flows, beta 1.7');
    expect(doc.texts.some((t) => t.includes('1 line not built'))).toBe(true);
    // (a): twice the output for twice the solvent and capital.
    const a = rows(spec).filter((x) => x.line === '(a) 2 trains in parallel');
    expect(a.map((x) => x.ratio)).toEqual([2, 2, 2]);
  });

  it('recoveryChart(flowsheet): recovery of each element to each product, in %', async () => {
    const spec = recoveryChart(plant);
    await expectChart(spec, {
      title: 'Recovery of each element to the products of rougher-cleaner',
      axes: ['Element (symbol)', "Recovery (% of the element's input)"],
      legends: ['Product stream'],
    });
    // Rare earths: 0.9 × 0.8 to the cleaner concentrate, 0.9 × 0.2 to the cleaner tailings.
    const la = rows(spec).filter((x) => x.element === 'La');
    expect(la.find((x) => x.product === 'conc')?.recovery).toBeCloseTo(72, 9);
    expect(la.find((x) => x.product === 'cleanerTails')?.recovery).toBeCloseTo(18, 9);
  });

  it('supplyProductionChart(supply, stage): stacked monthly production by country, t per month', async () => {
    const oxide = supplyProductionChart(supply, 'oxide', { countries: toy.countries });
    await expectChart(oxide, {
      title: 'Separation output (separated oxide) by country',
      axes: ['Time (month, UTC)', 'Production (t REO/month)'],
      legends: ['Country'],
    });
    const mine = supplyProductionChart(supply, 'concentrate', { countries: toy.countries });
    await expectChart(mine, {
      title: 'Mine output (concentrate) by country',
      axes: ['Time (month, UTC)', 'Production (t REO/month)'],
      legends: ['Country'],
    });
    // Mines at capacity: 120,000 t/yr in China is 10,000 t in January 2024 (1 Jan 2024 UTC = 1704067200000 ms).
    const jan = rows(mine).find((x) => x.country === 'China (CN)' && x.month === 1_704_067_200_000);
    expect(jan?.value).toBeCloseTo(10_000, 6);
    const metal = supplyProductionChart(supply, 'metal');
    await expectChart(metal, {
      title: 'Metal output by country',
      axes: ['Time (month, UTC)', 'Production (t RE metal/month)'],
      legends: ['Country'],
    });
    expect(codeOf(() => supplyProductionChart(supply, 'ore' as 'oxide'))).toBe('UNKNOWN_KEY');
  });

  it("shortfallChart: demand not met by country, % of the month's demand, only countries that were short", async () => {
    // A crafted month series: Japan gets 10 of 10, then 4 of 10 (60 % short); the US is never short.
    const r = {
      ...supply,
      months: ['2025-01', '2025-02'],
      demand: [
        { id: 'jp-a', country: 'JP', sector: 'magnets', demanded: [6, 6], met: [6, 3], shortfall: {} },
        { id: 'jp-b', country: 'JP', sector: 'catalysts', demanded: [4, 4], met: [4, 1], shortfall: {} },
        { id: 'us', country: 'US', sector: 'magnets', demanded: [5, 5], met: [5, 5], shortfall: {} },
      ],
    };
    const spec = shortfallChart(r, { countries: { JP: 'Japan', US: 'United States' } });
    await expectChart(spec, {
      title: 'Demand not met by country',
      axes: ['Time (month, UTC)', "Demand not met (% of the month's demand)"],
      legends: ['Country'],
    });
    expect(rows(spec).map((x) => [x.country, x.value])).toEqual([
      ['Japan (JP)', 0],
      ['Japan (JP)', 60],
    ]);
  });

  it('separatedShareChart(supply): shares stack to 100 % in every month with separation', async () => {
    const spec = separatedShareChart(supply, { countries: toy.countries });
    await expectChart(spec, {
      title: 'Share of separated oxide by country',
      axes: ['Time (month, UTC)', 'Share of separated oxide (%)'],
      legends: ['Country'],
    });
    const byMonth = new Map<unknown, number>();
    for (const x of rows(spec)) byMonth.set(x.month, (byMonth.get(x.month) ?? 0) + (x.value as number));
    const separated = supply.months.map((_, i) =>
      Object.values(supply.production.oxide).reduce((a, v) => a + (v[i] ?? 0), 0),
    );
    [...byMonth.values()].forEach((total, i) => {
      expect(total).toBeCloseTo((separated[i] as number) > 0 ? 100 : 0, 6);
    });
    expect(new Set(rows(spec).map((x) => x.country))).toEqual(new Set(['China (CN)', 'Malaysia (MY)']));
  });

  it('histogramChart(mc, output): bins hold every successful run; mean and percentiles marked', async () => {
    const spec = histogramChart(mc, 'product.purity.B', { outputUnit: 'mol/mol' });
    await expectChart(spec, {
      title: `Distribution of product.purity.B over ${mc.summary.succeeded} runs`,
      axes: ['product.purity.B (mol/mol)', 'Runs (count per bin)'],
      legends: ['Series'],
    });
    expect(rows(spec).reduce((a, x) => a + (x.runs as number), 0)).toBe(mc.summary.succeeded);
    const values = mc.outputs.map((r) => r[0] as number);
    expect(rows(spec)[0]?.start).toBe(Math.min(...values));
    expect(rows(spec).at(-1)?.end).toBe(Math.max(...values));
    expect(codeOf(() => histogramChart(mc, 'nope'))).toBe('UNKNOWN_KEY');
  });

  it('histogramChart marks the study threshold as a dashed rule (none without one)', async () => {
    const withThreshold = {
      ...mc,
      summary: summarise({ ...mcStudy, thresholds: { 'product.purity.B': { min: 0.9 } } }, mc),
    };
    const spec = histogramChart(withThreshold, 'product.purity.B', { outputUnit: 'mol/mol' });
    await expectChart(spec, {
      title: `Distribution of product.purity.B over ${mc.summary.succeeded} runs`,
      axes: ['product.purity.B (mol/mol)', 'Runs (count per bin)'],
      legends: ['Series'],
    });
    const rules = (spec.layer as { data: { values: Row[] } }[])[1]?.data.values ?? [];
    expect(rules.find((r) => r.series === 'Threshold (minimum)')?.value).toBe(0.9);
    const plain = (histogramChart(mc, 'product.purity.B').layer as { data: { values: Row[] } }[])[1]?.data
      .values;
    expect(plain?.some((r) => String(r.series).startsWith('Threshold'))).toBe(false);
  });

  it('tornadoChart(mc, output): D of B moves the purity of B most, bars largest first', async () => {
    const spec = tornadoChart(mc, 'toOrganic.B');
    await expectChart(spec, {
      title: 'Tornado: rank correlation of each parameter with toOrganic.B',
      axes: ['Spearman rank correlation ρ (dimensionless, −1 to 1)'],
      legends: ['Correlation'],
    });
    // The parameters' axis title is the subtitle (beside long labels it was drawn over them).
    expect((spec.title as { subtitle?: string }).subtitle).toBe('Parameters: their paths');
    // More extractable B, or more organic: more B to the organic. D of A barely matters for B.
    expect(rows(spec)[0]?.parameter).toBe('equilibrium.D.B');
    expect(rows(spec)[0]?.rho as number).toBeGreaterThan(0.5);
    const abs = rows(spec).map((x) => Math.abs(x.rho as number));
    expect([...abs].sort((a, b) => b - a)).toEqual(abs);
  });

  it('sweepChart(sweep, output): output against the first axis, one line per value of the second', async () => {
    const spec = sweepChart(sw, 'toOrganic.B', { parameterUnit: 'L/h', outputUnit: 'fraction' });
    await expectChart(spec, {
      title: 'toOrganic.B against organic.volume',
      axes: ['organic.volume (L/h)', 'toOrganic.B (fraction)'],
      legends: ['equilibrium.D.B'],
    });
    expect(new Set(rows(spec).map((x) => x.series))).toEqual(new Set(['1.5', '2']));
    // More organic takes more B: the fraction rises along each line.
    const line = rows(spec).filter((x) => x.series === '2');
    const ys = line.map((x) => x.y as number);
    expect(ys.every((y, i) => i === 0 || y > (ys[i - 1] as number))).toBe(true);
  });
});

describe('chartsFor', () => {
  it('gives at least one chart for every scenario kind, all rendering', async () => {
    const cases: Record<(typeof SCENARIO_KINDS)[number], [unknown, unknown]> = {
      cascade: [linear, cascade],
      design: [{}, design],
      train: [{}, train],
      flowsheet: [flowsheet, plant],
      'cascade-dynamics': [dynamicsScenario, dynamics],
      'supply-chain': [supplyScenario, supply],
      'parallel-lines': [linesRequest, lines],
      'monte-carlo': [mcStudy, mc],
      sweep: [sweepStudy, sw],
    };
    const names: string[] = [];
    for (const kind of SCENARIO_KINDS) {
      const [input, result] = cases[kind];
      const charts = chartsFor(kind, input, result);
      expect(charts.length, kind).toBeGreaterThan(0);
      for (const c of charts) {
        expect(c.name).toMatch(/^[a-z0-9]+(-[a-z0-9]+)*$/);
        expect(nonFinite(c.spec)).toEqual([]);
        const svg = await renderSvg(c.spec);
        expect(svg, c.name).not.toContain('NaN');
        const doc = parseSvg(svg);
        expect(doc.texts, c.name).toContain(c.title);
        names.push(`${kind}/${c.name}`);
      }
    }
    expect(names).toContain('design/mccabe-thiele');
    expect(names).toContain('design/cascade-purity');
    expect(names).toContain('cascade-dynamics/startup-transient');
    expect(names).toContain('cascade-dynamics/startup-impurity');
    expect(names).toContain('cascade-dynamics/final-profile');
    expect(names).toContain('supply-chain/production-oxide');
    expect(names).toContain('supply-chain/production-mine');
    expect(names).toContain('supply-chain/separated-share');
    expect(names).toContain('parallel-lines/line-costs');
    // Monte Carlo: a histogram and a tornado per output; sweep: one chart per output.
    expect(names.filter((n) => n.startsWith('monte-carlo/'))).toHaveLength(2 * mcStudy.outputs.length);
    expect(names.filter((n) => n.startsWith('sweep/'))).toHaveLength(sweepStudy.outputs.length);
    expect(new Set(names).size).toBe(names.length);
  });

  it('labels supply-chain countries from the scenario and caps study outputs', () => {
    const share = chartsFor('supply-chain', supplyScenario, supply).find((c) => c.name === 'separated-share');
    expect(rows(share?.spec ?? {}).some((x) => x.country === 'China (CN)')).toBe(true);
    const many = Array.from({ length: 12 }, (_, i) => `o${i}`);
    const wide = {
      ...sw,
      columns: { ...sw.columns, outputs: many },
      outputs: sw.outputs.map(() => many.map((_, i) => i)),
    };
    expect(chartsFor('sweep', sweepStudy, wide)).toHaveLength(MAX_CHARTED_OUTPUTS);
  });

  it('rejects an unknown kind and a result of the wrong shape', () => {
    expect(codeOf(() => chartsFor('nope' as 'cascade', {}, cascade))).toBe('UNKNOWN_KEY');
    expect(codeOf(() => chartsFor('cascade', {}, { stages: 3 }))).toBe('INVALID_TYPE');
    expect(codeOf(() => chartsFor('monte-carlo', {}, cascade))).toBe('INVALID_TYPE');
  });
});

describe('renderSvg', () => {
  it('renders the same spec to the same bytes, however many renders ran before', async () => {
    const spec = cascadePurityChart(sat);
    const a = await renderSvg(spec);
    await renderSvg(mccabeThieleChart(design.mcCabeThiele));
    const [b, c] = await Promise.all([renderSvg(spec), renderSvg(spec)]);
    expect(b).toBe(a);
    expect(c).toBe(a);
    // The charts clip their marks: the ids are renumbered from 1 in every document.
    expect(a).toContain('id="clip1"');
  });

  it('rejects a non-object, an invalid spec and any spec that loads external data', async () => {
    const code = async (p: Promise<unknown>) =>
      p.then(() => undefined).catch((e: { code?: string }) => e.code);
    expect(await code(renderSvg(null as unknown as ChartSpec))).toBe('INVALID_TYPE');
    expect(await code(renderSvg({ mark: 'nope', data: { values: [] } }))).toBe('INVALID_TYPE');
    expect(
      await code(
        renderSvg({
          data: { url: 'file:///etc/passwd', format: { type: 'csv' } },
          mark: 'point',
          encoding: { x: { field: 'a', type: 'quantitative' } },
        }),
      ),
    ).toBe('NOT_SUPPORTED');
  });

  it('no chart spec lets NaN or Infinity through: a non-finite result value fails NOT_FINITE', () => {
    const broken = {
      ...cascade,
      profile: cascade.profile.map((s, j) =>
        j === 2 ? { ...s, aqueous: { ...s.aqueous, A: Number.NaN } } : s,
      ),
    };
    expect(codeOf(() => cascadeProfileChart(broken))).toBe('NOT_FINITE');
  });
});
