// The README must run as written (against the sources instead of the installed package): every ```ts block,
// in order, with its `expr; // value` claims asserted (test/docs/snippets.ts).
import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runSnippets } from './docs/snippets.js';

const root = resolve(import.meta.dirname, '..');
const readme = readFileSync(join(root, 'README.md'), 'utf8');

describe('README', () => {
  it('its TypeScript blocks run and hold their claims', () => {
    const { blocks, claims } = runSnippets(readme, 'README.md');
    expect(blocks).toBeGreaterThanOrEqual(4);
    expect(claims).toBeGreaterThanOrEqual(6);
  });

  it('names the two commands that .ci/run and a new user rely on', () => {
    expect(readme).toContain('npm install && npm run demo');
    expect(readme).toContain('npm install && npm test');
    expect(readFileSync(join(root, '.ci/run'), 'utf8')).toContain('npm test');
    expect(JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')).scripts.demo).toMatch(
      /src\/cli\/main\.ts run examples\/scenarios\/mountain-pass-to-nd-metal\.yaml/,
    );
  });
});
