// Packs the built package, installs it into an empty folder and imports it by name with ESM `import`
// and CJS `require`, `reesim` and each subpath entry (`reesim/units` ...): catches exports-map, shim,
// chunk and missing-file mistakes that source tests cannot see. Needs `npm run build` first (npm test
// builds before running vitest).
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { SaxesParser } from 'saxes';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ENTRY_POINTS } from '../entries.js';

const root = resolve(import.meta.dirname, '../..');
let dir = '';

function run(cmd: string, args: string[], cwd: string): string {
  return execFileSync(cmd, args, { cwd, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
}

beforeAll(() => {
  if (!existsSync(join(root, 'dist/index.js')))
    throw new Error('dist/ is missing: run `npm run build` first');
  dir = mkdtempSync(join(tmpdir(), 'reesim-pack-'));
  // dist/ is built already (npm test builds first): skip the prepack rebuild.
  const packed = run('npm', ['pack', '--silent', '--ignore-scripts', '--pack-destination', dir], root)
    .trim()
    .split('\n')
    .pop() as string;
  writeFileSync(
    join(dir, 'package.json'),
    JSON.stringify({ name: 'consumer', version: '1.0.0', private: true }),
  );
  run('npm', ['install', '--no-audit', '--no-fund', '--prefer-offline', join(dir, packed)], dir);
});

afterAll(() => {
  if (dir) rmSync(dir, { recursive: true, force: true });
});

const probe = `
  const nd = chemistry.elements.Nd.atomicMass;
  const f = chemistry.oxideFactor('Nd');
  const s = streams.makeStream('oxide', { Nd: 100 });
  const treo = Number(streams.treo(s).toFixed(2));
  console.log(JSON.stringify({ nd, f: Number(f.toFixed(4)), treo, err: typeof r.ReesimError }));
`;

const subpaths = ENTRY_POINTS.filter((e) => e.specifier !== 'reesim').map((e) => e.specifier);

// Prints, per entry, the names it exports at run time (sorted), as JSON.
const namesProbe = (load: (specifier: string) => string) => `
  const names = {};
  for (const specifier of ${JSON.stringify(ENTRY_POINTS.map((e) => e.specifier))})
    names[specifier] = Object.keys(${load('specifier')}).sort();
  console.log(JSON.stringify(names));
`;

// A unit, a stream and an element symbol from three subpaths fail with the one ReesimError class of 'reesim'.
const identityProbe = `
  const same = [];
  const bad = [
    () => units.beneficiation(null, {}),
    () => streams.makeStream('oxide', { Nd: -1 }),
    () => chemistry.oxideFactor('Xx'),
  ];
  for (const f of bad) {
    try { f(); same.push('no error'); } catch (e) { same.push(e instanceof r.ReesimError); }
  }
  console.log(JSON.stringify(same));
`;

describe('packed package', () => {
  it("imports by name with ESM import: elements and oxideFactor('Nd') = 1.1664", () => {
    writeFileSync(
      join(dir, 'esm.mjs'),
      [
        "import * as r from 'reesim';",
        "import * as chemistry from 'reesim/chemistry';",
        "import * as streams from 'reesim/streams';",
        probe,
      ].join('\n'),
    );
    const out = JSON.parse(run('node', ['esm.mjs'], dir));
    expect(out).toEqual({ nd: 144.242, f: 1.1664, treo: 116.64, err: 'function' });
  });

  it("requires by name with CJS require: elements and oxideFactor('Nd') = 1.1664", () => {
    writeFileSync(
      join(dir, 'cjs.cjs'),
      [
        "const r = require('reesim');",
        "const chemistry = require('reesim/chemistry');",
        "const streams = require('reesim/streams');",
        probe,
      ].join('\n'),
    );
    const out = JSON.parse(run('node', ['cjs.cjs'], dir));
    expect(out).toEqual({ nd: 144.242, f: 1.1664, treo: 116.64, err: 'function' });
  });

  it('every entry point exports, with ESM import and CJS require, exactly the names its source exports', async () => {
    const expected: Record<string, string[]> = {};
    for (const e of ENTRY_POINTS) expected[e.specifier] = Object.keys(await import(e.source)).sort();
    writeFileSync(
      join(dir, 'names.mjs'),
      namesProbe((s) => `await import(${s})`),
    );
    writeFileSync(
      join(dir, 'names.cjs'),
      namesProbe((s) => `require(${s})`),
    );
    expect(JSON.parse(run('node', ['names.mjs'], dir))).toEqual(expected);
    expect(JSON.parse(run('node', ['names.cjs'], dir))).toEqual(expected);
  });

  it("subpaths share reesim's modules: their errors are instances of its ReesimError (ESM, CJS)", () => {
    const load = (kind: 'esm' | 'cjs', name: string, specifier: string) =>
      kind === 'esm'
        ? `import * as ${name} from '${specifier}';`
        : `const ${name} = require('${specifier}');`;
    for (const kind of ['esm', 'cjs'] as const) {
      const file = `identity.${kind === 'esm' ? 'mjs' : 'cjs'}`;
      const head = [
        load(kind, 'r', 'reesim'),
        load(kind, 'units', 'reesim/units'),
        load(kind, 'streams', 'reesim/streams'),
        load(kind, 'chemistry', 'reesim/chemistry'),
      ];
      writeFileSync(join(dir, file), `${head.join('\n')}\n${identityProbe}`);
      expect(JSON.parse(run('node', [file], dir)), kind).toEqual([true, true, true]);
    }
  });

  it('no subpath loads the batch engine (piscina: worker threads, Node only); `reesim` does', () => {
    // reesim/distributed is the Node-only exception: its workers run the engine's pool.
    const light = subpaths.filter((s) => s !== 'reesim/distributed');
    writeFileSync(
      join(dir, 'engine.cjs'),
      [
        'const piscina = () => Object.keys(require.cache).filter((f) => f.includes("piscina")).length > 0;',
        `for (const s of ${JSON.stringify(light)}) require(s);`,
        'const subpaths = piscina();',
        "require('reesim');",
        'console.log(JSON.stringify({ subpaths, reesim: piscina() }));',
      ].join('\n'),
    );
    expect(JSON.parse(run('node', ['engine.cjs'], dir))).toEqual({ subpaths: false, reesim: true });
  });

  // TypeScript finds every entry's declarations: through "exports" under nodenext (ESM and CJS) and
  // bundler, through "typesVersions" under the older node10 resolution. A wrong assignment must be
  // reported, so the types are really there (an unresolved module would be `any` and accept it).
  const typesProbe = `
    import { distribution, type CascadeResult, simulateCascade } from 'reesim';
    import { oxideFactor } from 'reesim/chemistry';
    import { makeStream, type Stream } from 'reesim/streams';
    import { beneficiation } from 'reesim/units';
    import { fenskeStages } from 'reesim/sx';
    import { type SupplyWarning, supplyWarnings } from 'reesim/supply';
    import { getPath } from 'reesim/study';
    import { textTable } from 'reesim/report';
    const r: CascadeResult = simulateCascade({
      stages: { extraction: 1 },
      feed: { flows: { A: 1 }, volume: 1 },
      organic: { volume: 1 },
      equilibrium: distribution({ A: 1 }),
    });
    const ore: Stream = makeStream('ore', { Nd: 1 });
    const n: number = oxideFactor('Nd') + fenskeStages(0.999, 0.999, 1.5) + r.profile.length;
    const w: SupplyWarning[] = [];
    export const used = [ore, n, w, beneficiation, supplyWarnings, getPath, textTable];
    // @ts-expect-error oxideFactor returns a number
    export const wrong: string = oxideFactor('Nd');
  `;

  it('TypeScript resolves every entry point: nodenext (ESM and CJS), bundler and node10', () => {
    const tsc = join(root, 'node_modules/typescript/bin/tsc');
    const base = { strict: true, noEmit: true, skipLibCheck: true, target: 'ES2022', types: [] };
    const configs = {
      'tsconfig.nodenext.json': {
        compilerOptions: { ...base, module: 'nodenext', moduleResolution: 'nodenext' },
        files: ['types.mts', 'types.cts'],
      },
      'tsconfig.bundler.json': {
        compilerOptions: { ...base, module: 'esnext', moduleResolution: 'bundler' },
        files: ['types.ts'],
      },
      'tsconfig.node10.json': {
        compilerOptions: { ...base, module: 'commonjs', moduleResolution: 'node10' },
        files: ['types.ts'],
      },
    };
    for (const f of ['types.mts', 'types.cts', 'types.ts']) writeFileSync(join(dir, f), typesProbe);
    for (const [file, config] of Object.entries(configs)) {
      writeFileSync(join(dir, file), JSON.stringify(config));
      const r = spawnSync('node', [tsc, '-p', file], { cwd: dir, encoding: 'utf8' });
      expect(r.stdout + r.stderr, file).toBe('');
      expect(r.status, file).toBe(0);
    }
  });

  // The engine's worker file must be found beside the build that runs: dist/worker.js for ESM, .cjs for CJS.
  const poolProbe = `
    const spec = { stages: { extraction: 4 }, feed: { flows: { A: 1 }, volume: 1 }, organic: { volume: 1 }, equilibrium: r.distribution({ A: 2 }) };
    r.runBatches([spec, spec, spec], { task: 'cascade', threads: 2, seed: 'p' }).then((res) => {
      console.log(JSON.stringify(res.map((x) => x.state === 'completed' ? Number(x.value.raffinate.flows.A.toFixed(6)) : x.error.message)));
    });
  `;

  it('runs a pool of 2 worker threads from the packed ESM build', () => {
    writeFileSync(join(dir, 'pool.mjs'), `import * as r from 'reesim';\n${poolProbe}`);
    // Kremser: 4 stages at ε = 2 leave (ε − 1)/(ε⁵ − 1) = 1/31 of the solute.
    expect(JSON.parse(run('node', ['pool.mjs'], dir))).toEqual([0.032258, 0.032258, 0.032258]);
  });

  it('runs a pool of 2 worker threads from the packed CJS build', () => {
    writeFileSync(join(dir, 'pool.cjs'), `const r = require('reesim');\n${poolProbe}`);
    expect(JSON.parse(run('node', ['pool.cjs'], dir))).toEqual([0.032258, 0.032258, 0.032258]);
  });

  it('ships types for both module systems, for every entry point', () => {
    for (const { name } of ENTRY_POINTS) {
      expect(existsSync(join(dir, `node_modules/reesim/dist/${name}.d.ts`)), name).toBe(true);
      expect(existsSync(join(dir, `node_modules/reesim/dist/${name}.d.cts`)), name).toBe(true);
    }
  });

  // reesim/distributed loads without its optional peers (bullmq, ioredis are not installed here) and says
  // what to install when a study is sent to it; its errors are ReesimErrors of the main entry's class.
  const distributedProbe = (load: string) => `
    ${load}
    const b = d.redisBackend({ url: 'redis://127.0.0.1:1', queue: 'q' });
    r.runBatches([1], { task: 'cascade', backend: b }).catch((e) => {
      console.log(JSON.stringify({ kind: b.kind, code: e.code, typed: e instanceof r.ReesimError, worker: typeof d.startWorker }));
    });
  `;

  it('imports reesim/distributed by name (ESM) without bullmq installed: NOT_SUPPORTED on use', () => {
    writeFileSync(
      join(dir, 'dist.mjs'),
      distributedProbe("import * as r from 'reesim'; import * as d from 'reesim/distributed';"),
    );
    const out = JSON.parse(run('node', ['dist.mjs'], dir));
    expect(out).toEqual({ kind: 'redis', code: 'NOT_SUPPORTED', typed: true, worker: 'function' });
  });

  it('requires reesim/distributed by name (CJS) without bullmq installed: NOT_SUPPORTED on use', () => {
    writeFileSync(
      join(dir, 'dist.cjs'),
      distributedProbe("const r = require('reesim'); const d = require('reesim/distributed');"),
    );
    const out = JSON.parse(run('node', ['dist.cjs'], dir));
    expect(out).toEqual({ kind: 'redis', code: 'NOT_SUPPORTED', typed: true, worker: 'function' });
    expect(existsSync(join(dir, 'node_modules/reesim/dist/distributed.d.cts'))).toBe(true);
  });

  it('ships the scenario JSON Schema', () => {
    expect(existsSync(join(dir, 'node_modules/reesim/schema/scenario.schema.json'))).toBe(true);
  });
});

// The "done when": from a packed install in an empty folder, `npx reesim run` on each example
// scenario succeeds and writes its report and charts; `reesim validate` on a broken file exits 2.
describe('packed CLI (npx reesim)', () => {
  const npx = (...args: string[]) =>
    spawnSync('npx', ['--no-install', 'reesim', ...args], { cwd: dir, encoding: 'utf8', timeout: 170_000 });
  const scenarios = join(root, 'examples/scenarios');

  for (const file of readdirSync(scenarios).filter((f) => f.endsWith('.yaml'))) {
    it(`npx reesim run ${file} --out DIR writes report.md and well-formed SVG charts`, () => {
      // What this checks is the installed package's CLI, not the study's numbers (test/examples and
      // test/cli check those): a Monte Carlo file runs 4 of its runs here (diversification's 24 supply-chain
      // runs took ~21 s of the suite).
      const text = readFileSync(join(scenarios, file), 'utf8');
      writeFileSync(join(dir, file), text.replace(/^(\s+runs:) \d+$/m, '$1 4'));
      const out = join(dir, 'out', file.replace(/\.yaml$/, ''));
      const r = npx('run', file, '--out', out, '--threads', '0'); // threads are tested from the sources
      expect(r.stderr).not.toMatch(/Error|must be/);
      expect(r.status).toBe(0);
      expect(readFileSync(join(out, 'report.md'), 'utf8')).toMatch(/^# /);
      const charts = readdirSync(join(out, 'charts'));
      expect(charts.length).toBeGreaterThan(0);
      for (const c of charts) {
        const parser = new SaxesParser();
        parser.on('error', (e) => {
          throw e;
        });
        parser.write(readFileSync(join(out, 'charts', c), 'utf8')).close();
      }
    });
  }

  it('npx reesim validate <broken file> prints each problem with its path and exits 2', () => {
    writeFileSync(
      join(dir, 'broken.yaml'),
      'kind: design\ninput:\n  feed: { Pr: -1 }\n  purity: { organic: 2 }\n',
    );
    const r = npx('validate', 'broken.yaml');
    expect(r.status).toBe(2);
    // (npm itself may warn on stderr: keep reesim's lines, which start with the file name.)
    const lines = r.stderr.split('\n').filter((l) => l.startsWith('broken.yaml: '));
    const paths = lines.map((l) => l.split(': ')[1]?.split(' must ')[0]);
    expect(paths).toEqual([
      'input.feed.Pr',
      'input.equilibrium',
      'input.purity.organic',
      'input.purity.aqueous',
    ]);
  });
});
