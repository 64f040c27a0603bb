/**
 * Stable error codes. A code never changes meaning once released; new codes may be added.
 *
 * - `INVALID_TYPE`: a parameter has the wrong type (e.g. a string where a number was expected).
 * - `NOT_FINITE`: a number is NaN or ±Infinity.
 * - `OUT_OF_RANGE`: a number lies outside its allowed interval.
 * - `UNKNOWN_KEY`: an object has a key the parameter does not accept (a species, a deposit, an option).
 * - `MISSING`: a required parameter is absent.
 * - `NOT_SUPPORTED`: the request is well-formed but the process cannot do it (e.g. calciothermic Sm).
 * - `INFEASIBLE`: the parameters contradict each other or the feed (e.g. a concentrate grade the feed cannot reach).
 * - `INVALID_FLOWSHEET`: a flowsheet's wiring is wrong (a stream with two sources, an unknown unit kind).
 * - `NOT_CONVERGED`: an iterative solve did not meet its tolerance within its iteration limit.
 * - `BALANCE_VIOLATION`: an internal check found a species balance off by more than its tolerance (a bug).
 * - `ABORTED`: a batch run was aborted through its AbortSignal.
 * - `CHECKPOINT_MISMATCH`: a checkpoint file belongs to another study (task, seed, inputs or shard differ).
 * - `CHECKPOINT_INVALID`: a checkpoint cannot be used: a damaged line (the value names the file and line),
 *   a folder, or a path that cannot be written.
 * - `CHECKPOINT_LOCKED`: another run is writing the checkpoint (its lock file names the process and host).
 * - `UNSAFE_SERVER`: a queue server that could lose a study's data (a Redis whose maxmemory-policy is not
 *   noeviction).
 * - `TIMEOUT`: a bounded wait ran out (no batch finished in time, a server that does not answer).
 * - `INVALID_SYNTAX`: a scenario file is not well-formed YAML or JSON (the path gives the line and column).
 */
export type ErrorCode =
  | 'INVALID_TYPE'
  | 'NOT_FINITE'
  | 'OUT_OF_RANGE'
  | 'UNKNOWN_KEY'
  | 'MISSING'
  | 'NOT_SUPPORTED'
  | 'INFEASIBLE'
  | 'INVALID_FLOWSHEET'
  | 'NOT_CONVERGED'
  | 'BALANCE_VIOLATION'
  | 'ABORTED'
  | 'CHECKPOINT_MISMATCH'
  | 'CHECKPOINT_INVALID'
  | 'CHECKPOINT_LOCKED'
  | 'UNSAFE_SERVER'
  | 'TIMEOUT'
  | 'INVALID_SYNTAX';

/** One problem found in an input: where, what was there, and what is allowed. */
export interface Issue {
  /** Stable code, see {@link ErrorCode}. */
  readonly code: ErrorCode;
  /** Dotted path of the parameter, e.g. `beneficiation.recovery.Nd`. */
  readonly path: string;
  /** The offending value (a short rendering for objects). */
  readonly value: unknown;
  /** What would have been accepted, in words, e.g. `a number in [0, 1]`. */
  readonly expected: string;
}

/** The brand that {@link ReesimError}'s `instanceof` reads (a registered symbol: shared by every copy). */
const BRAND = Symbol.for('reesim.ReesimError');

/**
 * The one error class reesim throws. `code`, `path`, `value` and `expected` describe the first problem;
 * `issues` lists every problem found when a whole input was checked at once.
 *
 * @example
 * ```ts
 * try {
 *   oxideFactor('Xx');
 * } catch (e) {
 *   if (!(e instanceof ReesimError)) throw e;
 *   e.code; // 'UNKNOWN_KEY'
 *   e.path; // 'symbol'
 * }
 * ```
 */
export class ReesimError extends Error {
  /**
   * `instanceof ReesimError` holds for a ReesimError from any copy of reesim loaded in the process (the ESM
   * and CommonJS builds, the `reesim/distributed` entry): they carry the same registered brand.
   */
  static override [Symbol.hasInstance](value: unknown): boolean {
    return typeof value === 'object' && value !== null && (value as Record<symbol, unknown>)[BRAND] === true;
  }
  override readonly name = 'ReesimError';
  readonly code: ErrorCode;
  readonly path: string;
  readonly value: unknown;
  readonly expected: string;
  readonly issues: readonly Issue[];

  constructor(issue: Issue, more: readonly Issue[] = []) {
    const all = [issue, ...more];
    const message =
      all.length === 1
        ? describeIssue(issue)
        : `${all.length} problems:\n${all.map(describeIssue).join('\n')}`;
    super(message);
    this.code = issue.code;
    this.path = issue.path;
    this.value = issue.value;
    this.expected = issue.expected;
    this.issues = all;
    Object.defineProperty(this, BRAND, { value: true });
  }
}

/**
 * Renders an issue as `path must be expected, got value`.
 *
 * @example
 * ```ts
 * describeIssue({ code: 'OUT_OF_RANGE', path: 'x', value: 2, expected: 'a number in [0, 1]' }); // 'x must be a number in [0, 1], got 2'
 * ```
 */
export function describeIssue(issue: Issue): string {
  return `${issue.path} must be ${issue.expected}, got ${renderValue(issue.value)}`;
}

function renderValue(value: unknown): string {
  if (typeof value === 'string') return JSON.stringify(value);
  if (typeof value === 'number' || typeof value === 'boolean' || value === undefined || value === null) {
    return String(value);
  }
  if (Array.isArray(value)) return `an array of length ${value.length}`;
  try {
    const text = JSON.stringify(value);
    return text.length > 80 ? `${text.slice(0, 77)}...` : text;
  } catch {
    return typeof value;
  }
}

/** Throws a {@link ReesimError} for one issue. */
export function fail(code: ErrorCode, path: string, value: unknown, expected: string): never {
  throw new ReesimError({ code, path, value, expected });
}

/** Throws one {@link ReesimError} carrying every issue, if there are any. */
export function throwIssues(issues: readonly Issue[]): void {
  const [first, ...rest] = issues;
  if (first) throw new ReesimError(first, rest);
}
