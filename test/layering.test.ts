// The layers of DESIGN.md: a lower layer never imports a higher one, and only engine/ and cli/ may use
// Node APIs (the model must run in a browser).
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
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

describe('layering', () => {
  it('no layer imports a higher one', () => {
    const violations: string[] = [];
    for (const { path, text } of sources) {
      const layer = path.split('/')[0] ?? '';
      if (!(layer in RANK)) continue;
      for (const m of text.matchAll(/from '\.\.\/([a-z]+)\//g)) {
        const target = m[1] ?? '';
        if (target in RANK && (RANK[target] ?? 0) > (RANK[layer] ?? 0))
          violations.push(`${path} imports ${target}/`);
      }
    }
    expect(violations).toEqual([]);
  });

  it('only engine/ and cli/ use Node APIs', () => {
    const violations = sources
      .filter(({ path }) => !NODE_ALLOWED.has(path.split('/')[0] ?? ''))
      .filter(({ text }) => /from 'node:|require\(|\bprocess\.|\bBuffer\b|__dirname/.test(text))
      .map(({ path }) => path);
    expect(violations).toEqual([]);
  });
});
