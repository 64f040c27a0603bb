// The Monte Carlo batch task of bench/speedup.mjs, timed inside the worker: returns the milliseconds the
// batch's runs took (the solves, without the engine's dispatch and transfer).
import { monteCarloBatch } from '../dist/study.js';

export default function timedBatch(input, ctx) {
  const start = performance.now();
  monteCarloBatch(input, ctx);
  return performance.now() - start;
}
