/**
 * Checkpoint files: JSON lines, a header naming the study (task, seed, number of batches, a SHA-256 of the
 * inputs, the shard) and one line per finished batch, appended synchronously as batches finish so that a
 * killed run loses only the batches in flight.
 *
 * Values are stored losslessly: each completed value is V8-serialised (the structured-clone format, so
 * -0, NaN, ±Infinity, typed arrays, Maps and Dates survive) and written as base64, and the inputs are hashed
 * value by value (`hashValue`: -0, NaN and typed arrays kept apart), so a resumed run returns exactly what
 * an uninterrupted one would. A torn last line (a kill mid-write) is ignored and cut off before the next
 * append; the header is written by rename, so it is never torn. A run holds the checkpoint's lock file while
 * it writes (`lockCheckpoint`, src/engine/checkpointLock.ts), so two runs never append to one checkpoint at once.
 */
import { appendFileSync, readFileSync, renameSync, rmSync, truncateSync, writeFileSync } from 'node:fs';
import { deserialize, serialize } from 'node:v8';
import { fail } from '../core/errors.js';
import type { BatchError, BatchResult, Shard } from './types.js';

/** What identifies a study in its checkpoint. */
export interface CheckpointHeader {
  readonly reesim: 'checkpoint';
  readonly version: 3;
  readonly task: string;
  readonly seed: string;
  readonly total: number;
  /** SHA-256 of the inputs (`hashValue`: independent of how V8 stores their numbers). */
  readonly inputs: string;
  readonly shard: Shard | null;
}

/** One stored batch: errors as they are, completed values as base64 V8 serialisations. */
type Line =
  | { readonly index: number; readonly state: 'completed'; readonly v8: string }
  | { readonly index: number; readonly state: 'errored'; readonly error: unknown };

/** The typed error of a checkpoint that cannot be used: the file (and line) and what was wrong. */
export function unusable(where: string, expected: string): never {
  return fail('CHECKPOINT_INVALID', 'runBatches.checkpoint', where, expected);
}

/** Reads a file, or fails with CHECKPOINT_INVALID naming it and the reason (a folder, a missing folder...). */
function readText(file: string): string | undefined {
  try {
    return readFileSync(file, 'utf8');
  } catch (e) {
    const err = e as NodeJS.ErrnoException;
    if (err.code === 'ENOENT') return undefined;
    return unusable(file, `a readable checkpoint file (${err.code ?? err.message})`);
  }
}

/** One stored batch from line `n` (1-based) of `file`: checked, or CHECKPOINT_INVALID naming the line. */
function parseLine(file: string, n: number, line: string, total: number): BatchResult {
  const bad = (why: string): never =>
    unusable(
      `${file}:${n}`,
      `a batch line {"index","state","v8"|"error"} (${why}); delete the line to run that batch again`,
    );
  let r: unknown;
  try {
    r = JSON.parse(line);
  } catch {
    return bad('not JSON');
  }
  if (typeof r !== 'object' || r === null || Array.isArray(r)) return bad('not an object');
  const l = r as Partial<Line>;
  if (!Number.isInteger(l.index) || (l.index as number) < 0 || (l.index as number) >= total)
    return bad(`index must be an integer in [0, ${total - 1}]`);
  const index = l.index as number;
  if (l.state === 'errored') {
    const e = l.error as BatchError | undefined;
    if (typeof e !== 'object' || e === null || typeof e.name !== 'string' || typeof e.message !== 'string')
      return bad('an errored batch needs an error { name, message }');
    return { index, state: 'errored', error: e };
  }
  if (l.state !== 'completed' || typeof l.v8 !== 'string')
    return bad('state must be completed (with v8) or errored');
  let value: unknown;
  try {
    value = deserialize(Buffer.from(l.v8, 'base64'));
  } catch {
    return bad('its value does not deserialise');
  }
  return { index, state: 'completed', value };
}

/** Writes the header as the whole file, by rename (never torn). */
function createCheckpoint(file: string, header: CheckpointHeader): void {
  const tmp = `${file}.${process.pid}.tmp`;
  try {
    writeFileSync(tmp, `${JSON.stringify(header)}\n`);
    renameSync(tmp, file);
  } catch (e) {
    const err = e as NodeJS.ErrnoException;
    rmSync(tmp, { force: true });
    unusable(
      file,
      `a checkpoint path that can be written (${err.code ?? err.message}: does its folder exist?)`,
    );
  }
}

/**
 * Opens a checkpoint: creates it with `header` (also when the file is empty), or reads the completed
 * batches it already holds (errored batches run again). A header of another study is
 * `CHECKPOINT_MISMATCH`; a damaged line, a folder or an unwritable path is `CHECKPOINT_INVALID` naming the
 * file and line. Only a last line without its newline (torn by a kill mid-write) is ignored and cut off.
 */
export function openCheckpoint(file: string, header: CheckpointHeader): Map<number, BatchResult> {
  const done = new Map<number, BatchResult>();
  const text = readText(file);
  if (text === undefined || text === '') {
    createCheckpoint(file, header);
    return done;
  }
  const lines = text.split('\n');
  let first: unknown;
  try {
    first = JSON.parse(lines[0] ?? '');
  } catch {
    first = undefined;
  }
  if (JSON.stringify(first) !== JSON.stringify(header)) {
    fail(
      'CHECKPOINT_MISMATCH',
      'runBatches.checkpoint',
      file,
      `a checkpoint of this study (${JSON.stringify(header)})`,
    );
  }
  // The last element is what follows the last newline: empty, or a line torn by a kill.
  for (let k = 1; k < lines.length - 1; k++) {
    const line = lines[k] as string;
    if (line.trim() === '') continue;
    const r = parseLine(file, k + 1, line, header.total);
    if (r.state === 'completed') done.set(r.index, r);
  }
  // A torn last line: cut it off, so the next append starts a line of its own.
  if (!text.endsWith('\n')) truncateSync(file, Buffer.byteLength(text.slice(0, text.lastIndexOf('\n') + 1)));
  return done;
}

/** Appends one finished batch (`v8`: the value's bytes when they were made already). */
export function appendCheckpoint(file: string, result: BatchResult, v8?: Uint8Array): void {
  const bytes = (b: Uint8Array) => Buffer.from(b.buffer, b.byteOffset, b.byteLength).toString('base64');
  const line: Line =
    result.state === 'completed'
      ? { index: result.index, state: 'completed', v8: bytes(v8 ?? serialize(result.value)) }
      : { index: result.index, state: 'errored', error: result.error };
  appendFileSync(file, `${JSON.stringify(line)}\n`);
}
