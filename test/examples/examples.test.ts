// Every numbered example runs and prints exactly its committed output (examples/NN-name.out.txt).
// To refresh after an intended change: npx tsx examples/NN-name.ts > examples/NN-name.out.txt
import { execFile } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';

const run = promisify(execFile);
const dir = resolve(import.meta.dirname, '../../examples');
const scripts = readdirSync(dir).filter((f) => /^\d\d-.*\.ts$/.test(f));

/** A hung example is killed after this long (example 05 takes ~80 s alone on a 2-core machine). */
const LIMIT_MS = 300_000;

// The examples run as child processes side by side (it.concurrent): the slowest no longer holds the
// others up, and a hung one is killed at LIMIT_MS (a blocking call could not be).
describe('examples', () => {
  it('has at least one example', () => {
    expect(scripts.length).toBeGreaterThan(0);
  });

  for (const script of scripts) {
    it.concurrent(
      `${script} prints its committed output`,
      async () => {
        const { stdout } = await run(process.execPath, ['--import', 'tsx', join(dir, script)], {
          encoding: 'utf8',
          timeout: LIMIT_MS,
          maxBuffer: 64 * 1024 * 1024,
        });
        const expected = readFileSync(join(dir, script.replace(/\.ts$/, '.out.txt')), 'utf8');
        expect(stdout).toBe(expected);
      },
      LIMIT_MS + 10_000,
    );
  }
});
