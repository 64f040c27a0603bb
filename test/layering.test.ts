// The layers of DESIGN.md, read from its table: each layer imports only what the table allows, no file
// is on an import cycle, and only the layers marked [Node] use Node APIs (the model must run in a browser).
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';

const src = resolve(import.meta.dirname, '../src');

/** DESIGN.md's layer table: per layer, the layers it may import and whether it may use Node APIs. */
interface Layer {
  readonly imports: ReadonlySet<string>;
  readonly node: boolean;
}

/** Reads the table in the code block under "## Layers" (columns: layer, holds, may import). */
function layerTable(design: string): Map<string, Layer> {
  const section = design.slice(design.indexOf('## Layers'));
  const block = section.slice(section.indexOf('```') + 3, section.indexOf('```', section.indexOf('```') + 3));
  const rows = block
    .split('\n')
    .map((line) => /^(\w+)\s{2,}(.+?)\s{2,}(\S.*)$/.exec(line.trimEnd()))
    .filter((m): m is RegExpExecArray => m !== null && m[1] !== 'layer');
  const names = rows.map((m) => m[1] as string);
  return new Map(
    rows.map((m) => {
      const list = (m[3] as string).trim();
      const imports =
        list === '-' ? [] : list === 'everything' ? names.filter((n) => n !== m[1]) : list.split(/,\s*/);
      return [m[1] as string, { imports: new Set(imports), node: (m[2] as string).includes('[Node]') }];
    }),
  );
}

const LAYERS = layerTable(readFileSync(resolve(import.meta.dirname, '../DESIGN.md'), 'utf8'));

function files(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? files(join(dir, e.name)) : e.name.endsWith('.ts') ? [join(dir, e.name)] : [],
  );
}

const sources = files(src).map((f) => ({ path: relative(src, f), text: readFileSync(f, 'utf8') }));

/** The top-level folders of src/ that `path`'s relative imports (static, re-exports, dynamic) reach. */
function importedLayers(path: string, text: string): string[] {
  const dir = dirname(join(src, path));
  const specifiers = [
    ...text.matchAll(/\bfrom\s+'(\.{1,2}\/[^']+)'/g),
    ...text.matchAll(/\bimport\(\s*'(\.{1,2}\/[^']+)'\s*\)/g),
  ].map((m) => m[1] as string);
  return specifiers.map((spec) => relative(src, resolve(dir, spec)).split('/')[0] ?? '');
}

/** Every import of `sources` that the table does not allow, as `path imports layer/`. */
function disallowedImports(list: readonly { path: string; text: string }[]): string[] {
  const violations: string[] = [];
  for (const { path, text } of list) {
    const layer = path.split('/')[0] ?? '';
    const allowed = LAYERS.get(layer);
    if (!allowed) continue; // src/index.ts, the public entry, re-exports every layer
    for (const target of importedLayers(path, text)) {
      if (target !== layer && !allowed.imports.has(target)) violations.push(`${path} imports ${target}/`);
    }
  }
  return violations;
}

/** Files of src/ on a cycle of relative imports (type-only imports included), each cycle sorted. */
function importCycles(list: readonly { path: string; text: string }[]): string[][] {
  const graph = new Map<string, string[]>();
  for (const { path, text } of list) {
    const dir = dirname(join(src, path));
    const targets = [
      ...text.matchAll(/\bfrom\s+'(\.{1,2}\/[^']+)'/g),
      ...text.matchAll(/\bimport\(\s*'(\.{1,2}\/[^']+)'\s*\)/g),
    ].map((m) => relative(src, resolve(dir, (m[1] as string).replace(/\.js$/, '.ts'))));
    graph.set(path, targets);
  }
  // Tarjan's strongly connected components.
  const index = new Map<string, number>();
  const low = new Map<string, number>();
  const stack: string[] = [];
  const on = new Set<string>();
  const cycles: string[][] = [];
  const visit = (v: string) => {
    index.set(v, index.size);
    low.set(v, index.get(v) as number);
    stack.push(v);
    on.add(v);
    for (const w of graph.get(v) ?? []) {
      if (!graph.has(w)) continue;
      if (!index.has(w)) {
        visit(w);
        low.set(v, Math.min(low.get(v) as number, low.get(w) as number));
      } else if (on.has(w)) low.set(v, Math.min(low.get(v) as number, index.get(w) as number));
    }
    if (low.get(v) === index.get(v)) {
      const component: string[] = [];
      for (let w = stack.pop(); w !== undefined; w = w === v ? undefined : stack.pop()) {
        on.delete(w);
        component.push(w);
      }
      if (component.length > 1) cycles.push(component.sort());
    }
  };
  for (const v of graph.keys()) if (!index.has(v)) visit(v);
  return cycles;
}

describe('layering', () => {
  it("DESIGN.md's table names every folder of src/ and only layers it defines", () => {
    const folders = readdirSync(src, { withFileTypes: true })
      .filter((e) => e.isDirectory())
      .map((e) => e.name)
      .sort();
    expect([...LAYERS.keys()].sort()).toEqual(folders);
    for (const [name, layer] of LAYERS)
      for (const target of layer.imports) expect(LAYERS.has(target), `${name} -> ${target}`).toBe(true);
  });

  it('every import is one the table allows (resolved from each file, sub-folders and dynamic imports included)', () => {
    expect(disallowedImports(sources)).toEqual([]);
  });

  it('no file of src/ is on a cycle of imports', () => {
    expect(importCycles(sources)).toEqual([]);
  });

  it('catches an upward import planted in a sub-folder, a re-export and a dynamic import (a test of the test)', () => {
    const planted = [
      { path: 'supply/baseline/x.ts', text: "import { runBatches } from '../../engine/runBatches.js';" },
      { path: 'sx/steady/y.ts', text: "export { z } from '../../flowsheet/simulate.js';" },
      { path: 'core/z.ts', text: "const m = await import('../cli/main.js');" },
      { path: 'supply/ok.ts', text: "import { fail } from '../core/errors.js';" },
    ];
    expect(disallowedImports(planted)).toEqual([
      'supply/baseline/x.ts imports engine/',
      'sx/steady/y.ts imports flowsheet/',
      'core/z.ts imports cli/',
    ]);
  });

  it('a planted cycle is found (a test of the test)', () => {
    const planted = [
      { path: 'sx/a.ts', text: "import type { B } from './b.js';" },
      { path: 'sx/b.ts', text: "import { c } from './sub/c.js';" },
      { path: 'sx/sub/c.ts', text: "export { a } from '../a.js';" },
      { path: 'sx/d.ts', text: "import { a } from './a.js';" },
    ];
    expect(importCycles(planted)).toEqual([['sx/a.ts', 'sx/b.ts', 'sx/sub/c.ts']]);
  });

  it('only the layers marked [Node] use Node APIs', () => {
    const violations = sources
      .filter(({ path }) => !LAYERS.get(path.split('/')[0] ?? '')?.node && path !== 'index.ts')
      .filter(({ text }) => /from 'node:|require\(|\bprocess\.|\bBuffer\b|__dirname/.test(text))
      .map(({ path }) => path);
    expect(violations).toEqual([]);
  });
});
