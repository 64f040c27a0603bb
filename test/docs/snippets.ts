// Runs the ```ts blocks of a Markdown document as they are written: each block becomes an ES module whose
// `from 'reesim'` and `from 'reesim/<entry>'` imports point at the sources (test/entries.ts), and all of
// a document's blocks run in order in one Node process (tsx strips the types; top-level await works). A
// statement followed by a claim comment, `expr; // 0.7368 (closed form ...)`, is asserted: the same claim
// grammar as the doc-comment examples (test/docs/examples.test.ts): a number must match to the decimals
// shown (within 2 % when written `~0.65` or `≈0.65`); `'text'`, `true` and `false` compare with ===; array
// and object literals built of literals compare deeply. Any other comment is prose.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { isDeepStrictEqual } from 'node:util';
import type ts from 'typescript';
import { ENTRY_POINTS } from '../entries.js';

const root = resolve(import.meta.dirname, '../..');

let compiler: typeof ts | undefined;

/** The TypeScript compiler API, loaded on first use: the process that runs the blocks never needs it. */
function typescript(): typeof ts {
  compiler ??= createRequire(import.meta.url)('typescript') as typeof ts;
  return compiler;
}

/** A fenced ```ts block: its code and the document line (1-based) of its first code line. */
export interface Snippet {
  readonly code: string;
  readonly line: number;
}

/** The ```ts blocks of a Markdown document, in order. */
export function tsBlocks(markdown: string): Snippet[] {
  const lines = markdown.split('\n');
  const blocks: Snippet[] = [];
  for (let i = 0; i < lines.length; i++) {
    if (lines[i] !== '```ts') continue;
    const close = lines.findIndex((l, j) => j > i && l === '```');
    if (close < 0) throw new Error(`unterminated \`\`\`ts block at line ${i + 1}`);
    blocks.push({ code: lines.slice(i + 1, close).join('\n'), line: i + 2 });
    i = close;
  }
  return blocks;
}

// ---------------------------------------------------------------------------------------------------------
// Claims

/** What a trailing comment asserts about the statement before it. */
export type Claim =
  | { readonly kind: 'number'; readonly value: number; readonly decimals: number; readonly approx: boolean }
  | { readonly kind: 'identical'; readonly value: string | boolean }
  | { readonly kind: 'deep'; readonly value: unknown };

const NUMBER = /^([~≈])?\s*(-?\d+(?:\.(\d+))?)(?:\.\.\.|…)?(?=\s|$)/;
const STRING = /^'([^'\\]*)'(?=\s|$)/;
const BOOLEAN = /^(true|false)(?=\s|$)/;

