// Every numbered example runs and prints exactly its committed output (examples/NN-name.out.txt).
// To refresh after an intended change: npx tsx examples/NN-name.ts > examples/NN-name.out.txt
import { execFileSync } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';

const dir = resolve(import.meta.dirname, '../../examples');
const scripts = readdirSync(dir).filter((f) => /^\d\d-.*\.ts$/.test(f));

describe('examples', () => {
  it('has at least one example', () => {
    expect(scripts.length).toBeGreaterThan(0);
  });

  for (const script of scripts) {
    it(`${script} prints its committed output`, () => {
      const out = execFileSync(process.execPath, ['--import', 'tsx', join(dir, script)], {
        encoding: 'utf8',
      });
      const expected = readFileSync(join(dir, script.replace(/\.ts$/, '.out.txt')), 'utf8');
      expect(out).toBe(expected);
    });
  }
});
