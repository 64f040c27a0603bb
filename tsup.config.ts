import { readFileSync } from 'node:fs';
import { defineConfig } from 'tsup';

const pkg = JSON.parse(readFileSync('package.json', 'utf8')) as {
  version: string;
  exports: Record<string, unknown>;
};

/**
 * The package's entry points, from package.json's "exports": `.` is src/index.ts (dist/index.*) and each
 * subpath `./<name>` is src/entries/<name>.ts (dist/<name>.*).
 */
const entries = Object.fromEntries(
  Object.keys(pkg.exports)
    .filter((key) => key !== './package.json')
    .map((key) =>
      key === '.' ? ['index', 'src/index.ts'] : [key.slice(2), `src/entries/${key.slice(2)}.ts`],
    ),
);

// `npm run build` empties dist/ first: the two builds below run side by side and must not clean each other.
export default defineConfig([
  {
    // The library, for `import` and `require`, with the engine's worker beside it. Code the entries share
    // sits in chunks, so every entry sees the same modules: a ReesimError thrown by `reesim/units` is an
    // instance of the class `reesim` exports.
    entry: { ...entries, worker: 'src/engine/worker.ts' },
    format: ['esm', 'cjs'],
    dts: { entry: entries },
    sourcemap: true,
    clean: false,
    shims: true,
    target: 'node20',
    splitting: true,
    // tsx loads TypeScript task modules when running from sources; never bundle it (a dev dependency).
    external: ['tsx'],
  },
  {
    // The `reesim` command (ESM only: vega and vega-lite are ESM). It finds dist/worker.js beside it.
    entry: { cli: 'src/cli/main.ts' },
    format: ['esm'],
    sourcemap: true,
    clean: false,
    target: 'node20',
    splitting: false,
    external: ['tsx'],
    define: { __REESIM_VERSION__: JSON.stringify(pkg.version) },
  },
]);
