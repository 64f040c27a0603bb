// The BullMQ backend against a real redis-server (issue 15): a coordinator (this process) and two
// `reesim worker` child processes (the built dist/cli.js: npm test builds first) give what threads 0
// gives, byte for byte in the checkpoint; a worker SIGKILLed mid-batch, a coordinator killed and resumed,
// a throwing task, and a server that may evict keys.
import { type ChildProcess, spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { deserialize } from 'node:v8';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ReesimError } from '../../src/core/errors.js';
import { redisBackend } from '../../src/distributed/backend.js';
import { startWorker } from '../../src/distributed/worker.js';
import { hashValue } from '../../src/engine/hash.js';
import { monteCarlo } from '../../src/engine/monteCarlo.js';
import { runBatches } from '../../src/engine/runBatches.js';
import type { MonteCarloStudy } from '../../src/study/monteCarlo.js';
import { clayEnsemble } from '../helpers.js';
import { redisAvailable, startRedis, type TestRedis } from './redisServer.js';

const root = resolve(import.meta.dirname, '../..');
const cli = join(root, 'dist/cli.js');
let redis: TestRedis;
let dir = '';
const running = new Set<ChildProcess>();

/** A task module (plain .mjs, so the built workers load it without tsx). */
function task(name: string, source: string): string {
  const file = join(dir, `${name}.mjs`);
  writeFileSync(file, source);
  return file;
}

interface Workers {
  readonly pids: number[];
  readonly procs: ChildProcess[];
  /** SIGTERM every worker still running; resolves to their exit codes. */
  stop(): Promise<(number | null)[]>;
}

/** Starts `n` `reesim worker` processes on `queue`, each with one thread and a short job lock. */
async function workers(n: number, queue: string): Promise<Workers> {
  const procs = Array.from({ length: n }, () => {
    const child = spawn(
      process.execPath,
      [cli, 'worker', '--redis', redis.url, '--queue', queue, '--threads', '1', '--lock-duration', '1500'],
      { stdio: ['ignore', 'ignore', 'pipe'] },
    );
    running.add(child);
    child.once('exit', () => running.delete(child));
    return child;
  });
  await Promise.all(
    procs.map(
      (p) =>
        new Promise<void>((ready, failed) => {
          let err = '';
          p.stderr?.on('data', (d: Buffer) => {
            err += d.toString();
            if (err.includes('SIGTERM to stop')) ready();
          });
          p.once('exit', (code) => failed(new Error(`worker exited ${code}: ${err}`)));
        }),
    ),
  );
  return {
    pids: procs.map((p) => p.pid as number),
    procs,
    stop: () =>
      Promise.all(
        procs.map((p) => {
          if (p.exitCode !== null || p.signalCode !== null) return Promise.resolve(p.exitCode);
          const exited = new Promise<number | null>((r) => p.once('exit', (code) => r(code)));
          p.kill('SIGTERM');
          return exited;
        }),
      ),
  };
}

/**
 * A checkpoint's content: the header line as it is, then each batch's value by index as `hashValue` of
 * the decoded value (V8 writes the same number as an integer or a double depending on how the process
 * happens to store that field, so equal values need not have equal bytes).
 */
function checkpointContent(file: string): { header: string; batches: Record<number, string> } {
  const [header, ...rest] = readFileSync(file, 'utf8').trim().split('\n');
  const batches: Record<number, string> = {};
  for (const line of rest) {
    const l = JSON.parse(line) as { index: number; state: string; v8?: string; error?: unknown };
    batches[l.index] =
      l.v8 === undefined ? JSON.stringify(l.error) : hashValue(deserialize(Buffer.from(l.v8, 'base64')));
  }
  return { header: header as string, batches };
}

/** Batch index -> how many lines of the checkpoint hold it. */
function linesPerBatch(file: string): Map<number, number> {
  const count = new Map<number, number>();
  for (const line of readFileSync(file, 'utf8').trim().split('\n').slice(1)) {
    const { index } = JSON.parse(line) as { index: number };
    count.set(index, (count.get(index) ?? 0) + 1);
  }
  return count;
}

beforeAll(async () => {
  if (!redisAvailable) return;
  if (!existsSync(cli)) throw new Error('dist/cli.js is missing: run `npm run build` first');
  redis = await startRedis();
  dir = mkdtempSync(join(tmpdir(), 'reesim-redis-'));
});

afterAll(async () => {
  for (const child of running) child.kill('SIGKILL');
  await redis?.stop();
});

