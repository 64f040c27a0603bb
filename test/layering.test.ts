// The layers of DESIGN.md: a lower layer never imports a higher one, and only engine/ and cli/ may use
// Node APIs (the model must run in a browser).
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';

const src = resolve(import.meta.dirname, '../src');
const RANK: Record<string, number> = {
  core: 0,
  data: 1,
  chemistry: 1,
  stream: 2,
  units: 3,
  sx: 3,
  flowsheet: 4,
  report: 5,
  study: 5,
  supply: 5,
  scenario: 5,
  engine: 6,
  cli: 7,
};
const NODE_ALLOWED = new Set(['engine', 'cli']);

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

/** Every import of `sources` that reaches a higher layer, as `path imports layer/`. */
function upwardImports(list: readonly { path: string; text: string }[]): string[] {
  const violations: string[] = [];
  for (const { path, text } of list) {
    const layer = path.split('/')[0] ?? '';
    if (!(layer in RANK)) continue;
    for (const target of importedLayers(path, text)) {
      if (target in RANK && (RANK[target] ?? 0) > (RANK[layer] ?? 0))
        violations.push(`${path} imports ${target}/`);
    }
  }
  return violations;
}

describe('layering', () => {
  it('no layer imports a higher one (imports resolved from each file, sub-folders and dynamic imports included)', () => {
    expect(upwardImports(sources)).toEqual([]);
  });

  it('catches an upward import planted in a sub-folder, a re-export and a dynamic import (a test of the test)', () => {
    const planted = [
      { path: 'supply/baseline/x.ts', text: "import { runBatches } from '../../engine/runBatches.js';" },
      { path: 'sx/steady/y.ts', text: "export { z } from '../../flowsheet/simulate.js';" },
      { path: 'core/z.ts', text: "const m = await import('../cli/main.js');" },
      { path: 'supply/ok.ts', text: "import { fail } from '../core/errors.js';" },
    ];
    expect(upwardImports(planted)).toEqual([
      'supply/baseline/x.ts imports engine/',
      'sx/steady/y.ts imports flowsheet/',
      'core/z.ts imports cli/',
    ]);
  });

  it('only engine/ and cli/ use Node APIs', () => {
    const violations = sources
      .filter(({ path }) => !NODE_ALLOWED.has(path.split('/')[0] ?? ''))
      .filter(({ text }) => /from 'node:|require\(|\bprocess\.|\bBuffer\b|__dirname/.test(text))
      .map(({ path }) => path);
    expect(violations).toEqual([]);
  });
});
