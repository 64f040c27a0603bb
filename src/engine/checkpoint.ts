/**
 * Checkpoint files: JSON lines, a header naming the study (task, seed, number of batches, a SHA-256 of the
 * inputs, the shard) and one line per finished batch, appended synchronously as batches finish so that a
 * killed run loses only the batches in flight.
 *
 * Values are stored losslessly: each completed value is V8-serialised (the structured-clone format, so
 * -0, NaN, ±Infinity, typed arrays, Maps and Dates survive) and written as base64, and the inputs are hashed
 * in the same format, so a resumed run returns exactly what an uninterrupted one would. A torn last line (a
 * kill mid-write) is ignored and cut off before the next append; the header is written by rename, so it is
 * never torn.
 */
import { createHash } from 'node:crypto';
import { appendFileSync, existsSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { deserialize, serialize } from 'node:v8';
import { fail } from '../core/errors.js';
import type { BatchResult, Shard } from './types.js';

/** What identifies a study in its checkpoint. */
export interface CheckpointHeader {
  readonly reesim: 'checkpoint';
  readonly version: 2;
  readonly task: string;
  readonly seed: string;
  readonly total: number;
  /** SHA-256 of the V8-serialised inputs. */
  readonly inputs: string;
  readonly shard: Shard | null;
}

/** SHA-256 (hex) of a value in V8's serialisation format: equal for equal structured-clone values. */
export function hashValue(value: unknown): string {
  return createHash('sha256').update(serialize(value)).digest('hex');
}

/** One stored batch: errors as they are, completed values as base64 V8 serialisations. */
type Line =
  | { readonly index: number; readonly state: 'completed'; readonly v8: string }
  | { readonly index: number; readonly state: 'errored'; readonly error: unknown };

/**
 * Opens a checkpoint: creates it with `header`, or reads the completed batches it already holds (errored
 * batches run again). A header of another study is `CHECKPOINT_MISMATCH`.
 */
export function openCheckpoint(file: string, header: CheckpointHeader): Map<number, BatchResult> {
  const done = new Map<number, BatchResult>();
  if (!existsSync(file)) {
    const tmp = `${file}.${process.pid}.tmp`;
    writeFileSync(tmp, `${JSON.stringify(header)}\n`);
    renameSync(tmp, file);
    return done;
  }
  const text = readFileSync(file, 'utf8');
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
  for (const line of lines.slice(1)) {
    let r: unknown;
    try {
      r = JSON.parse(line);
    } catch {
      continue; // empty, or torn by a kill
    }
    if (typeof r !== 'object' || r === null || Array.isArray(r)) continue;
    const l = r as Partial<Line>;
    if (l.state !== 'completed' || !Number.isInteger(l.index) || typeof l.v8 !== 'string') continue;
    const index = l.index as number;
    done.set(index, { index, state: 'completed', value: deserialize(Buffer.from(l.v8, 'base64')) });
  }
  // A torn last line: end it, so the next append starts a line of its own.
  if (!text.endsWith('\n')) appendFileSync(file, '\n');
  return done;
}

/** Appends one finished batch. */
export function appendCheckpoint(file: string, result: BatchResult): void {
  const line: Line =
    result.state === 'completed'
      ? { index: result.index, state: 'completed', v8: serialize(result.value).toString('base64') }
      : { index: result.index, state: 'errored', error: result.error };
  appendFileSync(file, `${JSON.stringify(line)}\n`);
}