/** The claim a comment makes, or undefined when it is prose. */
export function parseClaim(comment: string): Claim | undefined {
  const text = comment.trim();
  const n = NUMBER.exec(text);
  if (n) {
    return { kind: 'number', value: Number(n[2]), decimals: n[3]?.length ?? 0, approx: n[1] !== undefined };
  }
  const s = STRING.exec(text);
  if (s) return { kind: 'identical', value: s[1] ?? '' };
  const b = BOOLEAN.exec(text);
  if (b) return { kind: 'identical', value: b[1] === 'true' };
  if (/^[[{]/.test(text)) {
    const literal = literalValue(text);
    if (literal.ok) return { kind: 'deep', value: literal.value };
  }
  return undefined;
}

/** The value of an array or object literal built only of literals, e.g. `['Sm/Nd', 'Ce/La']`. */
function literalValue(text: string): { ok: true; value: unknown } | { ok: false } {
  const ts = typescript();
  const file = ts.createSourceFile('claim.ts', `(${text});`, ts.ScriptTarget.ES2022, true);
  const diagnostics = (file as unknown as { parseDiagnostics: readonly ts.Diagnostic[] }).parseDiagnostics;
  const statement = file.statements[0];
  if (diagnostics.length > 0 || file.statements.length !== 1 || !statement) return { ok: false };
  if (!ts.isExpressionStatement(statement) || !ts.isParenthesizedExpression(statement.expression))
    return { ok: false };
  const fail = Symbol('not a literal');
  const read = (node: ts.Expression): unknown => {
    if (ts.isStringLiteral(node)) return node.text;
    if (ts.isNumericLiteral(node)) return Number(node.text);
    if (node.kind === ts.SyntaxKind.TrueKeyword) return true;
    if (node.kind === ts.SyntaxKind.FalseKeyword) return false;
    if (node.kind === ts.SyntaxKind.NullKeyword) return null;
    if (ts.isPrefixUnaryExpression(node) && node.operator === ts.SyntaxKind.MinusToken) {
      const v = read(node.operand);
      return typeof v === 'number' ? -v : fail;
    }
    if (ts.isArrayLiteralExpression(node)) {
      const items = node.elements.map(read);
      return items.includes(fail) ? fail : items;
    }
    if (ts.isObjectLiteralExpression(node)) {
      const entries = node.properties.map((p) =>
        ts.isPropertyAssignment(p) && (ts.isIdentifier(p.name) || ts.isStringLiteral(p.name))
          ? [p.name.text, read(p.initializer)]
          : [undefined, fail],
      );
      return entries.some(([, v]) => v === fail) ? fail : Object.fromEntries(entries);
    }
    return fail;
  };
  const value = read(statement.expression.expression);
  return value === fail ? { ok: false } : { ok: true, value };
}

/** Throws unless `actual` is what `claim` says; `where` (document:line) and `comment` go in the message. */
export function checkClaim(actual: unknown, claim: Claim, comment: string, where: string): void {
  const show = (x: unknown) => (typeof x === 'string' ? `'${x}'` : (JSON.stringify(x) ?? String(x)));
  const wrong = () => new Error(`${where}: claimed // ${comment}, got ${show(actual)}`);
  switch (claim.kind) {
    case 'number': {
      if (typeof actual !== 'number' || !Number.isFinite(actual)) throw wrong();
      const tolerance = claim.approx
        ? 0.02 * Math.abs(claim.value)
        : 0.5 * 10 ** -claim.decimals * (1 + 1e-12); // equal after rounding to the decimals written
      if (Math.abs(actual - claim.value) > tolerance) throw wrong();
      return;
    }
    case 'identical':
      if (actual !== claim.value) throw wrong();
      return;
    case 'deep':
      if (!isDeepStrictEqual(actual, claim.value)) throw wrong();
      return;
  }
}

// ---------------------------------------------------------------------------------------------------------
// Running

/** The block with each claim statement `expr; // claim` turned into `__check(expr, ...)`; and the count. */
export function instrument(snippet: Snippet, document: string): { code: string; claims: number } {
  const ts = typescript();
  const source = ts.createSourceFile('snippet.ts', snippet.code, ts.ScriptTarget.ES2022, true);
  const edits: { start: number; end: number; text: string }[] = [];
  const visit = (node: ts.Node): void => {
    const comment = (ts.getTrailingCommentRanges(snippet.code, node.end) ?? [])[0];
    if (ts.isStatement(node) && comment?.kind === ts.SyntaxKind.SingleLineCommentTrivia) {
      const text = snippet.code.slice(comment.pos + 2, comment.end).trim();
      const claim = parseClaim(text);
      const where = `${document}:${snippet.line + source.getLineAndCharacterOfPosition(node.getStart()).line}`;
      if (claim) {
        if (!ts.isExpressionStatement(node))
          throw new Error(`${where}: a claim ("// ${text}") must follow an expression statement`);
        const args = [JSON.stringify(claim), JSON.stringify(text), JSON.stringify(where)].join(', ');
        edits.push({
          start: node.getStart(),
          end: node.end,
          text: `__check((${node.expression.getText()}), ${args});`,
        });
        return;
      }
    }
    ts.forEachChild(node, visit);
  };
  visit(source);
  let code = snippet.code;
  for (const e of edits.sort((a, b) => b.start - a.start)) {
    code = code.slice(0, e.start) + e.text + code.slice(e.end);
  }
  return { code, claims: edits.length };
}

/**
 * Runs every ```ts block of `markdown` (named `document` in messages) in one child process, in order, with
 * `'reesim'` resolved to src/index.ts and `'reesim/<entry>'` to src/entries/<entry>.ts; throws with the
 * block's line and the child's output when a block throws, a claim fails or a claim was never reached. Returns the number of blocks and claims checked.
 */
export function runSnippets(markdown: string, document: string): { blocks: number; claims: number } {
  const blocks = tsBlocks(markdown);
  const entries = new Map(ENTRY_POINTS.map((e) => [e.specifier, pathToFileURL(e.source).href]));
  const checker = pathToFileURL(join(root, 'test/docs/snippets.ts')).href;
  const dir = mkdtempSync(join(tmpdir(), 'reesim-snippets-'));
  try {
    let claims = 0;
    const imports = blocks.map((block, i) => {
      const prepared = instrument(block, document);
      claims += prepared.claims;
      for (const m of block.code.matchAll(/\bfrom '([^']*)'/g)) {
        if (!entries.has(m[1] ?? ''))
          throw new Error(
            `${document}:${block.line}: a block may import only from ${[...entries.keys()].map((k) => `'${k}'`).join(', ')}, not '${m[1]}'`,
          );
      }
      const file = join(dir, `block-${i}.mts`);
      const code = prepared.code.replace(
        /\bfrom '([^']*)'/g,
        (_, spec: string) => `from '${entries.get(spec)}'`,
      );
      writeFileSync(file, `import { __check } from '${checker}';\n${code}\n`);
      return `  [${JSON.stringify(pathToFileURL(file).href)}, ${block.line}],`;
    });
    const runner = [
      `import { checkedClaims } from '${checker}';`,
      'const blocks = [',
      ...imports,
      '];',
      'for (const [url, line] of blocks) {',
      '  try {',
      '    await import(url);',
      '  } catch (e) {',
      `    throw new Error(\`the block at ${document}:\${line} failed: \${e instanceof Error ? e.stack : e}\`);`,
      '  }',
      '}',
      'const checked = checkedClaims();',
      `if (checked !== ${claims}) throw new Error(\`${document}: \${checked} of ${claims} claims reached\`);`,
    ].join('\n');
    const file = join(dir, 'runner.mts');
    writeFileSync(file, runner);
    try {
      execFileSync(process.execPath, ['--import', 'tsx', file], {
        cwd: root,
        encoding: 'utf8',
        stdio: 'pipe',
      });
    } catch (e) {
      const stderr = (e as { stderr?: string }).stderr ?? '';
      throw new Error(`${document}: snippets failed\n${stderr || String(e)}`);
    }
    return { blocks: blocks.length, claims };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

let checked = 0;

/** The check the instrumented blocks call: {@link checkClaim}, counted. */
export function __check(actual: unknown, claim: Claim, comment: string, where: string): void {
  checked++;
  checkClaim(actual, claim, comment, where);
}

/** How many claims `__check` has checked in this process (the runner compares it with the count found). */
export function checkedClaims(): number {
  return checked;
}
