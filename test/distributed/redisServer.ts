// A real redis-server for the distributed tests (no mocks): started on 127.0.0.1 on a free port with
// `--save '' --appendonly no --maxmemory-policy noeviction`, stopped afterwards. Without the binary the
// tests are skipped with one line saying how to enable them; with REESIM_REDIS_TESTS=1 (set by .ci/run)
// a missing binary fails them instead.
import { type ChildProcess, spawn, spawnSync } from 'node:child_process';
import { createServer } from 'node:net';
import { Redis } from 'ioredis';

/** The server binary: `redis-server` on the PATH, or REESIM_REDIS_SERVER (a path, e.g. valkey-server). */
const binary = process.env.REESIM_REDIS_SERVER || 'redis-server';

/** Whether redis-server can be run here. */
export const redisAvailable = spawnSync(binary, ['--version']).status === 0;

/** Whether the tests must run (CI): then a missing redis-server is a failure, not a skip. */
export const redisRequired = process.env.REESIM_REDIS_TESTS === '1';

if (!redisAvailable) {
  if (redisRequired) throw new Error(`REESIM_REDIS_TESTS=1 but ${binary} cannot be run`);
  console.warn(
    `test/distributed skipped: ${binary} not found (apt-get install -y redis-server; REESIM_REDIS_TESTS=1 makes these tests mandatory)`,
  );
}

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.unref();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}

/** A running server: its URL, a client for checks, and stop(). */
export interface TestRedis {
  readonly url: string;
  readonly client: Redis;
  stop(): Promise<void>;
}

/** Starts redis-server on a free port and waits until it answers. */
export async function startRedis(): Promise<TestRedis> {
  const port = await freePort();
  const child: ChildProcess = spawn(
    binary,
    [
      '--bind',
      '127.0.0.1',
      '--port',
      String(port),
      '--save',
      '',
      '--appendonly',
      'no',
      '--maxmemory-policy',
      'noeviction',
    ],
    { stdio: 'ignore' },
  );
  const url = `redis://127.0.0.1:${port}`;
  const client = new Redis(url, { lazyConnect: true, maxRetriesPerRequest: 1 });
  client.on('error', () => {});
  for (let attempt = 0; ; attempt++) {
    try {
      await client.connect();
      await client.ping();
      break;
    } catch (e) {
      if (attempt > 100) throw e;
      await new Promise((r) => setTimeout(r, 50));
    }
  }
  return {
    url,
    client,
    async stop() {
      client.disconnect();
      const exited = new Promise((resolve) => child.once('exit', resolve));
      child.kill('SIGTERM');
      await exited;
    },
  };
}
