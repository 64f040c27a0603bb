/** `reesim worker --redis URL [--queue name] [--threads n]`: a machine's share of distributed studies. */
import { startWorker } from '../distributed/worker.js';
import { EXIT_OK } from './exit.js';
import type { Io } from './run.js';

/** Flags of `reesim worker`. */
export interface WorkerFlags {
  readonly redis: string;
  readonly queue?: string;
  readonly threads?: number;
  readonly lockDuration?: number;
  readonly grace?: number;
}

/**
 * Runs a worker until SIGTERM or SIGINT, then stops taking jobs, lets the running ones finish (up to
 * `--grace` ms; then they go back to the queue) and exits 0.
 */
export async function workerCommand(flags: WorkerFlags, io: Io, stop?: Promise<void>): Promise<number> {
  const worker = await startWorker({
    url: flags.redis,
    ...(flags.queue === undefined ? {} : { queue: flags.queue }),
    ...(flags.threads === undefined ? {} : { threads: flags.threads }),
    ...(flags.lockDuration === undefined ? {} : { lockDuration: flags.lockDuration }),
    ...(flags.grace === undefined ? {} : { grace: flags.grace }),
  });
  io.stderr.write(
    `reesim worker: queue ${worker.queue}, ${worker.threads} thread${worker.threads === 1 ? '' : 's'}; SIGTERM to stop\n`,
  );
  const signalled =
    stop ??
    new Promise<void>((resolve) => {
      process.once('SIGTERM', () => resolve());
      process.once('SIGINT', () => resolve());
    });
  await signalled;
  io.stderr.write('reesim worker: stopping (finishing running jobs)\n');
  await worker.close();
  io.stderr.write(`reesim worker: stopped after ${worker.jobsDone()} jobs\n`);
  return EXIT_OK;
}
