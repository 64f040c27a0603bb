// Question (issue 15): does cutting a study's last batches in pieces (src/engine/pieces.ts) let threads end
// together? A 2-thread study waits at its end for its last batch: the cost is largest when a study has few
// batches for its threads. Measured on long-lived 2-thread engines of this build and of another (`--base`,
// a build before pieces), alternating in one process, median of the rounds:
//   - supply-chain ensembles (bench/supply.bench.ts's study: 36 months, a random Kachin outage and licence
//     terms per run; ~0.1 s a run) of 75 runs (3 batches of 25) and 150 runs (6 batches);
//   - the cascade Monte Carlo of bench/speedup.mjs (1,000 runs, 40 batches of ~7-13 ms).
// Runs the built package (`npm run build` first):
//   node bench/pieces.mjs [rounds=5] --base <dist of another build>
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { median, prNdStudy, round, supplyEnsemble } from './shared.mjs';

const args = process.argv.slice(2);
const at = args.indexOf('--base');
if (at < 0) throw new Error('usage: node bench/pieces.mjs [rounds] --base <dist of another build>');
const rounds = Number(args.find((a, k) => k !== at + 1 && /^\d+$/.test(a)) ?? 5);
const builds = {
  this: await import('../dist/index.js'),
  base: await import(pathToFileURL(resolve(args[at + 1], 'index.js')).href),
};
const works = {
  'supply-chain, 75 runs (3 batches)': (pkg) => supplyEnsemble(pkg, 75),
  'supply-chain, 150 runs (6 batches)': (pkg) => supplyEnsemble(pkg, 150),
  'cascade, 1,000 runs (40 batches)': (pkg) => prNdStudy(pkg.separationFactors, 1000).study,
};
const engines = Object.fromEntries(
  Object.entries(builds).map(([name, pkg]) => [name, pkg.createEngine({ threads: 2 })]),
);
const times = Object.fromEntries(
  Object.keys(works).flatMap((work) => Object.keys(builds).map((name) => [`${work}|${name}`, []])),
);
for (let r = -1; r < rounds; r++) {
  for (const [work, make] of Object.entries(works)) {
    for (const [name, pkg] of Object.entries(builds)) {
      const t = performance.now();
      await pkg.monteCarlo(make(pkg), { backend: engines[name], seed: 'bench', progressBar: false });
      if (r >= 0) times[`${work}|${name}`].push(performance.now() - t);
    }
  }
}
for (const engine of Object.values(engines)) await engine.close();
const table = Object.fromEntries(
  Object.keys(works).map((work) => {
    const [a, b] = [median(times[`${work}|base`]), median(times[`${work}|this`])];
    return [work, { 'before ms': round(a, 1), 'after ms': round(b, 1), 'before / after': round(a / b, 2) }];
  }),
);
console.log(JSON.stringify({ rounds, node: process.version, '2 threads, median of rounds': table }, null, 2));
