import { readFileSync } from 'node:fs';
import { defineConfig } from 'tsup';

const { version } = JSON.parse(readFileSync('package.json', 'utf8')) as { version: string };

// `npm run build` empties dist/ first: the two builds below run side by side and must not clean each other.
export default defineConfig([
  {
    // The library, for `import` and `require`, with the engine's worker beside it.
    // `reesim/distributed` (BullMQ over Redis) is an entry of its own: bullmq and ioredis are optional
    // peers, loaded only when a distributed backend or worker connects.
    entry: { index: 'src/index.ts', distributed: 'src/distributed/index.ts', worker: 'src/engine/worker.ts' },
    format: ['esm', 'cjs'],
    dts: { entry: { index: 'src/index.ts', distributed: 'src/distributed/index.ts' } },
    sourcemap: true,
    clean: false,
    shims: true,
    target: 'node20',
    splitting: false,
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
    define: { __REESIM_VERSION__: JSON.stringify(version) },
  },
]);
