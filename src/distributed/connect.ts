/**
 * Connecting to the queue's Redis (or Valkey) server: the optional packages loaded on demand (the core
 * package has no Redis dependency), every connection bounded in time, and servers that could lose a
 * study's data refused.
 */
import type { Redis } from 'ioredis';
import { fail } from '../core/errors.js';

/** Longest wait (ms) for a connection or a single command before it is a `TIMEOUT`. */
export const COMMAND_TIMEOUT_MS = 30_000;

type Bullmq = typeof import('bullmq');

/** BullMQ, loaded when first needed; a missing package is a typed error saying what to install. */
export async function loadBullmq(): Promise<Bullmq> {
  try {
    return await import('bullmq');
  } catch {
    return fail('NOT_SUPPORTED', 'backend', 'bullmq', 'bullmq and ioredis installed (npm i bullmq ioredis)');
  }
}

/** Checks a Redis URL: `redis://` or `rediss://` (TLS), host and optional port, user, password, db. */
export function checkRedisUrl(path: string, url: unknown): string {
  if (typeof url !== 'string' || !/^rediss?:\/\/[^\s]+$/.test(url))
    fail('INVALID_TYPE', path, url, 'a Redis URL, e.g. redis://127.0.0.1:6379');
  try {
    new URL(url);
  } catch {
    fail('INVALID_TYPE', path, url, 'a Redis URL, e.g. redis://127.0.0.1:6379');
  }
  return url;
}

/** Checks a queue name: letters, digits, `_`, `-` and `.` (BullMQ forbids `:`). */
export function checkQueueName(path: string, name: unknown): string {
  if (typeof name !== 'string' || !/^[A-Za-z0-9_.-]{1,100}$/.test(name))
    fail('INVALID_TYPE', path, name, 'a queue name of 1-100 letters, digits, _, - or .');
  return name;
}

/** The connection settings reesim sets (accepted by ioredis and by BullMQ's `connection`). */
export interface ConnectionSettings {
  readonly connectTimeout: number;
  readonly commandTimeout?: number;
  readonly maxRetriesPerRequest?: number | null;
  readonly lazyConnect: boolean;
}

/** Options of every connection: bounded connect and commands, no endless reconnect at start-up. */
export function connectionOptions(blocking: boolean): ConnectionSettings {
  return {
    connectTimeout: COMMAND_TIMEOUT_MS,
    // BullMQ's blocking connections (workers, queue events) must not time out their blocking reads.
    ...(blocking ? { maxRetriesPerRequest: null } : { commandTimeout: COMMAND_TIMEOUT_MS }),
    lazyConnect: true,
  };
}

/** A connection for plain commands, connected and checked, or a typed error within the time bound. */
export async function connectRedis(url: string): Promise<Redis> {
  const mod = (await import('ioredis').catch(() =>
    fail('NOT_SUPPORTED', 'backend', 'ioredis', 'bullmq and ioredis installed (npm i bullmq ioredis)'),
  )) as unknown as { Redis?: typeof Redis; default?: typeof Redis };
  const Ctor = (mod.Redis ?? mod.default) as typeof Redis;
  const redis = new Ctor(url, { ...connectionOptions(false), maxRetriesPerRequest: 2 });
  redis.on('error', () => {}); // reported by the command that fails; never an unhandled 'error' event
  try {
    await bounded(redis.connect(), `connect to ${redactUrl(url)}`);
    await checkServer(redis, url);
  } catch (e) {
    redis.disconnect();
    throw e;
  }
  return redis;
}

/**
 * Refuses a server whose `maxmemory-policy` is not `noeviction`: under memory pressure it would evict
 * queue keys (jobs, locks, a study's inputs) and silently lose work (bullmq#1827, #2737).
 */
export async function checkServer(redis: Redis, url: string): Promise<void> {
  const info = await bounded(redis.info('memory'), `INFO memory on ${redactUrl(url)}`);
  const policy = /maxmemory_policy:(\S+)/.exec(info)?.[1];
  if (policy !== 'noeviction')
    fail(
      'UNSAFE_SERVER',
      'backend.redis',
      `${redactUrl(url)} maxmemory-policy ${policy ?? '(unknown)'}`,
      'a Redis server with maxmemory-policy noeviction (CONFIG SET maxmemory-policy noeviction)',
    );
}

/** A URL without its password, for messages. */
export function redactUrl(url: string): string {
  return url.replace(/\/\/([^:@/]*):[^@/]*@/, '//$1:***@');
}

/** `p`, or a `TIMEOUT` error after `ms`. */
export async function bounded<T>(p: Promise<T>, what: string, ms = COMMAND_TIMEOUT_MS): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<never>((_, reject) => {
    timer = setTimeout(() => {
      try {
        fail('TIMEOUT', 'backend', what, `an answer within ${ms} ms`);
      } catch (e) {
        reject(e);
      }
    }, ms);
  });
  try {
    return await Promise.race([p, late]);
  } finally {
    clearTimeout(timer);
  }
}
