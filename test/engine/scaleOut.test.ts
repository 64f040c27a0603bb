// The scale-out reproducers of ../shared/repro (issue 15) as tests: abort at threads 0, a batch that never
// ends after an abort, a non-cloneable value on every thread count, damaged and unusable checkpoints.
import { spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { serialize } from 'node:v8';
import { describe, expect, it } from 'vitest';
import { ReesimError } from '../../src/core/errors.js';
import { createEngine } from '../../src/engine/engine.js';
import { hashValue } from '../../src/engine/hash.js';
import { monteCarlo } from '../../src/engine/monteCarlo.js';
import { runBatches } from '../../src/engine/runBatches.js';
import { mergeShards, shardFromEnv } from '../../src/engine/shards.js';
import { sweep } from '../../src/engine/sweep.js';
import type { BatchResult } from '../../src/engine/types.js';
import { checkMonteCarloStudy, type MonteCarloStudy, monteCarloBatches } from '../../src/study/monteCarlo.js';

const fixture = (name: string) => new URL(`./fixtures/${name}.ts`, import.meta.url);
const tmp = () => mkdtempSync(join(tmpdir(), 'reesim-scale-'));
/** An empty file for the `record` fixture, and a promise of the moment its first batch has started. */
const recording = () => {
  const file = join(tmp(), 'ran.txt');
  writeFileSync(file, '');
  const started = (async () => {
    while (readFileSync(file, 'utf8') === '') await new Promise((r) => setTimeout(r, 10));
  })();
  return { file, started };
};
const outcome = (r: readonly BatchResult[]) =>
  r.map((x) => (x.state === 'completed' ? `completed ${typeof x.value}` : `errored ${x.error.name}`));

describe('abort (abort-threads0-ignored.mjs, abort-hung-task.mjs)', () => {
  it('monteCarlo(threads 0) rejects with ABORTED within one batch of a timer abort', async () => {
    // The repro's study: a 26 + 26-stage Nd/Pr cascade, synchronous, thousands of runs.
    const study = {
      model: 'cascade' as const,
      base: {
        stages: { extraction: 26, scrub: 26 },
        feed: { flows: { Nd: 0.75, Pr: 0.25 }, volume: 1 },
        organic: { volume: 4.09 / 0.18 },
        scrub: { volume: 3.34, reflux: 3.34 },
        equilibrium: { kind: 'separationFactors' as const, beta: { Nd: 1.5, Pr: 1 }, loading: 0.18 },
      },
      runs: 3000,
      outputs: ['product.purity.Nd'],
      parameters: [
        { path: 'equilibrium.beta.Nd', distribution: { kind: 'uniform' as const, min: 1.4, max: 1.6 } },
      ],
    };
    const controller = new AbortController();
    let done = 0;
    let doneAtAbort = -1;
    controller.signal.addEventListener('abort', () => {
      doneAtAbort = done;
    });
    setTimeout(() => controller.abort(), 150);
    const result = await monteCarlo(study, {
      threads: 0,
      batchSize: 5,
      signal: controller.signal,
      onProgress: (d) => {
        done = d;
      },
    }).then(
      () => 'resolved',
      (e: { code?: string }) => e.code,
    );
    expect(result).toBe('ABORTED');
    expect(doneAtAbort).toBeGreaterThanOrEqual(0);
    expect(done - doneAtAbort).toBeLessThanOrEqual(1); // at most the batch that was running
  }, 60_000);

  it('after ABORTED, a batch that never ends does not keep the process alive (grace period, then terminated)', async () => {
    const child = spawn(process.execPath, ['--import', 'tsx', fixture('abortHung').pathname], {
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    let out = '';
    child.stdout.on('data', (d: Buffer) => {
      out += d.toString();
    });
    const code = await new Promise<number | null>((resolve) => child.on('exit', resolve));
    expect(out.trim()).toBe('ABORTED');
    expect(code).toBe(0); // it exited by itself (the test's timeout would fail a process that lives on)
  }, 60_000);

  it('after ABORTED, the batch waiting in a worker does not start (a long-lived engine goes on with the next study)', async () => {
    // One thread holds the batch it runs and the next; the abort lands as soon as batch 0 has started.
    const engine = createEngine({ threads: 1 });
    const { file, started } = recording();
    const inputs = Array.from({ length: 6 }, (_, value) => ({ file, ms: 300, value }));
    const controller = new AbortController();
    void started.then(() => controller.abort()); // batch 0 has started
    const outcome = await runBatches(inputs, {
      task: fixture('record'),
      backend: engine,
      signal: controller.signal,
    }).then(
      () => 'resolved',
      (e: { code?: string }) => e.code,
    );
    expect(outcome).toBe('ABORTED');
    await new Promise((r) => setTimeout(r, 700)); // batch 0 ends within 300 ms; batch 1 would have started
    expect(readFileSync(file, 'utf8')).toBe('0\n');
    const next = await runBatches([{ file, ms: 1, value: 9 }], { task: fixture('record'), backend: engine });
    expect(next[0]?.state === 'completed' && next[0].value).toBe(9);
    await engine.close();
  }, 60_000);

  it("a stuck batch of an aborted study does not hold up the next study's batches (a second thread is free)", async () => {
    // Each worker takes a second batch only from the study whose batch it runs: the next study's batches
    // must not queue behind the stuck one while the other thread is idle.
    const engine = createEngine({ threads: 2, grace: 100 });
    const { file, started } = recording();
    const controller = new AbortController();
    void started.then(() => controller.abort()); // the stuck batch has started
    const first = await runBatches([{ file, ms: 1e9, value: 0 }], {
      task: fixture('record'),
      backend: engine,
      signal: controller.signal,
    }).catch((e: { code?: string }) => e.code);
    expect(first).toBe('ABORTED');
    const next = await Promise.race([
      runBatches([1, 2, 3, 4, 5, 6], { task: fixture('echo'), backend: engine }),
      new Promise<'held up'>((r) => setTimeout(() => r('held up'), 10_000).unref()),
    ]);
    expect(
      next === 'held up' ? next : next.map((r) => (r.state === 'completed' ? r.value : r.state)),
    ).toEqual([1, 2, 3, 4, 5, 6]);
    await engine.close();
  }, 60_000);

  it('engine.close() does not start the batches waiting in workers (they end as errored)', async () => {
    const engine = createEngine({ threads: 1, grace: 2000 });
    const { file, started } = recording();
    const inputs = Array.from({ length: 4 }, (_, value) => ({ file, ms: 300, value }));
    const run = runBatches(inputs, { task: fixture('record'), backend: engine, retries: 0 });
    await started;
    await engine.close(); // batch 0 runs to its end (within the grace period); batch 1 waited in the worker
    const r = await run;
    expect(readFileSync(file, 'utf8')).toBe('0\n');
    expect(r.map((x) => (x.state === 'completed' ? 'completed' : x.error.name))).toEqual([
      'completed',
      'WorkerError',
      'WorkerError',
      'WorkerError',
    ]);
  }, 60_000);

  it('engine.close() ends a batch that never ends after the grace period', async () => {
    const engine = createEngine({ threads: 1, grace: 100 });
    const run = runBatches([{}], { task: fixture('hang'), backend: engine, retries: 0 });
    await new Promise((r) => setTimeout(r, 500));
    await engine.close();
    const r = await run;
    expect(r[0]?.state === 'errored' && r[0].error.name).toBe('WorkerError');
    expect(await runBatches([1], { task: fixture('echo'), backend: engine }).catch((e) => e.code)).toBe(
      'NOT_SUPPORTED',
    );
  }, 60_000);
});

describe('a value that cannot be cloned (threads0-vs-threads2-noncloneable.mjs)', () => {
  it('is the same errored DataCloneError on 0, 1 and 2 threads, and with a checkpoint', async () => {
    const inputs = [{ fn: true }, { fn: false }];
    const seen: string[][] = [];
    for (const threads of [0, 1, 2]) {
      seen.push(outcome(await runBatches(inputs, { task: fixture('fnValue'), threads })));
    }
    const file = join(tmp(), 'fn.jsonl');
    seen.push(outcome(await runBatches(inputs, { task: fixture('fnValue'), threads: 0, checkpoint: file })));
    for (const s of seen) expect(s).toEqual(['errored DataCloneError', 'completed object']);
    // The errored batch is in the checkpoint as such (and runs again on resume).
    expect(
      readFileSync(file, 'utf8')
        .split('\n')
        .filter((l) => l.includes('"errored"')),
    ).toHaveLength(1);
  }, 60_000);
});

describe('checkpoints that cannot be used (checkpoint-corrupt.mjs)', () => {
  const inputs = [1, 2, 3];
  const run = (checkpoint: string) => runBatches(inputs, { task: fixture('echo'), threads: 0, checkpoint });
  const error = (p: Promise<unknown>) =>
    p.then(
      () => undefined,
      (e: unknown) => e,
    );

  it('a damaged line is CHECKPOINT_INVALID naming the file and line', async () => {
    const dir = tmp();
    await run(join(dir, 'a.jsonl'));
    const [header] = readFileSync(join(dir, 'a.jsonl'), 'utf8').split('\n');
    const file = join(dir, 'b.jsonl');
    const ok = JSON.stringify({ index: 0, state: 'completed', v8: '/w9JAg==' }); // V8 bytes of 1
    for (const bad of [
      JSON.stringify({ index: 1, state: 'completed', v8: 'AAAA' }), // the repro's line
      '{"index": 1, "state": "compl',
      JSON.stringify({ index: 7, state: 'completed', v8: '/w9JAg==' }), // no batch 7
      JSON.stringify({ index: 1, state: 'errored' }),
    ]) {
      writeFileSync(file, `${header}\n${ok}\n${bad}\n`);
      const e = await error(run(file));
      expect(e).toBeInstanceOf(ReesimError);
      expect((e as ReesimError).code).toBe('CHECKPOINT_INVALID');
      expect((e as ReesimError).value).toBe(`${file}:3`);
      expect((e as ReesimError).message).toContain(`${file}:3`);
    }
  });

  it('a folder or a missing folder is CHECKPOINT_INVALID naming the path; an empty file starts afresh', async () => {
    const dir = tmp();
    mkdirSync(join(dir, 'd.jsonl'));
    for (const path of [join(dir, 'd.jsonl'), join(dir, 'missing', 'e.jsonl')]) {
      const e = await error(run(path));
      expect((e as ReesimError).code).toBe('CHECKPOINT_INVALID');
      expect((e as ReesimError).value).toBe(path);
    }
    writeFileSync(join(dir, 'empty.jsonl'), '');
    expect(outcome(await run(join(dir, 'empty.jsonl')))).toEqual([
      'completed number',
      'completed number',
      'completed number',
    ]);
  });
});

describe('a long-lived engine (createEngine)', () => {
  it('runs a Monte Carlo study and a sweep on the same threads with the results of threads 0', async () => {
    const base = {
      stages: { extraction: 4 },
      feed: { flows: { A: 1 }, volume: 1 },
      organic: { volume: 1 },
      equilibrium: { kind: 'distribution' as const, D: { A: 1 } },
    };
    const mc = {
      model: 'cascade' as const,
      base,
      runs: 60,
      outputs: ['loadedOrganic.flows.A'],
      parameters: [{ path: 'equilibrium.D.A', distribution: { kind: 'uniform' as const, min: 0.5, max: 3 } }],
    };
    const sw = {
      model: 'cascade' as const,
      base,
      parameters: ['equilibrium.D.A'],
      points: [[0.5], [1], [2], [4]],
      outputs: ['loadedOrganic.flows.A'],
    };
    const engine = createEngine({ threads: 2 });
    try {
      const a = await monteCarlo(mc, { backend: engine, seed: 's', batchSize: 10 });
      const b = await sweep(sw, { backend: engine, batchSize: 1 });
      expect(a).toEqual(await monteCarlo(mc, { threads: 0, seed: 's', batchSize: 10 }));
      expect(b).toEqual(await sweep(sw, { threads: 0, batchSize: 1 }));
      expect(
        await monteCarlo(mc, { backend: engine, threads: 2 }).then(
          () => 'resolved',
          (e: ReesimError) => e.code,
        ),
      ).toBe('INFEASIBLE');
    } finally {
      await engine.close();
    }
  }, 60_000);

  it('at the end of a study a batch waits for a free worker, not behind a long batch (2 threads)', async () => {
    // Batches 0-3 on 2 threads, batch 0 long (3 s): with a second batch placed in each busy worker, batch 2
    // would wait in batch 0's worker and start only after it. With no more batches left than workers,
    // batches 2 and 3 wait for the first free worker instead: all four have started long before batch 0
    // ends. (Both workers run a batch first, so neither is still loading the task module.)
    const engine = createEngine({ threads: 2 });
    const { file } = recording();
    await runBatches(
      [0, 1, 2, 3].map((value) => ({ file, ms: 20, value })),
      {
        task: fixture('record'),
        backend: engine,
      },
    );
    writeFileSync(file, '');
    const t0 = Date.now();
    const inputs = [3000, 50, 50, 50].map((ms, value) => ({ file, ms, value }));
    const run = runBatches(inputs, { task: fixture('record'), backend: engine });
    while (readFileSync(file, 'utf8').trim().split('\n').length < 4)
      await new Promise((r) => setTimeout(r, 10));
    const allStarted = Date.now() - t0;
    const results = await run;
    expect(results.map((r) => r.state)).toEqual(['completed', 'completed', 'completed', 'completed']);
    expect(allStarted).toBeLessThan(2000);
    await engine.close();
  }, 60_000);
});

describe('the study hash (checkpoint header, distributed study id)', () => {
  it('is the same before and after the study ran in this process (V8 may re-store its numbers as doubles)', async () => {
    // Drawing a fractional seed into a clone of the base made V8 store every `seed` field of that shape as
    // a double, so v8.serialize wrote the base's `seed: 0` differently and the inputs' hash changed.
    const study: MonteCarloStudy = {
      model: 'supply-chain',
      base: {
        scenario: {
          name: 'one mine',
          countries: { CN: 'China' },
          facilities: [
            { id: 'm', country: 'CN', kind: 'mine', capacity: 1000, mix: { deposit: 'longnan' } },
            { id: 'sx', country: 'CN', kind: 'separation', capacity: 1000, recovery: 0.95 },
          ],
          links: [{ from: 'm', to: 'sx', stage: 'concentrate', leadTime: 0 }],
          demand: [{ id: 'cn', country: 'CN', sector: 'magnets', stage: 'oxide', elements: { Dy: 10 } }],
        },
        options: { start: '2025-01', months: 2, seed: 0, warmUpMonths: 0 },
      },
      runs: 2,
      outputs: ['balanceResidual'],
      parameters: [{ path: 'options.seed', distribution: { kind: 'uniform', min: 0, max: 1e9 } }],
    };
    const inputs = monteCarloBatches(checkMonteCarloStudy(study), 2);
    const before = hashValue(inputs);
    const serialisedBefore = serialize(inputs).toString('base64');
    await monteCarlo(study, { threads: 0, batchSize: 2 });
    expect(hashValue(inputs)).toBe(before);
    expect(hashValue(monteCarloBatches(checkMonteCarloStudy(study), 2))).toBe(before);
    // On Node 20.20 the V8 bytes of the very same `inputs` do differ after the run (checked when written).
    expect(serialisedBefore.length).toBeGreaterThan(0);
    expect(hashValue([{ x: -0 }])).not.toBe(hashValue([{ x: 0 }]));
    expect(hashValue(new Float64Array([1]))).not.toBe(hashValue([1]));
  });
});

describe('shardFromEnv (static partitions: Kubernetes Indexed Jobs, Slurm arrays, AWS Batch arrays)', () => {
  it('maps each scheduler index onto a shard, and refuses what cannot be one', () => {
    expect(shardFromEnv(3, { JOB_COMPLETION_INDEX: '0' })).toEqual({ index: 0, count: 3 });
    expect(shardFromEnv(4, { AWS_BATCH_JOB_ARRAY_INDEX: '3' })).toEqual({ index: 3, count: 4 });
    expect(
      shardFromEnv(undefined, {
        SLURM_ARRAY_TASK_ID: '10',
        SLURM_ARRAY_TASK_MIN: '10',
        SLURM_ARRAY_TASK_COUNT: '5',
      }),
    ).toEqual({ index: 0, count: 5 });
    const code = (f: () => unknown) => {
      try {
        f();
        return 'ok';
      } catch (e) {
        return `${(e as ReesimError).code} ${(e as ReesimError).path}`;
      }
    };
    expect(code(() => shardFromEnv(2, {}))).toBe('MISSING shardFromEnv');
    expect(code(() => shardFromEnv(undefined, { JOB_COMPLETION_INDEX: '1' }))).toBe(
      'MISSING shardFromEnv.count',
    );
    expect(code(() => shardFromEnv(2, { JOB_COMPLETION_INDEX: '2' }))).toBe(
      'OUT_OF_RANGE runBatches.shard.index',
    );
    expect(code(() => shardFromEnv(2, { JOB_COMPLETION_INDEX: 'x' }))).toBe(
      'INVALID_TYPE JOB_COMPLETION_INDEX',
    );
  });

  it('the shards of a study, each run where its index says, merge into the one-machine result', async () => {
    const inputs = Array.from({ length: 7 }, (_, i) => i);
    const whole = await runBatches(inputs, { task: fixture('echo'), threads: 0 });
    const parts = [];
    for (const index of ['0', '1', '2']) {
      const shard = shardFromEnv(3, { JOB_COMPLETION_INDEX: index });
      parts.push(await runBatches(inputs, { task: fixture('echo'), threads: 0, shard }));
    }
    expect(mergeShards(parts, inputs.length)).toEqual(whole);
  });
});
