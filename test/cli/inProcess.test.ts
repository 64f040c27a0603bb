// The `reesim` command line run in-process through `runCli` (what the binary calls), with its output
// captured: the same exit codes and text as the child-process tests in cli.test.ts, without a process per
// call.
import { mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { Writable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../../src/cli/program.js';
import { miswiredFlowsheetYaml } from '../helpers.js';

const scenarios = resolve(import.meta.dirname, '../../examples/scenarios');
let dir = '';

/** Runs `reesim ...args` in this process; its exit code and what it wrote. */
async function reesim(...args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  const out: string[] = [];
  const err: string[] = [];
  const sink = (into: string[]) =>
    new Writable({
      write(chunk, _encoding, done) {
        into.push(String(chunk));
        done();
      },
    });
  const code = await runCli(['node', 'reesim', ...args], { stdout: sink(out), stderr: sink(err) });
  return { code, stdout: out.join(''), stderr: err.join('') };
}

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'reesim-cli-in-process-'));
});

afterAll(() => {
  if (dir) rmSync(dir, { recursive: true, force: true });
});

describe('runCli (the reesim command in-process)', () => {
  it('validate: every example scenario is fine (exit 0); a miswired flowsheet exits 2 naming the stream', async () => {
    const files = readdirSync(scenarios).map((f) => join(scenarios, f));
    const ok = await reesim('validate', ...files);
    expect(ok.code).toBe(0);
    const broken = join(dir, 'miswired.yaml');
    writeFileSync(broken, miswiredFlowsheetYaml());
    const bad = await reesim('validate', broken);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/inlet|stream/);
  });

  it('schema prints the JSON Schema of scenario files', async () => {
    const r = await reesim('schema');
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout).$schema).toMatch(/json-schema/);
  });

  it('design prints a verified Pr/Nd cascade; an unknown option is bad input (exit 2) with help on stderr', async () => {
    const r = await reesim('design', '--feed', 'Pr=0.27,Nd=0.73', '--purity', '0.99');
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/stages/i);
    // No report was asked for: what the summary leaves out is not "in the report" but a flag away.
    expect(r.stdout).not.toContain('in the report');
    expect(r.stdout).toMatch(/\(\d+ more not shown: write the full report with --out DIR\)/);
    const bad = await reesim('design', '--feed', 'Pr=0.27,Nd=0.73', '--no-such-option');
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/unknown option/);
  });

  it('--help and --version exit 0 and write to stdout', async () => {
    const help = await reesim('--help');
    expect(help.code).toBe(0);
    expect(help.stdout).toMatch(/Usage: reesim/);
    expect((await reesim('--version')).code).toBe(0);
  });

  it('run writes the report, tables and charts of a flowsheet scenario into --out', async () => {
    const out = join(dir, 'demo');
    const r = await reesim('run', join(scenarios, 'mountain-pass-to-nd-metal.yaml'), '--out', out);
    expect(r.code).toBe(0);
    const written = readdirSync(out);
    expect(written).toContain('report.md');
    expect(readdirSync(join(out, 'charts')).some((f) => f.endsWith('.svg'))).toBe(true);
  }, 60_000);
});
