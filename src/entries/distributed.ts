/**
 * `reesim/distributed`: studies that outgrow one machine, on BullMQ workers over Redis (or Valkey). Needs
 * the optional packages `bullmq` and `ioredis` (`npm i bullmq ioredis`); the main entry has no Redis
 * dependency. The coordinator passes {@link redisBackend} as `backend` to `runBatches`, `monteCarlo`,
 * `sweep` or `runScenario`; each machine runs {@link startWorker} (or `reesim worker --redis URL`).
 *
 * @module reesim/distributed
 */

// ── Coordinator and worker ───────────────────────────────────────────────────
export {
  DEFAULT_QUEUE,
  type RedisBackend,
  type RedisBackendOptions,
  redisBackend,
} from '../distributed/backend.js';
export { COMMAND_TIMEOUT_MS } from '../distributed/connect.js';
export { type RedisWorker, type RedisWorkerOptions, startWorker } from '../distributed/worker.js';
