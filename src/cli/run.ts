/** `reesim run <scenario>` and `reesim validate <scenario...>`. */

import { ReesimError } from '../core/errors.js';
import { type RedisBackend, redisBackend } from '../distributed/backend.js';
import { runScenario } from '../engine/runScenario.js';
import { shardFromEnv } from '../engine/shards.js';
import type { Shard } from '../engine/types.js';
import { type ScenarioReport, scenarioReport, summaryText } from '../report/scenarioReport.js';
import type { ScenarioKind } from '../scenario/kinds.js';
import { atFile, loadScenario, type Scenario, scenarioWarnings } from '../scenario/load.js';
import type { ScenarioFormat } from '../scenario/parse.js';
import { CliFailure, EXIT_BAD_INPUT, EXIT_OK, EXIT_RUN_FAILED, explain, formatIssues } from './exit.js';
import { readScenarioFile, toJson } from './files.js';
import { writeRunOutputs } from './outputs.js';

/** Flags of `reesim run` (and `reesim design`). */
export interface RunFlags {
  readonly out?: string;
  readonly threads?: number;
  readonly seed?: string;
  readonly json?: boolean;
  /** A Redis URL: run a study on `reesim worker` processes. */
  readonly backend?: string;
  readonly queue?: string;
  readonly checkpoint?: string;
  /** Run the shard whose index the scheduler gives (JOB_COMPLETION_INDEX, SLURM_ARRAY_TASK_ID, ...). */
  readonly shardFromEnv?: boolean;
  /** The number of shards with `shardFromEnv`. */
  readonly shards?: number;
}

/** Where a command writes: stdout for results, stderr for problems and progress. */
export interface Io {
  readonly stdout: NodeJS.WritableStream;
  readonly stderr: NodeJS.WritableStream & { readonly isTTY?: boolean };
}

/** A scenario from its text, or a bad-input failure listing every problem. */
export function scenarioFrom(where: string, text: string, format: ScenarioFormat): Scenario {
  const loaded = loadScenario(text, format);
  if (loaded.issues) throw new CliFailure(formatIssues(where, loaded.issues), EXIT_BAD_INPUT);
  return loaded.scenario;
}

/**
 * Runs a loaded scenario, prints its summary (or its result as JSON) and writes the outputs; returns the
 * exit code: 1 when the run finished but failed (not converged; a study none of whose runs succeeded).
 */
export async function runLoaded(
  where: string,
  scenario: Scenario,
  input: { text: string; format: ScenarioFormat },
  flags: RunFlags,
  io: Io,
): Promise<number> {
  if (scenario.kind === 'sweep' && flags.seed !== undefined) {
    io.stderr.write(`${where}: --seed has no effect on a sweep (it draws no random numbers)\n`);
  }
  const study = scenario.kind === 'monte-carlo' || scenario.kind === 'sweep';
  const shard = flags.shardFromEnv === true ? envShard(where, study, flags) : undefined;
  const backend = flags.backend === undefined ? undefined : queueBackend(where, study, flags);
  let result: unknown;
  try {
    result = await runScenario(scenario, {
      ...(flags.threads === undefined ? {} : { threads: flags.threads }),
      ...(flags.seed === undefined ? {} : { seed: flags.seed }),
      ...(backend === undefined ? {} : { backend }),
      ...(flags.checkpoint === undefined ? {} : { checkpoint: flags.checkpoint }),
      ...(shard === undefined ? {} : { shard }),
      progressBar: io.stderr.isTTY === true && flags.json !== true,
    });
  } catch (e) {
    throw located(e, scenario.kind);
  } finally {
    await backend?.close();
  }
  let report: ScenarioReport;
  try {
    report = scenarioReport(scenario.kind, scenario.input, result);
    if (flags.out !== undefined) {
      const written = await writeRunOutputs(flags.out, { scenario, result, report, input });
      if (flags.json !== true)
        io.stderr.write(`Wrote ${written.length} files to ${flags.out}: ${written.join(', ')}\n`);
    }
  } catch (e) {
    // The run finished; a report that cannot be made is reesim's failure, not the input's.
    if (e instanceof CliFailure) throw e;
    const why = e instanceof Error ? e.message : String(e);
    throw new CliFailure(`${where}: the run finished but its report failed: ${why}`, EXIT_RUN_FAILED);
  }
  const rest =
    flags.out === undefined ? 'not shown: write the full report with --out DIR' : `in ${flags.out}/report.md`;
  io.stdout.write(flags.json === true ? toJson(result) : `${summaryText(report, { rest })}\n`);
  // A study with some failed runs is a result (its failures are data); one with no run left has failed.
  const failed = study
    ? (result as { runs: readonly number[] }).runs.length === 0
    : !report.evidence.converged;
  if (failed) {
    io.stderr.write(
      `${where}: the run finished but failed: ${study ? 'every run failed' : 'not converged'}\n`,
    );
    return EXIT_RUN_FAILED;
  }
  return EXIT_OK;
}

