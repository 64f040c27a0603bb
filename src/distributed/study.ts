/**
 * What a study leaves in Redis: its inputs stored once (a hash per study), and jobs that name only a
 * slice of its batches. A job carries `{ study, first, count }`: the batches at positions first ..
 * first + count − 1 of the study's batch list (every index, or those of its shard); its id is
 * `<study>-<first>` (BullMQ forbids `:` in ids), so adding a job twice adds it once.
 */

import { deserialize, serialize } from 'node:v8';
import type { Redis } from 'ioredis';
import { inShard } from '../engine/shards.js';
import type { BatchError, BatchPlan, Shard } from '../engine/types.js';

/** The data of one job. */
export interface JobData {
  /** The study id: SHA-256 of its checkpoint header. */
  readonly study: string;
  /** Position of the job's first batch in the study's batch list. */
  readonly first: number;
  /** Batches in the job. */
  readonly count: number;
}

/** One batch's outcome in a job's return value (JSON: values as base64 V8 bytes). */
export type JobBatch =
  | { readonly index: number; readonly ok: true; readonly v8: string }
  | { readonly index: number; readonly ok: false; readonly error: BatchError };

/** What a job returns. */
export interface JobResult {
  readonly batches: readonly JobBatch[];
}

/** A study as a worker needs it. */
export interface StoredStudy {
  readonly task: string;
  readonly seed: string;
  readonly inputs: readonly unknown[];
  readonly shard: Shard | undefined;
  readonly retries: number;
}

/** The Redis key of a study's hash. */
export function studyKey(queue: string, study: string): string {
  return `reesim:${queue}:study:${study}`;
}

/** The job id of the job starting at position `first`. */
export function jobId(study: string, first: number): string {
  return `${study}-${first}`;
}

/** The study's batch indices in order: all of them, or those of the shard. */
export function studyIndices(total: number, shard: Shard | undefined): number[] {
  return Array.from({ length: total }, (_, i) => i).filter((i) => inShard(i, shard));
}

/** The jobs (`first`, `count`) that hold at least one batch of `todo`, `size` batches per job. */
export function jobsFor(
  indices: readonly number[],
  todo: ReadonlySet<number>,
  size: number,
): { first: number; count: number }[] {
  const jobs: { first: number; count: number }[] = [];
  for (let first = 0; first < indices.length; first += size) {
    const count = Math.min(size, indices.length - first);
    if (indices.slice(first, first + count).some((i) => todo.has(i))) jobs.push({ first, count });
  }
  return jobs;
}

/** Stores a study's inputs and settings once (a second coordinator of the same study rewrites the same). */
export async function saveStudy(redis: Redis, queue: string, id: string, plan: BatchPlan): Promise<void> {
  await redis.hset(studyKey(queue, id), {
    task: plan.task,
    seed: plan.seed,
    shard: JSON.stringify(plan.shard ?? null),
    retries: String(plan.retries),
    inputs: serialize(plan.inputs),
  });
}

/** Reads a study (undefined when its hash is gone: the study finished or was never stored). */
export async function loadStudy(redis: Redis, queue: string, id: string): Promise<StoredStudy | undefined> {
  const h = await redis.hgetallBuffer(studyKey(queue, id));
  if (!h.inputs || !h.task || !h.seed) return undefined;
  const shard = JSON.parse(h.shard?.toString() ?? 'null') as Shard | null;
  return {
    task: h.task.toString(),
    seed: h.seed.toString(),
    inputs: deserialize(h.inputs) as unknown[],
    shard: shard ?? undefined,
    retries: Number(h.retries?.toString() ?? '1'),
  };
}
