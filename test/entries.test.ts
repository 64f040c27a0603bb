// The entry points (issue 14, "a slim public surface"): package.json's "exports", the files under
// src/entries/, tsup's build and typedoc's entry points name the same entries; each entry re-exports named
// things only (no `export *`), no name has two homes, and the main entry stays at most 150 names.
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';
import { ENTRY_POINTS } from './entries.js';

const root = resolve(import.meta.dirname, '..');

/** The names an entry file exports, read from its `export { ... } from` statements (types included). */
function exportedNames(source: string): string[] {
  const file = ts.createSourceFile(source, readFileSync(source, 'utf8'), ts.ScriptTarget.ES2022, true);
  return file.statements.flatMap((s) => {
    if (!ts.isExportDeclaration(s) || !s.exportClause || !ts.isNamedExports(s.exportClause))
      throw new Error(
        `${relative(root, source)}: only \`export { ... } from\` statements, got: ${s.getText()}`,
      );
    return s.exportClause.elements.map((e) => e.name.text);
  });
}

const names = new Map(ENTRY_POINTS.map((e) => [e.specifier, exportedNames(e.source)]));

describe('entry points', () => {
  it("package.json's subpaths are src/entries/'s files, each with import and require, types first", () => {
    const files = readdirSync(join(root, 'src/entries')).map((f) => f.replace(/\.ts$/, ''));
    expect(ENTRY_POINTS.map((e) => e.name).sort()).toEqual(['index', ...files].sort());
    const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'));
    const exportsMap = pkg.exports;
    // TypeScript's node10 resolution ignores "exports": "typesVersions" points it at each subpath's types.
    expect(pkg.typesVersions).toEqual({
      '*': Object.fromEntries(files.map((f) => [f, [`./dist/${f}.d.ts`]])),
    });
    for (const { name } of ENTRY_POINTS) {
      expect(exportsMap[name === 'index' ? '.' : `./${name}`]).toEqual({
        import: { types: `./dist/${name}.d.ts`, default: `./dist/${name}.js` },
        require: { types: `./dist/${name}.d.cts`, default: `./dist/${name}.cjs` },
      });
    }
  });

  it('typedoc documents every entry point', () => {
    const typedoc = JSON.parse(readFileSync(join(root, 'typedoc.json'), 'utf8')) as { entryPoints: string[] };
    expect([...typedoc.entryPoints].sort()).toEqual(ENTRY_POINTS.map((e) => relative(root, e.source)).sort());
  });

  it('no name is exported by two entries', () => {
    const home = new Map<string, string>();
    const twice: string[] = [];
    for (const [specifier, list] of names) {
      for (const name of list) {
        if (home.has(name)) twice.push(`${name}: ${home.get(name)} and ${specifier}`);
        home.set(name, specifier);
      }
    }
    expect(twice).toEqual([]);
  });

  it("the main entry 'reesim' exports at most 150 names (types included)", () => {
    expect(names.get('reesim')?.length).toBeLessThanOrEqual(150);
  });

  it("the deprecated unit names are still exported by 'reesim' (for one version)", async () => {
    const api = (await import('../src/index.js')) as Record<string, unknown>;
    const units = (await import('../src/entries/units.js')) as Record<string, unknown>;
    const renamed = {
      beneficiate: 'beneficiation',
      calcine: 'calcination',
      electrowin: 'electrolysis',
      grade: 'grading',
      precipitate: 'precipitation',
      extractCut: 'solventExtraction',
      splitStream: 'splitter',
      vacuumRefine: 'vacuumRefining',
    };
    for (const [old, name] of Object.entries(renamed)) expect(api[old], old).toBe(units[name]);
  });
});
