// Chunks (src/engine/chunks.ts): the local engine sends short batches to a worker several at a time. What
// may not change: each batch's outcome, exactly once, whichever batch of a chunk kills its worker, cannot
// cross the thread or runs longer than those measured before it; and the rules of a chunk's size.
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { CHUNK_BYTES, CHUNK_MS, ChunkSizer } from '../../src/engine/chunks.js';
import { inputBytes } from '../../src/engine/engine.js';
import { runBatches } from '../../src/engine/runBatches.js';
import runChunk, { FIRST_TOKEN, RAN } from '../../src/engine/worker.js';

const fixture = (name: string) => new URL(`./fixtures/${name}.ts`, import.meta.url).href;
const tmp = () => mkdtempSync(join(tmpdir(), 'reesim-chunks-'));
const reply = (count: number, ms: number, bytes = 10) => ({
  outcomes: Array.from({ length: count }, () => ({ ok: true as const, v8: new Uint8Array(bytes) })),
  ms,
});
/** Indices of the batch lines of a checkpoint file (every line after the header). */
const checkpointIndices = (file: string) =>
  readFileSync(file, 'utf8')
    .split('\n')
    .slice(1)
    .filter((l) => l.length > 0)
    .map((l) => (JSON.parse(l) as { index: number }).index);

describe('ChunkSizer', () => {
  it('sends one batch until a chunk has come back, then grows at most twofold per chunk seen', () => {
    const sizer = new ChunkSizer(4);
    expect(sizer.size(1000)).toBe(1);
    sizer.record(reply(1, 0.01));
    expect(sizer.size(1000)).toBe(2);
    sizer.record(reply(2, 0.02));
    expect(sizer.size(1000)).toBe(4);
  });

  it('holds as many batches as run in CHUNK_MS and bring back CHUNK_BYTES, by the batches measured', () => {
    const time = new ChunkSizer(4);
    time.record(reply(64, 64 * 10)); // 10 ms a batch
    expect(time.size(1e6)).toBe(Math.floor(CHUNK_MS / 10));
    const slow = new ChunkSizer(4);
    slow.record(reply(64, 64 * 3 * CHUNK_MS)); // each batch longer than a chunk's time
    expect(slow.size(1e6)).toBe(1);
    const big = new ChunkSizer(4);
    big.record(reply(64, 0.064, CHUNK_BYTES / 4)); // a quarter of the bytes a batch
    expect(big.size(1e6)).toBe(4);
  });

  it('carries at most CHUNK_BYTES of inputs, by what one more input adds to a message (shared data crosses once)', () => {
    const pad = 'x'.repeat(CHUNK_BYTES / 4);
    const big = new ChunkSizer(4, inputBytes({ pad }, { pad: `${pad}y` }));
    big.record(reply(1000, 1)); // fast batches with small outcomes: only the inputs limit
    expect(big.size(1e6)).toBe(3); // a quarter of CHUNK_BYTES and a few bytes more each
    const small = new ChunkSizer(4, inputBytes({ pad: 'x'.repeat(1000) }));
    small.record(reply(1000, 1));
    expect(small.size(1e6)).toBe(2000); // twice the largest chunk back: the inputs do not limit
    expect(inputBytes(() => 1)).toBe(0); // cannot cross: its batch errors on its own
    // Inputs that share a quarter of CHUNK_BYTES (a study's base) add a few bytes each: they do not limit.
    const base = { pad };
    const shared = new ChunkSizer(4, inputBytes({ base, first: 0 }, { base, first: 25 }));
    shared.record(reply(1000, 1));
    expect(shared.size(1e6)).toBe(2000);
    expect(inputBytes({ pad })).toBeGreaterThan(CHUNK_BYTES / 4); // one input alone: its own size
  });

  it('never gives a slot more than half its share of the batches left (one batch at the end)', () => {
    const sizer = new ChunkSizer(4);
    sizer.record(reply(1000, 1)); // fast batches: only the share limits
    expect(sizer.size(1000)).toBe(125);
    expect(sizer.size(41)).toBe(5);
    for (const left of [15, 8, 4, 1]) expect(sizer.size(left)).toBe(1);
  });
});

