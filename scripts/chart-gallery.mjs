#!/usr/bin/env node
// Regenerates the guide's chart gallery: one example SVG of every chart kind `reesim run --out` draws, in
// docs/images/charts/<kind>.svg. Each scenario is loaded and run as `reesim run` does (loadScenario,
// runScenario, chartsFor, renderSvg on the built package: run `npm run build` first). A study's charts
// are numbered per output (histogram-1-..., tornado-1-..., sweep-1-...); the gallery keeps the first of each
// as histogram.svg, tornado.svg and sweep.svg.
//
// Sources: the example scenarios in examples/scenarios/, and two small inline scenarios for the kinds no
// example file has (a cascade and a separation train). diversification.yaml runs at 8 draws instead of its
// 24 to keep the gallery quick; the pictures are examples, not results.
//
// Run: npm run gallery
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { loadScenario, runScenario } from '../dist/index.js';
import { chartsFor, renderSvg } from '../dist/report.js';

const OUT = 'docs/images/charts';

/** The base line of examples/scenarios/parallel-trains.yaml, as a cascade scenario in kmol/h. */
const CASCADE = `
kind: cascade
input:
  flowUnits: kmol/h
  stages: { extraction: 27, scrub: 26 }
  feed: { flows: { Pr: 1.3247, Nd: 3.7062 }, volume: 5.0309 }
  organic: { volume: 112.2772 }
  scrub: { volume: 16.5013, reflux: 16.5013 }
  equilibrium: { system: P507, elements: [Pr, Nd] }
`;

/** A small three-element separation train (the one the CLI test runs). */
const TRAIN = `
kind: train
input:
  feed: { La: 30, Ce: 50, Nd: 20 }
  purity: 0.99
`;

const example = (file) => readFileSync(`examples/scenarios/${file}`, 'utf8');

/** Each source and the charts it gives to the gallery: `null` keeps every chart it draws. */
const SOURCES = [
  { name: 'inline cascade', text: CASCADE, keep: null },
  { name: 'inline train', text: TRAIN, keep: null },
  {
    name: 'pr-nd-line.yaml',
    text: example('pr-nd-line.yaml'),
    keep: ['mccabe-thiele', 'mccabe-thiele-ratios'],
  },
  { name: 'pr-nd-startup.yaml', text: example('pr-nd-startup.yaml'), keep: null },
  { name: 'mountain-pass-to-nd-metal.yaml', text: example('mountain-pass-to-nd-metal.yaml'), keep: null },
  { name: 'export-controls.yaml', text: example('export-controls.yaml'), keep: null },
  { name: 'parallel-trains.yaml', text: example('parallel-trains.yaml'), keep: null },
  { name: 'parallel-lines.yaml', text: example('parallel-lines.yaml'), keep: null },
  {
    name: 'diversification.yaml (8 runs)',
    text: example('diversification.yaml').replace(/^ {2}runs: \d+/m, '  runs: 8'),
    keep: null,
  },
];

/** The gallery name of a chart: a study's numbered charts by their family. */
function kindOf(name) {
  const study = /^(histogram|tornado|sweep)-/.exec(name);
  return study ? study[1] : name;
}

mkdirSync(OUT, { recursive: true });
const started = performance.now();
const written = new Set();
for (const source of SOURCES) {
  const loaded = loadScenario(source.text, 'yaml');
  if (loaded.issues) throw new Error(`${source.name}: ${JSON.stringify(loaded.issues)}`);
  const { kind, input } = loaded.scenario;
  const t = performance.now();
  const result = await runScenario(loaded.scenario);
  for (const chart of chartsFor(kind, input, result)) {
    const file = kindOf(chart.name);
    if (written.has(file) || (source.keep !== null && !source.keep.includes(file))) continue;
    const svg = await renderSvg(chart.spec);
    writeFileSync(`${OUT}/${file}.svg`, svg);
    written.add(file);
    console.log(`${OUT}/${file}.svg  ${(svg.length / 1024).toFixed(0)} KB  (${source.name})`);
  }
  console.log(`  ${source.name}: ${((performance.now() - t) / 1000).toFixed(1)} s`);
}
console.log(`${written.size} charts in ${((performance.now() - started) / 1000).toFixed(1)} s`);
