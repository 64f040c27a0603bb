/**
 * The `reesim` command line as a function: run a scenario file, design a cascade from flags, validate
 * scenario files, print the scenario JSON Schema, run the throughput benchmarks (`main.ts` is the binary).
 */
import { Command, CommanderError, InvalidArgumentError, Option } from 'commander';
import { scenarioJsonSchema } from '../scenario/schema.js';
import { benchCommand } from './bench.js';
import { type DesignFlags, designCommand } from './design.js';
import { EXIT_BAD_INPUT, EXIT_OK } from './exit.js';
import { type Io, type RunFlags, runCommand, validateCommand } from './run.js';
import { type WorkerFlags, workerCommand } from './worker.js';

declare const __REESIM_VERSION__: string | undefined;

function threads(value: string): number {
  const n = Number(value);
  if (!/^\d+$/.test(value.trim()) || n > 256)
    throw new InvalidArgumentError('an integer from 0 (this thread) to 256');
  return n;
}

function positiveInteger(value: string): number {
  const n = Number(value);
  if (!/^\d+$/.test(value.trim()) || n < 1) throw new InvalidArgumentError('a positive integer');
  return n;
}

function withRunOptions(cmd: Command): Command {
  return cmd
    .option('-o, --out <dir>', 'write report.md, CSV tables, result.json and SVG charts to this folder')
    .addOption(
      new Option('-t, --threads <n>', 'worker threads for studies (0: this thread)').argParser(threads),
    )
    .option('-s, --seed <text>', 'seed of random draws (Monte Carlo studies, supply-chain outages)')
    .option('--json', 'print the whole result as JSON instead of the summary');
}

/** The program; `main` runs it on process.argv. */
function program(io: Io, setCode: (code: number) => void): Command {
  const p = new Command('reesim')
    .description('Process simulation of the rare-earth supply chain: ore to metal, every species balanced.')
    .version(typeof __REESIM_VERSION__ === 'string' ? __REESIM_VERSION__ : 'dev')
    .showHelpAfterError()
    .exitOverride()
    .configureOutput({ writeOut: (t) => io.stdout.write(t), writeErr: (t) => io.stderr.write(t) });

  withRunOptions(
    p
      .command('run')
      .description('run a scenario file (YAML or JSON): any kind (flowsheet, cascade, design, train, ...)')
      .argument('<scenario>', 'scenario file (.yaml, .yml or .json)'),
  )
    .option(
      '--backend <url>',
      'run a study (monte-carlo, sweep) on `reesim worker` processes through this Redis, e.g. redis://host:6379',
    )
    .option('--queue <name>', 'queue name with --backend (default reesim)')
    .option('--checkpoint <file>', 'JSON-lines checkpoint of a study: a rerun resumes from it')
    .option(
      '--shard-from-env',
      "run only this machine's slice of a study, indexed by JOB_COMPLETION_INDEX, SLURM_ARRAY_TASK_ID or AWS_BATCH_JOB_ARRAY_INDEX",
    )
    .addOption(
      new Option('--shards <n>', 'number of slices with --shard-from-env').argParser(positiveInteger),
    )
    .action(async (file: string, flags: RunFlags) => setCode(await runCommand(file, flags, io)));

  p.command('worker')
    .description('take study batches from a Redis queue and run them on this machine until SIGTERM')
    .requiredOption('--redis <url>', 'the Redis server, e.g. redis://host:6379')
    .option('--queue <name>', 'queue name (default reesim)')
    .addOption(
      new Option('-t, --threads <n>', 'worker threads (default: the cores)').argParser(positiveInteger),
    )
    .addOption(
      new Option(
        '--lock-duration <ms>',
        "a job's lock: how soon a dead worker's jobs run elsewhere",
      ).argParser(positiveInteger),
    )
    .addOption(
      new Option('--grace <ms>', 'on SIGTERM, how long running jobs may finish before going back').argParser(
        positiveInteger,
      ),
    )
    .action(async (flags: WorkerFlags) => setCode(await workerCommand(flags, io)));

  withRunOptions(
    p
      .command('design')
      .description("design a solvent-extraction cascade by Xu's theory and verify it stage by stage")
      .requiredOption('-f, --feed <amounts>', 'feed amounts per unit time, e.g. Pr=0.27,Nd=0.73 (mol/h)')
      .option('--system <name>', 'extractant system: P507, P204, Cyanex 272, naphthenic acid', 'P507')
      .option('-k, --keys <A/B>', 'key pair, more extractable first (needed for 3+ elements), e.g. Nd/Pr')
      .option('-p, --purity <fraction>', 'purity target of both products', '0.999')
      .option('--purity-organic <fraction>', 'purity target of the organic (A side) product')
      .option('--purity-aqueous <fraction>', 'purity target of the raffinate (B side) product')
      .option('--feed-volume <volume>', 'feed volume flow (default: 1 amount unit per volume unit)')
      .option(
        '--flow-units <unit>',
        "units of --feed and --feed-volume: 'mol/h' (with L/h) or 'kmol/h' (with m3/h)",
      )
      .option('--loading <amount>', "organic loading, amount per volume (default: the system's)"),
  ).action(async (flags: DesignFlags) => setCode(await designCommand(flags, io)));

  p.command('validate')
    .description('check scenario files and print every problem with its path (exit 2 if any)')
    .argument('<scenario...>', 'scenario files')
    .action((files: string[]) => setCode(validateCommand(files, io)));

  p.command('schema')
    .description('print the JSON Schema of scenario files (for editor completion)')
    .action(() => {
      io.stdout.write(`${JSON.stringify(scenarioJsonSchema(), null, 2)}\n`);
      setCode(EXIT_OK);
    });

  p.command('bench')
    .description(
      'time the main workloads on this machine (cascade, design, train, supply chain, Monte Carlo)',
    )
    .addOption(
      new Option('-t, --threads <n>', 'worker threads for the Monte Carlo workload').argParser(threads),
    )
    .option('--json', 'print the results as JSON')
    .action(async (flags: { threads?: number; json?: boolean }) => setCode(await benchCommand(flags, io)));
  return p;
}

/**
 * Runs the `reesim` command line `argv` (as process.argv: node, script, then the arguments) writing to
 * `io`; resolves to the exit code (0 ok, 1 failed run, 2 bad input). Used by the `reesim` binary and by
 * tests in-process.
 */
export async function runCli(argv: readonly string[], io: Io): Promise<number> {
  let code = EXIT_OK;
  try {
    await program(io, (c) => {
      code = c;
    }).parseAsync([...argv]);
  } catch (e) {
    if (!(e instanceof CommanderError)) throw e;
    // Help and version exit 0; every other parse problem (unknown option, missing argument) is bad input.
    return e.exitCode === 0 ? EXIT_OK : EXIT_BAD_INPUT;
  }
  return code;
}
