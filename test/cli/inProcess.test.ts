// The `reesim` command line run in-process through `runCli` (what the binary calls), with its output
// captured: the same exit codes and text as the child-process tests in cli.test.ts, without a process per
// call.
import { mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { Writable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../../src/cli/program.js';
import { lockCheckpoint } from '../../src/engine/checkpointLock.js';
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

  it('run --checkpoint while another run holds its lock: exit 1, the problem named at --checkpoint (not in the file); once the lock is gone it runs', async () => {
    const file = join(dir, 'locked.yaml');
    writeFileSync(
      file,
      [
        'kind: monte-carlo',
        'input:',
        '  model: cascade',
        '  base:',
        '    stages: { extraction: 3 }',
        '    feed: { flows: { A: 1 }, volume: 1 }',
        '    organic: { volume: 1 }',
        '    equilibrium: { kind: distribution, D: { A: 2 } }',
        '  runs: 10',
        '  outputs: [loadedOrganic.flows.A]',
        '  parameters:',
        '    - path: equilibrium.D.A',
        '      distribution: { kind: uniform, min: 1, max: 3 }',
      ].join('\n'),
    );
    const checkpoint = join(dir, 'locked.jsonl');
    // This very process holds it, as a live run would.
    const release = lockCheckpoint(checkpoint);
    const r = await reesim('run', file, '--threads', '0', '--checkpoint', checkpoint);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain(`${file}: --checkpoint must be a checkpoint no other run is writing`);
    expect(r.stderr).toContain('[CHECKPOINT_LOCKED]');
    release();
    const ok = await reesim('run', file, '--threads', '0', '--checkpoint', checkpoint);
    expect(ok.code).toBe(0);
  });

  it('run of a cascade Monte Carlo prints its outputs in words and %, flows in the declared kmol/h', async () => {
    const file = join(dir, 'mc.yaml');
    writeFileSync(
      file,
      [
        'kind: monte-carlo',
        'input:',
        '  model: cascade',
        '  base:',
        '    stages: { extraction: 6, scrub: 6 }',
        '    feed: { flows: { A: 0.75, B: 0.25 }, volume: 1 }',
        '    organic: { volume: 22.72 }',
        '    scrub: { volume: 1, reflux: 3.34 }',
        '    equilibrium: { kind: separationFactors, beta: { A: 1.5, B: 1 }, loading: 0.18 }',
        '    flowUnits: kmol/h',
        '  runs: 8',
        '  parameters:',
        '    - path: equilibrium.beta.A',
        '      distribution: { kind: uniform, relative: 0.1 }',
        '  outputs: [product.purity.A, product.flows.A]',
        '',
      ].join('\n'),
    );
    const r = await reesim('run', file, '--threads', '0');
    expect(r.code).toBe(0);
    expect(r.stdout.split('\n')[0]).toBe(
      'monte-carlo: converged, balance residual not recorded; runs: 8 of 8 succeeded, none failed',
    );
    expect(r.stdout).toMatch(/^ {2}Product purity of A, mean +\d+(\.\d+)? %$/m);
    expect(r.stdout).toMatch(/^ {2}Product flow of A, mean +\d+(\.\d+)? kmol\/h$/m);
    expect(r.stdout).not.toContain('product.purity.A');
  }, 60_000);
});
