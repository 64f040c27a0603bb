// The playground (playground/src) uses reesim as a user would: through src/index.ts and src/entries/*.ts
// only, so the page always matches the public library and never reaches into its internals.
import { readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';

const dir = resolve(import.meta.dirname, '../playground/src');

describe('playground imports', () => {
  it('import reesim only through its public entries', () => {
    const wrong = readdirSync(dir)
      .filter((f) => f.endsWith('.ts'))
      .flatMap((f) =>
        [...readFileSync(join(dir, f), 'utf8').matchAll(/from '(\.\.\/\.\.\/src\/[^']+)'/g)]
          .map((m) => m[1] as string)
          .filter((p) => !/^\.\.\/\.\.\/src\/(index|entries\/\w+)\.js$/.test(p))
          .map((p) => `${f}: ${p}`),
      );
    expect(wrong).toEqual([]);
  });
});
