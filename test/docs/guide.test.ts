// docs/guide.md must run as written: every ```ts block, in order, against the sources, with its
// `expr; // value` claims asserted (test/docs/snippets.ts). The claim machinery is tested here too, so a
// guide whose claims were silently skipped could not pass.
import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { checkClaim, instrument, parseClaim, runSnippets, tsBlocks } from './snippets.js';

const root = resolve(import.meta.dirname, '../..');
const guide = readFileSync(join(root, 'docs/guide.md'), 'utf8');

describe('docs/guide.md', () => {
  it('runs every TypeScript block and holds every claim', () => {
    const { blocks, claims } = runSnippets(guide, 'docs/guide.md');
    expect(blocks).toBeGreaterThanOrEqual(12);
    expect(claims).toBeGreaterThanOrEqual(60);
  });

  it('has the sections the issue asks for', () => {
    const headings = guide.split('\n').filter((l) => l.startsWith('#'));
    for (const h of [
      '## 1. Why rare-earth separation is hard',
      '## 2. Counter-current solvent extraction in brief',
      "## 3. What Xu Guangxian's theory gives",
      '## 4. How the solvers work, and what they assume',
      '## 5. A tour of the API',
      '## The command line',
      '## 6. What reesim does not model',
    ]) {
      expect(headings).toContain(h);
    }
    // The tour covers the API the issue names.
    const code = tsBlocks(guide)
      .map((b) => b.code)
      .join('\n');
    for (const name of [
      'makeStream',
      'beneficiation',
      'simulateFlowsheet',
      'simulateCascade',
      'designCascade',
      'designSeparationTrain',
      'simulateCascadeDynamics',
      'monteCarlo',
      'sweep',
      'simulateSupplyChain',
      'baseline2024',
    ]) {
      expect(code).toMatch(new RegExp(`\\b${name}\\b`));
    }
    expect(code).not.toMatch(/threads: [1-9]/); // studies in the guide run in-process
  });
});

describe('snippet claims', () => {
  it('parses numbers, strings, booleans and literals; other comments are prose', () => {
    expect(parseClaim('0.7368: closed form')).toBeUndefined(); // a number must end at a space
    expect(parseClaim('0.7368 (closed form)')).toEqual({
      kind: 'number',
      value: 0.7368,
      decimals: 4,
      approx: false,
    });
    expect(parseClaim('~0.653')).toMatchObject({ kind: 'number', approx: true });
    expect(parseClaim("'scrub' (f′_B below)")).toEqual({ kind: 'identical', value: 'scrub' });
    expect(parseClaim('true')).toEqual({ kind: 'identical', value: true });
    expect(parseClaim("['Sm/Nd', 'Ce/La']")).toEqual({ kind: 'deep', value: ['Sm/Nd', 'Ce/La'] });
    expect(parseClaim('kg/h of each reagent')).toBeUndefined();
  });

  it('fails a wrong value and passes a right one', () => {
    const claim = (c: string) => parseClaim(c) ?? expect.unreachable(`no claim in ${c}`);
    expect(() => checkClaim(1 / 15, claim('0.0667'), '0.0667', 'x:1')).not.toThrow();
    expect(() => checkClaim(0.0672, claim('0.0667'), '0.0667', 'x:1')).toThrow(/x:1: claimed/);
    expect(() => checkClaim(Number.NaN, claim('0'), '0', 'x:1')).toThrow();
    expect(() => checkClaim(0.66, claim('~0.653'), '~0.653', 'x:1')).not.toThrow();
    expect(() => checkClaim(0.67, claim('~0.653'), '~0.653', 'x:1')).toThrow();
    expect(() => checkClaim('1', claim("'1'"), "'1'", 'x:1')).not.toThrow();
    expect(() => checkClaim(1, claim('true'), 'true', 'x:1')).toThrow();
    expect(() => checkClaim(['a'], claim("['a', 'b']"), "['a', 'b']", 'x:1')).toThrow();
  });

  it('turns claim statements into checks with their document line, and counts them', () => {
    const md = ['text', '```ts', 'const a = 2;', 'a * 2; // 4', 'if (a > 9) {', '  a; // 2', '}', '```'];
    const [block] = tsBlocks(md.join('\n'));
    expect(block?.line).toBe(3);
    const { code, claims } = instrument(block ?? { code: '', line: 0 }, 'doc.md');
    expect(claims).toBe(2);
    expect(code).toContain(
      '__check((a * 2), {"kind":"number","value":4,"decimals":0,"approx":false}, "4", "doc.md:4");',
    );
    expect(code).toContain('"doc.md:6"');
    expect(() => instrument({ code: 'const a = 2; // 2', line: 1 }, 'doc.md')).toThrow(
      /expression statement/,
    );
  });

  it('a document whose claim is wrong, or never reached, fails with its line', () => {
    const wrong = [
      '```ts',
      "import { fenskeStages } from 'reesim/sx';",
      'fenskeStages(0.999, 0.001, 1.5); // 35.1',
      '```',
    ];
    expect(() => runSnippets(wrong.join('\n'), 'wrong.md')).toThrow(/wrong\.md:3: claimed \/\/ 35\.1/);
    const unreached = ['```ts', 'const x = 1;', 'if (x > 1) {', '  x; // 1', '}', '```'];
    expect(() => runSnippets(unreached.join('\n'), 'unreached.md')).toThrow(/0 of 1 claims reached/);
    expect(() => runSnippets("```ts\nimport { x } from 'node:fs';\n```", 'other.md')).toThrow(
      /only from 'reesim'/,
    );
    // A subpath the package does not export is refused too.
    expect(() => runSnippets("```ts\nimport { fail } from 'reesim/core';\n```", 'other.md')).toThrow(
      /not 'reesim\/core'/,
    );
  });
});
