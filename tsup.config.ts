import { defineConfig } from 'tsup';

export default defineConfig({
  entry: { index: 'src/index.ts', worker: 'src/engine/worker.ts' },
  format: ['esm', 'cjs'],
  dts: { entry: { index: 'src/index.ts' } },
  sourcemap: true,
  clean: true,
  shims: true,
  target: 'node20',
  splitting: false,
  // tsx loads TypeScript task modules when running from sources; never bundle it (a dev dependency).
  external: ['tsx'],
});
