/**
 * Checkpoint files: JSON lines, a header naming the study (task, seed, number of batches, a hash of the
 * inputs, the shard) and one line per finished batch, appended synchronously as batches finish so that a
 * killed run loses only the batches in flight. A torn last line (the kill came mid-write) is ignored.
 */
import { appendFileSync, existsSync, readFileSync, writeFileSync } from 'node:fs';
import { fail } from '../core/errors.js';
import type { BatchResult, Shard } from './types.js';

/** What identifies a study in its checkpoint. */
export interface CheckpointHeader {
  readonly reesim: 'checkpoint';
  readonly version: 1;
  readonly task: string;
  readonly seed: string;
  readonly total: number;
  readonly inputs: string;
  readonly shard: Shard | null;
}

/** FNV-1a 64-bit hash of a string, hex (identifies the inputs; not cryptographic). */
export function fnv1a(text: string): string {
  let h = 0xcbf29ce484222325n;
  const prime = 0x100000001b3n;
  for (let i = 0; i < text.length; i++) {
    h ^= BigInt(text.charCodeAt(i));
    h = (h * prime) & 0xffffffffffffffffn;
  }
  return h.toString(16).padStart(16, '0');
}

/**
 * Opens a checkpoint: creates it with `header`, or reads the batches it already holds (completed ones only:
 * errored batches run again). A header of another study is `CHECKPOINT_MISMATCH`.
 */
export function openCheckpoint(file: string, header: CheckpointHeader): Map<number, BatchResult> {
  const done = new Map<number, BatchResult>();
  if (!existsSync(file)) {
    writeFileSync(file, `${JSON.stringify(header)}\n`);
    return done;
  }
  const lines = readFileSync(file, 'utf8').split('\n');
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
    if (line.trim() === '') continue;
    let r: BatchResult;
    try {
      r = JSON.parse(line) as BatchResult;
    } catch {
      continue; // a torn last line
    }
    if (r.state === 'completed' && Number.isInteger(r.index)) done.set(r.index, r);
  }
  return done;
}

/** Appends one finished batch. */
export function appendCheckpoint(file: string, result: BatchResult): void {
  appendFileSync(file, `${JSON.stringify(result)}\n`);
}
