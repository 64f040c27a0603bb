// Edge cases of the batch engine found in review: abort inside the last in-process batch, a throwing
// progress callback, lossless checkpoints, torn checkpoint lines, prototype task names, sparse inputs and
// that a dead worker's batch is really retried.
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { hashValue } from '../../src/engine/hash.js';
import { runBatches } from '../../src/engine/runBatches.js';

const fixture = (name: string) => new URL(`./fixtures/${name}.ts`, import.meta.url);
const tmp = () => mkdtempSync(join(tmpdir(), 'reesim-engine-'));
const codeOf = (p: Promise<unknown>) =>
  p.then(
    () => 'resolved',
    (e: { code?: string; message?: string }) => e.code ?? e.message,
  );

describe('runBatches edge cases', () => {
  it('aborts promptly inside the only (last) in-process batch', async () => {
    const controller = new AbortController();
    setTimeout(() => controller.abort(), 100);
    const started = Date.now();
    const outcome = await codeOf(
      runBatches([{ ms: 3000, value: 1 }], { task: fixture('slow'), threads: 0, signal: controller.signal }),
    );
    expect(outcome).toBe('ABORTED');
    expect(Date.now() - started).toBeLessThan(1500);
  });

  it('a throwing onProgress rejects the run instead of re-running batches as if workers had died', async () => {
    for (const threads of [0, 2]) {
      let calls = 0;
      const outcome = await codeOf(
        runBatches([1, 2, 3, 4], {
          task: fixture('echo'),
          threads,
          onProgress: () => {
            calls++;
            throw new Error('callback failed');
          },
        }),
      );
      expect(outcome).toBe('callback failed');
      expect(calls).toBeLessThanOrEqual(2);
    }
  }, 30_000);

  it('a resumed checkpoint returns exactly what the run returned (-0, NaN, Infinity, typed arrays, Maps)', async () => {
    const file = join(tmp(), 'special.jsonl');
    const first = await runBatches([1, 2], { task: fixture('special'), threads: 0, checkpoint: file });
    let ran = 0;
    const again = await runBatches([1, 2], {
      task: fixture('special'),
      threads: 0,
      checkpoint: file,
      onProgress: () => {
        ran++;
      },
    });
    expect(ran).toBe(0); // everything came from the file
    const v = again[0]?.state === 'completed' ? (again[0].value as ReturnType<typeof Object>) : undefined;
    expect(Object.is(v?.z, -0)).toBe(true);
    expect(Number.isNaN(v?.n)).toBe(true);
    expect(v?.inf).toBe(Number.NEGATIVE_INFINITY);
    expect(v?.arr).toBeInstanceOf(Float64Array);
    expect(Object.is(v?.arr[1], -0)).toBe(true);
    expect(v?.map.get('k')).toBe(1);
    expect(again).toEqual(first);
    // Inputs that JSON would confuse ({ x: NaN } vs { x: null }) hash differently.
    expect(hashValue([{ x: Number.NaN }])).not.toBe(hashValue([{ x: null }]));
  });

  it('a torn last checkpoint line is cut off, and the batch it held runs once', async () => {
    const file = join(tmp(), 'torn.jsonl');
    await runBatches([1, 2, 3], { task: fixture('echo'), threads: 0, checkpoint: file });
    const lines = readFileSync(file, 'utf8').trim().split('\n');
    // Keep the header and batch 0, tear batch 1's line in half, lose batch 2.
    writeFileSync(file, `${lines[0]}\n${lines[1]}\n${(lines[2] ?? '').slice(0, 10)}`);
    let ran = 0;
    const resumed = await runBatches([1, 2, 3], {
      task: fixture('echo'),
      threads: 0,
      checkpoint: file,
      onProgress: () => {
        ran++;
      },
    });
    expect(ran).toBe(2);
    expect(resumed.map((r) => (r.state === 'completed' ? r.value : undefined))).toEqual([1, 2, 3]);
    let again = 0;
    await runBatches([1, 2, 3], {
      task: fixture('echo'),
      threads: 0,
      checkpoint: file,
      onProgress: () => {
        again++;
      },
    });
    expect(again).toBe(0);
  });

  it('rejects prototype names as tasks and keeps the holes of sparse inputs', async () => {
    for (const name of ['toString', 'constructor', 'hasOwnProperty', '__proto__']) {
      expect(await codeOf(runBatches([1], { task: name, threads: 0 }))).toBe('UNKNOWN_KEY');
    }
    // biome-ignore lint/suspicious/noSparseArray: the case under test
    const r = await runBatches([1, , 3], { task: fixture('echo'), threads: 0 });
    expect(r.map((x) => x.index)).toEqual([0, 1, 2]);
    expect(r[1]?.state === 'completed' && r[1].value).toBe('hole');
    expect(await codeOf(runBatches([1], { task: 'cascade', signal: {} as AbortSignal }))).toBe(
      'INVALID_TYPE',
    );
    expect(await codeOf(runBatches([1], { task: 'cascade', onProgress: 5 as never }))).toBe('INVALID_TYPE');
  });

  it('retries the batch of a worker that died: it succeeds with retries: 1 and is errored with retries: 0', async () => {
    const dir = tmp();
    const ok = await runBatches([{ marker: join(dir, 'a') }], {
      task: fixture('exitOnce'),
      threads: 1,
      retries: 1,
    });
    expect(ok[0]?.state === 'completed' && ok[0].value).toBe('retried');
    const no = await runBatches([{ marker: join(dir, 'b') }], {
      task: fixture('exitOnce'),
      threads: 1,
      retries: 0,
    });
    expect(no[0]?.state === 'errored' && no[0].error.name).toBe('WorkerError');
  }, 30_000);
});
