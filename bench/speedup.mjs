// Question (issue 15): how much faster is the cascade Monte Carlo on 2 threads than on 1? The same study
// as scaleOut.bench.ts (1,000 runs of the 26 + 26 Pr/Nd-like cascade, batches of 25, 2 outputs), on two
// long-lived engines (createEngine), measured alternately (1 thread, 2 threads, 1, 2, ...) so that a slow
// stretch of a shared machine falls on both, after warm-up rounds; reports each thread count's median
// and the ratio of the medians, and the same for a pool started per call (`threads`). Also the work per
// batch as the worker measured it (the solve, without dispatch), which separates the threads' contention
// from the engine's overhead. Runs the built package (`npm run build` first):
//   node bench/speedup.mjs [runs=1000] [rounds=15]
// Prints one JSON object; bench/README.md records it.
import { availableParallelism, cpus, loadavg } from 'node:os';
import { createEngine, monteCarlo, runBatches, separationFactors } from '../dist/index.js';
import { monteCarloBatches } from '../dist/study.js';

const runs = Number(process.argv[2] ?? 1000);
const rounds = Number(process.argv[3] ?? 15);
const heavy = {
  stages: { extraction: 26, scrub: 26 },
  feed: { flows: { A: 0.75, B: 0.25 }, volume: 1 },
  organic: { volume: 4.09 / 0.18 },
  scrub: { volume: 1, reflux: 3.34 },
  equilibrium: separationFactors({ A: 1.5, B: 1 }),
};
const study = {
  model: 'cascade',
  base: heavy,
  runs,
  outputs: ['product.purity.A', 'raffinate.purity.B'],
  parameters: [
    { path: 'equilibrium.beta.A', distribution: { kind: 'uniform', min: 1.35, max: 1.65 } },
    { path: 'feed.flows.A', distribution: { kind: 'triangular', min: 0.7, mode: 0.75, max: 0.8 } },
  ],
};
const timedTask = new URL('./speedupTask.mjs', import.meta.url).href;
// The control: 40 batches of pure arithmetic (~10 ms each), no allocation: its speed-up is the ceiling the
// machine's two cores give at that moment (a shared virtual machine's second core is not always a whole one).
const spinTask = new URL('./spinTask.mjs', import.meta.url).href;
const spinBatches = Array.from({ length: 40 }, () => ({ iterations: 3_000_000 }));
const batches = monteCarloBatches(study, 25);

const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
};
const round1 = (x) => Math.round(x * 10) / 10;
const load = loadavg()[0];

const engines = { 1: createEngine({ threads: 1 }), 2: createEngine({ threads: 2 }) };
const warm = { 1: [], 2: [] };
const perCall = { 1: [], 2: [] };
const perBatch = { 1: [], 2: [] };
const control = { 1: [], 2: [] };
for (let r = -3; r < rounds; r++) {
  for (const n of [1, 2]) {
    let t = performance.now();
    await monteCarlo(study, { backend: engines[n], seed: 'bench', progressBar: false });
    if (r >= 0) warm[n].push(performance.now() - t);
    t = performance.now();
    await runBatches(spinBatches, { task: spinTask, backend: engines[n], seed: 'bench' });
    if (r >= 0) control[n].push(performance.now() - t);
    const timed = await runBatches(batches, { task: timedTask, backend: engines[n], seed: 'bench' });
    if (r >= 0) perBatch[n].push(timed.reduce((s, b) => s + b.value, 0) / timed.length);
    if (r >= 0 && r < 6) {
      t = performance.now();
      await monteCarlo(study, { threads: n, seed: 'bench', progressBar: false });
      perCall[n].push(performance.now() - t);
    }
  }
}
await engines[1].close();
await engines[2].close();

const summary = (m) => ({
  '1 thread ms': round1(median(m[1])),
  '2 threads ms': round1(median(m[2])),
  speedup: Math.round((median(m[1]) / median(m[2])) * 100) / 100,
});
console.log(
  JSON.stringify(
    {
      runs,
      rounds,
      node: process.version,
      cpu: `${cpus()[0]?.model} × ${availableParallelism()}`,
      'load average before': load,
      'long-lived engine (median of rounds)': summary(warm),
      'pool per call (median of 6)': summary(perCall),
      'control: 40 batches of pure arithmetic, long-lived engine (median of rounds)': summary(control),
      'solve time per batch of 25, in the worker (ms, median)': {
        '1 thread': round1(median(perBatch[1])),
        '2 threads': round1(median(perBatch[2])),
      },
    },
    null,
    2,
  ),
);
