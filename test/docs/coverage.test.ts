// Every public function (and class) of the package has a doc comment with an `@example`
// (STYLE.md principle 9); test/docs/examples.test.ts runs them.
import { readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import * as api from '../../src/index.js';

const src = resolve(import.meta.dirname, '../../src');
const files = (d: string): string[] =>
  readdirSync(d, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? files(join(d, e.name)) : e.name.endsWith('.ts') ? [join(d, e.name)] : [],
  );
const text = files(src)
  .map((f) => readFileSync(f, 'utf8'))
  .join('\n');

describe('API docs', () => {
  it('every exported function has an @example', () => {
    const missing = Object.entries(api)
      .filter(([, v]) => typeof v === 'function')
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
});
