// Every public function (and class) of the package, in every entry point (`reesim` and its subpaths), has
// a doc comment with an `@example` (STYLE.md principle 9); test/docs/examples.test.ts runs them.
import { readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ENTRY_POINTS } from '../entries.js';

const src = resolve(import.meta.dirname, '../../src');
const files = (d: string): string[] =>
  readdirSync(d, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? files(join(d, e.name)) : e.name.endsWith('.ts') ? [join(d, e.name)] : [],
  );
const text = files(src)
  .map((f) => readFileSync(f, 'utf8'))
  .join('\n');

describe('API docs', () => {
  for (const { specifier, source } of ENTRY_POINTS) {
    it(`every function exported by '${specifier}' has an @example`, async () => {
      const api = (await import(source)) as Record<string, unknown>;
      const functions = Object.entries(api).filter(([, v]) => typeof v === 'function');
      expect(functions.length).toBeGreaterThan(0);
      const missing = functions
        .map(([name]) => name)
        .filter((name) => {
          const doc = new RegExp(
            `/\\*\\*((?:(?!\\*/)[\\s\\S])*)\\*/\\s*export (?:async )?(?:function|class|const) ${name}\\b`,
          ).exec(text);
          // A deprecated alias points to its new name, whose doc has the example.
          return !doc?.[1]?.includes('@example') && !doc?.[1]?.includes('@deprecated');
        });
      expect(missing).toEqual([]);
    });
  }
});
