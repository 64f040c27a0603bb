// Question (issue 15): how much faster is the cascade Monte Carlo on 2 threads than on 1? The same study
// as scaleOut.bench.ts (1,000 runs of the 26 + 26 Pr/Nd-like cascade, batches of 25, 2 outputs), on two
// long-lived engines (createEngine), measured alternately (1 thread, 2 threads, 1, 2, ...) so that a slow
// stretch of a shared machine falls on both, after warm-up rounds; reports each thread count's median
// and the ratio of the medians: of each round's first study (it follows the other engine's work), of the
// studies that follow it back to back on the same engine (a sequence of studies), and of a pool started per
// call (`threads`). Also, from the workers' own clocks, the solve time per batch and the time a worker spent
// between two batches (dispatch), which separate the threads' contention from the engine's overhead; and
// three controls of pure arithmetic in the same rounds (bench/spinTask.mjs: latency-bound, integer and
// floating-point throughput), whose speed-ups are what the machine's two CPUs give at that moment to code
// that only computes; and the ceiling for this study in the same rounds: the study in-process in one child
// process against its two halves in two child processes side by side (bench/bareStudy.mjs: no engine, no
// worker thread), what the two CPUs give the solver itself at that moment. Runs the built package
// (`npm run build` first):
//   node bench/speedup.mjs [runs=1000] [rounds=15]
// Prints one JSON object; bench/README.md records it.
import { fork } from 'node:child_process';
import { availableParallelism, cpus, loadavg } from 'node:os';
import { createEngine, monteCarlo, runBatches, separationFactors } from '../dist/index.js';
import { monteCarloBatches } from '../dist/study.js';
import { median, prNdStudy, round } from './shared.mjs';

const runs = Number(process.argv[2] ?? 1000);
const rounds = Number(process.argv[3] ?? 15);
const { study } = prNdStudy(separationFactors, runs);
const timedTask = new URL('./speedupTask.mjs', import.meta.url).href;
const spinTask = new URL('./spinTask.mjs', import.meta.url).href;
// ~10 ms per batch on this machine kind, 40 batches of each.
const controls = { latency: 1_100_000, integer: 5_000_000, float: 5_000_000 };
const controlBatches = Object.fromEntries(
  Object.entries(controls).map(([kind, iterations]) => [
    kind,
    Array.from({ length: 40 }, () => ({ kind, iterations })),
  ]),
);
const batches = monteCarloBatches(study, 25);

const round1 = (x) => round(x, 1);
const round2 = (x) => round(x, 2);
const load = loadavg()[0];

const engines = { 1: createEngine({ threads: 1 }), 2: createEngine({ threads: 2 }) };
const bare = [0, 1].map(() => fork(new URL('./bareStudy.mjs', import.meta.url)));
await Promise.all(bare.map((child) => new Promise((ready) => child.once('message', ready))));
/** Asks a bare child process to run `count` runs of the study; resolves with its own time (ms). */
const bareRun = (child, count) =>
  new Promise((done) => {
    child.once('message', done);
    child.send(count);
  });
const both = () => ({ 1: [], 2: [] });
const warm = both();
const following = both();
/** Studies run right after each round's first one, on the same engine. */
const FOLLOWING = 3;
const perCall = both();
const perBatch = both();
const between = both();
/** Wall time of the study in one bare process (1) and of its two halves in two side by side (2). */
const ceiling = both();
const control = Object.fromEntries(Object.keys(controls).map((k) => [k, both()]));
for (let r = -3; r < rounds; r++) {
  for (const n of [1, 2]) {
    let t = performance.now();
    await monteCarlo(study, { backend: engines[n], seed: 'bench', progressBar: false });
    if (r >= 0) warm[n].push(performance.now() - t);
    // The same engine's next studies, each started as the one before it ends (a sequence of studies).
    for (let k = 0; k < FOLLOWING; k++) {
      t = performance.now();
      await monteCarlo(study, { backend: engines[n], seed: 'bench', progressBar: false });
      if (r >= 0) following[n].push(performance.now() - t);
    }
    for (const [kind, inputs] of Object.entries(controlBatches)) {
      t = performance.now();
      await runBatches(inputs, { task: spinTask, backend: engines[n], seed: 'bench' });
      if (r >= 0) control[kind][n].push(performance.now() - t);
    }
    const timed = (await runBatches(batches, { task: timedTask, backend: engines[n], seed: 'bench' })).map(
      (b) => b.value,
    );
    if (r >= 0) {
      perBatch[n].push(timed.reduce((s, b) => s + b.end - b.start, 0) / timed.length);
      between[n].push(gapPerBatch(timed));
    }
    t = performance.now();
    await (n === 1
      ? bareRun(bare[0], runs)
      : Promise.all([bareRun(bare[0], Math.ceil(runs / 2)), bareRun(bare[1], Math.floor(runs / 2))]));
    if (r >= 0) ceiling[n].push(performance.now() - t);
    if (r >= 0 && r < 6) {
      t = performance.now();
      await monteCarlo(study, { threads: n, seed: 'bench', progressBar: false });
      perCall[n].push(performance.now() - t);
    }
  }
}
await engines[1].close();
await engines[2].close();
for (const child of bare) child.kill();

/** Mean time (ms) a worker spent between the end of one batch and the start of its next. */
function gapPerBatch(timed) {
  const byThread = new Map();
  for (const b of timed) byThread.set(b.thread, [...(byThread.get(b.thread) ?? []), b]);
  let gaps = 0;
  let count = 0;
  for (const list of byThread.values()) {
    list.sort((a, b) => a.start - b.start);
    for (let k = 1; k < list.length; k++) gaps += list[k].start - list[k - 1].end;
    count += list.length - 1;
  }
  return count > 0 ? gaps / count : 0;
}

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
      'long-lived engine, first study of a round (median of rounds)': summary(warm),
      [`long-lived engine, the ${FOLLOWING} studies right after it (median of all)`]: summary(following),
      'pool per call (median of 6)': summary(perCall),
      'ceiling: the study in-process in 1 process against its halves in 2 processes (median of rounds)':
        summary(ceiling),
      "the engine's 2-thread time against 2 bare processes' (first study of a round; back to back)": [
        round2(median(warm[2]) / median(ceiling[2])),
        round2(median(following[2]) / median(ceiling[2])),
      ],
      'controls: 40 batches of ~10 ms of arithmetic, long-lived engine (median of rounds)':
        Object.fromEntries(Object.entries(control).map(([kind, m]) => [kind, summary(m)])),
      'in the workers, per batch of 25 (ms, median of rounds)': {
        'solve, 1 thread': round2(median(perBatch[1])),
        'solve, 2 threads': round2(median(perBatch[2])),
        'between two batches, 1 thread': round2(median(between[1])),
        'between two batches, 2 threads': round2(median(between[2])),
      },
    },
    null,
    2,
  ),
);
