#!/usr/bin/env node
/**
 * The `reesim` binary: runs {@link runCli} on process.argv with the process's streams. Exit codes: 0 ok,
 * 1 failed run, 2 bad input.
 */
import { runCli } from './program.js';

// A reader that stops early (`reesim schema | head`) closes the pipe: stop quietly, as Unix tools do.
process.stdout.on('error', (e: NodeJS.ErrnoException) => {
  if (e.code !== 'EPIPE') throw e;
  process.exit(0);
});

runCli(process.argv, { stdout: process.stdout, stderr: process.stderr }).then(
  (code) => {
    process.exitCode = code;
  },
  (e: unknown) => {
    process.stderr.write(`reesim: ${e instanceof Error ? (e.stack ?? e.message) : String(e)}\n`);
    process.exitCode = 1;
  },
);
