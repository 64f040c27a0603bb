// A checkpoint is written by one run at a time: a run holds `<checkpoint>.lock` (its process id, host and
// start) from reading the checkpoint to its last batch. Two runs appending to one checkpoint would each run
// the batches the other had not written yet, and the file would hold them twice.
import { spawn } from 'node:child_process';
import {
  existsSync,
  mkdtempSync,
  readFileSync,
  rmSync,
  symlinkSync,
  utimesSync,
  writeFileSync,
} from 'node:fs';
import { hostname, tmpdir } from 'node:os';
import { join } from 'node:path';
import { serialize } from 'node:v8';
import { describe, expect, it } from 'vitest';
import { ReesimError } from '../../src/core/errors.js';
import { STALE_MS } from '../../src/engine/checkpointLock.js';
import { runBatches } from '../../src/engine/runBatches.js';
import type { Backend, BatchOutcome, BatchPlan } from '../../src/engine/types.js';

const fixture = (name: string) => new URL(`./fixtures/${name}.ts`, import.meta.url);
const tmp = () => mkdtempSync(join(tmpdir(), 'reesim-lock-'));
const error = (p: Promise<unknown>) =>
  p.then(
    () => undefined,
    (e: unknown) => e,
  );

/** Batches of the `record` fixture: each appends its value to `ran` as it starts, then sleeps `ms`. */
function recorded(dir: string, n: number, ms: number) {
  const ran = join(dir, 'ran.txt');
  writeFileSync(ran, '');
  return { ran, inputs: Array.from({ length: n }, (_, value) => ({ file: ran, ms, value })) };
}

/** The id of a process that has exited (no process of this host has it now, barring reuse). */
async function deadPid(): Promise<number> {
  const child = spawn(process.execPath, ['-e', '']);
  await new Promise((resolve) => child.on('exit', resolve));
  return child.pid as number;
}

const lockOf = (pid: number, host = hostname()) =>
  JSON.stringify({ pid, host, since: '2026-12-07T00:00:00.000Z' });

