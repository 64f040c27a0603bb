// Every `@example` in a src/ doc comment runs as a test (STYLE.md principle 9), and the values its comments
// claim are asserted. A statement `expr; // 1.1664 kg Nd2O3 per kg Nd` must give that number to the shown
// precision (within 2 % when written `~1.17` or `≈1.17`); `// 'CeO2'`, `// true` and `// false` compare
// with ===; `// ['Sm', 'Eu', 'Gd']` or `// { CO: 1.5 }` (literals only) compare deeply. Any other comment is
// prose and the statement is just executed. Examples see every export of every entry point (src/index.ts
// and src/entries/*.ts: the examples document them all) plus every export of their own module, so internal
// helpers can be shown too; nothing else (no imports, no shared fixtures).
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';
import { ENTRY_POINTS } from '../entries.js';
import { checkClaim, parseClaim } from './snippets.js';

const root = resolve(import.meta.dirname, '../..');
const src = join(root, 'src');

/** Every export of every entry point (no name is exported by two: test/entries.test.ts). */
const api: Record<string, unknown> = Object.assign(
  {},
  ...(await Promise.all(ENTRY_POINTS.map((e) => import(e.source) as Promise<Record<string, unknown>>))),
);

function files(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true })
    .flatMap((e) =>
      e.isDirectory() ? files(join(dir, e.name)) : e.name.endsWith('.ts') ? [join(dir, e.name)] : [],
    )
    .sort();
}

// ---------------------------------------------------------------------------------------------------------
// Claims: what a trailing `// comment` asserts about the statement before it (the grammar is shared with
// the README and the guide: test/docs/snippets.ts)

/** Assert that `actual` is what `comment` claims; `where` names the source line for the message. */
function check(actual: unknown, comment: string, where: string): void {
  const claim = parseClaim(comment);
  if (!claim) throw new Error(`${where}: "// ${comment}" is not a claim`);
  checkClaim(actual, claim, comment, where);
}

// ---------------------------------------------------------------------------------------------------------
// Extraction: the `@example` blocks of each exported declaration's doc comment

interface Example {
  /** Name of the declaration the doc comment sits on. */
  name: string;
  /** The example's TypeScript, one line per source line. */
  code: string;
  /** Source line (1-based) of the example's first line. */
  line: number;
}

/** The example blocks of one doc comment starting at `start` in `text`. */
function commentExamples(text: string, start: number, end: number, name: string): Example[] {
  const firstLine = text.slice(0, start).split('\n').length;
  const lines = text
    .slice(start, end)
    .split('\n')
    .map((l) => l.replace(/^\s*\/?\*+\/?\s?/, '').replace(/\s*\*\/$/, ''));
  const examples: Example[] = [];
  let inExample = false;
  for (let i = 0; i < lines.length; i++) {
    const l = lines[i] ?? '';
    if (/^@\w+/.test(l)) inExample = l.startsWith('@example');
    if (!inExample || l.trim() !== '```ts') continue;
    const close = lines.findIndex((c, j) => j > i && c.trim() === '```');
    if (close < 0) throw new Error(`${name}: unterminated \`\`\`ts block at line ${firstLine + i}`);
    examples.push({ name, code: lines.slice(i + 1, close).join('\n'), line: firstLine + i + 1 });
    i = close;
  }
  return examples;
}

function declarationName(statement: ts.Statement): string {
  if (ts.isVariableStatement(statement)) {
    return statement.declarationList.declarations.map((d) => d.name.getText()).join(', ');
  }
  const named = statement as ts.Statement & { name?: ts.Node };
  return named.name?.getText() ?? ts.SyntaxKind[statement.kind];
}

function fileExamples(path: string): Example[] {
  const text = readFileSync(path, 'utf8');
  const file = ts.createSourceFile(path, text, ts.ScriptTarget.ES2022, true);
  const examples = file.statements.flatMap((statement) => {
    const docs = (ts.getLeadingCommentRanges(text, statement.pos) ?? []).filter((c) =>
      text.startsWith('/**', c.pos),
    );
    const doc = docs.at(-1);
    return doc ? commentExamples(text, doc.pos, doc.end, declarationName(statement)) : [];
  });
  // An @example that belongs to no declaration (e.g. a stray comment) would silently never run.
  const tags = (text.match(/^\s*\*\s*@example\b/gm) ?? []).length;
  if (tags !== examples.length) {
    throw new Error(
      `${relative(root, path)}: ${tags} @example tags but ${examples.length} \`\`\`ts blocks found`,
    );
  }
  return examples;
}

// ---------------------------------------------------------------------------------------------------------
// Running: claims become __check(value, comment, line) calls, then type stripping and evaluation

interface Prepared {
  js: string;
  claims: number;
}