/** The Redis backend of `--backend`, for studies only (and not with `--threads`: the workers decide). */
function queueBackend(where: string, study: boolean, flags: RunFlags): RedisBackend {
  const refuse = (what: string) => {
    throw new CliFailure(`${where}: ${what}`, EXIT_BAD_INPUT);
  };
  if (!study) refuse('--backend runs studies only (kind monte-carlo or sweep)');
  if (flags.threads !== undefined) refuse('--backend and --threads exclude each other (workers set threads)');
  return redisBackend({
    url: flags.backend as string,
    ...(flags.queue === undefined ? {} : { queue: flags.queue }),
  });
}

/** The shard of `--shard-from-env` (studies only), from the scheduler's index and `--shards`. */
function envShard(where: string, study: boolean, flags: RunFlags): Shard {
  if (!study)
    throw new CliFailure(
      `${where}: --shard-from-env runs studies only (kind monte-carlo or sweep)`,
      EXIT_BAD_INPUT,
    );
  return shardFromEnv(flags.shards);
}

/** `reesim run <file>`. */
export async function runCommand(file: string, flags: RunFlags, io: Io): Promise<number> {
  try {
    const input = readScenarioFile(file);
    return await runLoaded(file, scenarioFrom(file, input.text, input.format), input, flags, io);
  } catch (e) {
    const { code, message } = explain(e, file);
    io.stderr.write(`${message}\n`);
    return code;
  }
}

/** `reesim validate <file...>`: every problem of every file, with its path; 2 if any file has one. */
export function validateCommand(files: readonly string[], io: Io): number {
  let code = EXIT_OK;
  for (const file of files) {
    try {
      const { text, format } = readScenarioFile(file);
      const scenario = scenarioFrom(file, text, format);
      const warnings = scenarioWarnings(scenario);
      const noted =
        warnings.length > 0 ? `, ${warnings.length} warning${warnings.length > 1 ? 's' : ''}` : '';
      io.stdout.write(
        `${file}: ok (${scenario.kind}${scenario.title ? `: ${scenario.title}` : ''}${noted})\n`,
      );
      for (const w of warnings) io.stderr.write(`${file}: warning: ${w}\n`);
    } catch (e) {
      const explained = explain(e, file);
      io.stderr.write(`${explained.message}\n`);
      code = Math.max(code, explained.code);
    }
  }
  return code;
}

/**
 * Where a run's error lies: a checkpoint problem (`CHECKPOINT_LOCKED`, `_MISMATCH`, `_INVALID`) is the
 * `--checkpoint` flag's; any other has the model's paths, moved to where they lie in the file.
 */
function located(e: unknown, kind: ScenarioKind): unknown {
  if (e instanceof ReesimError && e.path === 'runBatches.checkpoint') {
    const [first, ...rest] = e.issues;
    if (first) return new ReesimError({ ...first, path: '--checkpoint' }, rest);
  }
  return atFile(e, kind);
}
