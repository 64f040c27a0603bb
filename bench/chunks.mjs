// Question (issue 15): what does a batch cost on the local engine, and what do chunks (several batches per
// message, src/engine/chunks.ts) give? Long-lived engines of 1 and 2 threads and the in-process run
// (threads: 0, the baseline), measured alternately after warm-up rounds, on four kinds of work:
//   spin 0.1 ms / 1 ms: 4,000 / 1,000 batches of arithmetic (bench/spinTask.mjs, latency chain);
//   solve per batch: 1,000 batches of one 26 + 26-stage saturated cascade solve each (the 'cascade' task,
//     whole results);
//   Monte Carlo: 1,000 runs of that cascade in batches of 25, two outputs (as bench/speedup.mjs).
// With `--base <dir>` (a built dist/ of another commit), the same engines of that build run in the same
// rounds, alternating, so the two builds meet the same machine. Runs the built package (`npm run build`).
//   node bench/chunks.mjs [rounds=9] [--base ../other/dist] [--only <part of a kind's name>]
// Prints one JSON object (median ms per kind, build and thread count; speed-ups); bench/README.md records it.
import { availableParallelism, cpus, loadavg } from 'node:os';
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { median, prNdStudy, round } from './shared.mjs';

const args = process.argv.slice(2);
const baseAt = args.indexOf('--base');
const baseDir = baseAt >= 0 ? args.splice(baseAt, 2)[1] : undefined;
const onlyAt = args.indexOf('--only');
const only = onlyAt >= 0 ? args.splice(onlyAt, 2)[1] : '';
const rounds = Number(args[0] ?? 9);
const builds = { this: await import('../dist/index.js') };
if (baseDir) builds.base = await import(pathToFileURL(resolve(baseDir, 'index.js')).href);
const { separationFactors } = builds.this;

const { heavy, study } = prNdStudy(separationFactors);
const spinTask = new URL('./spinTask.mjs', import.meta.url).href;
// bench/spinTask.mjs's latency chain: ~1.1 M iterations per 10 ms on this machine kind.
const spin = (n, iterations) => Array.from({ length: n }, () => ({ kind: 'latency', iterations }));
const kinds = {
  'spin 0.1 ms x 4,000': (o, m) => m.runBatches(spin(4000, 11_000), { task: spinTask, ...o }),
  'spin 1 ms x 1,000': (o, m) => m.runBatches(spin(1000, 110_000), { task: spinTask, ...o }),
  'one cascade solve per batch x 1,000': (o, m) =>
    m.runBatches(
      Array.from({ length: 1000 }, () => heavy),
      { task: 'cascade', ...o },
    ),
  'Monte Carlo 1,000 runs (batches of 25)': (o, m) => m.monteCarlo(study, { ...o }),
};

for (const k of Object.keys(kinds)) if (!k.includes(only)) delete kinds[k];
const engines = {};
for (const [name, m] of Object.entries(builds))
  for (const n of [1, 2]) engines[`${name} ${n}`] = { m, engine: m.createEngine({ threads: n }) };
const variants = [['this 0', { m: builds.this }], ...Object.entries(engines)];
const times = Object.fromEntries(
  Object.keys(kinds).map((k) => [k, Object.fromEntries(variants.map(([v]) => [v, []]))]),
);
const load = loadavg()[0];
for (let r = -2; r < rounds; r++) {
  for (const [kind, run] of Object.entries(kinds)) {
    const order = r % 2 ? variants : [...variants].reverse();
    for (const [v, { m, engine }] of order) {
      const options = {
        seed: 'bench',
        progressBar: false,
        ...(engine ? { backend: engine } : { threads: 0 }),
      };
      const t = performance.now();
      await run(options, m);
      if (r >= 0) times[kind][v].push(performance.now() - t);
    }
  }
}
for (const { engine } of Object.values(engines)) await engine.close();

const round1 = (x) => round(x, 1);
const round2 = (x) => round(x, 2);
const out = {};
for (const [kind, byVariant] of Object.entries(times)) {
  const med = Object.fromEntries(Object.entries(byVariant).map(([v, xs]) => [v, median(xs)]));
  const row = Object.fromEntries(Object.entries(med).map(([v, x]) => [`${v} ms`, round1(x)]));
  for (const b of Object.keys(builds)) {
    row[`${b}: 2 vs 1 thread`] = round2(med[`${b} 1`] / med[`${b} 2`]);
    row[`${b}: 2 threads vs in-process`] = round2(med['this 0'] / med[`${b} 2`]);
  }
  out[kind] = row;
}
console.log(
  JSON.stringify(
    {
      rounds,
      node: process.version,
      cpu: `${cpus()[0]?.model} × ${availableParallelism()}`,
      'load average before': load,
      base: baseDir ?? null,
      'median ms of rounds': out,
    },
    null,
    2,
  ),
);
