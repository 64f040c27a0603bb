// The batch engine (src/engine/runBatches.ts): determinism across thread counts, failures as data, dead
// workers, abort, checkpoints and shards.
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runBatches } from '../../src/engine/runBatches.js';
import { mergeShards } from '../../src/engine/shards.js';
import { distribution } from '../../src/sx/equilibrium/equilibrium.js';
import { simulateCascade } from '../../src/sx/steady/simulateCascade.js';
import { codeOf } from '../helpers.js';

const fixture = (name: string) => new URL(`./fixtures/${name}.ts`, import.meta.url);
const draws = Array.from({ length: 12 }, (_, i) => ({ n: 50 + i }));
const tmp = () => mkdtempSync(join(tmpdir(), 'reesim-engine-'));

describe('runBatches', () => {
  it('gives bit-identical results for threads 0, 1, 2 and 4 (same seed)', async () => {
    const runs = [];
    for (const threads of [0, 1, 2, 4]) {
      runs.push(await runBatches(draws, { task: fixture('draws'), threads, seed: 'study-1' }));
    }
    for (const r of runs.slice(1)) expect(r).toEqual(runs[0]);
    expect(runs[0]?.every((r) => r.state === 'completed')).toBe(true);
    // Another seed draws other numbers; the same seed and index the same ones.
    const other = await runBatches(draws, { task: fixture('draws'), threads: 0, seed: 'study-2' });
    expect(other).not.toEqual(runs[0]);
  }, 30_000);

  it("runs the built-in 'cascade' task on workers with the in-process result", async () => {
    const spec = (eps: number) => ({
      stages: { extraction: 5 },
      feed: { flows: { A: 1 }, volume: 1 },
      organic: { volume: 1 },
      equilibrium: distribution({ A: eps }),
    });
    const inputs = [0.5, 1, 2].map(spec);
    const pooled = await runBatches(inputs, { task: 'cascade', threads: 2 });
    expect(pooled.map((r) => (r.state === 'completed' ? r.value : r.error))).toEqual(
      inputs.map((s) => simulateCascade(s)),
    );
  }, 30_000);

  it('keeps a failing batch as data (code and path survive the thread) while the others complete', async () => {
    for (const threads of [0, 2]) {
      const r = await runBatches([0, 1, 2, 3], { task: fixture('failing'), threads });
      expect(r.map((x) => x.state)).toEqual(['completed', 'errored', 'completed', 'errored']);
      const e = r[1];
      expect(e?.state === 'errored' && e.error.code).toBe('OUT_OF_RANGE');
      expect(e?.state === 'errored' && e.error.path).toBe('fixture.input');
      expect(r[2]?.state === 'completed' && r[2].value).toBe(20);
    }
  }, 30_000);

  it('replaces a worker that exits and reports its batch as errored after the retries, never hanging', async () => {
    const r = await runBatches([0, 1, 2, 3, 4, 5], { task: fixture('exiting'), threads: 2, retries: 1 });
    expect(r.map((x) => x.state)).toEqual([
      'completed',
      'completed',
      'completed',
      'errored',
      'completed',
      'completed',
    ]);
    expect(r[3]?.state === 'errored' && r[3].error.name).toBe('WorkerError');
  }, 30_000);

  it('never charges a batch for the death of the worker it waited in (one thread: the next batch always waits behind)', async () => {
    // Each worker holds the batch it runs and the next; batch 3 kills its worker while batch 4 waits in it.
    // With no retries, batch 4 charged for that death would come back errored. Only batch 3 may.
    const r = await runBatches([0, 1, 2, 3, 4, 5, 6, 7], {
      task: fixture('exiting'),
      threads: 1,
      retries: 0,
    });
    expect(r.map((x) => x.state)).toEqual(
      Array.from({ length: 8 }, (_, i) => (i === 3 ? 'errored' : 'completed')),
    );
    expect(r.filter((x) => x.state === 'completed').map((x) => x.state === 'completed' && x.value)).toEqual([
      0, 1, 2, 4, 5, 6, 7,
    ]);
  }, 30_000);

  it('settles promptly with ABORTED when the signal aborts, on workers and in-process', async () => {
    const inputs = Array.from({ length: 20 }, (_, i) => ({ ms: 300, value: i }));
    for (const threads of [0, 2]) {
      const controller = new AbortController();
      const started = Date.now();
      setTimeout(() => controller.abort(), 400);
      const outcome = await runBatches(inputs, {
        task: fixture('slow'),
        threads,
        signal: controller.signal,
      }).then(
        () => 'resolved',
        (e: { code?: string }) => e.code,
      );
      expect(outcome).toBe('ABORTED');
      expect(Date.now() - started).toBeLessThan(2500); // 20 × 300 ms would take 3-6 s
    }
  }, 30_000);

  it('resumes a killed run from its checkpoint: same result, no batch lost or done twice', async () => {
    const file = join(tmp(), 'study.jsonl');
    const child = spawn(
      process.execPath,
      ['--import', 'tsx', new URL('./fixtures/killRun.ts', import.meta.url).pathname, file, '2'],
      {
        stdio: ['ignore', 'pipe', 'inherit'],
      },
    );
    // Killed once ten batches are in; resumed once it is gone (its checkpoint lock is then taken over).
    await new Promise<void>((resolve) => {
      child.stdout.on('data', (d: Buffer) => {
        if (d.toString().includes('ten')) child.kill('SIGKILL');
      });
      child.on('exit', () => resolve());
    });
    const before = readFileSync(file, 'utf8').trim().split('\n').length - 1;
    expect(before).toBeGreaterThanOrEqual(10);
    expect(before).toBeLessThan(40);
    const inputs = Array.from({ length: 40 }, (_, i) => ({ ms: 60, value: i }));
    let ran = 0;
    const resumed = await runBatches(inputs, {
      task: fixture('slow'),
      threads: 2,
      checkpoint: file,
      seed: 'kill',
      onProgress: () => {
        ran++;
      },
    });
    expect(ran).toBe(40 - before); // only the missing batches ran
    const fresh = await runBatches(inputs, { task: fixture('slow'), threads: 0, seed: 'kill' });
    expect(resumed).toEqual(fresh);
    const lines = readFileSync(file, 'utf8')
      .trim()
      .split('\n')
      .slice(1)
      .map((l) => JSON.parse(l).index as number);
    expect([...lines].sort((a, b) => a - b)).toEqual(inputs.map((_, i) => i));
  }, 60_000);

  it('refuses a checkpoint of another study (CHECKPOINT_MISMATCH)', async () => {
    const file = join(tmp(), 'a.jsonl');
    await runBatches([{ n: 1 }], { task: fixture('draws'), threads: 0, checkpoint: file, seed: 'a' });
    const outcome = await runBatches([{ n: 1 }], {
      task: fixture('draws'),
      threads: 0,
      checkpoint: file,
      seed: 'b',
    }).then(
      () => 'resolved',
      (e: { code?: string }) => e.code,
    );
    expect(outcome).toBe('CHECKPOINT_MISMATCH');
  });

  it('shards partition the batches and mergeShards joins them into exactly the single run', async () => {
    const single = await runBatches(draws, { task: fixture('draws'), threads: 0, seed: 's' });
    const parts: Awaited<ReturnType<typeof runBatches>>[] = [];
    for (let index = 0; index < 3; index++) {
      parts.push(
        await runBatches(draws, {
          task: fixture('draws'),
          threads: index === 1 ? 2 : 0,
          seed: 's',
          shard: { index, count: 3 },
        }),
      );
    }
    expect(parts.map((p) => p.length)).toEqual([4, 4, 4]);
    expect(mergeShards(parts, draws.length)).toEqual(single);
    expect(codeOf(() => mergeShards(parts.slice(1), draws.length))).toBe('MISSING');
    expect(codeOf(() => mergeShards([...parts, parts[0] ?? []], draws.length))).toBe('INFEASIBLE');
  }, 30_000);

  it('rejects bad options with typed errors and paths', async () => {
    const code = (p: Promise<unknown>) =>
      p.then(
        () => undefined,
        (e: { code?: string }) => e.code,
      );
    expect(await code(runBatches([1], { task: 'no-such-task' }))).toBe('UNKNOWN_KEY');
    expect(await code(runBatches([1], { task: 'cascade', threads: -1 }))).toBe('OUT_OF_RANGE');
    expect(await code(runBatches([1], { task: 'cascade', shard: { index: 2, count: 2 } }))).toBe(
      'OUT_OF_RANGE',
    );
    expect(await code(runBatches([1], { task: 'cascade', bogus: 1 } as never))).toBe('UNKNOWN_KEY');
    expect(await code(runBatches('x' as never, { task: 'cascade' }))).toBe('INVALID_TYPE');
  });
});