function prepare(example: Example, where: (line: number) => string): Prepared {
  const source = ts.createSourceFile('example.ts', example.code, ts.ScriptTarget.ES2022, true);
  const edits: { start: number; end: number; text: string }[] = [];
  const visit = (node: ts.Node): void => {
    const comment = (ts.getTrailingCommentRanges(example.code, node.end) ?? [])[0];
    if (ts.isStatement(node) && comment?.kind === ts.SyntaxKind.SingleLineCommentTrivia) {
      const text = example.code.slice(comment.pos + 2, comment.end).trim();
      const line = example.line + source.getLineAndCharacterOfPosition(node.getStart()).line;
      if (parseClaim(text)) {
        if (!ts.isExpressionStatement(node)) {
          throw new Error(`${where(line)}: a claim ("// ${text}") must follow an expression statement`);
        }
        const expression = node.expression.getText();
        edits.push({
          start: node.getStart(),
          end: node.end,
          text: `__check((${expression}), ${JSON.stringify(text)}, ${line});`,
        });
        return;
      }
    }
    ts.forEachChild(node, visit);
  };
  visit(source);
  let code = example.code;
  for (const e of edits.sort((a, b) => b.start - a.start)) {
    code = code.slice(0, e.start) + e.text + code.slice(e.end);
  }
  const out = ts.transpileModule(code, {
    compilerOptions: { target: ts.ScriptTarget.ES2022, module: ts.ModuleKind.ESNext },
    reportDiagnostics: true,
  });
  const problems = (out.diagnostics ?? []).map((d) => ts.flattenDiagnosticMessageText(d.messageText, '\n'));
  if (problems.length > 0) throw new Error(`${where(example.line)}: ${problems.join('; ')}`);
  return { js: out.outputText, claims: edits.length };
}

type AsyncFunctionConstructor = new (...args: string[]) => (...args: unknown[]) => Promise<unknown>;
const AsyncFunction = Object.getPrototypeOf(async () => {}).constructor as AsyncFunctionConstructor;

const sources = files(src).map((path) => ({
  path,
  name: relative(root, path),
  examples: fileExamples(path),
}));

describe('doc-comment @example blocks', () => {
  it('there are examples to run', () => {
    expect(sources.flatMap((s) => s.examples).length).toBeGreaterThan(0);
  });

  for (const { path, name, examples } of sources) {
    const seen = new Map<string, number>();
    for (const example of examples) {
      const count = (seen.get(example.name) ?? 0) + 1;
      seen.set(example.name, count);
      const title = `${name}: @example of ${example.name}${count > 1 ? ` (${count})` : ''}`;
      it(title, async () => {
        const where = (line: number) => `${name}:${line}`;
        const { js, claims } = prepare(example, where);
        const own = (await import(path)) as Record<string, unknown>;
        const scope: Record<string, unknown> = { ...api, ...own };
        let checked = 0;
        scope.__check = (actual: unknown, comment: string, line: number) => {
          checked++;
          check(actual, comment, where(line));
        };
        const names = Object.keys(scope).filter((k) => k !== 'default');
        const run = new AsyncFunction(...names, `'use strict';\n{\n${js}\n}`);
        await run(...names.map((k) => scope[k]));
        // A claim inside a branch that never ran (say a catch block) would otherwise pass unseen.
        expect(checked, `${where(example.line)}: claims checked`).toBe(claims);
      });
    }
  }
});

describe('claim checker', () => {
  const at = 'test:1';
  it('compares a plain number to the decimals written', () => {
    expect(() => check(1.166376, '1.1664 kg Nd2O3 per kg Nd', at)).not.toThrow();
    expect(() => check(1.166376, '1.16638...', at)).not.toThrow();
    expect(() => check(1.166376, '1.1663', at)).toThrow();
    expect(() => check(16.6, '16', at)).toThrow();
    expect(() => check('16', '16', at)).toThrow();
    expect(() => check(Number.NaN, '0', at)).toThrow();
  });

  it('allows 2 % with ~ or ≈', () => {
    expect(() => check(0.5116, '~0.51', at)).not.toThrow();
    expect(() => check(101.9, '≈100', at)).not.toThrow();
    expect(() => check(102.1, '~100', at)).toThrow();
  });

  it('compares strings and booleans with ===, literal arrays and objects deeply', () => {
    expect(() => check('CeO2', "'CeO2'", at)).not.toThrow();
    expect(() => check('CeO2', "'Ce2O3'", at)).toThrow();
    expect(() => check(false, 'false', at)).not.toThrow();
    expect(() => check(0, 'false', at)).toThrow();
    expect(() => check(['Sm', 'Eu'], "['Sm', 'Eu']", at)).not.toThrow();
    expect(() => check({ CO: 1.5 }, '{ CO: 1.5, O2: 0.25 }', at)).toThrow();
  });

  it('treats other comments as prose', () => {
    for (const prose of [
      'kg/h Nd2O3 in ore',
      'lower: Fe2O3 counts against it',
      "{ grade: '3N', pass: true, ... }",
    ])
      expect(parseClaim(prose)).toBeUndefined();
  });
});
