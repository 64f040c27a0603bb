// The Monte Carlo batch task of bench/speedup.mjs, timed inside the worker: returns when the batch's runs
// started and ended (ms since the epoch) and on which thread, so the bench can tell the solves' time from
// the time a worker spent between two batches.
import { threadId } from 'node:worker_threads';
import { monteCarloBatch } from '../dist/study.js';

export default function timedBatch(input, ctx) {
  const start = performance.timeOrigin + performance.now();
  monteCarloBatch(input, ctx);
  return { start, end: performance.timeOrigin + performance.now(), thread: threadId };
}
