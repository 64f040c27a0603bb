/** Aborting a study: the error it rejects with, and the turn of the event loop that lets an abort land. */
import { ReesimError } from '../core/errors.js';

/** The error a run rejects with when its signal aborts. */
export function abortError(): ReesimError {
  return new ReesimError({
    code: 'ABORTED',
    path: 'runBatches.signal',
    value: 'aborted',
    expected: 'no abort',
  });
}

/** A promise that rejects with ABORTED when `signal` aborts (undefined without a signal). */
export function abortPromise(signal: AbortSignal | undefined): Promise<never> | undefined {
  if (!signal) return undefined;
  const p = new Promise<never>((_, reject) => {
    if (signal.aborted) reject(abortError());
    signal.addEventListener('abort', () => reject(abortError()), { once: true });
  });
  p.catch(() => {}); // observed by the race; never an unhandled rejection
  return p;
}

/**
 * One turn of the event loop (timers included): in-process batches of synchronous models never yield, so
 * without this an abort timer, a progress redraw or a signal from another part of the program would wait
 * for the whole study.
 */
export function nextTurn(): Promise<void> {
  return new Promise((resolve) => setImmediate(resolve));
}
