// The README's tour must run as written (against the sources instead of the installed package).
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { describe, expect, it } from 'vitest';

const root = resolve(import.meta.dirname, '..');

describe('README', () => {
  it('its TypeScript tour runs', () => {
    const readme = readFileSync(join(root, 'README.md'), 'utf8');
    const blocks = [...readme.matchAll(/```ts\n([\s\S]*?)```/g)].map((m) => m[1] ?? '');
    expect(blocks.length).toBeGreaterThan(0);
    const entry = pathToFileURL(join(root, 'src/index.ts')).href;
    const dir = mkdtempSync(join(tmpdir(), 'reesim-readme-'));
    try {
      blocks.forEach((code, i) => {
        const file = join(dir, `tour-${i}.mts`); // ESM: the tour may use top-level await
        writeFileSync(file, code.replaceAll("from 'reesim'", `from '${entry}'`));
        execFileSync(process.execPath, ['--import', 'tsx', file], { cwd: root, encoding: 'utf8' });
      });
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('names the two commands that .ci/run and a new user rely on', () => {
    const readme = readFileSync(join(root, 'README.md'), 'utf8');
    expect(readme).toContain('npm install && npm run demo');
    expect(readme).toContain('npm install && npm test');
    expect(readFileSync(join(root, '.ci/run'), 'utf8')).toContain('npm test');
  });
});
