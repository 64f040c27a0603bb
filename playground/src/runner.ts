/**
 * A model worker the page talks to: the newest request wins. A model runs synchronously in the worker, so
 * a request that arrives while one runs ends that worker and starts a fresh one rather than queueing.
 */
import type { RunAnswer, RunRequest } from './protocol.js';

export interface Runner {
  /** Runs a scenario file; resolves with its answer, or undefined when a newer request replaced it. */
  run(text: string): Promise<RunAnswer | undefined>;
}

export function modelRunner(): Runner {
  let worker: Worker | undefined;
  let pending: { id: number; resolve: (a: RunAnswer | undefined) => void } | undefined;
  let next = 0;

  const start = (): Worker => {
    const w = new Worker(new URL('./worker.ts', import.meta.url), { type: 'module' });
    w.onmessage = (event: MessageEvent<RunAnswer>) => {
      if (pending && event.data.id === pending.id) {
        const p = pending;
        pending = undefined;
        p.resolve(event.data);
      }
    };
    w.onerror = (event) => {
      const p = pending;
      pending = undefined;
      p?.resolve({ id: p.id, ok: false, error: event.message || 'the model worker failed' });
    };
    return w;
  };

  return {
    run(text) {
      if (pending) {
        // Busy: drop the stale run with its worker.
        worker?.terminate();
        worker = undefined;
        pending.resolve(undefined);
        pending = undefined;
      }
      worker ??= start();
      const id = ++next;
      const request: RunRequest = { id, text };
      return new Promise((resolve) => {
        pending = { id, resolve };
        worker?.postMessage(request);
      });
    },
  };
}