describe('the worker side of a chunk', () => {
  /** Flags for `n` batches holding `token`, and the stop flag last. */
  const flags = (n: number, token: number) => {
    const started = new Int32Array(new SharedArrayBuffer(4 * (n + 1)));
    started.fill(token, 0, n);
    return started;
  };
  const T = FIRST_TOKEN + 4;

  it('runs the batches in order and sets each flag once its outcome is made', async () => {
    const started = flags(3, T);
    const out = await runChunk({
      task: fixture('busy'),
      batches: [0, 1, 2].map((index) => ({ index, input: { ms: 0, value: 10 * index } })),
      seed: 's',
      budget: 1e9,
      token: T,
      started,
    });
    expect(out.outcomes.map((o) => o?.ok)).toEqual([true, true, true]);
    expect([...started]).toEqual([RAN, RAN, RAN, 0]);
    expect(out.ms).toBeGreaterThanOrEqual(0);
  });

  it('stops starting batches once the budget is spent (the first always starts); the rest keep their token', async () => {
    const started = flags(4, T);
    const out = await runChunk({
      task: fixture('busy'),
      batches: [0, 1, 2, 3].map((index) => ({ index, input: { ms: 30, value: index } })),
      seed: 's',
      budget: 50,
      token: T,
      started,
    });
    // 30 ms run when the second starts (< 50), 60 ms when the third would: two outcomes.
    expect(out.outcomes).toHaveLength(2);
    expect([...started]).toEqual([RAN, RAN, T, T, 0]);
    const none = await runChunk({
      task: fixture('busy'),
      batches: [{ index: 0, input: { ms: 30, value: 0 } }],
      seed: 's',
      budget: 0,
      token: T,
    });
    expect(none.outcomes).toHaveLength(1);
  });

  it('skips a batch whose flag no longer holds its token (taken back by the main side)', async () => {
    const started = flags(3, T);
    started[1] = T + 1; // batch 1 now belongs to another chunk
    const out = await runChunk({
      task: fixture('busy'),
      batches: [0, 1, 2].map((index) => ({ index, input: { ms: 0, value: index } })),
      seed: 's',
      budget: 1e9,
      token: T,
      started,
    });
    expect(out.outcomes.map((o) => (o === null ? null : o.ok))).toEqual([true, null, true]);
    expect([...started]).toEqual([RAN, T + 1, RAN, 0]);
  });

  it('skips every batch not started once the stop flag is set', async () => {
    const started = flags(2, T);
    started[2] = 1;
    const out = await runChunk({
      task: fixture('busy'),
      batches: [0, 1].map((index) => ({ index, input: { ms: 0, value: index } })),
      seed: 's',
      budget: 1e9,
      token: T,
      started,
    });
    expect(out.outcomes.map((o) => (o?.ok ? 'ok' : o?.error.name))).toEqual(['WorkerError', 'WorkerError']);
    expect([started[0], started[1]]).toEqual([T, T]);
  });
});

describe('chunked runs on workers', () => {
  // 300 batches of ~0 ms: chunks grow to tens of batches, so batch 250 runs in the middle of one.
  const inputs = (extra: Record<number, object>) =>
    Array.from({ length: 300 }, (_, i) => ({ ms: 0, value: i, ...(extra[i] ?? {}) }));

  for (const threads of [1, 2]) {
    it(`a batch that kills its worker inside a chunk is the only one charged (${threads} thread(s)); each batch is checkpointed once`, async () => {
      const dir = tmp();
      const file = join(dir, 'run.jsonl');
      const r = await runBatches(inputs({ 250: { exit: true } }), {
        task: fixture('busy'),
        threads,
        retries: 0,
        checkpoint: file,
      });
      expect(r.filter((x) => x.state === 'errored').map((x) => x.index)).toEqual([250]);
      expect(r.map((x) => (x.state === 'completed' ? x.value : -1))).toEqual(
        Array.from({ length: 300 }, (_, i) => (i === 250 ? -1 : i)),
      );
      expect(checkpointIndices(file).sort((a, b) => a - b)).toEqual(Array.from({ length: 300 }, (_, i) => i));
      // With a retry, it completes.
      const again = await runBatches(inputs({ 250: { exit: true, marker: join(dir, 'm') } }), {
        task: fixture('busy'),
        threads,
        retries: 1,
      });
      expect(again.map((x) => (x.state === 'completed' ? x.value : -1))).toEqual(
        Array.from({ length: 300 }, (_, i) => i),
      );
    }, 60_000);
  }

  it('an input that cannot cross the thread inside a chunk is the only errored batch', async () => {
    const r = await runBatches(inputs({ 150: { fn: () => 1 } }), { task: fixture('busy'), threads: 2 });
    expect(r.filter((x) => x.state === 'errored').map((x) => [x.index, x.error.name])).toEqual([
      [150, 'DataCloneError'],
    ]);
    expect(r.filter((x) => x.state === 'completed')).toHaveLength(299);
  }, 60_000);

  it('a slow batch does not hold up the batches behind it in its chunk while the other thread is idle', async () => {
    // Batch 150 waits for batch 151 (up to 20 s), which sits behind it in its chunk unless the idle thread
    // takes it back: without taking back, batch 150 times out.
    const dir = tmp();
    const r = await runBatches(
      inputs({ 150: { until: join(dir, '151') }, 151: { mark: join(dir, '151') } }),
      { task: fixture('busy'), threads: 2 },
    );
    expect(r.map((x) => (x.state === 'completed' ? x.value : -1))).toEqual(
      Array.from({ length: 300 }, (_, i) => i),
    );
  }, 60_000);

  it('batches slower than the first ones: those a chunk could not start in its budget run later, once', async () => {
    // 16 batches of ~0 ms, then 24 of 60 ms (more than a chunk's budget): the chunks sized by the fast ones
    // are cut short.
    const file = join(tmp(), 'run.jsonl');
    const slowInputs = Array.from({ length: 40 }, (_, i) => ({ ms: i < 16 ? 0 : 60, value: i }));
    const r = await runBatches(slowInputs, { task: fixture('busy'), threads: 1, checkpoint: file });
    expect(r.map((x) => (x.state === 'completed' ? x.value : -1))).toEqual(slowInputs.map((x) => x.value));
    expect(checkpointIndices(file).sort((a, b) => a - b)).toEqual(slowInputs.map((x) => x.value));
  }, 60_000);
});
