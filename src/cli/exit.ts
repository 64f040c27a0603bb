/**
 * Exit codes and how problems are printed: 0 ok, 1 a run that failed (did not converge, a balance check
 * tripped, a worker died, a file could not be written), 2 bad input (the scenario, a flag, a file).
 */
import { describeIssue, type ErrorCode, type Issue, ReesimError } from '../core/errors.js';

export const EXIT_OK = 0;
export const EXIT_RUN_FAILED = 1;
export const EXIT_BAD_INPUT = 2;

/** Codes that mean the input was wrong (exit 2); the rest mean the run failed (exit 1). */
const BAD_INPUT: ReadonlySet<ErrorCode> = new Set<ErrorCode>([
  'INVALID_TYPE',
  'NOT_FINITE',
  'OUT_OF_RANGE',
  'UNKNOWN_KEY',
  'MISSING',
  'NOT_SUPPORTED',
  'INFEASIBLE',
  'INVALID_FLOWSHEET',
  'CHECKPOINT_MISMATCH',
  'CHECKPOINT_INVALID',
  'INVALID_SYNTAX',
]);

/** A failure the CLI reports and exits with. */
export class CliFailure extends Error {
  constructor(
    message: string,
    readonly exitCode: number,
  ) {
    super(message);
  }
}

/** One line per problem: `where: path must be expected, got value [CODE]`. */
export function formatIssues(where: string, issues: readonly Issue[]): string {
  return issues.map((i) => `${where}: ${describeIssue(i)} [${i.code}]`).join('\n');
}

/** The exit code and message of any error thrown by a command. */
export function explain(e: unknown, where: string): { code: number; message: string } {
  if (e instanceof CliFailure) return { code: e.exitCode, message: e.message };
  if (e instanceof ReesimError) {
    return {
      code: BAD_INPUT.has(e.code) ? EXIT_BAD_INPUT : EXIT_RUN_FAILED,
      message: formatIssues(where, e.issues),
    };
  }
  const error = e instanceof Error ? e : new Error(String(e));
  return { code: EXIT_RUN_FAILED, message: `${where}: ${error.name}: ${error.message}` };
}
