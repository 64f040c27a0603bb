/**
 * A batch's outcome as it crosses a thread, a file or a network: a completed value travels as its V8
 * serialisation (the structured-clone format), made where the batch ran. A value that cannot be serialised
 * (a function, a class with native state) is an errored batch, the same on every thread count and backend.
 */
import { deserialize, serialize } from 'node:v8';
import { errorData } from './context.js';
import type { BatchError, BatchOutcome } from './types.js';

/** A value's outcome: serialised, or a `DataCloneError` when it cannot be. */
export function outcomeOf(value: unknown): BatchOutcome {
  try {
    return { ok: true, value, v8: serialize(value) };
  } catch (e) {
    return { ok: false, error: cloneError(e) };
  }
}

/** The error of a value or input that cannot be cloned (V8 names it `Error`, structuredClone `DataCloneError`). */
export function cloneError(e: unknown): BatchError {
  const { message } = errorData(e);
  return { name: 'DataCloneError', message: `the value cannot cross threads or files: ${message}` };
}

/** Whether an error (as data) is a clone failure: the task's fault, never retried. */
export function isCloneError(error: BatchError): boolean {
  return error.name === 'DataCloneError' || /could not be cloned/.test(error.message);
}

/** The value of V8 bytes received from a worker, a file or a queue. */
export function fromV8(bytes: Uint8Array): unknown {
  return deserialize(bytes);
}