const scenario = clayEnsemble;
const supplyStudy: MonteCarloStudy = {
  model: 'supply-chain',
  base: { scenario, options: { start: '2025-01', months: 12, seed: 0, warmUpMonths: 0 } },
  parameters: [
    { path: 'options.seed', distribution: { kind: 'uniform', min: 0, max: 1e9 } },
    {
      path: 'scenario.facilities.kachin.outage.ratePerMonth',
      distribution: { kind: 'uniform', min: 0, max: 0.3 },
    },
  ],
  outputs: ['years.2025.demand.cn.met', 'balanceResidual'],
  runs: 8,
};
const cascadeStudy: MonteCarloStudy = {
  model: 'cascade',
  base: {
    stages: { extraction: 5 },
    feed: { flows: { A: 1, B: 1 }, volume: 1 },
    organic: { volume: 1 },
    equilibrium: { kind: 'distribution', D: { A: 2, B: 0.5 } },
  },
  runs: 120,
  outputs: ['loadedOrganic.flows.A', 'raffinate.flows.B'],
  parameters: [
    { path: 'equilibrium.D.A', distribution: { kind: 'uniform', min: 1, max: 3 } },
    { path: 'feed.flows.B', distribution: { kind: 'triangular', min: 0.5, mode: 1, max: 2 } },
  ],
};

