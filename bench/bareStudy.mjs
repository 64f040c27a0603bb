// A child process of bench/speedup.mjs: runs the bench's study, or a share of its runs, in-process
// (`threads: 0`: no worker thread, no message per batch) when its parent asks, and answers with the time
// it took (ms). Two of these side by side show what this machine's two CPUs give the solver itself at that
// moment, with no engine in the way: the ceiling for the engine's 2-thread speed-up.
import { monteCarlo, separationFactors } from '../dist/index.js';
import { prNdStudy } from './shared.mjs';

process.on('message', async (runs) => {
  const { study } = prNdStudy(separationFactors, runs);
  const t = performance.now();
  await monteCarlo(study, { threads: 0, seed: 'bench', progressBar: false });
  process.send(performance.now() - t);
});
process.send('ready');
