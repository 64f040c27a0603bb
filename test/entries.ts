// The package's entry points, read from package.json's "exports": `reesim` is src/index.ts and each
// subpath `reesim/<name>` is src/entries/<name>.ts (tsup.config.ts builds the same list). The docs tests
// (examples, coverage, README and guide snippets) and the pack test take their entries from here.
import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';

const root = resolve(import.meta.dirname, '..');

/** One entry point: what a user imports (`reesim/units`) and the source file that defines it. */
export interface EntryPoint {
  /** The import specifier: `reesim` or `reesim/<name>`. */
  readonly specifier: string;
  /** The build's file name without extension: `index` or `<name>` (dist/<name>.js, .cjs, .d.ts). */
  readonly name: string;
  /** Absolute path of the TypeScript source. */
  readonly source: string;
}

const exportsMap = (
  JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as { exports: Record<string, unknown> }
).exports;

/** Every entry point, `reesim` first. */
export const ENTRY_POINTS: readonly EntryPoint[] = Object.keys(exportsMap)
  .filter((key) => key !== './package.json')
  .map((key) => {
    const name = key === '.' ? 'index' : key.slice(2);
    const source = key === '.' ? 'src/index.ts' : `src/entries/${name}.ts`;
    return { specifier: key === '.' ? 'reesim' : `reesim/${name}`, name, source: join(root, source) };
  });