describe('checkpoint lock', () => {
  it('a second run on a checkpoint that a live run writes is CHECKPOINT_LOCKED naming the holder; after the first ends it resumes everything', async () => {
    const dir = tmp();
    const checkpoint = join(dir, 'study.jsonl');
    const { ran, inputs } = recorded(dir, 4, 60);
    const first = runBatches(inputs, { task: fixture('record'), threads: 0, checkpoint });
    await new Promise((r) => setTimeout(r, 20));
    expect(existsSync(`${checkpoint}.lock`)).toBe(true);
    const e = await error(runBatches(inputs, { task: fixture('record'), threads: 0, checkpoint }));
    expect(e).toBeInstanceOf(ReesimError);
    expect((e as ReesimError).code).toBe('CHECKPOINT_LOCKED');
    expect((e as ReesimError).path).toBe('runBatches.checkpoint');
    expect((e as ReesimError).value).toBe(checkpoint);
    expect((e as ReesimError).message).toContain(`process ${process.pid} on ${hostname()}`);
    expect((e as ReesimError).message).toContain(`${checkpoint}.lock`);
    const done = await first;
    expect(done.map((r) => r.state)).toEqual(['completed', 'completed', 'completed', 'completed']);
    expect(existsSync(`${checkpoint}.lock`)).toBe(false);
    // Every batch once in the checkpoint and in the record; the resumed run runs none again.
    const again = await runBatches(inputs, { task: fixture('record'), threads: 0, checkpoint });
    expect(again).toEqual(done);
    expect(readFileSync(ran, 'utf8')).toBe('0\n1\n2\n3\n');
    const lines = readFileSync(checkpoint, 'utf8').trim().split('\n').slice(1);
    expect(lines.map((l) => JSON.parse(l).index).sort()).toEqual([0, 1, 2, 3]);
  });

  it('on 2 threads too: the lock is held while the pool runs and released when it ends', async () => {
    const dir = tmp();
    const checkpoint = join(dir, 'study.jsonl');
    const { inputs } = recorded(dir, 4, 150);
    const first = runBatches(inputs, { task: fixture('record'), threads: 2, checkpoint });
    await new Promise((r) => setTimeout(r, 50));
    const e = await error(runBatches(inputs, { task: fixture('record'), threads: 0, checkpoint }));
    expect((e as ReesimError).code).toBe('CHECKPOINT_LOCKED');
    await first;
    expect(existsSync(`${checkpoint}.lock`)).toBe(false);
  });

  it('a lock left by a process of this host that is gone (a killed run) is taken over, and released at the end', async () => {
    const dir = tmp();
    const checkpoint = join(dir, 'study.jsonl');
    writeFileSync(`${checkpoint}.lock`, lockOf(await deadPid()));
    const r = await runBatches([1, 2, 3], { task: fixture('echo'), threads: 0, checkpoint });
    expect(r.map((x) => x.state)).toEqual(['completed', 'completed', 'completed']);
    expect(existsSync(`${checkpoint}.lock`)).toBe(false);
  });

  it('a lock of another host, or one that cannot be read, is CHECKPOINT_LOCKED while it is refreshed, and taken over once not refreshed for STALE_MS', async () => {
    const dir = tmp();
    const checkpoint = join(dir, 'study.jsonl');
    const lock = `${checkpoint}.lock`;
    for (const [content, said] of [
      [lockOf(1, 'elsewhere.example'), 'process 1 on elsewhere.example (since 2026-12-07T00:00:00.000Z)'],
      ['not a lock', 'a run whose lock cannot be read'],
    ] as const) {
      writeFileSync(lock, content);
      const e = await error(runBatches([1], { task: fixture('echo'), threads: 0, checkpoint }));
      expect((e as ReesimError).code).toBe('CHECKPOINT_LOCKED');
      expect((e as ReesimError).message).toContain(said);
      expect((e as ReesimError).message).toContain(`not refreshed for ${STALE_MS / 60_000} minutes`);
      expect(readFileSync(lock, 'utf8')).toBe(content);
      expect(existsSync(checkpoint)).toBe(false);
      // Its holder stopped touching it STALE_MS and a second ago: taken over.
      const old = new Date(Date.now() - STALE_MS - 1000);
      utimesSync(lock, old, old);
      const r = await runBatches([1], { task: fixture('echo'), threads: 0, checkpoint });
      expect(r[0]?.state).toBe('completed');
      expect(existsSync(lock)).toBe(false);
      rmSync(checkpoint);
    }
  });

  it('a lock naming a live process of this host that is not its maker (a reused id, another boot, this very process) is taken over; one naming its maker is not', async () => {
    const dir = tmp();
    const checkpoint = join(dir, 'study.jsonl');
    const lock = `${checkpoint}.lock`;
    const child = spawn(process.execPath, ['-e', 'setTimeout(() => {}, 20000)']);
    try {
      await new Promise((resolve) => child.on('spawn', resolve));
      const pid = child.pid as number;
      const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
      const start = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[19]);
      const boot = readFileSync('/proc/sys/kernel/random/boot_id', 'utf8').trim();
      const holder = (extra: object) =>
        JSON.stringify({ pid, host: hostname(), since: '2026-12-07T00:00:00.000Z', ...extra });
      // Its maker, alive: refused.
      writeFileSync(lock, holder({ boot, start }));
      const e = await error(runBatches([1], { task: fixture('echo'), threads: 0, checkpoint }));
      expect((e as ReesimError).code).toBe('CHECKPOINT_LOCKED');
      expect((e as ReesimError).message).toContain(`process ${pid} on ${hostname()}`);
      // The same id, started at another tick (the id was reused), or made before another boot: taken over.
      for (const stale of [
        holder({ boot, start: start + 1 }),
        holder({ boot: 'another-boot', start }),
        lockOf(process.pid), // a restarted container's process 1 finds its own id in the lock
      ]) {
        writeFileSync(lock, stale);
        const r = await runBatches([1], { task: fixture('echo'), threads: 0, checkpoint });
        expect(r[0]?.state).toBe('completed');
        expect(existsSync(lock)).toBe(false);
        rmSync(checkpoint);
      }
    } finally {
      child.kill();
    }
  });

  it('one lock per file: a checkpoint reached through a symbolic link is locked with its target', async () => {
    const dir = tmp();
    const checkpoint = join(dir, 'study.jsonl');
    const link = join(dir, 'link.jsonl');
    await runBatches([1], { task: fixture('echo'), threads: 0, checkpoint });
    symlinkSync(checkpoint, link);
    const { inputs } = recorded(dir, 3, 60);
    rmSync(checkpoint);
    writeFileSync(checkpoint, '');
    const first = runBatches(inputs, { task: fixture('record'), threads: 0, checkpoint });
    await new Promise((r) => setTimeout(r, 20));
    const e = await error(runBatches(inputs, { task: fixture('record'), threads: 0, checkpoint: link }));
    expect((e as ReesimError).code).toBe('CHECKPOINT_LOCKED');
    await first;
  });

  it('a backend that reports a batch after its run settled writes nothing to the checkpoint', async () => {
    const dir = tmp();
    const checkpoint = join(dir, 'study.jsonl');
    let late: (() => void) | undefined;
    const backend = {
      kind: 'late',
      async run(_plan: BatchPlan, finish: (i: number, out: BatchOutcome) => void) {
        finish(0, { ok: true, value: 1, v8: serialize(1) });
        late = () => finish(1, { ok: true, value: 2, v8: serialize(2) });
      },
      close: async () => {},
    } as unknown as Backend;
    const r = await runBatches([1, 2], { task: fixture('echo'), backend, checkpoint });
    expect(r[0]?.state).toBe('completed');
    (late as () => void)();
    const lines = readFileSync(checkpoint, 'utf8').trim().split('\n').slice(1);
    expect(lines.map((l) => JSON.parse(l).index)).toEqual([0]);
  });

  it('the lock is released when the run fails (another study’s checkpoint) or is aborted', async () => {
    const dir = tmp();
    const checkpoint = join(dir, 'study.jsonl');
    await runBatches([1, 2], { task: fixture('echo'), threads: 0, checkpoint });
    const mismatch = await error(runBatches([3], { task: fixture('echo'), threads: 0, checkpoint }));
    expect((mismatch as ReesimError).code).toBe('CHECKPOINT_MISMATCH');
    expect(existsSync(`${checkpoint}.lock`)).toBe(false);

    const other = join(dir, 'aborted.jsonl');
    const { inputs } = recorded(dir, 5, 40);
    const controller = new AbortController();
    setTimeout(() => controller.abort(), 60);
    const aborted = await error(
      runBatches(inputs, {
        task: fixture('record'),
        threads: 0,
        checkpoint: other,
        signal: controller.signal,
      }),
    );
    expect((aborted as ReesimError).code).toBe('ABORTED');
    expect(existsSync(`${other}.lock`)).toBe(false);
  });
});