describe.skipIf(!redisAvailable)('BullMQ backend on a real redis-server', () => {
  it('coordinator + two reesim workers: a Monte Carlo and a supply-chain ensemble as on threads 0, checkpoints and results bit-identical', async () => {
    const w = await workers(2, 'same');
    try {
      const backend = redisBackend({ url: redis.url, queue: 'same', jobSize: 2, pollInterval: 200 });
      for (const [name, study, batchSize] of [
        ['cascade', cascadeStudy, 10],
        ['supply', supplyStudy, 2],
      ] as const) {
        const local = join(dir, `${name}-local.jsonl`);
        const queued = join(dir, `${name}-queued.jsonl`);
        const a = await monteCarlo(study, { threads: 0, seed: 'q', batchSize, checkpoint: local });
        const b = await monteCarlo(study, { backend, seed: 'q', batchSize, checkpoint: queued });
        expect(b).toEqual(a);
        expect(b.failures).toEqual([]);
        expect(checkpointContent(queued)).toEqual(checkpointContent(local));
        expect(hashValue(b)).toBe(hashValue(a)); // bit-identical results
      }
      await backend.close();
      // Nothing of the studies is left: no job, no stored inputs.
      const keys = await redis.client.keys('*');
      expect(keys.filter((k) => /study|:[0-9a-f]{64}-\d+$/.test(k))).toEqual([]);
    } finally {
      expect(await w.stop()).toEqual([0, 0]); // SIGTERM: a graceful exit
    }
  }, 120_000);

  it('a worker SIGKILLed mid-batch: the study completes, every batch exactly once in the checkpoint', async () => {
    const slow = task(
      'slowMarked',
      `import { writeFileSync } from 'node:fs';
export default async (input, ctx) => {
  writeFileSync(\`\${input.dir}/start-\${ctx.index}-\${process.pid}-\${Date.now()}\`, '');
  await new Promise((r) => setTimeout(r, input.ms));
  return input.value * 2;
};\n`,
    );
    const marks = mkdtempSync(join(tmpdir(), 'reesim-marks-'));
    const inputs = Array.from({ length: 12 }, (_, i) => ({ ms: 250, value: i, dir: marks }));
    const w = await workers(2, 'kill');
    const victim = w.pids[0] as number;
    // Kill the first worker as soon as it has started its second batch.
    const watcher = setInterval(() => {
      const mine = readdirSync(marks).filter((f) => f.split('-')[2] === String(victim));
      if (mine.length >= 2) {
        clearInterval(watcher);
        w.procs[0]?.kill('SIGKILL');
      }
    }, 20);
    const file = join(dir, 'killed.jsonl');
    const backend = redisBackend({ url: redis.url, queue: 'kill', jobSize: 1, pollInterval: 200 });
    try {
      const r = await runBatches(inputs, { task: slow, backend, checkpoint: file, seed: 'k' });
      expect(r.map((x) => (x.state === 'completed' ? x.value : x.error.message))).toEqual(
        inputs.map((x) => x.value * 2),
      );
      expect(w.procs[0]?.signalCode).toBe('SIGKILL');
      const once = linesPerBatch(file);
      expect([...once.keys()].sort((a, b) => a - b)).toEqual(inputs.map((_, i) => i));
      expect([...once.values()].every((n) => n === 1)).toBe(true);
      // The killed batch really ran twice (once on each worker), yet is in the checkpoint once.
      const starts = readdirSync(marks).map((f) => Number(f.split('-')[1]));
      expect(starts.length).toBeGreaterThan(inputs.length);
    } finally {
      clearInterval(watcher);
      await backend.close();
      await w.stop();
    }
  }, 120_000);

  it('a coordinator killed mid-study resumes from its checkpoint: no batch lost or duplicated', async () => {
    const slow = task(
      'slow',
      'export default async (input) => { await new Promise((r) => setTimeout(r, input.ms)); return input.value; };\n',
    );
    const inputs = Array.from({ length: 16 }, (_, i) => ({ ms: 150, value: i }));
    const file = join(dir, 'coordinator.jsonl');
    const script = join(dir, 'coordinator.mjs');
    writeFileSync(
      script,
      `import { runBatches } from ${JSON.stringify(join(root, 'dist/index.js'))};
import { redisBackend } from ${JSON.stringify(join(root, 'dist/distributed.js'))};
const backend = redisBackend({ url: ${JSON.stringify(redis.url)}, queue: 'resume', jobSize: 1, pollInterval: 100 });
await runBatches(${JSON.stringify(inputs)}, { task: ${JSON.stringify(slow)}, backend, checkpoint: ${JSON.stringify(file)}, seed: 'r',
  onProgress: (done) => { if (done === 4) process.stdout.write('four\\n'); } });
`,
    );
    const w = await workers(2, 'resume');
    try {
      const coordinator = spawn(process.execPath, [script], { stdio: ['ignore', 'pipe', 'inherit'] });
      // Killed once four batches are in; resumed once it is gone (its checkpoint lock is then taken over).
      await new Promise<void>((gone) => {
        coordinator.stdout.on('data', (d: Buffer) => {
          if (d.toString().includes('four')) coordinator.kill('SIGKILL');
        });
        coordinator.on('exit', () => gone());
      });
      const before = linesPerBatch(file);
      expect(before.size).toBeGreaterThanOrEqual(4);
      expect(before.size).toBeLessThan(inputs.length);
      // The workers go on with the queued jobs; the resumed coordinator collects them.
      const backend = redisBackend({ url: redis.url, queue: 'resume', jobSize: 1, pollInterval: 100 });
      const r = await runBatches(inputs, { task: slow, backend, checkpoint: file, seed: 'r' });
      await backend.close();
      expect(r.map((x) => (x.state === 'completed' ? x.value : undefined))).toEqual(
        inputs.map((x) => x.value),
      );
      const once = linesPerBatch(file);
      expect(once.size).toBe(inputs.length);
      expect([...once.values()].every((n) => n === 1)).toBe(true);
      const left = (await redis.client.keys('bull:resume:*')).filter((k) => /[0-9a-f]{64}/.test(k));
      expect(left).toEqual([]); // every job collected and removed, the stored study deleted
    } finally {
      await w.stop();
    }
  }, 120_000);

  it('a task that throws stays an errored batch (code and path kept) and is not retried', async () => {
    const throwing = task(
      'throwing',
      `import { writeFileSync } from 'node:fs';
export default (input, ctx) => {
  writeFileSync(\`\${input.dir}/try-\${ctx.index}-\${Math.random()}\`, '');
  if (ctx.index % 2 === 1) throw Object.assign(new Error('odd batch'), { code: 'OUT_OF_RANGE', path: 'task.input' });
  return ctx.index;
};\n`,
    );
    const marks = mkdtempSync(join(tmpdir(), 'reesim-tries-'));
    const w = await workers(1, 'throw');
    const backend = redisBackend({ url: redis.url, queue: 'throw', jobSize: 2, pollInterval: 200 });
    try {
      const r = await runBatches(
        Array.from({ length: 6 }, () => ({ dir: marks })),
        { task: throwing, backend },
      );
      expect(r.map((x) => x.state)).toEqual([
        'completed',
        'errored',
        'completed',
        'errored',
        'completed',
        'errored',
      ]);
      const e = r[1];
      expect(e?.state === 'errored' && [e.error.code, e.error.path, e.error.message]).toEqual([
        'OUT_OF_RANGE',
        'task.input',
        'odd batch',
      ]);
      expect(readdirSync(marks)).toHaveLength(6); // each batch tried once
    } finally {
      await backend.close();
      await w.stop();
    }
  }, 120_000);

  it('reesim run study.yaml --backend URL prints what --threads 0 prints; other kinds and --threads are refused', async () => {
    const study = join(dir, 'study.yaml');
    writeFileSync(
      study,
      [
        'kind: monte-carlo',
        'input:',
        '  model: cascade',
        '  base: { stages: { extraction: 3 }, feed: { flows: { A: 1 }, volume: 1 }, organic: { volume: 1 }, equilibrium: { kind: distribution, D: { A: 1 } } }',
        '  runs: 60',
        '  parameters: [{ path: equilibrium.D.A, distribution: { kind: uniform, min: 0.5, max: 2 } }]',
        '  outputs: [raffinate.flows.A]',
      ].join('\n'),
    );
    const reesim = (...args: string[]) =>
      spawnSync(process.execPath, [cli, 'run', ...args], { encoding: 'utf8' });
    const w = await workers(1, 'cli');
    try {
      const local = reesim(study, '--threads', '0', '--json', '--seed', 'c');
      const queued = reesim(study, '--backend', redis.url, '--queue', 'cli', '--json', '--seed', 'c');
      expect(queued.status).toBe(0);
      expect(queued.stdout).toBe(local.stdout);
      const both = reesim(study, '--backend', redis.url, '--threads', '2');
      expect([both.status, both.stderr.includes('exclude each other')]).toEqual([2, true]);
      const cascade = join(dir, 'cascade.yaml');
      writeFileSync(
        cascade,
        'kind: cascade\ninput: { stages: { extraction: 1 }, feed: { flows: { A: 1 }, volume: 1 }, organic: { volume: 1 }, equilibrium: { kind: distribution, D: { A: 1 } } }\n',
      );
      const notStudy = reesim(cascade, '--backend', redis.url);
      expect([notStudy.status, notStudy.stderr.includes('studies only')]).toEqual([2, true]);
    } finally {
      await w.stop();
    }
  }, 120_000);

  it('with no worker: an abort rejects with ABORTED at once, and idleTimeout bounds the wait (TIMEOUT)', async () => {
    const backend = redisBackend({ url: redis.url, queue: 'idle', pollInterval: 50, idleTimeout: 300 });
    const controller = new AbortController();
    setTimeout(() => controller.abort(), 200);
    const aborted = await runBatches([1, 2], { task: 'cascade', backend, signal: controller.signal }).catch(
      (e: ReesimError) => e.code,
    );
    expect(aborted).toBe('ABORTED');
    const timedOut = (await runBatches([3, 4], { task: 'cascade', backend }).catch((e) => e)) as ReesimError;
    expect([timedOut.code, timedOut.path]).toEqual(['TIMEOUT', 'redisBackend.idleTimeout']);
    expect(timedOut.message).toContain('reesim worker --redis');
    await backend.close();
  }, 60_000);

  it('a worker told to stop mid-job hands it back after --grace; another worker completes it; a shard runs only its batches', async () => {
    const slow = task(
      'slowStop',
      'export default async (input) => { await new Promise((r) => setTimeout(r, input.ms)); return input.value; };\n',
    );
    const first = spawn(
      process.execPath,
      [
        cli,
        'worker',
        '--redis',
        redis.url,
        '--queue',
        'stop',
        '--threads',
        '1',
        '--lock-duration',
        '1500',
        '--grace',
        '200',
      ],
      { stdio: ['ignore', 'ignore', 'pipe'] },
    );
    running.add(first);
    await new Promise<void>((ready) =>
      first.stderr.on('data', (d: Buffer) => d.toString().includes('SIGTERM') && ready()),
    );
    const backend = redisBackend({ url: redis.url, queue: 'stop', jobSize: 1, pollInterval: 100 });
    const inputs = Array.from({ length: 6 }, (_, i) => ({ ms: 2000, value: i }));
    const shard = { index: 1, count: 2 };
    const run = runBatches(inputs, { task: slow, backend, seed: 'stop', shard });
    await new Promise((r) => setTimeout(r, 700)); // the first job is running
    const exited = new Promise<number | null>((r) => first.once('exit', (code) => r(code)));
    first.kill('SIGTERM');
    expect(await exited).toBe(0); // after the grace, not after the 2 s batch
    const w = await workers(1, 'stop');
    try {
      const r = await run;
      expect(r.map((x) => [x.index, x.state === 'completed' ? x.value : x.state])).toEqual([
        [1, 1],
        [3, 3],
        [5, 5],
      ]);
    } finally {
      await backend.close();
      await w.stop();
    }
  }, 120_000);

  it('refuses a server whose maxmemory-policy is not noeviction (UNSAFE_SERVER), coordinator and worker', async () => {
    await redis.client.config('SET', 'maxmemory-policy', 'allkeys-lru');
    try {
      const backend = redisBackend({ url: redis.url, queue: 'unsafe' });
      const e = (await runBatches([1], { task: 'cascade', backend }).catch((x) => x)) as ReesimError;
      expect([e.code, e.path]).toEqual(['UNSAFE_SERVER', 'backend.redis']);
      expect(e.message).toContain('allkeys-lru');
      await backend.close();
      const w = (await startWorker({ url: redis.url, queue: 'unsafe' }).catch((x) => x)) as ReesimError;
      expect(w.code).toBe('UNSAFE_SERVER');
    } finally {
      await redis.client.config('SET', 'maxmemory-policy', 'noeviction');
    }
  });
});
